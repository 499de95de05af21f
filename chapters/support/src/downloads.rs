//! What the download chapters share: their options, the HTTP client settings, the tally of
//! reads and failures, and the worker-count sweep.

use std::{
    fmt,
    io::{self, Read},
    path::{Path, PathBuf},
    process::ExitCode,
    sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst},
    time::{Duration, Instant},
};

use clap::value_parser;
use indicatif::{ProgressBar, ProgressStyle};
use reqwest::blocking::{Client, Response};

use crate::{files, server::PracticeServer};

/// The tutorial's two sites, used with `--internet`.
pub const TUTORIAL_SITES: [&str; 2] = [
    "https://www.jython.org",
    "http://olympus.realpython.org/dice",
];

/// The options both download chapters take.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// Pages to download instead of the practice server's two; each is fetched --repeat times.
    #[arg(value_name = "URL", conflicts_with = "internet")]
    pub urls: Vec<String>,
    /// How many times to download each page (the tutorial: 80, so 160 downloads).
    #[arg(long, default_value_t = 80, value_parser = value_parser!(u32).range(1..=100_000))]
    pub repeat: u32,
    /// How long the practice server takes to answer each request, in milliseconds.
    #[arg(long, default_value_t = 20, value_parser = value_parser!(u64).range(0..=10_000))]
    pub latency_ms: u64,
    /// Download the tutorial's real sites instead of the practice server (needs the internet).
    #[arg(long)]
    pub internet: bool,
    /// Give up on a request after this many seconds.
    #[arg(long, default_value = "10", value_parser = parse_seconds, value_name = "SECONDS")]
    pub timeout: Duration,
    /// Give up on a page larger than this, so that a server that never stops sending cannot
    /// fill the memory.
    #[arg(long, default_value_t = DEFAULT_MAX_PAGE_BYTES, value_name = "BYTES",
          value_parser = value_parser!(u64).range(1..=1_000_000_000))]
    pub max_page_bytes: u64,
}

/// The default `--max-page-bytes`: 10 MB, hundreds of times a real page's size.
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 10_000_000;

/// The `--max-page-bytes` that [`read_page`] and [`within_limit`] apply, set by [`SiteArgs::client_settings`].
static MAX_PAGE_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_PAGE_BYTES);

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| format!("`{text}`: give a positive number of seconds, such as 10 or 0.5"))
}

/// The pages to download, and the practice server serving them, if any.
pub struct Sites {
    /// Every download, in order: each page `--repeat` times.
    pub urls: Vec<String>,
    /// The in-process practice server; stops when dropped.
    pub server: Option<PracticeServer>,
    /// The practice server's latency, when the downloads go to it.
    pub latency: Option<Duration>,
}

/// How to build an HTTP client: the `requests.Session` of the tutorial.
#[derive(Clone, Copy)]
pub struct ClientSettings {
    timeout: Duration,
    https: bool,
}

impl Default for ClientSettings {
    /// The default `--timeout`, for plain HTTP.
    fn default() -> Self {
        ClientSettings {
            timeout: Duration::from_secs(10),
            https: false,
        }
    }
}

impl ClientSettings {
    /// Builds a client; each one keeps its own pool of open connections.
    pub fn build(self) -> reqwest::Result<Client> {
        let builder = Client::builder().timeout(self.timeout);
        if self.https {
            builder.build()
        } else {
            // Loading the system's root certificates costs ~3 ms per client, as long as 40
            // plain-HTTP downloads from the practice server take together. Only HTTPS needs them.
            builder.tls_certs_only([]).build()
        }
    }

    /// Builds an async client for up to `in_flight` downloads at once, for code running on a
    /// tokio runtime. Unlike the blocking client, it starts no thread of its own: it runs on the
    /// runtime that awaits it. Its pool keeps at most `in_flight` idle connections, one per
    /// download that may want one, and it sets no TCP keep-alive probes on them: a connection
    /// that carries a download every second needs none, and each setting is a system call more
    /// per connection.
    pub fn build_async(self, in_flight: usize) -> reqwest::Result<reqwest::Client> {
        let builder = reqwest::Client::builder()
            .timeout(self.timeout)
            .pool_max_idle_per_host(in_flight)
            .tcp_keepalive(None);
        if self.https {
            builder.build()
        } else {
            builder.tls_certs_only([]).build()
        }
    }
}

/// Raises this process's soft limit on open files to its hard limit, and returns the limit now
/// in force (`None`: no limit, or not known). Every download in flight holds a connection, a
/// file descriptor, and the usual soft limit (1,024) is far below thousands in flight.
#[cfg(unix)]
pub fn raise_open_files_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            return limit.maximum;
        }
    }
    limit.current
}

/// Elsewhere the limit is left as it is.
#[cfg(not(unix))]
pub fn raise_open_files_limit() -> Option<u64> {
    None
}

impl SiteArgs {
    /// The downloads to make; starts the practice server unless URLs or `--internet` were given.
    pub fn sites(&self) -> io::Result<Sites> {
        let (pages, server, latency) = if self.internet {
            (TUTORIAL_SITES.map(str::to_owned).to_vec(), None, None)
        } else if !self.urls.is_empty() {
            (self.urls.clone(), None, None)
        } else {
            let latency = Duration::from_millis(self.latency_ms);
            let server = PracticeServer::start(latency)?;
            (server.sites().to_vec(), Some(server), Some(latency))
        };
        let repeat = usize::try_from(self.repeat).expect("--repeat is at most 100000");
        let urls = pages
            .iter()
            .cycle()
            .take(pages.len() * repeat)
            .cloned()
            .collect();
        Ok(Sites {
            urls,
            server,
            latency,
        })
    }

    /// The client settings these options ask for, to download `sites`. Also sets the page
    /// size limit that [`read_page`] and [`within_limit`] apply.
    pub fn client_settings(&self, sites: &Sites) -> ClientSettings {
        MAX_PAGE_BYTES.store(self.max_page_bytes, SeqCst);
        let https = sites
            .urls
            .iter()
            .any(|url| url.to_ascii_lowercase().starts_with("https:"));
        ClientSettings {
            timeout: self.timeout,
            https,
        }
    }
}

/// Why a download failed.
#[derive(Debug)]
pub enum Error {
    /// The request failed, or the server answered with an error status.
    Http(reqwest::Error),
    /// Reading the page failed.
    Read(io::Error),
    /// The page was larger than `--max-page-bytes`.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
}

/// The outcome of a download.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        Error::Http(error)
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        // Reading a response's body wraps reqwest's own errors (a timeout, ...) in an io::Error.
        if error
            .get_ref()
            .is_some_and(|inner| inner.is::<reqwest::Error>())
        {
            let inner = error.into_inner().expect("checked above");
            return Error::Http(*inner.downcast().expect("checked above"));
        }
        Error::Read(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Http(error) => f.write_str(&reason(error)),
            Error::Read(error) => write!(f, "reading the page failed ({error})"),
            Error::TooLarge { limit } => write!(
                f,
                "the page is larger than the --max-page-bytes limit of {limit} bytes"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Reads the page a response carries, counting its bytes as they arrive: past
/// `--max-page-bytes` it stops with [`Error::TooLarge`], so a server that never stops sending
/// cannot fill the memory.
pub fn read_page(response: Response) -> Result<Vec<u8>> {
    let limit = MAX_PAGE_BYTES.load(SeqCst);
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(Error::TooLarge { limit });
    }
    let mut page = Vec::new();
    response
        .take(limit.saturating_add(1))
        .read_to_end(&mut page)?;
    if page.len() as u64 > limit {
        return Err(Error::TooLarge { limit });
    }
    Ok(page)
}

/// The size of a page read so far, `bytes`, or [`Error::TooLarge`] past `--max-page-bytes`:
/// for a page counted chunk by chunk as it arrives, never held whole.
pub fn within_limit(bytes: usize) -> Result<usize> {
    let limit = MAX_PAGE_BYTES.load(SeqCst);
    if bytes as u64 > limit {
        return Err(Error::TooLarge { limit });
    }
    Ok(bytes)
}

/// Counts reads and failures from any number of threads, and reports each one: a line
/// `Read N from URL` on standard output, or `Failed URL: reason` on standard error.
pub struct Tally {
    read: AtomicUsize,
    failed: AtomicUsize,
    progress: Option<ProgressBar>,
}

impl Tally {
    /// A tally that prints a line for every download.
    pub fn new() -> Self {
        Tally {
            read: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            progress: None,
        }
    }

    /// A tally that only moves `progress` along, printing nothing per download.
    fn quiet(progress: ProgressBar) -> Self {
        Tally {
            progress: Some(progress),
            ..Tally::new()
        }
    }

    /// Counts and reports one download of `url`: its size in bytes, or why it failed.
    pub fn record(&self, url: &str, outcome: Result<usize>) {
        match outcome {
            Ok(bytes) => {
                self.read.fetch_add(1, SeqCst);
                if self.progress.is_none() {
                    println!("Read {bytes} from {url}");
                }
            }
            Err(error) => {
                self.failed.fetch_add(1, SeqCst);
                let line = format!("Failed {url}: {error}");
                match &self.progress {
                    Some(progress) => progress.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
            }
        }
        if let Some(progress) = &self.progress {
            progress.inc(1);
        }
    }

    /// How many downloads failed.
    pub fn failed(&self) -> usize {
        self.failed.load(SeqCst)
    }

    /// Prints the tutorial's closing line, and returns exit code 1 if any download failed.
    pub fn summary(&self, elapsed: Duration) -> ExitCode {
        let (read, failed) = (self.read.load(SeqCst), self.failed());
        let seconds = elapsed.as_secs_f64();
        if failed == 0 {
            println!("Downloaded {read} in {seconds:.3} seconds");
            ExitCode::SUCCESS
        } else {
            println!(
                "Downloaded {read} of {} in {seconds:.3} seconds ({failed} failed)",
                read + failed
            );
            ExitCode::FAILURE
        }
    }
}

impl Default for Tally {
    fn default() -> Self {
        Tally::new()
    }
}

/// Why a download failed, in a few words.
pub fn reason(error: &reqwest::Error) -> String {
    // The innermost cause is the most specific: "Connection refused (os error 111)".
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    if let Some(status) = error.status() {
        format!("the server answered {status}")
    } else if error.is_timeout() {
        "no answer within the --timeout".to_owned()
    } else if error.is_builder() {
        format!("not a valid URL ({cause})")
    } else if error.is_connect() {
        format!("could not connect ({cause})")
    } else {
        cause.to_string()
    }
}

/// One row of a sweep.
struct SweepRow {
    workers: usize,
    seconds: f64,
    failed: usize,
    most_in_flight: Option<usize>,
}

/// Downloads `sites` once for each worker count in `counts`, and prints how long each took,
/// the speed-up over one worker and, on the practice server, the efficiency against the ideal
/// `ceil(downloads / workers) × latency`. A 1-worker run is added if `counts` lacks one.
/// `download_all_sites(workers, tally)` does one run. Writes the table as CSV to `csv` too.
pub fn sweep(
    counts: &[usize],
    sites: &Sites,
    csv: Option<PathBuf>,
    download_all_sites: impl Fn(usize, &Tally),
) -> io::Result<ExitCode> {
    // Check the CSV file's path first: a bad path should fail at once, not after the whole
    // sweep. The file itself is written at the end, in one step: an interrupted sweep leaves the
    // old file as it was.
    let csv_error = |path: &Path, error: io::Error| {
        io::Error::new(
            error.kind(),
            format!("cannot write the CSV file {}", files::explain(path, &error)),
        )
    };
    if let Some(path) = &csv {
        files::check_writable(path).map_err(|error| csv_error(path, error))?;
    }
    let mut counts = counts.to_vec();
    counts.push(1);
    counts.sort_unstable();
    counts.dedup();
    let progress = ProgressBar::new((sites.urls.len() * counts.len()) as u64).with_style(
        ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} downloads")
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    let mut rows = Vec::new();
    for &workers in &counts {
        progress.set_message(format!("{workers} workers"));
        if let Some(server) = &sites.server {
            server.reset_most_in_flight();
        }
        let tally = Tally::quiet(progress.clone());
        let started = Instant::now();
        download_all_sites(workers, &tally);
        let seconds = started.elapsed().as_secs_f64();
        let most_in_flight = sites.server.as_ref().map(PracticeServer::most_in_flight);
        rows.push(SweepRow {
            workers,
            seconds,
            failed: tally.failed(),
            most_in_flight,
        });
    }
    progress.finish_and_clear();

    let baseline = rows[0].seconds;
    let ideal = |workers: usize| {
        sites
            .latency
            .map(|latency| sites.urls.len().div_ceil(workers) as f64 * latency.as_secs_f64())
    };
    println!(
        "{:>7} {:>9} {:>9} {:>11} {:>10} {:>7}",
        "workers", "seconds", "speed-up", "efficiency", "in flight", "failed"
    );
    for row in &rows {
        let efficiency = ideal(row.workers).map_or("n/a".to_owned(), |ideal| {
            format!("{:.1}%", 100.0 * ideal / row.seconds)
        });
        let in_flight = row
            .most_in_flight
            .map_or("n/a".to_owned(), |most| most.to_string());
        println!(
            "{:>7} {:>9.3} {:>8.2}x {efficiency:>11} {in_flight:>10} {:>7}",
            row.workers,
            row.seconds,
            baseline / row.seconds,
            row.failed
        );
    }
    if let Some(path) = csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record([
            "workers",
            "seconds",
            "speedup",
            "efficiency",
            "most_in_flight",
            "failed",
        ])?;
        for row in &rows {
            writer.write_record([
                row.workers.to_string(),
                format!("{:.4}", row.seconds),
                format!("{:.3}", baseline / row.seconds),
                ideal(row.workers)
                    .map_or(String::new(), |ideal| format!("{:.4}", ideal / row.seconds)),
                row.most_in_flight
                    .map_or(String::new(), |most| most.to_string()),
                row.failed.to_string(),
            ])?;
        }
        let table = writer.into_inner().map_err(|error| error.into_error())?;
        match files::write_with_backup(&path, &table).map_err(|error| csv_error(&path, error))? {
            Some(backup) => println!(
                "Wrote {} (the previous file is now {})",
                path.display(),
                backup.display()
            ),
            None => println!("Wrote {}", path.display()),
        }
    }
    let failed = rows.iter().any(|row| row.failed > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
