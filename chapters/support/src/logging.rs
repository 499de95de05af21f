//! The tutorial's log format, `HH:MM:SS: message`: the writer the chapters use, and the reader
//! the tests and the book use to take the timestamp off again.

/// Sets up `log` to print like the tutorial's
/// `logging.basicConfig(format="%(asctime)s: %(message)s", datefmt="%H:%M:%S")`:
/// local time, a colon, then the message, on standard error.
///
/// The level is `info` unless `RUST_LOG` says otherwise (`RUST_LOG=debug` shows the debug lines).
/// Each record is formatted into a buffer and written with one call while standard error is
/// locked, so lines from different threads never tear.
#[cfg(feature = "logging")]
pub fn init_logging() {
    use std::io::Write;

    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info"))
        .format(|buf, record| {
            let now = chrono::Local::now().format("%H:%M:%S");
            writeln!(buf, "{now}: {}", record.args())
        })
        .init();
}

/// The message of a log line written by [`init_logging`]; `None` for any other line.
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
    use super::log_message;

    #[test]
    fn only_a_leading_timestamp_is_taken_off() {
        assert_eq!(
            log_message("09:41:07: Thread 1: starting"),
            Some("Thread 1: starting")
        );
        assert_eq!(log_message("09:41:07: "), Some(""));
        assert_eq!(log_message("Thread 1: starting"), None);
        assert_eq!(log_message("9:41:07: late"), None);
        assert_eq!(log_message("09-41-07: dashes"), None);
        assert_eq!(log_message("09:41:07 no colon after"), None);
    }
}
