//! The chapter's whole output, pinned: `cargo run -p ch04-loss` on data/names.txt — the
//! diners score untrained 小明 on the first shuffled record, "yuheng".

use std::path::Path;
use std::process::Command;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

#[test]
fn chapter_output() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_ch04-loss"))
        .output()
        .expect("the chapter binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the chapter failed: {stderr}");
    assert!(stderr.is_empty(), "nothing should reach stderr: {stderr}");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(stdout.contains("over 7 positions: 3.3659669475848504\n"), "{stdout}");
    assert!(stdout.contains("= 3.295836866004329\n"), "{stdout}");
    insta::assert_snapshot!("ch04_output", stdout);
}
