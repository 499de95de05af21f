use crate::harness::run;

#[test]
fn each_thread_is_done_only_after_it_finished_and_was_joined() {
    let run = run("many_threads", &[]);
    run.assert_success();
    for n in 0..3 {
        let starting = format!("Thread {n}: starting");
        let finishing = format!("Thread {n}: finishing");
        let done = format!("Main    : thread {n} done");
        run.assert_before(
            &format!("Main    : create and start thread {n}."),
            &starting,
        )
        .assert_before(&starting, &finishing)
        .assert_before(&format!("Main    : before joining thread {n}."), &done)
        .assert_before(&finishing, &done);
    }
    for n in 1..3 {
        // Joined in order: thread n is joined only after thread n - 1 is done.
        run.assert_before(
            &format!("Main    : thread {} done", n - 1),
            &format!("Main    : before joining thread {n}."),
        );
    }
}

#[test]
fn timeline_draws_a_row_for_each_of_the_three_threads() {
    let run = run("many_threads", &["--timeline"]);
    run.assert_success();
    let mut rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.ends_with("│ 1 call"))
        .map(|line| line.split(" │").next().unwrap().trim())
        .collect();
    rows.sort_unstable();
    assert_eq!(rows, ["Thread 0", "Thread 1", "Thread 2"], "{}", run.stdout);
}
