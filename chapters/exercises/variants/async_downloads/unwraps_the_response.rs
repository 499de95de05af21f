//! Breaks: "and never a panic". Each step is unwrapped, so the refused connection panics, and
//! with it the whole run, instead of becoming that site's `Err`.

use std::time::Duration;

use futures::stream::{self, StreamExt};
use reqwest::Client;

async fn download_site(client: &Client, url: &str, pause: Duration) -> Result<usize, String> {
    // `std::thread::sleep` held the runtime's thread: no other download could run meanwhile.
    // tokio's sleep is a future: while it waits, the thread runs the other downloads.
    tokio::time::sleep(pause).await;
    let response = client.get(url).send().await.unwrap();
    let response = response.error_for_status().map_err(|error| error.to_string())?;
    let page = response.bytes().await.unwrap();
    Ok(page.len())
}

/// The size of each page in `sites`, or why it failed, in order; `concurrency` at a time.
pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    // `buffered` runs up to `concurrency` downloads at once and yields them in input order.
    stream::iter(sites)
        .map(|url| download_site(client, url, pause))
        .buffered(concurrency)
        .collect()
        .await
}
