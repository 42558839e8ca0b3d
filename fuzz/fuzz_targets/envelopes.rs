//! Batch outcomes and server-message extraction on arbitrary bytes
//! (`cytomine_fuzz::envelopes::check`): never a panic, every item accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    cytomine_fuzz::envelopes::check(data);
});
