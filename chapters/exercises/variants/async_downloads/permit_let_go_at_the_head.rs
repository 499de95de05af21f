//! Wrong: the semaphore's permit is dropped once the head of the answer has come, before the body
//! is read, so more than `concurrency` downloads are in flight while bodies come in.

use std::time::Duration;

use futures::future::join_all;
use reqwest::Client;
use tokio::sync::Semaphore;

async fn download_site(
    client: &Client,
    url: &str,
    pause: Duration,
    slots: &Semaphore,
) -> Result<usize, String> {
    tokio::time::sleep(pause).await;
    let sent = {
        let _slot = slots.acquire().await.map_err(|error| error.to_string())?;
        client.get(url).send().await
    };
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
    let slots = Semaphore::new(concurrency);
    join_all(
        sites
            .iter()
            .map(|url| download_site(client, url, pause, &slots)),
    )
    .await
}
