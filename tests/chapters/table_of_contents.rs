//! The chapter list in `chapters/chapters.toml` matches the workspace and the README.

use crate::harness::run_help;

#[test]
fn every_listed_chapter_has_its_folder_and_package() {
    for chapter in xtask::chapters().unwrap() {
        let manifest = chapter.dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        assert!(
            text.contains(&format!("name = \"{}\"", chapter.package)),
            "{} does not declare package {}",
            manifest.display(),
            chapter.package
        );
    }
}

#[test]
fn readme_has_a_row_for_every_chapter() {
    let readme = std::fs::read_to_string(xtask::workspace_root().join("README.md")).unwrap();
    for chapter in xtask::chapters().unwrap() {
        let command = format!("`cargo run -p {}`", chapter.package);
        assert!(
            readme.contains(&command),
            "README.md has no row with {command}"
        );
    }
}

#[test]
fn every_chapter_explains_itself_with_help() {
    for chapter in xtask::chapters().unwrap() {
        run_help(&chapter.package);
    }
}
