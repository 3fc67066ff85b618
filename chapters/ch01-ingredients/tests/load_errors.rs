//! Bad ingredients: every way `load` refuses a records file, and how the chapter binary
//! reports it (a one-line `error:` naming the file, a failing exit code, never a panic).

use ch01_ingredients::{load, DataError};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");
const BIN: &str = env!("CARGO_BIN_EXE_ch01-ingredients");

/// A file holding `bytes` in a fresh temporary directory (kept alive by the returned guard).
fn file_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Three good records, then a line with a stray Latin-1 byte (0xFF) in it.
const NOT_UTF8: &[u8] = b"emma\nolivia\nav\xffa\nmia\n";

fn assert_names(err: &DataError, path: &Path) {
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "the message should name {}: {message}",
        path.display()
    );
}

#[test]
fn missing_file_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-names.txt");
    let err = load(&path).unwrap_err();
    assert!(matches!(&err, DataError::NotFound { path: p } if p == &path), "{err:?}");
    assert_names(&err, &path);
    assert!(err.to_string().contains("no such file"), "{err}");
}

#[test]
fn directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(
        matches!(&err, DataError::IsDirectory { path } if path == dir.path()),
        "{err:?}"
    );
    assert_names(&err, dir.path());
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn non_utf8_names_the_line() {
    let (_dir, path) = file_with("latin1.txt", NOT_UTF8);
    let err = load(&path).unwrap_err();
    // "emma\n" (5) + "olivia\n" (7) + "av" (2): the bad byte is at offset 14, on line 3.
    assert!(matches!(&err, DataError::NotUtf8 { line: 3, byte: 14, .. }), "{err:?}");
    assert_names(&err, &path);
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn non_utf8_on_the_first_line() {
    let (_dir, path) = file_with("bad.txt", b"\xc3(\nemma\n");
    let err = load(&path).unwrap_err();
    assert!(matches!(&err, DataError::NotUtf8 { line: 1, byte: 0, .. }), "{err:?}");
}

#[test]
fn only_blank_lines_is_empty() {
    let (_dir, path) = file_with("blank.txt", b"\n   \n\t\t\n \r\n  \n\n");
    let err = load(&path).unwrap_err();
    assert!(matches!(&err, DataError::Empty { path: p } if p == &path), "{err:?}");
    assert_names(&err, &path);
}

#[test]
fn zero_bytes_is_empty() {
    let (_dir, path) = file_with("nothing.txt", b"");
    assert!(matches!(load(&path), Err(DataError::Empty { .. })));
}

#[test]
fn a_small_file_is_cleaned() {
    let (_dir, path) = file_with("few.txt", b"\n  emma \r\nolivia\n\n\tava\n\n");
    assert_eq!(load(&path).unwrap(), ["emma", "olivia", "ava"]);
}

#[test]
fn the_real_records_are_32033() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/ (CI copies ../shared/data/names.txt)"
    );
    let docs = load(Path::new(NAMES)).unwrap();
    assert_eq!(docs.len(), 32033);
    assert_eq!(docs[0], "emma");
    assert!(docs.iter().all(|d| !d.is_empty() && d.trim() == d));
}

// ---------------------------------------------------------------------------------------
// The chapter binary: bad --data gives a clean error, never a panic.
// ---------------------------------------------------------------------------------------

fn run_with_data(path: &Path) -> Output {
    Command::new(BIN)
        .arg("--data")
        .arg(path)
        .output()
        .expect("the chapter binary runs")
}

fn assert_clean_failure(output: &Output, path: &Path, what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "{what}: the binary should fail; stderr: {stderr}"
    );
    assert!(
        stderr.starts_with("error:"),
        "{what}: stderr should start with `error:`: {stderr}"
    );
    assert!(
        stderr.contains(&path.display().to_string()),
        "{what}: stderr should name {}: {stderr}",
        path.display()
    );
    assert!(!stderr.contains("panicked"), "{what}: the binary panicked: {stderr}");
    assert!(output.stdout.is_empty(), "{what}: nothing should reach stdout");
}

#[test]
fn binary_reports_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.txt");
    let output = run_with_data(&path);
    assert_clean_failure(&output, &path, "missing file");
    assert!(
        !path.exists(),
        "a missing --data file must not be downloaded or created"
    );
}

#[test]
fn binary_reports_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_with_data(dir.path());
    assert_clean_failure(&output, dir.path(), "directory");
}

#[test]
fn binary_reports_non_utf8() {
    let (_dir, path) = file_with("latin1.txt", NOT_UTF8);
    let output = run_with_data(&path);
    assert_clean_failure(&output, &path, "non-UTF-8 file");
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 3"));
}

#[test]
fn binary_reports_an_empty_file() {
    let (_dir, path) = file_with("blank.txt", b"  \n\n");
    let output = run_with_data(&path);
    assert_clean_failure(&output, &path, "blank file");
}

#[test]
fn binary_runs_on_a_small_file() {
    let (_dir, path) = file_with("few.txt", b"emma\nolivia\nava\n");
    let output = run_with_data(&path);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("num docs: 3\n"));
}
