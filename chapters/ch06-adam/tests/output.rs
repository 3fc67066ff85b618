//! The chapter's whole output, pinned: `cargo run -p ch06-adam` on data/names.txt.
//!
//! The growth table in the book is this snapshot: the losses are those of our own run,
//! and since that run equals the reference bit for bit, so are its numbers.

use std::process::Command;

#[path = "../../../tests/support/chapter.rs"]
mod chapter;
const LOSSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/reference-losses.txt");

#[test]
fn chapter_output() {
    let stdout = chapter::printed(env!("CARGO_BIN_EXE_ch06-adam"), &[]);

    // The growth table's single-step losses are the reference's, rounded as printed.
    let reference: Vec<f64> = std::fs::read_to_string(LOSSES)
        .expect("tests/data/reference-losses.txt")
        .lines()
        .map(|l| l.parse().expect("a float"))
        .collect();
    for step in [1, 100, 500, 1000] {
        let row = format!("  {step:4}  {:.4}   ", reference[step - 1]);
        assert!(stdout.contains(&row), "no row {row:?} in\n{stdout}");
    }
    insta::assert_snapshot!("ch06_output", stdout);
}

#[test]
fn bad_data_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-records.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_ch06-adam"))
        .arg("--data")
        .arg(&missing)
        .output()
        .expect("the chapter binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("no-such-records.txt"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_figure_into_a_missing_directory_fails_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("curve.svg");
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_ch06-adam"))
        .arg("--figure")
        .arg(&path)
        .output()
        .expect("the chapter binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.starts_with("error: ") && stderr.contains("does not exist"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "nothing was trained or printed");
    assert!(!path.exists());
    assert!(started.elapsed().as_secs() < 60);
}
