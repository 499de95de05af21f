//! Wrong: reads the round's generation under one lock and arrives under another. With more threads
//! than `parties`, a round can end in between: the thread then finds the generation already moved
//! on and leaves at once, before its own round is full.

use crate::sync::{Condvar, Mutex};

struct State {
    arrived: usize,
    generation: u64,
}

pub struct Barrier {
    parties: usize,
    state: Mutex<State>,
    all_arrived: Condvar,
}

impl Barrier {
    pub fn new(parties: usize) -> Self {
        Barrier {
            parties,
            state: Mutex::new(State {
                arrived: 0,
                generation: 0,
            }),
            all_arrived: Condvar::new(),
        }
    }

    /// Waits until `parties` threads are waiting; returns `true` in exactly one of them.
    pub fn wait(&self) -> bool {
        let my_generation = self.state.lock().unwrap().generation;
        let mut s = self.state.lock().unwrap();
        s.arrived += 1;
        if s.arrived >= self.parties {
            s.arrived = 0;
            s.generation = s.generation.wrapping_add(1);
            self.all_arrived.notify_all();
            return true;
        }
        while s.generation == my_generation {
            s = self.all_arrived.wait(s).unwrap();
        }
        false
    }
}
