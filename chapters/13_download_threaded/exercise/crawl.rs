//! Exercise `crawl` (chapter download_threaded)
//!
//! Crawl a site: download the page at `start` (in the form `links_in` returns URLs, such as
//! `http://127.0.0.1:8000/site/0`, so as given or parsed it is the same key), then every page its
//! links lead to, and so on until no new page is left. Each page is a JSON document whose `links`
//! list paths on the same server, such as `"/site/3"` (`links_in` below reads them). Download each
//! URL once, however many pages link to it. Use a pool of `workers` threads, so that `workers`
//! downloads are under way whenever that many URLs are waiting: a URL found in a downloaded page
//! may wait at most 250 ms to start while fewer than `workers` downloads are under way, so a slow
//! page holds up only the pages that nothing but it links to. Reuse clients (one per thread, or one
//! shared), never a new one per download. Return every URL reached with its size in bytes or, if
//! its download failed, a short reason: one line of at most 200 characters naming the HTTP status
//! (such as `404`), or the error if there was none. A failed download has no links to follow, and
//! must not panic or stop the crawl.
//!
//! Grade it with `cargo xtask check crawl`: it runs against the practice server, whose site
//! starts at /site/0 (`cargo xtask serve` shows it).

use std::collections::BTreeMap;

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

/// Every URL reachable from `start`, each downloaded once, with its size or why it failed.
pub fn crawl(start: &str, workers: usize) -> BTreeMap<String, Result<usize, String>> {
    // TODO: a pool of `workers` threads; a set of the URLs already claimed, checked and
    // claimed in one step; new work as each page's links come in; the crawl is over when no
    // download is under way and none is waiting.
    todo!()
}
