//! Breaks: "before each request it pauses for `pause`". The pause that held the runtime is
//! deleted instead of awaited: everything overlaps and nothing stalls, but the first requests
//! reach the server at once, before any pause.

use std::time::Duration;

use futures::stream::{self, StreamExt};
use reqwest::Client;

async fn download_site(client: &Client, url: &str, pause: Duration) -> Result<usize, String> {
    let _ = pause; // the pause held everything up, so it is gone
    let response = client
        .get(url)
        .send()
        .await
        .and_then(|response| response.error_for_status())
        .map_err(|error| error.to_string())?;
    let page = response.bytes().await.map_err(|error| error.to_string())?;
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
