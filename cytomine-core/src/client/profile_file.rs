//! The config file of [`ConnectionInfo::resolve`](super::ConnectionInfo::resolve): where it is,
//! and the profile read from it.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::auth::PrivateKey;
use crate::error::{Error, Result};

/// One `[profiles.NAME]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Profile {
    pub host: Option<String>,
    pub public_key: Option<String>,
    pub private_key: Option<PrivateKey>,
    /// Extra root certificates (PEM); a relative path is relative to the config file.
    pub ca_bundle: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// `$XDG_CONFIG_HOME/cytomine/config.toml`, else `cytomine/config.toml` in the platform's
/// configuration directory as the `etcetera` crate finds it (`$HOME/.config` on Linux and macOS,
/// `%APPDATA%` on Windows). `XDG_CONFIG_HOME` is read through `env`, so that tests can set it.
pub(super) fn default_path(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = match env("XDG_CONFIG_HOME") {
        Some(dir) => PathBuf::from(dir),
        None => etcetera::choose_base_strategy().ok()?.config_dir(),
    };
    Some(base.join("cytomine").join("config.toml"))
}

/// The profile `asked` (else `default`) of the file at `path`, and the warnings about the file.
/// A missing file or profile is an error only when the profile was asked for by name.
pub(super) fn load(path: &Path, asked: Option<&str>) -> Result<(Profile, Vec<String>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound && asked.is_none() => {
            return Ok((Profile::default(), Vec::new()))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let warnings = readable_by_others(path)
        .then(|| {
            format!(
                "{} holds private keys but other users may read it (chmod 600 it)",
                path.display()
            )
        })
        .into_iter()
        .collect();
    let config = parse(&text)
        .map_err(|reason| Error::io(path, io::Error::new(io::ErrorKind::InvalidData, reason)))?;
    let name = asked.unwrap_or("default");
    match config.profiles.get(name) {
        Some(profile) => {
            let mut profile = profile.clone();
            if let (Some(bundle), Some(dir)) = (&profile.ca_bundle, path.parent()) {
                profile.ca_bundle = Some(dir.join(bundle));
            }
            Ok((profile, warnings))
        }
        None if asked.is_none() => Ok((Profile::default(), warnings)),
        None => {
            let known: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
            Err(Error::usage(format!(
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

/// Parses the config text. The error gives the line and toml's message, never the offending
/// line itself, which could hold a key.
fn parse(text: &str) -> std::result::Result<ConfigFile, String> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
        let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
        format!("invalid config file: {at}{}", e.message().trim())
    })
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|meta| meta.permissions().mode() & 0o077 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}
