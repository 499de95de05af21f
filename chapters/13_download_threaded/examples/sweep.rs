//! How far do more workers help? The threaded download, timed once per worker count, with the
//! speed-up over one worker, the share of the ideal time, and how many requests the practice
//! server saw in flight at once.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, value_parser};
use rayon::prelude::*;
use reqwest::blocking::Client;
use support::downloads::{self, SiteArgs, Tally};

/// The threaded download timed for each worker count, as a table (and a CSV file).
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// The worker counts to time, e.g. 1,2,5,10,20,50,100 (one worker is always added).
    #[arg(long, value_delimiter = ',', value_name = "COUNTS", default_value = "1,2,5,10,20,50,100",
          value_parser = value_parser!(u16).range(1..=1000))]
    workers: Vec<u16>,
    /// Also write the table as CSV to this file when the sweep ends (an existing file is kept as
    /// .bak). Only an ordinary file is written: a folder, a pipe or a device such as /dev/stdout
    /// is refused.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
}

fn download_site(url: &str, client: &Client) -> downloads::Result<usize> {
    let response = client.get(url).send()?.error_for_status()?;
    let content = downloads::read_page(response)?; // stops past --max-page-bytes
    Ok(content.len())
}

// ANCHOR: example
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

fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    let sites = args.sites.sites()?;
    let client = args.sites.client_settings(&sites).build()?;
    let counts: Vec<usize> = args.workers.iter().map(|&n| usize::from(n)).collect();
    Ok(downloads::sweep(
        &counts,
        &sites,
        args.csv,
        |workers, tally| {
            download_all_sites(&sites.urls, workers, &client, tally);
        },
    )?)
}
// ANCHOR_END: example
