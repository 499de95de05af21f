//! Compiles this chapter's exercise, `crawl.rs`, and its reference solution in the normal
//! build (`cargo build --workspace`), against std's primitives, so that your editor checks the
//! file you edit as you type and CI fails when the solution stops compiling. It is a binary of
//! its own: a half-written exercise breaks this target, never the chapter's own
//! `cargo run -p download_threaded`. Grading is `cargo xtask check crawl`, in a harness of its own.

// The exercise's public items are its answer's shape, fixed by the grader: not dead code.
#![allow(dead_code, unreachable_pub, clippy::new_without_default)]

/// What the exercise's `crate::sync` is outside the grader: std's own primitives (all of them,
/// used or not, as the grader's copy offers them all).
#[allow(unused_imports)]
mod sync {
    pub use std::sync::*;
    pub use std::thread;
}

#[allow(unused, clippy::todo)] // a starter: unused until you write it
mod crawl;

mod solution {
    pub mod crawl;
}

fn main() {}
