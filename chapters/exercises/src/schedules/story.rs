//! The failing schedule told as a story: `crate::sync` records each step a thread takes (a lock,
//! an unlock, a wait, a wake-up, an atomic read or write), so that a failure can be shown as the
//! steps that led to it, in the learner's terms:
//!
//! ```text
//!     transfer A to B   locks account 1
//!     transfer B to A   locks account 2
//!     transfer A to B   waits for account 2   (held by transfer B to A)
//!     transfer B to A   waits for account 1   (held by transfer A to B)   -> deadlock
//! ```

use std::{
    collections::HashMap,
    sync::{
        Mutex as StdMutex, MutexGuard as StdMutexGuard, OnceLock, PoisonError,
        atomic::{AtomicUsize, Ordering::Relaxed},
    },
};

/// The most lines a story shows; a longer one keeps its start and its end.
const MOST_LINES: usize = 20;
/// Lines kept from the start of a long story; the rest of [`MOST_LINES`] come from its end.
const HEAD: usize = 4;

/// The steps of the execution running now, and the names of what they touch.
#[derive(Default)]
struct Story {
    /// (thread, what it did), in order.
    steps: Vec<(String, String)>,
    /// Names by tag: given by the harness ([`name`]), or made up at first use.
    names: HashMap<usize, String>,
    /// How many of each kind ("Mutex", "Condvar", ...) have a made-up name so far.
    counts: HashMap<&'static str, usize>,
    /// The made-up names, with their kind, in the order they were made.
    made_up: Vec<(&'static str, String)>,
    /// Names made up for threads spawned without one, by shuttle's task id.
    unnamed: HashMap<usize, String>,
}

static STORY: StdMutex<Option<Story>> = StdMutex::new(None);

fn story() -> StdMutexGuard<'static, Option<Story>> {
    STORY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts the story of a new execution, forgetting the last one's steps and names.
pub(super) fn begin() {
    *story() = Some(Story::default());
}

/// Forgets the steps so far: the story of a failure starts here. For a harness whose first
/// part (single calls, one at a time) cannot be where a race or a deadlock happens.
pub fn start_here() {
    if let Some(story) = story().as_mut() {
        story.steps.clear();
    }
}

/// A number of its own for a Mutex, a Condvar or an atomic, for as long as it lives, which
/// names it in the story: not its address, which the next one made may reuse.
#[derive(Debug, Default)]
pub struct Tag(OnceLock<usize>);

static NEXT_TAG: AtomicUsize = AtomicUsize::new(1);

impl Tag {
    pub(super) const fn new() -> Self {
        Tag(OnceLock::new())
    }

    pub(super) fn id(&self) -> usize {
        *self.0.get_or_init(|| NEXT_TAG.fetch_add(1, Relaxed))
    }
}

/// What a story can name: the Mutexes, Condvars and atomics of `crate::sync`.
pub trait Named {
    /// Its tag.
    fn tag(&self) -> &Tag;
}

/// Gives `thing` (a Mutex, a Condvar, an atomic) a name of the harness's choosing, such as
/// "account 1", for the story of this execution.
pub fn name(thing: &impl Named, called: impl Into<String>) {
    if let Some(story) = story().as_mut() {
        story.names.insert(thing.tag().id(), called.into());
    }
}

/// The name of the thread running now, as `thread::Builder::name` gave it; a thread spawned
/// without a name is "thread #N", by the order of its first step.
fn thread_name(story: &mut Story) -> String {
    let me = shuttle::thread::current();
    match me.name() {
        Some("main-thread") => "main".to_owned(),
        Some(name) => name.to_owned(),
        None => {
            let count = story.unnamed.len() + 1;
            let task = shuttle::current::try_get_current_task().map_or(usize::MAX, usize::from);
            story
                .unnamed
                .entry(task)
                .or_insert_with(|| format!("thread #{count}"))
                .clone()
        }
    }
}

impl Story {
    /// The name of the `kind` at `address`: its given name, or "`kind` #N" by order of first use.
    fn called(&mut self, address: usize, kind: &'static str) -> String {
        if let Some(name) = self.names.get(&address) {
            return name.clone();
        }
        let count = self.counts.entry(kind).or_insert(0);
        *count += 1;
        let name = format!("{kind} #{count}");
        self.names.insert(address, name.clone());
        self.made_up.push((kind, name.clone()));
        name
    }
}

/// Records a step of the running thread; `tell` words it, given a way to name things.
pub(super) fn record(tell: impl FnOnce(&mut dyn FnMut(usize, &'static str) -> String) -> String) {
    // What unwinding does after a failure (guards dropped) is no part of the story.
    if std::thread::panicking() {
        return;
    }
    let mut guard = story();
    let Some(story) = guard.as_mut() else { return };
    let thread = thread_name(story);
    let step = tell(&mut |address, kind| story.called(address, kind));
    story.steps.push((thread, step));
}

/// The running thread is about to lock the Mutex at `mutex`: if another thread holds it (the
/// `holder` named, as `crate::sync` records it), the story says that this one waits for it.
pub(super) fn before_lock(mutex: usize, holder: Option<String>) {
    if let Some(holder) = holder {
        record(|name| format!("waits for {}   (held by {holder})", name(mutex, "Mutex")));
    }
}

/// The running thread has locked the Mutex at `mutex`.
pub(super) fn locked(mutex: usize) {
    record(|name| format!("locks {}", name(mutex, "Mutex")));
}

/// The running thread has unlocked the Mutex at `mutex`.
pub(super) fn unlocked(mutex: usize) {
    record(|name| format!("unlocks {}", name(mutex, "Mutex")));
}

/// The running thread tried to lock the Mutex at `mutex`, which was taken (by `holder`, if the
/// story knows one).
pub(super) fn try_lock_failed(mutex: usize, holder: Option<String>) {
    let by = holder.map_or_else(
        || "being unlocked".to_owned(),
        |holder| format!("held by {holder}"),
    );
    record(|name| format!("tries to lock {}: {by}", name(mutex, "Mutex")));
}

/// The running thread waits on the Condvar at `condvar` (and unlocks its Mutex).
pub(super) fn waits(condvar: usize) {
    record(|name| format!("waits on {}", name(condvar, "Condvar")));
}

/// The story's name for the thread spawned without a name that is shuttle's task `task`.
pub(super) fn unnamed_thread(task: usize) -> String {
    let mut guard = story();
    let Some(story) = guard.as_mut() else {
        return "a thread spawned without a name".to_owned();
    };
    let count = story.unnamed.len() + 1;
    story
        .unnamed
        .entry(task)
        .or_insert_with(|| format!("thread #{count}"))
        .clone()
}

/// The steps of the execution so far, as (thread, what it did): for a game of `cargo xtask play`.
pub(super) fn steps() -> Vec<(String, String)> {
    story()
        .as_ref()
        .map(|story| story.steps.clone())
        .unwrap_or_default()
}

/// How a wake-up by a time-out is told.
pub(super) const TIMED_OUT: &str = "as its time ran out";

/// The name of the running thread in the story ("main" for the test's main thread).
pub(super) fn current_thread() -> String {
    match story().as_mut() {
        Some(story) => thread_name(story),
        None => match shuttle::thread::current().name() {
            Some("main-thread") | None => "main".to_owned(),
            Some(name) => name.to_owned(),
        },
    }
}

/// The running thread woke from its wait on the Condvar at `condvar`, `how`.
pub(super) fn woken(condvar: usize, how: &str) {
    record(|name| format!("wakes up from {} {how}", name(condvar, "Condvar")));
}

/// The running thread called `call` on the Condvar at `condvar`, which woke `woke` threads.
pub(super) fn notifies(condvar: usize, call: &str, woke: usize) {
    let whom = match woke {
        0 => "nobody waits".to_owned(),
        1 => "wakes 1 thread".to_owned(),
        n => format!("wakes {n} threads"),
    };
    record(|name| format!("calls {call} on {}: {whom}", name(condvar, "Condvar")));
}

/// The steps of the execution that just failed with `kind`, at most [`MOST_LINES`] lines,
/// indented, starting where a second thread first took a step (what the test's main thread did
/// alone before is no part of a race or a deadlock), unless the failure came before that.
pub(super) fn told(kind: crate::Kind) -> String {
    let Some(story) = story().take() else {
        return String::new();
    };
    let steps = &story.steps;
    let start = steps
        .iter()
        .position(|(thread, _)| thread != "main")
        .unwrap_or(0);
    let steps = &repeats_counted(renumbered(&steps[start..], &story.made_up));
    let width = steps
        .iter()
        .map(|(thread, _)| thread.chars().count())
        .max()
        .unwrap_or(0);
    let line = |(thread, step): &(String, String)| format!("    {thread:<width$}   {step}");
    let mut lines: Vec<String> = if steps.len() <= MOST_LINES {
        steps.iter().map(line).collect()
    } else {
        let tail = MOST_LINES - HEAD - 1;
        let mut lines: Vec<String> = steps[..HEAD].iter().map(line).collect();
        lines.push(format!(
            "    … {} steps …",
            thousands(steps.len() - HEAD - tail)
        ));
        lines.extend(steps[steps.len() - tail..].iter().map(line));
        lines
    };
    if kind == crate::Kind::Deadlock {
        // A thread whose last step is a wait, told further up, is shown again at the end.
        let mut last_steps: Vec<(&String, usize)> = Vec::new();
        for (at, (thread, _)) in steps.iter().enumerate() {
            match last_steps.iter_mut().find(|(known, _)| *known == thread) {
                Some(entry) => entry.1 = at,
                None => last_steps.push((thread, at)),
            }
        }
        for (thread, at) in last_steps {
            let step = &steps[at].1;
            if step.starts_with("wait") && steps.len() - at > 2 {
                lines.push(format!("    {thread:<width$}   still {step}"));
            }
        }
    }
    let ending = match kind {
        crate::Kind::Deadlock => "   -> deadlock",
        crate::Kind::Hang => "   -> and so on, forever",
        _ => "   -> the check fails",
    };
    if let Some(last) = lines.last_mut() {
        last.push_str(ending);
    }
    if steps.iter().any(|(_, step)| step.contains(TIMED_OUT)) {
        lines.push(
            "    (a wait that \"ran out of time\" ended at the step the grader chose, as a real one does when its time runs out at just that step, however long the time)"
                .to_owned(),
        );
    }
    lines.join("\n")
}

/// `steps` with the made-up names numbered again by their order in `steps`: a story that
/// starts after the main thread's steps alone shows "Mutex #1" first, not "Mutex #2".
fn renumbered(
    steps: &[(String, String)],
    made_up: &[(&'static str, String)],
) -> Vec<(String, String)> {
    let first_seen = |name: &str| {
        steps.iter().enumerate().find_map(|(at, (_, step))| {
            step.match_indices(name)
                .find(|(from, _)| {
                    !step[from + name.len()..].starts_with(|c: char| c.is_ascii_digit())
                })
                .map(|(from, _)| (at, from))
        })
    };
    let mut seen: Vec<((usize, usize), &'static str, &str)> = made_up
        .iter()
        .filter_map(|(kind, name)| Some((first_seen(name)?, *kind, name.as_str())))
        .collect();
    seen.sort();
    // Through placeholders, so that "#2 becomes #1" and "#1 becomes #2" do not mix.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut renames = Vec::new();
    for (at, (_, kind, name)) in seen.iter().enumerate() {
        let count = counts.entry(kind).or_insert(0);
        *count += 1;
        renames.push((*name, format!("\u{1}{at}\u{1}"), format!("{kind} #{count}")));
    }
    // Longest first: "Mutex #12" before "Mutex #1".
    renames.sort_by_key(|(name, _, _)| std::cmp::Reverse(name.len()));
    steps
        .iter()
        .map(|(thread, step)| {
            let mut step = step.clone();
            for (name, placeholder, _) in &renames {
                step = step.replace(name, placeholder);
            }
            for (_, placeholder, new) in &renames {
                step = step.replace(placeholder, new);
            }
            (thread.clone(), step)
        })
        .collect()
}

/// `steps` with each run of one step repeated by one thread told once, "(N times)": a spin
/// loop is one line.
fn repeats_counted(steps: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut counted: Vec<((String, String), usize)> = Vec::new();
    for step in steps {
        match counted.last_mut() {
            Some((last, times)) if *last == step => *times += 1,
            _ => counted.push((step, 1)),
        }
    }
    counted
        .into_iter()
        .map(|((thread, step), times)| match times {
            1 => (thread, step),
            _ => (thread, format!("{step}   ({} times)", thousands(times))),
        })
        .collect()
}

/// `1432` as `1,432`.
pub(super) fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(1432), "1,432");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
