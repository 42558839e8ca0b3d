//! Command line of the harness.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use cytomine_bench::runtime::ClientRuntime;

/// Benchmarks cytomine-rs against the official Python client 4.3.0 on the in-process emulator.
#[derive(Debug, Parser)]
#[command(name = "bench")]
pub struct Args {
    /// Internal: `measure -- CMD...`.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Repetitions of each measured run (the table shows medians).
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
    /// Where to write the markdown document.
    #[arg(long, default_value = "BENCHMARKS.md")]
    pub out: PathBuf,
    /// Tiny sizes, one run, a reduced sweep: checks the harness end to end in seconds.
    #[arg(long)]
    pub quick: bool,
    /// The Python interpreter with `cytomine-python-client==4.3.0` (default: `$CYTOMINE_PYTHON`,
    /// else `target/tmp/python-env/bin/python`, the virtualenv `cargo test --test python_interop`
    /// sets up, else `python3`).
    #[arg(long)]
    pub python: Option<PathBuf>,
    /// Skip the bulk chunk size × concurrency sweep.
    #[arg(long)]
    pub no_sweep: bool,
    /// Run only these workloads of the section without latency (comma-separated, e.g.
    /// `--only w1,w3`); all when absent. The emulator's throughput is always measured; the sweep
    /// runs only with W2.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Workload>,
    /// Which sections to run: `plain` (W1-W4 on an emulator that answers at once), `latency`
    /// (L1-L5 on an emulator with a fixed service time per request), or `all`.
    #[arg(long, value_enum, default_value_t = Section::All)]
    pub section: Section,
    /// The service time of every request in the latency section, in milliseconds.
    #[arg(long, default_value_t = 20)]
    pub latency_ms: u64,
    /// The tokio runtime of our client and of the floor (`bench-client --runtime`): a
    /// current-thread runtime by default, as a script that sends one request after another
    /// would use (no workload was measurably slower on it; `multi-thread` for comparison).
    #[arg(long, value_enum, default_value_t = ClientRuntime::CurrentThread)]
    pub runtime: ClientRuntime,
}

/// A workload that `--only` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Workload {
    /// Sequential project fetches.
    W1,
    /// Bulk save (and its sweep).
    W2,
    /// Annotation listings.
    W3,
    /// Download and upload of the big image.
    W4,
}

/// The sections of the document that `--section` can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// The workloads W1-W4 (and the W2 sweep), without latency.
    Plain,
    /// The workloads L1-L5, with a service time per request.
    Latency,
    /// Both.
    All,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run CMD as the only child of a fresh process and print its wall time, CPU time and
    /// peak RSS as one JSON line.
    Measure {
        /// The command and its arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        command: Vec<String>,
    },
}

/// Sizes of the workloads.
#[derive(Debug, Clone)]
pub struct Scale {
    /// W1 requests.
    pub w1_requests: u64,
    /// W2 annotations.
    pub w2_annotations: u64,
    /// W3 large N.
    pub w3_large: u64,
    /// W3 small N.
    pub w3_small: u64,
    /// W3 page size when streaming.
    pub w3_page: u64,
    /// W4 file size, bytes.
    pub w4_bytes: u64,
    /// Sweep chunk sizes.
    pub sweep_chunks: Vec<usize>,
    /// Sweep concurrencies.
    pub sweep_parallel: Vec<usize>,
    /// Requests for the emulator throughput measure.
    pub throughput_requests: u64,
    /// Annotations of the small bulk save that gives, with W2, the CPU per item saved.
    pub w2_small: u64,
    /// L1 annotations saved in bulk.
    pub l1_annotations: u64,
    /// L2 annotations listed.
    pub l2_annotations: u64,
    /// L3 crops dumped.
    pub l3_crops: u64,
    /// L4 objects fetched by id.
    pub l4_fetches: u64,
    /// L5 files uploaded and downloaded back.
    pub l5_files: u64,
    /// L5 size of each file, bytes.
    pub l5_bytes: u64,
}

impl Scale {
    /// The sizes, or tiny ones for `--quick`.
    pub fn new(quick: bool) -> Scale {
        if quick {
            return Scale {
                w1_requests: 50,
                w2_annotations: 200,
                w3_large: 2_000,
                w3_small: 500,
                w3_page: 100,
                w4_bytes: 1_000_000,
                sweep_chunks: vec![15, 100],
                sweep_parallel: vec![1, 4],
                throughput_requests: 400,
                w2_small: 50,
                l1_annotations: 200,
                l2_annotations: 1_000,
                l3_crops: 20,
                l4_fetches: 30,
                l5_files: 3,
                l5_bytes: 1_000_000,
            };
        }
        Scale {
            w1_requests: 1_000,
            w2_annotations: 10_000,
            w3_large: 100_000,
            w3_small: 10_000,
            w3_page: 1_000,
            w4_bytes: 200_000_000,
            sweep_chunks: vec![15, 50, 100, 250, 500],
            sweep_parallel: vec![1, 2, 4, 8],
            throughput_requests: 5_000,
            w2_small: 1_000,
            l1_annotations: 5_000,
            l2_annotations: 20_000,
            l3_crops: 200,
            l4_fetches: 300,
            l5_files: 10,
            l5_bytes: 20_000_000,
        }
    }
}

impl Args {
    /// The sizes to use.
    pub fn scale(&self) -> Scale {
        Scale::new(self.quick)
    }
    /// Whether `workload` is to run (`--only` absent or naming it).
    pub fn runs_workload(&self, workload: Workload) -> bool {
        self.only.is_empty() || self.only.contains(&workload)
    }
    /// Whether `section` is to run.
    pub fn runs_section(&self, section: Section) -> bool {
        self.section == Section::All || self.section == section
    }
    /// Repetitions (1 in quick mode).
    pub fn repetitions(&self) -> usize {
        if self.quick {
            1
        } else {
            self.runs.max(1)
        }
    }
}
