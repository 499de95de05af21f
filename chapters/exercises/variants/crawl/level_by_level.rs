//! Breaks: "a slow page must hold up only the pages that nothing but it links to". It downloads
//! the site a level at a time, all of a level at once: every page of the next level waits for
//! the slowest page of this one.
use std::{
    cell::OnceCell,
    collections::{BTreeMap, HashSet},
};

use rayon::prelude::*;
use reqwest::blocking::Client;

thread_local! {
    static CLIENT: OnceCell<Client> = const { OnceCell::new() };
}

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

fn download(url: &str) -> Result<Vec<u8>, String> {
    let client = CLIENT.with(|client| client.get_or_init(Client::new).clone());
    client
        .get(url)
        .send()
        .and_then(|response| response.error_for_status())
        .and_then(|response| response.bytes())
        .map(|body| body.to_vec())
        .map_err(|error| error.to_string())
}


pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    let mut claimed = HashSet::from([start.to_owned()]);
    let mut results = BTreeMap::new();
    let mut level = vec![start.to_owned()];
    while !level.is_empty() {
        let pages: Vec<(String, Result<Vec<u8>, String>)> = pool.install(|| {
            level.par_iter().with_max_len(1).map(|url| (url.clone(), download(url))).collect()
        });
        level = Vec::new();
        for (url, page) in pages {
            if let Ok(body) = &page {
                for link in links_in(&url, body) {
                    if claimed.insert(link.clone()) {
                        level.push(link);
                    }
                }
            }
            results.insert(url, page.map(|body| body.len()));
        }
    }
    results
}
