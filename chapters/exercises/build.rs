//! Makes the wrong answers that the model's own tests (`src/schedules/stories.rs`) compile but
//! that `variants/` keeps as diffs: each is applied to the answer its `--- a/PATH` header names,
//! as `cargo xtask check --variants` applies it, and written to `OUT_DIR/NAME.rs` for `include!`.

use std::{env, fs, path::PathBuf};

/// The variants, kept as diffs, that `stories.rs` compiles.
const COMPILED: [&str; 3] = [
    "semaphore/no_notify",
    "lost_updates/relaxed_spin_lock",
    "locked_update/try_lock_yield_loop_correct",
];

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let workspace = manifest.join("../..");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    for name in COMPILED {
        let file = manifest.join("variants").join(format!("{name}.diff"));
        println!("cargo::rerun-if-changed={}", file.display());
        let diff = fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        let base = diff
            .lines()
            .find_map(|line| line.strip_prefix("--- a/"))
            .unwrap_or_else(|| panic!("{} has no `--- a/PATH` header", file.display()));
        let base = workspace.join(base);
        println!("cargo::rerun-if-changed={}", base.display());
        let original = fs::read_to_string(&base)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", base.display()));
        let patch = diffy::Patch::from_str(&diff)
            .unwrap_or_else(|error| panic!("{} is not a unified diff: {error}", file.display()));
        let answer = diffy::apply(&original, &patch).unwrap_or_else(|error| {
            panic!(
                "{} does not apply to {}: {error}",
                file.display(),
                base.display()
            )
        });
        // `include!` takes items only, so the answer's leading `//!` lines are left out.
        let items: Vec<&str> = answer
            .lines()
            .skip_while(|line| line.starts_with("//!"))
            .collect();
        let stem = name.rsplit('/').next().expect("a name");
        fs::write(out.join(format!("{stem}.rs")), items.join("\n") + "\n")
            .unwrap_or_else(|error| panic!("cannot write into {}: {error}", out.display()));
    }
}
