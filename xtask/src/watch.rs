//! `cargo xtask watch` (and plain `cargo xtask`): the learner's loop in one screen, in the
//! manner of rustlings' watch mode. A progress bar, the current exercise and its file, its last
//! verdict in full, and keys for next, hint, list, check all, reset and quit. Every save of an
//! exercise file is graded. Drawn with crossterm, it fits a plain 80x24 terminal; when standard
//! output is not a terminal, it falls back to one line of output per graded save.

use std::{
    collections::BTreeMap,
    fs,
    io::{IsTerminal, Write},
    sync::mpsc::{self, Receiver, Sender},
    thread,
    time::Duration,
};

use anyhow::Result;
use crossterm::{
    cursor, event,
    event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers},
    execute, queue,
    style::Print,
    terminal::{self, ClearType},
};
use notify_debouncer_mini::{new_debouncer, notify::RecursiveMode};
use support::verdict::{Kind, Verdict};
use xtask::{Exercise, blob_id, exercises, workspace_root};

use crate::check::{self, display, has_passed, recall, wrap};

/// Where an exercise stands, as the list shows it.
#[derive(Clone, PartialEq)]
enum State {
    NotStarted,
    /// Changed since it was last graded, or never graded.
    InProgress,
    Passed,
    Failed(&'static str),
}

impl State {
    fn label(&self) -> String {
        match self {
            State::NotStarted => "not started".into(),
            State::InProgress => "in progress".into(),
            State::Passed => "passed".into(),
            State::Failed(kind) => format!("failed ({kind})"),
        }
    }
}

/// What the watch loop waits for.
enum Message {
    /// A key was pressed.
    Key(KeyEvent),
    /// The terminal changed size.
    Resized,
    /// Files under chapters/ changed.
    Saved(Vec<std::path::PathBuf>),
    /// A grading finished: the exercise's index, the content graded, the verdict.
    Graded(usize, Vec<u8>, Result<Verdict>),
}

struct App {
    exercises: Vec<Exercise>,
    states: Vec<State>,
    current: usize,
    /// The blob id of each file's content as last seen, so a save that changes nothing (or the
    /// grader reading the file) does not grade again.
    seen: BTreeMap<usize, String>,
    /// The text under the header: a verdict, the hints, the list...
    panel: Vec<String>,
    hints_shown: usize,
    /// The exercise being graded now, and the exercises waiting to be graded after it.
    grading: Option<usize>,
    queue: Vec<usize>,
    messages: Sender<Message>,
}

pub(crate) fn watch() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        return check::watch_lines();
    }
    let (messages, inbox) = mpsc::channel();
    let saves = messages.clone();
    let mut debouncer = new_debouncer(
        Duration::from_millis(300),
        move |batch: notify_debouncer_mini::DebounceEventResult| {
            if let Ok(events) = batch {
                let paths = events.into_iter().map(|event| event.path).collect();
                saves.send(Message::Saved(paths)).ok();
            }
        },
    )?;
    debouncer
        .watcher()
        .watch(&workspace_root().join("chapters"), RecursiveMode::Recursive)?;
    let keys = messages.clone();
    thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(Event::Key(key)) if key.kind == KeyEventKind::Press => Message::Key(key),
                Ok(Event::Resize(..)) => Message::Resized,
                Ok(_) => continue,
                Err(_) => return,
            };
            if keys.send(message).is_err() {
                return;
            }
        }
    });

    let mut app = App::new(messages)?;
    let _screen = Screen::enter()?;
    app.draw()?;
    app.run(&inbox)
}

impl App {
    fn new(messages: Sender<Message>) -> Result<Self> {
        let exercises = exercises()?;
        let memory = recall()?;
        let states: Vec<State> = exercises
            .iter()
            .map(|exercise| {
                let content = fs::read(&exercise.file).unwrap_or_default();
                let id = blob_id(&content);
                if id == exercise.starter {
                    State::NotStarted
                } else if has_passed(exercise, &memory) {
                    State::Passed
                } else {
                    match memory.grades.get(&exercise.name) {
                        Some((graded, kind)) if *graded == id => State::Failed(kind.label()),
                        _ => State::InProgress,
                    }
                }
            })
            .collect();
        let seen = exercises
            .iter()
            .enumerate()
            .map(|(index, exercise)| {
                let content = fs::read(&exercise.file).unwrap_or_default();
                (index, blob_id(&content))
            })
            .collect();
        let current = states
            .iter()
            .position(|state| *state != State::Passed)
            .unwrap_or(0);
        let mut app = App {
            exercises,
            states,
            current,
            seen,
            panel: Vec::new(),
            hints_shown: 0,
            grading: None,
            queue: Vec::new(),
            messages,
        };
        app.show_task();
        Ok(app)
    }

    fn run(&mut self, inbox: &Receiver<Message>) -> Result<()> {
        for message in inbox {
            match message {
                Message::Key(key) => {
                    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.code == KeyCode::Char('c');
                    match key.code {
                        _ if ctrl_c => return Ok(()),
                        KeyCode::Char('q') | KeyCode::Esc => return Ok(()),
                        KeyCode::Char('n') => self.next(),
                        KeyCode::Char('h') => self.hint(),
                        KeyCode::Char('l') => self.list(),
                        KeyCode::Char('c') => self.check_all(),
                        KeyCode::Char('r') => self.reset(),
                        _ => {}
                    }
                }
                Message::Resized => {}
                Message::Saved(paths) => self.saved(&paths),
                Message::Graded(index, content, verdict) => self.graded(index, &content, verdict),
            }
            self.draw()?;
        }
        Ok(())
    }

    fn exercise(&self) -> &Exercise {
        &self.exercises[self.current]
    }

    /// The panel for a fresh start on the current exercise.
    fn show_task(&mut self) {
        self.hints_shown = 0;
        let exercise = self.exercise();
        self.panel = vec![
            format!("Edit {}", display(&exercise.file)),
            "and save it: every save is graded here.".into(),
            String::new(),
            format!(
                "Its task is at the top of the file; its chapter is {}.",
                exercise.chapter
            ),
        ];
    }

    fn next(&mut self) {
        let count = self.exercises.len();
        let next = (1..=count)
            .map(|offset| (self.current + offset) % count)
            .find(|&index| self.states[index] != State::Passed)
            .unwrap_or((self.current + 1) % count);
        self.current = next;
        self.show_task();
    }

    fn hint(&mut self) {
        let hints = self.exercise().hints.clone();
        self.hints_shown = (self.hints_shown + 1).min(hints.len());
        self.panel = vec![
            format!("Hints for {}:", self.exercise().name),
            String::new(),
        ];
        for (index, hint) in hints.iter().take(self.hints_shown).enumerate() {
            self.panel.push(format!("{}. {hint}", index + 1));
        }
        if self.hints_shown < hints.len() {
            self.panel.push(String::new());
            self.panel.push("Press h again for the next hint.".into());
        }
    }

    fn list(&mut self) {
        self.panel = vec![format!("{:>2}  {:<20} state", "#", "exercise")];
        for (index, exercise) in self.exercises.iter().enumerate() {
            let marker = if index == self.current { ">" } else { " " };
            self.panel.push(format!(
                "{marker}{:>2} {:<20} {}",
                index + 1,
                exercise.name,
                self.states[index].label()
            ));
        }
    }

    fn check_all(&mut self) {
        self.queue = (0..self.exercises.len())
            .filter(|&index| self.states[index] != State::NotStarted)
            .collect();
        self.panel = vec![format!(
            "Checking all {} started exercises...",
            self.queue.len()
        )];
        self.start_next_grading();
    }

    fn reset(&mut self) {
        let exercise = self.exercise().clone();
        let result = fs::read(&exercise.pristine)
            .map_err(anyhow::Error::from)
            .and_then(|pristine| check::restore(&exercise.file, &pristine));
        self.panel = match result {
            Ok(Some(backup)) => vec![
                format!("Restored {}.", display(&exercise.file)),
                format!("Your version is saved as {}.", display(&backup)),
            ],
            Ok(None) => vec![format!("Restored {}.", display(&exercise.file))],
            Err(error) => vec![format!("error: {error:#}")],
        };
    }

    fn saved(&mut self, paths: &[std::path::PathBuf]) {
        for index in 0..self.exercises.len() {
            let file = &self.exercises[index].file;
            if !paths.iter().any(|path| path == file) {
                continue;
            }
            let id = blob_id(&fs::read(file).unwrap_or_default());
            if self.seen.get(&index) == Some(&id) {
                continue;
            }
            self.seen.insert(index, id.clone());
            self.current = index;
            self.states[index] = if id == self.exercises[index].starter {
                State::NotStarted
            } else {
                State::InProgress
            };
            if self.states[index] == State::InProgress && !self.queue.contains(&index) {
                self.queue.push(index);
            }
        }
        self.start_next_grading();
    }

    fn start_next_grading(&mut self) {
        if self.grading.is_some() || self.queue.is_empty() {
            return;
        }
        let index = self.queue.remove(0);
        self.grading = Some(index);
        let exercise = self.exercises[index].clone();
        let messages = self.messages.clone();
        thread::spawn(move || {
            let content = fs::read(&exercise.file).unwrap_or_default();
            let verdict = check::grade(&exercise, &exercise.file, &content, None);
            messages.send(Message::Graded(index, content, verdict)).ok();
        });
    }

    fn graded(&mut self, index: usize, content: &[u8], verdict: Result<Verdict>) {
        self.grading = None;
        let exercise = self.exercises[index].clone();
        match verdict {
            Err(error) => {
                self.panel = vec![format!("error: {error:#}")];
            }
            Ok(verdict) => {
                check::remember_verdict(&exercise, content, verdict.kind).ok();
                self.states[index] = if verdict.kind == Kind::Passed {
                    State::Passed
                } else {
                    State::Failed(verdict.kind.label())
                };
                if index == self.current || self.queue.is_empty() {
                    self.current = index;
                    self.panel = self.verdict_panel(&exercise, &verdict);
                }
            }
        }
        self.start_next_grading();
    }

    fn verdict_panel(&self, exercise: &Exercise, verdict: &Verdict) -> Vec<String> {
        if verdict.kind != Kind::Passed {
            let mut panel = vec![
                format!("✗ {}: {}", exercise.name, verdict.kind.label()),
                String::new(),
            ];
            panel.extend(verdict.reason.lines().map(str::to_owned));
            if let Some(replay) = &verdict.replay {
                panel.push(String::new());
                panel.push(format!("Replay this schedule: {replay}"));
            }
            return panel;
        }
        let count = self.exercises.len();
        let next = (1..count)
            .map(|offset| (self.current + offset) % count)
            .find(|&index| self.states[index] != State::Passed);
        // The next step first: the discussion is long, and on a small screen it is cut.
        vec![
            format!("✓ {} passed.", exercise.name),
            match next {
                Some(next) => format!("Next: {} (press n)", self.exercises[next].name),
                None => "Every exercise has passed. Well done!".into(),
            },
            String::new(),
            format!("The lesson: {}", exercise.lesson),
            String::new(),
            format!(
                "Compare with the reference solution: {}",
                display(&exercise.solution)
            ),
            String::new(),
            exercise.discussion.clone(),
        ]
    }

    fn draw(&self) -> Result<()> {
        let (width, height) = terminal::size().unwrap_or((80, 24));
        let (width, height) = (usize::from(width.max(20)), usize::from(height.max(8)));
        let passed = self.states.iter().filter(|s| **s == State::Passed).count();
        let total = self.exercises.len();
        let mut lines = Vec::new();
        let title = "Threading in Rust: exercises";
        let count = format!("{passed}/{total} passed");
        lines.push(format!(
            "{title}{count:>pad$}",
            pad = width.saturating_sub(title.len())
        ));
        let bar_width = width.saturating_sub(2);
        let filled = bar_width * passed / total.max(1);
        lines.push(format!(
            "[{}{}]",
            "#".repeat(filled),
            "-".repeat(bar_width - filled)
        ));
        let exercise = self.exercise();
        let status = match self.grading {
            Some(index) => format!("grading {}...", self.exercises[index].name),
            None => self.states[self.current].label(),
        };
        lines.push(format!("{} {}: {status}", self.current + 1, exercise.name));
        lines.push(display(&exercise.file));
        lines.push("-".repeat(width));
        let keys = "n next  h hint  l list  c check all  r reset  q quit";
        let room = height.saturating_sub(lines.len() + 2);
        let mut panel: Vec<String> = self
            .panel
            .iter()
            .flat_map(|line| {
                if line.chars().count() <= width {
                    vec![line.clone()]
                } else {
                    wrap(line, width).lines().map(str::to_owned).collect()
                }
            })
            .collect();
        if panel.len() > room {
            panel.truncate(room.saturating_sub(1));
            panel.push("...".into());
        }
        lines.extend(panel);
        let mut out = std::io::stdout();
        queue!(out, terminal::Clear(ClearType::All), cursor::MoveTo(0, 0))?;
        for (row, line) in lines.iter().enumerate() {
            let line: String = line.chars().take(width).collect();
            queue!(out, cursor::MoveTo(0, row as u16), Print(line))?;
        }
        let last = (height - 1) as u16;
        queue!(out, cursor::MoveTo(0, last - 1), Print("-".repeat(width)))?;
        queue!(out, cursor::MoveTo(0, last), Print(keys))?;
        out.flush()?;
        Ok(())
    }
}

/// The terminal in raw mode on the alternate screen; put back as it was when dropped, on any
/// return or panic.
struct Screen;

impl Screen {
    fn enter() -> Result<Self> {
        terminal::enable_raw_mode()?;
        execute!(
            std::io::stdout(),
            terminal::EnterAlternateScreen,
            cursor::Hide
        )?;
        Ok(Screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        execute!(
            std::io::stdout(),
            cursor::Show,
            terminal::LeaveAlternateScreen
        )
        .ok();
        terminal::disable_raw_mode().ok();
    }
}
