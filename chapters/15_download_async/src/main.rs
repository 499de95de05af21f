use std::{process::ExitCode, time::Instant};

use clap::{Parser, value_parser};
use futures::stream::{self, StreamExt};
use reqwest::Client;
use support::downloads::{self, SiteArgs, Tally};

/// Download sites, async version: one thread keeps many downloads in flight, each a future
/// that waits without holding a thread, offline against a practice server. Against threads:
/// `cargo run --release -p download_async --example compare`.
#[derive(Parser)]
#[command(version)]
struct Args {
    #[command(flatten)]
    sites: SiteArgs,
    /// Downloads in flight at once (the threaded chapter's --workers, without the threads).
    #[arg(long, default_value_t = 5, value_parser = value_parser!(u16).range(1..=10_000))]
    concurrency: u16,
}

// ANCHOR: lesson
async fn download_site(url: &str, client: &Client) -> downloads::Result<usize> {
    // Each `.await` is a point where this download waits and the thread runs another one.
    let mut response = client.get(url).send().await?.error_for_status()?;
    // Count the page chunk by chunk as it arrives, and let each chunk go: no page held whole.
    let mut size = 0;
    while let Some(chunk) = response.chunk().await? {
        size = downloads::within_limit(size + chunk.len())?; // stops past --max-page-bytes
    }
    // The connection goes back to the pool in a task of its own, queued as the page ended:
    // let it run first, or the next download finds none free and opens one connection more.
    tokio::spawn(async {}).await.ok();
    Ok(size)
}

async fn download_all_sites(sites: &[String], concurrency: usize, client: &Client, tally: &Tally) {
    // Python's `asyncio.gather` over every download, at most `concurrency` of them at a time:
    // this one future polls them all, on one thread, and starts the next as one finishes.
    stream::iter(sites)
        .for_each_concurrent(concurrency, |url| async move {
            tally.record(url, download_site(url, client).await);
        })
        .await;
}

// `asyncio.run(main())`: a runtime on this one thread, like Python's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() -> support::Result<ExitCode> {
    let args = Args::parse();
    downloads::raise_open_files_limit(); // a connection per download in flight
    let sites = args.sites.sites()?;
    let in_flight = usize::from(args.concurrency);
    // One client for every download, its connections shared; it runs on the runtime above.
    let client = args.sites.client_settings(&sites).build_async(in_flight)?;
    let tally = Tally::new();
    let start_time = Instant::now();
    download_all_sites(&sites.urls, in_flight, &client, &tally).await;
    Ok(tally.summary(start_time.elapsed()))
}
// ANCHOR_END: lesson
