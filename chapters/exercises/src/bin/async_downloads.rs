//! Grades `async_downloads` against the practice server: sizes in order, failures returned as
//! `Err`, exactly `concurrency` downloads at the server at once, and a runtime that is never
//! held: a heartbeat on the same runtime must keep beating while the downloads run.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/async_downloads.rs"]
mod exercise;

use std::{
    net::TcpListener,
    sync::atomic::{AtomicBool, Ordering::SeqCst},
    time::{Duration, Instant},
};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};
use support::server::{BIG_PAGE_BYTES, PracticeServer, SMALL_PAGE_BYTES};

const CONCURRENCY: usize = 4;
const PAUSE: Duration = Duration::from_millis(300);
/// The heartbeat's period: a runtime that is free runs it about this often.
const BEAT: Duration = Duration::from_millis(10);

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
    let (results, longest_stall) = within(
        "download_all_sites(10 URLs, concurrency 4)",
        Duration::from_secs(30),
        move || {
            // One thread, like the chapter's runtime: whatever holds it holds everything.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime starts");
            let client = reqwest::Client::new();
            let done = AtomicBool::new(false);
            runtime.block_on(async {
                let downloads = async {
                    let results =
                        exercise::download_all_sites(&client, &urls, CONCURRENCY, PAUSE).await;
                    done.store(true, SeqCst);
                    results
                };
                let heartbeat = async {
                    let mut longest = Duration::ZERO;
                    let mut last = Instant::now();
                    while !done.load(SeqCst) {
                        tokio::time::sleep(BEAT).await;
                        longest = longest.max(last.elapsed());
                        last = Instant::now();
                    }
                    longest
                };
                tokio::join!(downloads, heartbeat)
            })
        },
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
    // A `std::thread::sleep(PAUSE)` holds the thread for the whole pause: the heartbeat misses
    // it for certain. A runtime left free misses it by milliseconds.
    if longest_stall >= PAUSE / 2 {
        fail(
            Kind::TooSlow,
            format!(
                "the runtime's thread was held for {:.2} s at a stretch: nothing else ran meanwhile. \
                 Something blocks instead of awaiting (std::thread::sleep, a blocking call)",
                longest_stall.as_secs_f64()
            ),
        );
    }
    let most = server.most_in_flight();
    if most > CONCURRENCY {
        fail(
            Kind::WrongResult,
            format!("{most} downloads at once with concurrency {CONCURRENCY}: nothing limits them"),
        );
    }
    if most < CONCURRENCY {
        fail(
            Kind::TooSlow,
            format!(
                "at most {most} downloads at once with concurrency {CONCURRENCY}: they do not overlap enough"
            ),
        );
    }
    pass(format!(
        "10 URLs, failures returned as Err, {CONCURRENCY} downloads at once, the runtime never held"
    ))
}
