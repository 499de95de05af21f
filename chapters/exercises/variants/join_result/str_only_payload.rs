//! Breaks: "`Err(message)` when it panicked with `message`." Only a `&'static str` payload is
//! recognised; `panic!("bad input {n}")` carries a `String`, so its message is replaced by a
//! generic text. Passes any test that only panics with a literal.

use std::thread;

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    thread::spawn(job).join().map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|message| message.to_string())
            .unwrap_or_else(|| "the job panicked".to_string())
    })
}
