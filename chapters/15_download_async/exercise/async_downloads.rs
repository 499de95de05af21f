//! Exercise `async_downloads` (chapter download_async)
//!
//! This downloader is meant to keep `concurrency` downloads in flight at once, and it is polite:
//! before each request it pauses for `pause`. A download is in flight from sending its request
//! until its answer is read (at most `concurrency` at once, exactly that many at the peak); its
//! pause does not count, so it may come within the download's turn, as here, or before it. Yet a
//! run takes at least all the pauses one after another, as if nothing overlapped, and while it
//! pauses nothing else on its runtime moves. Find what holds the runtime back and fix it, keeping
//! the rest: the results in the order of `sites`, each the size of the page in bytes or a short
//! reason why that download failed, and never a panic. Grade it with
//! `cargo xtask check async_downloads` (it runs against the practice server).

use std::time::Duration;

use futures::stream::{self, StreamExt};
use reqwest::Client;

async fn download_site(client: &Client, url: &str, pause: Duration) -> Result<usize, String> {
    // TODO: this pause is where the downloads stop overlapping. Why?
    std::thread::sleep(pause);
    let sent = client.get(url).send().await;
    let response = sent.and_then(|response| response.error_for_status());
    let page = response.map_err(|error| error.to_string())?.bytes().await;
    Ok(page.map_err(|error| error.to_string())?.len())
}

/// The size of each page in `sites`, or why it failed, in order; `concurrency` at a time.
pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    stream::iter(sites)
        .map(|url| download_site(client, url, pause))
        .buffered(concurrency)
        .collect()
        .await
}
