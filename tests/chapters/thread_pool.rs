use std::time::Duration;

use crate::harness::run;

#[test]
fn three_calls_overlap_and_all_finish_before_the_program_ends() {
    let run = run("thread_pool", &[]);
    run.assert_success();
    for n in 0..3 {
        run.assert_before(
            &format!("Thread {n}: starting"),
            &format!("Thread {n}: finishing"),
        );
    }
    // Three 2-second calls one after another would take 6 s; overlapped, about 2 s.
    assert!(
        run.elapsed >= Duration::from_secs(2),
        "took {:?}",
        run.elapsed
    );
    assert!(
        run.elapsed < Duration::from_millis(3500),
        "calls did not overlap: {:?}",
        run.elapsed
    );
}
