//! Grades `barrier`: 3 threads meet 3 times at one barrier, 1 thread meets itself twice, and 4
//! threads share a barrier of 2; nobody passes a round before all have arrived, and each round
//! has exactly one leader.

#[rustfmt::skip] // formatting follows this path, which exists only while grading
#[path = "../../current/barrier.rs"]
mod exercise;
mod sync {
    pub use exercises::schedules::sync::*;

    /// Stands in for the library's barrier, the very thing the exercise builds: an answer
    /// that wraps it would pass every schedule and teach nothing, so using it fails.
    #[allow(dead_code)] // used only by an answer that wraps it
    pub struct Barrier;

    #[allow(dead_code)]
    impl Barrier {
        pub fn new(_parties: usize) -> Self {
            exercises::flunk(
                exercises::Kind::WrongImport,
                "crate::sync::Barrier is the library's barrier, the one this exercise builds: make yours from a Mutex and a Condvar",
            )
        }

        pub fn wait(&self) -> BarrierWaitResult {
            unreachable!("new() never returns")
        }
    }
}

use exercises::{Kind, flunk, schedules};
use sync::{
    Arc,
    atomic::{AtomicUsize, Ordering::SeqCst},
    mpsc, thread,
};

/// Every interleaving of this one is explored.
fn small() {
    meets(2, 2);
}

/// Explored on its own: with 3 threads, one notify_one leaves a thread behind.
fn three_meet_once() {
    meets(3, 1);
}

/// Explored on its own: a round can end between a thread's looks at the barrier.
fn crowd_of_three_and_main() {
    crowd(3, 2, true);
}

fn test() {
    meets(3, 3);
    meets(1, 2);
    crowd(4, 2, false);
}

/// `threads` threads, more than the barrier's `parties`, each wait once (and, if `main_too`,
/// the test's main thread once they have all but `parties - 1` left, to make up the last
/// round): every `parties` arrivals make a round, whichever threads they are. A thread may
/// leave only once its round is full, so no more threads have left than whole rounds' worth of
/// arrivals; and each round has one leader. The counts are std's atomics, at which the explorer
/// never switches threads: only the barrier's own steps interleave, which keeps every
/// interleaving within reach.
fn crowd(threads: usize, parties: usize, main_too: bool) {
    use std::sync::atomic::AtomicUsize;
    let barrier = Arc::new(exercise::Barrier::new(parties));
    let arrived = Arc::new(AtomicUsize::new(0));
    let left = Arc::new(AtomicUsize::new(0));
    let leaders = Arc::new(AtomicUsize::new(0));
    let (gone_tx, gone_rx) = mpsc::channel();
    let counted = Arc::clone(&leaders);
    let arrive = move |who: &str| {
        arrived.fetch_add(1, SeqCst);
        if barrier.wait() {
            counted.fetch_add(1, SeqCst);
        }
        let gone = left.fetch_add(1, SeqCst) + 1;
        let full = arrived.load(SeqCst) / parties * parties;
        if gone > full {
            flunk(
                Kind::WrongResult,
                format!(
                    "{threads} threads{} at a barrier of {parties}: {who} left as number {gone}, when only {full} could have (whole rounds of {parties} among the {} arrived)",
                    if main_too { " and the main thread" } else { "" },
                    arrived.load(SeqCst)
                ),
            );
        }
    };
    let arrive = Arc::new(arrive);
    let workers: Vec<_> = (1..=threads)
        .map(|n| {
            let (arrive, gone_tx) = (Arc::clone(&arrive), gone_tx.clone());
            thread::Builder::new()
                .name(format!("worker {n}"))
                .spawn(move || {
                    arrive(&format!("worker {n}"));
                    gone_tx.send(()).ok();
                })
                .expect("spawn")
        })
        .collect();
    let arrivals = threads + usize::from(main_too);
    if main_too {
        for _ in 0..threads + 1 - parties {
            gone_rx.recv().expect("a worker ended");
        }
        arrive("the main thread");
    }
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    let (rounds, count) = (arrivals / parties, leaders.load(SeqCst));
    if count != rounds {
        flunk(
            Kind::WrongResult,
            format!(
                "{arrivals} arrivals at a barrier of {parties} made {rounds} rounds but got {count} leaders; exactly one wait() per round returns true"
            ),
        );
    }
}

/// `parties` threads meet `rounds` times at one barrier.
fn meets(parties: usize, rounds: usize) {
    let barrier = Arc::new(exercise::Barrier::new(parties));
    let arrived: Arc<Vec<AtomicUsize>> =
        Arc::new((0..rounds).map(|_| AtomicUsize::new(0)).collect());
    let leaders: Arc<Vec<AtomicUsize>> =
        Arc::new((0..rounds).map(|_| AtomicUsize::new(0)).collect());
    for round in 0..rounds {
        schedules::story::name(&arrived[round], format!("arrived in round {}", round + 1));
        schedules::story::name(&leaders[round], format!("leaders of round {}", round + 1));
    }
    let workers: Vec<_> = (1..=parties)
        .map(|n| {
            let (barrier, arrived, leaders) = (Arc::clone(&barrier), Arc::clone(&arrived), Arc::clone(&leaders));
            thread::Builder::new()
                .name(format!("worker {n}"))
                .spawn(move || {
                    for round in 0..rounds {
                        arrived[round].fetch_add(1, SeqCst);
                        if barrier.wait() {
                            leaders[round].fetch_add(1, SeqCst);
                        }
                        let here = arrived[round].load(SeqCst);
                        if here < parties {
                            flunk(Kind::WrongResult, format!("worker {n} passed the barrier in round {} when only {here} of {parties} had arrived", round + 1));
                        }
                    }
                })
                .expect("spawn")
        })
        .collect();
    workers
        .into_iter()
        .for_each(|worker| worker.join().expect("a thread panicked"));
    for (round, count) in leaders.iter().enumerate() {
        let count = count.load(SeqCst);
        if count != 1 {
            flunk(
                Kind::WrongResult,
                format!(
                    "round {} had {count} leaders; exactly one wait() per round returns true",
                    round + 1
                ),
            );
        }
    }
}

fn main() {
    exercises::end_with_the_grader();
    schedules::check_tiers(
        "barrier",
        schedules::Tiers {
            small: (small, "2 threads meeting twice"),
            bounds: schedules::Bounds {
                preemptions: Some(2),
                ..schedules::Bounds::default()
            },
            also: vec![
                (
                    three_meet_once,
                    "3 threads meeting once",
                    schedules::Bounds {
                        preemptions: Some(1),
                        ..schedules::Bounds::default()
                    },
                ),
                (
                    crowd_of_three_and_main,
                    "3 threads and the main thread at a barrier of 2",
                    // A round ending between two looks at the barrier needs no spurious
                    // wake-up: without them the tier stays small.
                    schedules::Bounds {
                        preemptions: Some(1),
                        spurious_wakeups: 0,
                        ..schedules::Bounds::default()
                    },
                ),
            ],
            sampled: (
                test,
                "3 threads meeting 3 times, 1 thread at a barrier of 1, 4 threads at a barrier of 2",
            ),
        },
    )
}
