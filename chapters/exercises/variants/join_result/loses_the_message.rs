//! Wrong: reports that the thread panicked, but not with which message.
use std::thread;
pub fn run_in_thread<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    thread::spawn(job).join().map_err(|_| "the thread panicked".to_owned())
}
