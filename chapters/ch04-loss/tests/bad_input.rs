//! Bad ingredients reach the chapter binary as one `error:` line naming the file and a
//! failing exit code, never a panic.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ch04-loss");

fn refused(data: &std::path::Path) -> String {
    let output = Command::new(BIN)
        .arg("--data")
        .arg(data)
        .output()
        .expect("the chapter binary runs");
    assert!(!output.status.success(), "{} should be refused", data.display());
    assert!(
        output.stdout.is_empty(),
        "nothing is scored: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&data.display().to_string()),
        "the message should name the file: {stderr}"
    );
    stderr
}

#[test]
fn missing_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(&dir.path().join("no-such-names.txt"));
    assert!(stderr.contains("no such file"), "{stderr}");
}

#[test]
fn data_without_records_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.txt");
    std::fs::write(&path, "\n  \n\t\n").unwrap();
    let stderr = refused(&path);
    assert!(stderr.contains("no records"), "{stderr}");
}

#[test]
fn data_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, b"emma\nz\xf6e\n").unwrap();
    let stderr = refused(&path);
    assert!(stderr.contains("line 2"), "{stderr}");
}

#[test]
fn other_records_are_scored() {
    // Characters beyond a–z and records longer than block_size: the menu follows the
    // data, and a long record is scored on its first block_size positions only.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/other-records.txt");
    let output = Command::new(BIN).args(["--data", data]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("the first shuffled record:"), "{stdout}");
    assert!(stdout.contains("loss, the average penalty over"), "{stdout}");
}
