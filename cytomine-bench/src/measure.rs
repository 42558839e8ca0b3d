//! Accounting of one child process: wall time, CPU time (user + system) and peak RSS.
//!
//! `getrusage(RUSAGE_CHILDREN)` covers every child a process has waited for, so the harness
//! runs each client under a fresh intermediate process (`bench measure -- CMD...`) that has
//! exactly one child: its figures are then that child's own, as `wait4` would give them.

use std::process::{Command, Stdio};
use std::time::Instant;

use nix::sys::resource::{getrusage, UsageWho};
use nix::sys::time::TimeVal;
use serde::{Deserialize, Serialize};

use crate::result_line::ClientResult;

/// Resources used by one child process.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Usage {
    /// Wall time from spawn to exit, in seconds.
    pub wall_s: f64,
    /// User CPU time, in seconds.
    pub user_s: f64,
    /// System CPU time, in seconds.
    pub sys_s: f64,
    /// Peak resident set size, in KiB (`ru_maxrss` on Linux).
    pub max_rss_kib: u64,
}

impl Usage {
    /// User + system CPU time, in seconds.
    pub fn cpu_s(&self) -> f64 {
        self.user_s + self.sys_s
    }
    /// Peak RSS in MiB.
    pub fn rss_mib(&self) -> f64 {
        self.max_rss_kib as f64 / 1024.0
    }
}

/// What the intermediate process prints: the child's usage, exit code and result line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// The child's resources.
    pub usage: Usage,
    /// Its exit code (`None` when killed by a signal).
    pub exit_code: Option<i32>,
    /// Its result line, when it printed one.
    pub result: Option<ClientResult>,
    /// The end of its standard error, for failure reports.
    pub stderr_tail: String,
}

impl Measured {
    /// The JSON line printed by `bench measure`.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
    /// The last line of `output` that parses as a [`Measured`].
    pub fn find_in(output: &str) -> Option<Measured> {
        output
            .lines()
            .rev()
            .find_map(|l| serde_json::from_str(l.trim()).ok())
    }
    /// The result line of a successful run, or why there is none.
    pub fn success(&self) -> Result<&ClientResult, String> {
        match (&self.result, self.exit_code) {
            (Some(r), Some(0)) => Ok(r),
            (_, code) => Err(format!(
                "client exited with {code:?}; stderr ends with:\n{}",
                self.stderr_tail
            )),
        }
    }
}

fn seconds(t: TimeVal) -> f64 {
    t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6
}

/// The last `max` characters of `text`, on a character boundary.
pub fn tail(text: &str, max: usize) -> String {
    let skip = text.chars().count().saturating_sub(max);
    text.chars().skip(skip).collect()
}

/// Runs `command` as the only child of this process and measures it. Call it once per
/// process: the CPU and RSS figures cover every child this process has waited for.
pub fn run_as_only_child(command: &[String]) -> std::io::Result<Measured> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| std::io::Error::other("no command to measure"))?;
    let started = Instant::now();
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()?;
    let wall_s = started.elapsed().as_secs_f64();
    let rusage = getrusage(UsageWho::RUSAGE_CHILDREN).map_err(std::io::Error::from)?;
    let usage = Usage {
        wall_s,
        user_s: seconds(rusage.user_time()),
        sys_s: seconds(rusage.system_time()),
        max_rss_kib: u64::try_from(rusage.max_rss()).unwrap_or(0),
    };
    Ok(Measured {
        usage,
        exit_code: output.status.code(),
        result: ClientResult::find_in(&String::from_utf8_lossy(&output.stdout)),
        stderr_tail: tail(&String::from_utf8_lossy(&output.stderr), 2000),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_measured_line_round_trips_and_failures_explain_themselves() {
        let m = Measured {
            usage: Usage {
                wall_s: 1.5,
                user_s: 1.0,
                sys_s: 0.25,
                max_rss_kib: 2048,
            },
            exit_code: Some(2),
            result: None,
            stderr_tail: "boom".into(),
        };
        let parsed = Measured::find_in(&format!("{}\n", m.to_line())).unwrap();
        assert_eq!(parsed, m);
        assert_eq!(parsed.usage.cpu_s(), 1.25);
        assert_eq!(parsed.usage.rss_mib(), 2.0);
        assert!(parsed.success().unwrap_err().contains("boom"));
        assert!(Measured::find_in("not json\n").is_none());
    }

    #[test]
    fn tail_keeps_the_end_on_char_boundaries() {
        assert_eq!(tail("héllo", 3), "llo");
        assert_eq!(tail("ab", 10), "ab");
    }
}
