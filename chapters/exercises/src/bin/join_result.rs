//! Grades `join_result`: the job runs on another thread, its value comes back, a panic becomes
//! `Err` with exactly its message (`the thread panicked` for a payload that is not text), and
//! callers in several threads at once each get their own job's outcome.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/join_result.rs"]
mod exercise;
/// What an answer that takes its primitives from `crate::sync`, as other exercises do, gets
/// here: std's own.
#[allow(unused_imports)]
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    sync::{
        Arc, Barrier, Condvar, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering::SeqCst},
    },
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

/// The message for a panic whose payload is not text (the spec's exact words).
const NOT_TEXT: &str = "the thread panicked";

/// The jobs run at once by as many callers: the even ones panic, each with a message of its own
/// (two `&str`, two `String`), the odd ones return a value.
const AT_ONCE: usize = 8;
const PANICKING: usize = AT_ONCE / 2;

/// How many panicking jobs' threads are ending. Each waits, in its last moment, until all have
/// arrived (or a second has passed): by then every panic has happened, and no `join` has
/// returned yet, so a message kept anywhere but in the thread's own result is overwritten
/// before its caller reads it.
static ENDING: Mutex<usize> = Mutex::new(0);
static ALL_ENDING: Condvar = Condvar::new();

struct HoldTheEnd;

impl Drop for HoldTheEnd {
    fn drop(&mut self) {
        let mut ending = ENDING.lock().unwrap_or_else(PoisonError::into_inner);
        *ending += 1;
        ALL_ENDING.notify_all();
        let _held = ALL_ENDING
            .wait_timeout_while(ending, Duration::from_secs(1), |ending| *ending < PANICKING)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

thread_local! {
    static HOLD_THE_END: HoldTheEnd = const { HoldTheEnd };
}

/// Job `i` of those run at once, and what its caller must get back.
fn job_at_once(
    i: usize,
) -> (
    impl FnOnce() -> usize + Send + 'static,
    Result<usize, String>,
) {
    let expected = match i {
        0 => Err("job 0 failed".to_owned()),
        2 => Err("job 2 failed".to_owned()),
        i if i % 2 == 0 => Err(format!("job {i} failed")),
        i => Ok(i * 10),
    };
    let job = move || {
        if i % 2 == 1 {
            return i * 10;
        }
        HOLD_THE_END.with(|_| {});
        match i {
            0 => panic!("job 0 failed"), // `&str` payloads
            2 => panic!("job 2 failed"),
            i => panic!("job {} failed", std::hint::black_box(i)), // `String` payloads
        }
    };
    (job, expected)
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
            Err(text) if text.contains(message) => fail(
                Kind::WrongResult,
                format!(
                    "a job panicking with {message:?}: expected Err({message:?}), got Err({text:?}): the message is exactly the panic's text, nothing added before or after it"
                ),
            ),
            other => fail(
                Kind::WrongResult,
                format!(
                    "a job panicking with {message:?}: expected Err({message:?}), got {other:?}"
                ),
            ),
        }
    }
    let got = within(
        "run_in_thread(a job panicking with panic_any(42), a payload that is not text)",
        LIMIT,
        || exercise::run_in_thread(|| -> u8 { std::panic::panic_any(42) }),
    );
    if got != Err(NOT_TEXT.to_owned()) {
        fail(
            Kind::WrongResult,
            format!(
                "a job panicking with panic_any(42): expected Err({NOT_TEXT:?}), got {got:?}: a payload that is neither &str nor String gets exactly that text"
            ),
        );
    }
    callers_at_once();
    pass(
        "values come back from the thread, panics become Err with exactly their message, callers at once each get their own",
    )
}

/// [`AT_ONCE`] threads call `run_in_thread` at once; each must get its own job's outcome.
fn callers_at_once() {
    // Each panicking job holds the end of its thread for up to a second: an answer that runs
    // one call at a time still finishes well within the limit.
    let outcomes = within(
        &format!("run_in_thread called from {AT_ONCE} threads at once"),
        LIMIT * 3,
        || {
            let start = Arc::new(Barrier::new(AT_ONCE));
            let callers: Vec<_> = (0..AT_ONCE)
                .map(|i| {
                    let start = Arc::clone(&start);
                    thread::spawn(move || {
                        let (job, expected) = job_at_once(i);
                        start.wait();
                        (exercise::run_in_thread(job), expected)
                    })
                })
                .collect();
            callers
                .into_iter()
                .map(|caller| {
                    caller
                        .join()
                        .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
                })
                .collect::<Vec<_>>()
        },
    );
    for (got, expected) in outcomes {
        if got != expected {
            fail(
                Kind::WrongResult,
                format!(
                    "{AT_ONCE} callers at once, {PANICKING} of whose jobs panic together: a caller expected {expected:?}, got {got:?}. Each caller's message must come from its own thread's join, not from a place all the panics share (a panic hook's slot)"
                ),
            );
        }
    }
}
