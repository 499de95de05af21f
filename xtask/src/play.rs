//! `cargo xtask play`: be the scheduler. The levels live in `chapters/exercises/levels/`, and
//! their binary (`grade_play`, built here) plays a list of moves under the grader's model and
//! tells the state they lead to; this file lists the levels, runs the binary, and remembers
//! which levels the learner broke or saw proven. The game itself is in `play_app.rs`.

use std::{
    collections::BTreeMap,
    io::IsTerminal,
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
};

use anyhow::{Context, Result, bail};
use support::play::{LevelInfo, Proof, State};
use xtask::{target_dir, workspace_root};

/// The levels' binary, built (once, then only when a level changed) with cargo.
pub(crate) fn binary() -> Result<PathBuf> {
    eprintln!("building the levels...");
    let built = escargot::CargoBuild::new()
        .manifest_path(workspace_root().join("Cargo.toml"))
        .package("exercises")
        .bin("grade_play")
        .features("grading")
        .run()
        .context("cannot build the levels (cargo build -p exercises --features grading --bin grade_play)")?;
    Ok(built.path().to_owned())
}

/// The output of the levels' binary run with `args`, and whether it exited 0.
fn output(binary: &Path, args: &[&str]) -> Result<(String, bool)> {
    let output = Command::new(binary)
        .args(args)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        // shuttle says on standard error what the game already tells.
        .stderr(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    if output.status.code().is_none_or(|code| code > 1) {
        bail!(
            "the levels' binary failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stdout)
        );
    }
    Ok((
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.success(),
    ))
}

/// Every level, in order.
pub(crate) fn levels(binary: &Path) -> Result<Vec<LevelInfo>> {
    let (json, _) = output(binary, &["--list"])?;
    serde_json::from_str(&json).context("the levels' binary listed its levels wrongly")
}

/// The state `moves` lead to in `level`.
pub(crate) fn state(binary: &Path, level: &str, moves: &[char]) -> Result<State> {
    let moves = support::play::moves_text(moves);
    let (json, _) = output(binary, &[level, "--moves", &moves, "--json"])?;
    serde_json::from_str(&json).context("the levels' binary told a state wrongly")
}

/// Every schedule of `level`, played: how many, and the shortest that wins.
pub(crate) fn proof(binary: &Path, level: &str) -> Result<Proof> {
    let (json, _) = output(binary, &[level, "--shortest", "--json"])?;
    serde_json::from_str(&json).context("the levels' binary told its search wrongly")
}

/// Where a level stands for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    NotTried,
    /// The learner reached the goal.
    Broken,
    /// The learner gave up and saw the proof that no schedule reaches the goal.
    Proven,
}

impl Standing {
    fn label(self) -> &'static str {
        match self {
            Standing::NotTried => "not tried",
            Standing::Broken => "broken",
            Standing::Proven => "proven",
        }
    }
}

fn memory_path() -> Result<PathBuf> {
    Ok(target_dir()?.join("play.json"))
}

fn recall() -> BTreeMap<String, String> {
    memory_path()
        .ok()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn standing(memory: &BTreeMap<String, String>, level: &str) -> Standing {
    match memory.get(level).map(String::as_str) {
        Some("broken") => Standing::Broken,
        Some("proven") => Standing::Proven,
        _ => Standing::NotTried,
    }
}

/// Remembers that `level` now stands at `standing` (broken stays broken).
pub(crate) fn remember(level: &str, standing: Standing) -> Result<()> {
    let mut memory = recall();
    if memory.get(level).is_some_and(|known| known == "broken") {
        return Ok(());
    }
    memory.insert(level.to_owned(), standing.label().to_owned());
    let path = memory_path()?;
    std::fs::write(&path, serde_json::to_string_pretty(&memory)?)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `cargo xtask play [LEVEL] [--moves M | --shortest]`.
pub(crate) fn play(level: Option<&str>, moves: Option<&str>, shortest: bool) -> Result<ExitCode> {
    let binary = binary()?;
    let levels = levels(&binary)?;
    let Some(name) = level else {
        list(&levels);
        return Ok(ExitCode::SUCCESS);
    };
    let Some(index) = levels.iter().position(|level| level.name == name) else {
        let names: Vec<&str> = levels.iter().map(|level| level.name.as_str()).collect();
        bail!(
            "there is no level called `{name}`; the levels are: {}",
            names.join(", ")
        );
    };
    if shortest || moves.is_some() {
        let mut args = vec![name];
        match moves {
            Some(moves) => args.extend(["--moves", moves]),
            None => args.push("--shortest"),
        }
        let (text, won) = output(&binary, &args)?;
        print!("{text}");
        return Ok(if won {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if !std::io::stdout().is_terminal() {
        bail!(
            "the game needs a terminal; without one, play a schedule with `cargo xtask play {name} --moves 1,2,...` or ask for `--shortest`"
        );
    }
    let won = crate::play_app::run(&binary, &levels, index)?;
    Ok(if won {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn list(levels: &[LevelInfo]) {
    let memory = recall();
    println!("Be the scheduler: pick which thread takes the next step, and make the program fail.");
    println!("Some programs cannot be made to fail; `g` in the game shows the proof.\n");
    println!("{:>2}  {:<27} {:<16} state", "#", "level", "chapter");
    for (index, level) in levels.iter().enumerate() {
        println!(
            "{:>2}  {:<27} {:<16} {}",
            index + 1,
            level.name,
            level.chapter,
            standing(&memory, &level.name).label()
        );
    }
    let next = levels
        .iter()
        .find(|level| standing(&memory, &level.name) == Standing::NotTried)
        .unwrap_or(&levels[0]);
    println!(
        "\nPlay one: cargo xtask play {} (in a terminal; `--moves 1,2,...` plays a schedule without one)",
        next.name
    );
}
