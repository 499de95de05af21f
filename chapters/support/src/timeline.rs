//! Records when each thread was busy and draws it as the tutorial's timing diagram: one row
//! per thread, time across, each call a bar.
//!
//! Recording is off until [`enable`] is called (a chapter's `--timeline` flag); until then
//! [`record`] only runs its closure.

use std::{
    fmt::Write as _,
    sync::{Mutex, OnceLock, PoisonError},
    thread,
    time::{Duration, Instant},
};

/// One recorded call: which thread ran it, and when, counted from [`enable`].
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The thread's name (`main`, `worker 3`, ...), or its id if it has none.
    pub row: String,
    /// When the call started.
    pub start: Duration,
    /// When the call returned.
    pub end: Duration,
}

struct Recorder {
    origin: Instant,
    spans: Mutex<Vec<Span>>,
}

static RECORDER: OnceLock<Recorder> = OnceLock::new();

/// Starts recording. Times are measured from this call.
pub fn enable() {
    RECORDER.get_or_init(|| Recorder {
        origin: Instant::now(),
        spans: Mutex::new(Vec::new()),
    });
}

/// Runs `work`, and records it as a span of the current thread if recording is on.
pub fn record<T>(work: impl FnOnce() -> T) -> T {
    let Some(recorder) = RECORDER.get() else {
        return work();
    };
    let start = recorder.origin.elapsed();
    let result = work();
    let end = recorder.origin.elapsed();
    let current = thread::current();
    let row = current
        .name()
        .map_or_else(|| format!("{:?}", current.id()), str::to_owned);
    recorder
        .spans
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Span { row, start, end });
    result
}

/// The spans recorded so far, in the order they ended.
pub fn spans() -> Vec<Span> {
    RECORDER.get().map_or_else(Vec::new, |recorder| {
        recorder
            .spans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    })
}

/// Prints the diagram of everything recorded, if recording is on.
pub fn print(title: &str) {
    if RECORDER.get().is_some() {
        print!("\n{title}\n{}", render(&spans(), 64));
    }
}

/// Draws `spans` as text, `width` columns of time: one row per thread, in the order the threads
/// started work; consecutive calls on a row alternate between `█` and `▒`; blank is idle.
pub fn render(spans: &[Span], width: usize) -> String {
    let mut rows: Vec<(&str, Vec<&Span>)> = Vec::new();
    let mut by_start: Vec<&Span> = spans.iter().collect();
    by_start.sort_by_key(|span| span.start);
    for span in by_start {
        match rows.iter_mut().find(|(row, _)| *row == span.row) {
            Some((_, row_spans)) => row_spans.push(span),
            None => rows.push((&span.row, vec![span])),
        }
    }
    let total = spans.iter().map(|span| span.end).max().unwrap_or_default();
    let label_width = rows
        .iter()
        .map(|(row, _)| row.chars().count())
        .max()
        .unwrap_or(0);
    let column =
        total.max(Duration::from_nanos(1)) / u32::try_from(width.max(1)).unwrap_or(u32::MAX);
    let mut out = String::new();
    for (row, row_spans) in &rows {
        let bars: String = (0..width)
            .map(|c| {
                let middle = column * u32::try_from(c).unwrap_or(u32::MAX) + column / 2;
                row_spans
                    .iter()
                    .position(|span| span.start <= middle && middle < span.end)
                    .map_or(' ', |call| if call % 2 == 0 { '█' } else { '▒' })
            })
            .collect();
        let calls = row_spans.len();
        let plural = if calls == 1 { "" } else { "s" };
        writeln!(out, "{row:>label_width$} │{bars}│ {calls} call{plural}").ok();
    }
    let end_label = format!("{:.2} s", total.as_secs_f64());
    writeln!(out, "{:>label_width$} 0 s{end_label:>width$}", "").ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(row: &str, start_ms: u64, end_ms: u64) -> Span {
        let ms = Duration::from_millis;
        Span {
            row: row.into(),
            start: ms(start_ms),
            end: ms(end_ms),
        }
    }

    #[test]
    fn one_row_per_thread_in_order_of_first_work() {
        let spans = [span("b", 10, 50), span("a", 0, 50), span("b", 50, 100)];
        let text = render(&spans, 10);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("a │█████     │ 1 call"), "{text}");
        assert!(lines[1].starts_with("b │ ████▒▒▒▒▒│ 2 calls"), "{text}");
        assert!(lines[2].ends_with("0.10 s"), "{text}");
    }

    #[test]
    fn nothing_recorded_draws_only_the_axis() {
        assert_eq!(render(&[], 4).lines().count(), 1);
    }
}
