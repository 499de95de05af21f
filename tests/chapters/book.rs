//! The book in `book/` cannot drift from the workspace: every chapter and exercise has a page,
//! every include names a real file and anchor, internal links lead somewhere, and the captured
//! outputs still match what the chapters print.

use std::{fs, path::PathBuf};

use pulldown_cmark::{Event, Parser, Tag};
use xtask::book::CAPTURES;

use crate::harness::run_target;

fn book_src() -> PathBuf {
    xtask::workspace_root().join("book/src")
}

/// Every Markdown page of the book, with its text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut pages = Vec::new();
    let mut folders = vec![book_src()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = fs::read_to_string(&path).unwrap();
                pages.push((path, text));
            }
        }
    }
    pages
}

#[test]
fn every_chapter_and_exercise_has_a_page_in_the_summary() {
    let summary = fs::read_to_string(book_src().join("SUMMARY.md")).unwrap();
    let chapters = xtask::chapters()
        .unwrap()
        .into_iter()
        .map(|c| format!("chapters/{}.md", c.package));
    let exercises = xtask::exercises()
        .unwrap()
        .into_iter()
        .map(|e| format!("exercises/{}.md", e.name));
    for page in chapters.chain(exercises) {
        assert!(
            summary.contains(&format!("]({page})")),
            "SUMMARY.md does not list {page}"
        );
        assert!(
            book_src().join(&page).exists(),
            "book/src/{page} is missing"
        );
    }
}

#[test]
fn every_exercise_page_shows_the_pristine_starter_not_the_learners_file() {
    for exercise in xtask::exercises().unwrap() {
        let page =
            fs::read_to_string(book_src().join(format!("exercises/{}.md", exercise.name))).unwrap();
        let included: Vec<String> = includes(&page).into_iter().map(|(path, _)| path).collect();
        let pristine = format!("../../../chapters/exercises/starters/{}.rs", exercise.name);
        assert!(
            included.contains(&pristine),
            "exercises/{}.md does not include {pristine}",
            exercise.name
        );
        let learners = exercise.file.strip_prefix(xtask::workspace_root()).unwrap();
        assert!(
            !included
                .iter()
                .any(|path| path.ends_with(&*learners.to_string_lossy())),
            "exercises/{}.md includes the learner's own file",
            exercise.name
        );
    }
}

/// The `{{#include path[:anchor]}}` directives of a page.
fn includes(text: &str) -> Vec<(String, Option<String>)> {
    text.match_indices("{{#include ")
        .map(|(start, _)| {
            let rest = &text[start + "{{#include ".len()..];
            let target = &rest[..rest.find("}}").expect("an include ends with }}")];
            match target.rsplit_once(':') {
                Some((path, anchor)) => (path.to_owned(), Some(anchor.to_owned())),
                None => (target.to_owned(), None),
            }
        })
        .collect()
}

#[test]
fn every_include_names_an_existing_file_and_anchor() {
    let mut count = 0;
    for (page, text) in pages() {
        for (path, anchor) in includes(&text) {
            count += 1;
            let file = page.parent().unwrap().join(&path);
            let content = fs::read_to_string(&file).unwrap_or_else(|e| {
                panic!(
                    "{}: includes {path}, which cannot be read: {e}",
                    page.display()
                )
            });
            if let Some(anchor) = anchor {
                assert!(
                    content.contains(&format!("ANCHOR: {anchor}\n"))
                        && content.contains(&format!("ANCHOR_END: {anchor}\n")),
                    "{}: {path} has no anchor `{anchor}`",
                    page.display()
                );
            }
        }
    }
    assert!(
        count > 40,
        "only {count} includes found; is the book there?"
    );
}

/// How many lines an include shows: the anchored part of the file, without anchor lines.
fn included_lines(content: &str, anchor: Option<&str>) -> usize {
    let shown = match anchor {
        Some(anchor) => {
            let start = content
                .find(&format!("ANCHOR: {anchor}\n"))
                .expect("the anchor exists");
            let end = content
                .find(&format!("ANCHOR_END: {anchor}\n"))
                .expect("the anchor ends");
            // From the start anchor's line to the line before the end anchor's.
            &content[start..content[..end].rfind('\n').unwrap_or(end)]
        }
        None => content,
    };
    shown
        .lines()
        .filter(|line| !line.contains("ANCHOR"))
        .count()
}

#[test]
fn every_listing_of_code_is_at_most_forty_lines() {
    for (page, text) in pages() {
        for (path, anchor) in includes(&text) {
            if !path.ends_with(".rs") {
                continue;
            }
            let content = fs::read_to_string(page.parent().unwrap().join(&path)).unwrap();
            let lines = included_lines(&content, anchor.as_deref());
            assert!(
                lines <= 40,
                "{}: {path}{} shows {lines} lines; split it at anchors, with prose between",
                page.display(),
                anchor.map(|a| format!(":{a}")).unwrap_or_default()
            );
        }
    }
}

#[test]
fn internal_links_and_pictures_lead_to_files() {
    for (page, text) in pages() {
        for event in Parser::new(&text) {
            let destination = match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    dest_url.to_string()
                }
                _ => continue,
            };
            if destination.contains("://")
                || destination.starts_with('#')
                || destination.starts_with("mailto:")
            {
                continue;
            }
            let path = destination.split('#').next().unwrap();
            let target: PathBuf = page.parent().unwrap().join(path);
            assert!(
                target.exists(),
                "{}: link to {destination}, which does not exist",
                page.display()
            );
        }
    }
}

#[test]
fn captured_outputs_still_match_what_the_chapters_print() {
    std::thread::scope(|scope| {
        for capture in CAPTURES {
            scope.spawn(move || {
                let file = book_src()
                    .join("generated")
                    .join(format!("{}.txt", capture.file));
                let captured = fs::read_to_string(&file).unwrap_or_else(|e| {
                    panic!(
                        "{} is missing ({e}); `cargo xtask book` writes it",
                        file.display()
                    )
                });
                let run = run_target(capture.package, capture.example, capture.args, capture.env);
                let fresh = format!("{}{}", run.stdout, run.stderr);
                assert_eq!(
                    capture.comparable(&captured),
                    capture.comparable(&fresh),
                    "{} no longer matches `{} {}`; run `cargo xtask book` to capture it again",
                    file.display(),
                    capture.package,
                    capture.args.join(" ")
                );
            });
        }
    });
}

#[test]
fn every_exercise_page_says_what_the_grader_checks_as_its_spec_table_one_check_a_row() {
    for exercise in xtask::exercises().unwrap() {
        let page =
            fs::read_to_string(book_src().join(format!("exercises/{}.md", exercise.name))).unwrap();
        let include = format!(
            "## What the grader checks\n\n{{{{#include ../generated/checks/{}.md}}}}\n",
            exercise.name
        );
        assert!(
            page.contains(&include),
            "exercises/{}.md lacks, under its heading, {include}",
            exercise.name
        );
        let spec = fs::read_to_string(
            xtask::workspace_root().join(format!("chapters/exercises/specs/{}.md", exercise.name)),
        )
        .unwrap();
        let rows = xtask::spec_rows(&spec).unwrap();
        let table =
            fs::read_to_string(book_src().join(format!("generated/checks/{}.md", exercise.name)))
                .unwrap_or_default();
        let shown: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(
            shown.len(),
            rows.len(),
            "generated/checks/{}.md is missing or out of date: `cargo xtask book` writes it",
            exercise.name
        );
        for ((promise, check), line) in rows.iter().zip(shown) {
            assert_eq!(
                line,
                format!("| {promise} | {check} |"),
                "generated/checks/{}.md is out of date: `cargo xtask book` writes it",
                exercise.name
            );
        }
    }
}

#[test]
fn every_exercise_page_folds_away_the_lesson_and_the_discussion() {
    for exercise in xtask::exercises().unwrap() {
        let page =
            fs::read_to_string(book_src().join(format!("exercises/{}.md", exercise.name))).unwrap();
        let include = format!(
            "{{{{#include ../generated/discussions/{}.md}}}}",
            exercise.name
        );
        assert!(
            page.contains(&include),
            "exercises/{}.md lacks {include}",
            exercise.name
        );
        let folded = fs::read_to_string(
            book_src().join(format!("generated/discussions/{}.md", exercise.name)),
        )
        .unwrap_or_default();
        assert!(
            folded.starts_with("<details>") && folded.contains(&exercise.discussion),
            "generated/discussions/{}.md is missing or out of date: `cargo xtask book` writes it",
            exercise.name
        );
    }
}
