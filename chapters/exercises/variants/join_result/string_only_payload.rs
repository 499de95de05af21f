//! Breaks: "`Err(message)` when it panicked with `message`." Only a `String` payload is
//! recognised; `panic!("boom")` (a literal, no arguments) carries a `&'static str`, so its
//! message is lost. Passes any test whose panics use format arguments.

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    thread::spawn(job).join().map_err(|payload| match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(_) => String::from("unknown panic"),
    })
}
