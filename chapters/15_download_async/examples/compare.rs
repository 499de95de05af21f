//! Threads against async as the downloads in flight grow: a pool of N worker threads (a
//! blocking client each, as in download_threaded) and one thread running N downloads as futures
//! (one async client, as in this chapter). The measuring (a child process per case, its peak
//! memory and processor time, the connections counted at the server, the table, Python's
//! aiohttp with --compare-python) is in the support crate, `support::compare`.
//!
//! `cargo run --release -p download_async --example compare -- --help`

use std::{
    process::ExitCode,
    sync::atomic::{AtomicUsize, Ordering::SeqCst},
    thread,
    time::Instant,
};

use futures::stream::{self, StreamExt};
use support::{
    compare::{self, Case},
    downloads,
};

fn main() -> support::Result<ExitCode> {
    compare::main(with_threads, with_async)
}

// ANCHOR: threads
/// A pool of `in_flight` threads, a blocking client each, taking the next URL until none is left.
fn with_threads(case: &Case) -> Option<String> {
    let next = AtomicUsize::new(0);
    let without_client = AtomicUsize::new(0);
    let worker = || {
        // A blocking client starts a thread of its own, which may fail as the workers' can.
        let Ok(client) = case.settings.build() else {
            without_client.fetch_add(1, SeqCst);
            return;
        };
        while let Some(url) = case.urls.get(next.fetch_add(1, SeqCst)) {
            let started = Instant::now();
            let outcome = client
                .get(url)
                .send()
                .and_then(|response| response.error_for_status())
                .map_err(downloads::Error::from)
                .and_then(downloads::read_page)
                .map(|page| page.len());
            case.record(started, outcome);
        }
    };
    let not_started = thread::scope(|scope| {
        for index in 0..case.in_flight {
            if let Err(error) = thread::Builder::new().spawn_scoped(scope, worker) {
                return Some(format!(
                    "only {index} of {} threads could start ({error})",
                    case.in_flight
                ));
            }
        }
        None
    });
    let left = case.urls.len().saturating_sub(next.into_inner());
    compare::why_not_all(not_started, without_client.into_inner(), left)
}
// ANCHOR_END: threads

// ANCHOR: async
/// One thread, one async client, `in_flight` downloads at a time, as in the chapter.
fn with_async(case: &Case) -> Option<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let client = case.settings.build_async(case.in_flight);
    let (runtime, client) = match (runtime, client) {
        (Ok(runtime), Ok(client)) => (runtime, client),
        (Err(error), _) => return Some(format!("no runtime ({error})")),
        (_, Err(error)) => return Some(format!("no client ({error})")),
    };
    let download = async |url: &str| -> downloads::Result<usize> {
        let mut response = client.get(url).send().await?.error_for_status()?;
        let mut size = 0;
        while let Some(chunk) = response.chunk().await? {
            size = downloads::within_limit(size + chunk.len())?; // counted, not held
        }
        tokio::spawn(async {}).await.ok(); // the connection back in the pool first
        Ok(size)
    };
    runtime.block_on(
        stream::iter(&case.urls).for_each_concurrent(case.in_flight, |url| async {
            let started = Instant::now();
            case.record(started, download(url).await);
        }),
    );
    None
}
// ANCHOR_END: async
