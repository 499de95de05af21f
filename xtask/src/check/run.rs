//! Running a built harness under a watchdog, and reading the verdict line it prints (or what
//! its crash or hang says instead).

use std::{
    io::Read,
    path::Path,
    process::{Command, Stdio},
    time::Duration,
};

use anyhow::{Context, Result};
use support::verdict::{Kind, LIFELINE, Verdict};
use wait_timeout::ChildExt;
use xtask::workspace_root;

/// The longest a harness may run before the grader stops it and calls it a hang.
const WATCHDOG: Duration = Duration::from_secs(60);

/// Runs a harness under the watchdog and reads its verdict.
pub(super) fn run(binary: &Path, seed: Option<u64>) -> Result<Verdict> {
    let mut command = Command::new(binary);
    command
        .current_dir(workspace_root())
        .env(LIFELINE, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(seed) = seed {
        command.env("GRADER_SEED", seed.to_string());
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    // Held, never written: the harness ends when it closes, as it does when we end.
    let _lifeline = child.stdin.take();
    // Drain both pipes on their own threads, so a chatty program cannot block on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).ok();
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let Some(status) = child.wait_timeout(WATCHDOG)? else {
        child.kill().ok();
        child.wait().ok();
        return Ok(Verdict {
            kind: Kind::Hang,
            reason: format!(
                "no verdict after {} s, so the grader stopped it: a thread never finished",
                WATCHDOG.as_secs()
            ),
            replay: None,
        });
    };
    let stdout = stdout.join().unwrap_or_default();
    if let Some(verdict) = Verdict::from_output(&stdout) {
        return verdict.context("the harness printed a malformed verdict");
    }
    let stderr = stderr.join().unwrap_or_default();
    let last = stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("no message");
    Ok(Verdict {
        kind: Kind::Panic,
        reason: format!("the program crashed ({status}): {last}"),
        replay: None,
    })
}
