//! Wrong: awaits each download before starting the next, so one is in flight at a time.

use std::time::Duration;

use reqwest::Client;

pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    _concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    let mut results = Vec::new();
    for url in sites {
        tokio::time::sleep(pause).await;
        let outcome = match client.get(url).send().await.and_then(|r| r.error_for_status()) {
            Ok(response) => response.bytes().await.map(|page| page.len()),
            Err(error) => Err(error),
        };
        results.push(outcome.map_err(|error| error.to_string()));
    }
    results
}
