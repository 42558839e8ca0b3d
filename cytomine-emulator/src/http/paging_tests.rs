use serde_json::Value;

use super::*;

fn call(query: &str, early: Option<Early>) -> Call {
    let mut call = Call::test_get("/api/annotation.json", query, None, "http://127.0.0.1:1");
    call.early = early;
    call
}

/// Lists the keys `0..len`, of which the odd ones have no item; each item is `"<n>"` padded
/// with `pad` spaces inside the string (big items reach a chunk in few keys).
fn listing(call: &Call, len: usize, pad: usize) -> Reply {
    let outcome = paged_json(
        call,
        len,
        |offset, max| (0..len).skip(offset).take(max),
        |n: &usize| (n % 2 == 0).then_some(*n),
        |out: &mut Vec<u8>, n: usize| {
            out.extend_from_slice(format!("\"{n}{}\"", " ".repeat(pad)).as_bytes());
        },
    );
    outcome.unwrap_or_else(Fail::reply)
}

/// The answer of `listing` with an early port: its chunks joined, or its whole body.
fn streamed(query: &str, len: usize, pad: usize) -> (Vec<u8>, usize) {
    let (early, mut answer) = Early::channel();
    let call = call(query, Some(early));
    let returned = listing(&call, len, pad);
    let Ok(reply) = answer.try_recv() else {
        // Nothing went out early: the returned answer is the whole one.
        return (returned.body().to_vec(), 1);
    };
    assert!(
        returned.body().is_empty(),
        "a stand-in after an early answer"
    );
    let mut chunks = reply.into_chunks().expect("an answer in chunks");
    drop(call);
    let (mut body, mut count) = (Vec::new(), 0);
    while let Ok(chunk) = chunks.try_recv() {
        assert!(!chunk.is_empty(), "an empty chunk");
        body.extend_from_slice(&chunk);
        count += 1;
    }
    (body, count)
}

#[test]
fn a_page_sent_in_chunks_is_the_page_written_whole() {
    for (len, pad) in [
        (0, 0),
        (1, 0),
        (3, 0),
        (10_001, 0),
        (2_000, 1_000),
        (600, 4_000),
    ] {
        for query in ["", "max=7&offset=3", "max=1000&offset=999"] {
            let whole = listing(&call(query, None), len, pad).body().to_vec();
            let expected: Value = serde_json::from_slice(&whole).expect("whole JSON");
            let items = expected["collection"].as_array().expect("collection");
            let wanted = (0..len).skip(offset_of(query)).take(max_of(query));
            let wanted = wanted.filter(|n| n % 2 == 0);
            assert_eq!(items.len(), wanted.count(), "{len} keys, {query:?}");
            let (body, chunks) = streamed(query, len, pad);
            assert_eq!(body, whole, "{len} keys of {pad}, {query:?}");
            if whole.len() > CHUNK {
                assert!(chunks >= 2, "{} bytes in {chunks} chunk(s)", whole.len());
            } else {
                assert_eq!(chunks, 1, "{} bytes in {chunks} chunks", whole.len());
            }
        }
    }
}

#[test]
fn a_large_page_goes_out_before_it_is_written_and_stops_when_the_client_leaves() {
    let (early, answer) = Early::channel();
    let answer = std::cell::RefCell::new(answer);
    let call = call("", Some(early));
    let written = std::cell::Cell::new(0usize);
    let reply = paged_json(
        &call,
        100_000,
        |offset, max| (0..100_000usize).skip(offset).take(max),
        |n: &usize| Some(*n),
        |out: &mut Vec<u8>, n: usize| {
            if written.get() == 5_000 {
                // The answer is out after the first chunk: the client reads it and leaves.
                let early = answer
                    .borrow_mut()
                    .try_recv()
                    .expect("answered before the end");
                drop(early);
            }
            written.set(written.get() + 1);
            out.extend_from_slice(format!("\"{n}{}\"", " ".repeat(100)).as_bytes());
        },
    );
    assert!(reply.is_ok());
    assert!(
        written.get() < 10_000,
        "kept writing for a client that left: {} items",
        written.get()
    );
}

fn offset_of(query: &str) -> usize {
    param(query, "offset").unwrap_or(0)
}

fn max_of(query: &str) -> usize {
    param(query, "max").unwrap_or(usize::MAX)
}

fn param(query: &str, key: &str) -> Option<usize> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
}
