//! The emulator's `geometry::parse_wkt` on any text; what parses is written by `to_wkt` as text
//! that a second parse writes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        cytomine_fuzz::wkt::round_trip(text);
    }
});
