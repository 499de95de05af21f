//! download_sync, download_threaded and download_async, against the practice server: their own in-process one,
//! or one the test starts to point them at failing URLs.

use std::{
    fs,
    io::{self, BufRead, BufReader, Write},
    net::TcpListener,
    path::Path,
    process::Stdio,
    time::{Duration, Instant},
};

use support::server::{BIG_PAGE_BYTES, PracticeServer, SMALL_PAGE_BYTES};

use crate::harness::{Run, TIMEOUT, binary, names, run, run_example, run_target, scratch_folder};

const CHAPTERS: [&str; 3] = ["download_sync", "download_threaded", "download_async"];

fn count(text: &str, matches: impl Fn(&str) -> bool) -> usize {
    text.lines().filter(|line| matches(line)).count()
}

/// The `Downloaded ...` line, checked to end in `seconds` or `seconds (N failed)`.
fn summary(run: &Run) -> String {
    let line = run
        .stdout
        .lines()
        .find(|line| line.starts_with("Downloaded "))
        .unwrap_or_else(|| panic!("no summary line in:\n{}", run.stdout));
    line.to_owned()
}

fn assert_all_read(run: &Run, downloads: usize) {
    run.assert_success();
    let reads = |bytes: usize, path: &str| {
        count(&run.stdout, |line| {
            line.starts_with(&format!("Read {bytes} from http://127.0.0.1:"))
                && line.ends_with(path)
        })
    };
    assert_eq!(
        reads(BIG_PAGE_BYTES, "/jython"),
        downloads / 2,
        "stdout:\n{}",
        run.stdout
    );
    assert_eq!(
        reads(SMALL_PAGE_BYTES, "/dice"),
        downloads / 2,
        "stdout:\n{}",
        run.stdout
    );
    let summary = summary(run);
    let seconds = summary
        .strip_prefix(&format!("Downloaded {downloads} in "))
        .and_then(|rest| rest.strip_suffix(" seconds"))
        .unwrap_or_else(|| panic!("unexpected summary {summary:?}"));
    seconds
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("not a number of seconds: {summary:?}"));
}

#[test]
fn sync_reads_160_pages_with_the_right_sizes() {
    assert_all_read(&run("download_sync", &["--latency-ms", "1"]), 160);
}

#[test]
fn threaded_reads_160_pages_with_the_right_sizes() {
    assert_all_read(&run("download_threaded", &["--latency-ms", "1"]), 160);
    assert_all_read(
        &run_example("download_threaded", "shared_client", &["--latency-ms", "1"]),
        160,
    );
}

#[test]
fn threaded_downloads_overlap_at_the_server_and_synchronous_ones_never_do() {
    // 300 ms per answer: the four workers' first requests all arrive while the first is held.
    let server = PracticeServer::start(Duration::from_millis(300)).unwrap();
    let [big, small] = server.sites();
    let args = ["--repeat", "2", big.as_str(), small.as_str()];
    run(
        "download_threaded",
        &[&["--workers", "4"], &args[..]].concat(),
    )
    .assert_success();
    let overlapping = server.most_in_flight();
    assert!(
        (2..=4).contains(&overlapping),
        "4 workers had {overlapping} requests in flight at once"
    );
    server.reset_most_in_flight();
    run("download_sync", &args).assert_success();
    assert_eq!(
        server.most_in_flight(),
        1,
        "one thread, one request at a time"
    );
}

/// A URL on this machine where nothing listens: connecting to it is refused.
fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/")
}

#[test]
fn failures_are_reported_one_line_each_and_the_rest_carry_on() {
    let server = PracticeServer::start(std::time::Duration::from_millis(1)).unwrap();
    let (good, error_500, slow) = (
        server.url("/jython"),
        server.url("/status/500"),
        server.url("/delay/5000"),
    );
    let refused = refused_url();
    for chapter in CHAPTERS {
        let args = [
            good.as_str(),
            &error_500,
            &refused,
            "not-a-url",
            &slow,
            "--repeat",
            "2",
            "--timeout",
            "0.5",
        ];
        let run = run(chapter, &args);
        assert_eq!(
            run.status.code(),
            Some(1),
            "{chapter}: stderr:\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "{chapter}: {}",
            run.stderr
        );
        let failed = |url: &str, reason: &str| {
            count(&run.stderr, |line| {
                line == format!("Failed {url}: {reason}")
                    || (line.starts_with(&format!("Failed {url}: {reason}"))
                        && reason.ends_with('('))
            })
        };
        assert_eq!(
            failed(&error_500, "the server answered 500 Internal Server Error"),
            2,
            "{chapter}:\n{}",
            run.stderr
        );
        assert_eq!(
            failed(&refused, "could not connect ("),
            2,
            "{chapter}:\n{}",
            run.stderr
        );
        assert_eq!(
            failed("not-a-url", "not a valid URL ("),
            2,
            "{chapter}:\n{}",
            run.stderr
        );
        assert_eq!(
            failed(&slow, "no answer within the --timeout"),
            2,
            "{chapter}:\n{}",
            run.stderr
        );
        assert_eq!(
            count(&run.stderr, |line| line.starts_with("Failed ")),
            8,
            "{chapter}:\n{}",
            run.stderr
        );
        assert_eq!(
            count(&run.stdout, |line| line
                == format!("Read {BIG_PAGE_BYTES} from {good}")),
            2
        );
        let summary = summary(&run);
        assert!(
            summary.starts_with("Downloaded 2 of 10 in ")
                && summary.ends_with(" seconds (8 failed)"),
            "{chapter}: {summary:?}"
        );
    }
}

/// The rows of a drawn timeline: lines holding a `│`-framed bar, without the axis.
fn timeline_rows(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|line| line.matches('│').count() == 2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn timeline_draws_one_row_per_thread_that_downloaded() {
    let sync = run(
        "download_sync",
        &["--latency-ms", "2", "--repeat", "5", "--timeline"],
    );
    sync.assert_success();
    let rows = timeline_rows(&sync.stdout);
    assert_eq!(rows.len(), 1, "{}", sync.stdout);
    assert!(
        rows[0].trim_start().starts_with("main │") && rows[0].ends_with("│ 10 calls"),
        "{rows:?}"
    );

    // 40 downloads of 20 ms for 3 workers: a worker would have to be kept off the CPU for a
    // quarter of a second for its row to be missing.
    let threaded = run(
        "download_threaded",
        &[
            "--latency-ms",
            "20",
            "--repeat",
            "20",
            "--workers",
            "3",
            "--timeline",
        ],
    );
    threaded.assert_success();
    let mut rows: Vec<String> = timeline_rows(&threaded.stdout)
        .iter()
        .map(|row| row.trim_start().split(" │").next().unwrap().to_owned())
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        ["worker 0", "worker 1", "worker 2"],
        "{}",
        threaded.stdout
    );
}

#[test]
fn sweep_prints_one_row_per_worker_count_and_writes_csv_without_losing_the_old_file() {
    let dir = std::env::temp_dir().join(format!("sweep-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("sweep.csv");
    std::fs::write(&csv, "a learner's notes\n").unwrap();
    let csv_arg = csv.to_str().unwrap();
    // 300 ms per answer: three workers' requests overlap at the server with time to spare.
    let args = [
        "--latency-ms",
        "300",
        "--repeat",
        "3",
        "--workers",
        "3",
        "--csv",
        csv_arg,
    ];
    let run = run_example("download_threaded", "sweep", &args);
    run.assert_success();
    let table: Vec<&str> = run.stdout.lines().collect();
    assert!(table[0].split_whitespace().eq([
        "workers",
        "seconds",
        "speed-up",
        "efficiency",
        "in",
        "flight",
        "failed"
    ]));
    // A 1-worker baseline is added for the speed-up column.
    let rows: Vec<Vec<&str>> = table[1..3]
        .iter()
        .map(|row| row.split_whitespace().collect())
        .collect();
    assert_eq!((rows[0][0], rows[1][0]), ("1", "3"), "{}", run.stdout);
    // The server saw one request at a time from one worker, three at once from three.
    assert_eq!((rows[0][4], rows[1][4]), ("1", "3"), "{}", run.stdout);
    assert_eq!((rows[0][5], rows[1][5]), ("0", "0"), "{}", run.stdout);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(written.lines().count(), 3, "{written}");
    assert!(written.starts_with("workers,seconds,speedup,efficiency,most_in_flight,failed\n1,"));
    assert_eq!(
        std::fs::read_to_string(dir.join("sweep.csv.bak")).unwrap(),
        "a learner's notes\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_options_are_refused_with_a_usage_message() {
    run("download_threaded", &["--workers", "0"]).assert_usage_error("--workers");
    run("download_async", &["--concurrency", "0"]).assert_usage_error("--concurrency");
    for chapter in CHAPTERS {
        run(chapter, &["--timeout", "0"]).assert_usage_error("positive number of seconds");
        run(chapter, &["--timeout", "soon"])
            .assert_usage_error("`soon` is not a number of seconds");
        run(chapter, &["--repeat", "0"]).assert_usage_error("--repeat");
        run(chapter, &["--max-page-bytes", "0"]).assert_usage_error("--max-page-bytes");
        run(chapter, &["--internet", "http://example.com/"]).assert_usage_error("--internet");
    }
}

#[test]
fn practice_server_answers_more_than_200_requests_at_once() {
    let server = PracticeServer::start(std::time::Duration::from_secs(2)).unwrap();
    let client = reqwest::blocking::Client::builder()
        .tls_certs_only([])
        .build()
        .unwrap();
    let url = server.url("/dice");
    std::thread::scope(|scope| {
        for _ in 0..250 {
            scope.spawn(|| {
                let response = client.get(&url).send().unwrap();
                assert_eq!(response.bytes().unwrap().len(), SMALL_PAGE_BYTES);
            });
        }
    });
    // Every request waits 2 s at the server, so all 250 are there at once unless sending them
    // took longer than that.
    assert_eq!(server.most_in_flight(), 250);
    assert_eq!(server.answered(), 250);
}

/// A one-download sweep of download_threaded that writes its CSV to `csv`.
fn sweep_to(csv: &Path, env: &[(&str, &str)]) -> Run {
    run_target(
        "download_threaded",
        Some("sweep"),
        &[
            "--latency-ms",
            "1",
            "--repeat",
            "1",
            "--workers",
            "2",
            "--csv",
            csv.to_str().unwrap(),
        ],
        env,
    )
}

/// Asserts that the run failed before sweeping, with one line naming `path` and saying `why`.
fn assert_refused(run: &Run, path: &str, why: &str) {
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line:\n{}", run.stderr);
    assert!(
        run.stderr
            .starts_with(&format!("Error: cannot write the CSV file {path}: ")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(why),
        "expected {why:?} in {}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "the sweep should not run: {}",
        run.stdout
    );
}

#[test]
fn a_csv_path_that_is_not_an_ordinary_file_is_refused_and_left_alone() {
    let dir = scratch_folder("csv-not-a-file");
    let folder = dir.join("results");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("notes.txt"), "mine").unwrap();
    let refused = sweep_to(&folder, &[]);
    assert_refused(&refused, folder.to_str().unwrap(), "it is a folder");
    assert_eq!(names(&dir), ["results"]);
    assert_eq!(names(&folder), ["notes.txt"]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;

        let pipe = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.unwrap().success(), "mkfifo failed");
        let refused = sweep_to(&pipe, &[]);
        assert_refused(
            &refused,
            pipe.to_str().unwrap(),
            "it is a named pipe (FIFO)",
        );
        assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
        assert_eq!(names(&dir), ["pipe", "results"]);

        let stdout = Path::new("/dev/stdout");
        if fs::symlink_metadata(stdout).is_ok() {
            let refused = sweep_to(stdout, &[]);
            assert_refused(&refused, "/dev/stdout", "only an ordinary file");
            assert!(fs::symlink_metadata(stdout).is_ok());
            assert!(fs::symlink_metadata("/dev/stdout.bak").is_err());
        }
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_interrupted_sweep_leaves_the_old_csv_file_and_no_new_one() {
    let dir = scratch_folder("csv-interrupted");
    let csv = dir.join("sweep.csv");
    fs::write(&csv, "a learner's notes\n").unwrap();
    // A server that takes the connection and never answers: the sweep waits on it.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let mut chapter = std::process::Command::new(binary("download_threaded", Some("sweep")))
        .args([
            &url,
            "--repeat",
            "1",
            "--workers",
            "1",
            "--timeout",
            "100",
            "--csv",
        ])
        .arg(&csv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Once the chapter connects, the sweep is under way: stop it there, as Ctrl-C would.
    listener.set_nonblocking(true).unwrap();
    let started = Instant::now();
    let connection = loop {
        match listener.accept() {
            Ok((connection, _)) => break connection,
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                if started.elapsed() > TIMEOUT {
                    chapter.kill().ok();
                    panic!("the chapter never connected");
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(error) => panic!("{error}"),
        }
    };
    chapter.kill().unwrap();
    chapter.wait().unwrap();
    drop(connection);
    assert_eq!(names(&dir), ["sweep.csv"]);
    assert_eq!(fs::read_to_string(&csv).unwrap(), "a learner's notes\n");
    fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_csv_path_in_a_read_only_folder_is_refused_saying_permission_is_denied() {
    use std::os::unix::fs::PermissionsExt;

    let dir = scratch_folder("csv-read-only");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    // root (and some sandboxes) may write in any folder: then there is nothing to refuse.
    let privileged = fs::write(dir.join("probe"), "").is_ok();
    if !privileged {
        let csv = dir.join("sweep.csv");
        let refused = sweep_to(&csv, &[]);
        assert_refused(
            &refused,
            csv.to_str().unwrap(),
            &format!("you may not write in {}", dir.display()),
        );
        assert!(!refused.stderr.contains("exists"), "{}", refused.stderr);
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_error_is_one_line_even_with_rust_backtrace_set() {
    let run = sweep_to(
        Path::new("/no/such/folder/sweep.csv"),
        &[("RUST_BACKTRACE", "1"), ("RUST_LIB_BACKTRACE", "1")],
    );
    assert_refused(
        &run,
        "/no/such/folder/sweep.csv",
        "check that the folder /no/such/folder exists",
    );
}

/// A server on 127.0.0.1 that answers every request with a page that never ends: sent in
/// chunks, or under a Content-Length of `declared` bytes. It sends until the client hangs up.
fn flooding_server(declared: Option<u64>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/flood", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for connection in listener.incoming() {
            let Ok(mut connection) = connection else {
                return;
            };
            std::thread::spawn(move || {
                // The request's head, up to its blank line.
                BufReader::new(&connection)
                    .lines()
                    .take_while(|line| line.as_ref().is_ok_and(|line| !line.is_empty()))
                    .for_each(drop);
                let (head, frame) = match declared {
                    Some(length) => (format!("Content-Length: {length}"), vec![b'x'; 1 << 16]),
                    None => (
                        "Transfer-Encoding: chunked".to_owned(),
                        [b"10000\r\n".as_slice(), &[b'x'; 1 << 16], b"\r\n"].concat(),
                    ),
                };
                let head = format!("HTTP/1.1 200 OK\r\n{head}\r\n\r\n");
                if connection.write_all(head.as_bytes()).is_ok() {
                    while connection.write_all(&frame).is_ok() {}
                }
            });
        }
    });
    url
}

#[test]
fn a_page_that_never_ends_is_cut_off_at_the_limit_with_its_reason() {
    let (flood, declared) = (flooding_server(None), flooding_server(Some(1 << 40)));
    for chapter in CHAPTERS {
        let run = run(
            chapter,
            &[
                &flood,
                &declared,
                "--repeat",
                "1",
                "--max-page-bytes",
                "100000",
            ],
        );
        assert_eq!(run.status.code(), Some(1), "{chapter}: {}", run.stderr);
        for url in [&flood, &declared] {
            let reason = "the page is larger than the --max-page-bytes limit of 100000 bytes";
            assert_eq!(
                count(&run.stderr, |line| line
                    == format!("Failed {url}: {reason}")),
                1,
                "{chapter}: {}",
                run.stderr
            );
        }
        assert!(
            summary(&run).starts_with("Downloaded 0 of 2 in "),
            "{chapter}: {}",
            run.stdout
        );
    }
    // Without the option, its default holds.
    let run = run("download_sync", &[&flood, "--repeat", "1"]);
    let reason = "the page is larger than the --max-page-bytes limit of 10000000 bytes";
    assert_eq!(
        count(&run.stderr, |line| line
            == format!("Failed {flood}: {reason}")),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn practice_server_answers_every_status_its_description_offers_and_refuses_the_rest() {
    let server = PracticeServer::start(Duration::ZERO).unwrap();
    assert!(
        server
            .describe()
            .contains("answers with that status code (any from 200 to 999)"),
        "{}",
        server.describe()
    );
    let client = reqwest::blocking::Client::builder()
        .tls_certs_only([])
        .build()
        .unwrap();
    let get = |code: u16| {
        let response = client
            .get(server.url(&format!("/status/{code}")))
            .send()
            .unwrap();
        (response.status().as_u16(), response.text().unwrap())
    };
    for code in [200, 201, 299, 301, 404, 500, 599, 600, 999] {
        assert_eq!(get(code).0, code);
    }
    // An informational status is never a final answer in HTTP: refused, saying why.
    for code in [100, 101, 150, 199] {
        let (status, text) = get(code);
        assert_eq!(status, 400, "{code}: {text}");
        assert!(text.contains("informational"), "{code}: {text}");
    }
    for code in [0, 99, 1000] {
        assert_eq!(get(code).0, 400, "{code}");
    }
}
