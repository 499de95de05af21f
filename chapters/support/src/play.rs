//! The protocol between `cargo xtask play` and the levels' binary (`grade_play`): what a level
//! is, and the state of a game after a list of moves, as JSON (feature `course`).

use serde::{Deserialize, Serialize};

/// A level, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelInfo {
    /// Its name on the command line, `lost_update`.
    pub name: String,
    /// Its title, "The lost update".
    pub title: String,
    /// The chapter it comes from, by package name.
    pub chapter: String,
    /// What the player must make happen.
    pub goal: String,
    /// Whether some schedule reaches the goal.
    pub breakable: bool,
    /// Hints, the gentlest first.
    pub hints: Vec<String>,
    /// The fix the chapter teaches.
    pub fix: String,
    /// The level's source file, and the first and last line of the part the game shows.
    pub source: String,
    pub shown: (u32, u32),
}

/// One move open to the player now: a thread's number, or a letter for a choice std leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    pub key: char,
    /// What it does: "thread 1", "wake worker 2".
    pub label: String,
}

/// A thread of the level, as the game shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    /// Its key: 1 for the first thread the level starts.
    pub key: char,
    pub name: String,
    /// "ready", "done", or what it waits for.
    pub status: String,
    /// The line of the level's source it runs next, if it has one there.
    pub line: Option<u32>,
}

/// How a game ended, once no thread can go on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ending {
    /// Every thread finished.
    Finished,
    /// Threads wait forever, as the grader words it.
    Deadlock(String),
    /// A thread panicked, or the run failed otherwise.
    Failed(String),
}

/// The state of a game after its moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The moves played, as keys.
    pub moves: Vec<char>,
    pub threads: Vec<Thread>,
    /// The shared state, a line each: "value: 1", "a: held by thread 1".
    pub shared: Vec<String>,
    /// The values the level shows, by name, for its goal.
    pub values: Vec<(String, String)>,
    /// The story so far: (thread, what it did).
    pub story: Vec<(String, String)>,
    /// The question the open moves answer, when it is not "which thread runs next".
    pub question: Option<String>,
    /// The moves open now; none once the game has ended.
    pub open: Vec<Move>,
    pub ending: Option<Ending>,
    /// Whether the goal is reached.
    pub won: bool,
    /// Set when a move was not open when it was played: the state is the one before it.
    pub error: Option<String>,
}

impl State {
    /// The value shown under `name`, as `{:?}` prints it.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(shown, _)| shown == name)
            .map(|(_, value)| value.as_str())
    }

    /// Whether every thread finished.
    pub fn finished(&self) -> bool {
        self.ending == Some(Ending::Finished)
    }

    /// Whether the game ended with threads that wait forever.
    pub fn deadlocked(&self) -> bool {
        matches!(self.ending, Some(Ending::Deadlock(_)))
    }
}

/// What a search of every schedule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    /// How many interleavings (complete games) were played.
    pub interleavings: usize,
    /// The shortest winning schedule, if there is one.
    pub shortest: Option<Vec<char>>,
    /// False if the search stopped at its budget before it had tried every interleaving.
    pub complete: bool,
}

/// `1,2,a` for a list of moves.
pub fn moves_text(moves: &[char]) -> String {
    moves
        .iter()
        .map(char::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The moves in `1,2,a` (spaces allowed), or what is wrong with it.
pub fn parse_moves(text: &str) -> Result<Vec<char>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match (chars.next(), chars.next()) {
                (Some(key), None) if key.is_ascii_alphanumeric() => Ok(key),
                _ => Err(format!(
                    "`{word}` is not a move: a move is a thread's number or a letter"
                )),
            }
        })
        .collect()
}
