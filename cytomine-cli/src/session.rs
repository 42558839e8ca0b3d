//! Opening the connection a command runs on: to the server that the flags, the environment and
//! the config file name (resolved by the library's one resolver, `ConnectionInfo::resolve`),
//! or to an in-process emulator with demo data (`--emulator`, feature `emulator`), kept alive as
//! long as the session.

use cytomine::{ConnectionArgs, ConnectionInfo, Cytomine};
#[cfg(feature = "emulator")]
use cytomine_emulator::Emulator;

use crate::cli::ConnectionFlags;
use crate::failure::Failure;
#[cfg(feature = "emulator")]
use crate::failure::Kind;

/// What to do when no host is given anywhere.
#[cfg(feature = "emulator")]
const NO_HOST: &str = "no host: pass --host, set CYTOMINE_HOST, add a profile to the config file \
(`cytomine --help` says where), or try --emulator";
#[cfg(not(feature = "emulator"))]
const NO_HOST: &str = "no host: pass --host, set CYTOMINE_HOST, or add a profile to the config \
file (`cytomine --help` says where)";

/// A connection, and the emulator behind it when there is one.
#[derive(Debug)]
pub struct Session {
    /// The connection.
    pub cm: Cytomine,
    #[cfg(feature = "emulator")]
    emulator: Option<Emulator>,
}

impl Session {
    /// Connects as the flags, the environment and the config file say.
    pub async fn open(flags: &ConnectionFlags) -> Result<Session, Failure> {
        #[cfg(feature = "emulator")]
        if flags.emulator {
            return Self::emulated().await;
        }
        let args = ConnectionArgs {
            host: flags.host.clone(),
            public_key: flags.public_key.clone(),
            private_key: flags.private_key.clone(),
            profile: flags.profile.clone(),
            config: flags.config.clone(),
            ca_bundle: flags.ca_cert.clone(),
            log_level: None,
        };
        let info = ConnectionInfo::resolve(&args, |name| std::env::var(name).ok())?
            .ok_or_else(|| Failure::usage(NO_HOST))?;
        for warning in &info.warnings {
            eprintln!("warning: {warning}");
        }
        let cm = info.builder().connect().await?;
        Ok(Session {
            cm,
            #[cfg(feature = "emulator")]
            emulator: None,
        })
    }

    /// Starts an emulator with demo data on 127.0.0.1 and connects as its admin.
    #[cfg(feature = "emulator")]
    async fn emulated() -> Result<Session, Failure> {
        let emulator =
            Emulator::builder().demo(true).start().await.map_err(|e| {
                Failure::new(Kind::Network, format!("cannot start the emulator: {e}"))
            })?;
        let admin = emulator.admin();
        let cm =
            Cytomine::connect(&emulator.base_url(), admin.public_key, admin.private_key).await?;
        Ok(Session {
            cm,
            emulator: Some(emulator),
        })
    }

    /// Stops the emulator, if any.
    pub async fn close(self) {
        #[cfg(feature = "emulator")]
        if let Some(emulator) = self.emulator {
            emulator.shutdown().await;
        }
    }
}
