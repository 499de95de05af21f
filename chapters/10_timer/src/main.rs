mod timer;

use std::{thread, time::Duration};

use clap::Parser;
use log::info;
use timer::Timer;

/// Timer: a reminder pops up after a delay unless the user acts first. A quick user cancels it
/// in time; a slow one gets reminded, and cancelling afterwards does nothing.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// How long to wait before reminding, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    delay_ms: u64,
    /// When the quick user acts, in milliseconds (before the reminder, if below --delay-ms).
    #[arg(long, default_value_t = 300)]
    quick_ms: u64,
    /// When the slow user acts, in milliseconds (after the reminder, if above --delay-ms).
    #[arg(long, default_value_t = 1500)]
    slow_ms: u64,
}

// ANCHOR: lesson
/// Starts a reminder for `user`, who acts after `acts_after`.
fn remind_unless_user_acts(user: &'static str, delay: Duration, acts_after: Duration) {
    info!("{user}: document has unsaved changes; reminder set for {delay:?}");
    let reminder = Timer::start(delay, move || {
        info!("{user}: REMINDER: save your document!")
    });
    thread::sleep(acts_after); // the user at work
    info!("{user}: saves the document after {acts_after:?}");
    if reminder.cancel() {
        info!("{user}: reminder cancelled; it will never show");
    } else {
        info!("{user}: too late to cancel: the reminder already showed (cancel did nothing)");
    }
    reminder.join().expect("the reminder panicked");
}

fn main() {
    let args = Args::parse();
    support::init_logging();

    let delay = Duration::from_millis(args.delay_ms);
    thread::scope(|scope| {
        scope.spawn(|| {
            remind_unless_user_acts("quick user", delay, Duration::from_millis(args.quick_ms))
        });
        scope.spawn(|| {
            remind_unless_user_acts("slow user", delay, Duration::from_millis(args.slow_ms))
        });
    });
}
// ANCHOR_END: lesson
