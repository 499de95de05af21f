//! Breaks: "Run `job` on a new thread, wait for that thread with `join`". Like a Python worker
//! feeding a queue, the thread sends its (caught) outcome through a channel and is never joined:
//! the function returns while the thread may still be running (its thread-local destructors,
//! for one), and the handle is simply dropped. The returned values are the same as a correct
//! answer's, so only a test that checks the thread has finished notices.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::thread;

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message.to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        String::from("panic with a non-string payload")
    }
}

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let outcome = panic::catch_unwind(AssertUnwindSafe(job)).map_err(panic_message);
        let _ = sender.send(outcome);
    });
    receiver
        .recv()
        .unwrap_or_else(|_| Err(String::from("the job's thread vanished")))
}
