//! Breaks: "Callers in several threads at once each get their own job's value or message". A
//! panic hook writes each panic's message into one shared slot, and a caller whose thread
//! panicked takes the message from there. One caller at a time, that is right; when two jobs
//! panic at about the same time, the second message overwrites the first before its caller
//! reads it, and one caller gets the other's message.

use std::{
    panic,
    sync::{Mutex, Once},
    thread,
};

/// The message of the latest panic, whichever thread it came from.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `job` on a thread of its own and waits for it. `Ok(value)` when the job returned
/// `value`; `Err(message)` when it panicked with `message`.
pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let message = info.payload_as_str().unwrap_or("the thread panicked");
            *LAST_PANIC.lock().unwrap() = Some(message.to_owned());
        }));
    });
    thread::spawn(job).join().map_err(|_| {
        LAST_PANIC
            .lock()
            .unwrap()
            .take()
            .unwrap_or_else(|| "the thread panicked".to_owned())
    })
}
