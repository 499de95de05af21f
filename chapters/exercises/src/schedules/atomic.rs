//! shuttle's atomics, with their reads and writes told in the story of a failing schedule
//! ([`super::story`]). Every method of shuttle's atomic is there (through `Deref`); the usual
//! ones are recorded with the values they read and wrote.

use std::ops::Deref;

pub use shuttle::sync::atomic::{
    AtomicI8, AtomicI16, AtomicI128, AtomicPtr, AtomicU8, AtomicU16, AtomicU128, Ordering,
    compiler_fence, fence,
};

use super::story::{address, record};

macro_rules! recorded_atomic {
    ($name:ident, $int:ty) => {
        #[derive(Default)]
        pub struct $name(shuttle::sync::atomic::$name);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl $name {
            #[track_caller]
            pub const fn new(value: $int) -> Self {
                $name(shuttle::sync::atomic::$name::new(value))
            }

            pub fn into_inner(self) -> $int {
                self.0.into_inner()
            }

            pub fn get_mut(&mut self) -> &mut $int {
                self.0.get_mut()
            }

            fn tell(&self, step: impl FnOnce(String) -> String) {
                let at = address(self);
                record(|name| step(name(at, stringify!($name))));
            }

            pub fn load(&self, order: Ordering) -> $int {
                let value = self.0.load(order);
                self.tell(|it| format!("reads {it}: {value}"));
                value
            }

            pub fn store(&self, value: $int, order: Ordering) {
                self.0.store(value, order);
                self.tell(|it| format!("writes {value} to {it}"));
            }

            pub fn swap(&self, value: $int, order: Ordering) -> $int {
                let old = self.0.swap(value, order);
                self.tell(|it| format!("swaps {it}: {old} -> {value}"));
                old
            }

            pub fn compare_exchange(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                let result = self.0.compare_exchange(current, new, success, failure);
                self.tell(|it| match result {
                    Ok(_) => format!("changes {it}: {current} -> {new}"),
                    Err(found) => format!("finds {it} at {found}, not {current}: no change"),
                });
                result
            }

            pub fn compare_exchange_weak(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                self.compare_exchange(current, new, success, failure)
            }
        }

        impl From<$int> for $name {
            fn from(value: $int) -> Self {
                $name::new(value)
            }
        }

        impl Deref for $name {
            type Target = shuttle::sync::atomic::$name;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }
    };
}

macro_rules! recorded_integer {
    ($name:ident, $int:ty) => {
        recorded_atomic!($name, $int);

        impl $name {
            pub fn fetch_add(&self, value: $int, order: Ordering) -> $int {
                let old = self.0.fetch_add(value, order);
                self.tell(|it| {
                    format!("adds {value} to {it}: {old} -> {}", old.wrapping_add(value))
                });
                old
            }

            pub fn fetch_sub(&self, value: $int, order: Ordering) -> $int {
                let old = self.0.fetch_sub(value, order);
                self.tell(|it| {
                    format!(
                        "takes {value} from {it}: {old} -> {}",
                        old.wrapping_sub(value)
                    )
                });
                old
            }
        }
    };
}

recorded_atomic!(AtomicBool, bool);
recorded_integer!(AtomicI32, i32);
recorded_integer!(AtomicI64, i64);
recorded_integer!(AtomicIsize, isize);
recorded_integer!(AtomicU32, u32);
recorded_integer!(AtomicU64, u64);
recorded_integer!(AtomicUsize, usize);
