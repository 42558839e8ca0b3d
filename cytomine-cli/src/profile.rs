//! Where the host and the keys come from, field by field: command-line flags, else the
//! `CYTOMINE_*` environment variables, else a profile of the config file.
//!
//! The config file is `--config`, else `$CYTOMINE_CONFIG`, else
//! `$XDG_CONFIG_HOME/cytomine/config.toml`, else `$HOME/.config/cytomine/config.toml`:
//! ```toml
//! [profiles.default]
//! host = "https://cytomine.example"
//! public_key = "..."
//! private_key = "..."
//! ```
//! The profile is `--profile`, else `$CYTOMINE_PROFILE`, else `default`; a profile asked for by
//! name must exist, `default` may be absent. Keys are never printed: the private key is a
//! [`PrivateKey`], and errors name what is missing, never a value.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cytomine::{Credentials, PrivateKey};
use serde::Deserialize;

use crate::cli::ConnectionFlags;
use crate::failure::Failure;

/// A server and the keys to use on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The host, as given.
    pub host: String,
    /// The key pair (its `Debug` hides the private key).
    pub credentials: Credentials,
}

/// One `[profiles.NAME]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Profile {
    host: Option<String>,
    public_key: Option<String>,
    private_key: Option<PrivateKey>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// Resolves the target from the flags, an environment lookup and the config file on disk.
pub fn resolve(
    flags: &ConnectionFlags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Target, Failure> {
    let env = |name: &str| env(name).filter(|v| !v.is_empty());
    let explicit = flags.profile.clone().or_else(|| env("CYTOMINE_PROFILE"));
    let name = explicit.clone().unwrap_or_else(|| "default".to_string());
    let profile = match config_path(flags, &env) {
        Some(path) => load_profile(&path, &name, explicit.is_some())?,
        None if explicit.is_some() => {
            return Err(Failure::usage(format!(
                "profile `{name}` asked for, but there is no config file (no --config, CYTOMINE_CONFIG, XDG_CONFIG_HOME or HOME)"
            )))
        }
        None => Profile::default(),
    };
    combine(flags, &env, profile)
}

fn config_path(flags: &ConnectionFlags, env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = flags
        .config
        .clone()
        .or_else(|| env("CYTOMINE_CONFIG").map(PathBuf::from))
    {
        return Some(path);
    }
    let base = env("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(base.join("cytomine").join("config.toml"))
}

/// The profile `name` of the file at `path`. A missing file or profile is an error only when
/// the profile was asked for by name.
fn load_profile(path: &Path, name: &str, explicit: bool) -> Result<Profile, Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok(Profile::default())
        }
        Err(e) => {
            return Err(Failure::input(
                path,
                format!("cannot read the config file: {e}"),
            ))
        }
    };
    warn_if_readable_by_others(path);
    let config = parse_config(&text).map_err(|reason| Failure::input(path, reason))?;
    match config.profiles.get(name) {
        Some(profile) => Ok(profile.clone()),
        None if !explicit => Ok(Profile::default()),
        None => {
            let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
            Err(Failure::usage(format!(
                "{}: no profile `{name}` (profiles: {})",
                path.display(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )))
        }
    }
}

/// Parses the config text. The error gives the line and column and toml's message, never the
/// offending line itself, which could hold a key.
fn parse_config(text: &str) -> Result<ConfigFile, String> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
        let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
        format!("invalid config file: {at}{}", e.message().trim())
    })
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: {} holds private keys but other users may read it (chmod 600 it)",
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

fn combine(
    flags: &ConnectionFlags,
    env: &dyn Fn(&str) -> Option<String>,
    profile: Profile,
) -> Result<Target, Failure> {
    let host = flags
        .host
        .clone()
        .or_else(|| env("CYTOMINE_HOST"))
        .or(profile.host);
    let public = flags
        .public_key
        .clone()
        .or_else(|| env("CYTOMINE_PUBLIC_KEY"))
        .or(profile.public_key);
    let private = flags
        .private_key
        .clone()
        .or_else(|| env("CYTOMINE_PRIVATE_KEY").map(PrivateKey::new))
        .or(profile.private_key);
    let Some(host) = host else {
        return Err(Failure::usage(
            "no host: pass --host, set CYTOMINE_HOST, add a profile to ~/.config/cytomine/config.toml, or try --emulator",
        ));
    };
    match (public, private) {
        (Some(public), Some(private)) => Ok(Target {
            host,
            credentials: Credentials {
                public_key: public,
                private_key: private,
            },
        }),
        (public, _) => Err(Failure::usage(format!(
            "host `{host}` has no {}: pass --public-key and --private-key, set CYTOMINE_PUBLIC_KEY and CYTOMINE_PRIVATE_KEY, or use a profile",
            if public.is_none() { "public key" } else { "private key" }
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> ConnectionFlags {
        ConnectionFlags {
            host: None,
            public_key: None,
            private_key: None,
            profile: None,
            config: None,
            emulator: false,
        }
    }

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
    fn flags_beat_env_which_beats_the_profile() {
        let dir = config_dir(CONFIG);
        let xdg = dir.path().display().to_string();
        let env = env_of(vec![
            ("XDG_CONFIG_HOME", xdg),
            ("CYTOMINE_PUBLIC_KEY", "env-pk".into()),
        ]);
        let mut f = flags();
        f.host = Some("flag-host".into());
        let target = resolve(&f, &env).unwrap();
        assert_eq!(target.host, "flag-host");
        assert_eq!(target.credentials.public_key, "env-pk");
        assert_eq!(target.credentials.private_key.expose(), "FILE-SECRET");
        assert!(!format!("{target:?}").contains("FILE-SECRET"));
    }

    #[test]
    fn a_named_profile_is_used_and_must_exist() {
        let dir = config_dir(CONFIG);
        let env = env_of(vec![("XDG_CONFIG_HOME", dir.path().display().to_string())]);
        let mut f = flags();
        f.profile = Some("lab".into());
        assert_eq!(resolve(&f, &env).unwrap().host, "lab-host");
        f.profile = Some("nope".into());
        let err = resolve(&f, &env).unwrap_err();
        assert!(
            err.message
                .contains("no profile `nope` (profiles: default, lab)"),
            "{err}"
        );
        assert!(!err.message.contains("SECRET"), "{err}");
    }

    #[test]
    fn no_host_anywhere_is_a_usage_error() {
        let env = env_of(vec![("HOME", "/nonexistent-home".into())]);
        let err = resolve(&flags(), &env).unwrap_err();
        assert_eq!(err.kind, crate::failure::Kind::Usage);
        assert!(err.message.contains("no host"), "{err}");
    }

    #[test]
    fn a_missing_key_is_named_without_showing_the_other() {
        let env = env_of(vec![
            ("HOME", "/nonexistent-home".into()),
            ("CYTOMINE_HOST", "h".into()),
            ("CYTOMINE_PRIVATE_KEY", "TOPSECRET".into()),
        ]);
        let err = resolve(&flags(), &env).unwrap_err();
        assert!(err.message.contains("no public key"), "{err}");
        assert!(!err.message.contains("TOPSECRET"), "{err}");
    }

    #[test]
    fn a_broken_config_file_names_the_line_not_its_content() {
        let dir = config_dir("[profiles.default]\nprivate_key = \"TOPSECRET\nhost = 1\n");
        let env = env_of(vec![("XDG_CONFIG_HOME", dir.path().display().to_string())]);
        let err = resolve(&flags(), &env).unwrap_err();
        assert_eq!(err.kind, crate::failure::Kind::Input);
        assert!(err.message.contains("line 2"), "{err}");
        assert!(!err.message.contains("TOPSECRET"), "{err}");
    }
}
