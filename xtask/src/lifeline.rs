//! Nothing left running when the grader stops, however it is stopped: Ctrl-C, an editor's stop
//! button (SIGTERM), a CI timeout (SIGKILL). Each program the grader starts gets a pipe as its
//! standard input, and the grader never writes to it. When the grader ends, for any reason, the
//! system closes the pipe and the program reads end of file: that is its cue to stop. The
//! grading harnesses watch for it themselves (`exercises::end_with_the_grader`); any other
//! program, such as cargo, runs under `cargo xtask lifeline`, which watches for it and kills the
//! program, and on Unix every process the program started too (cargo's rustc, build scripts):
//! the lifeline leads a process group of its own, which it kills. No signal handlers, no unsafe
//! code. Being out of the terminal's process group, cargo does not see a Ctrl-C itself: the
//! lifeline stops it when the grader dies of it.
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
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    Ok(command)
}

/// `cargo xtask lifeline PROGRAM ARGS...`: runs the program, with this process's standard output
/// and error, until it ends (its exit code is ours) or our standard input closes: then it is
/// killed, with everything it started if the lifeline leads its process group (on Unix, as
/// [`command`] starts it).
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
        #[cfg(unix)]
        {
            use rustix::process::{Signal, getpgrp, getpid, kill_current_process_group};
            // Only a group of our own: run by hand, we may share the group of a shell script.
            if getpgrp() == getpid() {
                kill_current_process_group(Signal::KILL).ok();
            }
        }
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
