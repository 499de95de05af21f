//! The course as a learner may hold it: moved to another folder, or with an exercise
//! half-written. Everything runs in a copy of the workspace inside the target directory, so the
//! real checkout is never touched. The copy has its own `target/` inside it, moved along with
//! it as a learner's would be (two checkouts sharing one target directory would hand each other
//! stale binaries). A test binary of its own: cargo runs test binaries one after another, so no
//! chapter test runs while this one builds.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Output,
    time::Duration,
};

use assert_cmd::Command;

/// The copy's first, cold build may take minutes on a small machine; later ones take seconds.
const BUILD_TIMEOUT: Duration = Duration::from_secs(900);

/// The target directory this test was built into: `<target>/<profile>/deps/checkout-<hash>`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Copies the workspace's sources to `dest`, writing only files whose content differs, so the
/// copy's builds stay warm from one run to the next.
fn sync(from: &Path, to: &Path, skip: &[PathBuf]) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if skip.contains(&path) || entry.file_name() == ".git" {
            continue;
        }
        let dest = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            sync(&path, &dest, skip);
        } else if kind.is_file() {
            let content = fs::read(&path).unwrap();
            if fs::read(&dest).ok().as_ref() != Some(&content) {
                fs::write(&dest, content).unwrap();
            }
        }
    }
}

/// Runs cargo with `args` in `dir`, building into the `target/` folder inside it.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("RUST_LOG")
        .timeout(BUILD_TIMEOUT)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Drives the copy's `xtask watch` in a pseudo-terminal of 80x24: saves the reference solution
/// of lost_updates into its exercise file, waits for the pass, then presses `h` and `q`.
#[cfg(unix)]
fn watch_in_a_terminal(copy: &Path, solution: &Path, starter: &Path) {
    use expectrl::{Eof, Expect, Session};

    let mut command = std::process::Command::new(copy.join("target/debug/xtask"));
    command
        .arg("watch")
        .current_dir(copy)
        .env_remove("CARGO_MANIFEST_DIR")
        .env("TERM", "xterm");
    let mut watch = Session::spawn(command).expect("a pseudo-terminal");
    watch.get_process_mut().set_window_size(80, 24).unwrap();
    watch.set_expect_timeout(Some(BUILD_TIMEOUT));
    watch.expect("Threading in Rust: exercises").unwrap();
    fs::copy(solution, starter).unwrap();
    watch.expect("lost_updates passed.").unwrap();
    watch.expect("Next: locked_update (press n)").unwrap();
    watch.send("h").unwrap();
    watch.expect("Hints for lost_updates:").unwrap();
    watch
        .expect("1. The load and the store are two steps")
        .unwrap();
    watch.send("q").unwrap();
    watch.expect(Eof).unwrap();
}

#[cfg(not(unix))]
fn watch_in_a_terminal(_: &Path, _: &Path, _: &Path) {
    eprintln!("skipped the watch step: it drives a Unix pseudo-terminal");
}

#[test]
fn a_copied_checkout_grades_itself_and_a_broken_exercise_breaks_no_chapter() {
    let root = support::course::workspace_root().unwrap();
    // The checkout is built at `before`, then moved, target directory and all, to `after`. It
    // goes back at the end, so the next run starts warm.
    let place = target_dir().join("moved-checkout");
    let (before, after) = (place.join("before"), place.join("after"));
    if after.exists() && !before.exists() {
        fs::rename(&after, &before).unwrap(); // a run that stopped half-way
    }
    fs::remove_dir_all(&after).ok();
    let skip = [
        root.join("target"),
        root.join("book/build"),
        root.join("chapters/exercises/current"),
        target_dir(),
    ];
    sync(&root, &before, &skip);
    let built = cargo(&before, &["build", "--quiet", "-p", "xtask"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    fs::rename(&before, &after).unwrap();
    let copy = after;
    let exercise = |path: &str| copy.join("chapters").join(path);
    let starter = exercise("06_race_condition/exercise/lost_updates.rs");
    let solution = exercise("06_race_condition/exercise/solution/lost_updates.rs");
    let pristine = fs::read_to_string(&starter).unwrap();

    // 1. The moved checkout grades its own files: there, lost_updates holds the reference
    //    solution, while the original (and the folder it was built in) holds the starter.
    fs::copy(&solution, &starter).unwrap();
    let graded = cargo(&copy, &["xtask", "check", "lost_updates"]);
    let stdout = text(&graded.stdout);
    assert!(
        graded.status.success() && stdout.contains("1 passed, 0 failed"),
        "grading in the copy:\n{stdout}\n{}",
        text(&graded.stderr)
    );

    // 1b. The learner's loop: `cargo xtask watch` in a terminal grades a save, shows the done
    //     mark and the next exercise, and shows a hint when asked.
    fs::write(&starter, &pristine).unwrap();
    watch_in_a_terminal(&copy, &solution, &starter);

    // 2. A syntax error in an exercise breaks the exercise's own target, but not the chapter.
    fs::write(&starter, format!("{pristine}\nfn half_written( {{\n")).unwrap();
    let chapter = cargo(&copy, &["run", "--quiet", "-p", "race_condition"]);
    assert!(
        chapter.status.success() && text(&chapter.stderr).contains("Ending value is 1."),
        "race_condition with a broken exercise file:\n{}",
        text(&chapter.stderr)
    );
    let exercise_build = cargo(
        &copy,
        &[
            "check",
            "--quiet",
            "-p",
            "race_condition",
            "--bin",
            "exercise_lost_updates",
        ],
    );
    assert!(
        !exercise_build.status.success(),
        "the exercise's build accepted a syntax error"
    );
    assert!(
        text(&exercise_build.stderr).contains("exercise/lost_updates.rs"),
        "{}",
        text(&exercise_build.stderr)
    );
    fs::write(&starter, &pristine).unwrap();

    // 3. A type error in a reference solution fails the lint step CI runs.
    let semaphore = exercise("09_semaphore/exercise/solution/semaphore.rs");
    let good = fs::read_to_string(&semaphore).unwrap();
    fs::write(
        &semaphore,
        format!("{good}\npub fn permits() -> usize {{\n    \"three\"\n}}\n"),
    )
    .unwrap();
    let has_clippy = cargo(&copy, &["clippy", "--version"]).status.success();
    let lint = if has_clippy { "clippy" } else { "check" };
    let linted = cargo(&copy, &[lint, "--quiet", "--workspace", "--all-targets"]);
    fs::write(&semaphore, &good).unwrap();
    let stderr = text(&linted.stderr);
    assert!(
        !linted.status.success(),
        "cargo {lint} accepted a type error"
    );
    assert!(
        stderr.contains("E0308") && stderr.contains("exercise/solution/semaphore.rs"),
        "{stderr}"
    );

    // 4. Without git (this copy has no .git, like a zip download), reset still restores the
    //    pristine starter and keeps the learner's version.
    fs::copy(&solution, &starter).unwrap();
    let reset = cargo(&copy, &["xtask", "reset", "lost_updates"]);
    assert!(reset.status.success(), "{}", text(&reset.stderr));
    assert_eq!(fs::read_to_string(&starter).unwrap(), pristine);
    let backup = starter.with_extension("rs.bak");
    assert_eq!(fs::read(&backup).unwrap(), fs::read(&solution).unwrap());
    fs::remove_file(&backup).unwrap();

    // 5. The book shows the pristine starter whatever the learner's file holds.
    let mdbook_there = std::process::Command::new("mdbook")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if mdbook_there {
        fs::write(&starter, "// my half-done answer, not the starter\n").unwrap();
        let built = Command::new("mdbook")
            .args(["build", "--dest-dir"])
            .arg(target_dir().join("moved-checkout/book"))
            .current_dir(copy.join("book"))
            .timeout(BUILD_TIMEOUT)
            .output()
            .unwrap();
        fs::write(&starter, &pristine).unwrap();
        assert!(built.status.success(), "{}", text(&built.stderr));
        let page = fs::read_to_string(
            target_dir().join("moved-checkout/book/exercises/lost_updates.html"),
        )
        .unwrap();
        assert!(
            !page.contains("my half-done answer"),
            "the book shows the learner's file"
        );
        assert!(
            page.contains("TODO"),
            "the book's page lacks the starter's TODO"
        );
    } else {
        eprintln!(
            "skipped the book step: mdbook is not installed (`cargo xtask book` installs it)"
        );
    }
    fs::rename(&copy, &before).unwrap();
}
