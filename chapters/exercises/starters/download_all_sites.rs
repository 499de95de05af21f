//! Exercise `download_all_sites` (chapter download_threaded)
//!
//! Download every URL with a pool of `workers` threads, each thread using a client of its own
//! (`thread_local!`), so that `workers` downloads are under way at once. Return, in the order of
//! `sites`, the size of each page in bytes, or a short reason if that download failed. A failed
//! download (a refused connection, an HTTP error status) must not panic or stop the others.
//!
//! Grade it with `cargo xtask check download_all_sites` (it runs against the practice server).

/// The size of each page in `sites`, or why it failed, in order; `workers` downloads at a time.
pub fn download_all_sites(sites: &[String], workers: usize) -> Vec<Result<usize, String>> {
    // TODO: a rayon pool of `workers` threads; a reqwest::blocking::Client per thread;
    // `error_for_status` turns an HTTP error status into an Err.
    todo!()
}
