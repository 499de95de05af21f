//! `--compare-python`: the same job with Python threads, for the figures side by side. Python
//! is never needed otherwise: without `python3` on the PATH this says so in one line.

use std::process::Command;

/// Sums squares the way the tutorial's companion program does, once on one thread and once on
/// a pool of threads, and prints the two times. The numbers come as arguments.
const SCRIPT: &str = r#"
import sys, time
from concurrent.futures import ThreadPoolExecutor

def squares_below(n):
    return sum(i * i for i in range(n))

threads, numbers = int(sys.argv[1]), [int(a) for a in sys.argv[2:]]
start = time.perf_counter()
alone = [squares_below(n) for n in numbers]
one = time.perf_counter() - start
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=threads) as pool:
    pooled = list(pool.map(squares_below, numbers))
many = time.perf_counter() - start
print(one, many, alone == pooled)
"#;

/// Runs [`SCRIPT`] with `python3` and prints its times, or one line saying why it was skipped.
pub(crate) fn compare(numbers: &[u64], threads: usize) {
    let output = match Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(threads.to_string())
        .args(numbers.iter().map(u64::to_string))
        .output()
    {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            let why = String::from_utf8_lossy(&output.stderr);
            let last = why.lines().last().unwrap_or("no message");
            println!("python3 failed ({last}); skipped the Python comparison");
            return;
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            println!("python3 is not on the PATH; skipped the Python comparison");
            return;
        }
        Err(error) => {
            println!("cannot run python3 ({error}); skipped the Python comparison");
            return;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let figures: Vec<&str> = text.split_whitespace().collect();
    let seconds = |i: usize| figures.get(i).and_then(|f| f.parse::<f64>().ok());
    match (seconds(0), seconds(1), figures.get(2)) {
        (Some(one), Some(many), Some(&"True")) => {
            println!("{:<26} {one:>7.3} s", "Python, one thread");
            let name = format!("Python, {threads} threads");
            println!(
                "{name:<26} {many:>7.3} s  speed-up {:>5.2}x  same sums",
                one / many
            );
        }
        _ => println!("python3 printed {text:?}; skipped the Python comparison"),
    }
}
