use std::{hint::black_box, num::NonZeroUsize, process::ExitCode, thread, time::Instant};

use clap::Parser;
use rayon::prelude::*;

mod python;

/// CPU-bound work: the tutorial's sum of squares for twenty numbers, run on one thread, on N
/// scoped threads that each take a slice of the numbers, and on a rayon pool of N threads. Rust
/// has no GIL: the threads really do run on several cores at once.
///
/// More: `cargo run -p cpu_bound --example uneven` (some numbers cost far more than others).
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Threads for the scoped threads and the pool (default: one per core).
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// The first number to sum the squares up to; the twenty numbers are SIZE, SIZE+1, ...
    #[arg(long, default_value_t = 2_000_000,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    size: u64,
    /// Also run the same job with Python threads (needs python3 on the PATH).
    #[arg(long)]
    compare_python: bool,
}

// ANCHOR: lesson
// ANCHOR: three_ways
/// The sum of `i * i` for `i` below `number`. `black_box` hides `i` from the optimizer, which
/// would otherwise replace the loop with the formula and leave nothing to measure.
fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(black_box(i)).pow(2)).sum()
}

fn find_sums(numbers: &[u64]) -> Vec<u128> {
    numbers.iter().map(|&number| cpu_bound(number)).collect()
}

/// Each of `threads` scoped threads sums one slice of the numbers; the slices are joined in
/// order, so the results stay in input order.
fn find_sums_scoped(numbers: &[u64], threads: usize) -> Vec<u128> {
    let slice_len = numbers.len().div_ceil(threads);
    thread::scope(|scope| {
        let slices: Vec<_> = numbers
            .chunks(slice_len)
            .map(|slice| scope.spawn(|| find_sums(slice)))
            .collect();
        slices
            .into_iter()
            .flat_map(|slice| slice.join().unwrap())
            .collect()
    })
}

/// A rayon pool splits the numbers into pieces as it goes; a thread that runs out steals half
/// of what another has left.
fn find_sums_rayon(numbers: &[u64], threads: usize) -> Vec<u128> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let pool = pool.expect("the OS could not start the pool's threads");
    pool.install(|| numbers.par_iter().map(|&n| cpu_bound(n)).collect())
}

// ANCHOR_END: three_ways

// ANCHOR: main
fn main() -> ExitCode {
    let args = Args::parse();
    let cores = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let threads = args.threads.map_or(cores, NonZeroUsize::get);
    let numbers: Vec<u64> = (0..20).map(|x| args.size + x).collect();

    let (expected, one) = timed(|| find_sums(&numbers));
    println!("{:<26} {one:>7.3} s", "one thread");
    too_short_to_time(one, args.size);
    let mut all_agree = true;
    let ways: [(&str, Finder); 2] = [
        ("scoped threads", find_sums_scoped),
        ("threads in a rayon pool", find_sums_rayon),
    ];
    for (way, find_sums_with) in ways {
        let (sums, seconds) = timed(|| find_sums_with(&numbers, threads));
        all_agree &= report(&format!("{threads} {way}"), seconds, one, sums == expected);
    }
    if args.compare_python {
        python::compare(&numbers, threads);
    }
    ExitCode::from(u8::from(!all_agree)) // 1 if the sums differ
}
// ANCHOR_END: main
// ANCHOR_END: lesson

/// Says so when one thread's work took too little time for the speed-ups to mean much:
/// starting the threads then weighs in (a release build is about 20 times as fast as debug).
fn too_short_to_time(one: f64, size: u64) {
    if one < 0.2 {
        // The work grows with the size: aim at half a second on one thread.
        let enough = (size as f64 * 0.5 / one.max(1e-6)).min(1e9);
        // Two significant digits are plenty: 24404322 as 24000000.
        let unit = 10_f64.powi(enough.log10().floor() as i32 - 1).max(1.0);
        let enough = ((enough / unit).round() * unit) as u64;
        println!(
            "(only {:.0} ms of work on one thread: too short for the speed-ups below to hold; try --size {enough})",
            one * 1000.0
        );
    }
}

/// A way to find the sums on a number of threads.
type Finder = fn(&[u64], usize) -> Vec<u128>;

/// What `run` returned, and how many seconds it took.
fn timed<T>(run: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let result = run();
    (result, start.elapsed().as_secs_f64())
}

/// Prints one row: the time, the speed-up over `one` thread's time, and whether the sums agree
/// with one thread's. Returns whether they do.
fn report(name: &str, seconds: f64, one: f64, same: bool) -> bool {
    let agree = if same { "same sums" } else { "DIFFERENT SUMS" };
    println!(
        "{name:<26} {seconds:>7.3} s  speed-up {:>5.2}x  {agree}",
        one / seconds
    );
    same
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_sum_is_the_formula_for_the_sum_of_squares() {
        for n in [0_u64, 1, 2, 10, 12_345] {
            let n128 = u128::from(n);
            let formula = if n == 0 {
                0
            } else {
                (n128 - 1) * n128 * (2 * n128 - 1) / 6
            };
            assert_eq!(super::cpu_bound(n), formula, "n = {n}");
        }
    }
}
