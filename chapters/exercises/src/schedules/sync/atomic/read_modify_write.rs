//! The read-modify-writes of every atomic (`swap`, `compare_exchange`, `fetch_update`,
//! `fetch_and`, ...), and those of the integers alone (`fetch_add`, `fetch_max`, ...): each reads
//! the newest value, and is told in the story.

macro_rules! read_modify_writes {
    ($name:ident, $int:ty) => {
        impl $name {
            #[track_caller]
            pub fn swap(&self, value: $int, order: Ordering) -> $int {
                let old = self
                    .update_with(order, order, |_| Some(value))
                    .unwrap_or_else(|old| old);
                self.tell(|it| format!("swaps {it}: {old} -> {value}"));
                old
            }

            #[track_caller]
            pub fn compare_exchange(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                let result =
                    self.update_with(success, failure, |old| (old == current).then_some(new));
                self.tell(|it| match result {
                    Ok(_) => format!("changes {it}: {current} -> {new}"),
                    Err(found) => format!("finds {it} at {found}, not {current}: no change"),
                });
                result
            }

            /// As `compare_exchange`: this model never fails spuriously.
            #[track_caller]
            pub fn compare_exchange_weak(
                &self,
                current: $int,
                new: $int,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$int, $int> {
                self.compare_exchange(current, new, success, failure)
            }

            #[deprecated(note = "std deprecates it too: use `compare_exchange`")]
            #[track_caller]
            pub fn compare_and_swap(&self, current: $int, new: $int, order: Ordering) -> $int {
                let failure = match order {
                    Ordering::Release => Ordering::Relaxed,
                    Ordering::AcqRel => Ordering::Acquire,
                    other => other,
                };
                self.compare_exchange(current, new, order, failure)
                    .unwrap_or_else(|old| old)
            }

            /// As std's: loads, then tries `compare_exchange_weak` until `f` says no or it
            /// succeeds.
            #[track_caller]
            pub fn fetch_update<F: FnMut($int) -> Option<$int>>(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                mut f: F,
            ) -> Result<$int, $int> {
                let mut previous = self.load(fetch_order);
                while let Some(next) = f(previous) {
                    match self.compare_exchange_weak(previous, next, set_order, fetch_order) {
                        Ok(old) => return Ok(old),
                        Err(found) => previous = found,
                    }
                }
                Err(previous)
            }

            #[track_caller]
            pub fn try_update(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                f: impl FnMut($int) -> Option<$int>,
            ) -> Result<$int, $int> {
                self.fetch_update(set_order, fetch_order, f)
            }

            #[track_caller]
            pub fn update(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                mut f: impl FnMut($int) -> $int,
            ) -> $int {
                self.fetch_update(set_order, fetch_order, |old| Some(f(old)))
                    .unwrap_or_else(|old| old)
            }

            /// A read-modify-write that always stores, told as `verb`.
            #[track_caller]
            fn fetch_with(
                &self,
                order: Ordering,
                verb: &str,
                argument: $int,
                change: impl Fn($int) -> $int,
            ) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(change(old)))
                    .unwrap_or_else(|old| old);
                let new = change(old);
                self.tell(|it| format!("{verb} {argument} on {it}: {old} -> {new}"));
                old
            }

            #[track_caller]
            pub fn fetch_and(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies and", value, |old| old & value)
            }

            #[track_caller]
            pub fn fetch_nand(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies nand", value, |old| !(old & value))
            }

            #[track_caller]
            pub fn fetch_or(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies or", value, |old| old | value)
            }

            #[track_caller]
            pub fn fetch_xor(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies xor", value, |old| old ^ value)
            }
        }
    };
}

macro_rules! modelled_integer {
    ($name:ident, $int:ty) => {
        modelled_atomic!($name, $int);

        impl $name {
            #[track_caller]
            pub fn fetch_add(&self, value: $int, order: Ordering) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(old.wrapping_add(value)))
                    .unwrap_or_else(|old| old);
                self.tell(|it| {
                    format!("adds {value} to {it}: {old} -> {}", old.wrapping_add(value))
                });
                old
            }

            #[track_caller]
            pub fn fetch_sub(&self, value: $int, order: Ordering) -> $int {
                let old = self
                    .update_with(order, order, |old| Some(old.wrapping_sub(value)))
                    .unwrap_or_else(|old| old);
                self.tell(|it| {
                    format!(
                        "takes {value} from {it}: {old} -> {}",
                        old.wrapping_sub(value)
                    )
                });
                old
            }

            #[track_caller]
            pub fn fetch_max(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies max", value, |old| old.max(value))
            }

            #[track_caller]
            pub fn fetch_min(&self, value: $int, order: Ordering) -> $int {
                self.fetch_with(order, "applies min", value, |old| old.min(value))
            }
        }
    };
}
