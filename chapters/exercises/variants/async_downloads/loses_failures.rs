//! Wrong: without `error_for_status`, an error page (500) counts as a download of its text.

use std::time::Duration;

use futures::stream::{self, StreamExt};
use reqwest::Client;

pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    stream::iter(sites)
        .map(|url| async move {
            tokio::time::sleep(pause).await;
            let response = client.get(url).send().await.map_err(|error| error.to_string())?;
            let page = response.bytes().await.map_err(|error| error.to_string())?;
            Ok(page.len())
        })
        .buffered(concurrency)
        .collect()
        .await
}
