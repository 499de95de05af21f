use std::time::Duration;

use crate::harness::run;

#[test]
fn daemon_thread_never_finishes_and_the_program_does_not_wait() {
    let run = run("daemon_thread", &[]);
    run.assert_success()
        .assert_before("Main    : before running thread", "Main    : all done");
    assert!(
        !run.has("Thread 1: finishing"),
        "log:\n{}",
        run.log.join("\n")
    );
    assert!(
        run.elapsed < Duration::from_millis(1500),
        "the process should end right after `all done`, took {:?}",
        run.elapsed
    );
}
