//! Writing a download to disk on a blocking thread, so that receiving never waits on the disk.
//!
//! The network hands over many small chunks (tens of KiB). Written one by one through
//! `tokio::fs::File`, each costs a round trip to tokio's blocking pool: that was a third of the
//! time of a 200 MB download. Here chunks are copied into buffers of [`WRITE_SIZE`] that one
//! thread writes, and that come back to be filled again: [`BUFFERS`] of them bound memory.
//!
//! Copying is cheaper than keeping the network's chunks until they are written: a chunk
//! released at once lets the HTTP stack read the next one into the same memory, while chunks
//! held for the disk made it take fresh memory for every read, which the allocator took from
//! and gave back to the kernel over and over. A 200 MB download went from 18,500 page faults
//! to 1,700, and from 0.175 s to 0.140 s (0.155 s to 0.09 s of system time).
//!
//! The file is synced to disk as it grows ([`EarlySync`]) and once more at the end.

use std::fs::File;
use std::io::{self, Write};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::early_sync::EarlySync;

/// Buffers in use at most: one being filled, the others queued for the disk or being written.
const BUFFERS: usize = 4;

/// Bytes gathered before they are written.
const WRITE_SIZE: usize = 1024 * 1024;

/// A file being written by a blocking thread.
pub(crate) struct DiskWriter {
    /// The buffer being filled.
    filling: Vec<u8>,
    /// Full buffers, to the thread.
    full: mpsc::Sender<Vec<u8>>,
    /// Written buffers, back from the thread for reuse.
    empty: mpsc::Receiver<Vec<u8>>,
    /// Buffers made so far (at most [`BUFFERS`]).
    made: usize,
    thread: JoinHandle<io::Result<()>>,
}

impl DiskWriter {
    /// Starts the thread that writes into `file`.
    pub(crate) fn start(file: File) -> Self {
        let (full, received) = mpsc::channel(BUFFERS);
        let (returned, empty) = mpsc::channel(BUFFERS);
        let thread = tokio::task::spawn_blocking(move || write_all(file, received, returned));
        DiskWriter {
            filling: Vec::with_capacity(WRITE_SIZE),
            full,
            empty,
            made: 1,
            thread,
        }
    }

    /// Copies `chunk` into the buffer being filled and hands each full buffer to the thread;
    /// waits only when every buffer is full. An error means the thread stopped on a write
    /// error, which [`DiskWriter::finish`] returns.
    pub(crate) async fn write(&mut self, mut chunk: &[u8]) -> Result<(), Stopped> {
        while !chunk.is_empty() {
            let take = chunk.len().min(WRITE_SIZE - self.filling.len());
            self.filling.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.filling.len() == WRITE_SIZE {
                let next = self.next_buffer().await?;
                let full = std::mem::replace(&mut self.filling, next);
                self.full.send(full).await.map_err(|_| Stopped)?;
            }
        }
        Ok(())
    }

    async fn next_buffer(&mut self) -> Result<Vec<u8>, Stopped> {
        if let Ok(buffer) = self.empty.try_recv() {
            return Ok(buffer);
        }
        if self.made < BUFFERS {
            self.made += 1;
            return Ok(Vec::with_capacity(WRITE_SIZE));
        }
        self.empty.recv().await.ok_or(Stopped)
    }

    /// Writes what is queued, syncs the file to disk and closes it.
    pub(crate) async fn finish(self) -> io::Result<()> {
        let DiskWriter {
            filling,
            full,
            thread,
            ..
        } = self;
        // A failed send means the thread stopped on an error, which it returns.
        let _ = full.send(filling).await;
        drop(full);
        thread
            .await
            .map_err(|e| io::Error::other(format!("the writing thread failed: {e}")))?
    }
}

/// The writing thread stopped (on an error that [`DiskWriter::finish`] gives).
#[derive(Debug)]
pub(crate) struct Stopped;

fn write_all(
    mut file: File,
    mut received: mpsc::Receiver<Vec<u8>>,
    returned: mpsc::Sender<Vec<u8>>,
) -> io::Result<()> {
    let mut early_sync = EarlySync::default();
    while let Some(mut buffer) = received.blocking_recv() {
        file.write_all(&buffer)?;
        early_sync.wrote(&file, buffer.len());
        buffer.clear();
        let _ = returned.try_send(buffer);
    }
    early_sync.finish()?;
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
        let mut writer = DiskWriter::start(File::create(&path).unwrap());
        let mut expected = Vec::new();
        for i in 0..300u32 {
            let len = if i % 50 == 0 {
                WRITE_SIZE + 7
            } else {
                1 + (i as usize * 977) % 40_000
            };
            let chunk: Vec<u8> = (0..len).map(|b| (b as u32 ^ i) as u8).collect();
            expected.extend_from_slice(&chunk);
            writer.write(&chunk).await.unwrap();
        }
        writer.finish().await.unwrap();
        assert!(std::fs::read(&path).unwrap() == expected);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A file the disk refuses to write (opened read-only): the writes stop with `Stopped`
    /// instead of waiting for buffers that never come back, and `finish` gives the error.
    #[tokio::test]
    async fn a_refused_write_stops_the_writer_and_finish_tells_why() {
        let dir =
            std::env::temp_dir().join(format!("cytomine-disk-refused-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("read-only.bin");
        std::fs::write(&path, b"before").unwrap();
        let mut writer = DiskWriter::start(File::open(&path).unwrap());
        let chunk = vec![7u8; 64 * 1024];
        let mut stopped = false;
        for _ in 0..(BUFFERS + 2) * WRITE_SIZE / chunk.len() {
            if writer.write(&chunk).await.is_err() {
                stopped = true;
                break;
            }
        }
        assert!(
            stopped,
            "every buffer was taken and none came back: the writer stops"
        );
        let error = writer.finish().await.unwrap_err();
        assert_ne!(error.kind(), io::ErrorKind::Other, "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"before");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
