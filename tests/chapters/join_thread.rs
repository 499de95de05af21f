use crate::harness::run;

#[test]
fn thread_finishing_comes_before_main_all_done() {
    run("join_thread", &[])
        .assert_success()
        .assert_before("Main    : before running thread", "Thread 1: starting")
        .assert_before("Thread 1: starting", "Thread 1: finishing")
        .assert_before(
            "Main    : wait for the thread to finish",
            "Main    : all done",
        )
        .assert_before("Thread 1: finishing", "Main    : all done");
}
