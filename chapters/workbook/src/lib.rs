//! Every exercise file and its reference solution, compiled by the normal build
//! (`cargo build --workspace`) against std's primitives. This is what lets your editor's Rust
//! support check the file you are editing as you type, and what makes CI fail when a reference
//! solution stops compiling.
//!
//! Grading is another matter: `cargo xtask check NAME` compiles your file into a harness of its
//! own, where `crate::sync` may be a schedule-exploring copy of std's primitives. A half-written
//! exercise can break this crate's build, but never a chapter's (`cargo run -p race_condition`
//! does not depend on it).

// The exercises' signatures are fixed by their graders: `new()` without a `Default` is one.
#![allow(clippy::new_without_default)]

/// What the exercises' `crate::sync` is outside the grader: std's own primitives.
pub mod sync {
    pub use std::sync::*;
    pub use std::thread;
}

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../03_join_thread/exercise/join_result.rs"]
pub mod join_result;
#[path = "../../03_join_thread/exercise/solution/join_result.rs"]
pub mod join_result_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../04_many_threads/exercise/ordered_results.rs"]
pub mod ordered_results;
#[path = "../../04_many_threads/exercise/solution/ordered_results.rs"]
pub mod ordered_results_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../05_thread_pool/exercise/pool_map.rs"]
pub mod pool_map;
#[path = "../../05_thread_pool/exercise/solution/pool_map.rs"]
pub mod pool_map_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../06_race_condition/exercise/lost_updates.rs"]
pub mod lost_updates;
#[path = "../../06_race_condition/exercise/solution/lost_updates.rs"]
pub mod lost_updates_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../07_lock/exercise/locked_update.rs"]
pub mod locked_update;
#[path = "../../07_lock/exercise/solution/locked_update.rs"]
pub mod locked_update_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../08_deadlock/exercise/transfer.rs"]
pub mod transfer;
#[path = "../../08_deadlock/exercise/solution/transfer.rs"]
pub mod transfer_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../09_semaphore/exercise/semaphore.rs"]
pub mod semaphore;
#[path = "../../09_semaphore/exercise/solution/semaphore.rs"]
pub mod semaphore_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../10_timer/exercise/timer.rs"]
pub mod timer;
#[path = "../../10_timer/exercise/solution/timer.rs"]
pub mod timer_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../11_barrier/exercise/barrier.rs"]
pub mod barrier;
#[path = "../../11_barrier/exercise/solution/barrier.rs"]
pub mod barrier_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../13_download_threaded/exercise/download_all_sites.rs"]
pub mod download_all_sites;
#[path = "../../13_download_threaded/exercise/solution/download_all_sites.rs"]
pub mod download_all_sites_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../14_cpu_bound/exercise/map_slices.rs"]
pub mod map_slices;
#[path = "../../14_cpu_bound/exercise/solution/map_slices.rs"]
pub mod map_slices_solution;

#[allow(unused, clippy::todo)] // a starter: unused until you write it
#[path = "../../15_download_async/exercise/async_downloads.rs"]
pub mod async_downloads;
#[path = "../../15_download_async/exercise/solution/async_downloads.rs"]
pub mod async_downloads_solution;
