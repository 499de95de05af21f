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

/// Prints the diagram of everything recorded, if recording is on. If the environment variable
/// [`SVG_VARIABLE`] names a file, the diagram is also drawn there as SVG (for the book).
pub fn print(title: &str) {
    if RECORDER.get().is_some() {
        print!("\n{title}\n{}", render(&spans(), 64));
        if let Some(path) = std::env::var_os(SVG_VARIABLE)
            && let Err(error) = std::fs::write(&path, render_svg(&spans(), title))
        {
            eprintln!(
                "cannot write the timeline to {}: {error}",
                path.to_string_lossy()
            );
        }
    }
}

/// The environment variable naming a file to draw the timeline into, as SVG.
pub const SVG_VARIABLE: &str = "THREADING_TIMELINE_SVG";

/// The rows of a diagram: each thread's spans, threads in the order they started work.
fn rows(spans: &[Span]) -> Vec<(&str, Vec<&Span>)> {
    let mut rows: Vec<(&str, Vec<&Span>)> = Vec::new();
    let mut by_start: Vec<&Span> = spans.iter().collect();
    by_start.sort_by_key(|span| span.start);
    for span in by_start {
        match rows.iter_mut().find(|(row, _)| *row == span.row) {
            Some((_, row_spans)) => row_spans.push(span),
            None => rows.push((&span.row, vec![span])),
        }
    }
    rows
}

/// Draws `spans` as an SVG picture: one row per thread, one bar per call, time across.
pub fn render_svg(spans: &[Span], title: &str) -> String {
    const LABEL: f64 = 90.0;
    const WIDTH: f64 = 620.0;
    const ROW: f64 = 26.0;
    let rows = rows(spans);
    let total = spans
        .iter()
        .map(|span| span.end)
        .max()
        .unwrap_or_default()
        .as_secs_f64()
        .max(1e-9);
    let x = |at: Duration| LABEL + WIDTH * at.as_secs_f64() / total;
    let height = 40.0 + ROW * rows.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <text x=\"4\" y=\"18\" font-weight=\"bold\">{}</text>\n",
        LABEL + WIDTH + 20.0,
        escape(title)
    );
    for (index, (row, row_spans)) in rows.iter().enumerate() {
        let top = 32.0 + ROW * index as f64;
        writeln!(
            svg,
            "<text x=\"4\" y=\"{}\">{}</text>",
            top + 16.0,
            escape(row)
        )
        .ok();
        for (call, span) in row_spans.iter().enumerate() {
            let fill = if call % 2 == 0 { "#3b6ea5" } else { "#8fb3d9" };
            let (left, right) = (x(span.start), x(span.end));
            writeln!(
                svg,
                "<rect x=\"{left:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{fill}\"/>",
                top + 3.0,
                (right - left).max(0.5),
                ROW - 8.0
            )
            .ok();
        }
    }
    let axis = 32.0 + ROW * rows.len() as f64 + 8.0;
    writeln!(
        svg,
        "<line x1=\"{LABEL}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"black\"/>",
        LABEL + WIDTH
    )
    .ok();
    for tick in 0..=4 {
        let at = LABEL + WIDTH * f64::from(tick) / 4.0;
        let label = total * f64::from(tick) / 4.0;
        writeln!(
            svg,
            "<text x=\"{at:.1}\" y=\"{}\" text-anchor=\"middle\">{label:.2} s</text>",
            axis + 16.0
        )
        .ok();
    }
    svg.push_str("</svg>\n");
    svg
}

/// How many calls were in flight over time: a step each time one starts or ends, given each
/// call's `(start, end)`.
pub fn in_flight(calls: &[(Duration, Duration)]) -> Vec<(Duration, usize)> {
    let mut events: Vec<(Duration, bool)> = calls
        .iter()
        .flat_map(|&(start, end)| [(start, true), (end, false)])
        .collect();
    events.sort(); // at one instant, ends (false) come before starts
    let mut now = 0usize;
    let mut steps = vec![(Duration::ZERO, 0)];
    for (at, starts) in events {
        now = if starts {
            now + 1
        } else {
            now.saturating_sub(1)
        };
        steps.push((at, now));
    }
    steps
}

/// Draws how many calls were in flight over time, one line per series `(name, calls)`, on a
/// light background of its own so that it reads in the book's dark themes too.
pub fn render_in_flight_svg(title: &str, series: &[(&str, &[(Duration, Duration)])]) -> String {
    const LEFT: f64 = 60.0;
    const WIDTH: f64 = 620.0;
    const TOP: f64 = 50.0;
    const HEIGHT: f64 = 220.0;
    const COLORS: [&str; 3] = ["#c0504d", "#3b6ea5", "#6a9a3a"];
    let steps: Vec<Vec<(Duration, usize)>> =
        series.iter().map(|(_, calls)| in_flight(calls)).collect();
    let total = steps
        .iter()
        .flatten()
        .map(|&(at, _)| at.as_secs_f64())
        .fold(1e-9, f64::max);
    let most = steps
        .iter()
        .flatten()
        .map(|&(_, n)| n)
        .max()
        .unwrap_or(0)
        .max(1);
    let x = |at: f64| LEFT + WIDTH * at / total;
    let y = |n: usize| TOP + HEIGHT * (1.0 - n as f64 / most as f64);
    let (width, height) = (LEFT + WIDTH + 30.0, TOP + HEIGHT + 40.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fdfdfd\"/>\n\
         <text x=\"4\" y=\"18\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    );
    for (index, ((name, _), steps)) in series.iter().zip(&steps).enumerate() {
        let color = COLORS[index % COLORS.len()];
        // One point per pixel across, the most in flight within it: thousands of steps
        // would make a file of megabytes and look no different.
        let column = |at: f64| ((x(at) - LEFT) as usize).min(WIDTH as usize);
        let mut most_in_column = vec![0; WIDTH as usize + 1];
        let mut last = (0.0, 0);
        for &(at, n) in steps {
            let at = at.as_secs_f64();
            for most in &mut most_in_column[column(last.0)..=column(at)] {
                *most = (*most).max(last.1);
            }
            most_in_column[column(at)] = most_in_column[column(at)].max(n);
            last = (at, n);
        }
        let mut points = String::new();
        for (index, n) in most_in_column.iter().enumerate() {
            write!(points, "{:.1},{:.1} ", LEFT + index as f64, y(*n)).ok();
        }
        writeln!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"/>",
            points.trim_end()
        )
        .ok();
        let legend = LEFT + 10.0 + 200.0 * index as f64;
        writeln!(
            svg,
            "<rect x=\"{legend}\" y=\"30\" width=\"14\" height=\"4\" fill=\"{color}\"/><text x=\"{}\" y=\"36\">{}</text>",
            legend + 20.0,
            escape(name)
        )
        .ok();
    }
    let bottom = TOP + HEIGHT;
    writeln!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\" stroke=\"black\"/>\n\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\" stroke=\"black\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{most}</text>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n\
         <text x=\"4\" y=\"{}\">in flight</text>",
        LEFT + WIDTH,
        LEFT - 4.0,
        TOP + 4.0,
        LEFT - 4.0,
        bottom,
        TOP + HEIGHT / 2.0
    )
    .ok();
    for tick in 0..=4 {
        let at = total * f64::from(tick) / 4.0;
        writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{at:.2} s</text>",
            x(at),
            bottom + 16.0
        )
        .ok();
    }
    svg.push_str("</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Draws `spans` as text, `width` columns of time: one row per thread, in the order the threads
/// started work; consecutive calls on a row alternate between `█` and `▒`; blank is idle.
pub fn render(spans: &[Span], width: usize) -> String {
    let rows = rows(spans);

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
    fn svg_has_a_bar_per_call_and_a_label_per_thread() {
        let spans = [
            span("worker 0", 0, 50),
            span("worker 1", 0, 50),
            span("worker 0", 50, 100),
        ];
        let svg = render_svg(&spans, "Two <workers>");
        assert_eq!(svg.matches("<rect ").count(), 3);
        assert!(svg.contains(">worker 0</text>") && svg.contains(">worker 1</text>"));
        assert!(svg.contains("Two &lt;workers&gt;"));
    }

    #[test]
    fn in_flight_counts_overlapping_calls() {
        let ms = Duration::from_millis;
        let calls = [(ms(0), ms(50)), (ms(10), ms(60)), (ms(50), ms(70))];
        let most = in_flight(&calls).iter().map(|&(_, n)| n).max();
        assert_eq!(most, Some(2)); // the first ends as the third starts
        assert_eq!(in_flight(&calls).last(), Some(&(ms(70), 0)));
        let svg = render_in_flight_svg("x", &[("a", &calls), ("b", &calls)]);
        assert_eq!(svg.matches("<polyline ").count(), 2);
        assert!(svg.contains("fill=\"#fdfdfd\""), "a background of its own");
    }

    #[test]
    fn nothing_recorded_draws_only_the_axis() {
        assert_eq!(render(&[], 4).lines().count(), 1);
    }
}
