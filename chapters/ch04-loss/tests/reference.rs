//! The loss against the reference: at initialisation (seed 42), microgpt.py's first
//! training step scores the first shuffled record with loss 3.3659669475848504 — the
//! first line of tests/data/reference-losses.txt is that number's `repr`. Ours must be
//! the same float, bit for bit.

use ch04_loss::{average_penalty, baseline, menu_loss, Config, Kitchen, Pantry};
use std::path::Path;

const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");
const LOSSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/reference-losses.txt");

#[test]
fn the_first_record_scores_exactly_the_reference_loss() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let pantry = Pantry::stock(Some(Path::new(NAMES)), Config::default(), 42).unwrap();
    let kitchen = Kitchen::new(&pantry.knobs.layout, &pantry.knobs.values).unwrap();
    let tokens = pantry.menu.encode(&pantry.docs[0]).unwrap();
    let scored = menu_loss(&kitchen, &tokens).unwrap();

    assert_eq!(scored.penalties.len(), tokens.len() - 1);
    assert_eq!(scored.loss, 3.3659669475848504);
    assert_eq!(format!("{:?}", scored.loss), "3.3659669475848504");
    // The exercise's average gives the same bits as the loss the kitchen trains on.
    assert_eq!(average_penalty(&scored.penalties).to_bits(), scored.loss.to_bits());

    // …and it is the reference's own first loss.
    let first = std::fs::read_to_string(LOSSES)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_string();
    let reference: f64 = first.parse().unwrap();
    assert_eq!(
        scored.loss.to_bits(),
        reference.to_bits(),
        "reference-losses.txt starts with {first}"
    );

    // Untrained 小明 is a little worse than the uniform bet.
    assert!(scored.loss > baseline(27));
}
