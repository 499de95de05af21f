//! Wrong: a worker that finds the queue empty sleeps half a second before it looks again, instead
//! of waiting to be woken. With 4 workers asleep at different moments one of them often looks in
//! time; on the comb, with 2, the worker that has just run out of work is asleep when the other's
//! page brings two links, and one of them waits for it.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

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

fn shorten(mut text: String) -> String {
    if let Some(end) = text.find(['\n', '\r']) {
        text.truncate(end);
    }
    if text.chars().count() > 200 {
        text = text.chars().take(197).collect::<String>() + "...";
    }
    text
}

/// Every URL reachable from `start`, each downloaded once, with its size or why it failed.
pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let queue = Mutex::new(VecDeque::from([start.to_string()]));
    let seen = Mutex::new(HashSet::from([start.to_string()]));
    let pending = AtomicUsize::new(1);
    let results = Mutex::new(BTreeMap::new());

    thread::scope(|s| {
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                let client = Client::new();
                loop {
                    let next = queue.lock().unwrap().pop_front();
                    let Some(url) = next else {
                        if pending.load(Ordering::SeqCst) == 0 {
                            break;
                        }
                        thread::sleep(Duration::from_millis(500)); // don't spin
                        continue;
                    };
                    let entry = match client.get(&url).send() {
                        Err(e) => Err(shorten(e.to_string())),
                        Ok(resp) if !resp.status().is_success() => {
                            Err(format!("HTTP error {}", resp.status().as_u16()))
                        }
                        Ok(resp) => match resp.bytes() {
                            Err(e) => Err(shorten(e.to_string())),
                            Ok(body) => {
                                for link in links_in(&url, &body) {
                                    if seen.lock().unwrap().insert(link.clone()) {
                                        pending.fetch_add(1, Ordering::SeqCst);
                                        queue.lock().unwrap().push_back(link);
                                    }
                                }
                                Ok(body.len())
                            }
                        },
                    };
                    results.lock().unwrap().insert(url, entry);
                    pending.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
    });
    results.into_inner().unwrap()
}
