//! Correct, without rayon. Exactly `workers` scoped threads form the pool; each repeatedly claims
//! the next site from a shared atomic index (a work queue, so a thread never idles while a site
//! is left, and `workers` downloads are under way at once while there are that many left), and
//! downloads it with its own `thread_local!` `Client`, built on first use in that thread. Every
//! failure (refused connection, HTTP error status via `error_for_status`, broken body) is turned
//! into a short `Err` reason, so nothing panics and the other downloads carry on. Results are
//! tagged with their index and put back in the order of `sites`; the size is that of the body
//! bytes as received.

use std::sync::atomic::{AtomicUsize, Ordering};
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
    let next = AtomicUsize::new(0);
    let next = &next;

    let finished: Vec<Vec<(usize, Result<usize, String>)>> = thread::scope(|scope| {
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            handles.push(scope.spawn(move || {
                let mut done = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = sites.get(index) else {
                        break;
                    };
                    done.push((index, download_site(url)));
                }
                done
            }));
        }
        handles
            .into_iter()
            .map(|handle| handle.join().expect("download thread panicked"))
            .collect()
    });

    let mut results: Vec<Result<usize, String>> =
        vec![Err(String::from("not downloaded")); sites.len()];
    for (index, result) in finished.into_iter().flatten() {
        results[index] = result;
    }
    results
}
