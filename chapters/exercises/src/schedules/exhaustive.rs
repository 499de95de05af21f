//! The exhaustive tier: every interleaving of a small test, explored depth first.
//!
//! shuttle 0.9's own `DfsScheduler` enumerates the order of threads but not the choices a test
//! makes with `shuttle::rand` (it replays one fixed sequence of them), and it has no preemption
//! bound. This scheduler keeps one stack of choices for both: which thread runs at each
//! scheduling point, and each choice the model of `crate::sync` asks for through
//! `super::choices` ([`choose`]): which waiter a `notify_one` wakes, and whether a wait ends in a
//! spurious wake-up. It knows nothing else of the model but the name of its clock tasks
//! (`CLOCK`). Each execution replays the stack's choices up to its deepest choice with an
//! alternative left, takes the next alternative there, and the first alternative at every new
//! choice after it; the search ends when no choice has an alternative left. Every execution
//! explored is one std allows.
//!
//! What makes the number of executions finite, and what it leaves out (the book's grading page
//! says the same):
//! - spurious wake-ups: at most [`Bounds::spurious_wakeups`] per execution, each at any wait;
//! - time: a timed wait may time out at once, as it starts (others may still run before it
//!   locks again), at most [`Bounds::early_timeouts`] times per execution; otherwise it times
//!   out only once no thread of the test can run (late, which is always possible too), the
//!   oldest wait first;
//! - older values: at most [`Bounds::stale_reads`] loads per execution read an older value
//!   than the newest (`super::sync::atomic` says when a load may);
//! - loops that yield: at most [`Bounds::yields_run_again`] times per execution a thread that
//!   yields runs again at once while another could run (otherwise a try-lock back-off would
//!   give an endless series of executions, each one step longer);
//! - preemptions (optional): at most [`Bounds::preemptions`] switches away from a thread that
//!   could go on, counting as one also a yielding thread that runs again while another thread
//!   could run;
//! - a budget: at most [`BUDGET`] executions and 15 seconds a search; past either, the search
//!   stops, the verdict says so, and the sampled tier goes on;
//! - the test itself: a bug that needs more threads or more operations than it has is not seen.
//!
//! Replaying a prefix of choices must give the same execution. When it does not (the code
//! under test does something that changes from run to run: a `HashMap`'s order, an address, a
//! clock), the search stops, says so, and the sampled tier goes on: every execution it ran was
//! still one std allows, so a failure found is real.

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
    /// At most this many loads per execution read an older value than the newest (see
    /// `super::sync::atomic`): a spin loop could otherwise read old values forever.
    pub stale_reads: usize,
    /// At most this many times per execution a thread that yields runs again at once while
    /// another could run: without a preemption bound, a loop that waits by yielding would
    /// otherwise give executions without end, each one step longer.
    pub yields_run_again: usize,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds {
            preemptions: None,
            spurious_wakeups: 1,
            early_timeouts: 1,
            stale_reads: 1,
            yields_run_again: 2,
        }
    }
}

/// A choice made in the current execution: the alternative taken, of how many, and what the
/// alternatives were (so that a replay can tell whether it met the same choice).
struct Choice {
    taken: usize,
    of: usize,
    alternatives: u64,
}

/// The most executions one search explores: past it, the search stops and says so, and the
/// sampled tier goes on. A loop that yields, with no preemption bound, has no end of
/// interleavings; at about 2,000 executions a second this is about 10 seconds.
pub const BUDGET: usize = 20_000;

/// The longest one search runs before it stops and says so, whatever its count: the grader
/// stops a harness after 60 s.
const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(15);

/// How a search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explored {
    /// Every interleaving within the bounds: this many.
    All(usize),
    /// The budget ran out after this many executions.
    Budget(usize),
    /// Replaying the same choices did not give the same execution (the code under test does
    /// something that differs from one run to the next besides the thread interleaving: a
    /// `HashMap`'s order, an address, a clock), after this many executions.
    NotRepeatable(usize),
}

/// The state of a search, shared by the scheduler and the model's choices (`super::choices`).
struct Search {
    bounds: Bounds,
    /// The choices of the current execution (after its first `depth` ones, of the last one).
    choices: Vec<Choice>,
    depth: usize,
    executions: usize,
    /// How many choices the current execution had to replay from the last one.
    replaying: usize,
    /// Set when a replayed choice was not the one recorded: the search cannot go on.
    diverged: bool,
    /// Set when the budget ran out with executions left to explore.
    cut_short: bool,
    /// Spent in the current execution.
    preemptions: usize,
    spurious_wakeups: usize,
    early_timeouts: usize,
    stale_reads: usize,
    yields_run_again: usize,
    /// When the search started, for [`TIME_BUDGET`].
    started: std::time::Instant,
}

static SEARCH: StdMutex<Option<Search>> = StdMutex::new(None);

fn search() -> StdMutexGuard<'static, Option<Search>> {
    SEARCH.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether the exhaustive tier is running: `super::choices` then asks [`choose`] and the
/// functions below it instead of choosing at random.
pub(super) fn active() -> bool {
    search().is_some()
}

impl Search {
    /// Alternative number `0..of` for the next choice, whose alternatives `alternatives` tells
    /// apart from another choice's.
    fn decide(&mut self, of: usize, alternatives: u64) -> usize {
        if of < 2 {
            return 0;
        }
        let taken = match self.choices.get(self.depth) {
            Some(choice) => {
                // A replayed choice must be the same choice. When it is not, something other
                // than the schedule changed the run: this execution still goes on (it is one
                // std allows), but the search ends with it.
                if choice.of != of || choice.alternatives != alternatives {
                    self.diverged = true;
                }
                choice.taken.min(of - 1)
            }
            None => {
                self.choices.push(Choice {
                    taken: 0,
                    of,
                    alternatives,
                });
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
/// `what` names the kind of choice, so that a replay can tell it met the same one.
pub(super) fn choose(of: usize, what: &str) -> usize {
    search()
        .as_mut()
        .map_or(0, |search| search.decide(of, fingerprint(what)))
}

/// A number that tells `thing` apart from others of its kind.
fn fingerprint(thing: impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    // A fixed hasher: the same thing gives the same number in every execution.
    BuildHasherDefault::<DefaultHasher>::default().hash_one(thing)
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
    let early = search.decide(2, fingerprint("early time-out")) == 1;
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
    let spurious = search.decide(2, fingerprint("spurious wake-up")) == 1;
    search.spurious_wakeups += usize::from(spurious);
    spurious
}

/// Which of `len` stores a load reads (0 is the newest): every one, while the execution has
/// stale reads left; the newest after that.
pub(super) fn stale_read(len: usize) -> usize {
    let mut guard = search();
    let Some(search) = guard.as_mut() else {
        return 0;
    };
    if search.stale_reads >= search.bounds.stale_reads {
        return 0;
    }
    let taken = search.decide(len, fingerprint(("which store a load reads", len)));
    search.stale_reads += usize::from(taken > 0);
    taken
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
            replaying: 0,
            diverged: false,
            cut_short: false,
            preemptions: 0,
            spurious_wakeups: 0,
            early_timeouts: 0,
            stale_reads: 0,
            yields_run_again: 0,
            started: std::time::Instant::now(),
        });
        Exhaustive
    }

    /// Ends the search: how far it went.
    pub(super) fn finish() -> Explored {
        match search().take() {
            None => Explored::All(0),
            Some(search) if search.diverged => Explored::NotRepeatable(search.executions),
            Some(search) if search.cut_short => Explored::Budget(search.executions),
            Some(search) => Explored::All(search.executions),
        }
    }
}

/// The name of the tasks that stand for time passing, one for each timed wait (the model starts
/// them; none is one of the learner's threads): the search runs one only once no thread of the
/// test can run, so that time runs out late. Running out early is a choice ([`early_timeout`]).
pub(super) const CLOCK: &str = "clock";

fn is_clock(task: &Task) -> bool {
    task.name().as_deref() == Some(CLOCK)
}

impl Scheduler for Exhaustive {
    fn new_execution(&mut self) -> Option<Schedule> {
        let mut guard = search();
        let search = guard.as_mut()?;
        // An execution that ended before replaying every choice it was given was not the same.
        if search.depth < search.replaying {
            search.diverged = true;
        }
        if search.diverged {
            return None;
        }
        if search.executions >= BUDGET || search.started.elapsed() > TIME_BUDGET {
            search.cut_short = search.advance();
            return None;
        }
        if search.executions > 0 && !search.advance() {
            return None;
        }
        search.executions += 1;
        search.replaying = search.choices.len();
        search.depth = 0;
        search.preemptions = 0;
        search.spurious_wakeups = 0;
        search.early_timeouts = 0;
        search.stale_reads = 0;
        search.yields_run_again = 0;
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
                if again == 0 || search.yields_run_again < search.bounds.yields_run_again {
                    candidates.push((current.id(), again));
                }
            }
            // The current task is blocked, finished, or a clock that has done its work.
            _ => candidates.extend(threads.iter().map(|t| (t.id(), 0))),
        }
        let preemptions_left = search
            .bounds
            .preemptions
            .map_or(usize::MAX, |bound| bound.saturating_sub(search.preemptions));
        candidates.retain(|&(_, preempts)| preempts <= preemptions_left);
        let alternatives = fingerprint(&candidates);
        let (task, preempts) = candidates[search.decide(candidates.len(), alternatives)];
        search.preemptions += preempts;
        if is_yielding && current.is_some_and(|current| current.id() == task) && preempts > 0 {
            search.yields_run_again += 1;
        }
        Some(task)
    }

    fn next_u64(&mut self) -> u64 {
        // The model's choices come from `choose` and its kin in this tier; nothing else asks.
        0
    }
}
