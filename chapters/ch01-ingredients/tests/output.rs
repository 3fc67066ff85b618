//! The chapter's whole output, pinned: `cargo run -p ch01-ingredients` on data/names.txt.
//!
//! The shuffle uses the kitchen's dice with seed 42, so the first ten records are exactly
//! those the Python reference shows after `random.seed(42); random.shuffle(docs)`.

use std::path::Path;
use std::process::Command;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

#[test]
fn chapter_output() {
    // Without data/names.txt the binary would download it: tests never touch the internet.
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/ (CI copies ../shared/data/names.txt)"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_ch01-ingredients"))
        .output()
        .expect("the chapter binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the chapter failed: {stderr}");
    assert!(stderr.is_empty(), "nothing should reach stderr: {stderr}");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(stdout.contains("num docs: 32033"), "{stdout}");
    insta::assert_snapshot!("ch01_output", stdout);
}
