//! `cargo xtask book`: runs the chapters to capture their real output and timelines into
//! `book/src/generated/`, then builds the book with mdBook (installing it first if needed).

use std::{
    fs::{self, File},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Duration,
};

use anyhow::{Context, Result, bail};
use support::timeline::{self, SPANS_VARIABLE};
use xtask::{
    Exercise,
    book::CAPTURES,
    exercises, target_dir,
    variants::{self, Base},
    workspace_root,
};

/// The mdBook release the book is written for.
const MDBOOK_VERSION: &str = "0.5.4";

/// The mdbook-quiz release that renders the chapters' quizzes (`book/src/quizzes/`).
const MDBOOK_QUIZ_VERSION: &str = "0.5.0";

pub(crate) fn book(serve: bool, fresh: bool) -> Result<()> {
    let generated = workspace_root().join("book/src/generated");
    fs::create_dir_all(generated.join("hints"))?;
    fs::create_dir_all(generated.join("discussions"))?;
    fs::create_dir_all(generated.join("checks"))?;
    println!("Running the chapters to capture what they print (about a minute)...");
    // What a run prints changes only in timestamps, timings and order: a capture that still says
    // the same is kept, so building the book leaves no changes behind. Pictures of one particular
    // run (timelines, the race's steps, the sweep) are taken again only if missing, or with
    // --fresh.
    let svg = |name: &str| generated.join(format!("{name}.svg"));
    let spans_file = |name: &str| target_dir().map(|dir| dir.join(format!("{name}.spans")));
    for capture in CAPTURES {
        let mut command = match capture.example {
            Some(example) => chapter_example(capture.package, example)?,
            None => chapter(capture.package)?,
        };
        command.args(capture.args).envs(capture.env.iter().copied());
        let draws =
            capture.args.contains(&"--timeline") && (fresh || !svg(capture.package).exists());
        if draws {
            // Left from an earlier run, it would be drawn if this run wrote none.
            fs::remove_file(spans_file(capture.package)?).ok();
            command.env(SPANS_VARIABLE, spans_file(capture.package)?);
        }
        let path = generated.join(format!("{}.txt", capture.file));
        let same = |old: &str, new: &str| capture.comparable(old) == capture.comparable(new);
        write_unless_same(&path, &captured(command)?, fresh, same)?;
        if draws {
            let (title, spans) = recorded_spans(&spans_file(capture.package)?)?;
            let picture = timeline::render_svg(&spans, &title, Duration::ZERO);
            fs::write(svg(capture.package), picture)?;
        }
    }
    // The two download pictures share one time scale, so the speed-up shows at a glance.
    let downloads = ["download_sync", "download_threaded"];
    if fresh || downloads.iter().any(|package| !svg(package).exists()) {
        let mut runs = Vec::new();
        for package in downloads {
            // A full run for the timing diagram; its printed lines are not shown.
            fs::remove_file(spans_file(package)?).ok();
            let status = chapter(package)?
                .arg("--timeline")
                .env(SPANS_VARIABLE, spans_file(package)?)
                .stdout(Stdio::null())
                .status()?;
            if !status.success() {
                bail!("{package} --timeline failed ({status})");
            }
            runs.push((package, recorded_spans(&spans_file(package)?)?));
        }
        let axis = runs
            .iter()
            .map(|(_, (_, spans))| timeline::end(spans))
            .max()
            .unwrap_or_default();
        for (package, (title, spans)) in runs {
            fs::write(svg(package), timeline::render_svg(&spans, &title, axis))?;
        }
    }
    if fresh || !svg("cpu_bound-uneven").exists() {
        let spans = spans_file("cpu_bound-uneven")?;
        fs::remove_file(&spans).ok();
        let status = chapter_example("cpu_bound", "uneven")?
            .args(["--threads", "2", "--timeline"])
            .env(SPANS_VARIABLE, &spans)
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            bail!("cpu_bound --example uneven --timeline failed ({status})");
        }
        let (title, spans) = recorded_spans(&spans)?;
        let picture = timeline::render_svg(&spans, &title, Duration::ZERO);
        fs::write(svg("cpu_bound-uneven"), picture)?;
    }
    // Threads against async (and aiohttp, where python3 has it) at 1,000 and 5,000 in flight
    // and 1 s latency, in a release build: one run's table, and its in-flight timeline at 5,000.
    // Not compared: every figure in it is a measurement.
    let compare = generated.join("download_async-compare.txt");
    if fresh || !compare.exists() || !svg("download_async-in-flight").exists() {
        println!("Timing threads against async, 1,000 and 5,000 downloads in flight (a minute)...");
        let binary = escargot::CargoBuild::new()
            .package("download_async")
            .example("compare")
            .release()
            .run()
            .context("cannot build download_async --example compare in release mode")?;
        let output = binary
            .command()
            .args(["--latency-ms", "1000", "--in-flight", "1000,5000"])
            .args(["--compare-python", "--timeline"])
            .env(timeline::SVG_VARIABLE, svg("download_async-in-flight"))
            .stderr(Stdio::inherit())
            .output()?;
        // A row that could not run says so in the table: that is a result, not a failure.
        if output.stdout.is_empty() {
            bail!(
                "download_async --example compare printed nothing ({})",
                output.status
            );
        }
        fs::write(&compare, &output.stdout)?;
    }
    // Python's figures, from this machine's python3 if it has one: one run, not compared.
    let python = generated.join("cpu_bound-python.txt");
    if fresh || !python.exists() {
        let output = chapter("cpu_bound")?
            .args(["--threads", "2", "--compare-python"])
            .output()?;
        if !output.status.success() {
            bail!("cpu_bound --compare-python failed ({})", output.status);
        }
        fs::write(&python, &output.stdout)?;
    }
    // One run's interleaving, like a timeline: which thread goes first varies from run to run.
    let steps = generated.join("race_condition-steps.md");
    if fresh || !steps.exists() {
        fs::write(&steps, race_steps()?)?;
    }
    write_unless_same(
        &generated.join("race_condition-rejected.txt"),
        &naive_port_rejection()?,
        fresh,
        |a, b| a == b,
    )?;
    if fresh || !generated.join("sweep.md").exists() {
        fs::write(generated.join("sweep.md"), sweep()?)?;
    }
    for exercise in exercises()? {
        let hints: String = exercise
            .hints
            .iter()
            .enumerate()
            .map(|(index, hint)| {
                format!(
                    "<details>\n<summary>Hint {}</summary>\n\n{hint}\n\n</details>\n\n",
                    index + 1
                )
            })
            .collect();
        let path = generated
            .join("hints")
            .join(format!("{}.md", exercise.name));
        write_unless_same(&path, &hints, fresh, |a, b| a == b)?;
        let path = generated
            .join("discussions")
            .join(format!("{}.md", exercise.name));
        write_unless_same(&path, &discussion(&exercise)?, fresh, |a, b| a == b)?;
        let path = generated
            .join("checks")
            .join(format!("{}.md", exercise.name));
        write_unless_same(&path, &checks(&exercise)?, fresh, |a, b| a == b)?;
    }

    let book = workspace_root().join("book");
    if serve {
        println!("Serving the book at http://localhost:3000 (Ctrl-C stops).");
        let status = mdbook()?
            .args(["serve", "--open"])
            .current_dir(&book)
            .status()?;
        if !status.success() {
            bail!("mdbook serve failed ({status})");
        }
        return Ok(());
    }
    let output = mdbook()?.arg("build").current_dir(&book).output()?;
    let log = String::from_utf8_lossy(&output.stderr);
    // mdBook only warns about a missing include or anchor; here that fails the build.
    let problems: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("WARN") || line.contains("ERROR"))
        .collect();
    if !output.status.success() || !problems.is_empty() {
        bail!("mdbook build reported problems:\n{log}");
    }
    println!(
        "Built the book: open {}",
        book.join("build/index.html").display()
    );
    Ok(())
}

/// What the grader checks, for an exercise's page: its spec table
/// (`chapters/exercises/specs/NAME.md`) without the wrong variants, one check a row.
fn checks(exercise: &Exercise) -> Result<String> {
    let path = workspace_root().join(format!("chapters/exercises/specs/{}.md", exercise.name));
    let spec =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let rows =
        xtask::spec_rows(&spec).with_context(|| format!("{}: the spec table", path.display()))?;
    let mut table = String::from("| The spec says | The grader checks |\n|---|---|\n");
    for (promise, check) in rows {
        table.push_str(&format!("| {promise} | {check} |\n"));
    }
    Ok(table)
}

/// The page folded after an exercise's hints: what the grader says after a pass, with each
/// wrong answer's mistake as a diff against the reference solution (or the other answer it
/// names), folded in its turn.
fn discussion(exercise: &Exercise) -> Result<String> {
    let mut page = format!(
        "<details>\n<summary>After you pass: the lesson, and why wrong answers fail</summary>\n\n\
         **The lesson:** {}\n\n{}\n\n",
        exercise.lesson, exercise.discussion
    );
    let mut whole = Vec::new();
    for variant in variants::wrong_ones(exercise)? {
        match variants::mistake(exercise, &variant)? {
            Some(mistake) => page.push_str(&format!(
                "<details>\n<summary>{}{}</summary>\n\n```diff\n{}\n```\n\n</details>\n\n",
                variant.name,
                match &mistake.base {
                    Base::Variant(base) => format!(", a change to {base}"),
                    _ => String::new(),
                },
                mistake.hunks
            )),
            None => whole.push(format!("`{}`", variant.name)),
        }
    }
    if !whole.is_empty() {
        page.push_str(&format!(
            "Written another way throughout, so not shown as a diff: {}.\n\n",
            whole.join(", ")
        ));
    }
    page.push_str(&format!(
        "The wrong answers are in `chapters/exercises/variants/{}/`.\n\n</details>\n",
        exercise.name
    ));
    Ok(page)
}

/// A command running a chapter's binary, built first if needed.
fn chapter(package: &str) -> Result<Command> {
    built(
        escargot::CargoBuild::new().package(package).bin(package),
        package,
    )
}

/// A command running one of a chapter's examples, built first if needed.
fn chapter_example(package: &str, example: &str) -> Result<Command> {
    built(
        escargot::CargoBuild::new()
            .package(package)
            .example(example),
        &format!("{package} --example {example}"),
    )
}

fn built(build: escargot::CargoBuild, what: &str) -> Result<Command> {
    let run = build
        .current_release()
        .run()
        .with_context(|| format!("cannot build {what}"))?;
    let mut command = run.command();
    // What the reader sees is a plain run: no log filter, no backtraces from the shell's settings.
    command
        .env_remove("RUST_LOG")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .current_dir(workspace_root());
    Ok(command)
}

/// The title and spans a chapter run wrote to `path` (see [`SPANS_VARIABLE`]).
fn recorded_spans(path: &Path) -> Result<(String, Vec<timeline::Span>)> {
    let text =
        fs::read_to_string(path).with_context(|| format!("no timeline in {}", path.display()))?;
    timeline::read_spans(&text).with_context(|| format!("a garbled timeline in {}", path.display()))
}

/// What `command` prints, standard output and standard error together, in the order written.
fn captured(mut command: Command) -> Result<String> {
    let scratch = target_dir()?.join("book-capture.txt");
    let file =
        File::create(&scratch).with_context(|| format!("cannot write {}", scratch.display()))?;
    let status = command.stdout(file.try_clone()?).stderr(file).status()?;
    if !status.success() {
        bail!(
            "a chapter run for the book failed ({status}):\n{}",
            fs::read_to_string(&scratch)?
        );
    }
    Ok(fs::read_to_string(&scratch)?)
}

/// Writes `text` to `path`, unless (without `fresh`) the file already holds text `same` as it.
fn write_unless_same(
    path: &Path,
    text: &str,
    fresh: bool,
    same: impl Fn(&str, &str) -> bool,
) -> Result<()> {
    if !fresh && fs::read_to_string(path).is_ok_and(|old| same(&old, text)) {
        return Ok(());
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// The race, step by step, from a real run of the `steps` example: a Markdown table.
fn race_steps() -> Result<String> {
    let output = chapter_example("race_condition", "steps")?.output()?;
    let log = String::from_utf8_lossy(&output.stderr);
    let mut table = String::from(
        "| step | statement | Thread 0's `local_copy` | Thread 1's `local_copy` | shared `value` |\n\
         |---:|---|:---:|:---:|:---:|\n",
    );
    let mut copies = [String::from("-"), String::from("-")];
    let mut step = 0;
    for line in log.lines() {
        // `HH:MM:SS: Thread N: statement | local_copy = C | value = V`
        let Some((head, rest)) = support::log_message(line).and_then(|l| l.split_once(": ")) else {
            continue;
        };
        let mut fields = rest.split(" | ");
        let (Some(statement), Some(copy), Some(value)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let thread: usize = head
            .trim_start_matches("Thread ")
            .parse()
            .context("a thread number")?;
        copies[thread] = copy.trim_start_matches("local_copy = ").to_owned();
        step += 1;
        table.push_str(&format!(
            "| {step} | Thread {thread}: `{}` | {} | {} | {} |\n",
            statement.trim(),
            copies[0],
            copies[1],
            value.trim_start_matches("value = ")
        ));
    }
    if step != 6 {
        bail!("expected 6 steps from race_condition's steps example, found {step}:\n{log}");
    }
    Ok(table)
}

/// What rustc says about the word-for-word port of the racy program.
fn naive_port_rejection() -> Result<String> {
    let output = xtask::naive_port_check(false, &target_dir()?.join("naive_port"))?.output()?;
    if output.status.success() {
        bail!("rustc accepted naive_port.rs, which the book says it refuses");
    }
    // The same on every toolchain install, with or without the `rust-src` component.
    Ok(xtask::book::toolchain_neutral(&String::from_utf8_lossy(
        &output.stderr,
    )))
}

/// A worker-count sweep of download_threaded, as a Markdown table.
fn sweep() -> Result<String> {
    let csv = target_dir()?.join("book-sweep.csv");
    fs::remove_file(&csv).ok();
    let status = chapter_example("download_threaded", "sweep")?
        .args(["--workers", "1,2,5,10,20,50,100", "--csv"])
        .arg(&csv)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("the sweep failed ({status})");
    }
    let text = fs::read_to_string(&csv)?;
    let mut table = String::from(
        "| workers | seconds | speed-up | share of the ideal | most in flight |\n|---:|---:|---:|---:|---:|\n",
    );
    for row in text.lines().skip(1) {
        let fields: Vec<&str> = row.split(',').collect();
        let [workers, seconds, speedup, efficiency, in_flight, _failed] = fields[..] else {
            bail!("unexpected sweep row {row:?}");
        };
        let percent = efficiency
            .parse::<f64>()
            .map_or("n/a".to_owned(), |e| format!("{:.0} %", 100.0 * e));
        table.push_str(&format!(
            "| {workers} | {seconds} | {speedup}× | {percent} | {in_flight} |\n"
        ));
    }
    table.push_str("\n*160 downloads from the practice server at 20 ms latency, on the machine that built this book.*\n");
    Ok(table)
}

/// A program the book build runs, installed with `cargo install` when missing.
struct Tool {
    /// The crate, and the binary it installs.
    name: &'static str,
    version: &'static str,
}

/// mdBook itself.
const MDBOOK: Tool = Tool {
    name: "mdbook",
    version: MDBOOK_VERSION,
};

/// The preprocessor that turns `{{#quiz ...}}` into a quiz. Its script and style ship inside the
/// crate, so the quizzes work offline.
const MDBOOK_QUIZ: Tool = Tool {
    name: "mdbook-quiz",
    version: MDBOOK_QUIZ_VERSION,
};

/// The path of `tool`'s binary, installed with cargo first if it is missing or another version.
fn installed(tool: &Tool) -> Result<PathBuf> {
    let Tool { name, version } = tool;
    let works = |path: &Path| {
        Command::new(path)
            .arg("--version")
            .output()
            .is_ok_and(|output| {
                let said = String::from_utf8_lossy(&output.stdout);
                // mdBook says `mdbook v0.5.4`, mdbook-quiz `mdbook-quiz 0.5.0`.
                said.split_whitespace()
                    .any(|word| word.trim_start_matches('v') == *version)
            })
    };
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin").join(name));
    for candidate in [Some(PathBuf::from(name)), cargo_bin.clone()]
        .into_iter()
        .flatten()
    {
        if works(&candidate) {
            return Ok(candidate);
        }
    }
    println!(
        "{name} {version} is not installed; installing it now with `cargo install` (a few minutes, once)..."
    );
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["install", &format!("{name}@{version}"), "--locked"])
        .status()
        .context("cannot run cargo install")?;
    if !status.success() {
        bail!(
            "installing {name} failed ({status}); install it yourself with `cargo install {name}@{version} --locked`"
        );
    }
    cargo_bin
        .filter(|path| works(path))
        .with_context(|| format!("{name} was installed, but is not in $CARGO_HOME/bin"))
}

/// A command running mdBook, with the quiz preprocessor on its PATH (mdBook finds a
/// preprocessor there by its name).
fn mdbook() -> Result<Command> {
    let mdbook = installed(&MDBOOK)?;
    let quiz = installed(&MDBOOK_QUIZ)?;
    let mut command = Command::new(mdbook);
    if let Some(folder) = quiz
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let folders = std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&path));
        command.env("PATH", std::env::join_paths(folders)?);
    }
    Ok(command)
}
