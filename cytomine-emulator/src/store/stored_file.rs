//! The bytes of an uploaded file, kept on disk so that a large upload does not stay in memory:
//! a temporary file, deleted when the last record that holds it is dropped (at the latest with
//! the emulator).

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Arc;

use tempfile::NamedTempFile;
use tokio::io::AsyncWriteExt;

/// An uploaded file on disk; clones share it.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    file: Arc<NamedTempFile>,
    len: u64,
}

impl StoredFile {
    /// A stored file holding `bytes`.
    pub(crate) fn from_bytes(bytes: &[u8]) -> io::Result<StoredFile> {
        let mut file = new_temporary_file()?;
        file.write_all(bytes)?;
        Ok(StoredFile {
            file: Arc::new(file),
            len: bytes.len() as u64,
        })
    }

    /// Its length in bytes.
    pub(crate) fn len(&self) -> u64 {
        self.len
    }

    /// All of its bytes.
    pub(crate) fn read(&self) -> io::Result<Vec<u8>> {
        std::fs::read(self.file.path())
    }

    /// The bytes `start..=end`.
    pub(crate) fn read_range(&self, start: u64, end: u64) -> io::Result<Vec<u8>> {
        let mut file = self.file.reopen()?;
        file.seek(SeekFrom::Start(start))?;
        let mut bytes = Vec::new();
        file.take(end + 1 - start).read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// A stored file being received, chunk by chunk.
pub(crate) struct FileWriter {
    file: NamedTempFile,
    out: tokio::fs::File,
    len: u64,
}

impl FileWriter {
    /// An empty file.
    pub(crate) fn new() -> io::Result<FileWriter> {
        let file = new_temporary_file()?;
        let out = tokio::fs::File::from_std(file.as_file().try_clone()?);
        Ok(FileWriter { file, out, len: 0 })
    }

    /// Appends `chunk`.
    pub(crate) async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.out.write_all(chunk).await?;
        self.len += chunk.len() as u64;
        Ok(())
    }

    /// The file, once everything is written.
    pub(crate) async fn finish(mut self) -> io::Result<StoredFile> {
        self.out.flush().await?;
        Ok(StoredFile {
            file: Arc::new(self.file),
            len: self.len,
        })
    }
}

fn new_temporary_file() -> io::Result<NamedTempFile> {
    tempfile::Builder::new()
        .prefix("cytomine-emulator-upload-")
        .tempfile()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stored_file_reads_back_what_was_written_and_is_deleted_with_its_last_clone() {
        let mut writer = FileWriter::new().expect("a temporary file");
        writer.write(b"hello ").await.expect("written");
        writer.write(b"world").await.expect("written");
        let stored = writer.finish().await.expect("finished");
        assert_eq!(stored.len(), 11);
        assert_eq!(stored.read().expect("read"), b"hello world");
        assert_eq!(stored.read_range(6, 10).expect("range"), b"world");
        let path = stored.file.path().to_owned();
        let clone = stored.clone();
        drop(stored);
        assert!(path.exists(), "a clone still holds it");
        drop(clone);
        assert!(!path.exists(), "deleted with its last clone");
        let small = StoredFile::from_bytes(b"abc").expect("stored");
        assert_eq!(
            (small.len(), small.read_range(1, 1).ok()),
            (3, Some(b"b".to_vec()))
        );
    }
}
