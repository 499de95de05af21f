//! Grades `crawl` against the practice server's site: every page reached, each downloaded once,
//! with its size or an `Err` for the missing page and the failing one; exactly `workers`
//! downloads under way at the peak; nothing but the slow page's own pages waiting behind it;
//! clients reused (the server counts the connections).

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/crawl.rs"]
mod exercise;

use std::{collections::BTreeMap, time::Duration};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within_watching},
};
use support::server::{PracticeServer, SLOW_SITE_PAGE, site_paths};

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    // Not the number of cores: rayon's global pool has one thread per core, and must not pass
    // for a pool of `workers` by chance.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let workers = if cores == 4 { 3 } else { 4 };
    let server = PracticeServer::start(Duration::from_millis(150)).unwrap_or_else(|error| {
        fail(
            Kind::Panic,
            format!("could not start the practice server: {error}"),
        )
    });
    let site = site_paths(None);
    let start = server.url("/site/0");
    // A crawl that downloads far more than the site has is going round in circles: say so now,
    // instead of waiting out the limit.
    let too_many = 3 * site.len();
    let results = within_watching(
        &format!("crawl({start}, {workers} workers)"),
        Duration::from_secs(20),
        move || exercise::crawl(&start, workers),
        || {
            let downloads = server.answered();
            (downloads > too_many).then(|| {
                (
                    Kind::Hang,
                    format!(
                        "{downloads} downloads so far, from a site of {} URLs, and no end: the pages link back to each other, so a URL must be claimed once and never downloaded again",
                        site.len()
                    ),
                )
            })
        },
    );

    let answers = server.answers();
    let mut downloads: BTreeMap<&str, usize> = BTreeMap::new();
    answers
        .iter()
        .for_each(|path| *downloads.entry(path).or_default() += 1);
    if let Some((path, times)) = downloads.iter().find(|(_, times)| **times > 1) {
        fail(
            Kind::WrongResult,
            format!(
                "{path} was downloaded {times} times: claim each URL once, checking and claiming in one step, before its download starts"
            ),
        );
    }
    let prefix = server.url("");
    for (path, want) in &site {
        let url = format!("{prefix}{path}");
        match (want, results.get(&url)) {
            (_, None) => fail(
                Kind::WrongResult,
                format!(
                    "{url} is missing from the result ({} URLs, {} expected): every URL reached must be in it, failed ones too",
                    results.len(),
                    site.len()
                ),
            ),
            (Some(size), Some(Ok(got))) if size == got => {}
            (None, Some(Err(_))) => {}
            (Some(size), Some(got)) => fail(
                Kind::WrongResult,
                format!("{url}: expected Ok({size}), got {got:?}"),
            ),
            (None, Some(got)) => fail(
                Kind::WrongResult,
                format!("{url} cannot succeed, yet got {got:?}: use error_for_status"),
            ),
        }
    }
    if let Some(extra) = results.keys().find(|url| {
        url.strip_prefix(&prefix)
            .is_none_or(|path| !site.contains_key(path))
    }) {
        fail(
            Kind::WrongResult,
            format!("{extra} is in the result, but no page links to it"),
        );
    }
    let connections = server.connections();
    if connections > 2 * workers + 2 {
        fail(
            Kind::TooSlow,
            format!(
                "{connections} connections for {} downloads: a new client for each download opens a new connection each time; reuse clients (one per thread, or one shared)",
                answers.len()
            ),
        );
    }
    let most = server.most_in_flight();
    if most > workers {
        fail(
            Kind::WrongResult,
            format!("{most} downloads at once with {workers} workers: the pool is too big"),
        );
    }
    if most < workers {
        fail(
            Kind::TooSlow,
            format!(
                "at most {most} download{} at once with {workers} workers: they do not overlap enough",
                if most == 1 { "" } else { "s" }
            ),
        );
    }
    let slow = format!("/site/{SLOW_SITE_PAGE}");
    // The slow page's own pages: those out of reach without it.
    let without_it = site_paths(Some(SLOW_SITE_PAGE));
    let behind = |path: &str| !without_it.contains_key(path);
    let waited: Vec<&String> = answers
        .iter()
        .skip_while(|path| **path != slow)
        .filter(|path| !behind(path))
        .collect();
    if !waited.is_empty() {
        fail(
            Kind::TooSlow,
            format!(
                "{} download{} waited for the slow page ({slow}, 2 s) although it does not lead to them, e.g. {}: start each page as soon as a link to it is found, not level by level",
                waited.len(),
                if waited.len() == 1 { "" } else { "s" },
                waited[0]
            ),
        );
    }
    pass(format!(
        "{} URLs reached, each downloaded once, failures returned as Err, {workers} downloads at once, {connections} connections, only the slow page's own pages behind it",
        site.len()
    ))
}
