//! Breaks: "no URL may wait more than 250 ms to start while fewer than `workers` downloads are
//! under way". Scoped threads take URLs from one queue, as in `queue_and_condvar_correct.rs`,
//! but a worker that finds the queue empty sleeps a second before it looks again, instead of
//! waiting on a Condvar: links found meanwhile wait for it, with a worker free.

use std::{
    collections::{BTreeMap, HashSet, VecDeque},
    sync::Mutex,
    thread,
    time::Duration,
};

use reqwest::blocking::Client;

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

#[derive(Default)]
struct Work {
    waiting: VecDeque<String>,
    claimed: HashSet<String>,
    under_way: usize,
    results: BTreeMap<String, Result<usize, String>>,
}

pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let shared = Mutex::new(Work::default());
    {
        let mut work = shared.lock().unwrap();
        work.waiting.push_back(start.to_owned());
        work.claimed.insert(start.to_owned());
    }
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let client = Client::new();
                loop {
                    let url = {
                        let mut work = shared.lock().unwrap();
                        loop {
                            if let Some(url) = work.waiting.pop_front() {
                                work.under_way += 1;
                                break Some(url);
                            }
                            if work.under_way == 0 {
                                break None;
                            }
                            drop(work);
                            thread::sleep(Duration::from_secs(1));
                            work = shared.lock().unwrap();
                        }
                    };
                    let Some(url) = url else { return };
                    let page = client
                        .get(&url)
                        .send()
                        .and_then(|response| response.error_for_status())
                        .and_then(|response| response.bytes())
                        .map_err(|error| error.to_string());
                    let links = page
                        .as_ref()
                        .map(|body| links_in(&url, body))
                        .unwrap_or_default();
                    let mut work = shared.lock().unwrap();
                    for link in links {
                        if work.claimed.insert(link.clone()) {
                            work.waiting.push_back(link);
                        }
                    }
                    work.results.insert(url, page.map(|body| body.len()));
                    work.under_way -= 1;
                }
            });
        }
    });
    shared.into_inner().unwrap().results
}
