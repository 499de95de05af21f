//! Breaks: "The message is exactly the text the job panicked with, nothing added before or after
//! it". It downcasts both payload types, as it should, then puts `the thread panicked: ` before
//! the text.

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    thread::spawn(job).join().map_err(|payload| {
        if let Some(message) = payload.downcast_ref::<&str>() {
            format!("the thread panicked: {message}")
        } else if let Some(message) = payload.downcast_ref::<String>() {
            format!("the thread panicked: {message}")
        } else {
            "the thread panicked".to_owned()
        }
    })
}
