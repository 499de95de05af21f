use std::{cell::OnceCell, process::ExitCode, time::Instant};

use clap::{Parser, value_parser};
use rayon::prelude::*;
use reqwest::blocking::Client;
use support::{
    downloads::{self, ClientSettings, SiteArgs, Tally},
    timeline,
};

/// Download sites, threading version: a pool of worker threads downloads the pages, so their
/// waits overlap. Runs offline against a practice server.
///
/// More in the examples: shared_client (one client for every worker), sweep (the run timed for
/// many worker counts): `cargo run -p download_threaded --example NAME`.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// Worker threads in the pool (the tutorial's `max_workers`).
    #[arg(long, default_value_t = 5, value_parser = value_parser!(u16).range(1..=1000))]
    workers: u16,
    /// After the run, draw when each download happened: one row per worker thread.
    #[arg(long)]
    timeline: bool,
}

// ANCHOR: lesson
// ANCHOR: download_site
thread_local! {
    // Python's `threading.local()`: each worker thread builds its own client on first use.
    static CLIENT: OnceCell<Client> = const { OnceCell::new() };
}

fn download_site(url: &str, settings: ClientSettings) -> downloads::Result<usize> {
    // Building fails only where the first client, built in `main`, failed already.
    let client = CLIENT.with(|client| {
        let client = client.get_or_init(|| settings.build().expect("settings were checked"));
        client.clone() // a handle to the client's connection pool: cheap to clone
    });
    let response = client.get(url).send()?.error_for_status()?;
    let content = downloads::read_page(response)?; // stops past --max-page-bytes
    Ok(content.len())
}
// ANCHOR_END: download_site

// ANCHOR: download_all_sites
fn download_all_sites(sites: &[String], workers: usize, settings: ClientSettings, tally: &Tally) {
    // `ThreadPoolExecutor(max_workers=N)` + `map`. `with_max_len(1)` hands out one URL at a
    // time, so a worker that finishes early takes the next URL instead of idling.
    let executor = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .thread_name(|index| format!("worker {index}"))
        .build()
        .expect("the OS could not start the worker threads");
    executor.install(|| {
        sites.par_iter().with_max_len(1).for_each(|url| {
            tally.record(url, timeline::record(|| download_site(url, settings)));
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
    settings.build()?; // a bad setting fails here, once, not in every worker

    let tally = Tally::new();
    let start_time = Instant::now();
    download_all_sites(&sites.urls, usize::from(args.workers), settings, &tally);
    let exit = tally.summary(start_time.elapsed());
    timeline::print(
        "Execution timing: one row per worker thread, time across, one bar per download",
    );
    Ok(exit)
}
// ANCHOR_END: download_all_sites
// ANCHOR_END: lesson
