//! The file part of a `multipart/form-data` body, read by multer: the first part that has a file
//! name, from a body in memory (attached files) or streamed to disk as it arrives (uploads).

use std::convert::Infallible;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use multer::{Field, Multipart};

use crate::store::{FileWriter, StoredFile};

/// The file part of a body already in memory: its (sanitized) file name and its bytes.
pub(crate) async fn file_in_memory(
    content_type: &str,
    body: Bytes,
) -> Result<(String, Bytes), String> {
    let stream = futures::stream::once(async move { Ok::<_, Infallible>(body) });
    let mut multipart = Multipart::new(stream, boundary(content_type)?);
    let (name, field) = first_file(&mut multipart).await?;
    Ok((name, field.bytes().await.map_err(|e| e.to_string())?))
}

/// A body streamed from the client, read whole.
#[derive(Debug)]
pub(crate) struct StreamedBody {
    /// Its file part: the (sanitized) file name and the file, written to disk as it arrived.
    pub(crate) file: Result<(String, StoredFile), String>,
    /// The length of the whole body.
    pub(crate) len: u64,
}

/// Reads `body` whole, whatever it holds (as the server reads a body before it answers), and
/// stores its file part on disk chunk by chunk.
pub(crate) async fn file_to_disk<S>(content_type: &str, body: S) -> StreamedBody
where
    S: Stream<Item = Result<Bytes, axum::Error>> + Send + Unpin,
{
    let mut len = 0;
    let mut body = body.inspect(|chunk| {
        if let Ok(chunk) = chunk {
            len += chunk.len() as u64;
        }
    });
    let file = match boundary(content_type) {
        Ok(boundary) => stream_to_disk(Multipart::new(&mut body, boundary)).await,
        Err(e) => Err(e),
    };
    while body.next().await.is_some() {}
    drop(body);
    StreamedBody { file, len }
}

async fn stream_to_disk(mut multipart: Multipart<'_>) -> Result<(String, StoredFile), String> {
    let (name, mut field) = first_file(&mut multipart).await?;
    let mut writer = FileWriter::new().map_err(|e| e.to_string())?;
    while let Some(chunk) = field.chunk().await.map_err(|e| e.to_string())? {
        writer.write(&chunk).await.map_err(|e| e.to_string())?;
    }
    let file = writer.finish().await.map_err(|e| e.to_string())?;
    Ok((name, file))
}

/// The boundary of a multipart content type.
fn boundary(content_type: &str) -> Result<String, String> {
    multer::parse_boundary(content_type).map_err(|e| format!("Invalid multipart body: {e}"))
}

/// The first part that has a file name, and that name, sanitized.
async fn first_file<'r>(multipart: &mut Multipart<'r>) -> Result<(String, Field<'r>), String> {
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        if let Some(name) = field.file_name().map(sanitize) {
            return Ok((name, field));
        }
    }
    Err("No file part in the request.".into())
}

/// The last path segment, without control characters.
fn sanitize(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    last.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTENT_TYPE: &str = "multipart/form-data; boundary=XyZ";

    fn body(parts: &[(&str, &[u8])]) -> Bytes {
        let mut b = b"preamble\r\n".to_vec();
        for (headers, data) in parts {
            b.extend_from_slice(b"--XyZ\r\n");
            b.extend_from_slice(headers.as_bytes());
            b.extend_from_slice(b"\r\n\r\n");
            b.extend_from_slice(data);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(b"--XyZ--\r\n");
        Bytes::from(b)
    }

    /// `file_to_disk` over `body` sent in pieces of `piece` bytes, its file read back.
    async fn on_disk(body: &Bytes, piece: usize) -> (Result<(String, Vec<u8>), String>, u64) {
        let pieces: Vec<Result<Bytes, axum::Error>> = body
            .chunks(piece)
            .map(|p| Ok(Bytes::copy_from_slice(p)))
            .collect();
        let streamed = file_to_disk(CONTENT_TYPE, futures::stream::iter(pieces)).await;
        let file = streamed
            .file
            .map(|(name, file)| (name, file.read().unwrap_or_default()));
        (file, streamed.len)
    }

    #[tokio::test]
    async fn the_first_part_with_a_file_name_is_the_file_in_memory_or_on_disk() {
        let data: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        let cases = [
            (
                body(&[(
                    "Content-Disposition: form-data; name=\"files[]\"; filename=\"a.tif\"",
                    &data,
                )]),
                "a.tif",
                &data[..],
            ),
            (
                body(&[
                    ("Content-Disposition: form-data; name=\"x\"", b"1\r\n--Xy"),
                    (
                        "content-disposition: form-data; name=\"f\"; filename=\"dir/b.png\"\r\nContent-Type: image/png",
                        b"\r\n\r\n",
                    ),
                    ("Content-Disposition: form-data; name=\"g\"; filename=\"c\"", b"later"),
                ]),
                "b.png",
                b"\r\n\r\n",
            ),
        ];
        for (body, name, data) in &cases {
            let expected = Ok((name.to_string(), data.to_vec()));
            let in_memory = file_in_memory(CONTENT_TYPE, body.clone()).await;
            assert_eq!(in_memory.map(|(n, b)| (n, b.to_vec())), expected);
            for piece in [1, 7, 4096, body.len()] {
                let disk = on_disk(body, piece).await;
                assert_eq!(disk, (expected.clone(), body.len() as u64), "by {piece}");
            }
        }
    }

    #[tokio::test]
    async fn a_body_without_a_complete_file_part_is_refused_and_still_read_whole() {
        let no_file = body(&[("Content-Disposition: form-data; name=\"x\"", b"no file")]);
        let (file, received) = on_disk(&no_file, 5).await;
        assert_eq!(file, Err("No file part in the request.".into()));
        assert_eq!(received, no_file.len() as u64);
        let full = body(&[(
            "Content-Disposition: form-data; name=\"f\"; filename=\"a\"",
            b"abc",
        )]);
        for cut in [0, 5, 20, 60, full.len() - 12] {
            let truncated = full.slice(..cut);
            assert!(on_disk(&truncated, 3).await.0.is_err(), "cut at {cut}");
            assert!(file_in_memory(CONTENT_TYPE, truncated).await.is_err());
        }
        let not_multipart = futures::stream::iter(vec![Ok(full.clone())]);
        let streamed = file_to_disk("text/plain", not_multipart).await;
        assert!(streamed
            .file
            .is_err_and(|e| e.starts_with("Invalid multipart body")));
        assert_eq!(streamed.len, full.len() as u64);
    }
}
