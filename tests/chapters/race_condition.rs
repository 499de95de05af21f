use crate::harness::{TIMEOUT, run, run_example};

#[test]
fn lost_update_leaves_value_at_one() {
    let run = run("race_condition", &[]);
    run.assert_success();
    let ending = "Testing unlocked update. Ending value is 1.";
    run.assert_before("Testing unlocked update. Starting value is 0.", ending);
    for n in 0..2 {
        let finishing = format!("Thread {n}: finishing update");
        run.assert_before(&format!("Thread {n}: starting update"), &finishing)
            // The pool's scope ends only when both updates are done.
            .assert_before(&finishing, ending);
    }
}

/// Parses `... expected E, actual A, lost L ...` from the hammer line that starts with `name`.
fn hammer_figures(log: &[String], name: &str) -> (u64, u64, u64) {
    let line = log
        .iter()
        .find(|line| line.starts_with(name))
        .unwrap_or_else(|| panic!("no {name:?} line in:\n{}", log.join("\n")));
    let figure = |label: &str| -> u64 {
        let rest = &line[line
            .find(label)
            .unwrap_or_else(|| panic!("{label} in {line}"))
            + label.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("no number after {label:?} in {line:?}"))
    };
    (figure("expected "), figure("actual "), figure("lost "))
}

#[test]
fn hammer_never_counts_more_than_expected_and_fetch_add_loses_nothing() {
    let run = run_example(
        "race_condition",
        "hammer",
        &["--threads", "3", "--iterations", "20000"],
    );
    run.assert_success();
    let (expected, actual, _) = hammer_figures(&run.log, "load + add + store");
    // What the flags asked for: 3 threads x 20,000.
    assert_eq!(expected, 60_000);
    // Whether any update is lost depends on the scheduler: only the bounds are guaranteed (the
    // last store writes what some thread loaded, plus one).
    assert!((1..=expected).contains(&actual), "actual {actual}");
    // The atomic add counts every increment the flags asked for.
    assert_eq!(hammer_figures(&run.log, "fetch_add"), (60_000, 60_000, 0));
}

#[test]
fn each_thread_shows_its_three_steps_in_order_and_one_update_is_lost() {
    let run = run_example("race_condition", "steps", &[]);
    run.assert_success();
    let step = |n: usize, statement: &str| {
        let prefix = format!("Thread {n}: {statement:<18} | local_copy = ");
        let found: Vec<usize> = (0..run.log.len())
            .filter(|&i| run.log[i].starts_with(&prefix))
            .collect();
        assert_eq!(found.len(), 1, "{prefix:?} in:\n{}", run.log.join("\n"));
        found[0]
    };
    for n in 0..2 {
        assert!(step(n, "local_copy = value") < step(n, "local_copy += 1"));
        assert!(step(n, "local_copy += 1") < step(n, "value = local_copy"));
    }
    run.line("Ending value is 1.");
}

#[test]
fn hammer_options_are_checked() {
    run_example("race_condition", "hammer", &["--threads", "0"]).assert_usage_error("--threads");
    run("race_condition", &["--hammer"]).assert_usage_error("--hammer");
}

#[test]
fn naive_port_is_rejected_because_two_threads_borrow_the_value_mutably() {
    let out_dir = std::env::temp_dir().join(format!("naive_port-{}", std::process::id()));
    let output = assert_cmd::Command::from_std(xtask::naive_port_check(true, &out_dir).unwrap())
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&out_dir).ok();
    assert!(!output.status.success(), "rustc accepted naive_port.rs");
    let errors: Vec<String> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|diagnostic| diagnostic["level"] == "error")
        .filter_map(|diagnostic| diagnostic["code"]["code"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        errors,
        ["E0499"],
        "expected only E0499 (mutable borrow twice at once)"
    );
}
