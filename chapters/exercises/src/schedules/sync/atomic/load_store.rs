//! `modelled_atomic!`, which makes one atomic type: its cell of stores, `new`, `load`, `store`,
//! and the read-modify-write that the others ([`super::read_modify_write`]) build on.

macro_rules! modelled_atomic {
    ($name:ident, $int:ty) => {
        /// A model of std's atomic of the same name (see the module's documentation).
        pub struct $name {
            tag: Tag,
            cell: StdMutex<Cell<$int>>,
            /// What the `Release` stores to this atomic passed on, for `Acquire` loads.
            release: shuttle::sync::atomic::AtomicBool,
            /// Stored to by nobody: a scheduling point that passes nothing on.
            tick: shuttle::sync::atomic::AtomicBool,
        }

        impl Default for $name {
            fn default() -> Self {
                $name::new(<$int>::default())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&cell(&self.cell).newest(), f)
            }
        }

        impl Named for $name {
            fn tag(&self) -> &Tag {
                &self.tag
            }
        }

        impl From<$int> for $name {
            fn from(value: $int) -> Self {
                $name::new(value)
            }
        }

        impl $name {
            #[track_caller]
            pub const fn new(value: $int) -> Self {
                $name {
                    tag: Tag::new(),
                    cell: StdMutex::new(Cell::new(value)),
                    release: shuttle::sync::atomic::AtomicBool::new(false),
                    tick: shuttle::sync::atomic::AtomicBool::new(false),
                }
            }

            pub fn into_inner(self) -> $int {
                self.cell
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner)
                    .newest()
            }

            pub fn get_mut(&mut self) -> &mut $int {
                let cell = self.cell.get_mut().unwrap_or_else(PoisonError::into_inner);
                cell.settle();
                &mut cell.first
            }

            fn tell(&self, step: impl FnOnce(String) -> String) {
                let at = self.tag.id();
                record(|name| step(name(at, stringify!($name))));
            }

            #[track_caller]
            pub fn load(&self, order: Ordering) -> $int {
                let (_, before) = me();
                let (me, _) = step(&self.release, &self.tick, acquires(order), false);
                let mut cell = cell(&self.cell);
                cell.enter();
                let readable = if order == Ordering::SeqCst {
                    Vec::new()
                } else {
                    cell.readable(me, &before)
                };
                if readable.len() < 2 {
                    let value = cell.read_newest(me);
                    drop(cell);
                    self.tell(|it| format!("reads {it}: {value}"));
                    return value;
                }
                let (seq, value) =
                    readable[which_store(readable.len(), |at| readable[at].1.to_string())];
                cell.seen_by(me, seq);
                let newest = readable[0].1;
                drop(cell);
                self.tell(|it| {
                    if seq == readable[0].0 {
                        format!("reads {it}: {value}")
                    } else {
                        format!(
                            "reads {it}: {value}, an older value ({newest} is newer, but with {order:?} nothing made that write visible to this thread yet)"
                        )
                    }
                });
                value
            }

            #[track_caller]
            pub fn store(&self, value: $int, order: Ordering) {
                let me = step(&self.release, &self.tick, false, releases(order));
                let mut cell = cell(&self.cell);
                cell.enter();
                cell.store(value, me);
                drop(cell);
                self.tell(|it| format!("writes {value} to {it}"));
            }

            /// A read-modify-write: reads the newest value and stores `change` of it, if any;
            /// `Ok(old)` if it stored, `Err(old)` if not.
            #[track_caller]
            fn update_with(
                &self,
                success: Ordering,
                failure: Ordering,
                change: impl FnOnce($int) -> Option<$int>,
            ) -> Result<$int, $int> {
                // Whether it stores is known only once it reads; its scheduling point comes
                // first, with the success ordering's acquire and the release it may make.
                let me = step(
                    &self.release,
                    &self.tick,
                    acquires(success) || acquires(failure),
                    releases(success),
                );
                let mut cell = cell(&self.cell);
                cell.enter();
                let old = cell.read_newest(me.0);
                match change(old) {
                    Some(new) => {
                        cell.store(new, me);
                        Ok(old)
                    }
                    None => Err(old),
                }
            }
        }

        read_modify_writes!($name, $int);
    };
}
