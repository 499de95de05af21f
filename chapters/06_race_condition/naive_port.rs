// The tutorial's racy program ported word for word: two threads update one plain value.
// Rust rejects it (error E0499: `database` borrowed as mutable twice at once). The compiler rules
// out *data races*, unsynchronized access to the same memory, but not *race conditions*:
// src/main.rs makes the value shareable and the update is still lost.
// This file is not part of the build; a test checks that rustc refuses it with E0499.
use std::{thread, time::Duration};

struct FakeDatabase {
    value: i64,
}

impl FakeDatabase {
    fn update(&mut self, name: usize) {
        println!("Thread {name}: starting update");
        let mut local_copy = self.value;
        local_copy += 1;
        thread::sleep(Duration::from_millis(100));
        self.value = local_copy;
        println!("Thread {name}: finishing update");
    }
}

fn main() {
    let mut database = FakeDatabase { value: 0 };
    thread::scope(|scope| {
        scope.spawn(|| database.update(0));
        scope.spawn(|| database.update(1));
    });
    println!("Ending value is {}.", database.value);
}
