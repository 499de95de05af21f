//! Breaks: "Return, in the order of `sites`". Each download is its own task in the pool and sends
//! its result down a channel as it finishes: the results come in the order the pages answered,
//! which only matches `sites` when every page takes as long as the others.

use std::{cell::OnceCell, sync::mpsc};

use reqwest::blocking::Client;

thread_local! {
    static CLIENT: OnceCell<Client> = const { OnceCell::new() };
}

fn download_site(url: &str) -> Result<usize, String> {
    let client = CLIENT.with(|client| client.get_or_init(Client::new).clone());
    let content = client
        .get(url)
        .send()
        .and_then(|response| response.error_for_status())
        .and_then(|response| response.bytes())
        .map_err(|error| error.to_string())?;
    Ok(content.len())
}

pub fn download_all_sites(sites: &[String], workers: usize) -> Vec<Result<usize, String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("threads start");
    let (results, finished) = mpsc::channel();
    pool.scope(|scope| {
        for url in sites {
            let results = results.clone();
            scope.spawn(move |_| {
                results.send(download_site(url)).ok();
            });
        }
    });
    drop(results);
    finished.into_iter().collect()
}
