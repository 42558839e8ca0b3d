//! Opening the connection a command runs on: to the resolved server, or to an in-process
//! emulator with demo data (`--emulator`), kept alive as long as the session.

use cytomine::Cytomine;
use cytomine_emulator::Emulator;

use crate::cli::ConnectionFlags;
use crate::failure::{Failure, Kind};
use crate::profile;

/// A connection, and the emulator behind it when there is one.
#[derive(Debug)]
pub struct Session {
    /// The connection.
    pub cm: Cytomine,
    emulator: Option<Emulator>,
}

impl Session {
    /// Connects as the flags, the environment and the config file say.
    pub async fn open(flags: &ConnectionFlags) -> Result<Session, Failure> {
        if flags.emulator {
            return Self::emulated().await;
        }
        let target = profile::resolve(flags, &|name| std::env::var(name).ok())?;
        let cm = Cytomine::builder(target.host)
            .credentials(
                target.credentials.public_key,
                target.credentials.private_key.expose(),
            )
            .connect()
            .await?;
        Ok(Session { cm, emulator: None })
    }

    /// Starts an emulator with demo data on 127.0.0.1 and connects as its admin.
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
        if let Some(emulator) = self.emulator {
            emulator.shutdown().await;
        }
    }
}
