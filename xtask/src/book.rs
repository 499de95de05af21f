//! What the book shows from real runs: which chapter runs are captured into
//! `book/src/generated/`, and how a capture is compared with a new run.

use support::log_message;

/// One captured run of a chapter, written to `book/src/generated/<file>.txt` (standard output
/// and standard error together, as a terminal shows them).
#[derive(Debug, Clone, Copy)]
pub struct Capture {
    /// The file name, without `.txt`.
    pub file: &'static str,
    pub package: &'static str,
    /// The example of the package to run, if not its main binary.
    pub example: Option<&'static str>,
    pub args: &'static [&'static str],
    pub env: &'static [(&'static str, &'static str)],
    /// Lines the scheduler decides whether there is time to print: not compared.
    pub may_miss: &'static [&'static str],
    /// Lines, by their start, whose numbers depend on the run (how many updates a race lost,
    /// how many connections were in use when a worker got one): compared without them.
    pub varying: &'static [&'static str],
}

const fn capture(
    file: &'static str,
    package: &'static str,
    args: &'static [&'static str],
) -> Capture {
    Capture {
        file,
        package,
        example: None,
        args,
        env: &[],
        may_miss: &[],
        varying: &[],
    }
}

/// Every capture the pages include, in reading order.
pub const CAPTURES: &[Capture] = &[
    capture("single_thread", "single_thread", &[]),
    // The thread may or may not get to log before `main` returns and the process ends.
    Capture {
        may_miss: &["Thread 1: starting"],
        ..capture("daemon_thread", "daemon_thread", &[])
    },
    capture("join_thread", "join_thread", &[]),
    capture("many_threads", "many_threads", &["--timeline"]),
    capture("thread_pool", "thread_pool", &["--timeline"]),
    capture("race_condition", "race_condition", &[]),
    Capture {
        example: Some("hammer"),
        varying: &["load + add + store"],
        ..capture("race_condition-hammer", "race_condition", &[])
    },
    Capture {
        env: &[("RUST_LOG", "debug")],
        ..capture("lock-debug", "lock", &[])
    },
    capture("deadlock", "deadlock", &[]),
    Capture {
        example: Some("lock_ordering"),
        ..capture("deadlock-lock_ordering", "deadlock", &[])
    },
    Capture {
        example: Some("one_lock_order"),
        ..capture("deadlock-one_lock_order", "deadlock", &[])
    },
    Capture {
        example: Some("helper_holding_the_lock"),
        ..capture("deadlock-helper_holding_the_lock", "deadlock", &[])
    },
    Capture {
        varying: &["Worker "],
        ..capture("semaphore", "semaphore", &[])
    },
    Capture {
        example: Some("panicking_worker"),
        // The panic message names the thread by its id.
        varying: &["thread '"],
        ..capture("semaphore-panicking_worker", "semaphore", &[])
    },
    capture("timer", "timer", &[]),
    capture("barrier", "barrier", &[]),
    capture("download_sync", "download_sync", &["--repeat", "3"]),
    capture("download_threaded", "download_threaded", &["--repeat", "3"]),
    Capture {
        example: Some("shared_client"),
        ..capture(
            "download_threaded-shared_client",
            "download_threaded",
            &["--repeat", "3"],
        )
    },
    capture("download_async", "download_async", &["--repeat", "3"]),
    // Two threads whatever the machine, so the capture reads the same on every machine.
    capture("cpu_bound", "cpu_bound", &["--threads", "2"]),
];

impl Capture {
    /// What of `output` must stay the same from run to run: see [`normalize`]; without the
    /// lines that may be missing.
    pub fn comparable(&self, output: &str) -> Vec<String> {
        let optional: Vec<String> = self
            .may_miss
            .iter()
            .flat_map(|line| normalize(line, self.varying))
            .collect();
        normalize(output, self.varying)
            .into_iter()
            .filter(|line| !optional.contains(line))
            .collect()
    }
}

/// A run's output reduced to what does not change between runs: without timestamps, timings
/// (numbers with a decimal point) as `#`, ports as `PORT`, timeline bars as `BARS` (with their
/// counts as `#`), every number of a line that starts with one of `varying` as `#`, and the
/// lines sorted (the scheduler picks their order). Every other number is kept: a final value
/// or a count that changes is a different lesson.
pub fn normalize(output: &str, varying: &[&str]) -> Vec<String> {
    let mut lines: Vec<String> = output
        .lines()
        .map(|line| {
            let line = log_message(line).unwrap_or(line);
            let (line, mask_all) = match (line.find('│'), line.rfind('│')) {
                (Some(open), Some(close)) if open < close => (
                    format!("{}│BARS│{}", &line[..open], &line[close + '│'.len_utf8()..]),
                    true,
                ),
                _ => (
                    line.to_owned(),
                    varying.iter().any(|start| line.starts_with(start)),
                ),
            };
            mask_numbers(&line.replace("127.0.0.1:", "127.0.0.1:PORT "), mask_all)
                .trim_end()
                .to_owned()
        })
        .collect();
    lines.sort();
    lines
}

/// `line` with its timings (and, with `all`, every number) as `#`; a port number after
/// `PORT ` is dropped.
fn mask_numbers(line: &str, all: bool) -> String {
    let mut masked = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let (before, from) = rest.split_at(start);
        let len = from
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(from.len());
        // A trailing dot ends a sentence: "Ending value is 1."
        let number = from[..len].trim_end_matches('.');
        masked.push_str(before);
        if let Some(kept) = before.strip_suffix("PORT ") {
            masked.truncate(masked.len() - before.len());
            masked.push_str(kept);
            masked.push_str("PORT");
        } else if all || number.contains('.') {
            masked.push('#');
        } else {
            masked.push_str(number);
        }
        rest = &from[number.len()..];
    }
    masked.push_str(rest);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_timings_ports_bars_and_order_do_not_count() {
        let one = "09:00:01: Thread 1: starting\nworker 0 │██ ▒│ 4 calls\nRead 276 from http://127.0.0.1:40001/dice\nDownloaded 2 in 0.105 seconds\n";
        let two = "Read 276 from http://127.0.0.1:39999/dice\n10:11:12: Thread 1: starting\nworker 0 │ █▒▒│ 5 calls\nDownloaded 2 in 1.5 seconds\n";
        assert_eq!(normalize(one, &[]), normalize(two, &[]));
        assert_ne!(
            normalize("Thread 1: starting", &[]),
            normalize("Thread 1: started", &[])
        );
    }

    #[test]
    fn counts_and_final_values_still_count_unless_their_line_varies() {
        let ending = |value: &str| normalize(&format!("12:00:00: Ending value is {value}."), &[]);
        assert_ne!(ending("1"), ending("2"));
        assert_ne!(
            normalize("Read 276 from http://127.0.0.1:1/dice", &[]),
            normalize("Read 275 from http://127.0.0.1:1/dice", &[])
        );
        let lost = |n: &str| normalize(&format!("load + add + store: lost {n}"), &["load + add"]);
        assert_eq!(lost("17"), lost("2351666"));
    }
}

/// rustc's report as it reads on any toolchain install. Where the toolchain has the `rust-src`
/// component, a note that points into std names the local source (`~/.rustup/.../library/...`)
/// and quotes its line, which widens the line-number gutter of the whole report; without it,
/// the note names `/rustc/<commit>/library/...` and quotes nothing. Here every such note names
/// `$RUST/library/<file>` without a line and column (they change between releases) and quotes
/// nothing, and the gutter is as wide as the report's own line numbers need.
pub fn toolchain_neutral(report: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut in_std_quote = false;
    for line in report.lines() {
        let trimmed = line.trim_start();
        if let Some(path) = trimmed.strip_prefix("--> ") {
            in_std_quote = false;
            if let Some(at) = path.find("/library/") {
                let in_std = path.starts_with("/rustc/") || path[..at].ends_with("/src/rust");
                if in_std {
                    let file = path[at + 1..].split(':').next().unwrap_or_default();
                    lines.push(format!("--> $RUST/{file}"));
                    in_std_quote = true;
                    continue;
                }
            }
            lines.push(format!("--> {path}"));
            continue;
        }
        if in_std_quote && gutter(line).is_some() {
            continue;
        }
        in_std_quote = false;
        lines.push(line.to_owned());
    }
    // The gutter is one column wider than the widest line number left.
    let width = lines
        .iter()
        .filter_map(|line| gutter(line))
        .map(|(number, _)| number.len())
        .max()
        .unwrap_or(0);
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|line| {
            if let Some(path) = line.strip_prefix("--> ") {
                format!("{:width$}--> {path}", "")
            } else if let Some((number, rest)) = gutter(&line) {
                format!("{number:>width$} |{rest}")
            } else if let Some(note) = line.trim_start().strip_prefix("= ") {
                format!("{:width$} = {note}", "")
            } else {
                line
            }
        })
        .collect();
    out.push(String::new());
    out.join("\n")
}

/// A quoted line of a rustc report: its line number (empty on the lines between) and what
/// follows the gutter's `|`.
fn gutter(line: &str) -> Option<(&str, &str)> {
    let (head, rest) = line.split_once(" |")?;
    let number = head.trim_start();
    (number.chars().all(|c| c.is_ascii_digit()) && head.len() - number.len() <= 8)
        .then_some((number, rest))
}

#[cfg(test)]
mod rustc_reports {
    use super::toolchain_neutral;

    /// rustc 1.9x on a toolchain with `rust-src`: the note quotes std's line 203.
    const WITH_RUST_SRC: &str = "error[E0499]: cannot borrow `database` as mutable more than once at a time
   --> naive_port.rs:27:21
    |
 25 |     thread::scope(|scope| {
    |                    ----- has type `&'1 Scope<'1, '_>`
 27 |         scope.spawn(|| database.update(1));
    |                     ^^ second mutable borrow occurs here
    |
note: requirement that the value outlives `'1` introduced here
   --> /root/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/lib/rustlib/src/rust/library/std/src/thread/scoped.rs:203:35
    |
203 |         F: FnOnce() -> T + Send + 'scope,
    |                                   ^^^^^^

error: aborting due to 1 previous error
";

    /// The same report from another release, on a toolchain without `rust-src`.
    const WITHOUT_RUST_SRC: &str =
        "error[E0499]: cannot borrow `database` as mutable more than once at a time
  --> naive_port.rs:27:21
   |
25 |     thread::scope(|scope| {
   |                    ----- has type `&'1 Scope<'1, '_>`
27 |         scope.spawn(|| database.update(1));
   |                     ^^ second mutable borrow occurs here
   |
note: requirement that the value outlives `'1` introduced here
  --> /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/thread/scoped.rs:203:34

error: aborting due to 1 previous error
";

    #[test]
    fn a_report_reads_the_same_with_and_without_rust_src() {
        let neutral = toolchain_neutral(WITHOUT_RUST_SRC);
        assert_eq!(toolchain_neutral(WITH_RUST_SRC), neutral);
        assert!(
            neutral.contains("  --> $RUST/library/std/src/thread/scoped.rs\n"),
            "{neutral}"
        );
        assert!(neutral.contains("25 |     thread::scope"), "{neutral}");
        assert!(!neutral.contains("203"), "{neutral}");
        // Already neutral: unchanged.
        assert_eq!(toolchain_neutral(&neutral), neutral);
    }

    #[test]
    fn a_report_that_quotes_only_the_learners_file_is_left_alone() {
        let report = "error[E0308]: mismatched types\n --> src/main.rs:2:18\n  |\n2 |     let x: u32 = \"a\";\n  |            ---   ^^^ expected `u32`, found `&str`\n  |            |\n  |            expected due to this\n";
        assert_eq!(toolchain_neutral(report), report);
    }
}
