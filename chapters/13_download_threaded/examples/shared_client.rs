//! One client shared by every worker, instead of one per worker. Python's `requests.Session` is
//! not safe to share between threads; reqwest's `Client` is (`Send + Sync`, one connection pool
//! behind a handle), so the thread-local is not needed in Rust. Compare the two runs' times.

use std::{process::ExitCode, time::Instant};

use clap::{Parser, value_parser};
use rayon::prelude::*;
use reqwest::blocking::Client;
use support::downloads::{self, SiteArgs, Tally};

/// The threaded download, with one client shared by all the workers.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// Worker threads in the pool.
    #[arg(long, default_value_t = 5, value_parser = value_parser!(u16).range(1..=1000))]
    workers: u16,
}

// ANCHOR: example
fn download_site(url: &str, client: &Client) -> downloads::Result<usize> {
    let response = client.get(url).send()?.error_for_status()?;
    let content = downloads::read_page(response)?; // stops past --max-page-bytes
    Ok(content.len())
}

fn download_all_sites(sites: &[String], workers: usize, client: &Client, tally: &Tally) {
    let executor = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("the OS could not start the worker threads");
    executor.install(|| {
        sites.par_iter().with_max_len(1).for_each(|url| {
            tally.record(url, download_site(url, client));
        });
    });
}
// ANCHOR_END: example

fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    let sites = args.sites.sites()?;
    let client = args.sites.client_settings(&sites).build()?;
    let tally = Tally::new();
    let start_time = Instant::now();
    download_all_sites(&sites.urls, usize::from(args.workers), &client, &tally);
    Ok(tally.summary(start_time.elapsed()))
}
