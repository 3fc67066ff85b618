//! Shared by the chapters' integration tests, each of which includes it with
//! `#[path = "../../../tests/support/chapter.rs"] mod chapter;`: run a chapter's program
//! on data/names.txt and take what it printed.
#![allow(dead_code)]

use std::process::{Command, Output};

/// The records every chapter reads by default.
pub const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

/// Runs the chapter's program `bin` (an `env!("CARGO_BIN_EXE_…")`) with `args`.
pub fn run(bin: &str, args: &[&str]) -> Output {
    // Without data/names.txt the program would download it: tests never touch the internet.
    assert!(
        std::path::Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/ (CI copies ../shared/data/names.txt)"
    );
    Command::new(bin)
        .args(args)
        .output()
        .expect("the chapter's program runs")
}

/// What the program printed, after checking it succeeded and said nothing on stderr.
pub fn printed(bin: &str, args: &[&str]) -> String {
    let output = run(bin, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the chapter failed: {stderr}");
    assert!(stderr.is_empty(), "nothing should reach stderr: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}
