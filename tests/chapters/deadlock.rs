use crate::harness::{run, run_example};

const DEADLOCK: &str = "=> DEADLOCK";

#[test]
fn double_acquire_never_returns_and_the_reentrant_lock_does() {
    let run = run("deadlock", &[]);
    run.assert_success();
    let reentrant = run.line("A reentrant lock (Python's RLock), acquired twice by one thread:");
    let deadlock = run
        .log
        .iter()
        .position(|l| l.starts_with(DEADLOCK) && l.contains("waits for `l`"))
        .unwrap_or_else(|| panic!("no deadlock report in:\n{}", run.log.join("\n")));
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    // The plain lock: both "before" lines, then the report, and never "acquired".
    let plain = &run.log[..reentrant];
    let at = |line: &str| plain.iter().position(|l| l == line);
    assert!(at("before first acquire") < at("before second acquire"));
    assert!(at("before second acquire").is_some() && deadlock < reentrant);
    assert_eq!(at("acquired lock twice"), None);
    // The reentrant lock gets through, in order.
    let rest = &run.log[reentrant..];
    let at = |line: &str| {
        rest.iter()
            .position(|l| l == line)
            .unwrap_or_else(|| panic!("no {line:?} after the reentrant header"))
    };
    assert!(at("before second acquire") < at("acquired lock twice"));
    assert!(at("acquired lock twice") < at("released both acquires: the lock is free again"));
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn helper_deadlocks_on_a_plain_mutex_and_not_on_a_reentrant_one() {
    let run = run_example("deadlock", "helper_holding_the_lock", &[]);
    run.assert_success();
    assert!(!run.has("plain Mutex: add_pair done"));
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    run.line(r#"ReentrantMutex: shelf holds ["cup", "saucer", "spoon"]"#);
}

#[test]
fn a_helper_that_takes_the_locked_data_cannot_deadlock() {
    let run = run_example("deadlock", "helper_takes_locked_data", &[]);
    run.assert_success();
    run.line(r#"helper takes the locked data: shelf holds ["cup", "saucer", "spoon"]"#);
}

#[test]
fn opposite_lock_orders_deadlock_after_each_thread_took_its_first_lock() {
    let run = run_example("deadlock", "lock_ordering", &[]);
    run.assert_success();
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    run.assert_before("Thread 1: has lock a", "Thread 1: holds a, about to lock b")
        .assert_before("Thread 2: has lock b", "Thread 2: holds b, about to lock a");
    // Neither thread got its second lock.
    assert_eq!(run.count_starting("Thread 1: has locks"), 0);
    assert_eq!(run.count_starting("Thread 2: has locks"), 0);
}

#[test]
fn one_global_lock_order_lets_both_threads_finish() {
    let run = run_example("deadlock", "one_lock_order", &[]);
    run.assert_success();
    assert_eq!(run.count_starting(DEADLOCK), 0, "{}", run.log.join("\n"));
    for n in 1..=2 {
        run.assert_before(
            &format!("Thread {n}: has lock a"),
            &format!("Thread {n}: has locks a and b; done"),
        );
    }
}

#[test]
fn unknown_arguments_are_refused() {
    run("deadlock", &["livelock"]).assert_usage_error("livelock");
}
