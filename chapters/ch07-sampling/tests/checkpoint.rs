//! Serving from a checkpoint instead of training: the default kitchen's checkpoint serves
//! exactly what training serves, and a checkpoint of another size is refused by name.

mod common;

use ch07_sampling::checkpoint::{self, CheckpointError};
use ch07_sampling::{Apprentice, Config, Habits, Pantry};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/output__ch07_output.snap");

/// An untrained 小明 of a smaller kitchen, saved through chapter 6's checkpoint.
fn small_checkpoint(dir: &tempfile::TempDir) -> std::path::PathBuf {
    common::require_names();
    let small = Config {
        n_embd: 8,
        n_head: 2,
        n_layer: 1,
        block_size: 8,
    };
    let pantry = Pantry::stock(Some(common::NAMES.as_ref()), small, 42).unwrap();
    let path = dir.path().join("small.safetensors");
    checkpoint::save(&path, &Apprentice::new(pantry.knobs, Habits::default())).unwrap();
    path
}

#[test]
fn a_checkpoint_of_another_size_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_checkpoint(&dir);
    let default = Pantry::stock(Some(common::NAMES.as_ref()), Config::default(), 42).unwrap();
    let err = checkpoint::load(&path, &default.knobs.layout, Habits::default()).unwrap_err();
    assert!(matches!(err, CheckpointError::Mismatch { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("n_embd 8") && message.contains("n_embd 16"),
        "{message}"
    );

    let output = common::run(&["--load", path.to_str().unwrap()]);
    let stderr = common::assert_refused(&output, path.to_str().unwrap());
    assert!(
        stderr.contains("n_embd 8, n_head 2") && stderr.contains("--n-embd"),
        "{stderr}"
    );

    // The advice works: with the checkpoint's sizes, the small kitchen serves.
    let output = common::run(&[
        "--load",
        path.to_str().unwrap(),
        "--n-embd",
        "8",
        "--n-head",
        "2",
        "--block-size",
        "8",
        "--samples",
        "20",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("loaded from") && stdout.contains("(step 0)"),
        "{stdout}"
    );
}

#[test]
fn the_trained_checkpoint_serves_what_training_serves() {
    let t = common::trained();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xiaoming.safetensors");
    checkpoint::save(&path, &t.apprentice).unwrap();
    let output = common::run(&["--load", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let loaded = String::from_utf8(output.stdout).unwrap();
    let knobs_line = format!("小明's knobs: loaded from {} (step 1000)", path.display());
    assert!(loaded.contains(&knobs_line), "{loaded}");

    // Everything but that line is the pinned output of the chapter, which trains first.
    let snapshot = std::fs::read_to_string(SNAPSHOT).unwrap_or_else(|e| panic!("{SNAPSHOT}: {e}"));
    let pinned: Vec<&str> = snapshot
        .lines()
        .skip(4)
        .filter(|l| !l.starts_with("小明's knobs:"))
        .collect();
    let served: Vec<&str> = loaded.lines().filter(|l| *l != knobs_line).collect();
    assert_eq!(served, pinned);
}
