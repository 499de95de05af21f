//! The built book as a reader sees it: every page of `book/build/` loaded in headless Chromium,
//! on a desktop (1280 px) and on a phone (400 px), measured for what does not fit. On each
//! chapter page its quiz is also played: it must render, fit the column before and after, show
//! an explanation for every question once answered, and load nothing from the network.
//!
//! Built only with the `browser` feature (the driver is a large crate the other tests do not
//! need) and ignored even then, because it needs the built book (`cargo xtask book`) and
//! Chromium (`apt-get install chromium`). CI runs it after building the book:
//! `cargo test -p tests --features browser --test book_in_browser -- --ignored`.

use std::{
    ffi::OsStr,
    fmt, fs,
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
    time::{Duration, Instant},
};

use headless_chrome::{Browser, LaunchOptions, Tab, protocol::cdp::Emulation};
use serde_json::Value;

/// Where Debian's `chromium` package puts the browser; `CHROMIUM` names another one.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The whole check gives up after this long instead of hanging (it takes about half a minute).
const DEADLINE: Duration = Duration::from_secs(300);

/// How long one page may take to load or to measure.
const PAGE_TIMEOUT: Duration = Duration::from_secs(30);

/// The smallest text an SVG may draw, in CSS pixels, as shown on the phone.
const SMALLEST_TEXT_PX: f64 = 11.0;

/// Measures one loaded page: its content column, its tables, code blocks and pictures.
/// Returns JSON, as `evaluate` hands back plain values only.
const MEASURE: &str = r#"(() => {
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const name = (element) => element.textContent.trim().replace(/\s+/g, ' ').slice(0, 40);
  const tables = [...main.querySelectorAll('table')].map((table) => ({
    name: name(table),
    width: table.getBoundingClientRect().width,
  }));
  // A code block does not fit when it, or the code inside it, scrolls sideways.
  const code = [...main.querySelectorAll('pre')].map((pre) => {
    const scroller = [pre, ...pre.querySelectorAll('code')].find(
      (element) => element.scrollWidth > element.clientWidth + 1) || pre;
    const inner = pre.querySelector('code');
    return {
      name: name(pre), width: scroller.scrollWidth, visible: scroller.clientWidth,
      rust: !!inner && inner.classList.contains('language-rust'),
      wraps: !!inner && getComputedStyle(inner).whiteSpace !== 'pre',
    };
  });
  // mdBook shows each picture twice, once in the page and once hidden for zooming: one entry
  // per picture, loaded if every copy is, as wide as the copy in the page.
  const images = {};
  for (const image of main.querySelectorAll('img')) {
    const seen = images[image.src] || { src: image.src, loaded: true, width: 0 };
    seen.loaded = seen.loaded && image.complete && image.naturalWidth > 0;
    seen.width = Math.max(seen.width, image.getBoundingClientRect().width);
    images[image.src] = seen;
  }
  return JSON.stringify({
    viewport: window.innerWidth, column, tables, code, images: Object.values(images),
  });
})()"#;

/// Plays the page's quiz as a reader would: waits for mdbook-quiz to render it, starts it,
/// clicks the first choice of each question and submits it, then asks for the correct answers.
/// Measures the quiz against the content column before starting, on its first question and
/// after the last, and returns the explanations shown, as JSON.
const PLAY_QUIZ: &str = r#"(async () => {
  const pause = () => new Promise((done) => setTimeout(done, 50));
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const left = main.getBoundingClientRect().left + parseFloat(style.paddingLeft);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const placeholder = main.querySelector('.quiz-placeholder');
  if (!placeholder) return JSON.stringify({ error: 'the page has no quiz' });
  const questions = JSON.parse(placeholder.dataset.quizQuestions).questions.length;
  const quiz = () => main.querySelector('.mdbook-quiz');
  for (let tries = 0; tries < 100 && !quiz(); tries++) await pause();
  if (!quiz()) return JSON.stringify({ error: 'mdbook-quiz did not render the quiz' });
  // What sticks out of the column: the quiz itself, or anything inside it.
  const overflow = (when) => {
    const box = quiz().getBoundingClientRect();
    const wide = [quiz(), ...quiz().querySelectorAll('*')].filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && (rect.left < left - 1 || rect.right > right + 1);
    });
    return wide.length === 0 ? null : {
      when,
      element: wide[wide.length - 1].tagName.toLowerCase() + ' "' +
        wide[wide.length - 1].textContent.trim().slice(0, 40) + '"',
      width: box.width,
      column: right - left,
    };
  };
  const overflows = [overflow('before it starts')];
  const start = quiz().querySelector('button.start');
  if (!start) return JSON.stringify({ error: 'the quiz has no Start button' });
  start.click();
  await pause();
  let answered = 0;
  for (; answered < 20; answered++) {
    const form = quiz().querySelector('form');
    if (!form) break;
    if (answered === 0) overflows.push(overflow('on its first question'));
    const choice = form.querySelector('input[type=radio], input[type=checkbox]');
    if (!choice) return JSON.stringify({ error: `question ${answered + 1} has no choices to click` });
    choice.click();
    await pause();
    form.querySelector('input[type=submit]').click();
    await pause();
  }
  const reveal = [...quiz().querySelectorAll('button')]
    .find((button) => button.textContent.includes('see the correct answers'));
  if (reveal) {
    reveal.click();
    await pause();
  }
  overflows.push(overflow('with its answers shown'));
  const explanations = [...quiz().querySelectorAll('.context')]
    .filter((element) => element.getBoundingClientRect().height > 0)
    .map((element) => element.textContent.trim());
  const remote = performance.getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('file:') && !name.startsWith('data:'));
  return JSON.stringify({
    questions, answered, explanations, remote, overflows: overflows.filter((o) => o),
  });
})()"#;

/// One thing a reader would see wrong, printed on one line.
struct Problem {
    page: String,
    width: u32,
    element: String,
    detail: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {} px: {}: {}",
            self.page, self.width, self.element, self.detail
        )
    }
}

#[test]
#[ignore = "needs the built book (`cargo xtask book`) and Chromium; CI runs it"]
fn every_page_fits_its_column_and_every_picture_has_a_background() {
    let build = xtask::workspace_root().join("book/build");
    let pages = html_pages(&build);
    assert!(
        pages.len() > 20,
        "only {} pages in {}; run `cargo xtask book` first",
        pages.len(),
        build.display()
    );
    let started = Instant::now();
    let (done, done_rx) = mpsc::channel();
    let check = {
        let pages = pages.clone();
        let build = build.clone();
        thread::spawn(move || {
            let browser = launch();
            let mut problems = Vec::new();
            for width in [1280, 400] {
                problems.extend(check_at_width(&browser, &build, &pages, width));
            }
            done.send(()).ok();
            problems
        })
    };
    // A panic drops the sender too: then join() passes the panic on.
    if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(DEADLINE) {
        panic!(
            "the browser check did not finish in {} s",
            DEADLINE.as_secs()
        );
    }
    let problems = check
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    for problem in &problems {
        println!("{problem}");
    }
    println!(
        "{} pages at 1280 and 400 px in {:.1} s: {} problems",
        pages.len(),
        started.elapsed().as_secs_f64(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems in the book as a browser shows it (listed above)",
        problems.len()
    );
}

/// Every HTML page of the built book, except `print.html` (every page again, on one page) and
/// `toc.html` (the sidebar on its own).
fn html_pages(build: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut folders = vec![build.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a readable folder entry").path();
            let name = path.file_name().and_then(OsStr::to_str).unwrap_or("");
            if path.is_dir() {
                folders.push(path);
            } else if name.ends_with(".html") && name != "print.html" && name != "toc.html" {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

fn launch() -> Browser {
    let chromium =
        std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from(CHROMIUM), PathBuf::from);
    assert!(
        chromium.exists(),
        "{} is missing: install it with `apt-get install chromium`, or name a browser in CHROMIUM",
        chromium.display()
    );
    // The machine may have no internet: nothing may try to reach it.
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    // Each launch gets a fresh, temporary user-data-dir from headless_chrome.
    let options = LaunchOptions::default_builder()
        .path(Some(chromium))
        .headless(true)
        .sandbox(false)
        .args(args)
        .idle_browser_timeout(Duration::from_secs(60))
        .build()
        .expect("valid launch options");
    Browser::new(options).expect("Chromium starts")
}

fn check_at_width(browser: &Browser, build: &Path, pages: &[PathBuf], width: u32) -> Vec<Problem> {
    let tab = browser.new_tab().expect("a new tab");
    tab.set_default_timeout(PAGE_TIMEOUT);
    // A window cannot be made narrower than 500 px: the page is told the screen is `width` wide.
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height: 900,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("the page width can be set");
    let mut problems = Vec::new();
    for path in pages {
        let page = path
            .strip_prefix(build)
            .unwrap_or(path)
            .display()
            .to_string();
        let mut problem = |element: String, detail: String| {
            problems.push(Problem {
                page: page.clone(),
                width,
                element,
                detail,
            });
        };
        let url = format!("file://{}", path.display());
        load(&tab, &url);
        let result = tab
            .evaluate(MEASURE, false)
            .unwrap_or_else(|e| panic!("cannot measure {url}: {e}"));
        let json = result
            .value
            .as_ref()
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no measurements from {url}"));
        let measured: Value = serde_json::from_str(json).expect("measurements as JSON");
        let number = |value: &Value, key: &str| value[key].as_f64().unwrap_or(f64::NAN);
        let column = number(&measured, "column");
        assert_eq!(
            measured["viewport"].as_f64(),
            Some(f64::from(width)),
            "{page}: the browser window is not {width} px wide"
        );
        for table in measured["tables"].as_array().into_iter().flatten() {
            let table_width = number(table, "width");
            if table_width > column + 1.0 {
                problem(
                    format!("table \"{}\"", table["name"].as_str().unwrap_or("")),
                    format!("{table_width:.0} px wide, column {column:.0} px"),
                );
            }
        }
        // On a phone a code block may scroll sideways; on a desktop it must fit, and Rust
        // must fit without wrapping a line.
        if width >= 1000 {
            for code in measured["code"].as_array().into_iter().flatten() {
                let (code_width, visible) = (number(code, "width"), number(code, "visible"));
                let block = format!("code block \"{}\"", code["name"].as_str().unwrap_or(""));
                if code_width > visible + 1.0 {
                    problem(
                        block.clone(),
                        format!("{code_width:.0} px wide, column {visible:.0} px"),
                    );
                }
                if code["rust"].as_bool() == Some(true) && code["wraps"].as_bool() == Some(true) {
                    problem(
                        block,
                        "Rust lines may wrap (white-space is not `pre`)".to_owned(),
                    );
                }
            }
        }
        if page.starts_with("chapters/") {
            for (element, detail) in play_quiz(&tab, &url) {
                problem(element, detail);
            }
        }
        for image in measured["images"].as_array().into_iter().flatten() {
            let src = image["src"].as_str().unwrap_or("");
            let element = format!("image {}", src.rsplit('/').next().unwrap_or(src));
            if image["loaded"].as_bool() != Some(true) {
                problem(element, format!("does not load ({src})"));
                continue;
            }
            let Some(file) = src.strip_prefix("file://").filter(|s| s.ends_with(".svg")) else {
                continue;
            };
            let svg =
                fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
            if let Err(why) = has_own_background(&svg) {
                problem(element.clone(), why);
            }
            if let Some(text_px) = smallest_text_px(&svg, number(image, "width"))
                && text_px < SMALLEST_TEXT_PX
            {
                problem(
                    element,
                    format!("text {text_px:.1} px high, at least {SMALLEST_TEXT_PX} px wanted"),
                );
            }
        }
    }
    problems
}

/// Plays the quiz of the chapter page loaded in `tab` (see [`PLAY_QUIZ`]): what went wrong, as
/// (element, detail) pairs.
fn play_quiz(tab: &Tab, url: &str) -> Vec<(String, String)> {
    let result = tab
        .evaluate(PLAY_QUIZ, true)
        .unwrap_or_else(|e| panic!("cannot play the quiz of {url}: {e}"));
    let json = result
        .value
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no quiz report from {url}"));
    let played: Value = serde_json::from_str(json).expect("the quiz report as JSON");
    let quiz = || "quiz".to_owned();
    if let Some(error) = played["error"].as_str() {
        return vec![(quiz(), error.to_owned())];
    }
    let mut problems = Vec::new();
    let count = |key: &str| played[key].as_u64().unwrap_or(0);
    if count("answered") != count("questions") {
        problems.push((
            quiz(),
            format!(
                "{} questions, but {} could be answered",
                count("questions"),
                count("answered")
            ),
        ));
    }
    let explanations = played["explanations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if explanations.len() as u64 != count("questions")
        || explanations
            .iter()
            .any(|text| text.as_str().is_none_or(|text| text.trim() == "Context:"))
    {
        problems.push((
            quiz(),
            format!(
                "{} questions answered, {} explanations shown",
                count("questions"),
                explanations.len()
            ),
        ));
    }
    for overflow in played["overflows"].as_array().into_iter().flatten() {
        problems.push((
            format!("quiz, {}", overflow["when"].as_str().unwrap_or("")),
            format!(
                "{} sticks out of the {:.0} px column",
                overflow["element"].as_str().unwrap_or(""),
                overflow["column"].as_f64().unwrap_or(f64::NAN)
            ),
        ));
    }
    for address in played["remote"].as_array().into_iter().flatten() {
        problems.push((
            quiz(),
            format!("loads {} from the network", address.as_str().unwrap_or("")),
        ));
    }
    problems
}

/// Opens `url` in `tab` and waits until it has loaded, pictures included. (headless_chrome's
/// `wait_until_navigated` waits for the network to be idle for half a second: for local files,
/// ten times longer than the load.)
fn load(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap_or_else(|e| panic!("cannot load {url}: {e}"));
    let loaded =
        format!("document.readyState === 'complete' && decodeURI(location.href) === {url:?}");
    let deadline = Instant::now() + PAGE_TIMEOUT;
    while tab
        .evaluate(&loaded, false)
        .ok()
        .and_then(|result| result.value)
        .and_then(|value| value.as_bool())
        != Some(true)
    {
        assert!(
            Instant::now() < deadline,
            "{url} did not load in {} s",
            PAGE_TIMEOUT.as_secs()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// The value of attribute `name` in the tag `tag` (the text from `<` to `>`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let length = tag[start..].find('"')?;
    Some(&tag[start..start + length])
}

/// The picture's own size: its viewBox, or else its width and height.
fn svg_size(svg_tag: &str) -> Option<(f64, f64)> {
    if let Some(view_box) = attribute(svg_tag, "viewBox") {
        let numbers: Vec<f64> = view_box
            .split([' ', ','])
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [_, _, width, height] = numbers[..] {
            return Some((width, height));
        }
    }
    Some((
        attribute(svg_tag, "width")?.parse().ok()?,
        attribute(svg_tag, "height")?.parse().ok()?,
    ))
}

/// An SVG shown in a dark theme needs a background of its own: its first drawn element must be
/// a filled rectangle covering the whole picture.
fn has_own_background(svg: &str) -> Result<(), String> {
    let open = svg.find("<svg").ok_or("not an SVG")?;
    let svg_tag = &svg[open..open + svg[open..].find('>').ok_or("an unclosed <svg> tag")?];
    let (width, height) = svg_size(svg_tag).ok_or("the <svg> tag gives no size")?;
    let mut rest = &svg[open + svg_tag.len() + 1..];
    // Skip what draws nothing: titles, descriptions, comments and definitions.
    loop {
        rest = rest.trim_start();
        let skipped = ["title", "desc", "defs"].iter().find_map(|element| {
            let close = format!("</{element}>");
            rest.starts_with(&format!("<{element}"))
                .then(|| rest.find(&close).map(|end| end + close.len()))
                .flatten()
        });
        match skipped {
            Some(end) => rest = &rest[end..],
            None if rest.starts_with("<!--") => {
                rest = &rest[rest.find("-->").map_or(rest.len(), |end| end + 3)..];
            }
            None => break,
        }
    }
    let first = &rest[..rest.find('>').unwrap_or(rest.len())];
    let name = first.split_whitespace().next().unwrap_or("nothing");
    if name != "<rect" {
        return Err(format!(
            "no background: its first drawn element is {name}>, not a <rect>"
        ));
    }
    let covers = |key: &str, full: f64| {
        attribute(first, key)
            .is_some_and(|value| value == "100%" || value.parse::<f64>().is_ok_and(|v| v >= full))
    };
    let at_origin = |key: &str| {
        attribute(first, key).is_none_or(|value| value.parse::<f64>().is_ok_and(|v| v <= 0.0))
    };
    let filled =
        attribute(first, "fill").is_some_and(|fill| fill != "none" && fill != "transparent");
    if covers("width", width)
        && covers("height", height)
        && at_origin("x")
        && at_origin("y")
        && filled
    {
        Ok(())
    } else {
        Err(format!(
            "no background: its first element {first}> does not fill the {width}x{height} picture"
        ))
    }
}

/// How high the smallest text of the picture is when it is drawn `shown_width` px wide.
fn smallest_text_px(svg: &str, shown_width: f64) -> Option<f64> {
    let open = svg.find("<svg")?;
    let svg_tag = &svg[open..open + svg[open..].find('>')?];
    let (width, _) = svg_size(svg_tag)?;
    let smallest = svg
        .match_indices(" font-size=\"")
        .filter_map(|(at, found)| {
            let value = &svg[at + found.len()..];
            value[..value.find('"')?]
                .trim_end_matches("px")
                .parse::<f64>()
                .ok()
        })
        .fold(f64::INFINITY, f64::min);
    smallest.is_finite().then(|| smallest * shown_width / width)
}
