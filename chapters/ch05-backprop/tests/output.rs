//! The chapter's whole output, pinned: `cargo run -p ch05-backprop` on data/names.txt —
//! and a clear refusal when the data is bad.

use std::process::Command;

#[path = "../../../tests/support/chapter.rs"]
mod chapter;
use chapter::NAMES;

#[test]
fn chapter_output() {
    let stdout = chapter::printed(env!("CARGO_BIN_EXE_ch05-backprop"), &[]);
    assert!(stdout.contains("salt's influence  4\n"), "{stdout}");
    assert!(stdout.contains("sugar's influence 2\n"), "{stdout}");
    insta::assert_snapshot!("ch05_output", stdout);
}

#[test]
fn a_missing_data_file_is_a_clear_error() {
    let missing = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no-such-records.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_ch05-backprop"))
        .args(["--data", missing])
        .output()
        .expect("the chapter binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("no-such-records.txt"),
        "the message names the file: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_figure_flag_writes_the_figure() {
    let dir = std::env::temp_dir().join(format!("ch05-figure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("salt-sugar.svg");
    let output = Command::new(env!("CARGO_BIN_EXE_ch05-backprop"))
        .args(["--data", NAMES, "--figure"])
        .arg(&path)
        .output()
        .expect("the chapter binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(written, ch05_backprop::figure::salt_and_sugar().unwrap());

    // A place that cannot be written to is refused with its name.
    let output = Command::new(env!("CARGO_BIN_EXE_ch05-backprop"))
        .args(["--data", NAMES, "--figure", "/no-such-dir/salt-sugar.svg"])
        .output()
        .expect("the chapter binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: cannot write the figure to /no-such-dir/salt-sugar.svg"),
        "{stderr}"
    );
}
