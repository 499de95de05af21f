//! Breaks: "`Err(message)` when it panicked with `message`." The payload is a
//! `Box<dyn Any + Send>`; `{:?}` on it prints `Any { .. }`, not the message. A test that only
//! checks `is_err()` passes.

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    thread::spawn(job)
        .join()
        .map_err(|payload| format!("{payload:?}"))
}
