use std::{cell::OnceCell, path::PathBuf, process::ExitCode, time::Instant};

use clap::{Parser, value_parser};
use rayon::prelude::*;
use reqwest::blocking::Client;
use support::{
    downloads::{self, ClientSettings, SiteArgs, Tally},
    timeline,
};

/// Download sites, threading version: a pool of worker threads downloads the pages, so their
/// waits overlap. Runs offline against a practice server.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// Worker threads in the pool (the tutorial's `max_workers`).
    #[arg(long, default_value_t = 5, value_parser = value_parser!(u16).range(1..=1000))]
    workers: u16,
    /// Share one client between all workers instead of one client per worker.
    #[arg(long)]
    shared_client: bool,
    /// After the run, draw when each download happened: one row per worker thread.
    #[arg(long, conflicts_with = "sweep")]
    timeline: bool,
    /// Run once per worker count, e.g. 1,2,5,10,20,50,100, and print a table of timings.
    #[arg(long, value_delimiter = ',', value_name = "COUNTS",
          value_parser = value_parser!(u16).range(1..=1000))]
    sweep: Vec<u16>,
    /// With --sweep: also write the table as CSV to this file when the sweep ends (an existing
    /// file is kept as .bak). Only an ordinary file is written: a folder, a pipe or a device such
    /// as /dev/stdout is refused.
    #[arg(long, requires = "sweep", value_name = "FILE")]
    csv: Option<PathBuf>,
}

// ANCHOR: lesson
thread_local! {
    // Python's `threading.local()`: each worker thread builds its own client on first use.
    static CLIENT: OnceCell<Client> = const { OnceCell::new() };
}

/// Which client a download uses. reqwest's `Client`, unlike `requests.Session`, is safe to share
/// between threads (`Send + Sync`, one connection pool behind it); --shared-client tries that.
#[derive(Clone, Copy)]
enum Clients<'a> {
    PerThread(ClientSettings),
    Shared(&'a Client),
}

impl Clients<'_> {
    fn get(self) -> Client {
        match self {
            // Building can only fail where the first client (built in `main`) already failed.
            Clients::PerThread(settings) => CLIENT.with(|client| {
                client
                    .get_or_init(|| settings.build().expect("client settings were checked"))
                    .clone()
            }),
            // A `Client` is a handle to shared state: cloning it is cheap.
            Clients::Shared(client) => client.clone(),
        }
    }
}

fn download_site(url: &str, client: &Client) -> downloads::Result<usize> {
    let response = client.get(url).send()?.error_for_status()?;
    let content = downloads::read_page(response)?; // stops past --max-page-bytes
    Ok(content.len())
}

fn download_all_sites(sites: &[String], workers: usize, clients: Clients<'_>, tally: &Tally) {
    // `ThreadPoolExecutor(max_workers=N)` + `map`. `with_max_len(1)` hands out one URL at a
    // time, so a worker that finishes early takes the next URL instead of idling.
    let executor = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .thread_name(|index| format!("worker {index}"))
        .build()
        .expect("the OS could not start the worker threads");
    executor.install(|| {
        sites.par_iter().with_max_len(1).for_each(|url| {
            tally.record(url, timeline::record(|| download_site(url, &clients.get())));
        });
    });
}

fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    if args.timeline {
        timeline::enable();
    }
    let sites = args.sites.sites()?;
    let settings = args.sites.client_settings(&sites);
    let shared = settings.build()?;
    let clients = if args.shared_client {
        Clients::Shared(&shared)
    } else {
        Clients::PerThread(settings)
    };

    if !args.sweep.is_empty() {
        let counts: Vec<usize> = args.sweep.iter().map(|&count| usize::from(count)).collect();
        return Ok(downloads::sweep(
            &counts,
            &sites,
            args.csv,
            |workers, tally| {
                download_all_sites(&sites.urls, workers, clients, tally);
            },
        )?);
    }
    let tally = Tally::new();
    let start_time = Instant::now();
    download_all_sites(&sites.urls, usize::from(args.workers), clients, &tally);
    let exit = tally.summary(start_time.elapsed());
    timeline::print(
        "Execution timing: one row per worker thread, time across, one bar per download",
    );
    Ok(exit)
}
// ANCHOR_END: lesson
