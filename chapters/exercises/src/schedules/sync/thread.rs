//! shuttle's threads, with a `park_timeout` that can time out, and a `yield_now` that counts
//! whether it paused inside a critical section.

pub use shuttle::thread::*;

use super::records;
use super::time::{at_some_moment, timeouts};
use crate::schedules::play;

/// Lets other threads run: shuttle has no clock, so a sleep is a moment where another
/// thread may run.
#[track_caller]
pub fn sleep(duration: std::time::Duration) {
    play::at(std::panic::Location::caller());
    shuttle::thread::sleep(duration);
}

/// Returns when unparked, spuriously, or when the time runs out: at a moment the scheduler
/// picks, as shuttle has no clock.
pub fn park_timeout(_timeout: std::time::Duration) {
    if timeouts() {
        let me = current();
        at_some_moment(move || me.unpark());
    }
    park();
}

/// Lets other threads run, as std's does; the harness learns whether a lock was held.
#[track_caller]
pub fn yield_now() {
    play::at(std::panic::Location::caller());
    records::pause();
    shuttle::thread::yield_now();
}
