//! Breaks: "Build a reusable barrier from a `Mutex` and a `Condvar`". It hands the work to the
//! library's `Barrier`, which behaves right, and so teaches nothing: the grader says so.
use crate::sync::{Condvar, Mutex};
pub struct Barrier { inner: crate::sync::Barrier, _unused: (Mutex<()>, Condvar) }
impl Barrier {
    pub fn new(parties: usize) -> Self { Barrier { inner: crate::sync::Barrier::new(parties), _unused: (Mutex::new(()), Condvar::new()) } }
    pub fn wait(&self) -> bool { self.inner.wait().is_leader() }
}
