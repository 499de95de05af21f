//! The practice server: a real HTTP server (axum) on `127.0.0.1`, so the download chapters run
//! offline with a latency you choose. It stands in for the tutorial's two sites and also answers
//! any status code and any delay, for experiments.

use std::{
    cmp::Reverse,
    collections::BinaryHeap,
    io,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst},
        mpsc::{self, RecvTimeoutError},
    },
    thread::{self, JoinHandle},
    time::{Duration, Instant},
};

use axum::{
    Router,
    extract::{Path, Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
    serve::ListenerExt,
};
use tokio::{net::TcpSocket, sync::oneshot};

/// Size of the page standing in for `https://www.jython.org`: about 11 KB.
pub const BIG_PAGE_BYTES: usize = 10_966;
/// Size of the page standing in for `http://olympus.realpython.org/dice`: a few hundred bytes.
pub const SMALL_PAGE_BYTES: usize = 276;
/// The practice site for crawling: pages `/site/0` to `/site/23`, each a JSON document whose
/// `links` lead to other pages (and, from three of them, to a page that is missing, to one
/// that fails and to [`HANG_UP`]). Page 0 links to 1 and 2; page `n` links to `2n + 1` and
/// `2n + 2` where those exist, and back to page 0; page 2 links to the slow page 1 too; and
/// the sibling pages 5 and 6 both link, last of their new links, to page 23 (page 11's child):
/// the two are downloaded at the same moment, and whichever answers first hands out its links
/// to the workers free then, so page 23 still waits in line when the other finds it too.
pub const SITE_PAGES: usize = 24;
/// The site's page that answers slowly, after [`SLOW_SITE_PAGE_DELAY`].
pub const SLOW_SITE_PAGE: usize = 1;
/// How long the slow page of the site takes to answer.
pub const SLOW_SITE_PAGE_DELAY: Duration = Duration::from_secs(2);
/// A path where the server hangs up without an answer: the connection closes before any status
/// line comes, so a download of it fails with no HTTP status.
pub const HANG_UP: &str = "/hang-up";

/// The paths page `page` of the practice site links to, as they appear in it.
pub fn site_links(page: usize) -> Vec<String> {
    let mut links: Vec<String> = [2 * page + 1, 2 * page + 2]
        .into_iter()
        .filter(|&next| next < SITE_PAGES)
        .map(|next| format!("/site/{next}"))
        .collect();
    match page {
        // The slow page, linked from a page that answers while it is still on its way.
        2 => links.push(format!("/site/{SLOW_SITE_PAGE}")),
        5 => links.extend([
            format!("/site/{}", SITE_PAGES + 1), // missing: 404
            "/site/23".to_owned(),               // linked from page 6 too
        ]),
        6 => links.extend(["/status/500".to_owned(), "/site/23".to_owned()]),
        11 => links.push(HANG_UP.to_owned()),
        _ => {}
    }
    if page != 0 {
        links.push("/site/0".to_owned());
    }
    links
}

/// The comb, a second site to crawl, with 2 workers: page `/comb/{n}`, for `n` below
/// [`COMB_PAGES`], answers after [`COMB_SPINE_DELAY`] and links to the next page and to its
/// tooth, `/comb/{n}/tooth`, which answers a little sooner ([`COMB_TOOTH_DELAY`]) with a page
/// of no links. The worker on a tooth runs out of work just before the other worker's page
/// brings two new links, one of which must wait for it: a worker that then sleeps and looks
/// again, instead of being woken, leaves that link waiting.
pub const COMB_PAGES: usize = 4;
/// How long a page of the comb takes to answer.
pub const COMB_SPINE_DELAY: Duration = Duration::from_millis(500);
/// How long a tooth of the comb takes to answer.
pub const COMB_TOOTH_DELAY: Duration = Duration::from_millis(400);

/// The paths page `page` of the comb links to.
pub fn comb_links(page: usize) -> Vec<String> {
    let next = (page + 1 < COMB_PAGES).then(|| format!("/comb/{}", page + 1));
    next.into_iter()
        .chain([format!("/comb/{page}/tooth")])
        .collect()
}

/// Page `page` of the comb, as the server sends it.
pub fn comb_page(page: usize) -> String {
    serde_json::json!({
        "page": page,
        "title": format!("Comb page {page}"),
        "links": comb_links(page),
    })
    .to_string()
}

/// A tooth of the comb: text, no links.
pub fn comb_tooth(page: usize) -> String {
    format!("tooth {page} of the comb\n")
}

/// Every path of the comb with the size of its page.
pub fn comb_paths() -> std::collections::BTreeMap<String, usize> {
    (0..COMB_PAGES)
        .flat_map(|page| {
            [
                (format!("/comb/{page}"), comb_page(page).len()),
                (format!("/comb/{page}/tooth"), comb_tooth(page).len()),
            ]
        })
        .collect()
}

/// Page `page` of the practice site, as the server sends it: a JSON document with its links.
pub fn site_page(page: usize) -> String {
    let text = "threads take turns. ".repeat(page % 5 + 1);
    serde_json::json!({
        "page": page,
        "title": format!("Practice page {page}"),
        "links": site_links(page),
        "text": text.trim_end(),
    })
    .to_string()
}

/// Every path reached from `/site/0` by following links, without passing through page
/// `avoiding` (if given), with the size of its page in bytes, or `None` for a link that leads
/// to a missing page or a failing one.
pub fn site_paths(avoiding: Option<usize>) -> std::collections::BTreeMap<String, Option<usize>> {
    let mut reached = std::collections::BTreeMap::new();
    let mut waiting = vec!["/site/0".to_owned()];
    while let Some(path) = waiting.pop() {
        let page = path
            .strip_prefix("/site/")
            .and_then(|page| page.parse::<usize>().ok())
            .filter(|&page| page < SITE_PAGES);
        if reached.contains_key(&path) || (page.is_some() && page == avoiding) {
            continue;
        }
        reached.insert(path, page.map(|page| site_page(page).len()));
        waiting.extend(page.map(site_links).unwrap_or_default());
    }
    reached
}

/// How many connections may wait to be accepted (the system may cap it: `somaxconn`).
const LISTEN_BACKLOG: u32 = 8192;
/// The longest `/delay/{ms}` the server agrees to.
const LONGEST_DELAY: Duration = Duration::from_secs(60);

/// A running practice server. Dropping it stops it.
pub struct PracticeServer {
    addr: SocketAddr,
    stats: Arc<Stats>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Counts kept by the server: requests being answered now, the most at once, and the total.
#[derive(Default)]
struct Stats {
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    answered: AtomicUsize,
    connections: AtomicUsize,
    /// Each answered request, in the order the answers were sent.
    answers: std::sync::Mutex<Vec<Answer>>,
}

/// One request the server answered: its path, when it came in and when its answer went out.
#[derive(Clone, Debug)]
pub struct Answer {
    pub path: String,
    pub arrived: Instant,
    pub answered: Instant,
}

struct InFlight<'a>(&'a Stats);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, SeqCst);
    }
}

/// As [`InFlight`], for an answer whose body is sent later than its head.
struct InFlightUntilSent(Arc<Stats>);

impl Drop for InFlightUntilSent {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, SeqCst);
    }
}

struct App {
    latency: Duration,
    alarm: Alarm,
    stats: Arc<Stats>,
    big_page: String,
    small_page: String,
}

impl App {
    /// Waits `delay` (counting the request as in flight meanwhile), then replies.
    async fn reply(&self, delay: Duration, response: impl IntoResponse) -> Response {
        let now = self.stats.in_flight.fetch_add(1, SeqCst) + 1;
        self.stats.most_in_flight.fetch_max(now, SeqCst);
        let _in_flight = InFlight(&self.stats); // also counts down if the client gives up
        if !delay.is_zero() {
            self.alarm.wait(delay).await;
        }
        self.stats.answered.fetch_add(1, SeqCst);
        response.into_response()
    }
}

/// Wakes each waiting request at its time, to a tenth of a millisecond, from one thread for any
/// number of requests (5,000 and more). tokio's own timer counts whole milliseconds and fires up
/// to ~1.5 ms late: 3% of a 50 ms latency. A thread's timed wait is accurate to a tenth of a
/// millisecond, but a thread per request would cost thousands of threads.
struct Alarm {
    requests: mpsc::Sender<Due>,
}

/// A request waiting for its time.
struct Due {
    at: Instant,
    order: u64,
    wake: oneshot::Sender<()>,
}

impl PartialEq for Due {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.order) == (other.at, other.order)
    }
}

impl Eq for Due {}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.order).cmp(&(other.at, other.order))
    }
}

impl Alarm {
    /// Starts the alarm's thread; it ends once the alarm is dropped.
    fn start() -> io::Result<Alarm> {
        let (requests, received) = mpsc::channel::<Due>();
        thread::Builder::new()
            .name("practice-server-alarm".into())
            .spawn(move || {
                let mut waiting = BinaryHeap::new();
                loop {
                    let now = Instant::now();
                    while waiting
                        .peek()
                        .is_some_and(|Reverse(due): &Reverse<Due>| due.at <= now)
                    {
                        let Reverse(due) = waiting.pop().expect("peeked");
                        due.wake.send(()).ok();
                    }
                    let next = match waiting.peek() {
                        Some(Reverse(due)) => received.recv_timeout(due.at - now),
                        None => received.recv().map_err(|_| RecvTimeoutError::Disconnected),
                    };
                    match next {
                        Ok(due) => waiting.push(Reverse(due)),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })?;
        Ok(Alarm { requests })
    }

    /// Waits `delay` without holding a thread of the runtime.
    async fn wait(&self, delay: Duration) {
        static ORDER: AtomicU64 = AtomicU64::new(0);
        let (wake, woken) = oneshot::channel();
        let due = Due {
            at: Instant::now() + delay,
            order: ORDER.fetch_add(1, SeqCst),
            wake,
        };
        if self.requests.send(due).is_ok() {
            woken.await.ok();
        } else {
            tokio::time::sleep(delay).await; // the alarm's thread is gone: wait all the same
        }
    }
}

impl PracticeServer {
    /// Starts a server on `127.0.0.1` at a free port that answers after `latency`.
    pub fn start(latency: Duration) -> io::Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), latency)
    }

    /// Starts a server on `addr` that answers after `latency`.
    pub fn bind(addr: SocketAddr, latency: Duration) -> io::Result<Self> {
        let stats = Arc::new(Stats::default());
        let app = Arc::new(App {
            latency,
            alarm: Alarm::start()?,
            stats: Arc::clone(&stats),
            big_page: page("www.jython.org", BIG_PAGE_BYTES),
            small_page: page("olympus.realpython.org/dice", SMALL_PAGE_BYTES),
        });
        let router = Router::new()
            .route("/", get(index))
            .route(
                "/jython",
                get(async |State(app): State<Arc<App>>| {
                    app.reply(app.latency, Html(app.big_page.clone())).await
                }),
            )
            .route(
                "/dice",
                get(async |State(app): State<Arc<App>>| {
                    app.reply(app.latency, Html(app.small_page.clone())).await
                }),
            )
            .route("/status/{code}", get(status))
            .route("/delay/{ms}", get(delay))
            .route("/slow-body/{ms}", get(slow_body))
            .route(HANG_UP, get(hang_up))
            .route("/comb/{page}", get(comb))
            .route("/comb/{page}/tooth", get(tooth))
            .route("/site/{page}", get(site))
            .layer(middleware::from_fn_with_state(Arc::clone(&stats), remember))
            .with_state(app);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("practice-server")
            .enable_all()
            .build()?;
        let listener = {
            let _in_runtime = runtime.enter(); // the listener belongs to this runtime
            let socket = match addr {
                SocketAddr::V4(_) => TcpSocket::new_v4()?,
                SocketAddr::V6(_) => TcpSocket::new_v6()?,
            };
            socket.set_reuseaddr(true)?; // as std's TcpListener::bind does
            socket.bind(addr)?;
            // Connections not yet accepted wait in this queue; std's 128 is too short for
            // thousands arriving at once, and the ones turned away retry a second later.
            socket.listen(LISTEN_BACKLOG)?
        };
        let addr = listener.local_addr()?;
        let counted = Arc::clone(&stats);
        let listener = listener.tap_io(move |_| {
            counted.connections.fetch_add(1, SeqCst);
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = thread::Builder::new()
            .name("practice-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        result = axum::serve(listener, router) => {
                            if let Err(error) = result {
                                log::error!("practice server stopped: {error}");
                            }
                        }
                        _ = stopped => {}
                    }
                });
            })?;
        Ok(PracticeServer {
            addr,
            stats,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Where the server listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The full URL of `path` on this server, e.g. `url("/dice")`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The two pages standing in for the tutorial's two sites.
    pub fn sites(&self) -> [String; 2] {
        [self.url("/jython"), self.url("/dice")]
    }

    /// The most requests the server was answering at one time.
    pub fn most_in_flight(&self) -> usize {
        self.stats.most_in_flight.load(SeqCst)
    }

    /// How many requests it has answered.
    pub fn answered(&self) -> usize {
        self.stats.answered.load(SeqCst)
    }

    /// How many connections clients have opened to it: a client that keeps its connections
    /// alive opens one per request it has in flight at once, not one per request.
    pub fn connections(&self) -> usize {
        self.stats.connections.load(SeqCst)
    }

    /// The paths of the requests answered so far, in the order the answers went out.
    pub fn answers(&self) -> Vec<String> {
        self.timed_answers()
            .into_iter()
            .map(|answer| answer.path)
            .collect()
    }

    /// The requests answered so far with their times, in the order the answers went out.
    pub fn timed_answers(&self) -> Vec<Answer> {
        self.stats
            .answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Forgets the most-in-flight figure, to measure the next run on its own.
    pub fn reset_most_in_flight(&self) {
        self.stats
            .most_in_flight
            .store(self.stats.in_flight.load(SeqCst), SeqCst);
    }

    /// A description of every page, for `cargo xtask serve`.
    pub fn describe(&self) -> String {
        [
            (
                self.url("/jython"),
                format!("{BIG_PAGE_BYTES} bytes, stands in for https://www.jython.org"),
            ),
            (
                self.url("/dice"),
                format!(
                    "{SMALL_PAGE_BYTES} bytes, stands in for http://olympus.realpython.org/dice"
                ),
            ),
            (
                self.url("/site/0"),
                format!("a site of {SITE_PAGES} linked JSON pages to crawl, from /site/0"),
            ),
            (
                self.url("/status/500"),
                "answers with that status code (any from 200 to 999)".into(),
            ),
            (
                self.url("/delay/2000"),
                "answers after that many milliseconds instead of the latency".into(),
            ),
            (
                self.url("/slow-body/2000"),
                "sends its head at once and its body that many milliseconds later".into(),
            ),
            (
                self.url("/comb/0"),
                format!("a comb of {COMB_PAGES} pages, each with a tooth, to crawl with 2 workers"),
            ),
            (
                self.url(HANG_UP),
                "hangs up without an answer: a download that fails with no status".into(),
            ),
        ]
        .map(|(url, what)| format!("  {url:<34} {what}\n"))
        .concat()
    }
}

impl Drop for PracticeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

/// An HTML page of exactly `bytes` bytes.
fn page(stands_for: &str, bytes: usize) -> String {
    let head = format!(
        "<!DOCTYPE html><html><head><title>Practice page</title></head><body><p>Stands in for {stands_for}.</p><p>"
    );
    let tail = "</p></body></html>\n";
    let filler = bytes.saturating_sub(head.len() + tail.len());
    let text: String = "threads take turns. "
        .chars()
        .cycle()
        .take(filler)
        .collect();
    let page = format!("{head}{text}{tail}");
    debug_assert_eq!(page.len(), bytes);
    page
}

async fn index(State(app): State<Arc<App>>) -> Response {
    app.reply(
        Duration::ZERO,
        "Practice server: /jython, /dice, /status/{code}, /delay/{ms}, /slow-body/{ms}, /hang-up\n",
    )
    .await
}

/// Records the path and times of each request once it is answered.
async fn remember(State(stats): State<Arc<Stats>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let arrived = Instant::now();
    let response = next.run(request).await;
    stats
        .answers
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(Answer {
            path,
            arrived,
            answered: Instant::now(),
        });
    response
}

/// A page of the practice site, or 404 past its last page.
async fn site(State(app): State<Arc<App>>, Path(page): Path<usize>) -> Response {
    if page >= SITE_PAGES {
        return app
            .reply(
                app.latency,
                (
                    StatusCode::NOT_FOUND,
                    format!("the site has no page {page}\n"),
                ),
            )
            .await;
    }
    let delay = if page == SLOW_SITE_PAGE {
        SLOW_SITE_PAGE_DELAY
    } else {
        app.latency
    };
    app.reply(
        delay,
        (
            [(header::CONTENT_TYPE, "application/json")],
            site_page(page),
        ),
    )
    .await
}

async fn status(State(app): State<Arc<App>>, Path(code): Path<u16>) -> Response {
    match StatusCode::from_u16(code) {
        // A 1xx status is interim: HTTP always sends a final one after it, so it cannot be the
        // answer (hyper would send 500 instead).
        Ok(code) if code.is_informational() => (
            StatusCode::BAD_REQUEST,
            format!(
                "{} is informational, never a final answer in HTTP: ask for 200 to 999\n",
                code.as_u16()
            ),
        )
            .into_response(),
        Ok(code) => {
            app.reply(app.latency, (code, format!("status {code}\n")))
                .await
        }
        Err(_) => (
            StatusCode::BAD_REQUEST,
            format!("{code} is not a status code: ask for 200 to 999\n"),
        )
            .into_response(),
    }
}

async fn delay(State(app): State<Arc<App>>, Path(ms): Path<u64>) -> Response {
    let delay = Duration::from_millis(ms);
    if delay > LONGEST_DELAY {
        return (
            StatusCode::BAD_REQUEST,
            format!("{ms} ms is longer than the limit of 60000 ms\n"),
        )
            .into_response();
    }
    app.reply(delay, format!("answered after {ms} ms\n")).await
}

/// A page of the comb, or 404 past its last.
async fn comb(State(app): State<Arc<App>>, Path(page): Path<usize>) -> Response {
    if page >= COMB_PAGES {
        return app
            .reply(app.latency, (StatusCode::NOT_FOUND, "no such page\n"))
            .await;
    }
    let json = [(header::CONTENT_TYPE, "application/json")];
    app.reply(COMB_SPINE_DELAY, (json, comb_page(page))).await
}

/// A tooth of the comb, or 404 past its last.
async fn tooth(State(app): State<Arc<App>>, Path(page): Path<usize>) -> Response {
    if page >= COMB_PAGES {
        return app
            .reply(app.latency, (StatusCode::NOT_FOUND, "no such page\n"))
            .await;
    }
    app.reply(COMB_TOOTH_DELAY, comb_tooth(page)).await
}

/// Sends the head at once and the body `ms` later; the request counts as in flight until the
/// body goes out, so a client that stops counting a download once its head has come is seen.
async fn slow_body(State(app): State<Arc<App>>, Path(ms): Path<u64>) -> Response {
    let delay = Duration::from_millis(ms);
    if delay > LONGEST_DELAY {
        return (
            StatusCode::BAD_REQUEST,
            format!("{ms} ms is longer than the limit of 60000 ms\n"),
        )
            .into_response();
    }
    let now = app.stats.in_flight.fetch_add(1, SeqCst) + 1;
    app.stats.most_in_flight.fetch_max(now, SeqCst);
    // Counted down as the body is handed over (before it is written, so never after the
    // client has read it), or when the client gives up.
    let in_flight = InFlightUntilSent(Arc::clone(&app.stats));
    let body = futures::stream::once(async move {
        let _in_flight = in_flight;
        app.alarm.wait(delay).await;
        app.stats.answered.fetch_add(1, SeqCst);
        Ok::<_, std::convert::Infallible>(format!("body sent after {ms} ms\n"))
    });
    axum::body::Body::from_stream(body).into_response()
}

/// Hangs up: ends this connection's task by unwinding before any answer is written, so the
/// client sees the connection close with no status line, as when a server crashes mid-request.
/// Only this connection's task ends (tokio catches the unwinding), and `resume_unwind` skips
/// the panic hook, so nothing is printed.
async fn hang_up() -> Response {
    std::panic::resume_unwind(Box::new("the practice server hangs up"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_their_advertised_sizes() {
        assert_eq!(page("x", BIG_PAGE_BYTES).len(), BIG_PAGE_BYTES);
        assert_eq!(page("x", SMALL_PAGE_BYTES).len(), SMALL_PAGE_BYTES);
    }

    #[test]
    fn the_site_reaches_every_page_and_links_to_one_missing_and_one_failing_page() {
        let site = site_paths(None);
        for page in 0..SITE_PAGES {
            let document: serde_json::Value = serde_json::from_str(&site_page(page)).unwrap();
            let links: Vec<&str> = document["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|link| link.as_str().unwrap())
                .collect();
            assert_eq!(links, site_links(page));
            assert_eq!(site[&format!("/site/{page}")], Some(site_page(page).len()));
        }
        let elsewhere: Vec<&String> = site
            .iter()
            .filter(|(_, size)| size.is_none())
            .map(|(path, _)| path)
            .collect();
        assert_eq!(
            elsewhere,
            [HANG_UP, &format!("/site/{}", SITE_PAGES + 1), "/status/500"]
        );
        assert_eq!(site.len(), SITE_PAGES + 3);
        // Two pages downloaded side by side link to one page.
        for sibling in [5, 6] {
            let links = site_links(sibling);
            assert_eq!(links[links.len() - 2], "/site/23", "{links:?}");
        }
        // The slow page is linked from a quicker one too, which answers while it still loads.
        assert!(site_links(2).contains(&format!("/site/{SLOW_SITE_PAGE}")));
        // Without the slow page, its own pages are out of reach, and nothing else.
        let without = site_paths(Some(SLOW_SITE_PAGE));
        assert_eq!(site.len() - without.len(), 15, "{without:?}");
    }

    #[test]
    fn hang_up_fails_with_no_status_and_a_slow_body_comes_whole() {
        let server = PracticeServer::start(Duration::ZERO).unwrap();
        let client = reqwest::blocking::Client::new();
        let error = client.get(server.url(HANG_UP)).send().unwrap_err();
        assert!(error.status().is_none(), "{error}");
        let response = client.get(server.url("/slow-body/20")).send().unwrap();
        assert_eq!(response.text().unwrap(), "body sent after 20 ms\n");
        assert_eq!(server.answered(), 1, "the hang-up is no answer");
    }
}
