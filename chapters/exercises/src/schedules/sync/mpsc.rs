//! shuttle's channels, with a `recv_timeout` that may time out at any moment the channel
//! is empty: shuttle has no clock, so "the delay ran out" becomes one more choice to explore.

pub use shuttle::sync::mpsc::{
    RecvError, RecvTimeoutError, SendError, Sender, SyncSender, TryRecvError, TrySendError,
};

use super::time::timeouts;
use crate::schedules::choices;

pub struct Receiver<T>(shuttle::sync::mpsc::Receiver<T>);

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let (sender, receiver) = shuttle::sync::mpsc::channel();
    (sender, Receiver(receiver))
}

pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    let (sender, receiver) = shuttle::sync::mpsc::sync_channel(bound);
    (sender, Receiver(receiver))
}

impl<T> Receiver<T> {
    pub fn recv(&self) -> Result<T, RecvError> {
        self.0.recv()
    }

    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.0.try_recv()
    }

    /// Blocks until a message comes, every sender is gone, or the time runs out.
    pub fn recv_timeout(&self, _timeout: std::time::Duration) -> Result<T, RecvTimeoutError> {
        loop {
            match self.0.try_recv() {
                Ok(value) => return Ok(value),
                Err(TryRecvError::Disconnected) => {
                    return Err(RecvTimeoutError::Disconnected);
                }
                Err(TryRecvError::Empty) if !timeouts() => {
                    return self.0.recv().map_err(|_| RecvTimeoutError::Disconnected);
                }
                Err(TryRecvError::Empty) if choices::recv_times_out() => {
                    return Err(RecvTimeoutError::Timeout);
                }
                Err(TryRecvError::Empty) => shuttle::thread::yield_now(),
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        std::iter::from_fn(|| self.recv().ok())
    }

    pub fn try_iter(&self) -> impl Iterator<Item = T> + '_ {
        std::iter::from_fn(|| self.try_recv().ok())
    }
}

impl<T: 'static> IntoIterator for Receiver<T> {
    type Item = T;
    type IntoIter = std::iter::FromFn<Box<dyn FnMut() -> Option<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        std::iter::from_fn(Box::new(move || self.recv().ok()))
    }
}

impl<'a, T> IntoIterator for &'a Receiver<T> {
    type Item = T;
    type IntoIter = std::iter::FromFn<Box<dyn FnMut() -> Option<T> + 'a>>;

    fn into_iter(self) -> Self::IntoIter {
        std::iter::from_fn(Box::new(move || self.recv().ok()))
    }
}
