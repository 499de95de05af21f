//! Grades `download_all_sites` against the practice server: sizes in bytes as received, in
//! order, failures returned rather than panicking, exactly `workers` downloads under way at
//! once, a slow first page that holds up nothing after it, and clients reused (the server counts
//! the connections).

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/download_all_sites.rs"]
mod exercise;

use std::{net::TcpListener, time::Duration};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};
use support::server::{BIG_PAGE_BYTES, LATIN1_PAGE_BYTES, PracticeServer, SMALL_PAGE_BYTES};

/// The first page answers after this long; the other 15 together take well under it.
const SLOW: &str = "/delay/2000";

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
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        format!("http://{}/", listener.local_addr().expect("bound"))
    };
    // Pages of three sizes, one in Latin-1 sent without a length, one error status and one
    // refused connection, behind a slow first page.
    let pages = ["/jython", "/dice", "/latin1"];
    let mut sites: Vec<String> = std::iter::once(server.url(SLOW))
        .chain((0..13).map(|i| server.url(pages[i % pages.len()])))
        .collect();
    sites.insert(5, server.url("/status/500"));
    sites.insert(11, refused);
    let expected: Vec<Option<usize>> = sites
        .iter()
        .map(|url| match url {
            u if u.ends_with("/jython") => Some(BIG_PAGE_BYTES),
            u if u.ends_with("/dice") => Some(SMALL_PAGE_BYTES),
            u if u.ends_with("/latin1") => Some(LATIN1_PAGE_BYTES),
            u if u.ends_with(SLOW) => Some("answered after 2000 ms\n".len()),
            _ => None,
        })
        .collect();
    let count = sites.len();

    let urls = sites.clone();
    let results = within(
        &format!("download_all_sites({count} URLs, {workers} workers)"),
        Duration::from_secs(30),
        move || exercise::download_all_sites(&urls, workers),
    );
    if results.len() != count {
        fail(
            Kind::WrongResult,
            format!("{} results for {count} URLs", results.len()),
        );
    }
    for ((url, want), got) in sites.iter().zip(&expected).zip(&results) {
        match (want, got) {
            (Some(size), Ok(read)) if size == read => {}
            (None, Err(_)) => {}
            (Some(size), _) if url.ends_with("/latin1") => fail(
                Kind::WrongResult,
                format!(
                    "{url}: expected Ok({size}), got {got:?}: this page is Latin-1 and comes without a Content-Length, so count the bytes received (`bytes()`), not the decoded text or a header"
                ),
            ),
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
    let requests = count - 1; // the refused one never reaches the server
    let connections = server.connections();
    if connections > 2 * workers {
        fail(
            Kind::TooSlow,
            format!(
                "{connections} connections for {requests} requests: a new client for each download opens a new connection each time; reuse clients (one per thread, or one shared)"
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
    let answers = server.answers();
    let behind = answers
        .iter()
        .position(|path| path == SLOW)
        .map_or(0, |at| answers.len() - at - 1);
    if behind > 0 {
        fail(
            Kind::TooSlow,
            format!(
                "{behind} download{} waited behind the slow first page (2 s) while other workers had finished theirs: each worker got a fixed share of the URLs up front; hand them out one at a time (rayon: `with_max_len(1)`)",
                if behind == 1 { "" } else { "s" }
            ),
        );
    }
    pass(format!(
        "{count} URLs, sizes in bytes, failures returned as Err, {workers} downloads at once, {connections} connections, nothing waited behind the slow page"
    ))
}
