//! A request's body, read whole as it arrives. A multipart body is indexed on the way: the
//! delimiters between its parts are searched in each chunk as it lands, while the rest is still
//! in flight, instead of in the whole body afterwards (for a 200 MB upload, a scan of about
//! 20 ms between the last byte and the answer).

use axum::body::{Body, BodyDataStream};
use axum::http::{header, HeaderMap};
use bytes::Bytes;
use futures::StreamExt;
use memchr::memmem;

/// The most a request's `Content-Length` makes [`read`] reserve ahead (it grows beyond).
const MAX_RESERVE: usize = 1 << 30;

/// A body read whole, with the index of its multipart delimiters when it is one.
#[derive(Debug, Default)]
pub struct Received {
    /// The bytes.
    pub bytes: Bytes,
    /// For a `multipart/form-data` body with a boundary: where its delimiters are.
    pub multipart: Option<MultipartIndex>,
}

/// The whole body, copied once, as it arrives, into one buffer sized from `Content-Length`
/// (collecting the chunks first and joining them would copy a 200 MB upload twice).
pub async fn read(body: Body, headers: &HeaderMap) -> Result<Received, axum::Error> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut index = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .map(MultipartIndex::new);
    let mut stream = body.into_data_stream();
    let Some(first) = stream.next().await.transpose()? else {
        return Ok(Received {
            bytes: Bytes::new(),
            multipart: index,
        });
    };
    let buf = if first.len() >= announced {
        // All of it in one chunk (every small request): kept as it is.
        let Some(second) = stream.next().await.transpose()? else {
            if let Some(index) = &mut index {
                index.scan(&first);
            }
            return Ok(Received {
                bytes: first,
                multipart: index,
            });
        };
        let mut buf = Vec::with_capacity(first.len() + second.len());
        buf.extend_from_slice(&first);
        buf.extend_from_slice(&second);
        buf
    } else {
        let mut buf = Vec::with_capacity(announced.min(MAX_RESERVE));
        buf.extend_from_slice(&first);
        buf
    };
    rest_into(buf, stream, index).await
}

async fn rest_into(
    mut buf: Vec<u8>,
    mut stream: BodyDataStream,
    mut index: Option<MultipartIndex>,
) -> Result<Received, axum::Error> {
    loop {
        if let Some(index) = &mut index {
            index.scan(&buf);
        }
        let Some(chunk) = stream.next().await.transpose()? else {
            break;
        };
        buf.extend_from_slice(&chunk);
    }
    Ok(Received {
        bytes: Bytes::from(buf),
        multipart: index,
    })
}

/// Every place where `CRLF--boundary` starts in a multipart body (overlapping places
/// included), found as the body grows: what ends a part's data.
#[derive(Debug)]
pub struct MultipartIndex {
    boundary: String,
    finder: memmem::Finder<'static>,
    /// Where the next search starts: no occurrence starts before it that is not in `found`.
    next: usize,
    found: Vec<usize>,
}

impl MultipartIndex {
    /// An index of nothing yet, for `boundary`.
    pub fn new(boundary: String) -> MultipartIndex {
        let delimiter = format!("\r\n--{boundary}").into_bytes();
        MultipartIndex {
            boundary,
            finder: memmem::Finder::new(&delimiter).into_owned(),
            next: 0,
            found: Vec::new(),
        }
    }

    /// The index of the whole of `body`.
    pub fn of(body: &[u8], boundary: &str) -> MultipartIndex {
        let mut index = MultipartIndex::new(boundary.to_owned());
        index.scan(body);
        index
    }

    /// Records the occurrences in `body` not seen yet; `body` is what an earlier call saw,
    /// with bytes added at its end.
    pub fn scan(&mut self, body: &[u8]) {
        while let Some(at) = body
            .get(self.next..)
            .and_then(|rest| self.finder.find(rest))
        {
            self.found.push(self.next + at);
            self.next += at + 1;
        }
        // An occurrence starting before this would already end inside `body`.
        let unfinished = body.len().saturating_sub(self.finder.needle().len() - 1);
        self.next = self.next.max(unfinished);
    }

    /// The boundary.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The length of the delimiter, `CRLF--boundary`.
    pub fn delimiter_len(&self) -> usize {
        self.finder.needle().len()
    }

    /// The first delimiter starting at or after `from`.
    pub fn next_delimiter(&self, from: usize) -> Option<usize> {
        let i = self.found.partition_point(|at| *at < from);
        self.found.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start of `needle` in `hay`, overlapping ones included, the plain way.
    fn starts(hay: &[u8], needle: &[u8]) -> Vec<usize> {
        (0..hay.len())
            .filter(|i| hay[*i..].starts_with(needle))
            .collect()
    }

    #[test]
    fn an_index_built_chunk_by_chunk_finds_every_delimiter_once() {
        // "\r\n--\r\n--" overlaps itself: with boundary "\r\n--", occurrences overlap.
        let bodies: [(&str, Vec<u8>); 3] = [
            (
                "XyZ",
                b"--XyZ\r\nh\r\n\r\ndata\r\n--XyZ\r\n\r\n--XyZ--\r\n\r\n--Xy".to_vec(),
            ),
            ("\r\n--", b"\r\n--\r\n--\r\n--\r\n--x\r\n--\r\n".to_vec()),
            (
                "b",
                (0..5_000u32)
                    .flat_map(|i| {
                        if i % 97 == 0 {
                            b"\r\n--b".to_vec()
                        } else {
                            vec![(i % 200) as u8]
                        }
                    })
                    .collect(),
            ),
        ];
        for (boundary, body) in &bodies {
            let expected = starts(body, format!("\r\n--{boundary}").as_bytes());
            assert!(!expected.is_empty());
            for chunk in [1, 2, 3, 7, 64, body.len()] {
                let mut index = MultipartIndex::new((*boundary).to_owned());
                let mut seen = Vec::new();
                for piece in body.chunks(chunk) {
                    seen.extend_from_slice(piece);
                    index.scan(&seen);
                }
                assert_eq!(index.found, expected, "{boundary:?} by {chunk}");
                assert_eq!(MultipartIndex::of(body, boundary).found, expected);
            }
        }
    }

    #[test]
    fn the_next_delimiter_is_the_first_at_or_after() {
        let index = MultipartIndex::of(b"ab\r\n--Q..\r\n--Q", "Q");
        assert_eq!(index.found, [2, 9]);
        assert_eq!(index.next_delimiter(0), Some(2));
        assert_eq!(index.next_delimiter(2), Some(2));
        assert_eq!(index.next_delimiter(3), Some(9));
        assert_eq!(index.next_delimiter(9), Some(9));
        assert_eq!(index.next_delimiter(10), None);
        assert_eq!(index.delimiter_len(), 5);
    }
}
