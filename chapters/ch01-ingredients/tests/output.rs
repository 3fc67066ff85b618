//! The chapter's whole output, pinned: `cargo run -p ch01-ingredients` on data/names.txt.
//!
//! The shuffle uses the kitchen's dice with seed 42, so the first ten records are exactly
//! those the Python reference shows after `random.seed(42); random.shuffle(docs)`.

#[path = "../../../tests/support/chapter.rs"]
mod chapter;

#[test]
fn chapter_output() {
    let stdout = chapter::printed(env!("CARGO_BIN_EXE_ch01-ingredients"), &[]);
    assert!(stdout.contains("num docs: 32033"), "{stdout}");
    insta::assert_snapshot!("ch01_output", stdout);
}
