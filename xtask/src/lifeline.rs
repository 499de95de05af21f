//! Nothing left running when the grader stops, however it is stopped: Ctrl-C, an editor's stop
//! button (SIGTERM), a CI timeout (SIGKILL). Each program the grader starts gets a pipe as its
//! standard input, and the grader never writes to it. When the grader ends, for any reason, the
//! system closes the pipe and the program reads end of file: that is its cue to stop. The
//! grading harnesses watch for it themselves (`exercises::end_with_the_grader`); any other
//! program, such as cargo, runs under `cargo xtask lifeline`, which watches for it and kills the
//! program. No signal handlers, no unsafe code, and the same on every system.
//!
//! Keep the child's `stdin` out of `Child::wait` (take it first): waiting closes it, which
//! reads as "the grader is gone".

use std::{
    ffi::OsString,
    io,
    process::{Command, ExitCode, Stdio},
    sync::{Arc, Mutex},
    thread,
    time::Duration,
};

use anyhow::{Context, Result};

/// A command that runs `program` under `cargo xtask lifeline`, with the pipe it watches as its
/// standard input.
pub(crate) fn command(program: impl Into<OsString>) -> Result<Command> {
    let xtask = std::env::current_exe().context("cannot find the xtask program itself")?;
    let mut command = Command::new(xtask);
    command
        .args(["lifeline", "--"])
        .arg(program.into())
        .stdin(Stdio::piped());
    Ok(command)
}

/// `cargo xtask lifeline PROGRAM ARGS...`: runs the program, with this process's standard output
/// and error, until it ends (its exit code is ours) or our standard input closes (it is killed).
/// A program it started itself (cargo's rustc) is not killed, but finishes on its own.
pub(crate) fn run(program: &[OsString]) -> Result<ExitCode> {
    let (program, args) = program
        .split_first()
        .context("lifeline needs a program to run")?;
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {}", program.display()))?;
    let child = Arc::new(Mutex::new(child));
    let watched = Arc::clone(&child);
    thread::spawn(move || {
        io::copy(&mut io::stdin().lock(), &mut io::sink()).ok();
        let mut child = watched
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        child.kill().ok();
        child.wait().ok();
        std::process::exit(1);
    });
    loop {
        let status = child
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .try_wait()?;
        if let Some(status) = status {
            return Ok(match status.code() {
                Some(0) => ExitCode::SUCCESS,
                Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
                None => ExitCode::FAILURE, // ended by a signal
            });
        }
        thread::sleep(Duration::from_millis(20));
    }
}
