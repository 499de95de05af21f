//! Breaks: "a short reason ... one line of at most 200 characters that names the HTTP status".
//! The reference solution, but every failure's reason is the same short text, which says
//! neither that the page was missing (404) nor that the server failed (500).

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
        .map_err(|_| "download failed".to_owned())
}

type Results = Mutex<BTreeMap<String, Result<usize, String>>>;

pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    let claimed = Mutex::new(HashSet::from([start.to_owned()]));
    let results = Results::default();
    pool.scope(|scope| visit(scope, start.to_owned(), &claimed, &results));
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
