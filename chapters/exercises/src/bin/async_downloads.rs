//! Grades `async_downloads` against the practice server: sizes in order, failures returned as
//! `Err` with their reason, exactly `concurrency` downloads at the server at once, no request
//! before the pause, and a runtime that is never held: a heartbeat on the same runtime must keep
//! beating while the downloads run.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/async_downloads.rs"]
mod exercise;
/// What an answer that takes its primitives from `crate::sync`, as other exercises do, gets
/// here: std's own.
#[allow(unused_imports)]
mod sync {
    pub use exercises::real::sync::*;
}

use std::{
    net::TcpListener,
    sync::atomic::{AtomicBool, Ordering::SeqCst},
    time::{Duration, Instant},
};

use exercises::{
    Kind, fail, pass,
    real::{quiet_panics, within},
};
use support::server::{BIG_PAGE_BYTES, PracticeServer};

const CONCURRENCY: usize = 4;
const PAUSE: Duration = Duration::from_millis(300);
/// Answers after 600 ms, the slowest of its round, and after 20 ms, the fastest of its round.
const SLOW: &str = "/delay/600";
const FAST: &str = "/delay/20";
/// Sends its head at once and its body 200 ms later: a download is in flight until its body is
/// read, so a limit let go once the head has come shows as more requests at the server.
const SLOW_BODY: &str = "/slow-body/200";
/// The heartbeat's period: a runtime that is free runs it about this often.
const BEAT: Duration = Duration::from_millis(10);

fn main() {
    exercises::end_with_the_grader();
    quiet_panics();
    // Leaked: the heartbeat reads its count of answers, and the process ends with the verdict.
    let server: &'static PracticeServer = Box::leak(Box::new(
        PracticeServer::start(Duration::from_millis(150)).unwrap_or_else(|error| {
            fail(
                Kind::Panic,
                format!("could not start the practice server: {error}"),
            )
        }),
    ));
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        format!("http://{}/", listener.local_addr().expect("bound"))
    };
    let mut sites: Vec<String> = (0..8)
        .map(|i| server.url(if i % 2 == 0 { "/jython" } else { SLOW_BODY }))
        .collect();
    // The first answers last of its round, and another first of its: results gathered as they
    // come cannot pass for results in order.
    sites[0] = server.url(SLOW);
    sites[4] = server.url(FAST);
    sites.insert(3, server.url("/status/500"));
    sites.insert(7, refused);
    let expected: Vec<Option<usize>> = sites
        .iter()
        .map(|url| match url {
            u if u.ends_with("/jython") => Some(BIG_PAGE_BYTES),
            u if u.ends_with(SLOW_BODY) => Some("body sent after 200 ms\n".len()),
            u if u.ends_with(SLOW) => Some("answered after 600 ms\n".len()),
            u if u.ends_with(FAST) => Some("answered after 20 ms\n".len()),
            _ => None,
        })
        .collect();

    let urls = sites.clone();
    let (results, longest_stall, answered_early) = within(
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
            let start = Instant::now();
            runtime.block_on(async {
                let downloads = async {
                    let results =
                        exercise::download_all_sites(&client, &urls, CONCURRENCY, PAUSE).await;
                    done.store(true, SeqCst);
                    results
                };
                let heartbeat = async {
                    let (mut longest, mut answered_early) = (Duration::ZERO, 0);
                    let mut last = Instant::now();
                    while !done.load(SeqCst) {
                        tokio::time::sleep(BEAT).await;
                        longest = longest.max(last.elapsed());
                        last = Instant::now();
                        // Read before the clock: an answer counted here came before that time.
                        let answered = server.answered();
                        if start.elapsed() < PAUSE {
                            answered_early = answered;
                        }
                    }
                    (longest, answered_early)
                };
                let (results, (longest, answered_early)) = tokio::join!(downloads, heartbeat);
                (results, longest, answered_early)
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
            (None, Err(reason)) if reason.trim().is_empty() => fail(
                Kind::WrongResult,
                format!(
                    "{url} failed with an empty reason: say why, e.g. with the error's to_string()"
                ),
            ),
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
    // Each reason says why: the 500 page's names its status, and differs from the refused
    // connection's.
    let reason = |at: usize| results[at].clone().err().unwrap_or_default();
    let (status, refused) = (reason(3), reason(7));
    if !status.contains("500") || status == refused {
        fail(
            Kind::WrongResult,
            format!(
                "the failures' reasons do not say why: {status:?} for the 500 page, {refused:?} for the refused connection (keep the error's to_string())"
            ),
        );
    }
    // No request can be answered before the pause that comes before it has ended.
    if answered_early > 0 {
        fail(
            Kind::WrongResult,
            format!(
                "{answered_early} request(s) answered within {PAUSE:?} of the start: each request comes after its pause of {PAUSE:?}"
            ),
        );
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
    // In flight is what the server holds: requests sent and not yet answered. A pause is not
    // in flight, whether it is taken within a download's turn or before it, so all the pauses
    // may overlap.
    let most = server.most_in_flight();
    if most > CONCURRENCY {
        fail(
            Kind::WrongResult,
            format!(
                "{most} requests in flight at once with concurrency {CONCURRENCY}: nothing limits them, or the limit is let go too early (the pauses do not count; a download is in flight from its request until its body is read, so hold the limit through `.bytes().await`)"
            ),
        );
    }
    if most < CONCURRENCY {
        fail(
            Kind::TooSlow,
            format!(
                "at most {most} request(s) in flight at once with concurrency {CONCURRENCY}: they do not overlap enough"
            ),
        );
    }
    pass(format!(
        "10 URLs in order, failures returned as Err with their reason, {CONCURRENCY} downloads at once, none before its pause, the runtime never held"
    ))
}
