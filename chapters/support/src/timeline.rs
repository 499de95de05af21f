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
/// [`SPANS_VARIABLE`] names a file, the spans are also written there (see [`write_spans`]), for
/// the book to draw.
pub fn print(title: &str) {
    if RECORDER.get().is_some() {
        print!("\n{title}\n{}", render(&spans(), 64));
        if let Some(path) = std::env::var_os(SPANS_VARIABLE)
            && let Err(error) = std::fs::write(&path, write_spans(title, &spans()))
        {
            eprintln!(
                "cannot write the timeline to {}: {error}",
                path.to_string_lossy()
            );
        }
    }
}

/// The environment variable naming a file to write the recorded spans into, for the book.
pub const SPANS_VARIABLE: &str = "THREADING_TIMELINE_SPANS";

/// The environment variable naming a file for a program that draws its own picture as SVG
/// (download_async's `compare` example draws the downloads in flight over time).
pub const SVG_VARIABLE: &str = "THREADING_TIMELINE_SVG";

/// `spans` as text: `title` on the first line, then a line per span, `row<TAB>start<TAB>end`
/// in seconds. [`read_spans`] reads it back.
pub fn write_spans(title: &str, spans: &[Span]) -> String {
    let mut text = format!("{}\n", title.replace(['\n', '\t'], " "));
    for span in spans {
        writeln!(
            text,
            "{}\t{:.6}\t{:.6}",
            span.row.replace(['\n', '\t'], " "),
            span.start.as_secs_f64(),
            span.end.as_secs_f64()
        )
        .ok();
    }
    text
}

/// The title and spans that [`write_spans`] wrote, or `None` if `text` is not such a list.
pub fn read_spans(text: &str) -> Option<(String, Vec<Span>)> {
    let mut lines = text.lines();
    let title = lines.next()?.to_owned();
    let seconds = |field: &str| {
        field
            .parse()
            .ok()
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
    };
    let spans = lines
        .map(|line| {
            let mut fields = line.split('\t');
            Some(Span {
                row: fields.next()?.to_owned(),
                start: seconds(fields.next()?)?,
                end: seconds(fields.next()?)?,
            })
        })
        .collect::<Option<_>>()?;
    Some((title, spans))
}

/// When the last recorded call returned.
pub fn end(spans: &[Span]) -> Duration {
    spans.iter().map(|span| span.end).max().unwrap_or_default()
}

/// Orders thread names as a reader counts them: `worker 2` before `worker 10`.
fn worker_order(row: &str) -> (String, u64) {
    let number = row
        .split(|c: char| !c.is_ascii_digit())
        .find(|digits| !digits.is_empty())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(0);
    (row.replace(|c: char| c.is_ascii_digit(), ""), number)
}

/// The rows of a diagram: each thread's spans in the order they started, threads in worker
/// order (`main`, then `worker 0`, `worker 1`, ...).
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
    rows.sort_by_cached_key(|(row, _)| worker_order(row));
    rows
}

/// A round step for the time axis, so that `length` gets at most five steps.
fn tick_step(length: f64) -> f64 {
    let rough = length / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude)
}

/// Draws `spans` as an SVG picture: one row per thread, one bar per call, time across. The time
/// axis is `axis` long (or as long as the spans, if they end later), so that two pictures given
/// the same `axis` can be compared by eye.
///
/// The picture carries its own light background, so it reads the same in a dark theme, and its
/// text stays 11 px or more high when it is shown 360 px wide on a phone.
pub fn render_svg(spans: &[Span], title: &str, axis: Duration) -> String {
    const WIDTH: f64 = 520.0;
    const FONT: f64 = 16.0;
    const LINE: f64 = 20.0;
    // The labels' column is as wide in every picture, so that pictures given the same axis
    // share a time scale: room for `worker 99` or `ThreadId(9)`.
    const LABEL: f64 = 104.0;
    const ROW: f64 = 28.0;
    const MARGIN: f64 = 8.0;
    const INK: &str = "#1a1a1a";
    let rows = rows(spans);
    let length = axis.max(end(spans)).as_secs_f64().max(1e-9);
    let right = WIDTH - 3.0 * MARGIN;
    let x = |seconds: f64| LABEL + (right - LABEL) * seconds / length;
    let title_lines = wrap(title, ((WIDTH - 2.0 * MARGIN) / (FONT * 0.6)) as usize);
    let top = LINE * title_lines.len() as f64 + MARGIN;
    let axis_y = top + ROW * rows.len() as f64 + 4.0;
    let height = axis_y + LINE + 2.0 * MARGIN;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\" font-size=\"{FONT}\" \
         fill=\"{INK}\">\n<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
    );
    for (index, line) in title_lines.iter().enumerate() {
        writeln!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{}\" font-weight=\"bold\">{}</text>",
            LINE * (index + 1) as f64,
            escape(line)
        )
        .ok();
    }
    for (index, (row, row_spans)) in rows.iter().enumerate() {
        let row_top = top + ROW * index as f64;
        writeln!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{}\">{}</text>",
            row_top + ROW - 9.0,
            escape(row)
        )
        .ok();
        for (call, span) in row_spans.iter().enumerate() {
            let fill = if call % 2 == 0 { "#3b6ea5" } else { "#8fb3d9" };
            let (left, right) = (x(span.start.as_secs_f64()), x(span.end.as_secs_f64()));
            writeln!(
                svg,
                "<rect x=\"{left:.1}\" y=\"{}\" width=\"{:.1}\" height=\"{}\" fill=\"{fill}\"/>",
                row_top + 4.0,
                (right - left).max(0.5),
                ROW - 8.0
            )
            .ok();
        }
    }
    writeln!(
        svg,
        "<line x1=\"{LABEL}\" y1=\"{axis_y}\" x2=\"{right}\" y2=\"{axis_y}\" stroke=\"{INK}\"/>"
    )
    .ok();
    let step = tick_step(length);
    let decimals = if step >= 1.0 {
        0
    } else if step >= 0.1 {
        1
    } else {
        2
    };
    let mut tick = 0.0;
    while tick <= length * (1.0 + 1e-9) {
        let at = x(tick);
        writeln!(
            svg,
            "<line x1=\"{at:.1}\" y1=\"{axis_y}\" x2=\"{at:.1}\" y2=\"{}\" stroke=\"{INK}\"/>\n\
             <text x=\"{at:.1}\" y=\"{}\" text-anchor=\"middle\">{tick:.decimals$} s</text>",
            axis_y + 4.0,
            axis_y + LINE,
        )
        .ok();
        tick += step;
    }
    svg.push_str("</svg>\n");
    svg
}

/// `text` broken into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
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
    const WIDTH: f64 = 430.0; // 520 wide in all: legible when a phone shows it 360 px wide
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"18\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fdfdfd\"/>\n\
         <text x=\"4\" y=\"22\" font-weight=\"bold\">{}</text>\n",
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

/// Draws `spans` as text, `width` columns of time: one row per thread, in worker order; consecutive calls on a row alternate between `█` and `▒`; blank is idle.
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
    fn one_row_per_thread_in_worker_order() {
        let spans = [
            span("worker 10", 10, 50),
            span("worker 2", 0, 50),
            span("worker 10", 50, 100),
        ];
        let text = render(&spans, 10);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(
            lines[0].starts_with(" worker 2 │█████     │ 1 call"),
            "{text}"
        );
        assert!(
            lines[1].starts_with("worker 10 │ ████▒▒▒▒▒│ 2 calls"),
            "{text}"
        );
        assert!(lines[2].ends_with("0.10 s"), "{text}");
    }

    #[test]
    fn svg_has_a_background_then_a_bar_per_call_and_a_label_per_thread() {
        let spans = [
            span("worker 1", 0, 50),
            span("worker 0", 0, 50),
            span("worker 0", 50, 100),
        ];
        let svg = render_svg(&spans, "Two <workers>", Duration::ZERO);
        let first_drawn = svg.lines().nth(1).unwrap();
        assert!(
            first_drawn.starts_with("<rect x=\"0\" y=\"0\" width=\"520\""),
            "{svg}"
        );
        assert_eq!(svg.matches("<rect ").count(), 1 + 3);
        let (zero, one) = (svg.find(">worker 0</text>"), svg.find(">worker 1</text>"));
        assert!(zero.is_some() && zero < one, "{svg}");
        assert!(svg.contains("Two &lt;workers&gt;"));
    }

    #[test]
    fn pictures_given_the_same_axis_share_a_time_scale() {
        let long = render_svg(&[span("main", 0, 1000)], "", Duration::from_secs(1));
        let short = render_svg(&[span("main", 0, 250)], "", Duration::from_secs(1));
        let bar_width = |svg: &str| {
            let bar = svg.lines().find(|l| l.contains("#3b6ea5")).unwrap();
            let width = &bar[bar.find("width=\"").unwrap() + 7..];
            width[..width.find('"').unwrap()].parse::<f64>().unwrap()
        };
        let ratio = bar_width(&long) / bar_width(&short);
        assert!((ratio - 4.0).abs() < 0.05, "{ratio}");
        assert!(short.contains(">1.0 s</text>"), "{short}");
    }

    #[test]
    fn spans_written_are_read_back() {
        let spans = vec![span("worker 0", 0, 50), span("main", 20, 70)];
        let text = write_spans("A title", &spans);
        assert_eq!(read_spans(&text), Some(("A title".to_owned(), spans)));
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
