//! Wrong: a link is queued if it is not yet marked seen, but it is marked only when a worker takes
//! it. Two pages downloaded side by side that link to one page both queue it while it waits for a
//! worker, and it is downloaded twice.

use std::collections::BTreeMap;
use std::collections::{HashSet, VecDeque};
use std::sync::{Condvar, Mutex};
use std::thread;

use reqwest::blocking::Client;

/// The URLs that the page `body`, downloaded from `url`, links to.
fn links_in(url: &str, body: &[u8]) -> Vec<String> {
    let base = reqwest::Url::parse(url).expect("a URL that was downloaded parses");
    let page: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    page["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|link| base.join(link.as_str()?).ok())
        .map(String::from)
        .collect()
}

fn reason(error: reqwest::Error) -> String {
    let text = match error.status() {
        Some(status) => format!("HTTP {status}"),
        None => error.to_string(),
    };
    text.replace(['\n', '\r'], " ").chars().take(200).collect()
}

/// Every URL reachable from `start`, each downloaded once, with its size or why it failed.
pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let client = Client::new();
    let queue = Mutex::new((VecDeque::from([start.to_string()]), 0usize));
    let seen = Mutex::new(HashSet::new());
    let results = Mutex::new(BTreeMap::new());
    let wake = Condvar::new();

    thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| loop {
                let url = {
                    let mut q = queue.lock().unwrap();
                    loop {
                        if let Some(url) = q.0.pop_front() {
                            q.1 += 1;
                            break url;
                        }
                        if q.1 == 0 {
                            return;
                        }
                        q = wake.wait(q).unwrap();
                    }
                };
                seen.lock().unwrap().insert(url.clone());

                let outcome = client
                    .get(&url)
                    .send()
                    .and_then(|r| r.error_for_status())
                    .and_then(|r| r.bytes())
                    .map_err(reason);
                let mut fresh = Vec::new();
                if let Ok(body) = &outcome {
                    for link in links_in(&url, body) {
                        if !seen.lock().unwrap().contains(&link) {
                            fresh.push(link);
                        }
                    }
                }
                results.lock().unwrap().insert(url, outcome.map(|b| b.len()));

                let mut q = queue.lock().unwrap();
                q.0.extend(fresh);
                q.1 -= 1;
                drop(q);
                wake.notify_all();
            });
        }
    });

    results.into_inner().unwrap()
}
