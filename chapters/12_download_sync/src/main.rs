use std::{process::ExitCode, time::Instant};

use clap::Parser;
use reqwest::blocking::Client;
use support::{
    downloads::{self, SiteArgs, Tally},
    timeline,
};

/// Download sites, synchronous version: one client downloads every page, one after another,
/// so the run takes about the sum of all the waits. Runs offline against a practice server.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// After the run, draw when each download happened: one row, the waits back to back.
    #[arg(long)]
    timeline: bool,
}

// ANCHOR: lesson
fn download_site(url: &str, client: &Client) -> downloads::Result<usize> {
    let response = client.get(url).send()?.error_for_status()?;
    let content = downloads::read_page(response)?; // stops past --max-page-bytes
    Ok(content.len())
}

fn download_all_sites(sites: &[String], client: &Client, tally: &Tally) {
    for url in sites {
        tally.record(url, timeline::record(|| download_site(url, client)));
    }
}

fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    if args.timeline {
        timeline::enable();
    }
    let sites = args.sites.sites()?;
    // One client for every request, like `requests.Session`: it keeps connections open.
    let client = args.sites.client_settings(&sites).build()?;

    let tally = Tally::new();
    let start_time = Instant::now();
    download_all_sites(&sites.urls, &client, &tally);
    let exit = tally.summary(start_time.elapsed());
    timeline::print("Execution timing: one row per thread, time across, one bar per download");
    Ok(exit)
}
// ANCHOR_END: lesson
