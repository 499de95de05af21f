//! The grading harness. Each exercise has a binary in `src/bin/` that includes the file being
//! graded (copied by `cargo xtask check` into `current/`), puts it to the test, and prints one
//! verdict line, `VERDICT {json}`, which the grader turns into a row of its table.

pub mod real;
pub mod schedules;

pub use support::verdict::{Kind, LIFELINE, VERDICT_PREFIX, Verdict};

/// Under the grader, ends this process as soon as the grader ends, however it was stopped, so a
/// hanging answer is never left running: a thread waits for the end of standard input, a pipe
/// the grader holds open (see [`LIFELINE`]). Run by hand, it does nothing. Every harness calls
/// this first.
pub fn end_with_the_grader() {
    if std::env::var_os(LIFELINE).is_none() {
        return;
    }
    std::thread::spawn(|| {
        std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink()).ok();
        std::process::exit(1)
    });
}

/// Prints `verdict` for the grader and ends the process: learner threads that are still
/// stuck cannot hold it up.
pub fn finish(verdict: Verdict) -> ! {
    println!("{}", verdict.to_line());
    std::process::exit(0)
}

/// Finishes with `kind` and `reason`.
pub fn fail(kind: Kind, reason: impl Into<String>) -> ! {
    finish(Verdict {
        kind,
        reason: reason.into(),
        replay: None,
    })
}

/// Finishes with a pass.
pub fn pass(reason: impl Into<String>) -> ! {
    finish(Verdict {
        kind: Kind::Passed,
        reason: reason.into(),
        replay: None,
    })
}

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_owned()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// Panics with a message the harness reads back as `kind`, from inside a test body.
pub fn flunk(kind: Kind, reason: impl std::fmt::Display) -> ! {
    let tag = serde_json::to_string(&kind).expect("plain data");
    std::panic::panic_any(format!("{FLUNK}{tag}{FLUNK}{reason}"))
}

const FLUNK: &str = "\u{1}flunk\u{1}";

/// Splits a panic message made by [`flunk`] back into its kind and reason.
fn flunked(message: &str) -> Option<(Kind, String)> {
    let rest = message.strip_prefix(FLUNK)?;
    let (tag, reason) = rest.split_once(FLUNK)?;
    Some((serde_json::from_str(tag).ok()?, reason.to_owned()))
}

/// Classifies a panic message from a test body: the harness's own [`flunk`]s keep their kind,
/// any other panic is the learner's, told with the place in the learner's file where it came
/// from when there is one.
pub fn classify(message: &str) -> (Kind, String) {
    flunked(message).unwrap_or_else(|| {
        let place = LEARNER_PANIC
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        match place {
            Some(place) => (Kind::Panic, format!("panicked at {place}: {message}")),
            None => (Kind::Panic, format!("panicked: {message}")),
        }
    })
}

/// Where the learner's code last panicked, `.../current/NAME.rs:LINE:COLUMN` (the grader
/// replaces the path with the learner's own).
static LEARNER_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Replaces the default panic hook: nothing is printed (panics become verdicts), and the place
/// of a panic in the file under grading is kept for [`classify`].
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        // For whoever works on the grader: every panic, with where it came from.
        if std::env::var_os("GRADER_DEBUG").is_some() {
            eprintln!("{info}\n{}", std::backtrace::Backtrace::force_capture());
        }
        let Some(location) = info.location() else {
            return;
        };
        if location.file().replace('\\', "/").contains("current/") {
            *LEARNER_PANIC
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(format!(
                "{}:{}:{}",
                location.file(),
                location.line(),
                location.column()
            ));
        }
    }));
}

/// Forgets where the learner's code last panicked, before a new run.
pub fn forget_panics() {
    *LEARNER_PANIC
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
}

/// The `crate::sync` that variant files see in this crate's own tests.
#[cfg(test)]
mod sync {
    pub use crate::schedules::sync::*;
}
