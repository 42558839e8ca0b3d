//! The file part of a multipart body already in memory, without copying its data: the parts are
//! delimited here (each part's data ends at the first `CRLF--boundary` after its headers, as in
//! multer; the body's `MultipartIndex` knows where they are), and each part's headers alone are
//! read by multer, so that field and file names are
//! understood exactly as multer understands them. The data is a slice of the body.

use bytes::Bytes;
use memchr::memmem;

use crate::http::body::MultipartIndex;

/// The first part that has a file name: its sanitized-by-the-caller name and its data; `None`
/// when the body has none. `Err` when the body is not a complete multipart body.
pub async fn first_file(
    body: &Bytes,
    index: &MultipartIndex,
) -> Result<Option<(String, Bytes)>, String> {
    let boundary = index.boundary();
    let dash = format!("--{boundary}");
    let incomplete = || "incomplete multipart body".to_owned();
    let mut at = memmem::find(body, dash.as_bytes()).ok_or_else(incomplete)? + dash.len();
    loop {
        let rest = body.get(at..).ok_or_else(incomplete)?;
        if rest.starts_with(b"--") {
            return Ok(None);
        }
        let line_end = memmem::find(rest, b"\r\n").ok_or_else(incomplete)?;
        let headers_start = at + line_end + 2;
        let headers = body.get(headers_start..).ok_or_else(incomplete)?;
        let headers_len = memmem::find(headers, b"\r\n\r\n").ok_or_else(incomplete)?;
        let data_start = headers_start + headers_len + 4;
        let data_end = index.next_delimiter(data_start).ok_or_else(incomplete)?;
        let data_len = data_end - data_start;
        let head = &body[headers_start..headers_start + headers_len];
        if let Some(name) = file_name(head, boundary).await? {
            return Ok(Some((name, body.slice(data_start..data_start + data_len))));
        }
        at = data_end + index.delimiter_len();
    }
}

/// The file name multer reads from a part's headers: it parses the part alone, with no data.
async fn file_name(headers: &[u8], boundary: &str) -> Result<Option<String>, String> {
    let mut alone = Vec::with_capacity(headers.len() + 2 * boundary.len() + 16);
    alone.extend_from_slice(b"--");
    alone.extend_from_slice(boundary.as_bytes());
    alone.extend_from_slice(b"\r\n");
    alone.extend_from_slice(headers);
    alone.extend_from_slice(b"\r\n\r\n\r\n--");
    alone.extend_from_slice(boundary.as_bytes());
    alone.extend_from_slice(b"--\r\n");
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(alone)) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let field = multipart.next_field().await.map_err(|e| e.to_string())?;
    Ok(field.and_then(|f| f.file_name().map(str::to_owned)))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    async fn multer_reads(body: &Bytes) -> Option<(String, Bytes)> {
        let b = body.clone();
        let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(b) });
        let mut m = multer::Multipart::new(stream, "XyZ");
        while let Ok(Some(field)) = m.next_field().await {
            if let Some(name) = field.file_name().map(str::to_owned) {
                return field.bytes().await.ok().map(|b| (name, b));
            }
        }
        None
    }

    #[tokio::test]
    async fn finds_what_multer_finds_without_copying() {
        let data: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        let cases = [
            body(&[(
                "Content-Disposition: form-data; name=\"files[]\"; filename=\"a.tif\"",
                &data,
            )]),
            body(&[
                ("Content-Disposition: form-data; name=\"x\"", b"1\r\n--Xy"),
                (
                    "content-disposition: form-data; name=\"f\"; filename=\"dir/b \\\"q\\\".png\"\r\nContent-Type: image/png",
                    b"\r\n\r\n",
                ),
                ("Content-Disposition: form-data; name=\"g\"; filename=\"c\"", b"later"),
            ]),
            body(&[("Content-Disposition: form-data; name=\"f\"; filename=\"\"", b"")]),
            body(&[("Content-Disposition: form-data; name=\"x\"", b"no file")]),
        ];
        for (i, b) in cases.iter().enumerate() {
            let ours = first_file(b, &MultipartIndex::of(b, "XyZ")).await;
            assert_eq!(
                ours.as_ref().ok().cloned().flatten(),
                multer_reads(b).await,
                "case {i}"
            );
            if let Ok(Some((_, part))) = ours {
                let inside = b.as_ptr_range();
                assert!(
                    inside.contains(&part.as_ptr()) || part.is_empty(),
                    "case {i}: a slice"
                );
            }
        }
        assert_eq!(
            first_file(&cases[0], &MultipartIndex::of(&cases[0], "XyZ"))
                .await
                .ok()
                .flatten()
                .map(|p| p.1.len()),
            Some(70_000)
        );
    }

    #[tokio::test]
    async fn refuses_an_incomplete_body() {
        let full = body(&[(
            "Content-Disposition: form-data; name=\"f\"; filename=\"a\"",
            b"abc",
        )]);
        for cut in [0, 5, 20, 60, full.len() - 12] {
            let truncated = full.slice(..cut);
            assert!(
                first_file(&truncated, &MultipartIndex::of(&truncated, "XyZ"))
                    .await
                    .is_err(),
                "cut at {cut}"
            );
        }
        assert!(first_file(&full, &MultipartIndex::of(&full, "other"))
            .await
            .is_err());
    }
}
