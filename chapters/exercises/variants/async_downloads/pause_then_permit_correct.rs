//! Right, another way: a task per URL pauses first (tokio's sleep, so all the pauses overlap),
//! then takes one of `concurrency` permits for its request; the results go back by index. The
//! pause still comes before each request, and no more than `concurrency` are in flight.

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
        let (client, url, permits) = (client.clone(), url.clone(), Arc::clone(&permits));
        tasks.spawn(async move {
            tokio::time::sleep(pause).await;
            let _permit = permits.acquire().await.expect("never closed");
            let response = client.get(&url).send().await.and_then(|r| r.error_for_status());
            let outcome = match response {
                Ok(response) => response.bytes().await.map(|page| page.len()),
                Err(error) => Err(error),
            };
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
