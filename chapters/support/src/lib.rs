//! Plumbing shared by the chapters, so that each chapter's `main.rs` holds only its lesson.

#[cfg(feature = "downloads")]
pub mod compare;
#[cfg(feature = "course")]
pub mod course;
#[cfg(feature = "downloads")]
pub mod downloads;
mod error;
pub mod files;
mod logging;
#[cfg(feature = "course")]
pub mod play;
#[cfg(feature = "downloads")]
pub mod server;
pub mod timeline;
#[cfg(feature = "course")]
pub mod verdict;
pub mod watchdog;

pub use error::{Error, Result};
#[cfg(feature = "logging")]
pub use logging::init_logging;
pub use logging::log_message;
