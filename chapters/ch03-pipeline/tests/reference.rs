//! The pipeline against the reference: the 27 logits that microgpt.py computes at the
//! first position (the opening bell) of the first shuffled record, with the knobs as
//! `random.seed(42)` turns them, must come out of our kitchen bit for bit.

use ch03_pipeline::{Config, Kitchen, Notebooks, Pantry};
use std::path::Path;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");
const LOGITS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/reference-first-logits.txt"
);

#[test]
fn first_logits_equal_the_reference_bit_for_bit() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let reference: Vec<f64> = std::fs::read_to_string(LOGITS)
        .expect("tests/data/reference-first-logits.txt is readable")
        .lines()
        .map(|line| line.parse::<f64>().unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect();
    assert_eq!(reference.len(), 27);

    let pantry = Pantry::stock(Some(Path::new(NAMES)), Config::default(), 42).unwrap();
    let kitchen = Kitchen::new(&pantry.knobs.layout, &pantry.knobs.values).unwrap();
    let tokens = pantry.menu.encode(&pantry.docs[0]).unwrap();
    assert_eq!(tokens[0], pantry.menu.bell());
    let logits = kitchen.serve(tokens[0], 0, &mut Notebooks::new(1)).unwrap();

    for (i, (ours, theirs)) in logits.iter().zip(&reference).enumerate() {
        assert_eq!(
            ours.to_bits(),
            theirs.to_bits(),
            "logit {i}: ours {ours:?}, reference {theirs:?}"
        );
    }
    assert_eq!(logits, reference);
}
