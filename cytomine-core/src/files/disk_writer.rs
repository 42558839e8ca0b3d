//! Writing a download to disk on a blocking thread, so that receiving never waits on the disk.
//!
//! The network hands over many small chunks (tens of KiB). Written one by one through
//! `tokio::fs::File`, each costs a round trip to tokio's blocking pool: that was a third of the
//! time of a 200 MB download. Here chunks move (no copy) over a bounded channel to one thread
//! that gathers small ones into 1 MiB writes. The channel bounds memory: at most
//! [`QUEUED_CHUNKS`] chunks wait, plus one gathering buffer.

use std::fs::File;
use std::io::{self, Write};

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Chunks waiting for the disk at most.
const QUEUED_CHUNKS: usize = 16;

/// Size of the gathered writes.
const WRITE_SIZE: usize = 1024 * 1024;

/// A file being written by a blocking thread.
pub(crate) struct DiskWriter {
    chunks: mpsc::Sender<Bytes>,
    thread: JoinHandle<io::Result<()>>,
}

impl DiskWriter {
    /// Starts the thread that writes into `file`.
    pub(crate) fn start(file: File) -> Self {
        let (chunks, received) = mpsc::channel(QUEUED_CHUNKS);
        let thread = tokio::task::spawn_blocking(move || write_all(file, received));
        DiskWriter { chunks, thread }
    }

    /// Queues `chunk`; waits only when the disk is [`QUEUED_CHUNKS`] chunks behind. An error
    /// means the thread stopped on a write error, which [`DiskWriter::finish`] returns.
    pub(crate) async fn write(&self, chunk: Bytes) -> Result<(), Stopped> {
        self.chunks.send(chunk).await.map_err(|_| Stopped)
    }

    /// Writes what is queued, syncs the file to disk and closes it.
    pub(crate) async fn finish(self) -> io::Result<()> {
        drop(self.chunks);
        self.thread
            .await
            .map_err(|e| io::Error::other(format!("the writing thread failed: {e}")))?
    }
}

/// The writing thread stopped (on an error that [`DiskWriter::finish`] gives).
#[derive(Debug)]
pub(crate) struct Stopped;

fn write_all(mut file: File, mut received: mpsc::Receiver<Bytes>) -> io::Result<()> {
    let mut gathered = Vec::with_capacity(WRITE_SIZE);
    while let Some(chunk) = received.blocking_recv() {
        if gathered.is_empty() && chunk.len() >= WRITE_SIZE {
            file.write_all(&chunk)?;
            continue;
        }
        gathered.extend_from_slice(&chunk);
        if gathered.len() >= WRITE_SIZE {
            file.write_all(&gathered)?;
            gathered.clear();
        }
    }
    file.write_all(&gathered)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writes_every_chunk_in_order_small_and_large() {
        let dir = std::env::temp_dir().join(format!("cytomine-disk-writer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.bin");
        let writer = DiskWriter::start(File::create(&path).unwrap());
        let mut expected = Vec::new();
        for i in 0..300u32 {
            let len = if i % 50 == 0 {
                WRITE_SIZE + 7
            } else {
                1 + (i as usize * 977) % 40_000
            };
            let chunk: Vec<u8> = (0..len).map(|b| (b as u32 ^ i) as u8).collect();
            expected.extend_from_slice(&chunk);
            writer.write(Bytes::from(chunk)).await.unwrap();
        }
        writer.finish().await.unwrap();
        assert!(std::fs::read(&path).unwrap() == expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_write_error_stops_the_writer_and_is_reported() {
        // A read-only handle: the first write fails.
        let path = std::env::temp_dir().join(format!("cytomine-disk-ro-{}", std::process::id()));
        std::fs::write(&path, b"x").unwrap();
        let writer = DiskWriter::start(File::open(&path).unwrap());
        let mut stopped = false;
        for _ in 0..(QUEUED_CHUNKS + 4) {
            if writer
                .write(Bytes::from(vec![0u8; WRITE_SIZE]))
                .await
                .is_err()
            {
                stopped = true;
                break;
            }
        }
        assert!(
            stopped,
            "the writer must stop taking chunks after a failed write"
        );
        assert!(writer.finish().await.is_err());
        std::fs::remove_file(&path).unwrap();
    }
}
