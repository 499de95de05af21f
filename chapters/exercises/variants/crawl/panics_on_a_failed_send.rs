//! Wrong: `send().expect(..)` panics when a download fails with no HTTP status (the server hung
//! up); the panicking worker never counts its download as done, and the others wait forever.

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

fn download(client: &Client, url: &str) -> Result<Vec<u8>, String> {
    let response = client.get(url).send().expect("could not send the request");
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {}", status.as_u16()));
    }
    let body = response.bytes().map_err(|e| e.to_string())?;
    Ok(body.to_vec())
}

struct State {
    waiting: VecDeque<String>,
    claimed: HashSet<String>,
    under_way: usize,
    results: BTreeMap<String, Result<usize, String>>,
}

/// Every URL reachable from `start`, each downloaded once, with its size or why it failed.
pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let client = Client::new();
    let state = Mutex::new(State {
        waiting: VecDeque::from([start.to_string()]),
        claimed: HashSet::from([start.to_string()]),
        under_way: 0,
        results: BTreeMap::new(),
    });
    let changed = Condvar::new();

    thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| loop {
                let url = {
                    let mut st = state.lock().unwrap();
                    loop {
                        if let Some(url) = st.waiting.pop_front() {
                            st.under_way += 1;
                            break url;
                        }
                        if st.under_way == 0 {
                            return;
                        }
                        st = changed.wait(st).unwrap();
                    }
                };
                let outcome = download(&client, &url);
                let links = match &outcome {
                    Ok(body) => links_in(&url, body),
                    Err(_) => Vec::new(),
                };
                let mut st = state.lock().unwrap();
                st.under_way -= 1;
                for link in links {
                    if st.claimed.insert(link.clone()) {
                        st.waiting.push_back(link);
                    }
                }
                st.results.insert(url, outcome.map(|body| body.len()));
                drop(st);
                changed.notify_all();
            });
        }
    });

    state.into_inner().unwrap().results
}
