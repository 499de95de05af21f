use crate::harness::{run, run_example};

fn figure(run: &crate::harness::Run, prefix: &str) -> String {
    let line = run
        .log
        .iter()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line {prefix:?} in:\n{}", run.log.join("\n")));
    line[prefix.len()..].to_owned()
}

#[test]
fn connections_in_use_never_exceed_the_pool_and_reach_it_when_workers_outnumber_it() {
    // Each worker holds its connection for a full second, so the first three overlap with a
    // second of margin, whatever the scheduler does.
    let run = run(
        "semaphore",
        &["--connections", "3", "--workers", "5", "--hold-ms", "1000"],
    );
    run.assert_success();
    for id in 0..5 {
        run.assert_before(
            &format!("Worker {id}: waiting for a connection"),
            &format!("Worker {id}: gives its connection back"),
        );
    }
    assert_eq!(figure(&run, "most connections in use at once: "), "3");
    assert_eq!(figure(&run, "connections free at the end: "), "3 of 3");
    assert!(!run.log.iter().any(|line| line.contains("(4 in use)")));
}

#[test]
fn default_run_stays_within_three_connections() {
    let run = run("semaphore", &[]);
    run.assert_success();
    let most: u32 = figure(&run, "most connections in use at once: ")
        .parse()
        .unwrap();
    assert!((1..=3).contains(&most), "most in use: {most}");
    assert_eq!(
        run.count_starting("Worker "),
        30,
        "10 workers, 3 lines each"
    );
}

#[test]
fn a_worker_that_panics_does_not_leak_its_connection() {
    let run = run_example(
        "semaphore",
        "panicking_worker",
        &["--workers", "4", "--panic-worker", "0"],
    );
    // With one connection, a leaked permit would leave the other three waiting forever.
    run.assert_success();
    run.line("Worker 0: panicked; its permit came back as the panic unwound");
    assert!(!run.has("Worker 0: gives its connection back"));
    for id in 1..4 {
        run.line(&format!("Worker {id}: gives its connection back"));
    }
    assert_eq!(figure(&run, "connections free at the end: "), "1 of 1");
}

#[test]
fn a_panic_worker_that_names_no_worker_is_refused() {
    run_example(
        "semaphore",
        "panicking_worker",
        &["--workers", "10", "--panic-worker", "99"],
    )
    .assert_usage_error("--panic-worker 99");
}

#[test]
fn an_empty_pool_is_refused() {
    run("semaphore", &["--connections", "0"]).assert_usage_error("--connections");
}

#[test]
fn a_hold_of_more_than_a_minute_is_refused() {
    run("semaphore", &["--hold-ms", "31536000000000"]).assert_usage_error("--hold-ms");
    run("semaphore", &["--hold-ms", "60001"]).assert_usage_error("--hold-ms");
}
