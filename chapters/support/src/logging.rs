use std::io::Write;

/// Sets up `log` to print like the tutorial's
/// `logging.basicConfig(format="%(asctime)s: %(message)s", datefmt="%H:%M:%S")`:
/// local time, a colon, then the message, on standard error.
///
/// The level is `info` unless `RUST_LOG` says otherwise (`RUST_LOG=debug` shows the debug lines).
/// Each record is formatted into a buffer and written with one call while standard error is
/// locked, so lines from different threads never tear.
pub fn init_logging() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info"))
        .format(|buf, record| {
            let now = chrono::Local::now().format("%H:%M:%S");
            writeln!(buf, "{now}: {}", record.args())
        })
        .init();
}
