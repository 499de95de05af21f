//! Exercise `join_result` (chapter join_thread)
//!
//! Run `job` on a new thread, wait for that thread with `join`, and hand back what the job
//! returned. If the job panics, return `Err` with the panic's message instead of panicking
//! yourself: `join` tells you the thread panicked, Python's `join()` never does. The message is
//! exactly the text the job panicked with, nothing added before or after it; for a panic whose
//! payload is not text (`std::panic::panic_any(42)`), it is `the thread panicked`. Callers in
//! several threads at once each get their own job's value or message.
//!
//! Grade it with `cargo xtask check join_result`; `cargo xtask hint join_result` helps.

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    // TODO: spawn a thread that runs `job`, join it, and turn a panic into Err(message).
    todo!()
}
