//! The verdict protocol between `cargo xtask check` and the grading harnesses: a harness prints
//! one line, `VERDICT {json}`, and the grader reads it back (feature `course`).

use serde::{Deserialize, Serialize};

/// What the grader concluded, in the learner's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Passed,
    DoesNotCompile,
    WrongResult,
    RaceFound,
    Deadlock,
    Hang,
    Panic,
    TooSlow,
    /// Primitives from outside `crate::sync`, which the schedule explorer cannot switch inside.
    WrongImport,
}

impl Kind {
    /// How the grader's table says it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Passed => "passed",
            Kind::DoesNotCompile => "does not compile",
            Kind::WrongResult => "wrong result",
            Kind::RaceFound => "race found",
            Kind::Deadlock => "deadlock",
            Kind::Hang => "hang",
            Kind::Panic => "panic",
            Kind::TooSlow => "too slow",
            Kind::WrongImport => "wrong import",
        }
    }
}

/// A verdict with its first reason, and how to replay a failing schedule when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub kind: Kind,
    pub reason: String,
    pub replay: Option<String>,
}

/// Set (to `1`) by the grader for a harness whose standard input is a pipe from the grader, never
/// written to: the harness ends as soon as it closes, which the system does when the grader
/// ends, however it was stopped.
pub const LIFELINE: &str = "GRADER_LIFELINE";

/// The prefix of the one line a harness binary prints for the grader.
pub const VERDICT_PREFIX: &str = "VERDICT ";

impl Verdict {
    /// The line a harness prints.
    pub fn to_line(&self) -> String {
        let json = serde_json::to_string(self).expect("a verdict is plain data");
        format!("{VERDICT_PREFIX}{json}")
    }

    /// The last verdict line in a harness's standard output: `None` if there is none,
    /// `Some(Err)` if it is malformed.
    pub fn from_output(stdout: &str) -> Option<serde_json::Result<Verdict>> {
        stdout
            .lines()
            .rev()
            .find_map(|line| line.strip_prefix(VERDICT_PREFIX))
            .map(serde_json::from_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_line_reads_back_as_the_same_verdict() {
        let verdict = Verdict {
            kind: Kind::RaceFound,
            reason: "3 of 15 updates lost".into(),
            replay: Some("cargo xtask check lost_updates --seed 7".into()),
        };
        let output = format!("noise\n{}\nmore noise\n", verdict.to_line());
        assert_eq!(Verdict::from_output(&output).unwrap().unwrap(), verdict);
        assert!(Verdict::from_output("no verdict here\n").is_none());
        assert!(Verdict::from_output("VERDICT {broken\n").unwrap().is_err());
    }
}
