//! Raw pipelined HTTP/1.1 requests through the emulator's request handling (routing, query
//! parsing, the `Authorization` parser, multipart, JSON bodies into records): never a panic,
//! and every JSON answer is JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cytomine_emulator::fuzzing::run(data);
});
