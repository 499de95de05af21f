//! The course's tooling as a library, so the tests use exactly what `cargo xtask` uses: the
//! chapter and exercise lists (from `support::course`), the book's captures, the naive port's
//! compiler check, the answers that the exercises' variants stand for.

pub mod book;
pub mod imports;
pub mod variants;

use std::{
    path::{Path, PathBuf},
    sync::OnceLock,
};

use anyhow::{Context, Result, bail};
pub use support::course::{Chapter, Example, Exercise, blob_id, chapters, exercises};

/// The rustc of the toolchain running us: `$RUSTC`, else the one beside `$CARGO`, else `rustc`.
pub fn rustc() -> PathBuf {
    std::env::var_os("RUSTC")
        .map(PathBuf::from)
        .or_else(|| {
            Some(
                PathBuf::from(std::env::var_os("CARGO")?)
                    .parent()?
                    .join("rustc"),
            )
        })
        .filter(|path| path.exists())
        .unwrap_or_else(|| PathBuf::from("rustc"))
}

/// A rustc command that compiles the race chapter's `naive_port.rs` only far enough to report
/// its errors, as JSON or as the text a learner would see. Outputs go to `out_dir`.
pub fn naive_port_check(json: bool, out_dir: &Path) -> Result<std::process::Command> {
    let chapter = chapters()?
        .into_iter()
        .find(|chapter| chapter.package == "race_condition")
        .context("chapters.toml lists no race_condition chapter")?;
    let mut command = std::process::Command::new(rustc());
    command
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--emit",
            "metadata",
            "--color",
            "never",
        ])
        .args([
            "--error-format",
            if json { "json" } else { "human" },
            "--out-dir",
        ])
        .arg(out_dir)
        .arg("naive_port.rs")
        .current_dir(&chapter.dir);
    Ok(command)
}

/// The workspace root, found at run time (see `support::course::workspace_root`), so a moved
/// or copied checkout works on itself. Outside a checkout of the course it says so in one line
/// and exits.
pub fn workspace_root() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        support::course::workspace_root().unwrap_or_else(|error| {
            eprintln!("error: {error:#}");
            std::process::exit(1)
        })
    })
    .clone()
}

/// Cargo's target directory, where the tooling keeps its scratch files and the grades, created
/// if missing. It is `cargo metadata`'s, which follows `CARGO_TARGET_DIR` and `build.target-dir`;
/// if cargo cannot say, `CARGO_TARGET_DIR`, else the workspace's `target`.
pub fn target_dir() -> Result<PathBuf> {
    static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = TARGET_DIR.get_or_init(|| {
        cargo_metadata::MetadataCommand::new()
            .current_dir(workspace_root())
            .no_deps()
            .exec()
            .map(|metadata| metadata.target_directory.into_std_path_buf())
            .unwrap_or_else(|_| match std::env::var_os("CARGO_TARGET_DIR") {
                Some(dir) => std::path::absolute(&dir).unwrap_or_else(|_| dir.into()),
                None => workspace_root().join("target"),
            })
    });
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create cargo's target directory {}", dir.display()))?;
    Ok(dir.clone())
}

/// The rows of a spec table (`chapters/exercises/specs/NAME.md`): each promise, in the spec's
/// own words, with the check that fails if only it is broken (the third column, the wrong
/// variants, is left out). A row with another number of cells than the header's three is an
/// error, so a cell that holds ` | ` is caught rather than cut.
pub fn spec_rows(spec: &str) -> Result<Vec<(String, String)>> {
    let mut lines = spec
        .lines()
        .skip_while(|line| !line.starts_with("| Promise (spec sentence) |"));
    if lines.next().is_none() {
        bail!("no table: its header starts with `| Promise (spec sentence) |`");
    }
    lines.next(); // the row that separates the header from the rows
    let mut rows = Vec::new();
    for line in lines.take_while(|line| line.starts_with('|')) {
        let cells: Vec<&str> = line
            .trim()
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        match cells.as_slice() {
            [promise, check, _variants] => rows.push((promise.to_string(), check.to_string())),
            _ => bail!("a row of {} cells, not 3: {line}", cells.len()),
        }
    }
    Ok(rows)
}
