//! The heat map in the book is the one the code draws: regenerate it exactly as the book
//! says (`cargo run -p ch03-pipeline -- --figure FILE`) and compare it byte for byte with
//! both committed copies, book/src/figures/attention-emma.svg and its twin in book/en/.

use std::path::Path;
use std::process::Command;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

#[test]
fn the_committed_heat_maps_are_the_generated_one() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("attention-emma.svg");
    let output = Command::new(env!("CARGO_BIN_EXE_ch03-pipeline"))
        .arg("--figure")
        .arg(&fresh)
        .output()
        .expect("the chapter binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let svg = std::fs::read(&fresh).unwrap();

    // What the figure must show: four sous-chefs, the five dishes of 🛎️ e m m a.
    let text = String::from_utf8(svg.clone()).expect("the SVG is UTF-8");
    assert!(text.starts_with("<svg "), "{}", &text[..80.min(text.len())]);
    for head in 1..=4 {
        assert!(text.contains(&format!("副厨 {head}")), "panel {head} is missing");
    }
    assert!(!text.contains("副厨 5"));
    // 4 panels × (1 + 2 + 3 + 4 + 5) weights, each shown with two decimals.
    let cells = text
        .lines()
        .filter(|l| l.len() == 4 && l.starts_with(['0', '1']) && l.as_bytes()[1] == b'.')
        .count();
    assert_eq!(cells, 4 * 15);

    for copy in [
        "book/src/figures/attention-emma.svg",
        "book/en/src/figures/attention-emma.svg",
    ] {
        let committed = std::fs::read(Path::new(ROOT).join(copy)).unwrap_or_else(|e| panic!("{copy}: {e}"));
        assert!(
            committed == svg,
            "{copy} is not what the code draws now; regenerate it with\n  \
             cargo run -p ch03-pipeline -- --figure book/src/figures/attention-emma.svg\n  \
             cp book/src/figures/attention-emma.svg book/en/src/figures/"
        );
    }
}

#[test]
fn the_heat_map_is_the_same_every_time() {
    use ch03_pipeline::figure::attention_heatmap;
    let labels: Vec<String> = ["🛎️", "a", "b"].iter().map(|s| s.to_string()).collect();
    let glances = vec![
        vec![vec![vec![1.0], vec![1.0]]],
        vec![vec![vec![0.25, 0.75], vec![0.5, 0.5]]],
        vec![vec![vec![0.125, 0.375, 0.5], vec![0.0, 0.0, 1.0]]],
    ];
    let once = attention_heatmap("t", &labels, &glances);
    assert_eq!(once, attention_heatmap("t", &labels, &glances));
    for shown in ["0.25", "0.75", "0.12", "0.38", "0.50", "1.00", "副厨 2"] {
        assert!(once.contains(shown), "{shown} missing");
    }
    assert!(!once.contains("副厨 3"));
}
