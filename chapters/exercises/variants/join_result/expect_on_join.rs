//! Breaks: "If the job panics, return `Err` with the panic's message instead of panicking
//! yourself." `expect` on the join result re-panics in the caller (the message even makes it
//! into the caller's panic text, which can fool a test that only looks at output).

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let value = thread::spawn(job).join().expect("the job panicked");
    Ok(value)
}
