//! Uneven work: two numbers cost twelve times as much as the other six. Fixed slices give one
//! thread both expensive numbers, and the run waits for that slowest slice while the other core
//! idles; rayon hands out one number at a time, so every core stays busy until the work runs
//! out. `-- --timeline` draws it.

use std::{
    hint::black_box,
    num::NonZeroUsize,
    thread,
    time::{Duration, Instant},
};

use clap::Parser;
use rayon::prelude::*;
use support::timeline;

/// Fixed slices against rayon's work stealing, on numbers of very uneven cost.
#[derive(Parser)]
struct Args {
    /// Threads for both runs (default: one per core).
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// The cost of a cheap number; the two expensive ones cost twelve times as much.
    #[arg(long, default_value_t = 500_000,
          value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    size: u64,
    /// After the runs, draw when each thread was busy: one row per thread.
    #[arg(long)]
    timeline: bool,
}

fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(black_box(i)).pow(2)).sum()
}

// ANCHOR: example
/// Fixed slices: thread `k` gets the `k`-th contiguous slice, whatever it costs. Returns how
/// long each slice kept its thread busy.
fn fixed_slices(numbers: &[u64], threads: usize) -> Vec<Duration> {
    let slice_len = numbers.len().div_ceil(threads);
    thread::scope(|scope| {
        let slices: Vec<_> = numbers
            .chunks(slice_len)
            .enumerate()
            .map(|(k, slice)| {
                let busy = move || {
                    let start = Instant::now();
                    for &number in slice {
                        timeline::record(|| cpu_bound(number));
                    }
                    start.elapsed()
                };
                let named = thread::Builder::new().name(format!("fixed slice {k}"));
                named
                    .spawn_scoped(scope, busy)
                    .expect("the OS could not start a thread")
            })
            .collect();
        slices
            .into_iter()
            .map(|slice| slice.join().unwrap())
            .collect()
    })
}

/// Work stealing: whichever thread is free takes the next number.
fn stolen(numbers: &[u64], pool: &rayon::ThreadPool) {
    pool.install(|| {
        numbers.par_iter().with_max_len(1).for_each(|&number| {
            timeline::record(|| cpu_bound(number));
        });
    });
}
// ANCHOR_END: example

fn main() -> support::Result<()> {
    let args = Args::parse();
    if args.timeline {
        timeline::enable();
    }
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let threads = args.threads.map_or(cores, NonZeroUsize::get);
    let (cheap, dear) = (args.size, 12 * args.size);
    let numbers = [dear, dear, cheap, cheap, cheap, cheap, cheap, cheap];
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|k| format!("rayon {k}"))
        .build()?;

    let start = Instant::now();
    let busy = fixed_slices(&numbers, threads);
    let fixed = start.elapsed().as_secs_f64();
    let busy: Vec<String> = busy
        .iter()
        .map(|d| format!("{:.3} s", d.as_secs_f64()))
        .collect();
    println!(
        "fixed slices on {threads} threads: {fixed:.3} s (busy: {})",
        busy.join(", ")
    );
    let start = Instant::now();
    stolen(&numbers, &pool);
    let rayon = start.elapsed().as_secs_f64();
    println!(
        "rayon pool of {threads}:        {rayon:.3} s ({:.2}x faster)",
        fixed / rayon
    );
    timeline::print("Busy threads: fixed slices first, then the rayon pool");
    Ok(())
}
