//! The command line grammar (clap derive): global connection and output flags, and the
//! subcommands. Parsing only; running is in `commands/`.

use std::convert::Infallible;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use cytomine::PrivateKey;

/// The help's closing text: where the credentials come from, the log flags, then `$tail`.
macro_rules! after_help {
    ($tail:literal) => {
        concat!(
            "Credentials: --host/--public-key/--private-key, else CYTOMINE_HOST, \
CYTOMINE_PUBLIC_KEY, CYTOMINE_PRIVATE_KEY, else the profile (--profile, CYTOMINE_PROFILE, or \
`default`) of the config file: --config, else CYTOMINE_CONFIG, else cytomine/config.toml in \
$XDG_CONFIG_HOME or the platform's configuration directory (~/.config on Linux and macOS, \
%APPDATA% on Windows):\n\n  [profiles.default]\n  host = \"https://cytomine.example\"\n  \
public_key = \"...\"\n  private_key = \"...\"\n\nLogs: -v (requests), -vv (bodies), \
-vvv (everything); or RUST_LOG.",
            $tail
        )
    };
}

#[cfg(feature = "emulator")]
const AFTER_HELP: &str =
    after_help!("\n\nTry anything without a server: cytomine --emulator projects list");
#[cfg(not(feature = "emulator"))]
const AFTER_HELP: &str = after_help!("");

/// `cytomine`: drive a Cytomine server from the shell.
#[derive(Debug, Parser)]
#[command(
    name = "cytomine",
    version,
    about = "Drive a Cytomine server from the shell: projects, images, annotations.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Where to connect and with which keys.
    #[command(flatten)]
    pub connection: ConnectionFlags,
    /// Print JSON for scripts instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Log to standard error: -v requests, -vv bodies, -vvv everything (RUST_LOG overrides).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Connection flags, each optional: `cytomine::ConnectionInfo::resolve` combines them with the
/// environment and the profile file. The private key is held as a [`PrivateKey`], so `Debug`
/// never shows it.
#[derive(Debug, Args)]
pub struct ConnectionFlags {
    /// Server host, e.g. https://cytomine.example (env CYTOMINE_HOST).
    #[arg(long, global = true, alias = "cytomine_host")]
    pub host: Option<String>,
    /// Public key (env CYTOMINE_PUBLIC_KEY).
    #[arg(long, global = true, aliases = ["public_key", "publicKey", "cytomine_public_key"])]
    pub public_key: Option<String>,
    /// Private key (env CYTOMINE_PRIVATE_KEY; prefer the environment or a profile: command
    /// lines are visible to other users of the machine).
    #[arg(long, global = true, value_parser = private_key, aliases = ["private_key", "privateKey", "cytomine_private_key"])]
    pub private_key: Option<PrivateKey>,
    /// Profile of the config file to use (env CYTOMINE_PROFILE; default `default`).
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// Config file (env CYTOMINE_CONFIG; default ~/.config/cytomine/config.toml).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// PEM file of root certificates to trust besides the system's, for a server whose
    /// certificate an internal authority issued (env CYTOMINE_CA_BUNDLE; a profile's ca_bundle).
    #[arg(long, global = true, value_name = "FILE", alias = "ca_bundle")]
    pub ca_cert: Option<PathBuf>,
    /// Run against an in-process emulator loaded with demo data, for trying things out.
    #[cfg(feature = "emulator")]
    #[arg(long, global = true, conflicts_with_all = ["host", "public_key", "private_key", "profile", "ca_cert"])]
    pub emulator: bool,
}

fn private_key(text: &str) -> Result<PrivateKey, Infallible> {
    Ok(PrivateKey::new(text))
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show who the keys belong to.
    Whoami,
    /// List, show, create and delete projects.
    #[command(subcommand)]
    Projects(ProjectsCommand),
    /// List, download and upload images.
    #[command(subcommand)]
    Images(ImagesCommand),
    /// Export and import annotations.
    #[command(subcommand)]
    Annotations(AnnotationsCommand),
    /// List storages (where images are uploaded).
    #[command(subcommand)]
    Storages(StoragesCommand),
    /// Print a completion script for a shell, e.g. `cytomine completions bash > ~/.local/share/bash-completion/completions/cytomine`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `--limit N` of the list commands.
#[derive(Debug, Clone, Copy, Args)]
pub struct Limit {
    /// Show at most this many items (one request to the server).
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

impl Limit {
    /// `query`, asking for at most the limit when there is one.
    pub fn apply<Q: cytomine::Query>(self, query: Q) -> Q {
        match self.limit {
            Some(max) => query.max(max),
            None => query,
        }
    }
}

/// `cytomine storages ...`
#[derive(Debug, Subcommand)]
pub enum StoragesCommand {
    /// List the storages you can upload into.
    List(Limit),
}

/// `cytomine projects ...`
#[derive(Debug, Subcommand)]
pub enum ProjectsCommand {
    /// List the projects you can see.
    List(Limit),
    /// Show one project.
    Show {
        /// Project id.
        id: i64,
    },
    /// Create a project.
    Create {
        /// Project name.
        name: String,
        /// Ontology id.
        #[arg(long)]
        ontology: Option<i64>,
    },
    /// Delete a project (and its images and annotations).
    Delete {
        /// Project id.
        id: i64,
    },
}

/// `cytomine images ...`
#[derive(Debug, Subcommand)]
pub enum ImagesCommand {
    /// List the images of a project.
    List {
        /// Project id.
        #[arg(long)]
        project: i64,
        /// At most this many.
        #[command(flatten)]
        limit: Limit,
    },
    /// Download the original file of an image.
    Download {
        /// Image instance id.
        id: i64,
        /// Destination file (default: the image's original file name, here).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Upload an image file into a storage, optionally adding it to a project.
    Upload {
        /// The image file.
        file: PathBuf,
        /// Storage id.
        #[arg(long)]
        storage: i64,
        /// Project id to add the image to.
        #[arg(long)]
        project: Option<i64>,
    },
}

/// `cytomine annotations ...`
#[derive(Debug, Subcommand)]
pub enum AnnotationsCommand {
    /// Export every annotation of a project, page by page.
    Export {
        /// Project id.
        #[arg(long)]
        project: i64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Geojson)]
        format: ExportFormat,
        /// Destination file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Create annotations from a GeoJSON file on an image, in bulk, with a report per feature.
    Import {
        /// A GeoJSON FeatureCollection (or one Feature).
        file: PathBuf,
        /// Image instance id to put the annotations on.
        #[arg(long)]
        image: i64,
    },
}

/// Formats of `annotations export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A GeoJSON FeatureCollection with terms and properties.
    Geojson,
    /// One row per annotation: id, image, slice, project, user, terms, area, perimeter, WKT.
    Csv,
    /// One WKT geometry per line.
    Wkt,
}
