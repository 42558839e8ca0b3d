//! The emulator's own throughput, measured from inside the harness with bare keep-alive
//! requests (no decoding): signed project GETs from several connections at once, a full
//! annotation listing with WKT (in one request, then by pages), and the download of the big
//! image, next to the machine's bare loopback TCP rate for the same bytes.

use std::time::Instant;

use cytomine_bench::floor::signed_get;
use cytomine_emulator::{Emulator, UserKeys};

use crate::args::Scale;
use crate::fixture::Fixture;

/// Connections used for the GET rate.
pub const CONNECTIONS: u64 = 4;

/// What the emulator sustained.
#[derive(Debug, Clone, Copy)]
pub struct Throughput {
    /// Signed `GET project/{id}.json` answered per second.
    pub gets_per_s: f64,
    /// Requests sent for that figure.
    pub gets: u64,
    /// Annotations with WKT listed per second (one request for all of them).
    pub annotations_per_s: f64,
    /// Bytes of the listing.
    pub listing_bytes: u64,
    /// Annotations with WKT listed per second by pages of `page` (`max`/`offset`), in turn.
    pub paged_annotations_per_s: f64,
    /// The page size of that figure.
    pub page: u64,
    /// Download rate of the big image, MB/s.
    pub download_mb_per_s: f64,
    /// The same number of bytes through a bare loopback TCP connection, MB/s (best of 3).
    pub loopback_mb_per_s: f64,
}

async fn get_body(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    keys: &UserKeys,
) -> Result<u64, String> {
    let response = signed_get(client, base, path, &keys.public_key, &keys.private_key)
        .send()
        .await
        .map_err(|e| format!("GET {path}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("GET {path}: {}", response.status()));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("GET {path}: {e}"))?;
    Ok(body.len() as u64)
}

/// Measures the three rates.
pub async fn measure(
    emulator: &Emulator,
    keys: &UserKeys,
    f: &Fixture,
    scale: &Scale,
) -> Result<Throughput, String> {
    let base = emulator.base_url();
    let client = reqwest::Client::builder()
        .tcp_nodelay(true)
        .build()
        .map_err(|e| e.to_string())?;
    let per_connection = scale.throughput_requests / CONNECTIONS;
    let project_path = format!("/api/project/{}.json", f.w1_project);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (client, base, path, keys) = (
                client.clone(),
                base.clone(),
                project_path.clone(),
                keys.clone(),
            );
            tokio::spawn(async move {
                for _ in 0..per_connection {
                    get_body(&client, &base, &path, &keys).await?;
                }
                Ok::<_, String>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    let gets = per_connection * CONNECTIONS;
    let gets_per_s = gets as f64 / started.elapsed().as_secs_f64();
    let listing = format!(
        "/api/annotation.json?project={}&showWKT=true",
        f.w3_large_project
    );
    let started = Instant::now();
    let listing_bytes = get_body(&client, &base, &listing, keys).await?;
    let annotations_per_s = scale.w3_large as f64 / started.elapsed().as_secs_f64();
    let page = scale.w3_page.max(1);
    let started = Instant::now();
    for offset in (0..scale.w3_large).step_by(page as usize) {
        let path = format!("{listing}&max={page}&offset={offset}");
        get_body(&client, &base, &path, keys).await?;
    }
    let paged_annotations_per_s = scale.w3_large as f64 / started.elapsed().as_secs_f64();
    let download = format!("/api/imageinstance/{}/download", f.w4_image);
    let started = Instant::now();
    let bytes = get_body(&client, &base, &download, keys).await?;
    let download_mb_per_s = bytes as f64 / 1e6 / started.elapsed().as_secs_f64();
    let loopback_mb_per_s = tokio::task::spawn_blocking(move || -> Result<f64, String> {
        let mut best = 0.0f64;
        for _ in 0..3 {
            let rate = crate::loopback::megabytes_per_s(bytes).map_err(|e| e.to_string())?;
            best = best.max(rate);
        }
        Ok(best)
    })
    .await
    .map_err(|e| e.to_string())??;
    Ok(Throughput {
        gets_per_s,
        gets,
        annotations_per_s,
        listing_bytes,
        paged_annotations_per_s,
        page,
        download_mb_per_s,
        loopback_mb_per_s,
    })
}
