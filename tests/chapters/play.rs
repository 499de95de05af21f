//! `cargo xtask play`, where the learner is the scheduler: every breakable level is won by the
//! schedule its search finds, no unbreakable one is, and the game works in a terminal.

use std::{path::PathBuf, sync::OnceLock, time::Duration};

use assert_cmd::Command;
use predicates::str::contains;
use support::play::{LevelInfo, Proof, moves_text};

/// The levels' binary, built once with the grading feature, as `cargo xtask play` builds it.
fn levels_binary() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            escargot::CargoBuild::new()
                .package("exercises")
                .bin("grade_play")
                .features("grading")
                .current_release()
                .run()
                .expect("the levels build")
                .path()
                .to_path_buf()
        })
        .clone()
}

fn levels_command() -> Command {
    let mut command = Command::new(levels_binary());
    command.timeout(Duration::from_secs(60));
    command
}

fn xtask() -> Command {
    let mut command = Command::new(crate::harness::xtask());
    command.timeout(Duration::from_secs(120));
    command
}

fn levels() -> Vec<LevelInfo> {
    let output = levels_command().arg("--list").output().unwrap();
    serde_json::from_slice(&output.stdout).expect("the levels as JSON")
}

#[test]
fn the_list_shows_at_least_ten_levels_three_of_them_unbreakable() {
    let levels = levels();
    assert!(levels.len() >= 10, "{} levels", levels.len());
    let unbreakable = levels.iter().filter(|level| !level.breakable).count();
    assert!(unbreakable >= 3, "{unbreakable} unbreakable levels");
    let listed = xtask().arg("play").assert().success();
    let text = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    for level in &levels {
        assert!(
            text.contains(&level.name),
            "{} missing:\n{text}",
            level.name
        );
        assert!(
            level.source.lines().count() as u32 >= level.shown.1 && level.shown.0 < level.shown.1,
            "{}: no `// ANCHOR: play` part to show",
            level.name
        );
    }
}

#[test]
fn every_breakable_level_is_won_by_its_shortest_schedule_and_no_other_level_is_won() {
    let page = book_page("play.md");
    for level in levels() {
        let output = levels_command()
            .args([&level.name, "--shortest", "--json"])
            .output()
            .unwrap();
        let proof: Proof = serde_json::from_slice(&output.stdout).expect("a proof as JSON");
        assert!(proof.complete, "{}: the search did not finish", level.name);
        let row = match &proof.shortest {
            Some(moves) if moves.len() == 1 => {
                format!("| yes | 1 move | {} |", proof.interleavings)
            }
            Some(moves) => format!("| yes | {} moves | {} |", moves.len(), proof.interleavings),
            None => format!("| no | none | {} |", proof.interleavings),
        };
        assert!(
            page.contains(&format!("| `{}` {row}", level.name)),
            "book/src/play.md has no row `| `{}` {row}`",
            level.name
        );
        match (&proof.shortest, level.breakable) {
            (Some(moves), true) => {
                levels_command()
                    .args([&level.name, "--moves", &moves_text(moves)])
                    .assert()
                    .success()
                    .stdout(contains(match moves.len() {
                        1 => "goal reached in 1 move".to_owned(),
                        count => format!("goal reached in {count} moves"),
                    }));
            }
            (None, false) => {}
            (found, breakable) => panic!(
                "{}: breakable is {breakable}, but the search found {found:?} in {} interleavings",
                level.name, proof.interleavings
            ),
        }
    }
}

fn book_page(page: &str) -> String {
    let path = xtask::workspace_root().join("book/src").join(page);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_levels_chapter_page_links_it_and_the_play_page() {
    for level in levels() {
        let page = book_page(&format!("chapters/{}.md", level.chapter));
        assert!(
            page.contains(&format!("`{}`", level.name)) && page.contains("](../play.md)"),
            "book/src/chapters/{}.md does not name the level {} and link play.md",
            level.chapter,
            level.name
        );
    }
}

#[test]
fn xtask_plays_a_schedule_and_proves_an_unbreakable_level() {
    xtask()
        .args(["play", "lost_update", "--moves", "1,2,1,2"])
        .assert()
        .success()
        .stdout(contains("thread 2   reads value: 0"))
        .stdout(contains("goal reached in 4 moves"));
    // A schedule that leaves the goal unreached exits 1, and says what is open.
    xtask()
        .args(["play", "lost_update", "--moves", "1,1"])
        .assert()
        .failure()
        .stdout(contains("open now: 2 (thread 2)"));
    xtask()
        .args(["play", "one_lock_order", "--shortest"])
        .assert()
        .success()
        .stdout(contains(
            "no schedule reaches the goal: all 4 interleavings tried, none reaches it",
        ));
}

#[test]
fn a_move_that_is_not_open_is_an_error() {
    levels_command()
        .args(["lost_update", "--moves", "1,1,1"])
        .assert()
        .code(2)
        .stdout(contains("move 3 is `1`, which is not open then"));
}

/// The game at 80x24: the code, a marker on each thread's next line, the goal; pressing `1`
/// moves thread 1's marker from the load to the store.
#[cfg(unix)]
#[test]
fn the_game_in_a_terminal_shows_the_code_the_marker_and_the_goal() {
    use expectrl::{Eof, Expect, Session};

    levels_binary();
    let mut command = std::process::Command::new(crate::harness::xtask());
    command.args(["play", "lost_update"]).env("TERM", "xterm");
    let mut game = Session::spawn(command).expect("a pseudo-terminal");
    game.get_process_mut().set_window_size(80, 24).unwrap();
    game.set_expect_timeout(Some(Duration::from_secs(120)));
    game.expect("Goal: make the ending value 1").unwrap();
    game.expect("fn update(value: &AtomicU64) {").unwrap();
    game.expect(" 12>    let mut local_copy = value.load(Relaxed);")
        .unwrap();
    game.send("1").unwrap();
    game.expect("  1>    value.store(local_copy, Relaxed);")
        .unwrap();
    game.expect("thread 1  reads value: 0").unwrap();
    game.send("q").unwrap();
    game.expect(Eof).unwrap();
}
