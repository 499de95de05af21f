//! Shows a deadlock without freezing your terminal: the code that deadlocks runs on a thread of
//! its own, and the main thread gives up waiting for it after a while.

// ANCHOR: primitive
use std::{
    sync::mpsc::{self, RecvTimeoutError},
    thread,
    time::Duration,
};

use log::{info, warn};

/// How long a part may go without finishing before it is reported as deadlocked. Every part
/// that can finish does so in well under a tenth of that.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// Runs `part` on a new thread called `name` and waits up to [`PATIENCE`] for it to finish.
/// If it does not, logs `explanation` and returns, leaving the stuck thread behind: nothing can
/// unblock it, and like any unjoined thread it dies when the program exits.
pub fn run_watched(name: &str, explanation: &str, part: impl FnOnce() + Send + 'static) {
    let (finished, finished_rx) = mpsc::channel();
    thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            part();
            // The receiver may have given up already; then nobody needs to know.
            finished.send(()).ok();
        })
        .expect("the OS could not start a thread");
    match finished_rx.recv_timeout(PATIENCE) {
        Ok(()) => info!("=> finished"),
        Err(RecvTimeoutError::Timeout) => {
            warn!(
                "=> DEADLOCK: no progress for {} s. {explanation}",
                PATIENCE.as_secs()
            );
            warn!(
                "   (What is stuck is left behind: nothing can unblock it, and it ends with the program.)"
            );
        }
        Err(RecvTimeoutError::Disconnected) => warn!("=> the part panicked (see above)"),
    }
}
// ANCHOR_END: primitive
