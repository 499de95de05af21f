//! `cargo xtask watch` (and plain `cargo xtask`): the learner's loop in one screen, in the
//! manner of rustlings' watch mode. A progress bar, the current exercise and its file, its last
//! verdict in full, and keys for next, hint, list, check all, reset and quit. Every save of an
//! exercise file is graded. Drawn with crossterm, it fits a plain 80x24 terminal: a verdict
//! longer than the screen scrolls, and a failing story opens at its end, the failing step. When
//! standard output is not a terminal, it falls back to one line of output per graded save.
//!
//! On opening, it builds the grader for the current exercise in the background (the first build
//! compiles some 180 crates and takes minutes), and shows how far that build has come; a save
//! meanwhile is graded once it is done, as cargo's lock on the target directory makes the
//! grading's own build wait.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    io::{BufRead, BufReader, IsTerminal, Write},
    process::Stdio,
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

use crate::check::{
    after_pass::{mistakes, wrap},
    build, commands, display, grade,
    memory::{self, has_passed, recall},
};

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
    /// News from the grader's first build, started when the screen opens.
    WarmUp(WarmUp),
}

enum WarmUp {
    /// How many packages the build has in all.
    Packages(usize),
    /// Cargo started compiling something: the build is not a no-op.
    Compiling,
    /// How many packages are built (or were already).
    Built(usize),
    /// The build ended, built or not: a grading's own build says what went wrong, if anything.
    Done,
}

/// How far the grader's first build has come.
#[derive(Default)]
struct Progress {
    /// Whether cargo has compiled anything; until it does, the build may be a no-op and is not
    /// shown.
    compiling: bool,
    built: usize,
    packages: Option<usize>,
}

/// The panel's scroll position when it opens at its end.
const END: usize = usize::MAX;

struct App {
    exercises: Vec<Exercise>,
    states: Vec<State>,
    current: usize,
    /// The blob id of each file's content as last seen, so a save that changes nothing (or the
    /// grader reading the file) does not grade again.
    seen: BTreeMap<usize, String>,
    /// The text under the header: a verdict, the hints, the list... Its first line is its
    /// title, which stays in place when the rest scrolls.
    panel: Vec<String>,
    /// The first line of the panel's scrolling part on screen, or [`END`]; set within bounds
    /// when drawn.
    scroll: usize,
    /// How many lines of the panel's scrolling part fit on the screen, as last drawn.
    page: usize,
    /// The grader's first build, while it runs.
    warm_up: Option<Progress>,
    hints_shown: usize,
    /// The exercise being graded now, and the exercises waiting to be graded after it.
    grading: Option<usize>,
    queue: Vec<usize>,
    messages: Sender<Message>,
}

pub(crate) fn watch() -> Result<()> {
    if !std::io::stdout().is_terminal() {
        return commands::watch_lines();
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
    app.warm_up();
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
            scroll: 0,
            page: 1,
            warm_up: None,
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
                        KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
                        KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
                        KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(self.page),
                        KeyCode::PageDown => self.scroll = self.scroll.saturating_add(self.page),
                        KeyCode::Home => self.scroll = 0,
                        KeyCode::End => self.scroll = END,
                        _ => {}
                    }
                }
                Message::Resized => {}
                Message::Saved(paths) => self.saved(&paths),
                Message::Graded(index, content, verdict) => self.graded(index, &content, verdict),
                Message::WarmUp(news) => self.warmed(news),
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
        let panel = vec![
            format!("Edit {}", display(&exercise.file)),
            "and save it: every save is graded here.".into(),
            String::new(),
            format!(
                "Its task is at the top of the file; its chapter is {}.",
                exercise.chapter
            ),
        ];
        self.show(panel, 0);
    }

    /// Puts `panel` on screen, scrolled to `scroll` (0 for its top, [`END`] for its end).
    fn show(&mut self, panel: Vec<String>, scroll: usize) {
        self.panel = panel;
        self.scroll = scroll;
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
        let mut panel = vec![
            format!("Hints for {}:", self.exercise().name),
            String::new(),
        ];
        for (index, hint) in hints.iter().take(self.hints_shown).enumerate() {
            panel.push(format!("{}. {hint}", index + 1));
        }
        if self.hints_shown < hints.len() {
            panel.push(String::new());
            panel.push("Press h again for the next hint.".into());
        }
        // The newest hint is at the end.
        self.show(panel, END);
    }

    fn list(&mut self) {
        let mut panel = vec![format!("{:>2}  {:<20} state", "#", "exercise")];
        for (index, exercise) in self.exercises.iter().enumerate() {
            let marker = if index == self.current { ">" } else { " " };
            panel.push(format!(
                "{marker}{:>2} {:<20} {}",
                index + 1,
                exercise.name,
                self.states[index].label()
            ));
        }
        self.show(panel, 0);
    }

    fn check_all(&mut self) {
        self.queue = (0..self.exercises.len())
            .filter(|&index| self.states[index] != State::NotStarted)
            .collect();
        let panel = vec![format!(
            "Checking all {} started exercises...",
            self.queue.len()
        )];
        self.show(panel, 0);
        self.start_next_grading();
    }

    fn reset(&mut self) {
        let exercise = self.exercise().clone();
        let result = fs::read(&exercise.pristine)
            .map_err(anyhow::Error::from)
            .and_then(|pristine| commands::restore(&exercise.file, &pristine));
        let panel = match result {
            Ok(Some(backup)) => vec![
                format!("Restored {}.", display(&exercise.file)),
                format!("Your version is saved as {}.", display(&backup)),
            ],
            Ok(None) => vec![format!("Restored {}.", display(&exercise.file))],
            Err(error) => vec![format!("error: {error:#}")],
        };
        self.show(panel, 0);
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

    /// Starts the next queued grading, unless one is under way or the grader's first build
    /// still runs: two cargo builds of the same harness at once could trip over each other's
    /// files, so a save made meanwhile waits for the build (and then grades in seconds).
    fn start_next_grading(&mut self) {
        if self.grading.is_some() || self.warm_up.is_some() || self.queue.is_empty() {
            return;
        }
        let index = self.queue.remove(0);
        self.grading = Some(index);
        let exercise = self.exercises[index].clone();
        let messages = self.messages.clone();
        thread::spawn(move || {
            let content = fs::read(&exercise.file).unwrap_or_default();
            let verdict = grade::grade(&exercise, &exercise.file, &content, None);
            messages.send(Message::Graded(index, content, verdict)).ok();
        });
    }

    fn graded(&mut self, index: usize, content: &[u8], verdict: Result<Verdict>) {
        self.grading = None;
        let exercise = self.exercises[index].clone();
        match verdict {
            Err(error) => {
                self.show(vec![format!("error: {error:#}")], 0);
            }
            Ok(verdict) => {
                memory::remember_verdict(&exercise, content, verdict.kind).ok();
                self.states[index] = if verdict.kind == Kind::Passed {
                    State::Passed
                } else {
                    State::Failed(verdict.kind.label())
                };
                if index == self.current || self.queue.is_empty() {
                    self.current = index;
                    // A failing story ends with its failing step: a long one opens there. A
                    // compiler's report opens at its first error.
                    let scroll = match verdict.kind {
                        Kind::Passed | Kind::DoesNotCompile => 0,
                        _ => END,
                    };
                    let panel = self.verdict_panel(&exercise, &verdict);
                    self.show(panel, scroll);
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
        let mut panel = vec![
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
        ];
        panel.extend(mistakes(exercise, usize::MAX));
        panel
    }

    /// Builds the harnesses of the current exercise in the background, with the command a
    /// grading uses, so that the first grading finds the grader built. Its news come as
    /// [`Message::WarmUp`].
    fn warm_up(&mut self) {
        self.warm_up = Some(Progress::default());
        let exercise = self.exercise().clone();
        let messages = self.messages.clone();
        let send = move |news| {
            messages.send(Message::WarmUp(news)).ok();
        };
        thread::spawn(move || {
            if let Ok(packages) = build::grader_packages() {
                send(WarmUp::Packages(packages));
            }
            // The harness includes the file from its slot: a build needs one there.
            let content = fs::read(&exercise.file).unwrap_or_default();
            if grade::place(&exercise, &content).is_ok() {
                let mut built = BTreeSet::new();
                for harness in &exercise.harnesses {
                    warm_up_one(harness, &mut built, &send);
                }
            }
            send(WarmUp::Done);
        });
    }

    fn warmed(&mut self, news: WarmUp) {
        let Some(progress) = &mut self.warm_up else {
            return;
        };
        match news {
            WarmUp::Packages(packages) => progress.packages = Some(packages),
            WarmUp::Compiling => progress.compiling = true,
            WarmUp::Built(built) => progress.built = built,
            WarmUp::Done => {
                self.warm_up = None;
                self.start_next_grading();
            }
        }
    }

    /// The line that tells how far the grader's first build has come, while it compiles.
    fn warm_up_line(&self) -> Option<String> {
        let progress = self
            .warm_up
            .as_ref()
            .filter(|progress| progress.compiling)?;
        let count = match progress.packages {
            Some(packages) => format!("{}/{packages}", progress.built.min(packages)),
            None => progress.built.to_string(),
        };
        Some(format!(
            "Compiling the grader: {count} crates (only its first build takes minutes)"
        ))
    }

    fn draw(&mut self) -> Result<()> {
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
        let warm_up = self.warm_up_line();
        // A save made while the grader's first build runs waits for it in the queue.
        let status = match (self.grading, self.queue.first()) {
            (Some(index), _) => format!("grading {}...", self.exercises[index].name),
            (None, Some(&index)) if warm_up.is_some() => format!(
                "grading {} once the grader is compiled...",
                self.exercises[index].name
            ),
            _ => self.states[self.current].label(),
        };
        lines.push(format!("{} {}: {status}", self.current + 1, exercise.name));
        lines.push(display(&exercise.file));
        lines.extend(warm_up);
        lines.push("-".repeat(width));
        let keys = "n next  h hint  l list  c check all  r reset  q quit";
        let room = height.saturating_sub(lines.len() + 2).max(2);
        let mut panel = self.panel.iter().flat_map(|line| {
            if line.chars().count() <= width {
                vec![line.clone()]
            } else {
                wrap(line, width).lines().map(str::to_owned).collect()
            }
        });
        // The title stays; the rest scrolls when it does not fit.
        lines.extend(panel.next());
        let rest: Vec<String> = panel.collect();
        self.page = room - 1;
        let most = rest.len().saturating_sub(self.page);
        self.scroll = self.scroll.min(most);
        lines.extend(rest.iter().skip(self.scroll).take(self.page).cloned());
        let (above, below) = (self.scroll, most - self.scroll);
        let more = match (above, below) {
            (0, 0) => String::new(),
            (above, 0) => format!("-- {above} more lines above (PgUp, ↑, Home) "),
            (0, below) => format!("-- {below} more lines below (PgDn, ↓, End) "),
            (above, below) => {
                format!("-- {above} more lines above, {below} below (PgUp, PgDn, ↑, ↓) ")
            }
        };
        let rule = format!(
            "{more}{}",
            "-".repeat(width.saturating_sub(more.chars().count()))
        );
        let mut out = std::io::stdout();
        queue!(out, terminal::Clear(ClearType::All), cursor::MoveTo(0, 0))?;
        for (row, line) in lines.iter().enumerate() {
            let line: String = line.chars().take(width).collect();
            queue!(out, cursor::MoveTo(0, row as u16), Print(line))?;
        }
        let last = (height - 1) as u16;
        let rule: String = rule.chars().take(width).collect();
        queue!(out, cursor::MoveTo(0, last - 1), Print(rule))?;
        queue!(out, cursor::MoveTo(0, last), Print(keys))?;
        out.flush()?;
        Ok(())
    }
}

/// Builds the harness `harness` as a grading would, telling `send` when cargo starts compiling
/// and how many packages (counted in `built`) are built; errors are left to the grading.
fn warm_up_one(harness: &str, built: &mut BTreeSet<String>, send: &(impl Fn(WarmUp) + Sync)) {
    let child = build::build_command(harness).and_then(|mut command| {
        Ok(command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?)
    });
    let Ok(mut child) = child else { return };
    let _lifeline = child.stdin.take();
    // Cargo says "Compiling NAME" on its standard error as it starts on a package that needs
    // it, and nothing when everything is built already.
    let stderr = BufReader::new(child.stderr.take().expect("piped"));
    thread::scope(|scope| {
        scope.spawn(move || {
            let mut told = false;
            for line in stderr.lines().map_while(Result::ok) {
                if !told && line.trim_start().starts_with("Compiling ") {
                    send(WarmUp::Compiling);
                    told = true;
                }
            }
        });
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        for message in cargo_metadata::Message::parse_stream(stdout).map_while(Result::ok) {
            if let cargo_metadata::Message::CompilerArtifact(artifact) = message {
                // A build script is a step of its package, not a package of its own.
                if !artifact
                    .target
                    .is_kind(cargo_metadata::TargetKind::CustomBuild)
                {
                    built.insert(artifact.package_id.repr);
                    send(WarmUp::Built(built.len()));
                }
            }
        }
    });
    child.wait().ok();
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
