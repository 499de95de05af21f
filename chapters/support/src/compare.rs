//! The measuring behind download_async's `compare` example: each case (a way of downloading at
//! one in-flight count) runs in a child process of its own, so that its peak memory, processor
//! time and threads are its own; the server runs in the parent, out of the measured process,
//! and counts the connections each case opens. The example itself holds only the two ways.

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

use crate::{
    downloads::{self, ClientSettings},
    server::PracticeServer,
    timeline::{self, SVG_VARIABLE},
};

/// Threads against async (and, with --compare-python, Python's aiohttp) at each number of
/// downloads in flight: time, share of the ideal, peak memory, processor time per download,
/// threads and connections, each case measured in a process of its own.
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
    /// Download from this server instead of the practice server: URL/jython and URL/dice, which
    /// it must answer after --latency-ms. Its connections are counted if URL/nginx_status is an
    /// nginx stub_status page.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// The ways to measure.
    #[arg(long, value_delimiter = ',', default_value = "threads,async")]
    ways: Vec<Way>,
    /// Also run each case with Python's aiohttp: one ClientSession whose TCPConnector is
    /// limited to the downloads in flight (needs python3 with aiohttp).
    #[arg(long)]
    compare_python: bool,
    /// Draw the downloads in flight over time, for threads and async at the last in-flight
    /// count, into the SVG file named by the THREADING_TIMELINE_SVG environment variable.
    #[arg(long)]
    timeline: bool,
    /// Give up on a case after this many seconds.
    #[arg(long, default_value_t = 120)]
    case_timeout: u64,
    /// Run one case, in this process (what the parent asks of each child).
    #[arg(long, hide = true, requires = "pages")]
    case: Option<Way>,
    /// The base URL of the pages, for --case.
    #[arg(long, hide = true)]
    pages: Option<String>,
}

/// A way of downloading.
#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Way {
    Threads,
    Async,
    /// Python's aiohttp, run by --compare-python.
    #[value(skip)]
    Aiohttp,
}

impl Way {
    fn name(self) -> &'static str {
        match self {
            Way::Threads => "threads",
            Way::Async => "async",
            Way::Aiohttp => "aiohttp",
        }
    }
}

/// One way of making a case's downloads: returns why it could not make them all, if so.
pub type WayFn = fn(&Case) -> Option<String>;

/// The downloads of one case, as a child process makes them, and what it records of each.
pub struct Case {
    /// Every download to make, in order.
    pub urls: Vec<String>,
    /// How many may be in flight at once.
    pub in_flight: usize,
    /// The client settings to use (the defaults, for plain HTTP).
    pub settings: ClientSettings,
    origin: Instant,
    failed: AtomicUsize,
    first_failure: Mutex<Option<String>>,
    spans: Option<Mutex<Vec<(Duration, Duration)>>>,
}

impl Case {
    /// Records one download, started at `started`: its failure, if any, and its time span.
    pub fn record(&self, started: Instant, outcome: downloads::Result<usize>) {
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

/// The compare example's `main`: with `--case`, runs one case here with `threads` or
/// `with_async`; otherwise runs every case in a child process and prints the table.
pub fn main(threads: WayFn, with_async: WayFn) -> crate::Result<ExitCode> {
    let args = Args::parse();
    let open_files = downloads::raise_open_files_limit();
    if let (Some(way), Some(pages)) = (args.case, &args.pages) {
        let run = if way == Way::Threads {
            threads
        } else {
            with_async
        };
        run_case(run, pages, &args);
        return Ok(ExitCode::SUCCESS);
    }
    let latency = Duration::from_millis(args.latency_ms);
    let practice = match &args.server {
        Some(_) => None,
        None => Some(PracticeServer::start(latency)?),
    };
    let pages = match (&args.server, &practice) {
        (Some(url), _) => url.trim_end_matches('/').to_owned(),
        (None, Some(server)) => server.url(""),
        (None, None) => unreachable!("a practice server starts without --server"),
    };
    let server = Server {
        practice: practice.as_ref(),
        status: args
            .server
            .as_ref()
            .map(|_| format!("{pages}/nginx_status")),
    };
    let python = if args.compare_python {
        match python::check() {
            Ok(()) => true,
            Err(why) => {
                println!("{why}");
                false
            }
        }
    } else {
        false
    };
    let ideal = latency.as_secs_f64() * f64::from(args.rounds);
    let limit = open_files.map_or("no".to_owned(), |limit| limit.to_string());
    println!(
        "{} ms latency, {} rounds of the in-flight count of downloads per case (ideal {ideal:.2} s); \
         each case in a process of its own, the server {}; open-files limit {limit} per process.",
        args.latency_ms,
        args.rounds,
        if practice.is_some() {
            "in this one"
        } else {
            "at --server"
        },
    );
    println!(
        "{:>9} {:<8} {:>7} {:>8} {:>8} {:>7} {:>7} {:>11} {:>9}",
        "in flight",
        "way",
        "seconds",
        "of ideal",
        "peak MB",
        "CPU µs",
        "threads",
        "connections",
        "at server"
    );
    let mut ways = args.ways.clone();
    if python {
        ways.push(Way::Aiohttp);
    }
    let mut any_failed = false;
    let mut drawn = Vec::new();
    for &in_flight in &args.in_flight {
        for &way in &ways {
            let before = server.connections();
            if let Some(practice) = server.practice {
                practice.reset_most_in_flight();
            }
            let report = match child(way, in_flight, &pages, &args) {
                Ok(report) => report,
                Err(error) => Report::cannot(format!("the case failed: {error}")),
            };
            let connections = server.connections().zip(before).map(|(now, then)| {
                // An nginx status page counts its own request too.
                now - then - usize::from(server.status.is_some())
            });
            let at_server = server.practice.map(PracticeServer::most_in_flight);
            let downloads = (in_flight * args.rounds) as usize;
            println!(
                "{}",
                row(
                    in_flight,
                    way,
                    &report,
                    downloads,
                    ideal,
                    connections,
                    at_server
                )
            );
            any_failed |= report.failed > 0;
            if Some(&in_flight) == args.in_flight.last() && way != Way::Aiohttp {
                drawn.push((way, report.spans));
            }
        }
    }
    println!(
        "CPU µs: the client's processor time (user + system) per download, where it took 0.1 s \
         or more. Connections: opened during the case, counted at the server."
    );
    if args.timeline {
        draw(&drawn, &args)?;
    }
    Ok(if any_failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The server the cases download from, and how to count the connections opened to it.
struct Server<'a> {
    practice: Option<&'a PracticeServer>,
    /// An nginx stub_status page, for a server given with --server.
    status: Option<String>,
}

impl Server<'_> {
    /// How many connections the server has accepted so far, if it can tell.
    fn connections(&self) -> Option<usize> {
        if let Some(practice) = self.practice {
            return Some(practice.connections());
        }
        let text = reqwest::blocking::get(self.status.as_deref()?)
            .ok()?
            .text()
            .ok()?;
        // "server accepts handled requests", then the three numbers on the next line.
        let mut lines = text.lines().skip_while(|line| !line.contains("accepts"));
        lines.nth(1)?.split_whitespace().next()?.parse().ok()
    }
}

/// One row of the table. A case whose downloads failed shows no share of the ideal: its time
/// is not that of the downloads it was asked for. It says how many failed, and why.
fn row(
    in_flight: u32,
    way: Way,
    report: &Report,
    downloads: usize,
    ideal: f64,
    connections: Option<usize>,
    at_server: Option<usize>,
) -> String {
    let or_dash = |figure: Option<String>| figure.unwrap_or_else(|| "-".to_owned());
    let of_ideal = report
        .seconds
        .filter(|_| report.failed == 0 && report.cannot.is_none())
        .map(|seconds| format!("{:.1}%", 100.0 * ideal / seconds));
    // Counted in ticks of 10 ms: a total under 0.1 s would be a guess.
    let cpu = report
        .cpu_seconds
        .filter(|&cpu| cpu >= 0.1)
        .map(|cpu| format!("{:.0}", 1e6 * cpu / downloads as f64));
    let mut line = format!(
        "{in_flight:>9} {:<8} {:>7} {:>8} {:>8} {:>7} {:>7} {:>11} {:>9}",
        way.name(),
        or_dash(report.seconds.map(|seconds| format!("{seconds:.3}"))),
        or_dash(of_ideal),
        or_dash(
            report
                .peak_kb
                .map(|kb| format!("{:.1}", kb as f64 / 1000.0))
        ),
        or_dash(cpu),
        or_dash(report.threads.map(|n| n.to_string())),
        or_dash(connections.map(|n| n.to_string())),
        or_dash(at_server.map(|n| n.to_string())),
    );
    if let Some(why) = &report.cannot {
        line += &format!("  {why}");
    }
    if report.failed > 0 {
        line += &format!(
            "  {} of {downloads} downloads failed: {}",
            report.failed, report.first_failure
        );
        if report.first_failure.contains("Too many open files") {
            line += " (raise the hard open-files limit: `ulimit -Hn`, as root)";
        }
    }
    line
}

/// What a child reported about its case.
#[derive(Default)]
struct Report {
    seconds: Option<f64>,
    failed: usize,
    first_failure: String,
    peak_kb: Option<u64>,
    cpu_seconds: Option<f64>,
    threads: Option<usize>,
    /// Why it ran with fewer threads than asked, or not at all.
    cannot: Option<String>,
    spans: Vec<(Duration, Duration)>,
}

impl Report {
    fn cannot(why: String) -> Report {
        Report {
            cannot: Some(why),
            ..Report::default()
        }
    }
}

/// Runs one case in a child process (this program again with --case, or python3 for aiohttp)
/// and reads its report: a `name value` line per figure.
fn child(way: Way, in_flight: u32, pages: &str, args: &Args) -> io::Result<Report> {
    let mut command = if way == Way::Aiohttp {
        python::command(pages, in_flight, args.rounds)
    } else {
        let mut command = Command::new(std::env::current_exe()?);
        command
            .args(["--case", way.name(), "--pages", pages])
            .args(["--in-flight", &in_flight.to_string()])
            .args(["--rounds", &args.rounds.to_string()]);
        if args.timeline {
            command.arg("--timeline");
        }
        command
    };
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
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
            return Ok(Report::cannot(format!(
                "did not finish within {} s (--case-timeout)",
                args.case_timeout
            )));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut report = Report::default();
    if !status.success() {
        // Out of memory, say, with thousands of threads: the row says so.
        report.cannot = Some(format!("the case stopped before the end ({status})"));
    }
    for line in reader.join().expect("the reader does not panic") {
        let line = line?;
        let (name, value) = line.split_once(' ').unwrap_or((&line, ""));
        match name {
            "seconds" => report.seconds = value.parse().ok(),
            "failed" => report.failed = value.parse().unwrap_or(0),
            "first_failure" => report.first_failure = value.to_owned(),
            "peak_kb" => report.peak_kb = value.parse().ok(),
            "cpu_seconds" => report.cpu_seconds = value.parse().ok(),
            "threads" => report.threads = value.parse().ok(),
            "span" => {
                let at = |text: &str| Duration::from_secs_f64(text.parse().unwrap_or(0.0));
                if let Some((start, end)) = value.split_once(' ') {
                    report.spans.push((at(start), at(end)));
                }
            }
            "cannot" => {
                report.cannot = Some(match report.cannot {
                    Some(end) => format!("{value}; {end}"),
                    None => value.to_owned(),
                });
            }
            _ => {}
        }
    }
    Ok(report)
}

/// In the child: runs one case and prints its report, a `name value` line per figure.
fn run_case(way: WayFn, pages: &str, args: &Args) {
    let in_flight = args.in_flight[0] as usize;
    let pages = [format!("{pages}/jython"), format!("{pages}/dice")];
    let case = Case {
        urls: pages
            .iter()
            .cycle()
            .take(in_flight * args.rounds as usize)
            .cloned()
            .collect(),
        in_flight,
        settings: ClientSettings::default(),
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
        let (started, cpu_before) = (Instant::now(), cpu_seconds());
        let cannot = way(&case);
        println!("seconds {:.4}", started.elapsed().as_secs_f64());
        if let Some((after, before)) = cpu_seconds().zip(cpu_before) {
            println!("cpu_seconds {:.3}", after - before);
        }
        done.store(true, SeqCst);
        cannot
    });
    println!("failed {}", case.failed.load(SeqCst));
    if let Some(first) = case
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
    for (start, end) in case
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

/// This process's processor time so far, user and system, from /proc/self/stat (Linux), in
/// seconds: every thread's, those that ended too.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command's name (which may hold spaces, within parentheses):
    // utime and stime are the 14th and 15th of the whole line, in clock ticks of 1/100 s.
    let after_name = stat.rsplit_once(')')?.1;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

/// What kept the threaded way from making every download, if anything did: threads or their
/// clients' threads that could not start, and the downloads left unmade.
pub fn why_not_all(
    not_started: Option<String>,
    without_client: usize,
    left: usize,
) -> Option<String> {
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
        "Downloads in flight over time, at most {in_flight}: {in_flight} threads, and one thread with async"
    );
    std::fs::write(&path, timeline::render_in_flight_svg(&title, &series))
}

/// `--compare-python`: the same case with Python's aiohttp, the asyncio client a Python
/// programmer would pick. Python is never needed otherwise.
mod python {
    use std::process::Command;

    /// The tutorial's asyncio version, reading each page whole as `response.read()` does, with
    /// one `ClientSession` whose connector holds at most `in_flight` connections. It prints the
    /// same `name value` lines as a Rust case.
    const SCRIPT: &str = r#"
import asyncio, resource, sys, time
import aiohttp

async def download_site(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())

async def download_all_sites(sites, in_flight):
    connector = aiohttp.TCPConnector(limit=in_flight)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [download_site(session, url) for url in sites]
        return await asyncio.gather(*tasks, return_exceptions=True)

pages, in_flight, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sites = [pages + ("/jython", "/dice")[i % 2] for i in range(in_flight * rounds)]
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
outcomes = asyncio.run(download_all_sites(sites, in_flight))
print("seconds", time.perf_counter() - start)
failures = [o for o in outcomes if isinstance(o, BaseException)]
print("failed", len(failures))
if failures:
    print("first_failure", repr(failures[0]))
usage = resource.getrusage(resource.RUSAGE_SELF)
print("peak_kb", usage.ru_maxrss)
cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
print("cpu_seconds", cpu)
print("threads", 1)
"#;

    /// Whether python3 with aiohttp can run, or the line that says why not and what to do.
    pub(super) fn check() -> Result<(), String> {
        match Command::new("python3")
            .args(["-c", "import aiohttp"])
            .output()
        {
            Ok(output) if output.status.success() => Ok(()),
            Ok(_) => Err(
                "aiohttp is not installed for python3 (`pip install aiohttp`); skipped the Python comparison"
                    .to_owned(),
            ),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Err("python3 is not on the PATH; skipped the Python comparison".to_owned())
            }
            Err(error) => Err(format!(
                "cannot run python3 ({error}); skipped the Python comparison"
            )),
        }
    }

    /// The command that runs one case with aiohttp.
    pub(super) fn command(pages: &str, in_flight: u32, rounds: u32) -> Command {
        let mut command = Command::new("python3");
        command
            .args(["-c", SCRIPT, pages])
            .args([in_flight.to_string(), rounds.to_string()]);
        command
    }
}
