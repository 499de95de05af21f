//! Right, the other reading of "`start` comes back in the form `links_in` writes URLs": it
//! parses `start` with `reqwest::Url` and claims and returns that form. The reference solution
//! keeps `start` as given; for a `start` in that form already, as the spec promises, both are
//! the same.

use std::{
    cell::OnceCell,
    collections::{BTreeMap, HashSet},
    sync::Mutex,
};

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

type Results = Mutex<BTreeMap<String, Result<usize, String>>>;

pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    let start = reqwest::Url::parse(start)
        .map(String::from)
        .unwrap_or_else(|_| start.to_owned());
    let claimed = Mutex::new(HashSet::from([start.clone()]));
    let results = Results::default();
    pool.scope(|scope| visit(scope, start, &claimed, &results));
    results.into_inner().unwrap()
}

/// Downloads `url` on the pool, then does the same for each link nobody claimed before.
fn visit<'s>(
    scope: &rayon::Scope<'s>,
    url: String,
    claimed: &'s Mutex<HashSet<String>>,
    results: &'s Results,
) {
    scope.spawn(move |scope| {
        let page = download(&url);
        if let Ok(body) = &page {
            for link in links_in(&url, body) {
                // `insert` checks and claims in one step, under one lock.
                if claimed.lock().unwrap().insert(link.clone()) {
                    visit(scope, link, claimed, results);
                }
            }
        }
        results
            .lock()
            .unwrap()
            .insert(url, page.map(|body| body.len()));
    });
}
