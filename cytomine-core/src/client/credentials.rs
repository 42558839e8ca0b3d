//! Where the host and the keys come from: the one resolver, used by the `cytomine` command line
//! and by programs that take the Python client's `connect_from_cli` options.
//!
//! Field by field, the first source that has it wins: the options given ([`ConnectionArgs`]),
//! else the `CYTOMINE_HOST`, `CYTOMINE_PUBLIC_KEY` and `CYTOMINE_PRIVATE_KEY` environment
//! variables (an empty variable counts as unset), else a profile of the config file (see
//! [`ConnectionInfo::resolve`]); likewise the extra root certificates of an internal certificate
//! authority (`--ca-cert`, `CYTOMINE_CA_BUNDLE`, a profile's `ca_bundle`). Keys are never shown: errors name what is missing, never a
//! value.

use std::path::PathBuf;

use super::profile_file::{self, Profile};
use super::{ClientBuilder, Cytomine};
use crate::auth::{Credentials, PrivateKey};
use crate::error::{Error, Result};

/// A host and a key pair, from wherever the user keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionInfo {
    /// The host, as given (scheme optional).
    pub host: String,
    /// The key pair.
    pub credentials: Credentials,
    /// A PEM file of root certificates to trust besides the system's
    /// ([`ClientBuilder::root_certificates_file`]), when one is given.
    pub ca_bundle: Option<PathBuf>,
    /// `--log_level` / `--verbose`, when given (e.g. `DEBUG`, `20`).
    pub log_level: Option<String>,
    /// What the user should be told about where the keys came from (a config file that other
    /// users of the machine may read), one sentence each.
    pub warnings: Vec<String>,
}

/// The connection options given on a command line, each optional: the first source of
/// [`ConnectionInfo::resolve`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectionArgs {
    /// `--host`.
    pub host: Option<String>,
    /// `--public-key`.
    pub public_key: Option<String>,
    /// `--private-key`.
    pub private_key: Option<PrivateKey>,
    /// `--profile`: the profile of the config file to use.
    pub profile: Option<String>,
    /// `--config`: the config file.
    pub config: Option<PathBuf>,
    /// `--ca-cert`: a PEM file of root certificates to trust besides the system's.
    pub ca_bundle: Option<PathBuf>,
    /// `--log_level`.
    pub log_level: Option<String>,
}

const HOST: &[&str] = &["host", "cytomine_host"];
const PUBLIC: &[&str] = &[
    "public-key",
    "public_key",
    "publicKey",
    "cytomine_public_key",
];
const PRIVATE: &[&str] = &[
    "private-key",
    "private_key",
    "privateKey",
    "cytomine_private_key",
];
const PROFILE: &[&str] = &["profile"];
const CONFIG: &[&str] = &["config"];
const CA_BUNDLE: &[&str] = &["ca-cert", "ca_cert", "ca-bundle", "ca_bundle"];
const LOG: &[&str] = &[
    "log_level",
    "cytomine_log_level",
    "verbose",
    "cytomine_verbose",
];

impl ConnectionArgs {
    /// Reads the options from a program's arguments (the first is the program): `--host`,
    /// `--public_key`, `--private_key` and the synonyms of the Python client's
    /// `connect_from_cli` (`--public-key`, `--publicKey`, `--cytomine_public_key`, ...),
    /// `--profile`, `--config`, `--ca-cert` (or `--ca_bundle`), and
    /// `--log_level`/`-l`/`--verbose`; `--name value` or
    /// `--name=value`. Other arguments are ignored.
    ///
    /// ```
    /// use cytomine_core::ConnectionArgs;
    /// let args = ConnectionArgs::from_args(["prog", "--host", "h", "--publicKey=pk", "-l", "DEBUG"]);
    /// assert_eq!(args.host.as_deref(), Some("h"));
    /// assert_eq!(args.public_key.as_deref(), Some("pk"));
    /// assert_eq!(args.log_level.as_deref(), Some("DEBUG"));
    /// ```
    pub fn from_args<I, S>(args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let args: Vec<String> = args.into_iter().map(|a| a.as_ref().to_string()).collect();
        let find = |names: &[&str]| find_option(&args, names);
        ConnectionArgs {
            host: find(HOST),
            public_key: find(PUBLIC),
            private_key: find(PRIVATE).map(PrivateKey::new),
            profile: find(PROFILE),
            config: find(CONFIG).map(PathBuf::from),
            ca_bundle: find(CA_BUNDLE).map(PathBuf::from),
            log_level: find(LOG),
        }
    }
}

impl ConnectionInfo {
    /// Resolves the host and the keys, field by field: `args`, else `CYTOMINE_HOST`,
    /// `CYTOMINE_PUBLIC_KEY`, `CYTOMINE_PRIVATE_KEY` from `env`, else the profile of the config
    /// file. `Ok(None)` when no host is given anywhere; an error when a host has no key pair.
    ///
    /// The config file is `args.config`, else `CYTOMINE_CONFIG`, else
    /// `$XDG_CONFIG_HOME/cytomine/config.toml`, else `cytomine/config.toml` in the platform's
    /// configuration directory (`$HOME/.config` on Linux and macOS, `%APPDATA%` on Windows):
    /// ```toml
    /// [profiles.default]
    /// host = "https://cytomine.example"
    /// public_key = "..."
    /// private_key = "..."
    /// ```
    /// The profile is `args.profile`, else `CYTOMINE_PROFILE`, else `default`. A profile asked
    /// for by name must exist; `default` (and the file) may be absent. The log level is
    /// `args.log_level`, else `CYTOMINE_LOG_LEVEL`. The root certificates file is
    /// `args.ca_bundle`, else `CYTOMINE_CA_BUNDLE`, else the profile's `ca_bundle` (relative to
    /// the config file); [`ConnectionInfo::builder`] applies it.
    ///
    /// ```
    /// use cytomine_core::{ConnectionArgs, ConnectionInfo};
    /// let args = ConnectionArgs { host: Some("demo.cytomine.be".into()), ..Default::default() };
    /// let env = |name: &str| match name {
    ///     "CYTOMINE_PUBLIC_KEY" => Some("pk".to_string()),
    ///     "CYTOMINE_PRIVATE_KEY" => Some("sk".to_string()),
    ///     _ => None,
    /// };
    /// let info = ConnectionInfo::resolve(&args, env).unwrap().unwrap();
    /// assert_eq!((info.host.as_str(), info.credentials.public_key.as_str()), ("demo.cytomine.be", "pk"));
    /// assert!(ConnectionInfo::resolve(&ConnectionArgs::default(), |_| None).unwrap().is_none());
    /// ```
    pub fn resolve(
        args: &ConnectionArgs,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>> {
        let env = |name: &str| env(name).filter(|value| !value.is_empty());
        let asked = args.profile.clone().or_else(|| env("CYTOMINE_PROFILE"));
        let config = args
            .config
            .clone()
            .or_else(|| env("CYTOMINE_CONFIG").map(PathBuf::from))
            .or_else(|| profile_file::default_path(&env));
        let (profile, warnings) = match (config, &asked) {
            (Some(path), _) => profile_file::load(&path, asked.as_deref())?,
            (None, Some(name)) => {
                return Err(Error::usage(format!(
                    "profile `{name}` asked for, but there is no config file (no --config, no CYTOMINE_CONFIG, and no configuration directory: set XDG_CONFIG_HOME or HOME)"
                )))
            }
            (None, None) => (Profile::default(), Vec::new()),
        };
        let host = args
            .host
            .clone()
            .or_else(|| env("CYTOMINE_HOST"))
            .or(profile.host);
        let public = args
            .public_key
            .clone()
            .or_else(|| env("CYTOMINE_PUBLIC_KEY"))
            .or(profile.public_key);
        let private = args
            .private_key
            .clone()
            .or_else(|| env("CYTOMINE_PRIVATE_KEY").map(PrivateKey::new))
            .or(profile.private_key);
        let ca_bundle = args
            .ca_bundle
            .clone()
            .or_else(|| env("CYTOMINE_CA_BUNDLE").map(PathBuf::from))
            .or(profile.ca_bundle);
        let Some(host) = host else {
            return Ok(None);
        };
        match (public, private) {
            (Some(public_key), Some(private_key)) => Ok(Some(ConnectionInfo {
                host,
                credentials: Credentials {
                    public_key,
                    private_key,
                },
                ca_bundle,
                log_level: args
                    .log_level
                    .clone()
                    .or_else(|| env("CYTOMINE_LOG_LEVEL")),
                warnings,
            })),
            (public, _) => Err(Error::usage(format!(
                "host `{host}` has no {}: pass --public-key and --private-key, set CYTOMINE_PUBLIC_KEY and CYTOMINE_PRIVATE_KEY, or use a profile",
                if public.is_none() { "public key" } else { "private key" }
            ))),
        }
    }

    /// A [`ClientBuilder`] for this host, with the key pair and the root certificates file:
    /// the place where what was resolved becomes connection settings.
    ///
    /// ```no_run
    /// # async fn demo() -> cytomine_core::Result<()> {
    /// use cytomine_core::ConnectionInfo;
    /// let info = ConnectionInfo::from_cli()?.expect("a host");
    /// let cm = info.builder().connect().await?;
    /// # Ok(()) }
    /// ```
    pub fn builder(&self) -> ClientBuilder {
        let builder = Cytomine::builder(self.host.clone()).credentials(
            self.credentials.public_key.clone(),
            self.credentials.private_key.expose(),
        );
        match &self.ca_bundle {
            Some(path) => builder.root_certificates_file(path),
            None => builder,
        }
    }

    /// [`ConnectionInfo::resolve`] with the options read from `args`
    /// ([`ConnectionArgs::from_args`]).
    ///
    /// ```
    /// use cytomine_core::ConnectionInfo;
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
        Self::resolve(&ConnectionArgs::from_args(args), env)
    }

    /// The log level asked for with `--log_level`/`-l`/`--verbose` (or `CYTOMINE_LOG_LEVEL`),
    /// whether or not a host is given.
    ///
    /// ```
    /// use cytomine_core::ConnectionInfo;
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
        ConnectionArgs::from_args(args)
            .log_level
            .or_else(|| env("CYTOMINE_LOG_LEVEL").filter(|value| !value.is_empty()))
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

    fn env_of(pairs: Vec<(&'static str, String)>) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
    }

    fn config_dir(text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("cytomine")).unwrap();
        std::fs::write(dir.path().join("cytomine/config.toml"), text).unwrap();
        dir
    }

    const CONFIG: &str = "[profiles.default]\nhost = \"file-host\"\npublic_key = \"file-pk\"\nprivate_key = \"FILE-SECRET\"\n\n[profiles.lab]\nhost = \"lab-host\"\npublic_key = \"lab-pk\"\nprivate_key = \"LAB-SECRET\"\n";

    #[test]
    fn args_win_over_env_and_synonyms_work() {
        let env = env_of(vec![
            ("CYTOMINE_HOST", "env-host".into()),
            ("CYTOMINE_PUBLIC_KEY", "env-pk".into()),
            ("CYTOMINE_PRIVATE_KEY", "env-sk".into()),
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
    fn args_beat_env_which_beats_the_profile() {
        let dir = config_dir(CONFIG);
        let env = env_of(vec![
            ("XDG_CONFIG_HOME", dir.path().display().to_string()),
            ("CYTOMINE_PUBLIC_KEY", "env-pk".into()),
            ("CYTOMINE_HOST", String::new()),
        ]);
        let args = ConnectionArgs {
            host: Some("arg-host".into()),
            ..ConnectionArgs::default()
        };
        let info = ConnectionInfo::resolve(&args, &env).unwrap().unwrap();
        assert_eq!(info.host, "arg-host");
        assert_eq!(info.credentials.public_key, "env-pk");
        assert_eq!(info.credentials.private_key.expose(), "FILE-SECRET");
        assert!(!format!("{info:?}").contains("FILE-SECRET"));
        // An empty variable counts as unset: the profile's host is used.
        let info = ConnectionInfo::resolve(&ConnectionArgs::default(), &env)
            .unwrap()
            .unwrap();
        assert_eq!(info.host, "file-host");
    }

    #[test]
    fn a_named_profile_is_used_and_must_exist() {
        let dir = config_dir(CONFIG);
        let env = env_of(vec![("XDG_CONFIG_HOME", dir.path().display().to_string())]);
        let lab = ConnectionArgs::from_args(["p", "--profile", "lab"]);
        let info = ConnectionInfo::resolve(&lab, &env).unwrap().unwrap();
        assert_eq!(info.host, "lab-host");
        let nope = ConnectionArgs::from_args(["p", "--profile=nope"]);
        let err = ConnectionInfo::resolve(&nope, &env)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no profile `nope` (profiles: default, lab)"),
            "{err}"
        );
        assert!(!err.contains("SECRET"), "{err}");
        // A named profile of a config file that does not exist is an error too.
        let missing = tempfile::tempdir().unwrap();
        let empty = env_of(vec![(
            "XDG_CONFIG_HOME",
            missing.path().display().to_string(),
        )]);
        let nowhere = ConnectionInfo::resolve(&lab, &empty).unwrap_err();
        assert!(nowhere.to_string().contains("config.toml"), "{nowhere}");
    }

    #[test]
    fn the_ca_bundle_comes_from_args_env_or_the_profile_relative_to_its_file() {
        let dir = config_dir("[profiles.default]\nhost = \"h\"\npublic_key = \"pk\"\nprivate_key = \"sk\"\nca_bundle = \"lab-ca.pem\"\n");
        let xdg = ("XDG_CONFIG_HOME", dir.path().display().to_string());
        let resolve = |args: &[&str], env: Vec<(&'static str, String)>| {
            ConnectionInfo::from_args_and_env(args, env_of(env))
                .unwrap()
                .unwrap()
                .ca_bundle
        };
        assert_eq!(
            resolve(&["p"], vec![xdg.clone()]),
            Some(dir.path().join("cytomine").join("lab-ca.pem"))
        );
        let env = vec![xdg, ("CYTOMINE_CA_BUNDLE", "/etc/env-ca.pem".into())];
        assert_eq!(
            resolve(&["p"], env.clone()),
            Some(PathBuf::from("/etc/env-ca.pem"))
        );
        assert_eq!(
            resolve(&["p", "--ca-cert", "/etc/arg-ca.pem"], env),
            Some(PathBuf::from("/etc/arg-ca.pem"))
        );
        let empty = tempfile::tempdir().unwrap();
        let nowhere = vec![("XDG_CONFIG_HOME", empty.path().display().to_string())];
        let keys = [
            "p",
            "--host",
            "h",
            "--public-key",
            "pk",
            "--private-key",
            "sk",
        ];
        assert_eq!(resolve(&keys, nowhere), None);
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
            text.contains("no public key") && !text.contains("TOPSECRET"),
            "{text}"
        );
    }

    #[test]
    fn a_broken_config_file_names_the_line_not_its_content() {
        let dir = config_dir("[profiles.default]\nprivate_key = \"TOPSECRET\nhost = 1\n");
        let env = env_of(vec![("XDG_CONFIG_HOME", dir.path().display().to_string())]);
        let err = ConnectionInfo::resolve(&ConnectionArgs::default(), &env).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains("line 2"), "{text}");
        assert!(!text.contains("TOPSECRET"), "{text}");
    }
}
