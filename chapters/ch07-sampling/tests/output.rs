//! The chapter's whole output, pinned: `cargo run -p ch07-sampling` on data/names.txt.
//!
//! Training and serving are deterministic (the pantry's dice, seed 42), so the four
//! columns, the shares of invented names, the dish-by-dish menu and the greedy menu are
//! the same on every machine. Nothing about time is printed.

mod common;

#[test]
fn chapter_output() {
    let output = common::run(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the chapter failed: {stderr}");
    assert!(stderr.is_empty(), "nothing should reach stderr: {stderr}");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    // The facts the book's chapter 8 quotes from this output.
    assert!(
        stdout.starts_with("num docs: 32033\nvocab size: 27\nnum params: 4192\n"),
        "{stdout}"
    );
    // The T 0.5 column is rolled with the reference's dice: its first menu is the
    // reference's first sample, and so is the menu followed dish by dish.
    assert!(stdout.contains("  1  anari*        kamon*"), "{stdout}");
    assert!(stdout.contains("→ kamon (real)"), "{stdout}");
    insta::assert_snapshot!("ch07_output", stdout);
}
