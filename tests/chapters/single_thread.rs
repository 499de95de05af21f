use std::time::Duration;

use crate::harness::run;

#[test]
fn main_all_done_comes_before_thread_finishing_and_the_program_still_waits() {
    let run = run("single_thread", &[]);
    run.assert_success()
        .assert_all_lines_timestamped()
        .assert_before(
            "Main    : before creating thread",
            "Main    : before running thread",
        )
        .assert_before("Main    : before running thread", "Thread 1: starting")
        .assert_before(
            "Main    : before running thread",
            "Main    : wait for the thread to finish",
        )
        .assert_before(
            "Main    : wait for the thread to finish",
            "Main    : all done",
        )
        .assert_before("Thread 1: starting", "Thread 1: finishing")
        // Only the 2-second sleep orders these two: a margin of well over a second.
        .assert_before("Main    : all done", "Thread 1: finishing");
    assert!(
        run.elapsed >= Duration::from_secs(2),
        "the scope must wait out the thread's sleep"
    );
}
