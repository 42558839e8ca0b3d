//! A collection page decoded while its body arrives: `{"collection": [..], "size": N, ..}` is
//! read chunk by chunk, and each item is decoded as soon as its last byte is in.
//!
//! Why not read the body whole and hand it to serde: a listing can be large (every annotation
//! of a project, asked for all at once), and holding its body next to the decoded items would
//! double the memory it takes. Here only the bytes of a value that straddles two chunks are
//! copied aside, so the memory a listing takes is that of its items. An object item that lies
//! whole in one chunk is decoded straight from it, in the pass that finds where it ends; only
//! the others are first delimited, then decoded.
//!
//! The reader accepts what `serde_json::from_slice::<Page<T>>` accepts (the unit tests and the
//! `envelopes` fuzz target compare the two on splits of each body), except serde's array form
//! of a struct (`[[items], size]`), which no server sends. Its errors name the item's JSON path,
//! as [`decode`](super::decode::decode) does.

use serde::de::{DeserializeOwned, IgnoredAny};

use super::decode::decode_at;
use super::envelope::Page;
use super::transport::transport_error;
use crate::error::{snippet, Error, RequestInfo, SNIPPET_CHARS};

/// Reads a successful page answer chunk by chunk, into room made for `room` items.
pub(crate) async fn read_page<T: DeserializeOwned>(
    request: RequestInfo,
    mut response: reqwest::Response,
    room: usize,
) -> Result<Page<T>, Error> {
    let status = response.status().as_u16();
    let mut reader = PageReader::new(request, status);
    reader.items.reserve(room);
    let read = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(err) = reader.feed(&chunk) {
                    break Err(err);
                }
            }
            Ok(None) => break Ok(()),
            Err(e) => break Err(transport_error(&reader.request, e)),
        }
    };
    tracing::trace!(target: "cytomine::http", body = %snippet(&reader.head), "response body");
    read?;
    reader.finish()
}

/// Reads one page: [`PageReader::feed`] each chunk, then [`PageReader::finish`].
pub(crate) struct PageReader<T> {
    request: RequestInfo,
    status: u16,
    /// Where in the envelope the next byte falls, when no value is open.
    phase: Phase,
    /// The value being read, if one has started.
    open: Option<Open>,
    /// Bytes of the open value received in earlier chunks.
    carry: Vec<u8>,
    /// The envelope key whose value comes next.
    key: Key,
    items: Vec<T>,
    size: Option<u64>,
    seen_collection: bool,
    seen_size: bool,
    /// Bytes received before the current chunk.
    consumed: usize,
    /// The first bytes of the body, for error messages.
    head: Vec<u8>,
}

/// Where the reader stands between values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the opening `{`.
    Start,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in the envelope: a key.
    Key,
    /// After a key: `:`.
    Colon,
    /// After `:`: the key's value.
    Value,
    /// After a value in the envelope: `,` or `}`.
    AfterValue,
    /// After `[` of the collection: an item or `]`.
    FirstItem,
    /// After `,` in the collection: an item.
    Item,
    /// After an item: `,` or `]`.
    AfterItem,
    /// After the closing `}`: only whitespace.
    Done,
}

/// What an open value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A key of the envelope.
    Key,
    /// An item of the collection.
    Item,
    /// The value of an envelope key other than `collection`.
    Value,
}

/// Which envelope key was read last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Collection,
    Size,
    Other,
}

/// A value that has started.
struct Open {
    role: Role,
    extent: Extent,
    /// Where it starts in the current chunk; `None` when its first bytes are in `carry`.
    start: Option<usize>,
}

/// Finds where a JSON value ends, resumably across chunks. It follows strings and nesting only;
/// serde checks the value's syntax once its bytes are complete.
#[derive(Debug, Clone, Copy, Default)]
struct Extent {
    depth: u32,
    in_string: bool,
    escaped: bool,
    scalar: bool,
}

impl Extent {
    /// The scan state after the value's first byte, `first` (not whitespace).
    fn begin(first: u8) -> Extent {
        match first {
            b'{' | b'[' => Extent {
                depth: 1,
                ..Extent::default()
            },
            b'"' => Extent {
                in_string: true,
                ..Extent::default()
            },
            _ => Extent {
                scalar: true,
                ..Extent::default()
            },
        }
    }

    /// Scans `bytes`, which follow what was scanned before: the index just past the value's last
    /// byte if it ends here. A number or literal ends before the first delimiter.
    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < bytes.len() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    i += 1;
                    continue;
                }
                let at = i + memchr::memchr2(b'"', b'\\', &bytes[i..])?;
                i = at + 1;
                if bytes[at] == b'\\' {
                    self.escaped = true;
                } else {
                    self.in_string = false;
                    if self.depth == 0 {
                        return Some(i);
                    }
                }
                continue;
            }
            let byte = bytes[i];
            if self.scalar {
                if matches!(byte, b',' | b']' | b'}') || is_space(byte) {
                    return Some(i);
                }
            } else {
                match byte {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => {
                        self.depth -= 1;
                        if self.depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        None
    }

    /// Whether a value cut here by the end of the body is complete: only a number or literal is.
    fn complete_at_end(&self) -> bool {
        self.scalar
    }
}

/// The longest start of `bytes` that is valid UTF-8 (a chunk may end inside a character).
fn utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default(),
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

impl<T: DeserializeOwned> PageReader<T> {
    /// A reader for the answer to `request` (status `status`).
    pub fn new(request: RequestInfo, status: u16) -> Self {
        PageReader {
            request,
            status,
            phase: Phase::Start,
            open: None,
            carry: Vec::new(),
            key: Key::Other,
            items: Vec::new(),
            size: None,
            seen_collection: false,
            seen_size: false,
            consumed: 0,
            head: Vec::new(),
        }
    }

    /// Reads the next chunk of the body, decoding every item it completes.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if self.head.len() < SNIPPET_CHARS {
            let room = (SNIPPET_CHARS - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..room]);
        }
        // Checked once here, the text spares serde a check of each string of each item.
        let text = utf8_prefix(chunk);
        let mut i = 0;
        while i < chunk.len() {
            if let Some(mut open) = self.open.take() {
                let Some(n) = open.extent.scan(&chunk[i..]) else {
                    self.open = Some(open);
                    break;
                };
                let end = i + n;
                let Open { role, start, .. } = open;
                match start {
                    Some(start) => self.close(role, &chunk[start..end])?,
                    None => {
                        let mut value = std::mem::take(&mut self.carry);
                        value.extend_from_slice(&chunk[..end]);
                        let closed = self.close(role, &value);
                        value.clear();
                        self.carry = value;
                        closed?;
                    }
                }
                i = end;
                continue;
            }
            let byte = chunk[i];
            if is_space(byte) {
                i += 1;
                continue;
            }
            if let Some(n) = self.whole_item(byte, text.get(i..).unwrap_or_default()) {
                i += n;
                continue;
            }
            self.step(byte, i)?;
            i += 1;
        }
        if let Some(open) = &mut self.open {
            // The value goes on in the next chunk: keep its bytes so far.
            let from = open.start.take().unwrap_or(0);
            self.carry.extend_from_slice(&chunk[from..]);
        }
        self.consumed += chunk.len();
        Ok(())
    }

    /// The page, once the body has ended.
    pub fn finish(mut self) -> Result<Page<T>, Error> {
        if let Some(open) = self.open.take() {
            if !open.extent.complete_at_end() {
                return Err(self.syntax("EOF while parsing a value"));
            }
            let value = std::mem::take(&mut self.carry);
            self.close(open.role, &value)?;
        }
        if self.phase != Phase::Done {
            return Err(self.syntax("EOF while parsing the page"));
        }
        if !self.seen_collection {
            return Err(self.fault(".", "missing field `collection`".into()));
        }
        Ok(Page {
            collection: self.items,
            size: self.size,
        })
    }

    /// An object item that starts with `first` and ends within `rest` (the chunk's valid UTF-8
    /// from `first` on), decoded in the same pass that finds its end: the bytes it took.
    ///
    /// `None` leaves the item to [`Extent`] and [`decode_at`]: an item that goes on in the next
    /// chunk or holds invalid UTF-8 (its bytes here are read once more, at most the rest of this
    /// chunk), an item that does not decode (so that its error names its path as any other's
    /// does), and any item that is not an object, whose end serde cannot tell from a cut.
    fn whole_item(&mut self, first: u8, rest: &str) -> Option<usize> {
        if first != b'{' || !matches!(self.phase, Phase::FirstItem | Phase::Item) {
            return None;
        }
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let item = values.next()?.ok()?;
        self.items.push(item);
        self.phase = Phase::AfterItem;
        Some(values.byte_offset())
    }

    /// One byte between values (never whitespace) at `at` in the current chunk.
    fn step(&mut self, byte: u8, at: usize) -> Result<(), Error> {
        let expected = match (self.phase, byte) {
            (Phase::Start, b'{') => return self.go(Phase::FirstKey),
            (Phase::Start, _) => "`{`, the page is an object",
            (Phase::FirstKey, b'}') | (Phase::AfterValue, b'}') => return self.go(Phase::Done),
            (Phase::FirstKey | Phase::Key, b'"') => return self.open(Role::Key, byte, at),
            (Phase::FirstKey, _) => "a key or `}`",
            (Phase::Key, _) => "a key",
            (Phase::Colon, b':') => return self.go(Phase::Value),
            (Phase::Colon, _) => "`:`",
            (Phase::Value, b'[') if self.key == Key::Collection => {
                return self.go(Phase::FirstItem)
            }
            (Phase::Value, b'{' | b'"' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                return self.open(Role::Value, byte, at);
            }
            (Phase::Value, _) => "a value",
            (Phase::AfterValue, b',') => return self.go(Phase::Key),
            (Phase::AfterValue, _) => "`,` or `}`",
            (Phase::FirstItem, b']') | (Phase::AfterItem, b']') => {
                return self.go(Phase::AfterValue)
            }
            (Phase::FirstItem | Phase::Item, b'{' | b'"' | b'[' | b'-' | b'0'..=b'9')
            | (Phase::FirstItem | Phase::Item, b't' | b'f' | b'n') => {
                return self.open(Role::Item, byte, at);
            }
            (Phase::FirstItem, _) => "an item or `]`",
            (Phase::Item, _) => "an item",
            (Phase::AfterItem, b',') => return self.go(Phase::Item),
            (Phase::AfterItem, _) => "`,` or `]`",
            (Phase::Done, _) => return Err(self.syntax("trailing characters")),
        };
        let found = char::from(byte).escape_default();
        Err(self.syntax(&format!(
            "expected {expected}, found `{found}` at byte {}",
            self.consumed + at
        )))
    }

    fn go(&mut self, phase: Phase) -> Result<(), Error> {
        self.phase = phase;
        Ok(())
    }

    /// A value starts at `at` in the current chunk with `first`.
    fn open(&mut self, role: Role, first: u8, at: usize) -> Result<(), Error> {
        if role == Role::Value && self.key == Key::Collection {
            // `collection` holds something other than an array: serde's message for it.
            return Err(self.fault("collection", "invalid type: expected a sequence".into()));
        }
        self.open = Some(Open {
            role,
            extent: Extent::begin(first),
            start: Some(at),
        });
        Ok(())
    }

    /// A value is complete: `bytes` are all of it.
    fn close(&mut self, role: Role, bytes: &[u8]) -> Result<(), Error> {
        match role {
            Role::Key => {
                let key: String =
                    serde_json::from_slice(bytes).map_err(|e| self.fault(".", e.to_string()))?;
                self.key = match key.as_str() {
                    "collection" => Key::Collection,
                    "size" => Key::Size,
                    _ => Key::Other,
                };
                let seen = match self.key {
                    Key::Collection => std::mem::replace(&mut self.seen_collection, true),
                    Key::Size => std::mem::replace(&mut self.seen_size, true),
                    Key::Other => false,
                };
                if seen {
                    return Err(self.fault(".", format!("duplicate field `{key}`")));
                }
                self.phase = Phase::Colon;
            }
            Role::Item => {
                let index = self.items.len();
                let path = || format!("collection[{index}]");
                let item = decode_at(&self.request, self.status, path, bytes, &self.head)?;
                self.items.push(item);
                self.phase = Phase::AfterItem;
            }
            Role::Value => {
                if self.key == Key::Size {
                    let path = || "size".to_string();
                    self.size = decode_at(&self.request, self.status, path, bytes, &self.head)?;
                } else {
                    decode_at::<IgnoredAny>(
                        &self.request,
                        self.status,
                        String::new,
                        bytes,
                        &self.head,
                    )?;
                }
                self.phase = Phase::AfterValue;
            }
        }
        Ok(())
    }

    fn syntax(&self, reason: &str) -> Error {
        self.fault(".", reason.to_string())
    }

    fn fault(&self, path: &str, reason: String) -> Error {
        Error::decode(
            &self.request,
            self.status,
            path,
            reason,
            snippet(&self.head),
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn request() -> RequestInfo {
        RequestInfo {
            method: "GET".into(),
            url: "http://h/api/annotation.json".into(),
        }
    }

    /// Reads `body` in the chunks that the cut points make.
    fn read(body: &[u8], cuts: &[usize]) -> Result<Page<Value>, Error> {
        let mut reader = PageReader::new(request(), 200);
        let mut from = 0;
        for &cut in cuts.iter().chain([&body.len()]) {
            reader.feed(&body[from..cut])?;
            from = cut;
        }
        reader.finish()
    }

    /// What serde makes of the whole body at once.
    fn whole(body: &[u8]) -> Option<(Vec<Value>, Option<u64>)> {
        serde_json::from_slice::<Page<Value>>(body)
            .ok()
            .map(|p| (p.collection, p.size))
    }

    /// The reader agrees with serde on `body` cut anywhere once, and fed byte by byte.
    fn agrees(body: &str) {
        agrees_on_bytes(body.as_bytes());
    }

    fn agrees_on_bytes(body: &[u8]) {
        let expected = whole(body);
        let mut splits: Vec<Vec<usize>> = (0..=body.len()).map(|cut| vec![cut]).collect();
        splits.push((1..body.len()).collect());
        for cuts in splits {
            let got = read(body, &cuts).ok().map(|p| (p.collection, p.size));
            assert_eq!(
                got,
                expected,
                "{} cut at {cuts:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn reads_what_serde_reads_however_the_body_is_cut() {
        let bodies = [
            r#"{"collection":[],"offset":0,"perPage":0,"size":0,"totalPages":0}"#,
            r#"{"collection": [{"id": 1, "name": "a"}, {"id": 2}], "size": 2}"#,
            r#" { "size" : 7 , "collection" : [ 1 , -2.5e3 , true , null , "s" ] } "#,
            r#"{"collection":[{"s":"a \"quoted\" ] } [ { , word","n":[[1],{"x":[]}]}],"size":null}"#,
            r#"{"collection":[{"path":"C:\\dir\\","u":"\u00e9\ud83d\ude00"}],"x":{"deep":[{"a":"}"}]}}"#,
            r#"{"other":"collection","collection":["size"],"more":[1,{"2":3}],"flag":false}"#,
            r#"{"coll\u0065ction":[1],"\u0073ize":1}"#,
            "{\"collection\":[\n1,\t2\r\n]\n}\n",
            // Refused alike.
            r#"{"collection":[1,]}"#,
            r#"{"collection":[1 2]}"#,
            r#"{"collection":null}"#,
            r#"{"collection":{"a":1}}"#,
            r#"{"collection":[1],"collection":[2]}"#,
            r#"{"collection":[1],"size":1,"size":2}"#,
            r#"{"collection":[1],"size":-1}"#,
            r#"{"collection":[1],"size":"3"}"#,
            r#"{"size":3}"#,
            r#"{"collection":[1]"#,
            r#"{"collection":[{"a":"unterminated}]}"#,
            r#"{"collection":[tru]}"#,
            r#"{"collection":[1],"x":nul}"#,
            r#"{"collection":[1]} x"#,
            r#"{"collection":[1]}{}"#,
            r#"{"collection":[1],}"#,
            r#"{"collection":[01]}"#,
            r#"{"collection":[1}"#,
            r#"{"collection":[{"a":1]}]}"#,
            r#"{collection:[1]}"#,
            r#"[{"collection":[1]}]"#,
            "<!DOCTYPE html><html><body>Oops</body></html>",
            "",
            "   ",
        ];
        for body in bodies {
            agrees(body);
        }
    }

    #[test]
    fn characters_cut_between_chunks_and_invalid_utf8_are_read_as_serde_reads_them() {
        agrees(r#"{"collection":[{"name":"é😀 Zürich"},"日本語",{"a":["ü"]}],"size":3}"#);
        // Invalid UTF-8 inside a string of an item, of an object item, of an ignored value, and
        // of a key.
        for bad in [&b"\"na\xffme\""[..], b"\"\xc3\"", b"\"\xe6\x97\""] {
            for body in [
                [&b"{\"collection\":[1,"[..], bad, b",2],\"size\":2}"].concat(),
                [&b"{\"collection\":[{\"a\":1},{\"b\":"[..], bad, b"}]}"].concat(),
                [&b"{\"collection\":[1],\"x\":"[..], bad, b"}"].concat(),
                [&b"{\"collection\":[1],"[..], bad, b":1}"].concat(),
            ] {
                agrees_on_bytes(&body);
            }
        }
    }

    #[test]
    fn a_bad_item_is_named_by_its_path_and_its_reason() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: i64,
        }
        let body = br#"{"collection":[{"id":1},{"id":2},{"id":"three"}],"size":3}"#;
        for cut in [0, 20, 30, 40, body.len()] {
            let mut reader = PageReader::<Item>::new(request(), 200);
            let err = reader
                .feed(&body[..cut])
                .and_then(|()| reader.feed(&body[cut..]))
                .unwrap_err();
            let Error::Decode {
                path, reason, body, ..
            } = &err
            else {
                panic!("not a decode error: {err:?}")
            };
            assert_eq!(path, "collection[2].id", "cut at {cut}");
            assert!(reason.contains("invalid type"), "{reason}");
            assert!(body.starts_with(r#"{"collection":"#), "{body}");
        }
    }

    #[test]
    fn an_item_fails_alike_whole_in_a_chunk_or_cut() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Item {
            id: i64,
        }
        let bodies: [&[u8]; 3] = [
            br#"{"collection":[{"id":1},{"id":"two"}]}"#,
            br#"{"collection":[{"id":1},{"id":2 "x":3}]}"#,
            br#"{"collection":[{"id":1},{"id":2,"id":3}]}"#,
        ];
        for body in bodies {
            let item = &body[24..body.len() - 2];
            let alone = crate::http::decode::decode::<Item>(&request(), 200, item).unwrap_err();
            let Error::Decode { reason, .. } = alone else {
                panic!("not a decode error: {alone:?}")
            };
            for cut in 0..=body.len() {
                let mut reader = PageReader::<Item>::new(request(), 200);
                let err = reader
                    .feed(&body[..cut])
                    .and_then(|()| reader.feed(&body[cut..]))
                    .unwrap_err();
                assert!(
                    matches!(&err, Error::Decode { path, reason: r, .. }
                        if path.starts_with("collection[1]") && *r == reason),
                    "cut at {cut}: {err:?}"
                );
            }
        }
    }

    #[test]
    fn syntax_errors_say_what_was_expected_and_where() {
        let cases = [
            (
                r#"{"collection":[1 2]}"#,
                "expected `,` or `]`, found `2` at byte 17",
            ),
            (
                "<html>",
                "expected `{`, the page is an object, found `<` at byte 0",
            ),
            (r#"{"collection":[1]"#, "EOF while parsing the page"),
            (r#"{"collection":[1]} x"#, "trailing characters"),
            (r#"{"size":1}"#, "missing field `collection`"),
            // serde would take the envelope as an array of its fields; the reader does not.
            (
                "[[1], 1]",
                "expected `{`, the page is an object, found `[` at byte 0",
            ),
        ];
        for (body, reason) in cases {
            let err = read(body.as_bytes(), &[]).unwrap_err();
            assert!(
                matches!(&err, Error::Decode { reason: r, status: 200, .. } if r == reason),
                "{body}: {err}"
            );
        }
    }

    #[test]
    fn items_and_total_come_through_large_pages_in_many_chunks() {
        let items: Vec<Value> = (0..500)
            .map(|i| json!({"id": i, "location": format!("POINT ({i} {i})"), "term": [i, i + 1]}))
            .collect();
        let body = json!({"collection": items, "offset": 0, "perPage": 500, "size": 1234})
            .to_string()
            .into_bytes();
        let cuts: Vec<usize> = (1..body.len()).step_by(997).collect();
        let page = read(&body, &cuts).unwrap();
        assert_eq!(page.collection, items);
        assert_eq!(page.size, Some(1234));
    }
}
