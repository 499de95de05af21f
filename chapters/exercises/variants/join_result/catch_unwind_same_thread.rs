//! Breaks: "Runs `job` on a thread of its own and waits for it." `catch_unwind` turns the panic
//! into the right `Err(message)`, but the job runs on the caller's thread (a test comparing
//! `thread::current().id()` inside the job, or using thread-locals, sees it).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

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
    panic::catch_unwind(AssertUnwindSafe(job)).map_err(panic_message)
}
