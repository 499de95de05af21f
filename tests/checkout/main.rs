//! The course as a learner may hold it: moved to another folder, or with an exercise
//! half-written. Everything runs in a copy of the workspace inside the target directory, so the
//! real checkout is never touched. The copy has its own `target/` inside it, moved along with
//! it as a learner's would be (two checkouts sharing one target directory would hand each other
//! stale binaries). A test binary of its own: cargo runs test binaries one after another, so no
//! chapter test runs while this one builds.

use std::{
    ffi::OsStr,
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

/// Gives the copy's empty `target/debug` what this test's own build already compiled of the
/// crates from the registry, so that its first build compiles only the course's own packages
/// (the whole course a second time, 1.8 GB and minutes on two cores, before). Cargo finds those
/// crates fresh: it judges a registry crate by its version, features and profile, not by the
/// workspace around it. Libraries are hard-linked, not copied (cargo never writes a library
/// again once built unless its inputs change, and then under a new name); their small
/// dep-info files, fingerprints and build-script outputs are copied with their times. A copy
/// that already has a `target/debug` is left alone, and so is everything when this test was
/// not built in the debug profile the copy builds in.
fn seed_registry_crates(copy_target: &Path) {
    let debug = target_dir().join("debug");
    let built_in_debug = std::env::current_exe()
        .unwrap()
        .ancestors()
        .nth(2)
        .is_some_and(|profile| profile == debug);
    let into = copy_target.join("debug");
    if !built_in_debug || into.exists() {
        return;
    }
    // The course's own packages and their targets, which the copy must build for itself; all
    // else in the target directory is from the registry. (`--no-deps` reads no registry.)
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let metadata = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(support::course::workspace_root().unwrap())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(metadata.status.success(), "{}", text(&metadata.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).unwrap();
    let mut own = std::collections::HashSet::new();
    for package in metadata["packages"].as_array().unwrap() {
        own.insert(package["name"].as_str().unwrap().to_owned());
        for target in package["targets"].as_array().unwrap() {
            own.insert(target["name"].as_str().unwrap().replace('-', "_"));
        }
    }
    // `NAME-HASH`, `libNAME-HASH.rlib`, `NAME-HASH.d`: NAME is what comes before the last `-`.
    let name = |file: &OsStr| {
        let file = file.to_string_lossy();
        file.rsplit_once('-').map(|(name, _)| name.to_owned())
    };
    for folder in [".fingerprint", "build"] {
        for entry in fs::read_dir(debug.join(folder)).into_iter().flatten() {
            let entry = entry.unwrap();
            if name(&entry.file_name()).is_some_and(|name| !own.contains(&name)) {
                copy_with_times(&entry.path(), &into.join(folder).join(entry.file_name()));
            }
        }
    }
    fs::create_dir_all(into.join("deps")).unwrap();
    for entry in fs::read_dir(debug.join("deps")).into_iter().flatten() {
        let entry = entry.unwrap();
        let Some(base) = name(&entry.file_name()) else {
            continue;
        };
        let library = base.strip_prefix("lib").unwrap_or(&base);
        if own.contains(&base) || own.contains(library) {
            continue;
        }
        let to = into.join("deps").join(entry.file_name());
        let dep_info = entry.path().extension().is_some_and(|ext| ext == "d");
        if dep_info || fs::hard_link(entry.path(), &to).is_err() {
            copy_with_times(&entry.path(), &to);
        }
    }
}

/// Copies the file or folder `from` to `to`, each file keeping its modification time.
fn copy_with_times(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_with_times(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        let modified = fs::metadata(from).unwrap().modified().unwrap();
        fs::File::options()
            .write(true)
            .open(to)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
}

/// Runs cargo with `args` in `dir`, building into the `target/` folder inside it, without
/// incremental compilation (nobody edits the copy's code between its builds).
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_MANIFEST_DIR")
        .env_remove("RUST_LOG")
        .env("CARGO_INCREMENTAL", "0")
        .timeout(BUILD_TIMEOUT)
        .output()
        .unwrap()
}

/// The answer that `transfer`'s variant `name` stands for, kept whole or as a diff.
fn transfer_variant(name: &str) -> Vec<u8> {
    let transfer = xtask::exercises()
        .unwrap()
        .into_iter()
        .find(|exercise| exercise.name == "transfer")
        .unwrap();
    let variant = xtask::variants::variants(&transfer)
        .unwrap()
        .into_iter()
        .find(|variant| variant.name == name)
        .unwrap_or_else(|| panic!("transfer has no variant {name}"));
    xtask::variants::content(&transfer, &variant.path).unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The copy's `xtask watch` in a pseudo-terminal of 80x24, read as a terminal would show it.
#[cfg(unix)]
struct Terminal {
    session: expectrl::session::OsSession,
    screen: vt100::Parser,
}

#[cfg(unix)]
impl Terminal {
    const ROWS: u16 = 24;
    const COLUMNS: u16 = 80;

    fn watch(copy: &Path) -> Self {
        let mut command = std::process::Command::new(copy.join("target/debug/xtask"));
        command
            .arg("watch")
            .current_dir(copy)
            .env_remove("CARGO_TARGET_DIR")
            .env_remove("CARGO_MANIFEST_DIR")
            .env("CARGO_INCREMENTAL", "0")
            .env("TERM", "xterm");
        let mut session = expectrl::Session::spawn(command).expect("a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(Self::COLUMNS, Self::ROWS)
            .unwrap();
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        let screen = vt100::Parser::new(size(Self::ROWS), size(Self::COLUMNS), 0);
        Terminal { session, screen }
    }

    /// The screen's text, if it holds a whole frame: watch draws its rows from the top, the
    /// keys last.
    fn frame(&self) -> Option<String> {
        let screen = self.screen.screen();
        let last = screen.rows(0, Self::COLUMNS).last()?;
        last.contains("q quit").then(|| screen.contents())
    }

    /// Reads what watch writes until a whole frame on the screen satisfies `shows`, and
    /// returns that frame's text; fails after `timeout`, naming `what` and showing the screen.
    /// The screen is tried before every escape sequence, so that a frame drawn for a moment,
    /// and drawn over in the same read, counts.
    fn wait_for(&mut self, what: &str, timeout: Duration, shows: impl Fn(&str) -> bool) -> String {
        let deadline = std::time::Instant::now() + timeout;
        let mut buffer = [0; 4096];
        loop {
            let text = self.screen.screen().contents();
            if let Some(frame) = self.frame().filter(|frame| shows(frame)) {
                return frame;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "waited {timeout:?} for {what}; the screen shows:\n{text}"
            );
            let read = match self.session.try_read(&mut buffer) {
                Ok(0) => panic!("watch ended while waiting for {what}; the screen shows:\n{text}"),
                Ok(read) => read,
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                Err(error) => panic!("watch ended ({error}) while waiting for {what}"),
            };
            let mut from = 0;
            for at in 1..=read {
                if at == read || buffer[at] == 0x1b {
                    self.screen.process(&buffer[from..at]);
                    from = at;
                    if let Some(frame) = self.frame().filter(|frame| shows(frame)) {
                        return frame;
                    }
                }
            }
        }
    }

    fn press(&mut self, keys: &str) {
        use expectrl::Expect;
        self.session.send(keys).unwrap();
    }

    /// Presses `q` and waits for watch to end.
    fn quit(mut self) {
        self.press("q");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut buffer = [0; 4096];
        loop {
            match self.session.try_read(&mut buffer) {
                Ok(0) => return,
                Ok(_) => {}
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                    assert!(std::time::Instant::now() < deadline, "q did not end watch");
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(_) => return, // the terminal's other end closed: watch has ended
            }
        }
    }
}

/// Drives the copy's `xtask watch` in a pseudo-terminal of 80x24: sees it compile the grader on
/// opening; saves the reference solution of lost_updates into its exercise file, waits for the
/// pass, presses `h`; saves a wrong transfer whose verdict is longer than the screen, and
/// scrolls it; presses `q`.
#[cfg(unix)]
fn watch_in_a_terminal(copy: &Path) {
    let exercise = |path: &str| copy.join("chapters").join(path);
    let lost_updates = exercise("06_race_condition/exercise/lost_updates.rs");
    let transfer = exercise("08_deadlock/exercise/transfer.rs");
    let seconds = Duration::from_secs;
    // With no copy of any graded file in its slot, the grader's first build has a harness to
    // compile, however warm the rest of the copy's target directory is.
    fs::remove_dir_all(exercise("exercises/current")).ok();
    let mut watch = Terminal::watch(copy);
    watch.wait_for("the title", seconds(30), |screen| {
        screen.contains("Threading in Rust: exercises")
    });
    watch.wait_for("the grader's first build", seconds(120), |screen| {
        screen.contains("Compiling the grader")
    });

    fs::copy(
        exercise("06_race_condition/exercise/solution/lost_updates.rs"),
        &lost_updates,
    )
    .unwrap();
    // The grader's first build in the copy compiles only the course's own grading crates (the
    // registry's are seeded): a minute on two busy cores, five at the most.
    let screen = watch.wait_for("lost_updates's pass", seconds(300), |screen| {
        screen.contains("✓ lost_updates passed.")
    });
    assert!(screen.contains("Next: locked_update (press n)"), "{screen}");
    watch.press("h");
    watch.wait_for("the first hint", seconds(5), |screen| {
        screen.contains("Hints for lost_updates:")
            && screen.contains("1. The load and the store are two steps")
    });

    // A deadlock's story is longer than the screen: it opens at the failing step, and says
    // how many lines are above it.
    let failing_step = |screen: &str| screen.lines().any(|line| line.contains("   -> deadlock"));
    fs::write(&transfer, transfer_variant("locks_in_argument_order")).unwrap();
    // One more harness to link, then every interleaving of the small test: seconds.
    let screen = watch.wait_for("transfer's deadlock", seconds(180), |screen| {
        screen.contains("✗ transfer: deadlock")
    });
    assert!(
        failing_step(&screen),
        "no failing step on screen:\n{screen}"
    );
    assert!(screen.contains("more lines above"), "{screen}");
    // Home shows its top, the title still in place; PgDn brings the failing step back.
    watch.press("\x1b[H");
    watch.wait_for("the verdict's top", seconds(5), |screen| {
        screen.contains("✗ transfer: deadlock")
            && screen.contains("more lines below")
            && !screen.contains("more lines above")
    });
    watch.press("\x1b[6~\x1b[6~\x1b[6~");
    watch.wait_for("the failing step, scrolled to", seconds(5), |screen| {
        failing_step(screen) && screen.contains("✗ transfer: deadlock")
    });
    watch.quit();
}

#[cfg(not(unix))]
fn watch_in_a_terminal(_: &Path) {
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
    seed_registry_crates(&before.join("target"));
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

    // 1b. The learner's loop: `cargo xtask watch` in a terminal compiles the grader as it
    //     opens, grades a save, shows the done mark and the next exercise, shows a hint when
    //     asked, and scrolls a long verdict.
    fs::write(&starter, &pristine).unwrap();
    let transfer = exercise("08_deadlock/exercise/transfer.rs");
    let transfer_starter = fs::read(&transfer).unwrap();
    watch_in_a_terminal(&copy);

    // 1c. After a failure, `check NAME` points at NAME's hints.
    fs::write(&transfer, transfer_variant("locks_in_argument_order")).unwrap();
    let graded = cargo(&copy, &["xtask", "check", "transfer"]);
    fs::write(&transfer, &transfer_starter).unwrap();
    let stdout = text(&graded.stdout);
    assert!(
        stdout.contains("\nNext: cargo xtask hint transfer\n"),
        "grading a deadlocking transfer:\n{stdout}\n{}",
        text(&graded.stderr)
    );
    fs::write(&starter, &pristine).unwrap();

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

    // 3. A type error in a reference solution fails the lint step CI runs (here on the
    //    chapter that builds it: a lint of the whole workspace would check every crate again).
    let semaphore = exercise("09_semaphore/exercise/solution/semaphore.rs");
    let good = fs::read_to_string(&semaphore).unwrap();
    fs::write(
        &semaphore,
        format!("{good}\npub fn permits() -> usize {{\n    \"three\"\n}}\n"),
    )
    .unwrap();
    let has_clippy = cargo(&copy, &["clippy", "--version"]).status.success();
    let lint = if has_clippy { "clippy" } else { "check" };
    let linted = cargo(
        &copy,
        &[lint, "--quiet", "--package", "semaphore", "--all-targets"],
    );
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
