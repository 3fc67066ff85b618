//! The chapter's whole output, pinned: `cargo run -p ch03-pipeline` on data/names.txt —
//! 小明, with his untrained knobs, serves 🛎️ e m m and bets on the next dish.

#[path = "../../../tests/support/chapter.rs"]
mod chapter;

#[test]
fn chapter_output() {
    let stdout = chapter::printed(env!("CARGO_BIN_EXE_ch03-pipeline"), &[]);
    assert!(stdout.contains("serving 🛎️ e m m,"), "{stdout}");
    assert!(stdout.contains("← next in emma"), "{stdout}");
    insta::assert_snapshot!("ch03_output", stdout);
}
