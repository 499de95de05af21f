mod watchdog;

use std::{cell::RefCell, sync::Barrier, thread};

use clap::{Parser, ValueEnum};
use log::info;
use parking_lot::{Mutex, ReentrantMutex};
use watchdog::run_watched;

/// Deadlock: a lock taken twice by one thread, the reentrant lock that allows it, a helper
/// called with and without the lock held, and two threads taking two locks in opposite orders.
/// Deadlocks are detected after 2 seconds without progress and explained; the run goes on.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Run only this part; all four run, in order, when it is left out.
    part: Option<Part>,
}

// ANCHOR: lesson
#[derive(Clone, Copy, ValueEnum)]
enum Part {
    /// 1. One thread locks a plain Mutex twice: it waits for itself forever.
    DoubleAcquire,
    /// 2. The same with a reentrant mutex (Python's RLock): it works.
    Reentrant,
    /// 3. A helper called with and without the lock held: two ways to make it safe.
    Design,
    /// 4. Two threads, two locks, opposite orders: each waits for the other. Then the fix.
    LockOrdering,
}

fn main() {
    let args = Args::parse();
    support::init_logging();
    let parts = args
        .part
        .map_or_else(|| Part::value_variants().to_vec(), |part| vec![part]);
    for part in parts {
        match part {
            Part::DoubleAcquire => double_acquire(),
            Part::Reentrant => reentrant(),
            Part::Design => design(),
            Part::LockOrdering => lock_ordering(),
        }
    }
}

// parking_lot's Mutex is used here because it documents what a second `lock` on the same thread
// does: it deadlocks. std's Mutex only promises that the call never returns (it may panic).
fn double_acquire() {
    info!("Part 1: one thread acquires the same lock twice");
    run_watched(
        "Thread 1",
        "Thread 1 holds `l` and waits for `l`: it waits for itself, and only it could release it.",
        || {
            let l = Mutex::new(());
            info!("before first acquire");
            let _first = l.lock();
            info!("before second acquire");
            let _second = l.lock();
            info!("acquired lock twice");
        },
    );
}

fn reentrant() {
    info!("Part 2: a reentrant lock (Python's RLock) acquired twice by one thread");
    run_watched(
        "Thread 1",
        "unexpected: a reentrant lock should never deadlock here.",
        || {
            let l = ReentrantMutex::new(());
            info!("before first acquire");
            let first = l.lock();
            info!("before second acquire");
            let second = l.lock();
            info!("acquired lock twice");
            // Each acquire has its own guard; the lock is free once both are dropped.
            drop(second);
            info!("released the second acquire");
            drop(first);
            info!("released the first acquire: the lock is free again");
        },
    );
}

/// `add` locks the shelf; `add_pair` locks it too, so that the pair goes in together, and then
/// calls `add`: the helper runs both with and without the lock already held.
struct Shelf {
    items: Mutex<Vec<&'static str>>,
}

impl Shelf {
    fn add(&self, item: &'static str) {
        self.items.lock().push(item);
    }

    fn add_pair(&self, first: &'static str, second: &'static str) {
        let _items = self.items.lock();
        self.add(first);
        self.add(second);
    }
}

/// Fix 1, Python's answer: a reentrant lock. It hands out shared references only (two guards
/// may be alive at once), so changing the data needs a RefCell inside.
struct ReentrantShelf {
    items: ReentrantMutex<RefCell<Vec<&'static str>>>,
}

impl ReentrantShelf {
    fn add(&self, item: &'static str) {
        self.items.lock().borrow_mut().push(item);
    }

    fn add_pair(&self, first: &'static str, second: &'static str) {
        let _items = self.items.lock();
        self.add(first);
        self.add(second);
    }
}

/// Fix 2, the usual choice in Rust: the helper takes the locked data, `&mut Vec`, which only a
/// guard can give it. The types show who holds the lock; no RefCell, no lock counting.
struct RestructuredShelf {
    items: Mutex<Vec<&'static str>>,
}

impl RestructuredShelf {
    fn add_locked(items: &mut Vec<&'static str>, item: &'static str) {
        items.push(item);
    }

    fn add(&self, item: &'static str) {
        Self::add_locked(&mut self.items.lock(), item);
    }

    fn add_pair(&self, first: &'static str, second: &'static str) {
        let mut items = self.items.lock();
        Self::add_locked(&mut items, first);
        Self::add_locked(&mut items, second);
    }
}

fn design() {
    info!("Part 3: a helper called both with and without the lock held");
    run_watched(
        "Thread 1",
        "Thread 1 holds `items` (taken in add_pair) and waits for `items` (in add).",
        || {
            let shelf = Shelf {
                items: Mutex::new(Vec::new()),
            };
            shelf.add("cup");
            info!(
                "plain Mutex: add works on its own; now add_pair, which calls add holding the lock"
            );
            shelf.add_pair("saucer", "spoon");
            info!("plain Mutex: add_pair done");
        },
    );
    run_watched("Thread 1", "unexpected: fix 1 should not deadlock.", || {
        let shelf = ReentrantShelf {
            items: ReentrantMutex::new(RefCell::new(Vec::new())),
        };
        shelf.add("cup");
        shelf.add_pair("saucer", "spoon");
        info!(
            "fix 1, ReentrantMutex: shelf holds {:?}",
            shelf.items.lock().borrow()
        );
    });
    run_watched("Thread 1", "unexpected: fix 2 should not deadlock.", || {
        let shelf = RestructuredShelf {
            items: Mutex::new(Vec::new()),
        };
        shelf.add("cup");
        shelf.add_pair("saucer", "spoon");
        info!(
            "fix 2, helper takes the locked data: shelf holds {:?}",
            shelf.items.lock()
        );
    });
}

/// Locks `first`, then `second`, logging each step. With `both_hold_one`, waits after taking
/// `first` until the other thread holds its first lock too.
fn take_two(
    first: (&str, &Mutex<()>),
    second: (&str, &Mutex<()>),
    both_hold_one: Option<&Barrier>,
) {
    let me = thread::current().name().unwrap_or("a thread").to_owned();
    let _first = first.1.lock();
    info!("{me}: has lock {}", first.0);
    if let Some(barrier) = both_hold_one {
        barrier.wait();
    }
    info!("{me}: holds {}, about to lock {}", first.0, second.0);
    let _second = second.1.lock();
    info!("{me}: has locks {} and {}; done", first.0, second.0);
}

fn spawn_named<'scope>(
    scope: &'scope thread::Scope<'scope, '_>,
    name: &str,
    f: impl FnOnce() + Send + 'scope,
) {
    thread::Builder::new()
        .name(name.to_owned())
        .spawn_scoped(scope, f)
        .expect("the OS could not start a thread");
}

fn lock_ordering() {
    info!("Part 4: two threads take locks a and b in opposite orders");
    run_watched(
        "Part 4",
        "Thread 1 holds `a` and waits for `b`; Thread 2 holds `b` and waits for `a`. \
         Each waits for a lock the other holds: a cycle, so neither can ever go on.",
        || {
            let (a, b) = (Mutex::new(()), Mutex::new(()));
            // The barrier makes sure both threads hold their first lock before either reaches
            // for its second, so the deadlock happens on every run. Without it, it would happen
            // only on unlucky timing, which is why real deadlocks are rare and hard to debug.
            let both_hold_one = Barrier::new(2);
            thread::scope(|scope| {
                spawn_named(scope, "Thread 1", || {
                    take_two(("a", &a), ("b", &b), Some(&both_hold_one))
                });
                spawn_named(scope, "Thread 2", || {
                    take_two(("b", &b), ("a", &a), Some(&both_hold_one))
                });
            });
        },
    );
    info!("Part 4, fixed: both threads take the locks in one global order, a before b");
    run_watched(
        "Part 4",
        "unexpected: one lock order leaves no cycle.",
        || {
            let (a, b) = (Mutex::new(()), Mutex::new(()));
            // No barrier here, and none could work: whoever holds `a` first also gets `b`, and
            // the other thread cannot hold anything until then.
            thread::scope(|scope| {
                spawn_named(scope, "Thread 1", || take_two(("a", &a), ("b", &b), None));
                spawn_named(scope, "Thread 2", || take_two(("a", &a), ("b", &b), None));
            });
        },
    );
}
// ANCHOR_END: lesson
