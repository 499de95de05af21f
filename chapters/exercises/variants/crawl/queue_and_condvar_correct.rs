//! Right, without rayon: `workers` scoped threads take URLs from one queue, guarded by a Mutex
//! with a count of downloads under way; a Condvar wakes them when links come in or the crawl
//! is over (nothing waiting, nothing under way).

use std::{
    collections::{BTreeMap, HashSet, VecDeque},
    sync::{Condvar, Mutex},
    thread,
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
    let work = Mutex::new(Work::default());
    {
        let mut work = work.lock().unwrap();
        work.waiting.push_back(start.to_owned());
        work.claimed.insert(start.to_owned());
    }
    let changed = Condvar::new();
    thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let client = Client::new();
                loop {
                    let url = {
                        let mut work = work.lock().unwrap();
                        loop {
                            if let Some(url) = work.waiting.pop_front() {
                                work.under_way += 1;
                                break Some(url);
                            }
                            if work.under_way == 0 {
                                break None;
                            }
                            work = changed.wait(work).unwrap();
                        }
                    };
                    let Some(url) = url else {
                        changed.notify_all();
                        return;
                    };
                    let page = client
                        .get(&url)
                        .send()
                        .and_then(|response| response.error_for_status())
                        .and_then(|response| response.bytes())
                        .map_err(|error| error.to_string());
                    let links = page.as_ref().map(|body| links_in(&url, body)).unwrap_or_default();
                    let mut work = work.lock().unwrap();
                    for link in links {
                        if work.claimed.insert(link.clone()) {
                            work.waiting.push_back(link);
                        }
                    }
                    work.results.insert(url, page.map(|body| body.len()));
                    work.under_way -= 1;
                    changed.notify_all();
                }
            });
        }
    });
    work.into_inner().unwrap().results
}
