//! download_async: the summary, more than one download in flight, and the compare example's
//! table. Failures, bad options and oversized pages are checked with the other download
//! chapters, in downloads.rs.

use std::time::Duration;

use support::server::{BIG_PAGE_BYTES, PracticeServer, SMALL_PAGE_BYTES};

use crate::harness::{run, run_example};

fn count(text: &str, line: &str) -> usize {
    text.lines().filter(|l| *l == line).count()
}

#[test]
fn async_reads_160_pages_and_prints_the_summary() {
    let run = run("download_async", &["--latency-ms", "1"]);
    run.assert_success();
    let reads = |bytes: usize, path: &str| {
        run.stdout
            .lines()
            .filter(|line| {
                line.starts_with(&format!("Read {bytes} from http://127.0.0.1:"))
                    && line.ends_with(path)
            })
            .count()
    };
    assert_eq!(reads(BIG_PAGE_BYTES, "/jython"), 80, "{}", run.stdout);
    assert_eq!(reads(SMALL_PAGE_BYTES, "/dice"), 80, "{}", run.stdout);
    let summary = run
        .stdout
        .lines()
        .find(|line| line.starts_with("Downloaded "))
        .unwrap_or_else(|| panic!("no summary in:\n{}", run.stdout));
    let seconds = summary
        .strip_prefix("Downloaded 160 in ")
        .and_then(|rest| rest.strip_suffix(" seconds"))
        .unwrap_or_else(|| panic!("unexpected summary {summary:?}"));
    seconds.parse::<f64>().unwrap();
}

#[test]
fn async_downloads_overlap_at_the_server_within_the_concurrency() {
    // 300 ms per answer: the first four requests all arrive while the first is held.
    let server = PracticeServer::start(Duration::from_millis(300)).unwrap();
    let [big, small] = server.sites();
    let run = run(
        "download_async",
        &["--concurrency", "4", "--repeat", "2", &big, &small],
    );
    run.assert_success();
    assert_eq!(
        count(&run.stdout, &format!("Read {BIG_PAGE_BYTES} from {big}")),
        2
    );
    let most = server.most_in_flight();
    assert!(
        (2..=4).contains(&most),
        "concurrency 4 had {most} requests in flight at once"
    );
}

/// The compare example's rows: in flight, way, seconds, of ideal, peak MB, CPU µs, threads,
/// connections, at server, then what went wrong, if anything.
fn compare_rows(stdout: &str) -> Vec<Vec<&str>> {
    stdout
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|words| words.len() >= 9 && ["threads", "async"].contains(&words[1]))
        .collect()
}

#[test]
fn compare_prints_a_row_per_way_and_count_and_async_uses_one_thread() {
    let run = run_example(
        "download_async",
        "compare",
        &["--in-flight", "3,6", "--rounds", "1", "--latency-ms", "100"],
    );
    run.assert_success();
    let rows = compare_rows(&run.stdout);
    let ways: Vec<(&str, &str)> = rows.iter().map(|row| (row[0], row[1])).collect();
    assert_eq!(
        ways,
        [
            ("3", "threads"),
            ("3", "async"),
            ("6", "threads"),
            ("6", "async")
        ],
        "{}",
        run.stdout
    );
    for row in &rows {
        // Each case is all its in-flight count's downloads in one round: the server's count of
        // requests at once can reach it, never pass it.
        let (in_flight, at_server): (usize, usize) =
            (row[0].parse().unwrap(), row[8].parse().unwrap());
        assert!(at_server <= in_flight, "{}", run.stdout);
        if cfg!(target_os = "linux") && row[1] == "async" {
            // One thread runs every async download.
            assert_eq!(row[6], "1", "{}", run.stdout);
        }
    }
}

#[test]
fn compare_opens_no_more_connections_than_downloads_in_flight() {
    // Four rounds: every download after the first round must find a connection free in the
    // pool, back from the download before it, rather than open one more.
    let run = run_example(
        "download_async",
        "compare",
        &["--in-flight", "8", "--rounds", "4", "--latency-ms", "50"],
    );
    run.assert_success();
    let rows = compare_rows(&run.stdout);
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    for row in &rows {
        let connections: usize = row[7].parse().unwrap();
        assert!((1..=8).contains(&connections), "{}", run.stdout);
    }
}

#[test]
fn async_opens_no_more_connections_than_downloads_in_flight() {
    // 80 downloads, 20 in flight: four rounds on the same 20 connections, counted at the server.
    let server = PracticeServer::start(Duration::from_millis(50)).unwrap();
    let [big, small] = server.sites();
    let run = run(
        "download_async",
        &["--concurrency", "20", "--repeat", "40", &big, &small],
    );
    run.assert_success();
    assert_eq!(server.answered(), 80);
    let connections = server.connections();
    assert!(
        (1..=20).contains(&connections),
        "20 in flight opened {connections} connections"
    );
}

#[test]
fn a_row_whose_downloads_failed_shows_no_share_of_the_ideal_but_why() {
    // A server whose pages are missing: every download is answered 404.
    let server = PracticeServer::start(Duration::ZERO).unwrap();
    let run = run_example(
        "download_async",
        "compare",
        &[
            "--in-flight",
            "2",
            "--rounds",
            "2",
            "--server",
            &server.url("/missing"),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", run.stdout);
    let rows = compare_rows(&run.stdout);
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    for row in &rows {
        assert_eq!(row[3], "-", "no share of the ideal: {}", run.stdout);
        assert!(
            row[9..].join(" ") == "4 of 4 downloads failed: the server answered 404 Not Found",
            "{}",
            run.stdout
        );
    }
}

#[test]
// A capacity measure, not a fact of the lesson: with both cores busy the chapter's debug client
// cannot open 5,000 connections within the server's longest delay (4,737 in 55 s, seen), so the
// suite skips it; `.ci/run` runs it on its own, when nothing else competes for the cores.
#[ignore = "a capacity measure that needs the cores to itself; .ci/run runs it alone"]
fn practice_server_holds_5000_requests_in_flight_at_once() {
    // The server runs in this test's process, the client in the chapter's: each needs a file
    // per connection, more than the usual soft limit of 1,024.
    let limit = support::downloads::raise_open_files_limit();
    if limit.is_some_and(|limit| limit < 5_500) {
        eprintln!("skipped: the open-files limit is {limit:?}, too low for 5,000 connections");
        return;
    }
    // Each answer waits the longest the server allows, a minute: the chapter is stopped as soon
    // as the server holds all 5,000. That takes seconds on an idle machine; a loaded one may need
    // more than the usual time limit, so this test waits up to 55 s, inside that minute.
    let server = PracticeServer::start(Duration::ZERO).unwrap();
    let url = server.url("/delay/60000");
    let mut chapter = std::process::Command::new(crate::harness::binary("download_async", None))
        .args(["--concurrency", "5000", "--repeat", "5000", &url])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while server.most_in_flight() < 5000 && started.elapsed() < Duration::from_secs(55) {
        std::thread::sleep(Duration::from_millis(50));
    }
    chapter.kill().ok();
    chapter.wait().ok();
    assert_eq!(server.most_in_flight(), 5000);
}

#[test]
#[cfg(target_os = "linux")]
fn compare_says_so_when_threads_cannot_start_and_still_runs_async() {
    // 1.5 GB of address space: 2,000 threads need 4 GB for their stacks alone.
    let compare = crate::harness::binary("download_async", Some("compare"));
    let output = assert_cmd::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1500000 && exec '{}' --in-flight 2000 --rounds 1 --latency-ms 20",
            compare.display()
        ))
        .timeout(crate::harness::TIMEOUT)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // It finishes with a table, not a crash of its own. Its exit code may say that some
    // downloads failed, and a case's child process may die of the limit (the row says so):
    // under this limit the async case may run short of memory too.
    assert!(output.status.code().is_some(), "{stdout}\n{stderr}");
    let row = |way: &str| {
        stdout
            .lines()
            .find(|line| line.split_whitespace().nth(1) == Some(way))
            .unwrap_or_else(|| panic!("no {way} row in:\n{stdout}"))
            .to_owned()
    };
    // Either a thread or a client's thread cannot start, or memory runs out: the row says which.
    let threads = row("threads");
    assert!(
        threads.contains(" threads could start (")
            || threads.contains("could not start their client's thread")
            || threads.contains("the case stopped before the end ("),
        "{stdout}"
    );
    let async_seconds = row("async")
        .split_whitespace()
        .nth(2)
        .map(str::parse::<f64>);
    assert!(matches!(async_seconds, Some(Ok(_))), "{stdout}");
}
