use crate::harness::run;

const DEADLOCK: &str = "=> DEADLOCK";

#[test]
fn double_acquire_never_returns_and_is_reported() {
    let run = run("deadlock", &["double-acquire"]);
    run.assert_success()
        .assert_before("before first acquire", "before second acquire");
    assert!(!run.has("acquired lock twice"));
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    assert!(
        run.log
            .iter()
            .any(|l| l.starts_with(DEADLOCK) && l.contains("waits for `l`"))
    );
}

#[test]
fn reentrant_lock_is_acquired_twice_and_released_in_reverse() {
    let run = run("deadlock", &["reentrant"]);
    run.assert_success()
        .assert_before("before second acquire", "acquired lock twice")
        .assert_before("acquired lock twice", "released the second acquire")
        .assert_before(
            "released the second acquire",
            "released the first acquire: the lock is free again",
        );
    assert_eq!(run.count_starting(DEADLOCK), 0);
}

#[test]
fn helper_deadlocks_on_a_plain_mutex_and_both_fixes_complete() {
    let run = run("deadlock", &["design"]);
    run.assert_success();
    assert!(!run.has("plain Mutex: add_pair done"));
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    run.line(r#"fix 1, ReentrantMutex: shelf holds ["cup", "saucer", "spoon"]"#);
    run.line(r#"fix 2, helper takes the locked data: shelf holds ["cup", "saucer", "spoon"]"#);
}

#[test]
fn opposite_lock_orders_deadlock_and_one_global_order_completes() {
    let run = run("deadlock", &["lock-ordering"]);
    run.assert_success();
    assert_eq!(run.count_starting(DEADLOCK), 1, "{}", run.log.join("\n"));
    let fixed =
        run.line("Part 4, fixed: both threads take the locks in one global order, a before b");
    assert!(
        run.log
            .iter()
            .position(|l| l.starts_with(DEADLOCK))
            .unwrap()
            < fixed
    );
    for n in 1..=2 {
        // Exactly one "done" per thread, and only after the fix: the deadlocked pair never got there.
        assert!(run.line(&format!("Thread {n}: has locks a and b; done")) > fixed);
    }
    // Before the fix: each thread took its first lock, then reached for the other's.
    let broken = &run.log[..fixed];
    let at = |line: &str| {
        broken
            .iter()
            .position(|l| l == line)
            .unwrap_or_else(|| panic!("no {line:?}"))
    };
    assert!(at("Thread 1: has lock a") < at("Thread 1: holds a, about to lock b"));
    assert!(at("Thread 2: has lock b") < at("Thread 2: holds b, about to lock a"));
}

#[test]
fn all_parts_run_in_order_and_the_program_exits_cleanly() {
    let run = run("deadlock", &[]);
    run.assert_success()
        .assert_before(
            "Part 1: one thread acquires the same lock twice",
            "Part 2: a reentrant lock (Python's RLock) acquired twice by one thread",
        )
        .assert_before(
            "Part 2: a reentrant lock (Python's RLock) acquired twice by one thread",
            "Part 3: a helper called both with and without the lock held",
        )
        .assert_before(
            "Part 3: a helper called both with and without the lock held",
            "Part 4: two threads take locks a and b in opposite orders",
        );
    assert_eq!(run.count_starting(DEADLOCK), 3, "{}", run.log.join("\n"));
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn unknown_part_is_refused_with_the_list_of_parts() {
    run("deadlock", &["livelock"]).assert_usage_error("double-acquire");
}
