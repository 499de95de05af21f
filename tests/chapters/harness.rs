//! Building and running chapter binaries, and reading their log lines.

use std::{
    collections::HashMap,
    path::PathBuf,
    sync::OnceLock,
    time::{Duration, Instant},
};

use assert_cmd::Command;
use support::log_message;

/// No chapter run may take longer than this; a hung chapter fails its test instead of hanging.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

/// The path of a chapter's binary, or of one of its examples, built with the same cargo and
/// profile as the tests, so `cargo test --workspace` needs no separate build step.
pub(crate) fn binary(package: &str, example: Option<&str>) -> PathBuf {
    let key = (package.to_owned(), example.map(str::to_owned));
    built().get(&key).cloned().unwrap_or_else(|| {
        panic!("cargo built no {package} {example:?}: is it a chapter's binary or example?")
    })
}

/// The path of `cargo xtask`'s binary, built as [`binary`] builds the chapters.
pub(crate) fn xtask() -> PathBuf {
    binary("xtask", None)
}

/// Every chapter's binary and every example of the workspace, and xtask's binary, by (package,
/// example), built on first use by one `cargo build`. It selects the whole workspace and its
/// examples, as `cargo test --workspace` does, so cargo resolves the same features and finds
/// every library and example that build made fresh: it only links the binaries. (A build of
/// one package, `-p race_condition`, resolves features for that package alone, and compiled
/// `support` and every chapter again, once per feature set.) It names each binary, so that a
/// half-written exercise, a binary of its own, breaks none of them.
fn built() -> &'static HashMap<(String, Option<String>), PathBuf> {
    static BUILT: OnceLock<HashMap<(String, Option<String>), PathBuf>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = support::course::workspace_root().unwrap();
        // By manifest, as cargo names an artifact's package; canonical, as cargo gives it.
        let manifest = |dir: PathBuf| dir.join("Cargo.toml").canonicalize().unwrap();
        let mut packages: HashMap<PathBuf, String> = support::course::chapters()
            .unwrap()
            .into_iter()
            .map(|chapter| (manifest(chapter.dir), chapter.package))
            .collect();
        packages.insert(manifest(root.join("xtask")), "xtask".to_owned());
        let mut build = escargot::CargoBuild::new()
            .arg("--workspace")
            .examples()
            .current_release();
        for package in packages.values() {
            build = build.bin(package);
        }
        let messages = build
            .exec()
            .unwrap_or_else(|error| panic!("could not start cargo build: {error}"));
        let mut built = HashMap::new();
        for message in messages {
            let message = message.unwrap_or_else(|error| panic!("cargo build failed: {error}"));
            let Ok(message) = message.decode() else {
                continue;
            };
            let escargot::format::Message::CompilerArtifact(artifact) = message else {
                continue;
            };
            // Only a binary's package is looked up: most artifacts are libraries.
            let Some(executable) = artifact.executable else {
                continue;
            };
            let package = artifact
                .manifest_path
                .as_ref()
                .and_then(|path| packages.get(&path.canonicalize().ok()?));
            let Some(package) = package else {
                continue;
            };
            let example = artifact
                .target
                .kind
                .iter()
                .any(|kind| kind == "example")
                .then(|| artifact.target.name.to_string());
            built.insert((package.clone(), example), executable.into_owned());
        }
        built
    })
}

/// A finished run of a chapter.
pub(crate) struct Run {
    pub(crate) status: std::process::ExitStatus,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// The lines of standard error, log messages without their `HH:MM:SS: ` prefix.
    pub(crate) log: Vec<String>,
    pub(crate) elapsed: Duration,
}

/// Runs a chapter with `args` and the given environment, under [`TIMEOUT`].
pub(crate) fn run_with_env(package: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    run_binary(&binary(package, None), args, env)
}

/// Runs a chapter with `args`, under [`TIMEOUT`].
pub(crate) fn run(package: &str, args: &[&str]) -> Run {
    run_with_env(package, args, &[])
}

/// Runs the example `example` of a chapter with `args`, under [`TIMEOUT`]:
/// `cargo run -p <package> --example <example> -- <args>`.
pub(crate) fn run_example(package: &str, example: &str, args: &[&str]) -> Run {
    run_target(package, Some(example), args, &[])
}

/// Runs a chapter's binary, or one of its examples, with `args` and the given environment.
pub(crate) fn run_target(
    package: &str,
    example: Option<&str>,
    args: &[&str],
    env: &[(&str, &str)],
) -> Run {
    run_binary(&binary(package, example), args, env)
}

fn run_binary(binary: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(binary);
    command
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .timeout(TIMEOUT);
    for (key, value) in env {
        command.env(key, value);
    }
    let started = Instant::now();
    let output = command
        .output()
        .expect("could not start the chapter binary");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        log: stderr
            .lines()
            .map(|line| log_message(line).unwrap_or(line).to_owned())
            .collect(),
        stderr,
        elapsed,
    }
}

impl Run {
    /// Asserts that the chapter exited with status 0 and that the run was not cut by the timeout.
    pub(crate) fn assert_success(&self) -> &Self {
        assert!(
            self.status.success(),
            "exit status {:?}\nlog:\n{}\nstdout:\n{}",
            self.status,
            self.log.join("\n"),
            self.stdout
        );
        self
    }

    /// Asserts that every line on standard error is in the `HH:MM:SS: message` format.
    pub(crate) fn assert_all_lines_timestamped(&self) -> &Self {
        for line in self.stderr.lines() {
            assert!(
                log_message(line).is_some(),
                "not in `HH:MM:SS: message` form: {line:?}"
            );
        }
        self
    }

    /// Asserts that the chapter refused its arguments: clap's exit code 2, an error naming
    /// `mentions`, no panic.
    pub(crate) fn assert_usage_error(&self, mentions: &str) {
        assert_eq!(self.status.code(), Some(2), "stderr:\n{}", self.stderr);
        assert!(
            self.stderr.starts_with("error: "),
            "stderr:\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(mentions),
            "expected {mentions:?} in:\n{}",
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "stderr:\n{}",
            self.stderr
        );
    }

    /// How many log lines start with `prefix`.
    pub(crate) fn count_starting(&self, prefix: &str) -> usize {
        self.log
            .iter()
            .filter(|line| line.starts_with(prefix))
            .count()
    }

    /// The index of the only log line equal to `message`; fails if it is missing or repeated.
    pub(crate) fn line(&self, message: &str) -> usize {
        let found: Vec<usize> = (0..self.log.len())
            .filter(|&i| self.log[i] == message)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected exactly one log line {message:?}, log was:\n{}",
            self.log.join("\n")
        );
        found[0]
    }

    /// Whether some log line equals `message`.
    pub(crate) fn has(&self, message: &str) -> bool {
        self.log.iter().any(|line| line == message)
    }

    /// Asserts that the log line `first` comes before the log line `then`.
    pub(crate) fn assert_before(&self, first: &str, then: &str) -> &Self {
        assert!(
            self.line(first) < self.line(then),
            "expected {first:?} before {then:?}, log was:\n{}",
            self.log.join("\n")
        );
        self
    }
}

/// What `<chapter> --help` prints, checked to exit 0.
pub(crate) fn help(package: &str) -> String {
    let output = Command::new(binary(package, None))
        .arg("--help")
        .timeout(TIMEOUT)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).unwrap()
}

/// A fresh, empty folder for one test's files.
pub(crate) fn scratch_folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{test}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in `dir`, sorted.
pub(crate) fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
