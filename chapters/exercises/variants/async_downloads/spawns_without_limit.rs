//! Wrong: spawns a task for every URL at once, so more than `concurrency` are in flight.

use std::time::Duration;

use reqwest::Client;

pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    _concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    let tasks: Vec<_> = sites
        .iter()
        .map(|url| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                tokio::time::sleep(pause).await;
                let response = client.get(&url).send().await.and_then(|r| r.error_for_status());
                match response {
                    Ok(response) => response.bytes().await.map(|page| page.len()),
                    Err(error) => Err(error),
                }
                .map_err(|error| error.to_string())
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap_or_else(|error| Err(error.to_string())));
    }
    results
}
