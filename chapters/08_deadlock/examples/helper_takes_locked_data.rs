//! The usual Rust answer to a helper that is called with and without the lock held: the helper
//! takes the locked data, `&mut Vec`, which only a guard can give. The types show who holds the
//! lock; no reentrant lock, no RefCell, no lock counting.

use log::info;
use parking_lot::Mutex;

// ANCHOR: example
struct Shelf {
    items: Mutex<Vec<&'static str>>,
}

impl Shelf {
    fn add_locked(items: &mut Vec<&'static str>, item: &'static str) {
        items.push(item);
    }

    fn add(&self, item: &'static str) {
        Self::add_locked(&mut self.items.lock(), item);
    }

    fn add_pair(&self, first: &'static str, second: &'static str) {
        let mut items = self.items.lock();
        Self::add_locked(&mut items, first);
        Self::add_locked(&mut items, second);
    }
}
// ANCHOR_END: example

fn main() {
    support::init_logging();
    let shelf = Shelf {
        items: Mutex::new(Vec::new()),
    };
    shelf.add("cup");
    shelf.add_pair("saucer", "spoon");
    info!(
        "helper takes the locked data: shelf holds {:?}",
        shelf.items.lock()
    );
}
