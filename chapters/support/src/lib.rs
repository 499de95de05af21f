//! Plumbing shared by the chapters, so that each chapter's `main.rs` holds only its lesson.

mod logging;

pub use logging::init_logging;
