//! cpu_bound: the same sums on one thread, on scoped threads and on a rayon pool.

use crate::harness::{run, run_example, run_target};

/// The line of stdout that starts with `name`, split into words.
fn row(stdout: &str, name: &str) -> Vec<String> {
    let line = stdout
        .lines()
        .find(|line| line.starts_with(name))
        .unwrap_or_else(|| panic!("no {name:?} line in:\n{stdout}"));
    line.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn threads_and_the_pool_agree_with_one_thread_on_every_sum() {
    let run = run("cpu_bound", &["--threads", "3", "--size", "20000"]);
    run.assert_success();
    row(&run.stdout, "one thread");
    for name in ["3 scoped threads", "3 threads in a rayon pool"] {
        let words = row(&run.stdout, name);
        assert_eq!(words.last().map(String::as_str), Some("sums"), "{words:?}");
        assert_eq!(words[words.len() - 2], "same", "{words:?}");
        assert!(words.contains(&"speed-up".to_owned()), "{words:?}");
    }
    assert!(!run.stdout.contains("DIFFERENT"), "{}", run.stdout);
}

#[test]
fn without_python3_the_comparison_is_skipped_in_one_line() {
    let empty = std::env::temp_dir().join(format!("no-python-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let run = run_target(
        "cpu_bound",
        None,
        &["--threads", "2", "--size", "1000", "--compare-python"],
        &[("PATH", empty.to_str().unwrap())],
    );
    std::fs::remove_dir_all(&empty).ok();
    run.assert_success();
    assert_eq!(
        run.stdout
            .lines()
            .filter(|line| line.contains("Python"))
            .collect::<Vec<_>>(),
        ["python3 is not on the PATH; skipped the Python comparison"],
        "{}",
        run.stdout
    );
}

#[test]
fn uneven_work_reports_each_slice_and_the_pool() {
    let run = run_example("cpu_bound", "uneven", &["--threads", "2", "--size", "5000"]);
    run.assert_success();
    let fixed = row(&run.stdout, "fixed slices on 2 threads:").join(" ");
    // One busy time per slice: "(busy: a s, b s)".
    let busy = fixed
        .split_once("(busy: ")
        .map(|(_, rest)| rest.split(", ").count());
    assert_eq!(busy, Some(2), "{fixed}");
    row(&run.stdout, "rayon pool of 2:");
}

#[test]
fn bad_options_are_refused() {
    run("cpu_bound", &["--threads", "0"]).assert_usage_error("--threads");
    run("cpu_bound", &["--size", "0"]).assert_usage_error("--size");
    run("cpu_bound", &["--size", "lots"]).assert_usage_error("--size");
}
