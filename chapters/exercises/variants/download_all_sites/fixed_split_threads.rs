//! Breaks: "so that `workers` downloads are under way at once". `workers` threads each get a
//! fixed, contiguous share of the sites. When one slow site holds up a thread, the sites queued
//! behind it wait while other threads, done with their share, sit idle: fewer than `workers`
//! downloads are under way although some remain. Correct when all pages take equally long.

use std::thread;

use reqwest::blocking::Client;

thread_local! {
    static CLIENT: Client = Client::new();
}

/// A short, human-readable reason for a failed download.
fn reason(error: &reqwest::Error) -> String {
    match error.status() {
        Some(status) => format!("HTTP {status}"),
        None if error.is_connect() => String::from("could not connect"),
        None if error.is_timeout() => String::from("timed out"),
        None => error.to_string(),
    }
}

fn download_site(url: &str) -> Result<usize, String> {
    CLIENT.with(|client| {
        let response = client.get(url).send().map_err(|e| reason(&e))?;
        let response = response.error_for_status().map_err(|e| reason(&e))?;
        let body = response.bytes().map_err(|e| reason(&e))?;
        Ok(body.len())
    })
}

/// The size of each page in `sites`, or why it failed, in order; `workers` downloads at a time.
pub fn download_all_sites(sites: &[String], workers: usize) -> Vec<Result<usize, String>> {
    let workers = workers.max(1);
    let share = ((sites.len() + workers - 1) / workers).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = sites
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|url| download_site(url))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().expect("download thread panicked"))
            .collect()
    })
}
