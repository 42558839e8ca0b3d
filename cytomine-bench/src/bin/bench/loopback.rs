//! The machine's own bound on W4: bytes through a bare loopback TCP connection between two
//! threads, with no HTTP, no server and no client library. No client can move the W4 file
//! faster than this.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Instant;

/// Buffer of each `write`/`read` call: large and reused, the kernel's best case.
const BUFFER: usize = 4 << 20;

/// MB/s of `bytes` sent through a fresh loopback connection and read whole.
pub fn megabytes_per_s(bytes: u64) -> io::Result<f64> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let address = listener.local_addr()?;
    let sender = std::thread::spawn(move || -> io::Result<()> {
        let (mut socket, _) = listener.accept()?;
        let chunk = vec![0u8; BUFFER];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(BUFFER as u64) as usize;
            socket.write_all(&chunk[..n])?;
            left -= n as u64;
        }
        Ok(())
    });
    let mut socket = TcpStream::connect(address)?;
    let mut buffer = vec![0u8; BUFFER];
    let started = Instant::now();
    let mut received = 0u64;
    loop {
        match socket.read(&mut buffer)? {
            0 => break,
            n => received += n as u64,
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    sender
        .join()
        .map_err(|_| io::Error::other("the sending thread panicked"))??;
    if received != bytes {
        return Err(io::Error::other(format!(
            "received {received} of {bytes} bytes"
        )));
    }
    Ok(received as f64 / 1e6 / elapsed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn moves_every_byte() {
        assert!(super::megabytes_per_s(10_000_000).unwrap() > 0.0);
    }
}
