//! The race of `cargo run -p race_condition`, with a line after each of the update's three
//! steps: which thread took it, that thread's `local_copy`, and the shared `value`. Both
//! threads read 0 before either writes, so both write 1.

use std::{
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
    time::Duration,
};

use log::info;

struct FakeDatabase {
    value: AtomicU64,
}

impl FakeDatabase {
    // ANCHOR: example
    fn update(&self, name: usize) {
        let mut local_copy = self.value.load(Relaxed);
        self.show(name, "local_copy = value", local_copy);
        local_copy += 1;
        self.show(name, "local_copy += 1", local_copy);
        thread::sleep(Duration::from_millis(100));
        self.value.store(local_copy, Relaxed);
        self.show(name, "value = local_copy", local_copy);
    }

    /// The step just taken, this thread's own copy, and the shared value.
    fn show(&self, name: usize, step: &str, local_copy: u64) {
        let value = self.value.load(Relaxed);
        info!("Thread {name}: {step:<18} | local_copy = {local_copy} | value = {value}");
    }
    // ANCHOR_END: example
}

fn main() {
    support::init_logging();
    let database = FakeDatabase {
        value: AtomicU64::new(0),
    };
    thread::scope(|scope| {
        for name in 0..2 {
            let database = &database;
            scope.spawn(move || database.update(name));
        }
    });
    info!("Ending value is {}.", database.value.load(Relaxed));
}
