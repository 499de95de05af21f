//! Wrong: cancel and restart only send a message; if the timer has just timed out, cancel still says true.
use std::time::{Duration, Instant};
use crate::sync::{mpsc, thread::{self, JoinHandle}};
enum Message { Cancel, Restart(Instant) }
pub struct Timer { messages: mpsc::Sender<Message>, delay: Duration, thread: JoinHandle<()> }
impl Timer {
    pub fn start(delay: Duration, f: impl FnOnce() + Send + 'static) -> Timer {
        let (messages, inbox) = mpsc::channel::<Message>();
        let thread = thread::spawn(move || {
            let mut deadline = Instant::now() + delay;
            loop {
                let now = Instant::now();
                if now >= deadline { f(); return; }
                match inbox.recv_timeout(deadline - now) {
                    Ok(Message::Restart(until)) => deadline = until,
                    Ok(Message::Cancel) => return,
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => thread::sleep(deadline - now),
                }
            }
        });
        Timer { messages, delay, thread }
    }
    pub fn restart(&self) -> bool { self.messages.send(Message::Restart(Instant::now() + self.delay)).is_ok() }
    pub fn cancel(&self) -> bool { self.messages.send(Message::Cancel).is_ok() }
    pub fn join(self) { self.thread.join().unwrap() }
}
