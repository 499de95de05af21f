use crate::harness::{run, run_with_env};

#[test]
fn locked_updates_end_at_two() {
    let run = run("lock", &[]);
    run.assert_success().assert_before(
        "Testing locked update. Starting value is 0.",
        "Testing locked update. Ending value is 2.",
    );
    assert!(
        !run.log.iter().any(|line| line.contains("has lock")),
        "debug lines need RUST_LOG=debug"
    );
}

#[test]
fn no_thread_gets_the_lock_while_another_holds_it() {
    let run = run_with_env("lock", &[], &[("RUST_LOG", "debug")]);
    run.assert_success();
    for n in 0..2 {
        let has = format!("Thread {n} has lock");
        let releasing = format!("Thread {n} about to release lock");
        run.assert_before(&format!("Thread {n} about to lock"), &has)
            .assert_before(&has, &releasing)
            .assert_before(&releasing, &format!("Thread {n} after release"));
        let held = &run.log[run.line(&has) + 1..run.line(&releasing)];
        assert!(
            !held.iter().any(|line| line.ends_with("has lock")),
            "another thread got the lock while thread {n} held it:\n{}",
            run.log.join("\n")
        );
    }
    assert!(run.has("Testing locked update. Ending value is 2."));
}
