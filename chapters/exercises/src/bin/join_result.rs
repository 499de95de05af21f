//! Grades `join_result`: the job runs on another thread, its value comes back, a panic becomes
//! `Err` with its message.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/join_result.rs"]
mod exercise;

use std::{
    sync::atomic::{AtomicBool, Ordering::SeqCst},
    thread,
    time::Duration,
};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};

const LIMIT: Duration = Duration::from_secs(5);

/// Set by the job's thread in its very last moment, after the job has returned.
static THREAD_ENDED: AtomicBool = AtomicBool::new(false);

/// A value whose destructor runs when its thread ends, after the job has returned: `join` waits
/// for it, while a result passed back some other way may come sooner.
struct LastWords;

impl Drop for LastWords {
    fn drop(&mut self) {
        thread::sleep(Duration::from_millis(300));
        THREAD_ENDED.store(true, SeqCst);
    }
}

thread_local! {
    static LAST_WORDS: LastWords = const { LastWords };
}

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    // The caller is the thread `within` runs the learner's code on.
    let (caller, result) = within("run_in_thread(a job returning 42)", LIMIT, || {
        let caller = thread::current().id();
        (
            caller,
            exercise::run_in_thread(|| (42, thread::current().id())),
        )
    });
    let (value, ran_on) = result.unwrap_or_else(|error| {
        fail(
            Kind::WrongResult,
            format!("expected Ok(42), got Err({error:?})"),
        )
    });
    if value != 42 {
        fail(
            Kind::WrongResult,
            format!("expected Ok(42), got Ok({value})"),
        );
    }
    if ran_on == caller {
        fail(
            Kind::WrongResult,
            "the job ran on the calling thread, not on a new one",
        );
    }
    let ended = within(
        "run_in_thread(a job whose thread takes 300 ms to end after it returns)",
        LIMIT,
        || {
            let value = exercise::run_in_thread(|| LAST_WORDS.with(|_| 7));
            (value, THREAD_ENDED.load(SeqCst))
        },
    );
    if !ended.1 {
        fail(
            Kind::WrongResult,
            "run_in_thread returned before the job's thread had ended: wait for the thread with join",
        );
    }
    for (label, message) in [("a literal", "boom"), ("a formatted", "boom 7")] {
        let got = within(
            &format!("run_in_thread(a job panicking with {label} message)"),
            LIMIT,
            move || {
                exercise::run_in_thread(move || -> u8 {
                    if message == "boom" {
                        panic!("boom") // a `&'static str` payload
                    } else {
                        // A `String` payload: the number is known only at run time, so the
                        // compiler cannot fold the message into a literal.
                        panic!("boom {}", std::hint::black_box(7))
                    }
                })
            },
        );
        match got {
            Err(text) if text == message => {}
            other => fail(
                Kind::WrongResult,
                format!(
                    "a job panicking with {message:?}: expected Err({message:?}), got {other:?}"
                ),
            ),
        }
    }
    pass("values come back from the thread, panics become Err with their message")
}
