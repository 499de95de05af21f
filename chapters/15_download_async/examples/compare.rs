//! Threads against async as the downloads in flight grow: a pool of N worker threads (a
//! blocking client each, as in download_threaded) and one thread running N downloads as futures
//! (one async client), at 10 to 5,000 in flight. Each case runs in a child process of its own,
//! so that its peak memory and thread count are its own; the practice server runs here, in the
//! parent, out of the measured process.
//!
//! `cargo run --release -p download_async --example compare`

use std::{
    io::{self, BufRead, BufReader},
    process::{Command, ExitCode, Stdio},
    sync::{
        Mutex, PoisonError,
        atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst},
    },
    thread,
    time::{Duration, Instant},
};

use clap::{Parser, ValueEnum, value_parser};
use futures::stream::{self, StreamExt};
use support::{
    downloads::{self, ClientSettings},
    server::PracticeServer,
    timeline::{self, SVG_VARIABLE},
};

/// Threads against async, from 10 to 5,000 downloads in flight: time, share of the ideal, peak
/// memory and threads, each case measured in a process of its own.
#[derive(Parser)]
struct Args {
    /// How many downloads in flight to compare, e.g. 10,100,1000,5000.
    #[arg(long, value_delimiter = ',', default_value = "10,100,1000,5000",
          value_parser = value_parser!(u32).range(1..=20_000))]
    in_flight: Vec<u32>,
    /// Each case makes in-flight × rounds downloads, so that every worker keeps busy.
    #[arg(long, default_value_t = 4, value_parser = value_parser!(u32).range(1..=100))]
    rounds: u32,
    /// How long the practice server takes to answer each request, in milliseconds.
    #[arg(long, default_value_t = 50, value_parser = value_parser!(u64).range(1..=10_000))]
    latency_ms: u64,
    /// Draw the downloads in flight over time, for both ways at the last in-flight count, into
    /// the SVG file named by the THREADING_TIMELINE_SVG environment variable.
    #[arg(long)]
    timeline: bool,
    /// Give up on a case after this many seconds.
    #[arg(long, default_value_t = 120)]
    case_timeout: u64,
    /// Run one case, in this process (what the parent asks of each child).
    #[arg(long, hide = true, requires = "server")]
    case: Option<Way>,
    /// The practice server's address, for --case.
    #[arg(long, hide = true)]
    server: Option<String>,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Way {
    Threads,
    Async,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::Threads => "threads",
            Way::Async => "async",
        }
    }
}

fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    let open_files = downloads::raise_open_files_limit();
    if let (Some(way), Some(server)) = (args.case, &args.server) {
        run_case(way, server, &args);
        return Ok(ExitCode::SUCCESS);
    }
    let latency = Duration::from_millis(args.latency_ms);
    let server = PracticeServer::start(latency)?;
    let limit = open_files.map_or("no".to_owned(), |limit| limit.to_string());
    println!(
        "{} ms latency, in-flight × {} downloads per case; each case in its own process, the \
         practice server in this one; open-files limit {limit} per process.",
        args.latency_ms, args.rounds
    );
    println!(
        "{:>9} {:>8} {:>8} {:>9} {:>12} {:>8} {:>10}",
        "in flight", "way", "seconds", "of ideal", "peak memory", "threads", "at server"
    );
    let ideal = latency.as_secs_f64() * f64::from(args.rounds);
    let mut failed = false;
    let mut drawn = Vec::new();
    for &in_flight in &args.in_flight {
        for way in [Way::Threads, Way::Async] {
            server.reset_most_in_flight();
            let case = match child(way, in_flight, &server, &args) {
                Ok(case) => case,
                Err(error) => Case::cannot(format!("the case failed: {error}")),
            };
            let at_server = server.most_in_flight();
            print!("{in_flight:>9} {:>8} ", way.name());
            match case.seconds {
                Some(seconds) => print!(
                    "{seconds:>8.3} {:>8.1}% {:>12} {:>8} {at_server:>10}",
                    100.0 * ideal / seconds,
                    case.peak_kb
                        .map_or("n/a".into(), |kb| format!("{:.1} MB", kb as f64 / 1000.0)),
                    case.threads.map_or("n/a".into(), |n| n.to_string()),
                ),
                None => print!("{:>8}", "-"),
            }
            match (&case.cannot, case.failed) {
                (Some(why), _) => println!("  {why}"),
                (None, 0) => println!(),
                (None, count) => println!("  {count} downloads failed: {}", case.first_failure),
            }
            // Threads that could not start are a finding, not a failure: the row says so.
            failed |= case.failed > 0;
            if Some(&in_flight) == args.in_flight.last() {
                drawn.push((way, case.spans));
            }
        }
    }
    if args.timeline {
        draw(&drawn, &args)?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What a child reported about its case.
#[derive(Default)]
struct Case {
    seconds: Option<f64>,
    failed: usize,
    first_failure: String,
    peak_kb: Option<u64>,
    threads: Option<usize>,
    /// Why it ran with fewer threads than asked, or not at all.
    cannot: Option<String>,
    spans: Vec<(Duration, Duration)>,
}

impl Case {
    fn cannot(why: String) -> Case {
        Case {
            cannot: Some(why),
            ..Case::default()
        }
    }
}

/// Runs one case in a child process (this program again, with --case) and reads its report.
fn child(way: Way, in_flight: u32, server: &PracticeServer, args: &Args) -> io::Result<Case> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["--case", way.name(), "--server", &server.url("")])
        .args(["--in-flight", &in_flight.to_string()])
        .args(["--rounds", &args.rounds.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if args.timeline {
        command.arg("--timeline");
    }
    let mut child = command.spawn()?;
    let stdout = child.stdout.take().expect("piped");
    let reader = thread::spawn(move || BufReader::new(stdout).lines().collect::<Vec<_>>());
    let deadline = Instant::now() + Duration::from_secs(args.case_timeout);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            return Ok(Case::cannot(format!(
                "did not finish within {} s (--case-timeout)",
                args.case_timeout
            )));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut case = Case::default();
    if !status.success() {
        // Out of memory, say, with thousands of threads: the row says so.
        case.cannot = Some(format!("the case stopped before the end ({status})"));
    }
    for line in reader.join().expect("the reader does not panic") {
        let line = line?;
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("seconds"), Some(seconds), _) => case.seconds = seconds.parse().ok(),
            (Some("failed"), Some(count), _) => case.failed = count.parse().unwrap_or(0),
            (Some("peak_kb"), Some(kb), _) => case.peak_kb = kb.parse().ok(),
            (Some("threads"), Some(n), _) => case.threads = n.parse().ok(),
            (Some("span"), Some(start), Some(end)) => {
                let at = |text: &str| Duration::from_secs_f64(text.parse().unwrap_or(0.0));
                case.spans.push((at(start), at(end)));
            }
            (Some("first_failure"), ..) => {
                case.first_failure = line["first_failure ".len()..].to_owned();
            }
            (Some("cannot"), ..) => {
                let why = &line["cannot ".len()..];
                case.cannot = Some(
                    case.cannot
                        .map_or(why.to_owned(), |end| format!("{why}; {end}")),
                );
            }
            _ => {}
        }
    }
    Ok(case)
}

/// What one case shares with its downloads: the failures and, with --timeline, their times.
struct Record {
    origin: Instant,
    failed: AtomicUsize,
    first_failure: Mutex<Option<String>>,
    spans: Option<Mutex<Vec<(Duration, Duration)>>>,
}

impl Record {
    fn download(&self, started: Instant, outcome: downloads::Result<usize>) {
        if let Err(error) = outcome {
            self.failed.fetch_add(1, SeqCst);
            let mut first = self
                .first_failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            first.get_or_insert_with(|| error.to_string());
        }
        if let Some(spans) = &self.spans {
            let span = (started - self.origin, self.origin.elapsed());
            spans
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(span);
        }
    }
}

/// In the child: runs one case and prints its report, a `name value` line per figure.
fn run_case(way: Way, server: &str, args: &Args) {
    let in_flight = args.in_flight[0] as usize;
    let pages = [format!("{server}/jython"), format!("{server}/dice")];
    let urls: Vec<&String> = pages
        .iter()
        .cycle()
        .take(in_flight * args.rounds as usize)
        .collect();
    let settings = ClientSettings::default();
    let record = Record {
        origin: Instant::now(),
        failed: AtomicUsize::new(0),
        first_failure: Mutex::new(None),
        spans: args.timeline.then(|| Mutex::new(Vec::new())),
    };
    let done = AtomicBool::new(false);
    let most_threads = AtomicUsize::new(0);
    let cannot = thread::scope(|scope| {
        // Counts this process's threads every few milliseconds, less itself.
        scope.spawn(|| {
            loop {
                if let Some(n) = status_figure("Threads:") {
                    most_threads.fetch_max(n as usize - 1, SeqCst);
                }
                if done.load(SeqCst) {
                    break;
                }
                thread::sleep(Duration::from_millis(5));
            }
        });
        let started = Instant::now();
        let cannot = match way {
            Way::Threads => with_threads(&urls, in_flight, settings, &record),
            Way::Async => with_async(&urls, in_flight, settings, &record),
        };
        println!("seconds {:.4}", started.elapsed().as_secs_f64());
        done.store(true, SeqCst);
        cannot
    });
    println!("failed {}", record.failed.load(SeqCst));
    if let Some(first) = record
        .first_failure
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        println!("first_failure {first}");
    }
    if let Some(kb) = status_figure("VmHWM:") {
        println!("peak_kb {kb}");
    }
    if cfg!(target_os = "linux") {
        println!("threads {}", most_threads.load(SeqCst));
    }
    if let Some(why) = cannot {
        println!("cannot {why}");
    }
    for (start, end) in record
        .spans
        .map(|spans| spans.into_inner().unwrap_or_else(PoisonError::into_inner))
        .unwrap_or_default()
    {
        println!("span {:.6} {:.6}", start.as_secs_f64(), end.as_secs_f64());
    }
}

/// A figure from /proc/self/status (Linux): `VmHWM:` is the peak resident memory in kB.
fn status_figure(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(name))?;
    line[name.len()..].split_whitespace().next()?.parse().ok()
}

// ANCHOR: threads
/// A pool of `workers` threads, a blocking client each, taking the next URL until none is left.
fn with_threads(
    urls: &[&String],
    workers: usize,
    settings: ClientSettings,
    record: &Record,
) -> Option<String> {
    let next = AtomicUsize::new(0);
    let without_client = AtomicUsize::new(0);
    let worker = || {
        // A blocking client starts a thread of its own, which may fail as the workers' can.
        let Ok(client) = settings.build() else {
            without_client.fetch_add(1, SeqCst);
            return;
        };
        while let Some(url) = urls.get(next.fetch_add(1, SeqCst)) {
            let started = Instant::now();
            let outcome = client
                .get(url.as_str())
                .send()
                .and_then(|response| response.error_for_status())
                .map_err(downloads::Error::from)
                .and_then(downloads::read_page)
                .map(|page| page.len());
            record.download(started, outcome);
        }
    };
    let not_started = thread::scope(|scope| {
        for index in 0..workers {
            if let Err(error) = thread::Builder::new().spawn_scoped(scope, worker) {
                return Some(format!(
                    "only {index} of {workers} threads could start ({error})"
                ));
            }
        }
        None
    });
    let left = urls.len().saturating_sub(next.into_inner());
    why_not_all(not_started, without_client.into_inner(), left)
}

// ANCHOR_END: threads

// ANCHOR: async
/// One thread, one async client, `in_flight` downloads at a time.
fn with_async(
    urls: &[&String],
    in_flight: usize,
    settings: ClientSettings,
    record: &Record,
) -> Option<String> {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return Some(format!("no runtime ({error})")),
    };
    let client = match settings.build_async() {
        Ok(client) => client,
        Err(error) => return Some(format!("no client ({error})")),
    };
    runtime.block_on(stream::iter(urls).for_each_concurrent(in_flight, |url| {
        let client = &client;
        async move {
            let started = Instant::now();
            let outcome = async {
                let response = client.get(url.as_str()).send().await?.error_for_status()?;
                Ok::<_, downloads::Error>(downloads::read_page_async(response).await?.len())
            };
            record.download(started, outcome.await);
        }
    }));
    None
}
// ANCHOR_END: async

/// What kept the threaded way from making every download, if anything did.
fn why_not_all(not_started: Option<String>, without_client: usize, left: usize) -> Option<String> {
    match (not_started, without_client) {
        (why, 0) if left == 0 => why,
        (why, clients) => Some(format!(
            "{}{clients} workers could not start their client's thread{}",
            why.map_or(String::new(), |why| format!("{why}; ")),
            if left > 0 {
                format!("; {left} downloads not made")
            } else {
                String::new()
            }
        )),
    }
}

/// Draws the downloads in flight over time, both ways, into the THREADING_TIMELINE_SVG file.
fn draw(drawn: &[(Way, Vec<(Duration, Duration)>)], args: &Args) -> io::Result<()> {
    let Some(path) = std::env::var_os(SVG_VARIABLE) else {
        eprintln!("--timeline draws into the file named by {SVG_VARIABLE}; it is not set");
        return Ok(());
    };
    let in_flight = args.in_flight.last().copied().unwrap_or(0);
    let series: Vec<(&str, &[(Duration, Duration)])> = drawn
        .iter()
        .map(|(way, spans)| (way.name(), spans.as_slice()))
        .collect();
    let title = format!(
        "Downloads in flight over time, at most {in_flight}: {} threads, and one thread with async",
        in_flight
    );
    std::fs::write(&path, timeline::render_in_flight_svg(&title, &series))
}
