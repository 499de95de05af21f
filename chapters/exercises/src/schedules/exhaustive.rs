//! The exhaustive tier: every interleaving of a small test, explored depth first.
//!
//! shuttle 0.9's own `DfsScheduler` enumerates the order of threads but not the choices a test
//! makes with `shuttle::rand` (it replays one fixed sequence of them), and it has no preemption
//! bound. This scheduler keeps one stack of choices for both: which thread runs at each
//! scheduling point, and each choice `crate::sync` makes ([`choose`]): which waiter a
//! `notify_one` wakes, and whether a wait ends in a spurious wake-up. Each execution replays the
//! stack's choices up to its deepest choice with an alternative left, takes the next
//! alternative there, and the first alternative at every new choice after it; the search ends
//! when no choice has an alternative left. Every execution explored is one std allows.
//!
//! What makes the number of executions finite, and what it leaves out (the book's grading page
//! says the same):
//! - spurious wake-ups: at most [`Bounds::spurious_wakeups`] per execution, each at any wait;
//! - time: a timed wait may time out at once, as it starts (others may still run before it
//!   locks again), at most [`Bounds::early_timeouts`] times per execution; otherwise it times
//!   out only once no thread of the test can run (late, which is always possible too), the
//!   oldest wait first;
//! - preemptions (optional): at most [`Bounds::preemptions`] switches away from a thread that
//!   could go on, counting as one also a yielding thread that runs again while another thread
//!   could run (a `yield_now` lets others run). Without the bound, a loop that yields (a
//!   try-lock back-off) would give an infinite number of executions, each a little longer;
//! - the test itself: a bug that needs more threads or more operations than it has is not seen.

use std::sync::{Mutex as StdMutex, MutexGuard as StdMutexGuard, PoisonError};

use shuttle::scheduler::{Schedule, Scheduler, Task, TaskId};

/// How far the search goes in each execution.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// At most this many preemptions per execution; `None` for every interleaving.
    pub preemptions: Option<usize>,
    /// At most this many spurious wake-ups per execution.
    pub spurious_wakeups: usize,
    /// At most this many timed waits per execution time out while a thread could still run.
    pub early_timeouts: usize,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            preemptions: None,
            spurious_wakeups: 1,
            early_timeouts: 1,
        }
    }
}

/// A choice made in the current execution: the alternative taken, of how many.
struct Choice {
    taken: usize,
    of: usize,
}

/// The state of a search, shared by the scheduler and `crate::sync`'s choices.
struct Search {
    bounds: Bounds,
    /// The choices of the current execution (after its first `depth` ones, of the last one).
    choices: Vec<Choice>,
    depth: usize,
    executions: usize,
    /// Spent in the current execution.
    preemptions: usize,
    spurious_wakeups: usize,
    early_timeouts: usize,
}

static SEARCH: StdMutex<Option<Search>> = StdMutex::new(None);

fn search() -> StdMutexGuard<'static, Option<Search>> {
    SEARCH.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether the exhaustive tier is running: `crate::sync` then makes its choices with
/// [`choose`] instead of at random.
pub(super) fn active() -> bool {
    search().is_some()
}

impl Search {
    /// Alternative number `0..of` for the next choice.
    fn decide(&mut self, of: usize) -> usize {
        if of < 2 {
            return 0;
        }
        let taken = match self.choices.get(self.depth) {
            Some(choice) => {
                // Executions are deterministic: a replayed choice has the same alternatives.
                debug_assert_eq!(choice.of, of, "the test is not deterministic");
                choice.taken.min(of - 1)
            }
            None => {
                self.choices.push(Choice { taken: 0, of });
                0
            }
        };
        self.depth += 1;
        taken
    }

    /// Moves to the next execution: false when every one has been explored.
    fn advance(&mut self) -> bool {
        self.choices.truncate(self.depth);
        while let Some(last) = self.choices.last_mut() {
            if last.taken + 1 < last.of {
                last.taken += 1;
                return true;
            }
            self.choices.pop();
        }
        false
    }
}

/// One of `0..of`, as the next choice of the search; every alternative gets its execution.
pub(super) fn choose(of: usize) -> usize {
    search().as_mut().map_or(0, |search| search.decide(of))
}

/// Whether the timed wait starting now times out before anything else happens: explored both
/// ways while the execution has early time-outs left.
pub(super) fn early_timeout() -> bool {
    let mut guard = search();
    let Some(search) = guard.as_mut() else {
        return false;
    };
    if search.early_timeouts >= search.bounds.early_timeouts {
        return false;
    }
    let early = search.decide(2) == 1;
    search.early_timeouts += usize::from(early);
    early
}

/// Whether the wait starting now ends in a spurious wake-up: explored both ways while the
/// execution has spurious wake-ups left.
pub(super) fn spurious_wakeup() -> bool {
    let mut guard = search();
    let Some(search) = guard.as_mut() else {
        return false;
    };
    if search.spurious_wakeups >= search.bounds.spurious_wakeups {
        return false;
    }
    let spurious = search.decide(2) == 1;
    search.spurious_wakeups += usize::from(spurious);
    spurious
}

/// The scheduler of the exhaustive tier (its state is the global [`SEARCH`]).
pub(super) struct Exhaustive;

impl Exhaustive {
    /// Starts a search within `bounds`.
    pub(super) fn new(bounds: Bounds) -> Self {
        *search() = Some(Search {
            bounds,
            choices: Vec::new(),
            depth: 0,
            executions: 0,
            preemptions: 0,
            spurious_wakeups: 0,
            early_timeouts: 0,
        });
        Exhaustive
    }

    /// Ends the search: the number of executions explored.
    pub(super) fn finish() -> usize {
        search().take().map_or(0, |search| search.executions)
    }
}

fn is_clock(task: &Task) -> bool {
    task.name().as_deref() == Some(super::sync::CLOCK)
}

impl Scheduler for Exhaustive {
    fn new_execution(&mut self) -> Option<Schedule> {
        let mut guard = search();
        let search = guard.as_mut()?;
        if search.executions > 0 && !search.advance() {
            return None;
        }
        search.executions += 1;
        search.depth = 0;
        search.preemptions = 0;
        search.spurious_wakeups = 0;
        search.early_timeouts = 0;
        Some(Schedule::new(0))
    }

    fn next_task(
        &mut self,
        runnable: &[&Task],
        current: Option<TaskId>,
        is_yielding: bool,
    ) -> Option<TaskId> {
        let mut guard = search();
        let search = guard.as_mut()?;
        let threads: Vec<&Task> = runnable.iter().copied().filter(|t| !is_clock(t)).collect();
        let current = current.and_then(|id| runnable.iter().find(|t| t.id() == id));
        // (task, the preemptions it costs), the cheapest first.
        let mut candidates: Vec<(TaskId, usize)> = Vec::new();
        match current {
            // Time runs out late only when no thread can run, the oldest clock first.
            _ if threads.is_empty() => candidates.extend(runnable.first().map(|t| (t.id(), 0))),
            Some(current) if !is_clock(current) && !is_yielding => {
                candidates.push((current.id(), 0));
                candidates.extend(
                    threads
                        .iter()
                        .filter(|t| t.id() != current.id())
                        .map(|t| (t.id(), 1)),
                );
            }
            Some(current) if !is_clock(current) => {
                let others: Vec<TaskId> = threads
                    .iter()
                    .map(|t| t.id())
                    .filter(|&id| id != current.id())
                    .collect();
                let again = usize::from(!others.is_empty());
                candidates.extend(others.into_iter().map(|id| (id, 0)));
                candidates.push((current.id(), again));
            }
            // The current task is blocked, finished, or a clock that has done its work.
            _ => candidates.extend(threads.iter().map(|t| (t.id(), 0))),
        }
        let preemptions_left = search
            .bounds
            .preemptions
            .map_or(usize::MAX, |bound| bound.saturating_sub(search.preemptions));
        candidates.retain(|&(_, preempts)| preempts <= preemptions_left);
        let (task, preempts) = candidates[search.decide(candidates.len())];
        search.preemptions += preempts;
        Some(task)
    }

    fn next_u64(&mut self) -> u64 {
        // `crate::sync` makes its choices with `choose` in this tier; nothing else asks.
        0
    }
}
