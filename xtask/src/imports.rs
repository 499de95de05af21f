//! Finds the threading primitives in a learner's file that do not come from `crate::sync`.
//!
//! The schedule explorer switches threads only inside `crate::sync`'s primitives: std's Mutex is
//! one step it cannot split or wait on, and std's threads run for real, outside it, so their
//! lost updates and deadlocks pass unseen. The grader scans the file first and names the import
//! to change. The scan reads tokens, not text, so comments and strings do not count, and it
//! follows `use` trees (`use std::{sync::Mutex}`), aliases (`use std::sync; sync::Mutex::new`)
//! and full paths (`std::sync::Mutex::new`).

/// Whether a harness of `exercise` runs it under the schedule explorer (its `crate::sync` is
/// `schedules::sync`): only there do primitives from elsewhere go unseen.
pub fn explored_by_schedules(exercise: &crate::Exercise) -> bool {
    let harnesses = crate::workspace_root().join("chapters/exercises/src/bin");
    exercise.harnesses.iter().any(|harness| {
        std::fs::read_to_string(harnesses.join(format!("{harness}.rs")))
            .is_ok_and(|source| source.contains("schedules::sync"))
    })
}

/// A primitive from outside `crate::sync`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unscheduled {
    /// 1-based, of the import to change (or of the full path, when there is no import).
    pub line: usize,
    /// The primitive's full path, as in `std::sync::Mutex`.
    pub path: String,
    /// What to write instead.
    pub instead: String,
}

/// Every primitive in `source` that the schedule explorer cannot see, by line.
pub fn unscheduled(source: &str) -> Vec<Unscheduled> {
    let tokens = tokenize(source);
    let mut uses = Vec::new();
    let mut paths = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        if tokens[at].text == "use" {
            at += 1;
            use_tree(&tokens, &mut at, Vec::new(), &mut uses);
            while at < tokens.len() && tokens[at].text != ";" {
                at += 1;
            }
        } else if tokens[at].is_ident() || tokens[at].text == "::" {
            let line = tokens[at].line;
            let mut segments = Vec::new();
            if tokens[at].text == "::" {
                at += 1;
            }
            while at < tokens.len() && tokens[at].is_ident() {
                segments.push(tokens[at].text.clone());
                at += 1;
                if tokens.get(at).is_some_and(|t| t.text == "::")
                    && tokens.get(at + 1).is_some_and(Token::is_ident)
                {
                    at += 1;
                } else {
                    break;
                }
            }
            if segments.is_empty() {
                at += 1;
            } else {
                paths.push((segments, line));
            }
            continue;
        }
        at += 1;
    }

    let mut found = Vec::new();
    for import in &uses {
        if let Some(mut finding) = judge(&import.path) {
            finding.line = import.line;
            found.push(finding);
        }
    }
    for (segments, line) in paths {
        if segments.len() < 2 {
            continue;
        }
        // A path through an imported name: the import is the line to change.
        let (full, line) = match uses
            .iter()
            .find(|import| import.binding.as_deref() == Some(segments[0].as_str()))
        {
            Some(import) => {
                let mut full = import.path.clone();
                full.extend(segments[1..].iter().cloned());
                (full, import.line)
            }
            None => (segments, line),
        };
        if let Some(mut finding) = judge(&full) {
            finding.line = line;
            found.push(finding);
        }
    }
    found.sort_by_key(|finding| finding.line);
    found.dedup();
    found
}

/// Names of `std::sync` that are the same types under `crate::sync`, or plain data.
const SAME_IN_THE_MODEL: &[&str] = &[
    "Arc",
    "Weak",
    "LockResult",
    "PoisonError",
    "TryLockError",
    "TryLockResult",
];

/// What `crate::sync` offers besides `atomic`, `mpsc` and `thread` (see the exercises crate's
/// `schedules::sync`).
const IN_THE_MODEL: &[&str] = &[
    "Mutex",
    "MutexGuard",
    "Condvar",
    "WaitTimeoutResult",
    "Barrier",
    "BarrierWaitResult",
    "Once",
    "OnceState",
    "RwLock",
    "RwLockReadGuard",
    "RwLockWriteGuard",
];

/// Crates whose threads and locks are all outside the model.
const OTHER_CRATES: &[&str] = &[
    "parking_lot",
    "crossbeam",
    "crossbeam_channel",
    "crossbeam_utils",
    "spin",
    "rayon",
];

fn judge(path: &[String]) -> Option<Unscheduled> {
    let segments: Vec<&str> = path.iter().map(String::as_str).collect();
    let model = |rest: &[&str]| format!("crate::sync::{}", rest.join("::"));
    let (instead, cut) = match segments.as_slice() {
        ["std" | "core" | "alloc", "*", ..] => ("crate::sync".to_owned(), 2),
        // Plain data and orderings: the same under crate::sync.
        [
            "std" | "core" | "alloc",
            "sync",
            "mpsc",
            "RecvError" | "RecvTimeoutError" | "SendError" | "TryRecvError" | "TrySendError",
            ..,
        ] => return None,
        [
            "std" | "core" | "alloc",
            "sync",
            "atomic",
            "Ordering" | "compiler_fence",
            ..,
        ] => {
            return None;
        }
        ["std" | "core" | "alloc", "sync", "atomic" | "mpsc", _, ..] => (model(&segments[2..4]), 4),
        // The module alone: what is used through it is judged where it is used.
        ["std" | "core" | "alloc", "sync", "atomic" | "mpsc"] => return None,
        ["std" | "core" | "alloc", "sync", name, ..] if SAME_IN_THE_MODEL.contains(name) => {
            return None;
        }
        ["std" | "core" | "alloc", "sync", "*", ..] => ("crate::sync::*".to_owned(), 3),
        ["std" | "core" | "alloc", "sync", name, ..] if IN_THE_MODEL.contains(name) => {
            (model(&segments[2..3]), 3)
        }
        ["std" | "core" | "alloc", "sync", name, ..] => (
            format!(
                "crate::sync's Mutex, Condvar or atomics (crate::sync has no {name}: build it from those)"
            ),
            3,
        ),
        ["std" | "core" | "alloc", "thread", _, ..] => (model(&segments[1..3]), 3),
        [krate, name, ..] if OTHER_CRATES.contains(krate) => {
            let instead = if IN_THE_MODEL.contains(name) {
                model(&segments[1..2])
            } else {
                "crate::sync's primitives".to_owned()
            };
            (instead, 2)
        }
        _ => return None,
    };
    Some(Unscheduled {
        line: 0,
        path: segments[..cut.min(segments.len())].join("::"),
        instead,
    })
}

/// An import: its full path, the name it binds (none for a glob), and its line.
struct Import {
    path: Vec<String>,
    binding: Option<String>,
    line: usize,
}

/// Reads one use tree at `tokens[*at]`, under `prefix`.
fn use_tree(tokens: &[Token], at: &mut usize, prefix: Vec<String>, out: &mut Vec<Import>) {
    let mut path = prefix;
    let mut line = tokens.get(*at).map_or(0, |t| t.line);
    while let Some(token) = tokens.get(*at) {
        match token.text.as_str() {
            "::" => *at += 1,
            "{" => {
                *at += 1;
                while let Some(token) = tokens.get(*at) {
                    match token.text.as_str() {
                        "}" => {
                            *at += 1;
                            break;
                        }
                        "," => *at += 1,
                        _ => use_tree(tokens, at, path.clone(), out),
                    }
                }
                return;
            }
            "*" => {
                *at += 1;
                path.push("*".to_owned());
                out.push(Import {
                    path,
                    binding: None,
                    line: token.line,
                });
                return;
            }
            _ if token.is_ident() && token.text != "as" => {
                line = token.line;
                path.push(token.text.clone());
                *at += 1;
                if tokens.get(*at).is_none_or(|t| t.text != "::") {
                    break;
                }
            }
            _ => break,
        }
    }
    if path.last().is_some_and(|last| last == "self") {
        path.pop();
    }
    let mut binding = path.last().cloned();
    if tokens.get(*at).is_some_and(|t| t.text == "as") {
        binding = tokens.get(*at + 1).map(|t| t.text.clone());
        *at += 2;
    }
    if !path.is_empty() {
        out.push(Import {
            path,
            binding,
            line,
        });
    }
}

struct Token {
    text: String,
    line: usize,
}

impl Token {
    fn is_ident(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
    }
}

/// Identifiers and punctuation with their lines; comments, strings and characters left out.
fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut at = 0;
    let peek = |at: usize| chars.get(at).copied().unwrap_or('\0');
    while at < chars.len() {
        let c = chars[at];
        match c {
            '\n' => {
                line += 1;
                at += 1;
            }
            _ if c.is_whitespace() => at += 1,
            '/' if peek(at + 1) == '/' => {
                while at < chars.len() && chars[at] != '\n' {
                    at += 1;
                }
            }
            '/' if peek(at + 1) == '*' => {
                let mut depth = 0;
                while at < chars.len() {
                    if chars[at] == '/' && peek(at + 1) == '*' {
                        depth += 1;
                        at += 2;
                    } else if chars[at] == '*' && peek(at + 1) == '/' {
                        depth -= 1;
                        at += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        line += usize::from(chars[at] == '\n');
                        at += 1;
                    }
                }
            }
            '"' => at = skip_string(&chars, at + 1, None, &mut line),
            'r' | 'b' | 'c' if is_raw_string(&chars, at) => {
                let mut from = at + 1;
                if chars[from] == 'r' {
                    from += 1;
                }
                let hashes = chars[from..].iter().take_while(|&&c| c == '#').count();
                at = skip_string(&chars, from + hashes + 1, Some(hashes), &mut line);
            }
            'b' | 'c' if peek(at + 1) == '"' => {
                at = skip_string(&chars, at + 2, None, &mut line);
            }
            '\'' => {
                // A character ('a', '\n', '\u{1F600}') or a lifetime ('a).
                if peek(at + 1) == '\\' {
                    at += 3;
                    while at < chars.len() && chars[at] != '\'' {
                        at += 1;
                    }
                    at += 1;
                } else if peek(at + 2) == '\'' {
                    at += 3;
                } else {
                    at += 1;
                    while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                        at += 1;
                    }
                }
            }
            ':' if peek(at + 1) == ':' => {
                tokens.push(Token {
                    text: "::".into(),
                    line,
                });
                at += 2;
            }
            _ if c.is_alphanumeric() || c == '_' => {
                let start = at;
                while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                    at += 1;
                }
                let mut text: String = chars[start..at].iter().collect();
                // A raw identifier, r#type, is the identifier.
                if text == "r" && peek(at) == '#' {
                    at += 1;
                    let start = at;
                    while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                        at += 1;
                    }
                    text = chars[start..at].iter().collect();
                }
                tokens.push(Token { text, line });
            }
            _ => {
                tokens.push(Token {
                    text: c.to_string(),
                    line,
                });
                at += 1;
            }
        }
    }
    tokens
}

/// Whether `chars[at..]` starts a raw string: r", r#", br", cr#" and so on.
fn is_raw_string(chars: &[char], at: usize) -> bool {
    let mut next = at;
    if chars[next] != 'r' {
        next += 1;
        if chars.get(next) != Some(&'r') {
            return false;
        }
    }
    next += 1;
    while chars.get(next) == Some(&'#') {
        next += 1;
    }
    chars.get(next) == Some(&'"')
}

/// The index after the string whose body starts at `at`: a raw one closes with `"` and its
/// number of #s, and has no escapes.
fn skip_string(chars: &[char], mut at: usize, raw: Option<usize>, line: &mut usize) -> usize {
    let hashes = raw.unwrap_or(0);
    while at < chars.len() {
        match chars[at] {
            '\\' if raw.is_none() => at += 2,
            '"' if chars[at + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes =>
            {
                return at + 1 + hashes;
            }
            c => {
                *line += usize::from(c == '\n');
                at += 1;
            }
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(source: &str) -> Vec<(usize, String, String)> {
        unscheduled(source)
            .into_iter()
            .map(|found| (found.line, found.path, found.instead))
            .collect()
    }

    #[test]
    fn every_form_of_naming_std_sync_mutex_is_found_on_its_line() {
        let source = "use std::sync::Mutex;\n\
                      use std::{\n    sync::{Arc, Condvar},\n    time::Duration,\n};\n\
                      use std::sync::atomic::{AtomicU64, Ordering};\n\
                      fn f() { let m = ::std::sync::Mutex::new(0); }\n\
                      use std::sync as s;\n\
                      fn g() { s::RwLock::new(1); }\n";
        assert_eq!(
            paths(source),
            [
                (1, "std::sync::Mutex".into(), "crate::sync::Mutex".into()),
                (
                    3,
                    "std::sync::Condvar".into(),
                    "crate::sync::Condvar".into()
                ),
                (
                    6,
                    "std::sync::atomic::AtomicU64".into(),
                    "crate::sync::atomic::AtomicU64".into()
                ),
                (7, "std::sync::Mutex".into(), "crate::sync::Mutex".into()),
                (8, "std::sync::RwLock".into(), "crate::sync::RwLock".into()),
            ]
        );
    }

    #[test]
    fn threads_channels_and_other_crates_are_found() {
        let source = "use std::thread;\nfn f() { thread::spawn(|| ()); }\n\
                      use std::sync::mpsc;\nfn g() { let (a, b) = mpsc::channel::<u8>(); }\n\
                      use parking_lot::Mutex;\nuse core::sync::atomic::AtomicBool;\n";
        assert_eq!(
            paths(source),
            [
                (
                    1,
                    "std::thread::spawn".into(),
                    "crate::sync::thread::spawn".into()
                ),
                (
                    3,
                    "std::sync::mpsc::channel".into(),
                    "crate::sync::mpsc::channel".into()
                ),
                (5, "parking_lot::Mutex".into(), "crate::sync::Mutex".into()),
                (
                    6,
                    "core::sync::atomic::AtomicBool".into(),
                    "crate::sync::atomic::AtomicBool".into()
                ),
            ]
        );
    }

    #[test]
    fn comments_strings_crate_sync_and_plain_std_are_left_alone() {
        let source = "//! Take your primitives from `crate::sync` (it is `std::sync` when run)\n\
                      use std::time::{Duration, Instant};\nuse std::cell::RefCell;\n\
                      use std::sync::{Arc, atomic::Ordering, mpsc::RecvTimeoutError};\n\
                      use crate::sync::{Mutex, thread};\n\
                      /* std::sync::Mutex /* nested */ std::thread */\n\
                      fn f<'a>(x: &'a str) -> char { let _ = \"std::sync::Mutex\"; \
                      let _ = r#\"std::thread::spawn\"#; 'x' }\n";
        assert_eq!(paths(source), []);
    }
}
