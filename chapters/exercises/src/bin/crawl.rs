//! Grades `crawl` against the practice server's site: every page reached, each downloaded once,
//! with its size, or for the missing page and the failing one an `Err` whose reason is one short
//! line naming the status; exactly `workers` downloads under way at the peak; no URL left
//! waiting more than 250 ms while a worker is free (so nothing but the slow page's own pages
//! waits behind it); clients reused (the server counts the connections).

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/crawl.rs"]
mod exercise;
/// What an answer that takes its primitives from `crate::sync`, as other exercises do, gets
/// here: std's own.
#[allow(unused_imports)]
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within, within_watching},
};
use support::server::{
    Answer, COMB_PAGES, HANG_UP, PracticeServer, SITE_PAGES, comb_links, comb_paths, site_links,
    site_paths,
};

/// The longest a URL may wait to start, once a downloaded page has linked to it, while fewer
/// than `workers` downloads are under way (the spec's number).
const LONGEST_IDLE: Duration = Duration::from_millis(250);
/// The longest a failed download's reason may be, in characters (the spec's number).
const LONGEST_REASON: usize = 200;

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
    // The spec promises `start` in the form `links_in` writes URLs, so keeping it as given
    // and parsing it come to the same key.
    let start = server.url("/site/0");
    assert_eq!(
        reqwest::Url::parse(&start).map(String::from).ok(),
        Some(start),
        "the grader's start URL is not in normal form"
    );
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
            (None, Some(Err(reason))) => check_reason(&url, path, reason),
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
    let (path, longest) =
        longest_wait_with_a_worker_free(&server.timed_answers(), workers, page_links)
            .unwrap_or_default();
    if longest > LONGEST_IDLE {
        fail(
            Kind::TooSlow,
            format!(
                "{path} waited {:.2} s to start after a page linked to it, while fewer than {workers} downloads were under way (at most {:.2} s): start each URL as soon as it is found and a worker is free, not once a whole level is done (the slow page then holds up the next level), nor after a sleep",
                longest.as_secs_f64(),
                LONGEST_IDLE.as_secs_f64()
            ),
        );
    }
    comb();
    pass(format!(
        "{} URLs reached, each downloaded once, failures returned as Err with their status (or the error, for a hang-up), {workers} downloads at once, no URL left waiting over {:.3} s with a worker free, {connections} connections; the comb with 2 workers, none left waiting either",
        site.len(),
        longest.as_secs_f64()
    ))
}

/// A failed download's reason: one line of at most [`LONGEST_REASON`] characters, naming the
/// HTTP status of `path` (the missing page's 404, or the status `/status/N` answers), or, for
/// the server's hang-up, which has no status, saying something.
fn check_reason(url: &str, path: &str, reason: &str) {
    let status = (path != HANG_UP).then(|| path.strip_prefix("/status/").unwrap_or("404"));
    let length = reason.chars().count();
    let problem = if reason.contains('\n') {
        Some("is more than one line".to_owned())
    } else if length > LONGEST_REASON {
        Some(format!("is {length} characters long"))
    } else if reason.trim().is_empty() {
        Some("is empty".to_owned())
    } else if let Some(status) = status.filter(|status| !reason.contains(status)) {
        Some(format!("does not name the status, {status}"))
    } else {
        None
    };
    if let Some(problem) = problem {
        fail(
            Kind::WrongResult,
            format!(
                "{url}: the reason {reason:?} {problem}: a failed download's reason is one line of at most {LONGEST_REASON} characters that names the HTTP status, or says what went wrong when there was none (the error's own text, `error.to_string()`, does)"
            ),
        );
    }
}

/// The links of the site's page at `path` (none for a path that is no page of it).
fn page_links(path: &str) -> Vec<String> {
    let page = path
        .strip_prefix("/site/")
        .and_then(|page| page.parse::<usize>().ok())
        .filter(|&page| page < SITE_PAGES);
    page.map(site_links).unwrap_or_default()
}

/// The links of the comb's page at `path` (none for a tooth).
fn comb_page_links(path: &str) -> Vec<String> {
    let page = path
        .strip_prefix("/comb/")
        .and_then(|page| page.parse::<usize>().ok())
        .filter(|&page| page < COMB_PAGES);
    page.map(comb_links).unwrap_or_default()
}

/// The comb, crawled by 2 workers: each page brings two links while the worker on the last
/// tooth has just run out of work, so one link waits for that worker. Woken when work comes
/// (a Condvar, a channel), it starts the link at once; sleeping between looks, it is late.
fn comb() {
    let server = PracticeServer::start(Duration::from_millis(150)).unwrap_or_else(|error| {
        fail(
            Kind::Panic,
            format!("could not start the practice server: {error}"),
        )
    });
    let start = server.url("/comb/0");
    let what = format!("crawl({start}, 2 workers)");
    let results = within(&what, Duration::from_secs(20), move || {
        exercise::crawl(&start, 2)
    });
    let prefix = server.url("");
    let expected = comb_paths();
    for (path, size) in &expected {
        let url = format!("{prefix}{path}");
        if results.get(&url) != Some(&Ok(*size)) {
            fail(
                Kind::WrongResult,
                format!(
                    "{what}: {url}: expected Ok({size}), got {:?}",
                    results.get(&url)
                ),
            );
        }
    }
    if results.len() != expected.len() {
        fail(
            Kind::WrongResult,
            format!(
                "{what} returned {} URLs, not the comb's {}",
                results.len(),
                expected.len()
            ),
        );
    }
    let (path, longest) =
        longest_wait_with_a_worker_free(&server.timed_answers(), 2, comb_page_links)
            .unwrap_or_default();
    if longest > LONGEST_IDLE {
        fail(
            Kind::TooSlow,
            format!(
                "{what}: {path} waited {:.2} s to start after a page linked to it, while a worker was free (at most {:.2} s): the worker that had run out of work did not start it as it came. Wake idle workers when work comes (a Condvar's notify, a channel's send) rather than letting them sleep and look again",
                longest.as_secs_f64(),
                LONGEST_IDLE.as_secs_f64()
            ),
        );
    }
}

/// The URL that waited longest to start while a worker was free, and how long: from the first
/// answer of a page that links to it (`links` gives a path's links) until its own request came
/// in, counting only the time when fewer than `workers` requests were under way at the server.
fn longest_wait_with_a_worker_free(
    answers: &[Answer],
    workers: usize,
    links: fn(&str) -> Vec<String>,
) -> Option<(String, Duration)> {
    let mut found: BTreeMap<String, Instant> = BTreeMap::new();
    for answer in answers {
        for link in links(&answer.path) {
            let at = found.entry(link).or_insert(answer.answered);
            *at = (*at).min(answer.answered);
        }
    }
    let under_way = |at: Instant| {
        answers
            .iter()
            .filter(|answer| answer.arrived <= at && at < answer.answered)
            .count()
    };
    found
        .into_iter()
        .filter_map(|(path, found_at)| {
            let started = answers
                .iter()
                .filter(|answer| answer.path == path)
                .map(|answer| answer.arrived)
                .min()
                .filter(|&started| started > found_at)?;
            let mut moments: Vec<Instant> = answers
                .iter()
                .flat_map(|answer| [answer.arrived, answer.answered])
                .filter(|&at| found_at < at && at < started)
                .chain([found_at, started])
                .collect();
            moments.sort();
            let waited = moments
                .windows(2)
                .filter(|pair| under_way(pair[0]) < workers)
                .map(|pair| pair[1] - pair[0])
                .sum::<Duration>();
            Some((path, waited))
        })
        .max_by_key(|(_, waited)| *waited)
}
