//! The chapter's whole output, pinned: `cargo run -p ch04-loss` on data/names.txt — the
//! diners score untrained 小明 on the first shuffled record, "yuheng".

#[path = "../../../tests/support/chapter.rs"]
mod chapter;

#[test]
fn chapter_output() {
    let stdout = chapter::printed(env!("CARGO_BIN_EXE_ch04-loss"), &[]);
    assert!(stdout.contains("over 7 positions: 3.3659669475848504\n"), "{stdout}");
    assert!(stdout.contains("= 3.295836866004329\n"), "{stdout}");
    insta::assert_snapshot!("ch04_output", stdout);
}
