//! An answer that leaves before its handler returns: a large listing is sent in chunks while it
//! is still being written, so the client starts reading after the first chunk instead of after
//! the whole page (100,000 annotations take tens of milliseconds to write).

use std::sync::Mutex;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use super::reply::Reply;

/// Where a handler running on its own thread answers, once: early, through
/// [`Early::json_stream`], or with what it returns (the dispatcher sends that through
/// [`Early::send`]).
#[derive(Debug)]
pub struct Early(Mutex<Option<oneshot::Sender<Reply>>>);

/// The body of an answer that went out early: each chunk is sent as soon as it is written.
#[derive(Debug)]
pub struct Chunks(mpsc::UnboundedSender<Bytes>);

impl Chunks {
    /// Sends `bytes` (if not empty); `false` once the client is gone, so the writer can stop.
    pub fn send(&self, bytes: Vec<u8>) -> bool {
        bytes.is_empty() || self.0.send(Bytes::from(bytes)).is_ok()
    }
}

impl Early {
    /// A port, and where the dispatcher awaits the answer sent through it.
    pub fn channel() -> (Early, oneshot::Receiver<Reply>) {
        let (tx, rx) = oneshot::channel();
        (Early(Mutex::new(Some(tx))), rx)
    }

    /// Sends `reply` unless an answer went out already; whether it was sent.
    pub fn send(&self, reply: Reply) -> bool {
        let port = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        port.is_some_and(|port| port.send(reply).is_ok())
    }

    /// Answers 200 with a JSON body written afterwards through the returned [`Chunks`]. The
    /// channel is unbounded so that the writer, who holds the state's read lock, never waits
    /// for a slow client: the lock is held no longer than for an answer written whole.
    /// `None` when an answer went out already.
    pub fn json_stream(&self) -> Option<Chunks> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.send(Reply::json_chunks(200, rx)).then_some(Chunks(tx))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_answer_goes_out() {
        let (early, mut answer) = Early::channel();
        let chunks = early.json_stream().expect("the first answer");
        assert!(!early.send(Reply::error_page(500)), "a second answer");
        assert!(early.json_stream().is_none());
        let reply = answer.try_recv().expect("the early answer");
        assert_eq!(reply.status(), 200);
        assert!(chunks.send(b"[]".to_vec()));
        drop(reply);
        assert!(!chunks.send(b"[]".to_vec()), "the client is gone");
        assert!(
            chunks.send(Vec::new()),
            "nothing to send is never a failure"
        );
    }
}
