use crate::harness::run;

#[test]
fn quick_user_cancels_in_time_and_slow_user_is_reminded_once() {
    // The reminder fires at 1 s; the quick user acts at 0 s and the slow one at 2 s: a full
    // second of margin on each side.
    let run = run(
        "timer",
        &["--delay-ms", "1000", "--quick-ms", "0", "--slow-ms", "2000"],
    );
    run.assert_success();
    run.assert_before(
        "quick user: saves the document after 0ns",
        "quick user: reminder cancelled; it will never show",
    );
    assert!(!run.has("quick user: REMINDER: save your document!"));
    run.assert_before(
        "slow user: REMINDER: save your document!",
        "slow user: saves the document after 2s",
    )
    .assert_before(
        "slow user: saves the document after 2s",
        "slow user: too late to cancel: the reminder already showed (cancel did nothing)",
    );
}

#[test]
fn default_run_shows_one_cancelled_and_one_fired_reminder() {
    let run = run("timer", &[]);
    run.assert_success();
    run.line("quick user: reminder cancelled; it will never show");
    run.line("slow user: REMINDER: save your document!");
    assert_eq!(run.count_starting("quick user: REMINDER"), 0);
}
