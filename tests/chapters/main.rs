//! Runs each chapter's binary as a learner would (`cargo run -p <chapter>`) and checks only what
//! the lesson guarantees: final values, exit codes, lines present or absent, and orderings that
//! a join, a lock or the program's structure enforces.

mod harness;

mod barrier;
mod book;
mod cpu_bound;
mod daemon_thread;
mod deadlock;
mod download_async;
mod downloads;
mod grader;
mod join_thread;
mod lock;
mod many_threads;
mod play;
mod quiz;
mod race_condition;
mod semaphore;
mod single_thread;
mod table_of_contents;
mod thread_pool;
mod timer;
