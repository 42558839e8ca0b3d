//! `bench-client WORKLOAD --host .. --public-key .. --private-key .. [options]`: runs one
//! benchmark workload with cytomine-rs (or, for `w1-floor`, with a bare `reqwest::Client`) and
//! prints one JSON result line (`cytomine_bench::result_line::ClientResult`).
#![forbid(unsafe_code)]

mod bulk;
mod crops;
mod files;
mod listing;
mod many;
mod requests;

use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use cytomine_bench::result_line::ClientResult;
use cytomine_bench::runtime::ClientRuntime;

/// The workloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Workload {
    /// `--count` sequential `Project::fetch` of `--project`.
    W1,
    /// The same GETs with a bare keep-alive reqwest client.
    W1Floor,
    /// Bulk save of `--count` annotations on `--image`.
    W2,
    /// Listing of the annotations of `--project` with WKT (`--mode all` or `stream`).
    W3,
    /// Download of image instance `--image` to `--file`.
    W4Download,
    /// Upload of `--file` into storage `--storage`.
    W4Upload,
    /// The crops of the annotations of `--project`, dumped into `--dir`.
    L3Crops,
    /// The annotations `--ids`, fetched by id.
    L4Fetch,
    /// Upload of `--files` into `--storage` and `--project`, then their download into `--dir`.
    L5Files,
}

/// How W3 lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// One request, all items kept (`fetch`).
    All,
    /// Pages of `--page-size`, items counted and dropped (`stream`).
    Stream,
}

/// One benchmark workload against a Cytomine server.
#[derive(Debug, Parser)]
#[command(name = "bench-client")]
struct Args {
    /// The workload.
    workload: Workload,
    /// Server URL, e.g. `http://127.0.0.1:8080`.
    #[arg(long)]
    host: String,
    /// Public key.
    #[arg(long)]
    public_key: String,
    /// Private key.
    #[arg(long)]
    private_key: String,
    /// Project id (W1, W3, L3, L5).
    #[arg(long, default_value_t = 0)]
    project: i64,
    /// Image instance id (W2, W4 download).
    #[arg(long, default_value_t = 0)]
    image: i64,
    /// Storage id (W4 upload).
    #[arg(long, default_value_t = 0)]
    storage: i64,
    /// Number of requests (W1) or annotations (W2).
    #[arg(long, default_value_t = 1000)]
    count: u64,
    /// Bulk chunk size (W2; default: the client's `BulkOptions`).
    #[arg(long)]
    chunk: Option<usize>,
    /// The client's concurrency, which bulk saves inherit (default: the client's).
    #[arg(long)]
    concurrency: Option<usize>,
    /// W3 mode.
    #[arg(long, value_enum, default_value_t = Mode::All)]
    mode: Mode,
    /// W3 page size when streaming (default: the client's).
    #[arg(long)]
    page_size: Option<u64>,
    /// File to download to or upload from (W4).
    #[arg(long)]
    file: Option<PathBuf>,
    /// Files to upload (L5), comma-separated.
    #[arg(long, value_delimiter = ',')]
    files: Vec<PathBuf>,
    /// Annotation ids to fetch (L4), comma-separated.
    #[arg(long, value_delimiter = ',')]
    ids: Vec<i64>,
    /// Folder the crops (L3) or the downloads (L5) go to.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// The tokio runtime.
    #[arg(long, value_enum, default_value_t = ClientRuntime::MultiThread)]
    runtime: ClientRuntime,
}

type Outcome = Result<u64, String>;

async fn run(args: &Args) -> Outcome {
    match args.workload {
        Workload::W1 => requests::fetch_project(args).await,
        Workload::W1Floor => requests::floor(args).await,
        Workload::W2 => bulk::save(args).await,
        Workload::W3 => listing::list(args).await,
        Workload::W4Download => files::download(args).await,
        Workload::W4Upload => files::upload(args).await,
        Workload::L3Crops => crops::dump(args).await,
        Workload::L4Fetch => many::fetch(args).await,
        Workload::L5Files => many::files(args).await,
    }
}

/// Runs the workload on the chosen runtime and prints its result line; the workload marks when
/// its work starts.
fn main() {
    let args = Args::parse();
    let started = Instant::now();
    let runtime = args.runtime.build();
    let outcome = match runtime {
        Ok(runtime) => runtime.block_on(run(&args)),
        Err(e) => Err(format!("cannot start the runtime: {e}")),
    };
    let elapsed = started.elapsed().as_secs_f64();
    match outcome {
        Ok(items) => {
            let name = args
                .workload
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_string());
            let result = ClientResult {
                workload: name,
                items,
                work_s: WORK_TIMER.with_elapsed(elapsed),
            };
            println!("{}", result.to_line());
        }
        Err(e) => {
            eprintln!("bench-client: {e}");
            std::process::exit(1);
        }
    }
}

/// When the workload proper started (after connecting), set by each workload.
struct WorkTimer(std::sync::OnceLock<Instant>);

static WORK_TIMER: WorkTimer = WorkTimer(std::sync::OnceLock::new());

impl WorkTimer {
    /// Marks the start of the workload proper.
    fn start(&self) {
        let _ = self.0.set(Instant::now());
    }
    /// Seconds since [`WorkTimer::start`], else `whole`.
    fn with_elapsed(&self, whole: f64) -> f64 {
        self.0.get().map_or(whole, |t| t.elapsed().as_secs_f64())
    }
}

/// `--dir`, which the workload requires.
fn dir(args: &Args) -> Result<&std::path::Path, String> {
    args.dir
        .as_deref()
        .ok_or_else(|| "--dir is required".to_string())
}

/// Connects our client with the given bulk options.
async fn connect(
    args: &Args,
    bulk: Option<cytomine_core::BulkOptions>,
) -> Result<cytomine_core::Cytomine, String> {
    let mut builder = cytomine_core::Cytomine::builder(&args.host)
        .credentials(&args.public_key, &args.private_key);
    if let Some(bulk) = bulk {
        builder = builder.bulk(bulk);
    }
    if let Some(concurrency) = args.concurrency {
        builder = builder.concurrency(concurrency);
    }
    builder.connect().await.map_err(|e| e.to_string())
}
