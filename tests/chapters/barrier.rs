use crate::harness::run;

fn check(workers: u16) {
    let run = run("barrier", &["--workers", &workers.to_string()]);
    run.assert_success();
    let position = |line: String| run.line(&line);
    let last_initialised = (0..workers)
        .map(|id| position(format!("Worker {id}: initialised")))
        .max();
    let first_running = (0..workers)
        .map(|id| position(format!("Worker {id}: running")))
        .min();
    // The barrier's promise: nobody runs before everybody is initialised.
    assert!(
        last_initialised < first_running,
        "log:\n{}",
        run.log.join("\n")
    );
    let leaders = run
        .log
        .iter()
        .filter(|line| line.ends_with("I am the leader"))
        .count();
    assert_eq!(leaders, 1, "log:\n{}", run.log.join("\n"));
}

#[test]
fn every_worker_is_initialised_before_any_runs_and_one_leads() {
    check(4);
}

#[test]
fn a_barrier_of_many_workers_keeps_its_promise() {
    check(12);
}
