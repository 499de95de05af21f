//! Every chapter page asks the reader to predict its run before showing it: a quiz in
//! `book/src/quizzes/<chapter>.toml`, rendered by mdbook-quiz. A question with a `check` is tied to
//! real output, and here its right answer is checked against what the program printed: a capture
//! in `book/src/generated/`, or a fresh run of the chapter.
//!
//! A `check` names where the output comes from, `file = "race_condition.txt"` (in
//! `book/src/generated/`) or `run = "cargo run -p <package> [--example <name>] [-- <args>]"`, and
//! says what the right answer is, with one of these:
//!
//! - `line = "... {} ..."`: the run prints this line with the right answer where `{}` is, and with
//!   no distractor there. Without `{}`, the run prints the line, which is what the answer says.
//! - `count = "..."`: the right answer is how many lines are like this one; no distractor is.
//! - `missing = true`: the right answers are lines no run prints; every distractor is a line the
//!   run prints, or one the capture says the run may or may not print.
//! - `about = "... {} ..."`: a measured figure (seconds, a speed-up, threads). The right answer's
//!   number is within `tolerance` (30 % unless given) of it, every distractor's is not.
//! - `span = true`: the run's length, from its first timestamp to its last. Timestamps count
//!   whole seconds, so a run of N seconds and a bit shows N or N + 1: the right answer's number
//!   fits that way, no distractor's does.
//! - `before = [["A", "B"], ...]` (A is printed before B on every run) and `exclusive = [["start",
//!   "end"], ...]` (these stretches of the log never overlap, as under a lock): what the run
//!   guarantees, copied from the chapter's own test. Each choice is an order of lines, in
//!   backticks; the right ones keep every guarantee, the distractors break one. With `precede =
//!   "C"`, each choice is one line instead, and the right ones are those sure to come before C.
//!   The guarantees are also checked against the capture and against a fresh run, since the
//!   capture's comparison with a fresh run (`book.rs`) ignores the order of lines.
//!
//! In templates, `*` stands for any text, and `{}` for one word (no spaces). Runs of spaces count
//! as one, and a log line is read without its timestamp. The values, counts and lines of a
//! capture are compared with a fresh run by `book.rs`, so a `file` check holds for fresh runs too.

use std::{
    collections::{BTreeSet, HashMap},
    fs,
    path::PathBuf,
};

use serde::Deserialize;
use support::log_message;
use xtask::book::{CAPTURES, Capture};

use crate::harness::run_target;

/// How many questions a chapter's quiz has: enough to make the reader guess, few enough to keep
/// them reading.
const QUESTIONS: std::ops::RangeInclusive<usize> = 2..=4;

#[derive(Debug, Deserialize)]
struct Quiz {
    questions: Vec<Question>,
}

/// One question, in mdbook-quiz's format, plus the `check` that mdbook-quiz ignores.
#[derive(Debug, Deserialize)]
struct Question {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    prompt: Prompt,
    answer: Answer,
    context: Option<String>,
    check: Option<Check>,
}

#[derive(Debug, Deserialize)]
struct Prompt {
    prompt: String,
    #[serde(default)]
    distractors: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Answer {
    answer: OneOrMore,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    More(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Check {
    file: Option<String>,
    run: Option<String>,
    line: Option<String>,
    count: Option<String>,
    #[serde(default)]
    missing: bool,
    about: Option<String>,
    tolerance: Option<f64>,
    #[serde(default)]
    span: bool,
    #[serde(default)]
    before: Vec<[String; 2]>,
    #[serde(default)]
    exclusive: Vec<[String; 2]>,
    precede: Option<String>,
}

impl Question {
    fn right(&self) -> Vec<&str> {
        match &self.answer.answer {
            OneOrMore::One(answer) => vec![answer.as_str()],
            OneOrMore::More(answers) => answers.iter().map(String::as_str).collect(),
        }
    }

    fn wrong(&self) -> Vec<&str> {
        self.prompt.distractors.iter().map(String::as_str).collect()
    }

    /// The one right answer of a question whose answer is one value.
    fn single(&self) -> Result<&str, String> {
        match self.right()[..] {
            [answer] => Ok(answer),
            _ => Err("this check needs exactly one right answer".into()),
        }
    }
}

fn book_src() -> PathBuf {
    xtask::workspace_root().join("book/src")
}

/// The chapters' quizzes, by package name, in reading order.
fn quizzes() -> Vec<(String, Quiz)> {
    xtask::chapters()
        .unwrap()
        .into_iter()
        .map(|chapter| {
            let path = book_src().join(format!("quizzes/{}.toml", chapter.package));
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{} is missing: {e}", path.display()));
            let quiz: Quiz = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not a quiz: {e}", path.display()));
            (chapter.package, quiz)
        })
        .collect()
}

/// What a run printed, as the check reads it: its lines without timestamps, runs of spaces as
/// one; and the timestamps in seconds of the day, for `span`.
struct Output {
    lines: Vec<String>,
    seconds: Vec<u32>,
    /// Lines the capture says a run may or may not print.
    may_miss: Vec<String>,
}

impl Output {
    fn new(text: &str, capture: Option<&Capture>) -> Self {
        let seconds = text
            .lines()
            .filter(|line| log_message(line).is_some())
            .filter_map(|line| {
                let mut parts = line[..8].split(':').map(|part| part.parse::<u32>().ok());
                Some(parts.next()?? * 3600 + parts.next()?? * 60 + parts.next()??)
            })
            .collect();
        Output {
            lines: text
                .lines()
                .map(|line| squeeze(log_message(line).unwrap_or(line)))
                .collect(),
            seconds,
            may_miss: capture
                .map(|capture| capture.may_miss.iter().map(|line| squeeze(line)).collect())
                .unwrap_or_default(),
        }
    }

    /// The lines like `template`.
    fn matching<'a>(&'a self, template: &'a str) -> impl Iterator<Item = &'a String> {
        self.lines
            .iter()
            .filter(move |line| fits(template, line).is_some())
    }

    /// The only line like `template`, and what stands where its `{}` is.
    fn value(&self, template: &str) -> Result<String, String> {
        let values: Vec<String> = self
            .lines
            .iter()
            .filter_map(|line| fits(template, line).flatten())
            .collect();
        match &values[..] {
            [value] => Ok(value.clone()),
            [] => Err(format!("no line is like {template:?}")),
            _ => Err(format!("{} lines are like {template:?}", values.len())),
        }
    }

    fn position(&self, line: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|printed| *printed == squeeze(line))
    }
}

/// `text` with each run of whitespace as one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `line` is like `template`: `None` if not; if so, what stands where `{}` is, if there
/// is a `{}`.
fn fits(template: &str, line: &str) -> Option<Option<String>> {
    fn go(template: &[char], line: &[char], value: &mut Option<String>) -> bool {
        match template {
            [] => line.is_empty(),
            ['*', rest @ ..] => (0..=line.len()).any(|skip| go(rest, &line[skip..], value)),
            ['{', '}', rest @ ..] => (1..=line.len())
                .take_while(|&end| !line[end - 1].is_whitespace())
                .any(|end| {
                    *value = Some(line[..end].iter().collect());
                    go(rest, &line[end..], value)
                }),
            [c, rest @ ..] => line.first() == Some(c) && go(rest, &line[1..], value),
        }
    }
    let template: Vec<char> = squeeze(template).chars().collect();
    let line: Vec<char> = squeeze(line).chars().collect();
    let mut value = None;
    go(&template, &line, &mut value).then_some(value)
}

/// An answer as plain text: without Markdown's backticks and emphasis, spaces squeezed.
fn plain(answer: &str) -> String {
    squeeze(&answer.replace(['`', '*'], ""))
}

/// The lines an answer quotes, in backticks, in order.
fn quoted(answer: &str) -> Vec<String> {
    answer.split('`').skip(1).step_by(2).map(squeeze).collect()
}

/// The first number in an answer ("About 0.64 s", "2,000", "2×"), with commas read as
/// thousands; milliseconds ("20 ms") are turned into seconds.
fn number(answer: &str) -> Result<f64, String> {
    let text = plain(answer);
    let start = text
        .find(|c: char| c.is_ascii_digit())
        .ok_or_else(|| format!("no number in the answer {answer:?}"))?;
    let length = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len() - start);
    let digits = text[start..start + length]
        .trim_end_matches(['.', ','])
        .replace(',', "");
    let value: f64 = digits
        .parse()
        .map_err(|_| format!("no number in the answer {answer:?}"))?;
    let unit = text[start + length..].trim_start();
    Ok(if unit.starts_with("ms") {
        value / 1000.0
    } else {
        value
    })
}

/// A value as the check compares it: spaces squeezed, thousands separators dropped.
fn same_value(a: &str, b: &str) -> bool {
    plain(a).replace(',', "") == plain(b).replace(',', "")
}

/// Checks `question`'s right answer (and its distractors) against one run's `output`.
fn verdict(question: &Question, output: &Output) -> Result<(), String> {
    let check = question.check.as_ref().ok_or("the question has no check")?;
    let orders = !check.before.is_empty() || !check.exclusive.is_empty();
    let kinds = [
        check.line.is_some(),
        check.count.is_some(),
        check.missing,
        check.about.is_some(),
        check.span,
        orders,
    ];
    if kinds.iter().filter(|kind| **kind).count() != 1 {
        return Err(
            "a check says what the answer is in one way: line, count, missing, about, span, \
             or before and exclusive"
                .into(),
        );
    }
    if let Some(template) = &check.line {
        if !template.contains("{}") {
            return match output.matching(template).next() {
                Some(_) => Ok(()),
                None => Err(format!("the run prints no line like {template:?}")),
            };
        }
        let printed = output.value(template)?;
        let answer = question.single()?;
        if !same_value(answer, &printed) {
            return Err(format!(
                "the answer is {answer:?}, the run printed {printed:?} in {template:?}"
            ));
        }
        if let Some(wrong) = question
            .wrong()
            .into_iter()
            .find(|w| same_value(w, &printed))
        {
            return Err(format!("the distractor {wrong:?} is what the run printed"));
        }
        return Ok(());
    }
    if let Some(template) = &check.count {
        let printed = output.matching(template).count() as f64;
        let answer = question.single()?;
        if number(answer)? != printed {
            return Err(format!(
                "the answer is {answer:?}, the run printed {printed} lines like {template:?}"
            ));
        }
        for wrong in question.wrong() {
            if number(wrong)? == printed {
                return Err(format!(
                    "the distractor {wrong:?} is the count the run printed"
                ));
            }
        }
        return Ok(());
    }
    if check.missing {
        for right in question.right() {
            if quoted(right).is_empty() {
                return Err(format!("the answer {right:?} quotes no line in backticks"));
            }
            for line in quoted(right) {
                if output.position(&line).is_some() {
                    return Err(format!("the run prints {line:?}, marked as never printed"));
                }
            }
        }
        for wrong in question.wrong() {
            for line in quoted(wrong) {
                if output.position(&line).is_none() && !output.may_miss.contains(&line) {
                    return Err(format!(
                        "the distractor {line:?} is not printed either, so it is not wrong"
                    ));
                }
            }
        }
        return Ok(());
    }
    if let Some(template) = &check.about {
        let printed = output.value(template)?;
        let measured: f64 = printed
            .replace(',', "")
            .parse()
            .map_err(|_| format!("{printed:?} in {template:?} is not a number"))?;
        let tolerance = check.tolerance.unwrap_or(0.3);
        let near = |value: f64| (value - measured).abs() <= tolerance * measured;
        return within(question, measured, near, &format!("{template:?}"));
    }
    if check.span {
        let (Some(first), Some(last)) = (output.seconds.first(), output.seconds.last()) else {
            return Err("the run has no timestamped lines".into());
        };
        // A run that goes past midnight starts again at 0.
        let measured = f64::from((last + 86_400 - first) % 86_400);
        let near = |value: f64| (value..=value + 1.0).contains(&measured);
        return within(question, measured, near, "the run's length in seconds");
    }
    order(question, check, output)
}

/// Checks that the right answer's number is `near` the `measured` figure, and no distractor's.
fn within(
    question: &Question,
    measured: f64,
    near: impl Fn(f64) -> bool,
    what: &str,
) -> Result<(), String> {
    let answer = question.single()?;
    if !near(number(answer)?) {
        return Err(format!(
            "the answer is {answer:?}, the run measured {measured} for {what}"
        ));
    }
    for wrong in question.wrong() {
        if near(number(wrong)?) {
            return Err(format!(
                "the distractor {wrong:?} is as near as the answer to {measured} ({what})"
            ));
        }
    }
    Ok(())
}

/// The guarantees of an order question, as edges between the lines they name: every line of
/// the choices, of `precede`, and of the guarantees without a `*`.
struct Guarantees {
    /// For each line, the lines that must come after it, directly or through others.
    after: HashMap<String, BTreeSet<String>>,
    /// Stretches of the log, from a start line to an end line, that never overlap.
    exclusive: Vec<(String, String)>,
}

impl Guarantees {
    fn new(check: &Check, lines: &BTreeSet<String>) -> Self {
        let mut pairs = check.before.clone();
        pairs.extend(check.exclusive.iter().cloned());
        let mut after: HashMap<String, BTreeSet<String>> = HashMap::new();
        for [first, then] in &pairs {
            for a in lines.iter().filter(|line| fits(first, line).is_some()) {
                for b in lines.iter().filter(|line| fits(then, line).is_some()) {
                    after.entry(a.clone()).or_default().insert(b.clone());
                }
            }
        }
        // Closed under "through others": a before b and b before c make a before c.
        loop {
            let mut grown = false;
            let snapshot = after.clone();
            for followers in after.values_mut() {
                let reached: Vec<String> = followers
                    .iter()
                    .flat_map(|b| snapshot.get(b).into_iter().flatten().cloned())
                    .collect();
                for c in reached {
                    grown |= followers.insert(c);
                }
            }
            if !grown {
                break;
            }
        }
        Guarantees {
            after,
            exclusive: check
                .exclusive
                .iter()
                .map(|[start, end]| (squeeze(start), squeeze(end)))
                .collect(),
        }
    }

    fn must_precede(&self, a: &str, b: &str) -> bool {
        self.after
            .get(a)
            .is_some_and(|followers| followers.contains(b))
    }

    /// Whether an order of lines keeps every guarantee; if not, which one it breaks.
    fn kept_by(&self, order: &[String]) -> Result<(), String> {
        for (i, earlier) in order.iter().enumerate() {
            for later in &order[i + 1..] {
                if self.must_precede(later, earlier) {
                    return Err(format!("{later:?} must come before {earlier:?}"));
                }
            }
        }
        let at = |line: &str| order.iter().position(|l| l == line);
        let stretches: Vec<(usize, usize)> = self
            .exclusive
            .iter()
            .filter_map(|(start, end)| Some((at(start)?, at(end)?)))
            .collect();
        for (i, (start, end)) in stretches.iter().enumerate() {
            for (other_start, other_end) in &stretches[i + 1..] {
                if start < other_end && other_start < end {
                    return Err(format!(
                        "{:?} and {:?} overlap",
                        order[*start], order[*other_start]
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An order question: its choices against the guarantees, and the guarantees against the run.
fn order(question: &Question, check: &Check, output: &Output) -> Result<(), String> {
    let choices: Vec<(bool, Vec<String>)> = question
        .right()
        .into_iter()
        .map(|right| (true, quoted(right)))
        .chain(
            question
                .wrong()
                .into_iter()
                .map(|wrong| (false, quoted(wrong))),
        )
        .collect();
    let mut named: BTreeSet<String> = choices
        .iter()
        .flat_map(|(_, lines)| lines.clone())
        .collect();
    named.extend(check.precede.iter().map(|line| squeeze(line)));
    for line in &named {
        if output.position(line).is_none() {
            return Err(format!("the run does not print {line:?}"));
        }
    }
    // The guarantees hold in the run, between every pair of lines it printed.
    let printed: BTreeSet<String> = output.lines.iter().cloned().collect();
    let in_run = Guarantees::new(check, &printed);
    if let Err(broken) = in_run.kept_by(&output.lines) {
        return Err(format!("the run breaks a guarantee: {broken}"));
    }
    let guarantees = Guarantees::new(check, &printed.union(&named).cloned().collect());
    for (right, lines) in choices {
        let kept = match &check.precede {
            Some(target) => match &lines[..] {
                [line] if guarantees.must_precede(line, &squeeze(target)) => Ok(()),
                [line] => Err(format!("nothing makes {line:?} come before {target:?}")),
                _ => return Err("with `precede`, each choice quotes one line".into()),
            },
            None => guarantees.kept_by(&lines),
        };
        match (right, kept) {
            (true, Err(broken)) => {
                return Err(format!(
                    "the answer {lines:?} is marked right, but {broken}"
                ));
            }
            (false, Ok(())) => {
                return Err(format!(
                    "the distractor {lines:?} keeps every guarantee, so a run may show it"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The capture a check's `file` names, if it is one of the captured runs.
fn capture_of(file: &str) -> Option<&'static Capture> {
    let name = file.strip_suffix(".txt")?;
    CAPTURES.iter().find(|capture| capture.file == name)
}

/// Runs what a check's `run` names: `cargo run -p <package> [--example <name>] [-- <args>]`.
fn fresh_run(command: &str) -> Output {
    let words: Vec<&str> = command.split_whitespace().collect();
    let (cargo, args) = match words.iter().position(|w| *w == "--") {
        Some(at) => (&words[..at], &words[at + 1..]),
        None => (&words[..], &[][..]),
    };
    let after = |flag: &str| {
        cargo
            .iter()
            .position(|w| *w == flag)
            .map(|at| cargo[at + 1])
    };
    assert!(
        cargo.starts_with(&["cargo", "run"]),
        "{command:?} is not a `cargo run -p ...` command"
    );
    let package = after("-p").unwrap_or_else(|| panic!("{command:?} names no package (-p)"));
    let run = run_target(package, after("--example"), args, &[]);
    run.assert_success();
    Output::new(&format!("{}{}", run.stdout, run.stderr), None)
}

/// A fresh run of a capture's command, as `cargo xtask book` runs it.
fn fresh_capture(capture: &Capture) -> Output {
    let run = run_target(capture.package, capture.example, capture.args, capture.env);
    run.assert_success();
    Output::new(&format!("{}{}", run.stdout, run.stderr), Some(capture))
}

fn captured(file: &str) -> Output {
    let path = book_src().join("generated").join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}); `cargo xtask book` writes it",
            path.display()
        )
    });
    Output::new(&text, capture_of(file))
}

#[test]
fn every_chapter_page_has_a_short_quiz_before_the_output_it_asks_about() {
    let mut ids = BTreeSet::new();
    for (package, quiz) in quizzes() {
        let page_path = book_src().join(format!("chapters/{package}.md"));
        let page = fs::read_to_string(&page_path).unwrap();
        let directive = format!("{{{{#quiz ../quizzes/{package}.toml}}}}");
        assert_eq!(
            page.matches("{{#quiz ").count(),
            1,
            "chapters/{package}.md should have one quiz: {directive}"
        );
        let quiz_at = page
            .find(&directive)
            .unwrap_or_else(|| panic!("chapters/{package}.md lacks {directive}"));
        assert!(
            QUESTIONS.contains(&quiz.questions.len()),
            "quizzes/{package}.toml has {} questions, not {QUESTIONS:?}",
            quiz.questions.len()
        );
        for question in &quiz.questions {
            let id = &question.id;
            assert!(
                id.starts_with(&format!("{package}-")) && ids.insert(id.clone()),
                "quizzes/{package}.toml: the id {id:?} should be unique and start with {package}-"
            );
            assert!(
                ["MultipleChoice", "ShortAnswer"].contains(&question.kind.as_str()),
                "{id}: type {:?}",
                question.kind
            );
            assert!(!question.prompt.prompt.trim().is_empty(), "{id}: no prompt");
            assert!(
                question
                    .context
                    .as_ref()
                    .is_some_and(|c| !c.trim().is_empty()),
                "{id}: no explanation (`context`) to show after the answer"
            );
            if question.kind == "MultipleChoice" {
                assert!(!question.wrong().is_empty(), "{id}: no distractors");
            }
            // The reader predicts before the page shows the answer.
            if let Some(file) = question.check.as_ref().and_then(|c| c.file.as_ref())
                && let Some(shown) = page.find(&format!("../generated/{file}}}}}"))
            {
                assert!(
                    quiz_at < shown,
                    "chapters/{package}.md shows {file} before the quiz that asks about it"
                );
            }
        }
    }
}

#[test]
fn every_quiz_answer_tied_to_a_run_is_what_the_program_prints() {
    let quizzes = quizzes();
    let questions: Vec<&Question> = quizzes.iter().flat_map(|(_, q)| &q.questions).collect();
    let tied: Vec<&Question> = questions
        .iter()
        .copied()
        .filter(|q| q.check.is_some())
        .collect();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = tied
            .iter()
            .map(|question| {
                scope.spawn(move || {
                    let check = question.check.as_ref().unwrap();
                    let mut outputs = Vec::new();
                    match (&check.file, &check.run) {
                        (Some(file), None) => {
                            outputs.push((file.clone(), captured(file)));
                            // The capture's comparison ignores the order of lines: a fresh run
                            // tests the order guarantees.
                            let orders = !check.before.is_empty() || !check.exclusive.is_empty();
                            if let Some(capture) = capture_of(file).filter(|_| orders) {
                                outputs.push((
                                    format!("a fresh run for {file}"),
                                    fresh_capture(capture),
                                ));
                            }
                        }
                        (None, Some(command)) => {
                            outputs.push((format!("`{command}`"), fresh_run(command)));
                        }
                        _ => panic!("{}: a check names either a `file` or a `run`", question.id),
                    }
                    outputs
                        .iter()
                        .filter_map(|(source, output)| {
                            verdict(question, output)
                                .err()
                                .map(|why| format!("{} (against {source}): {why}", question.id))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap())
            .collect()
    });
    println!(
        "{} questions in {} quizzes, {} tied to real output",
        questions.len(),
        quizzes.len(),
        tied.len()
    );
    assert!(
        failures.is_empty(),
        "quiz answers that the programs contradict (update the quiz, or the chapter):\n{}",
        failures.join("\n")
    );
}

/// The question `id` of a chapter's quiz.
fn question(package: &str, id: &str) -> Question {
    let (_, quiz) = quizzes()
        .into_iter()
        .find(|(name, _)| name == package)
        .unwrap();
    quiz.questions
        .into_iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question {id} in quizzes/{package}.toml"))
}

/// A capture's text with `from` replaced by `to`, as if the chapter had printed that.
fn changed(file: &str, from: &str, to: &str) -> Output {
    let text = fs::read_to_string(book_src().join("generated").join(file)).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    Output::new(&text.replace(from, to), capture_of(file))
}

#[test]
fn a_capture_changed_to_a_wrong_value_fails_the_question_about_it() {
    // A value: the race ending at 2.
    let race = question("race_condition", "race_condition-ending-value");
    assert_eq!(verdict(&race, &captured("race_condition.txt")), Ok(()));
    let wrong = changed(
        "race_condition.txt",
        "Ending value is 1.",
        "Ending value is 2.",
    );
    assert!(verdict(&race, &wrong).is_err());

    // A line that never prints, printed.
    let daemon = question("daemon_thread", "daemon_thread-never-printed");
    assert_eq!(verdict(&daemon, &captured("daemon_thread.txt")), Ok(()));
    let finishing = "Main    : all done\n18:59:10: Thread 1: finishing";
    let wrong = changed("daemon_thread.txt", "Main    : all done", finishing);
    assert!(verdict(&daemon, &wrong).is_err());

    // An order the guarantees forbid: `all done` before the joined thread finished.
    let join = question("join_thread", "join_thread-orders");
    assert_eq!(verdict(&join, &captured("join_thread.txt")), Ok(()));
    let swapped = changed("join_thread.txt", "Thread 1: finishing", "SWAP")
        .lines
        .iter()
        .map(|line| match line.as_str() {
            "SWAP" => "Main : all done".to_owned(),
            "Main : all done" => "Thread 1: finishing".to_owned(),
            _ => line.clone(),
        })
        .collect();
    let wrong = Output {
        lines: swapped,
        ..captured("join_thread.txt")
    };
    assert!(verdict(&join, &wrong).is_err());

    // A count: the barrier's leader, twice.
    let barrier = question("barrier", "barrier-leaders");
    assert_eq!(verdict(&barrier, &captured("barrier.txt")), Ok(()));
    let two = "Worker 0: running\n18:59:25: Worker 0: all workers ready; I am the leader";
    assert!(verdict(&barrier, &changed("barrier.txt", "Worker 0: running", two)).is_err());

    // A time, ten times longer.
    let downloads = question("download_sync", "download_sync-six-downloads");
    assert_eq!(verdict(&downloads, &captured("download_sync.txt")), Ok(()));
    let slow = changed("download_sync.txt", "in 0.131 seconds", "in 1.31 seconds");
    assert!(verdict(&downloads, &slow).is_err());
}

#[test]
fn templates_match_words_and_any_text() {
    assert_eq!(
        fits("Ending value is {}.", "Ending value is 1."),
        Some(Some("1".into()))
    );
    assert_eq!(fits("Ending value is {}.", "Ending value is 1 or 2."), None);
    assert_eq!(
        fits(
            "fetch_add*lost {} (*",
            "fetch_add : 4 threads x 10, lost 0 (77.2 ms)"
        ),
        Some(Some("0".into()))
    );
    assert_eq!(fits("Main : all done", "Main    : all done"), Some(None));
    assert_eq!(number("About 0.64 s").unwrap(), 0.64);
    assert_eq!(number("about 2,000").unwrap(), 2000.0);
    assert_eq!(number("20 ms").unwrap(), 0.02);
    assert_eq!(quoted("`a`, then `b  c`"), ["a", "b c"]);
}
