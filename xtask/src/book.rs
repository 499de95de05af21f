//! What the book shows from real runs: which chapter runs are captured into
//! `book/src/generated/`, and how a capture is compared with a new run.

/// One captured run of a chapter, written to `book/src/generated/<file>.txt` (standard output
/// and standard error together, as a terminal shows them).
#[derive(Debug, Clone, Copy)]
pub struct Capture {
    /// The file name, without `.txt`.
    pub file: &'static str,
    pub package: &'static str,
    pub args: &'static [&'static str],
    pub env: &'static [(&'static str, &'static str)],
    /// Lines the scheduler decides whether there is time to print: not compared.
    pub may_miss: &'static [&'static str],
}

const fn capture(
    file: &'static str,
    package: &'static str,
    args: &'static [&'static str],
) -> Capture {
    Capture {
        file,
        package,
        args,
        env: &[],
        may_miss: &[],
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
    capture("race_condition-hammer", "race_condition", &["--hammer"]),
    Capture {
        env: &[("RUST_LOG", "debug")],
        ..capture("lock-debug", "lock", &[])
    },
    capture("deadlock", "deadlock", &[]),
    capture("semaphore", "semaphore", &[]),
    capture("timer", "timer", &[]),
    capture("barrier", "barrier", &[]),
    capture("download_sync", "download_sync", &["--repeat", "3"]),
    capture("download_threaded", "download_threaded", &["--repeat", "3"]),
];

impl Capture {
    /// What of `output` must stay the same from run to run: see [`normalize`]; without the
    /// lines that may be missing.
    pub fn comparable(&self, output: &str) -> Vec<String> {
        let optional: Vec<String> = self
            .may_miss
            .iter()
            .flat_map(|line| normalize(line))
            .collect();
        normalize(output)
            .into_iter()
            .filter(|line| !optional.contains(line))
            .collect()
    }
}

/// A run's output reduced to what does not change between runs: without timestamps, with every
/// number as `#`, timeline bars as `BARS`, and the lines sorted (the scheduler picks their
/// order).
pub fn normalize(output: &str) -> Vec<String> {
    let mut lines: Vec<String> = output
        .lines()
        .map(|line| {
            let line = log_message(line).unwrap_or(line);
            let line = match (line.find('│'), line.rfind('│')) {
                (Some(open), Some(close)) if open < close => {
                    format!("{}│BARS│{}", &line[..open], &line[close + '│'.len_utf8()..])
                }
                _ => line.to_owned(),
            };
            let mut masked = String::with_capacity(line.len());
            for c in line.chars() {
                if c.is_ascii_digit() {
                    if !masked.ends_with('#') {
                        masked.push('#');
                    }
                } else {
                    masked.push(c);
                }
            }
            masked.trim_end().to_owned()
        })
        .collect();
    lines.sort();
    lines
}

/// The message of a log line in the chapters' `HH:MM:SS: message` format; `None` for any other
/// line.
pub fn log_message(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let is_time = bytes.len() >= 10
        && bytes[..8].iter().enumerate().all(|(i, b)| {
            if i % 3 == 2 {
                *b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
        && &bytes[8..10] == b": ";
    is_time.then(|| &line[10..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_numbers_bars_and_order_do_not_count() {
        let one = "09:00:01: Thread 1: starting\nworker 0 │██ ▒│ 4 calls\nRead 276 from http://127.0.0.1:40001/dice\n";
        let two = "Read 276 from http://127.0.0.1:39999/dice\n10:11:12: Thread 2: starting\nworker 3 │ █▒▒│ 5 calls\n";
        assert_eq!(normalize(one), normalize(two));
        assert_ne!(
            normalize("Thread 1: starting"),
            normalize("Thread 1: started")
        );
    }
}
