//! The tokio runtime our client and the floor run on: chosen by the harness (`bench
//! --runtime`), passed on to each `bench-client` under the same name.

use clap::ValueEnum;

/// The tokio runtime of a benchmark client.
///
/// ```
/// use cytomine_bench::runtime::ClientRuntime;
/// assert_eq!(ClientRuntime::CurrentThread.name(), "current-thread");
/// assert!(ClientRuntime::MultiThread.build().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientRuntime {
    /// Everything on the main thread (`Builder::new_current_thread`), as a script would run.
    CurrentThread,
    /// One worker per core (`#[tokio::main]`'s default).
    MultiThread,
}

impl ClientRuntime {
    /// The value as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ClientRuntime::CurrentThread => "current-thread",
            ClientRuntime::MultiThread => "multi-thread",
        }
    }

    /// A runtime of this kind, with I/O and timers.
    pub fn build(self) -> std::io::Result<tokio::runtime::Runtime> {
        match self {
            ClientRuntime::CurrentThread => tokio::runtime::Builder::new_current_thread(),
            ClientRuntime::MultiThread => tokio::runtime::Builder::new_multi_thread(),
        }
        .enable_all()
        .build()
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::ClientRuntime;

    #[test]
    fn the_name_is_the_command_line_value() {
        for runtime in ClientRuntime::value_variants() {
            let value = runtime.to_possible_value().expect("a value");
            assert_eq!(value.get_name(), runtime.name());
        }
    }
}
