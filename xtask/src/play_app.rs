//! The game of `cargo xtask play LEVEL`, drawn with crossterm in a plain 80x24 terminal: the
//! level's code with a marker (`1>`) on the line each thread runs next, the threads and the
//! shared state beside it, the story so far below, the moves open now. Each key press plays the
//! moves again from the start in the levels' binary, which takes milliseconds.

use std::path::Path;

use anyhow::Result;
use crossterm::{
    cursor,
    event::{self, Event, KeyCode, KeyEventKind, KeyModifiers},
    execute, terminal,
};
use support::play::{LevelInfo, Proof, State};

use crate::play::{Standing, proof, remember, state};

mod screen;

/// What shows below the code.
enum Panel {
    Story,
    Hints(usize),
    /// The goal is reached: the shortest schedule beside the player's.
    Won(Proof),
    /// The player gave up: the proof, or the way to win.
    GaveUp(Proof),
    Error(String),
}

struct Game<'a> {
    binary: &'a Path,
    level: &'a LevelInfo,
    number: usize,
    count: usize,
    moves: Vec<char>,
    state: State,
    panel: Panel,
}

/// Plays the level at `index` of `levels` until the player quits: whether the goal was reached.
pub(crate) fn run(binary: &Path, levels: &[LevelInfo], index: usize) -> Result<bool> {
    let level = &levels[index];
    let mut game = Game {
        binary,
        level,
        number: index + 1,
        count: levels.len(),
        moves: Vec::new(),
        state: state(binary, &level.name, &[])?,
        panel: Panel::Story,
    };
    let _screen = Screen::enter()?;
    game.draw()?;
    loop {
        let key = match event::read()? {
            Event::Key(key) if key.kind == KeyEventKind::Press => key,
            Event::Resize(..) => {
                game.draw()?;
                continue;
            }
            _ => continue,
        };
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match key.code {
            _ if ctrl_c => break,
            KeyCode::Char('q') | KeyCode::Esc => break,
            KeyCode::Char(key) if game.state.open.iter().any(|open| open.key == key) => {
                game.moves.push(key);
                game.replay();
            }
            KeyCode::Char('u') => {
                game.moves.pop();
                game.replay();
            }
            KeyCode::Char('r') => {
                game.moves.clear();
                game.replay();
            }
            KeyCode::Char('h') => {
                let shown = match game.panel {
                    Panel::Hints(shown) => shown + 1,
                    _ => 1,
                };
                game.panel = Panel::Hints(shown.min(game.level.hints.len()));
            }
            KeyCode::Char('g') => game.give_up(),
            _ => {}
        }
        game.draw()?;
    }
    Ok(game.state.won)
}

impl Game<'_> {
    fn replay(&mut self) {
        self.panel = Panel::Story;
        match state(self.binary, &self.level.name, &self.moves) {
            Ok(state) => self.state = state,
            Err(error) => self.panel = Panel::Error(format!("{error:#}")),
        }
        if self.state.won {
            match proof(self.binary, &self.level.name) {
                Ok(proof) => self.panel = Panel::Won(proof),
                Err(error) => self.panel = Panel::Error(format!("{error:#}")),
            }
            remember(&self.level.name, Standing::Broken).ok();
        }
    }

    fn give_up(&mut self) {
        match proof(self.binary, &self.level.name) {
            Ok(proof) => {
                if proof.shortest.is_none() && proof.complete {
                    remember(&self.level.name, Standing::Proven).ok();
                }
                self.panel = Panel::GaveUp(proof);
            }
            Err(error) => self.panel = Panel::Error(format!("{error:#}")),
        }
    }
}

/// The terminal in raw mode on the alternate screen, put back as it was when dropped.
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
