//! The first byte picks a model type (`cytomine_fuzz::models::MODELS`), the rest is an answer's
//! body, decoded as one object, a collection page and a command envelope: never a panic, and
//! whatever decodes prints without secrets and survives a round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some((selector, body)) = data.split_first() {
        cytomine_fuzz::models::decode(*selector, body);
    }
});
