//! Correct, the other way the spec allows: one `Client` built up front and shared by reference
//! by all pool threads (it is `Sync`); its connection pool keeps one connection per download in
//! flight and reuses them.

use rayon::prelude::*;
use reqwest::blocking::Client;

/// A short, human-readable reason for a failed download.
fn reason(error: &reqwest::Error) -> String {
    match error.status() {
        Some(status) => format!("HTTP {status}"),
        None if error.is_connect() => String::from("could not connect"),
        None if error.is_timeout() => String::from("timed out"),
        None => error.to_string(),
    }
}

fn download_site(client: &Client, url: &str) -> Result<usize, String> {
    let response = client.get(url).send().map_err(|e| reason(&e))?;
    let response = response.error_for_status().map_err(|e| reason(&e))?;
    let body = response.bytes().map_err(|e| reason(&e))?;
    Ok(body.len())
}

/// The size of each page in `sites`, or why it failed, in order; `workers` downloads at a time.
pub fn download_all_sites(sites: &[String], workers: usize) -> Vec<Result<usize, String>> {
    let client = Client::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("could not build the thread pool");
    pool.install(|| {
        sites
            .par_iter()
            .with_max_len(1)
            .map(|url| download_site(&client, url))
            .collect()
    })
}
