//! Credentials from the command line or the environment, with the option names and synonyms of
//! the Python client's `connect_from_cli` (MODELS.md §1.11).

use crate::auth::Credentials;
use crate::error::{Error, Result};

/// A host and a key pair, from wherever the user keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// The host, as given (scheme optional).
    pub host: String,
    /// The key pair.
    pub credentials: Credentials,
    /// `--log_level` / `--verbose`, when given (e.g. `DEBUG`, `20`).
    pub log_level: Option<String>,
}

const HOST: &[&str] = &["host", "cytomine_host"];
const PUBLIC: &[&str] = &["public_key", "publicKey", "cytomine_public_key"];
const PRIVATE: &[&str] = &["private_key", "privateKey", "cytomine_private_key"];
const LOG: &[&str] = &[
    "log_level",
    "cytomine_log_level",
    "verbose",
    "cytomine_verbose",
];

impl ConnectionInfo {
    /// Reads `--host`, `--public_key`, `--private_key` (and their synonyms, `--name value` or
    /// `--name=value`; unknown arguments are ignored), each falling back to `CYTOMINE_HOST`,
    /// `CYTOMINE_PUBLIC_KEY`, `CYTOMINE_PRIVATE_KEY` from `env`. `Ok(None)` when no host is given
    /// anywhere; an error when a host is given without both keys.
    ///
    /// ```
    /// use cytomine_core::client::ConnectionInfo;
    /// let args = ["prog", "--host", "demo.cytomine.be", "--publicKey=pk", "--cytomine_private_key", "sk"];
    /// let info = ConnectionInfo::from_args_and_env(args, |_| None).unwrap().unwrap();
    /// assert_eq!(info.host, "demo.cytomine.be");
    /// assert_eq!(info.credentials.public_key, "pk");
    /// assert!(ConnectionInfo::from_args_and_env(["prog"], |_| None).unwrap().is_none());
    /// ```
    pub fn from_args_and_env<I, S>(
        args: I,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.as_ref().to_string()).collect();
        let pick = |names: &[&str], var: &str| find_option(&args, names).or_else(|| env(var));
        let Some(host) = pick(HOST, "CYTOMINE_HOST") else {
            return Ok(None);
        };
        let public = pick(PUBLIC, "CYTOMINE_PUBLIC_KEY");
        let private = pick(PRIVATE, "CYTOMINE_PRIVATE_KEY");
        match (public, private) {
            (Some(public), Some(private)) => Ok(Some(ConnectionInfo {
                host,
                credentials: Credentials::new(public, private),
                log_level: Self::log_level_from_args_and_env(&args, &env),
            })),
            (public, _) => Err(Error::usage(format!(
                "host `{host}` given without its {}: pass --public_key and --private_key, or set CYTOMINE_PUBLIC_KEY and CYTOMINE_PRIVATE_KEY",
                if public.is_none() { "public key" } else { "private key" }
            ))),
        }
    }

    /// The log level asked for with `--log_level`/`-l`/`--verbose` (or `CYTOMINE_LOG_LEVEL`),
    /// whether or not a host is given.
    ///
    /// ```
    /// use cytomine_core::client::ConnectionInfo;
    /// assert_eq!(ConnectionInfo::log_level_from_args_and_env(["p", "-l", "DEBUG"], |_| None).as_deref(), Some("DEBUG"));
    /// ```
    pub fn log_level_from_args_and_env<I, S>(
        args: I,
        env: impl Fn(&str) -> Option<String>,
    ) -> Option<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.as_ref().to_string()).collect();
        find_option(&args, LOG).or_else(|| env("CYTOMINE_LOG_LEVEL"))
    }

    /// [`ConnectionInfo::from_args_and_env`] with this process's arguments and environment.
    pub fn from_cli() -> Result<Option<Self>> {
        Self::from_args_and_env(std::env::args(), |k| std::env::var(k).ok())
    }
}

/// The value of the first option among `names` (`--name value`, `--name=value`, `-l value` for
/// `log_level`).
fn find_option(args: &[String], names: &[&str]) -> Option<String> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let Some(flag) = arg
            .strip_prefix("--")
            .or_else(|| (arg == "-l").then_some("log_level"))
        else {
            continue;
        };
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        if names.contains(&name) {
            return inline.or_else(|| iter.next().cloned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn args_win_over_env_and_synonyms_work() {
        let env = env_of(&[
            ("CYTOMINE_HOST", "env-host"),
            ("CYTOMINE_PUBLIC_KEY", "env-pk"),
            ("CYTOMINE_PRIVATE_KEY", "env-sk"),
        ]);
        let info = ConnectionInfo::from_args_and_env(
            ["p", "--cytomine_host=arg-host", "-l", "DEBUG"],
            &env,
        )
        .unwrap()
        .unwrap();
        assert_eq!(info.host, "arg-host");
        assert_eq!(info.credentials, Credentials::new("env-pk", "env-sk"));
        assert_eq!(info.log_level.as_deref(), Some("DEBUG"));
    }

    #[test]
    fn a_host_without_keys_is_an_error_that_shows_no_key() {
        let err = ConnectionInfo::from_args_and_env(
            ["p", "--host", "h", "--privateKey", "TOPSECRET"],
            |_| None,
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("public key") && !text.contains("TOPSECRET"),
            "{text}"
        );
    }
}
