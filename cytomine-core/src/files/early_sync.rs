//! Flushing a download to disk while it is still arriving, so that the final sync before the
//! rename has only the tail left to wait for.
//!
//! The file is synced before it takes its final name, so that a crash never leaves a file of
//! that name with missing data. Synced only at the end, a 200 MB download waited about 80 ms
//! for the disk after its last byte. Here a second thread syncs the bytes written so far every
//! [`SYNC_EVERY`] bytes, on its own handle, while the writer goes on writing.

use std::fs::File;
use std::io;
use std::sync::mpsc;
use std::thread::JoinHandle;

/// Bytes written between two early syncs.
const SYNC_EVERY: u64 = 32 * 1024 * 1024;

/// Syncs a file in the background as it grows; see the module docs. The thread starts with the
/// first [`SYNC_EVERY`] bytes, so a small file costs nothing.
#[derive(Default)]
pub(crate) struct EarlySync {
    /// The syncing thread and how to wake it, once started.
    running: Option<(mpsc::Sender<()>, JoinHandle<io::Result<()>>)>,
    /// No second handle or thread could be had: only the final sync runs.
    unavailable: bool,
    unsynced: u64,
}

impl EarlySync {
    /// Counts `bytes` just written to `file`; every [`SYNC_EVERY`] bytes, wakes the syncing
    /// thread (started on a second handle of `file` the first time).
    pub(crate) fn wrote(&mut self, file: &File, bytes: usize) {
        self.unsynced += bytes as u64;
        if self.unsynced < SYNC_EVERY {
            return;
        }
        self.unsynced = 0;
        if self.running.is_none() && !self.unavailable {
            self.running = start(file);
            self.unavailable = self.running.is_none();
        }
        if let Some((wake, _)) = &self.running {
            // A stopped thread has an error for `finish`.
            let _ = wake.send(());
        }
    }

    /// Waits for the syncs under way; the first error of any of them.
    pub(crate) fn finish(self) -> io::Result<()> {
        let Some((wake, thread)) = self.running else {
            return Ok(());
        };
        drop(wake);
        thread
            .join()
            .map_err(|_| io::Error::other("the syncing thread panicked"))?
    }
}

/// The syncing thread on a second handle of `file`, or `None` if either cannot be had.
fn start(file: &File) -> Option<(mpsc::Sender<()>, JoinHandle<io::Result<()>>)> {
    let handle = file.try_clone().ok()?;
    let (wake, woken) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("cytomine-sync".into())
        .spawn(move || sync_on_wake(&handle, &woken))
        .ok()
        .map(|thread| (wake, thread))
}

/// Syncs `file` each time it is woken (wake-ups that came meanwhile make one sync), until the
/// writer hangs up.
fn sync_on_wake(file: &File, woken: &mpsc::Receiver<()>) -> io::Result<()> {
    while woken.recv().is_ok() {
        while woken.try_recv().is_ok() {}
        file.sync_data()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn syncs_as_the_file_grows_and_finishes_clean() {
        let path = std::env::temp_dir().join(format!("cytomine-early-sync-{}", std::process::id()));
        let mut file = File::create(&path).unwrap();
        let mut sync = EarlySync::default();
        let block = vec![7u8; 1024 * 1024];
        for n in 1..=70 {
            file.write_all(&block).unwrap();
            sync.wrote(&file, block.len());
            // No thread for a file under 32 MiB.
            assert_eq!(sync.running.is_some(), n >= 32, "after {n} MiB");
        }
        sync.finish().unwrap();
        file.sync_all().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 70 * 1024 * 1024);
        std::fs::remove_file(&path).unwrap();
    }
}
