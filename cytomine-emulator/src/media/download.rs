//! `GET {imageinstance|abstractimage|uploadedfile}/{id}/download` with HTTP Range support (docs/protocol.md §4.3).

use std::sync::RwLock;

use axum::http::header;
use bytes::Bytes;

use super::source::{resolve, Kind};
use crate::domains::Routes;
use crate::http::call::Call;
use crate::http::fail::{Fail, Outcome};
use crate::http::reply::Reply;
use crate::http::route::Params;
use crate::store::State;

/// The download routes and the record whose file each serves.
const DOWNLOAD_ROUTES: [(&str, Kind); 3] = [
    ("imageinstance/{id}/download", Kind::Instance),
    ("abstractimage/{id}/download", Kind::Abstract),
    ("uploadedfile/{id}/download", Kind::Uploaded),
];

/// Register the download routes.
pub(crate) fn routes(routes: &mut Routes) {
    for (pattern, kind) in DOWNLOAD_ROUTES {
        routes.media(pattern, move |call, params, state| {
            download(call, params, state, kind)
        });
    }
}

/// Parse `bytes=N-` or `bytes=N-M` against a length; `Err(())` when unsatisfiable.
pub(crate) fn parse_range(value: &str, len: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = value.trim().strip_prefix("bytes=")?;
    let (start, end) = spec.split_once('-')?;
    if start.is_empty() {
        let suffix: usize = end.parse().ok()?;
        return Some(if suffix == 0 || len == 0 {
            Err(())
        } else {
            Ok((len.saturating_sub(suffix), len - 1))
        });
    }
    let start: usize = start.parse().ok()?;
    let end: usize = if end.is_empty() {
        len.saturating_sub(1)
    } else {
        end.parse::<usize>().ok()?.min(len.saturating_sub(1))
    };
    Some(if start >= len || end < start {
        Err(())
    } else {
        Ok((start, end))
    })
}

fn download(call: &Call, params: &Params, lock: &RwLock<State>, kind: Kind) -> Outcome {
    let px = resolve(call, lock, kind, params.id("id"))?;
    let not_found = || Fail::not_found(format!("File for image {} not found", params.get("id")));
    let file = px.file.ok_or_else(not_found)?;
    let read = |bytes: std::io::Result<Vec<u8>>| bytes.map(Bytes::from).map_err(|_| not_found());
    let len = file.len() as usize;
    let disposition = format!("attachment; filename=\"{}\"", px.filename.replace('"', ""));
    let base = |status, body| {
        Reply::raw(status, "application/octet-stream", body)
            .header(header::CONTENT_DISPOSITION, disposition.clone())
            .header(header::ACCEPT_RANGES, "bytes")
    };
    match call.header("range").and_then(|r| parse_range(r, len)) {
        None => Ok(base(200, read(file.read())?)),
        Some(Ok((start, end))) => {
            let bytes = read(file.read_range(start as u64, end as u64))?;
            Ok(
                base(206, bytes)
                    .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}")),
            )
        }
        Some(Err(())) => {
            Ok(base(416, Bytes::new()).header(header::CONTENT_RANGE, format!("bytes */{len}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=10-", 100), Some(Ok((10, 99))));
        assert_eq!(parse_range("bytes=10-19", 100), Some(Ok((10, 19))));
        assert_eq!(parse_range("bytes=-5", 100), Some(Ok((95, 99))));
        assert_eq!(parse_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(parse_range("items=1-2", 100), None);
    }
}
