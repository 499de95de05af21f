//! Wrong: the last arrival resets a shared "leader taken" flag and the first waiter to wake takes
//! it. With `parties` 1 nobody is a waiter, so nobody leads; with more threads than `parties`, a
//! waiter of one round can wake after the next round has reset the flag, and one round gets two
//! leaders while another gets none.

use crate::sync::{Condvar, Mutex};

struct State {
    arrived: usize,
    generation: u64,
    leader_taken: bool,
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
                leader_taken: true,
            }),
            all_arrived: Condvar::new(),
        }
    }

    /// Waits until `parties` threads are waiting; returns `true` in exactly one of them.
    pub fn wait(&self) -> bool {
        let mut s = self.state.lock().unwrap();
        let my_generation = s.generation;
        s.arrived += 1;
        if s.arrived >= self.parties {
            s.arrived = 0;
            s.generation = s.generation.wrapping_add(1);
            s.leader_taken = false; // up for grabs by the first one to wake
            self.all_arrived.notify_all();
            return false;
        }
        while s.generation == my_generation {
            s = self.all_arrived.wait(s).unwrap();
        }
        if !s.leader_taken {
            s.leader_taken = true;
            return true;
        }
        false
    }
}
