//! The chapter's whole output, pinned, and what it must show: emma as dish numbers, 4,192
//! knobs, and the first and last knob exactly as the reference turns them.

use std::process::Command;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

fn run(args: &[&str]) -> std::process::Output {
    assert!(
        std::path::Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    Command::new(env!("CARGO_BIN_EXE_ch02-tokens"))
        .args(args)
        .output()
        .expect("the chapter binary runs")
}

#[test]
fn chapter_output() {
    let output = run(&[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(stdout.contains("\"emma\" → [26, 4, 12, 12, 0, 26]"), "{stdout}");
    assert!(stdout.contains("num params: 4192"), "{stdout}");
    insta::assert_snapshot!("ch02_output", stdout);
}

#[test]
fn the_first_and_last_knob_equal_the_reference() {
    // From the reference: random.seed(42); shuffle; then gauss(0, 0.08) for wte[0][0]
    // first and layer0.mlp_fc2[15][63] last.
    let pantry = ch02_tokens::Pantry::stock(Some(NAMES.as_ref()), ch02_tokens::Config::default(), 42).expect("stocks");
    let knobs = &pantry.knobs.values;
    assert_eq!(knobs.len(), 4192);
    assert_eq!(knobs[0], -0.04273180935726127);
    assert_eq!(knobs[4191], -0.09496111892676082);
    assert_eq!(pantry.knobs.layout.knob_name(4191), "layer0.mlp_fc2[15][63]");
}

#[test]
fn an_unknown_dish_is_named() {
    let output = run(&["--record", "zoë"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error:") && stderr.contains("'ë'"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_sizes_are_refused() {
    use ch02_tokens::{Config, ConfigError};
    let indivisible = Config {
        n_embd: 10,
        n_head: 4,
        ..Config::default()
    };
    assert_eq!(
        indivisible.validate(),
        Err(ConfigError::Indivisible { n_embd: 10, n_head: 4 })
    );
    let none = Config {
        n_layer: 0,
        ..Config::default()
    };
    assert!(none.validate().unwrap_err().to_string().contains("n_layer is 0"));
}
