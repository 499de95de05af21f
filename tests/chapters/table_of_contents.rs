//! The chapter list in `chapters/chapters.toml` matches the workspace and the README.

use crate::harness::help;

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
fn every_chapters_help_points_to_its_examples() {
    for chapter in xtask::chapters().unwrap() {
        let help = help(&chapter.package);
        // The words may wrap: compare without line breaks.
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for example in &chapter.examples {
            assert!(
                help.contains(&example.name),
                "`{} --help` does not mention its example {}:\n{help}",
                chapter.package,
                example.name
            );
        }
    }
}

#[test]
fn every_example_is_listed_in_the_readme_and_on_its_book_page() {
    let root = xtask::workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for chapter in xtask::chapters().unwrap() {
        // Every file in examples/ is listed, and every listed example has its file.
        let mut on_disk: Vec<String> = std::fs::read_dir(chapter.dir.join("examples"))
            .map(|entries| {
                entries
                    .map(|entry| entry.unwrap().path())
                    .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
                    .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        on_disk.sort();
        let mut listed: Vec<String> = chapter.examples.iter().map(|e| e.name.clone()).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "examples of {} vs chapters.toml",
            chapter.package
        );

        let page_path = root.join(format!("book/src/chapters/{}.md", chapter.package));
        let page = std::fs::read_to_string(&page_path).unwrap();
        for example in &chapter.examples {
            let row = format!(
                "| `{}` | `cargo run -p {} --example {}` | {} |",
                chapter.package, chapter.package, example.name, example.shows
            );
            assert!(readme.contains(&row), "README.md lacks the row {row}");
            let file = format!("examples/{}.rs", example.name);
            assert!(
                page.contains(&format!("--example {}", example.name)) && page.contains(&file),
                "{} neither names `--example {}` nor includes {file}",
                page_path.display(),
                example.name
            );
        }
    }
}

#[test]
fn every_lesson_is_at_most_sixty_lines() {
    for chapter in xtask::chapters().unwrap() {
        let main = std::fs::read_to_string(chapter.dir.join("src/main.rs")).unwrap();
        let start = main
            .find("// ANCHOR: lesson\n")
            .unwrap_or_else(|| panic!("{}: no lesson anchor", chapter.package));
        let end = main
            .find("// ANCHOR_END: lesson")
            .unwrap_or_else(|| panic!("{}: no lesson end", chapter.package));
        // Anchors for the book's smaller listings inside the lesson are not shown.
        let lines = main[start..end]
            .lines()
            .skip(1)
            .filter(|line| !line.contains("ANCHOR"))
            .count();
        assert!(
            lines <= 60,
            "{}'s lesson is {lines} lines; move a variation into examples/",
            chapter.package
        );
    }
}
