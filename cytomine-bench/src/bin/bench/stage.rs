//! The stage of one section: its own emulator, a scratch folder for its files, and our client
//! connected as the admin to prepare the data.

use std::path::PathBuf;

use cytomine_core::Cytomine;
use cytomine_emulator::{Emulator, EmulatorBuilder};

use crate::fixture;

/// A started emulator, its scratch folder and the admin's client.
pub struct Stage {
    /// The emulator.
    pub emulator: Emulator,
    /// Where the section's files go; removed by [`Stage::finish`].
    pub dir: PathBuf,
    /// Our client, connected as the admin.
    pub cm: Cytomine,
}

impl Stage {
    /// Starts `emulator`, creates the folder named `name` (made unique to this process) in the
    /// temporary directory, and connects the admin.
    pub async fn start(emulator: EmulatorBuilder, name: &str) -> Result<Stage, String> {
        let emulator = emulator
            .start()
            .await
            .map_err(|e| format!("cannot start the emulator: {e}"))?;
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let admin = emulator.admin();
        let cm =
            fixture::connect(&emulator.base_url(), &admin.public_key, &admin.private_key).await?;
        eprintln!("preparing data on {} ...", emulator.base_url());
        Ok(Stage { emulator, dir, cm })
    }

    /// Removes the folder and stops the emulator.
    pub async fn finish(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        self.emulator.shutdown().await;
    }
}
