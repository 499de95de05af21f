//! Exercise `download_all_sites` (chapter download_threaded)
//!
//! Download every URL with a pool of `workers` threads, so that `workers` downloads are under
//! way at once and a worker that finishes takes the next URL nobody has started: a slow page
//! must not hold up the pages after it. Reuse clients, one per thread (`thread_local!`) or one
//! shared by all (a `Client` is safe to share), never a new one per download. Return, in the
//! order of `sites`, the size of each page in bytes as received, or a short reason if that
//! download failed. A failed download (a refused connection, an HTTP error status) must not
//! panic or stop the others.
//!
//! Grade it with `cargo xtask check download_all_sites` (it runs against the practice server).

/// The size of each page in `sites`, or why it failed, in order; `workers` downloads at a time.
pub fn download_all_sites(sites: &[String], workers: usize) -> Vec<Result<usize, String>> {
    // TODO: a rayon pool of `workers` threads; reqwest::blocking::Client, reused;
    // `error_for_status` turns an HTTP error status into an Err.
    todo!()
}
