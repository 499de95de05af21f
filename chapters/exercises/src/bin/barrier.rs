//! Grades `barrier`: 3 threads meet 3 times at one barrier; nobody passes a round before all
//! have arrived, and each round has exactly one leader.

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
    thread,
};

/// Every interleaving of this one is explored.
fn small() {
    meets(2, 2);
}

/// Explored on its own: with 3 threads, one notify_one leaves a thread behind.
fn three_meet_once() {
    meets(3, 1);
}

fn test() {
    meets(3, 3);
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
            also: Some((
                three_meet_once,
                "3 threads meeting once",
                schedules::Bounds {
                    preemptions: Some(1),
                    ..schedules::Bounds::default()
                },
            )),
            sampled: (test, "3 threads meeting 3 times"),
        },
    )
}
