//! The practice server on its own, for experiments with other clients (curl, Python):
//! `cargo xtask serve`, or `cargo run -p support --features downloads --bin practice_server`.

use std::{net::SocketAddr, process::ExitCode, time::Duration};

use clap::Parser;
use support::server::PracticeServer;

/// The offline practice server the download chapters use, on 127.0.0.1.
#[derive(Parser)]
struct Args {
    /// Port on 127.0.0.1 to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// How long each answer takes, in milliseconds (at most 10 seconds).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    latency_ms: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let addr = SocketAddr::from(([127, 0, 0, 1], args.port));
    let server = match PracticeServer::bind(addr, Duration::from_millis(args.latency_ms)) {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "error: cannot listen on {addr} ({error}); is the port taken? Try --port 0 for any free one"
            );
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Practice server on http://{}, answering after {} ms:",
        server.addr(),
        args.latency_ms
    );
    print!("{}", server.describe());
    println!("Press Ctrl-C to stop.");
    loop {
        std::thread::park();
    }
}
