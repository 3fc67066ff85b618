//! The training curve in the books is regenerated here and must be byte-identical to
//! both committed copies. After a change that moves the curve, redraw both with
//!
//!     cargo run -p ch06-adam -- --figure book/src/figures/training-curve.svg --figure book/en/src/figures/training-curve.svg

use std::process::Command;

const COPIES: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/src/figures/training-curve.svg"),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../book/en/src/figures/training-curve.svg"
    ),
];

#[test]
fn the_committed_training_curve_is_what_the_chapter_draws() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("training-curve.svg");
    let output = Command::new(env!("CARGO_BIN_EXE_ch06-adam"))
        .arg("--figure")
        .arg(&fresh)
        .output()
        .expect("the chapter binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let drawn = std::fs::read_to_string(&fresh).expect("the figure was written");
    assert!(
        drawn.starts_with("<svg") && drawn.contains("mean of the last 50"),
        "{drawn:.200}"
    );
    for copy in COPIES {
        let committed = std::fs::read_to_string(copy).unwrap_or_else(|e| panic!("{copy}: {e}"));
        assert!(
            committed == drawn,
            "{copy} is not what the chapter draws now; redraw both copies with\n  cargo run -p ch06-adam -- --figure book/src/figures/training-curve.svg --figure book/en/src/figures/training-curve.svg"
        );
    }
}
