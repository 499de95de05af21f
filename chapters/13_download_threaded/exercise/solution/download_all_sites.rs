//! Reference solution of `download_all_sites`.

use std::cell::OnceCell;

use rayon::prelude::*;
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
    pool.install(|| {
        sites
            .par_iter()
            .with_max_len(1)
            .map(|url| download_site(url))
            .collect()
    })
}
