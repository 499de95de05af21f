//! Right, another way: a task per download, a semaphore to keep `concurrency` in flight, and
//! tokio's sleep; each result goes back to its URL's place.

use std::{sync::Arc, time::Duration};

use reqwest::Client;
use tokio::{sync::Semaphore, task::JoinSet};

pub async fn download_all_sites(
    client: &Client,
    sites: &[String],
    concurrency: usize,
    pause: Duration,
) -> Vec<Result<usize, String>> {
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks = JoinSet::new();
    for (index, url) in sites.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
        let (client, url) = (client.clone(), url.clone());
        tasks.spawn(async move {
            tokio::time::sleep(pause).await;
            let response = client.get(&url).send().await.and_then(|r| r.error_for_status());
            let outcome = match response {
                Ok(response) => response.bytes().await.map(|page| page.len()),
                Err(error) => Err(error),
            };
            drop(permit);
            (index, outcome.map_err(|error| error.to_string()))
        });
    }
    let mut results = vec![Err("not run".to_owned()); sites.len()];
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((index, outcome)) => results[index] = outcome,
            Err(error) => return vec![Err(error.to_string()); sites.len()],
        }
    }
    results
}
