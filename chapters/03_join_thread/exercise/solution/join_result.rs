//! Reference solution of `join_result`.

use std::thread;

pub fn run_in_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    thread::spawn(job).join().map_err(|payload| {
        // `panic!("literal")` carries a `&str`, `panic!("{x}")` a `String`.
        if let Some(message) = payload.downcast_ref::<&str>() {
            (*message).to_owned()
        } else if let Some(message) = payload.downcast_ref::<String>() {
            message.clone()
        } else {
            "the thread panicked".to_owned()
        }
    })
}
