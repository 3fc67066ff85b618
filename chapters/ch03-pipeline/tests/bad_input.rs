//! Dishes the pipeline cannot serve, and kitchens it cannot build: each is refused with a
//! `PipelineError` (or `ConfigError`) whose message names the offending value — never a
//! panic. And the chapter binary turns a bad `--prefix`, `--record`, `--data` or
//! `--figure` into one `error:` line on stderr and a failing exit code.

use ch03_pipeline::{Config, ConfigError, Dice, Kitchen, Knobs, Layout, Notebooks, PipelineError};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ch03-pipeline");
const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

fn default_knobs() -> Knobs {
    Knobs::init(Config::default(), 27, &mut Dice::new(42))
}

#[test]
fn a_position_beyond_the_block_is_refused() {
    let knobs = default_knobs();
    let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
    for pos in [16, 99] {
        let err = kitchen.serve(3, pos, &mut Notebooks::new(1)).unwrap_err();
        assert_eq!(err, PipelineError::Position { pos, block_size: 16 });
        let message = err.to_string();
        assert!(message.contains(&format!("position {pos}")), "{message}");
        assert!(message.contains("block_size 16"), "{message}");
    }
}

#[test]
fn a_dish_not_on_the_menu_is_refused() {
    let knobs = default_knobs();
    let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
    for id in [27, 1000] {
        let err = kitchen.serve(id, 0, &mut Notebooks::new(1)).unwrap_err();
        assert_eq!(err, PipelineError::Token { id, vocab_size: 27 });
        assert!(err.to_string().contains(&format!("dish number {id}")), "{err}");
    }
    // The bell (26) is the last dish that is on the menu.
    assert!(kitchen.serve(26, 0, &mut Notebooks::new(1)).is_ok());
}

#[test]
fn a_card_the_sous_chefs_cannot_share_is_refused() {
    let config = Config {
        n_embd: 10,
        n_head: 4,
        n_layer: 1,
        block_size: 8,
    };
    let indivisible = ConfigError::Indivisible { n_embd: 10, n_head: 4 };
    assert_eq!(config.validate(), Err(indivisible.clone()));
    let message = indivisible.to_string();
    assert!(
        message.contains("n_embd 10") && message.contains("n_head 4"),
        "{message}"
    );

    let layout = Layout::new(config, 27);
    let knobs = vec![0.0; layout.len()];
    let err = Kitchen::new(&layout, &knobs).unwrap_err();
    assert_eq!(err, PipelineError::Config(indivisible));
    assert!(err.to_string().contains("n_embd 10"), "{err}");

    let zero = Config {
        n_head: 0,
        ..Config::default()
    };
    let err = Kitchen::<f64>::new(&Layout::new(zero, 27), &[]).unwrap_err();
    assert_eq!(
        err,
        PipelineError::Config(ConfigError::Zero {
            name: "n_head",
            value: 0
        })
    );
}

#[test]
fn the_wrong_number_of_knobs_is_refused() {
    let knobs = default_knobs();
    let err = Kitchen::new(&knobs.layout, &knobs.values[..4191]).unwrap_err();
    assert_eq!(
        err,
        PipelineError::Knobs {
            expected: 4192,
            got: 4191
        }
    );
    assert!(
        err.to_string().contains("4191") && err.to_string().contains("4192"),
        "{err}"
    );
}

#[test]
fn the_notebooks_must_be_filled_in_order() {
    let knobs = default_knobs();
    let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
    // Position 1 before position 0.
    let err = kitchen.serve(4, 1, &mut Notebooks::new(1)).unwrap_err();
    assert_eq!(err, PipelineError::OutOfOrder { pos: 1, written: 0 });
    assert!(err.to_string().contains("position 1"), "{err}");

    // Position 0, then position 2: a dish skipped.
    let mut notebooks = Notebooks::new(1);
    kitchen.serve(26, 0, &mut notebooks).unwrap();
    let err = kitchen.serve(4, 2, &mut notebooks).unwrap_err();
    assert_eq!(err, PipelineError::OutOfOrder { pos: 2, written: 1 });
    assert!(err.to_string().contains("hold 1 dishes"), "{err}");
    // The refused dish left no page behind: position 1 still works.
    assert_eq!(notebooks.len(), 1);
    assert!(kitchen.serve(4, 1, &mut notebooks).is_ok());

    // Position 0 again on notebooks that already hold a dish.
    let err = kitchen.serve(4, 0, &mut notebooks).unwrap_err();
    assert_eq!(err, PipelineError::OutOfOrder { pos: 0, written: 2 });

    // Notebooks for the wrong number of rounds.
    let err = kitchen.serve(26, 0, &mut Notebooks::new(2)).unwrap_err();
    assert_eq!(err, PipelineError::Rounds { expected: 1, got: 2 });
    assert!(err.to_string().contains("n_layer"), "{err}");
}

/// Runs the chapter binary on data/names.txt with `args`; returns (success, stdout, stderr).
fn run(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(BIN)
        .args(["--data", NAMES])
        .args(args)
        .output()
        .expect("the chapter binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    (output.status.success(), stdout, stderr)
}

fn assert_refused(args: &[&str], names: &[&str]) {
    let (ok, stdout, stderr) = run(args);
    assert!(!ok, "{args:?} should fail; stdout: {stdout}");
    assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for name in names {
        assert!(
            stderr.contains(name),
            "{args:?}: the message should name {name}: {stderr}"
        );
    }
}

#[test]
fn the_binary_refuses_a_dish_not_on_the_menu() {
    assert_refused(&["--prefix", "zoë"], &["--prefix", "'ë'", "character 2"]);
    assert_refused(&["--prefix", "Emm"], &["'E'", "character 0"]);
    assert_refused(&["--record", "o'brien"], &["--record", "'\\''"]);
}

#[test]
fn the_binary_refuses_a_prefix_too_long_to_keep_in_mind() {
    // 15 dishes and the bell fill the 16 positions; 16 dishes do not fit.
    let (ok, _, stderr) = run(&["--prefix", "abcdefghijklmno"]);
    assert!(ok, "{stderr}");
    assert_refused(
        &["--prefix", "abcdefghijklmnop"],
        &["--prefix", "16 dishes", "block_size 16", "at most 15"],
    );
}

#[test]
fn the_binary_refuses_missing_data() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-names.txt");
    let output = Command::new(BIN).arg("--data").arg(&missing).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
}

#[test]
fn the_binary_refuses_a_figure_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("attention.svg");
    assert_refused(
        &["--figure", path.to_str().unwrap()],
        &["cannot write the figure", &path.display().to_string()],
    );
}
