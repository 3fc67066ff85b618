//! The books build: 《小明的厨房》 in Chinese (book/) and its English edition (book/en/).
//!
//! Every listing in the books comes from the compiled chapter crates through mdBook's
//! `{{#include PATH:ANCHOR}}`. mdBook only logs a broken include and carries on, so this
//! test checks every include itself, then builds both books (into a temporary directory,
//! never into the repository).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The two books: (book root, its `src` directory).
fn books() -> [(PathBuf, PathBuf); 2] {
    let zh = Path::new(ROOT).join("book");
    let en = zh.join("en");
    [(zh.clone(), zh.join("src")), (en.clone(), en.join("src"))]
}

/// Every file under `dir`, as paths relative to `dir`, sorted.
fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                out.insert(path.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

/// What an include asks for after the path.
#[derive(Debug, PartialEq)]
enum Part {
    Whole,
    Anchor(String),
    /// 1-based first line of a line range, if it has one.
    Lines(Option<usize>),
}

/// One `{{#include …}}` (or `{{#rustdoc_include …}}`) found in a page.
#[derive(Debug, PartialEq)]
struct Include {
    line: usize,
    path: String,
    part: Part,
}

/// Finds the includes in a page's text, skipping escaped ones (`\{{#include …}}`).
fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let escaped = rest[..start].ends_with('\\');
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let body = &after[..end];
            rest = &after[end + 2..];
            let args = ["include ", "rustdoc_include "]
                .iter()
                .find_map(|kind| body.strip_prefix(kind));
            let (Some(args), false) = (args, escaped) else {
                continue;
            };
            let args = args.trim();
            let (path, spec) = match args.split_once(':') {
                Some((path, spec)) => (path, spec),
                None => (args, ""),
            };
            let part = if spec.is_empty() {
                Part::Whole
            } else if spec.chars().all(|c| c.is_ascii_digit() || c == ':') {
                Part::Lines(spec.split(':').next().and_then(|n| n.parse().ok()))
            } else {
                Part::Anchor(spec.to_string())
            };
            found.push(Include {
                line: i + 1,
                path: path.to_string(),
                part,
            });
        }
    }
    found
}

#[test]
fn include_parser_reads_every_form() {
    let text = "a {{#include ../x.rs}}\n\
                {{#include ../x.rs:clean}} and {{#include ../y.snap:5:}}\n\
                {{#include ../y.snap:2:9}} \\{{#include ../escaped.rs}} {{#title T}}\n\
                {{#rustdoc_include ../z.rs:main}}";
    let got = includes(text);
    let want = [
        (1, "../x.rs", Part::Whole),
        (2, "../x.rs", Part::Anchor("clean".into())),
        (2, "../y.snap", Part::Lines(Some(5))),
        (3, "../y.snap", Part::Lines(Some(2))),
        (4, "../z.rs", Part::Anchor("main".into())),
    ];
    let want: Vec<Include> = want
        .into_iter()
        .map(|(line, path, part)| Include {
            line,
            path: path.into(),
            part,
        })
        .collect();
    assert_eq!(got, want);
}

/// Whether `content` has a `MARKER: name` line, with the name matched whole (as mdBook
/// reads it: word characters and dashes), so `shuffle` is not found in `shuffle_starter`.
fn has_anchor(content: &str, marker: &str, name: &str) -> bool {
    let tag = format!("{marker}:");
    content.lines().any(|line| {
        line.match_indices(&tag).any(|(at, _)| {
            // `ANCHOR:` must not be the tail of `ANCHOR_END:`.
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return false;
            }
            let rest = line[at + tag.len()..].trim_start();
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            word == name
        })
    })
}

#[test]
fn anchors_are_matched_whole() {
    let text = "// ANCHOR: shuffle_starter\n// ANCHOR_END: shuffle_starter\n";
    assert!(has_anchor(text, "ANCHOR", "shuffle_starter"));
    assert!(!has_anchor(text, "ANCHOR", "shuffle"));
    assert!(has_anchor(text, "ANCHOR_END", "shuffle_starter"));
    assert!(!has_anchor("// ANCHOR_END: x", "ANCHOR", "x"));
}

/// Every include in both books points at a file that exists, and at an anchor (or a
/// first line) that the file has.
#[test]
fn every_include_resolves() {
    let mut broken = Vec::new();
    let mut count = 0;
    for (_, src) in books() {
        for rel in files_under(&src) {
            if rel.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let page = src.join(&rel);
            let text = fs::read_to_string(&page).expect("pages are UTF-8");
            let dir = page.parent().unwrap();
            for inc in includes(&text) {
                count += 1;
                let at = format!("{}:{}: {}", page.display(), inc.line, inc.path);
                let target = dir.join(&inc.path);
                let Ok(content) = fs::read_to_string(&target) else {
                    broken.push(format!("{at}: no such file ({})", target.display()));
                    continue;
                };
                match &inc.part {
                    Part::Whole | Part::Lines(None) => {}
                    Part::Lines(Some(first)) => {
                        let lines = content.lines().count();
                        if *first > lines {
                            broken.push(format!("{at}: starts at line {first}, file has {lines}"));
                        }
                    }
                    Part::Anchor(name) => {
                        for marker in ["ANCHOR", "ANCHOR_END"] {
                            if !has_anchor(&content, marker, name) {
                                broken.push(format!("{at}: no `{marker}: {name}` in the file"));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} of {count} includes are broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// The chapter files named in a SUMMARY.md (`[title](file.md)`), in order.
fn summary_chapters(summary: &str) -> Vec<String> {
    summary
        .lines()
        .filter_map(|line| {
            let start = line.find("](")? + 2;
            let end = start + line[start..].find(')')?;
            let target = &line[start..end];
            (!target.is_empty()).then(|| target.to_string())
        })
        .collect()
}

#[test]
fn both_summaries_list_the_same_existing_chapters() {
    let mut listed = Vec::new();
    for (_, src) in books() {
        let summary = fs::read_to_string(src.join("SUMMARY.md")).expect("SUMMARY.md");
        let chapters = summary_chapters(&summary);
        assert!(chapters.len() >= 10, "{}: only {chapters:?}", src.display());
        for chapter in &chapters {
            assert!(
                src.join(chapter).is_file(),
                "{}/SUMMARY.md lists {chapter}, which does not exist",
                src.display()
            );
        }
        listed.push(chapters);
    }
    assert_eq!(listed[0], listed[1], "the zh and en tables of contents differ");
}

#[test]
fn zh_and_en_have_the_same_files() {
    let [(_, zh), (_, en)] = books();
    let (zh, en) = (files_under(&zh), files_under(&en));
    let only_zh: Vec<_> = zh.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&zh).collect();
    assert!(
        only_zh.is_empty() && only_en.is_empty(),
        "only in book/src: {only_zh:?}\nonly in book/en/src: {only_en:?}"
    );
}

/// Both books build with mdBook, into a temporary directory.
#[test]
fn both_books_build() {
    for (root, _) in books() {
        let out = tempfile::tempdir().expect("a temporary directory");
        let mut config = mdbook_driver::config::Config::from_disk(root.join("book.toml"))
            .unwrap_or_else(|e| panic!("{}/book.toml: {e:#}", root.display()));
        config.build.build_dir = out.path().to_path_buf();
        // A chapter missing from disk is an error here, never a new empty file.
        config.build.create_missing = false;
        let book = mdbook_driver::MDBook::load_with_config(&root, config)
            .unwrap_or_else(|e| panic!("loading {}: {e:#}", root.display()));
        book.build()
            .unwrap_or_else(|e| panic!("building {}: {e:#}", root.display()));
        let index = out.path().join("index.html");
        assert!(index.is_file(), "{}: no index.html", root.display());
        // mdBook leaves an include it could not resolve in the page as written.
        let mut unresolved = Vec::new();
        for rel in files_under(out.path()) {
            if rel.extension().is_some_and(|e| e == "html") {
                let html = fs::read_to_string(out.path().join(&rel)).unwrap_or_default();
                if html.contains("{{#include") {
                    unresolved.push(rel);
                }
            }
        }
        assert!(
            unresolved.is_empty(),
            "{}: unresolved includes in {unresolved:?}",
            root.display()
        );
    }
}
