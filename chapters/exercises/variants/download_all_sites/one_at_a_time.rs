//! Wrong: downloads one page after another.
pub fn download_all_sites(sites: &[String], _workers: usize) -> Vec<Result<usize, String>> {
    let client = reqwest::blocking::Client::new();
    sites.iter().map(|url| client.get(url).send().and_then(|r| r.error_for_status()).and_then(|r| r.bytes()).map(|b| b.len()).map_err(|e| e.to_string())).collect()
}
