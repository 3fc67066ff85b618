//! The chapter's whole output, pinned: `cargo run -p ch03-pipeline` on data/names.txt —
//! 小明, with his untrained knobs, serves 🛎️ e m m and bets on the next dish.

use std::path::Path;
use std::process::Command;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

#[test]
fn chapter_output() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_ch03-pipeline"))
        .output()
        .expect("the chapter binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the chapter failed: {stderr}");
    assert!(stderr.is_empty(), "nothing should reach stderr: {stderr}");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    assert!(stdout.contains("serving 🛎️ e m m,"), "{stdout}");
    assert!(stdout.contains("← next in emma"), "{stdout}");
    insta::assert_snapshot!("ch03_output", stdout);
}
