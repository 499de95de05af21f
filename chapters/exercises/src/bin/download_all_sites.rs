//! Grades `download_all_sites` against the practice server: sizes in order, failures returned
//! rather than panicking, and exactly `workers` downloads under way at once.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/download_all_sites.rs"]
mod exercise;

use std::{net::TcpListener, time::Duration};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};
use support::server::{BIG_PAGE_BYTES, PracticeServer, SMALL_PAGE_BYTES};

const WORKERS: usize = 4;

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    let server = PracticeServer::start(Duration::from_millis(150)).unwrap_or_else(|error| {
        fail(
            Kind::Panic,
            format!("could not start the practice server: {error}"),
        )
    });
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        format!("http://{}/", listener.local_addr().expect("bound"))
    };
    let mut sites: Vec<String> = (0..8)
        .map(|i| server.url(if i % 2 == 0 { "/jython" } else { "/dice" }))
        .collect();
    sites.insert(3, server.url("/status/500"));
    sites.insert(7, refused);
    let expected: Vec<Option<usize>> = sites
        .iter()
        .map(|url| match url {
            u if u.ends_with("/jython") => Some(BIG_PAGE_BYTES),
            u if u.ends_with("/dice") => Some(SMALL_PAGE_BYTES),
            _ => None,
        })
        .collect();

    let urls = sites.clone();
    let results = within(
        "download_all_sites(10 URLs, 4 workers)",
        Duration::from_secs(30),
        move || exercise::download_all_sites(&urls, WORKERS),
    );
    if results.len() != sites.len() {
        fail(
            Kind::WrongResult,
            format!("{} results for {} URLs", results.len(), sites.len()),
        );
    }
    for ((url, want), got) in sites.iter().zip(&expected).zip(&results) {
        match (want, got) {
            (Some(size), Ok(read)) if size == read => {}
            (None, Err(_)) => {}
            (Some(size), _) => fail(
                Kind::WrongResult,
                format!("{url}: expected Ok({size}), got {got:?}"),
            ),
            (None, Ok(_)) => fail(
                Kind::WrongResult,
                format!("{url} cannot succeed, yet got {got:?}: use error_for_status"),
            ),
        }
    }
    let most = server.most_in_flight();
    if most > WORKERS {
        fail(
            Kind::WrongResult,
            format!("{most} downloads at once with {WORKERS} workers: the pool is too big"),
        );
    }
    if most < WORKERS {
        fail(
            Kind::TooSlow,
            format!(
                "at most {most} downloads at once with {WORKERS} workers: they do not overlap enough"
            ),
        );
    }
    pass(format!(
        "10 URLs, failures returned as Err, {WORKERS} downloads at once"
    ))
}
