//! Correct. Spawns the job with `thread::Builder` (so even a failure to start the thread is an
//! `Err` rather than a panic of ours), waits with `join`, and turns the panic payload into its
//! message by downcasting the box by value: `String` (from `panic!("{}", x)`) first, then
//! `&'static str` (from `panic!("literal")`), with a fallback for any other payload type.

use std::any::Any;
use std::thread;

/// The text a panic was raised with, whichever of the two usual payload types carries it.
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(message) => (*message).to_string(),
            Err(_) => String::from("the thread panicked"),
        },
    }
}

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let handle = thread::Builder::new()
        .name(String::from("run_in_thread"))
        .spawn(job)
        .map_err(|error| format!("could not start a thread: {error}"))?;
    handle.join().map_err(panic_message)
}
