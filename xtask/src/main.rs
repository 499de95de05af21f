use std::{process::Command, time::Duration};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

/// Tooling for the threading course. Run as `cargo xtask <task>`.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Run every chapter in reading order, with a header before each.
    Tour,
    /// List the chapters in reading order.
    Chapters,
    /// Run the practice server on its own, for experiments with other clients (curl, Python).
    Serve {
        /// Port on 127.0.0.1 to listen on (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// How long each answer takes, in milliseconds.
        #[arg(long, default_value_t = 20)]
        latency_ms: u64,
    },
}

fn main() -> Result<()> {
    match Cli::parse().task {
        Task::Tour => tour(),
        Task::Serve { port, latency_ms } => serve(port, latency_ms),
        Task::Chapters => {
            for (index, chapter) in xtask::chapters()?.iter().enumerate() {
                println!(
                    "{:>2}. {:<18} {}",
                    index + 1,
                    chapter.package,
                    chapter.section
                );
            }
            Ok(())
        }
    }
}

fn tour() -> Result<()> {
    let chapters = xtask::chapters()?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let packages: Vec<&str> = chapters.iter().map(|c| c.package.as_str()).collect();
    // One build up front, so the headers are not interleaved with compiler output.
    let mut build = Command::new(&cargo);
    build.args(["build", "--quiet", "--bins"]);
    for package in &packages {
        build.args(["--package", package]);
    }
    if !build.status()?.success() {
        bail!("the chapters did not build; fix the errors above and run `cargo xtask tour` again");
    }
    for (index, chapter) in chapters.iter().enumerate() {
        println!(
            "\n=== {}. {} — {} ===",
            index + 1,
            chapter.package,
            chapter.section
        );
        println!("$ cargo run -p {}", chapter.package);
        let status = Command::new(&cargo)
            .args(["run", "--quiet", "--package", &chapter.package])
            .status()?;
        if !status.success() {
            bail!("chapter {} exited with {status}", chapter.package);
        }
    }
    Ok(())
}

fn serve(port: u16, latency_ms: u64) -> Result<()> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let server = support::server::PracticeServer::bind(addr, Duration::from_millis(latency_ms))
        .with_context(|| {
            format!("cannot listen on {addr}; is the port taken? Try --port 0 for any free one")
        })?;
    println!(
        "Practice server on http://{}, answering after {latency_ms} ms:",
        server.addr()
    );
    print!("{}", server.describe());
    println!("Press Ctrl-C to stop.");
    loop {
        std::thread::park();
    }
}
