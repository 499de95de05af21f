//! `cargo xtask bench`, download_async's part: its compare example (a child process per case,
//! see `support::compare`) at 1 s latency against the practice server and against nginx, with
//! Python's aiohttp beside it, and at 50 ms latency for how far each way scales.

use std::{
    fs,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    thread,
    time::Duration,
};

use anyhow::{Context, Result, bail};

/// One row of the compare example's table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    pub(crate) in_flight: u32,
    pub(crate) way: String,
    pub(crate) seconds: Option<f64>,
    /// The share of the ideal in percent: none when a download failed.
    pub(crate) percent: Option<f64>,
    pub(crate) peak_mb: Option<f64>,
    /// The client's processor time per download, in microseconds.
    pub(crate) cpu_us: Option<f64>,
    pub(crate) connections: Option<usize>,
    /// What the row says after its figures: failures, threads that could not start.
    pub(crate) note: String,
}

/// Reads a row of the table; `None` for any other line.
pub(crate) fn parse_row(line: &str) -> Option<Row> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let in_flight = words.first()?.parse().ok()?;
    let way = (*words.get(1)?).to_owned();
    if !["threads", "async", "aiohttp"].contains(&way.as_str()) || words.len() < 9 {
        return None;
    }
    let figure = |index: usize| {
        words
            .get(index)
            .and_then(|word| word.trim_end_matches('%').parse::<f64>().ok())
    };
    Some(Row {
        in_flight,
        way,
        seconds: figure(2),
        percent: figure(3),
        peak_mb: figure(4),
        cpu_us: figure(5),
        connections: figure(7).map(|n| n as usize),
        note: words[9..].join(" "),
    })
}

/// The latency of the main cases, and the rounds: in-flight × 4 downloads, ideal 4.0 s.
const LATENCY_MS: &str = "1000";
const ROUNDS: &str = "4";

/// Runs the benchmark; returns how many targets were missed.
pub(crate) fn bench_download_async(runs: u32) -> Result<usize> {
    let binary = escargot::CargoBuild::new()
        .package("download_async")
        .example("compare")
        .release()
        .run()
        .context("could not build download_async --example compare in release mode")?;
    let compare = |args: &[&str]| -> Result<Vec<Row>> {
        // The example exits 1 when a case failed; its rows say which and why.
        let output = binary
            .command()
            .args(args)
            .stderr(Stdio::inherit())
            .output()?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        for line in stdout.lines().filter(|line| !line.starts_with("in flight")) {
            if parse_row(line).is_none() && !line.starts_with("CPU µs") {
                println!("  {line}"); // the header, or a line on Python or the server
            }
        }
        Ok(stdout.lines().filter_map(parse_row).collect())
    };
    let mut missed = 0;

    println!(
        "\ndownload_async --example compare, {LATENCY_MS} ms latency, {ROUNDS} rounds (ideal 4.0 s), \
         the practice server; {runs} runs:"
    );
    let mut rows = Vec::new();
    for _ in 0..runs {
        rows.extend(compare(&[
            "--latency-ms",
            LATENCY_MS,
            "--rounds",
            ROUNDS,
            "--in-flight",
            "1000,5000",
            "--compare-python",
        ])?);
    }
    missed += report(&rows, &["threads", "async", "aiohttp"]);

    match Nginx::start()? {
        Ok(nginx) => {
            println!(
                "\nThe same against nginx {} (an independent HTTP/1.1 server that keeps \
                 connections alive; its echo module's echo_sleep waits 1 s before each page); \
                 {runs} runs:",
                nginx.version
            );
            let mut rows = Vec::new();
            for _ in 0..runs {
                rows.extend(compare(&[
                    "--server",
                    &nginx.url,
                    "--ways",
                    "async",
                    "--latency-ms",
                    LATENCY_MS,
                    "--rounds",
                    ROUNDS,
                    "--in-flight",
                    "1000,5000",
                    "--compare-python",
                ])?);
            }
            missed += report(&rows, &["async", "aiohttp"]);
        }
        Err(why) => println!("\nnginx: skipped ({why})"),
    }

    println!(
        "\nAt 50 ms latency (ideal 0.20 s), the most downloads in flight that still reach 90 % \
         of the ideal (median of {runs} runs):"
    );
    let counts = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
    let list = counts.map(|count: u32| count.to_string()).join(",");
    let mut rows = Vec::new();
    for _ in 0..runs {
        rows.extend(compare(&["--latency-ms", "50", "--in-flight", &list])?);
    }
    for way in ["threads", "async"] {
        let reached: Vec<(u32, f64)> = counts
            .iter()
            .filter_map(|&count| Some((count, median(&rows, way, count, |row| row.percent)?)))
            .collect();
        let shares = reached
            .iter()
            .map(|(count, percent)| format!("{count}: {percent:.1}%"))
            .collect::<Vec<_>>()
            .join(", ");
        match reached.iter().rev().find(|(_, percent)| *percent >= 90.0) {
            Some((count, _)) => println!("{way:<8} up to {count} ({shares})"),
            None => println!("{way:<8} at none of them ({shares})"),
        }
    }
    Ok(missed)
}

/// The median of one figure over the rows of one way at one count.
fn median(
    rows: &[Row],
    way: &str,
    in_flight: u32,
    figure: impl Fn(&Row) -> Option<f64>,
) -> Option<f64> {
    let mut figures: Vec<f64> = rows
        .iter()
        .filter(|row| row.way == way && row.in_flight == in_flight)
        .filter_map(figure)
        .collect();
    figures.sort_by(f64::total_cmp);
    figures.get(figures.len() / 2).copied()
}

/// Prints every run's rows, then checks the targets: async at 5,000 in flight reaches 95 % of
/// the ideal in at most 100 MB with no more connections than downloads in flight, and beats
/// aiohttp on time and memory at 1,000 and 5,000. Returns how many were missed.
fn report(rows: &[Row], ways: &[&str]) -> usize {
    println!(
        "{:>9} {:<8} {:>26} {:>22} {:>20} {:>14} {:>18}",
        "in flight", "way", "seconds", "of ideal", "peak MB", "CPU µs", "connections"
    );
    for in_flight in [1000, 5000] {
        for way in ways {
            let mine: Vec<&Row> = rows
                .iter()
                .filter(|row| row.way == *way && row.in_flight == in_flight)
                .collect();
            let column = |figure: fn(&Row) -> Option<f64>, decimals: usize| {
                mine.iter()
                    .map(|row| figure(row).map_or("-".to_owned(), |x| format!("{x:.decimals$}")))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            println!(
                "{in_flight:>9} {way:<8} {:>26} {:>22} {:>20} {:>14} {:>18}",
                column(|row| row.seconds, 3),
                column(|row| row.percent, 1),
                column(|row| row.peak_mb, 1),
                column(|row| row.cpu_us, 0),
                column(|row| row.connections.map(|n| n as f64), 0),
            );
            for row in mine.iter().filter(|row| !row.note.is_empty()) {
                println!("{:>18} {}", "", row.note);
            }
        }
    }
    let mut missed = 0;
    let mut check = |what: String, ok: bool| {
        println!("{what}: {}", if ok { "ok" } else { "MISSED" });
        missed += usize::from(!ok);
    };
    let percent = median(rows, "async", 5000, |row| row.percent);
    let peak = median(rows, "async", 5000, |row| row.peak_mb);
    let most_connections = rows
        .iter()
        .filter(|row| row.way == "async" && row.in_flight == 5000)
        .filter_map(|row| row.connections)
        .max();
    check(
        format!(
            "async at 5000: median {} of the ideal (target 95 %), {} MB (target at most 100)",
            percent.map_or("-".to_owned(), |p| format!("{p:.1} %")),
            peak.map_or("-".to_owned(), |p| format!("{p:.1}")),
        ),
        percent.is_some_and(|p| p >= 95.0) && peak.is_some_and(|p| p <= 100.0),
    );
    match most_connections {
        Some(most) => check(
            format!("async at 5000: at most {most} connections opened (target 5000)"),
            most <= 5000,
        ),
        None => println!("async at 5000: connections not counted by this server"),
    }
    if ways.contains(&"aiohttp") && rows.iter().any(|row| row.way == "aiohttp") {
        for in_flight in [1000, 5000] {
            let figures = |way| {
                median(rows, way, in_flight, |row| {
                    row.seconds.filter(|_| row.percent.is_some())
                })
                .zip(median(rows, way, in_flight, |row| row.peak_mb))
            };
            match (figures("async"), figures("aiohttp")) {
                (Some((seconds, peak)), Some((python_seconds, python_peak))) => check(
                    format!(
                        "async ahead of aiohttp at {in_flight}: {seconds:.3} s against \
                         {python_seconds:.3} s, {peak:.1} MB against {python_peak:.1} MB"
                    ),
                    seconds < python_seconds && peak < python_peak,
                ),
                _ => check(
                    format!("async against aiohttp at {in_flight}: a case failed"),
                    false,
                ),
            }
        }
    }
    missed
}

/// nginx serving the practice server's two pages after 1 s each, in a folder of its own, on a
/// free port: one process (`master_process off`), ended when dropped.
struct Nginx {
    url: String,
    version: String,
    child: Child,
    folder: PathBuf,
}

/// Where Debian's libnginx-mod-http-echo puts the module with `echo_sleep`.
const ECHO_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_echo_module.so";

impl Nginx {
    /// Starts nginx, or says why it cannot: not installed, or without its echo module.
    fn start() -> Result<Result<Nginx, String>> {
        let version = match Command::new("nginx").arg("-v").output() {
            Ok(output) => String::from_utf8_lossy(&output.stderr)
                .trim()
                .trim_start_matches("nginx version: nginx/")
                .to_owned(),
            Err(_) => {
                return Ok(Err(
                    "no nginx on the PATH: `apt-get install nginx libnginx-mod-http-echo`".into(),
                ));
            }
        };
        if !Path::new(ECHO_MODULE).exists() {
            return Ok(Err(format!(
                "no {ECHO_MODULE}, for the 1 s delay: `apt-get install libnginx-mod-http-echo`"
            )));
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let folder =
            std::env::temp_dir().join(format!("threading-bench-nginx-{}", std::process::id()));
        fs::create_dir_all(folder.join("html"))?;
        fs::write(folder.join("html/jython.html"), page(10_966))?;
        fs::write(folder.join("html/dice.html"), page(276))?;
        let dir = folder.display();
        let config = format!(
            "load_module {ECHO_MODULE};
master_process off;
daemon off;
worker_rlimit_nofile 30000;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 25000; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  keepalive_requests 100000;
  server {{
    listen 127.0.0.1:{port} backlog=8192;
    root {dir}/html;
    location = /jython {{ echo_sleep 1; echo_exec /jython.html; }}
    location = /dice {{ echo_sleep 1; echo_exec /dice.html; }}
    location = /nginx_status {{ stub_status; }}
  }}
}}
"
        );
        fs::write(folder.join("nginx.conf"), config)?;
        let child = Command::new("nginx")
            .arg("-p")
            .arg(&folder)
            .arg("-c")
            .arg(folder.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start nginx")?;
        let mut nginx = Nginx {
            url: format!("http://127.0.0.1:{port}"),
            version,
            child,
            folder,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(Ok(nginx));
            }
            if let Some(status) = nginx.child.try_wait()? {
                let log = fs::read_to_string(nginx.folder.join("error.log")).unwrap_or_default();
                bail!("nginx stopped at once ({status}): {log}");
            }
            thread::sleep(Duration::from_millis(50));
        }
        bail!("nginx did not listen on port {port} within 5 s")
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        fs::remove_dir_all(&self.folder).ok();
    }
}

/// An HTML page of exactly `bytes` bytes, like the practice server's.
fn page(bytes: usize) -> String {
    let head = "<!DOCTYPE html><html><head><title>Practice page</title></head><body><p>";
    let tail = "</p></body></html>\n";
    let text: String = "threads take turns. "
        .chars()
        .cycle()
        .take(bytes - head.len() - tail.len())
        .collect();
    format!("{head}{text}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_with_failures_has_no_share_of_the_ideal() {
        let row = parse_row(
            "     5000 threads    4.382        -    632.0     250    9001        5000      5000  \
             8146 of 20000 downloads failed: could not connect (Too many open files)",
        )
        .unwrap();
        assert_eq!(row.percent, None);
        assert_eq!(row.seconds, Some(4.382));
        assert!(
            row.note.starts_with("8146 of 20000 downloads failed"),
            "{row:?}"
        );
        let row = parse_row(
            "     1000 async      4.272    93.6%     44.6      65       1        1000      1000",
        )
        .unwrap();
        assert_eq!(
            (row.percent, row.connections, row.cpu_us),
            (Some(93.6), Some(1000), Some(65.0))
        );
        assert_eq!(page(276).len(), 276);
    }
}
