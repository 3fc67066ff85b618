//! The 20 names the reference serves after its default training, served again here: the
//! same knobs, the same dice, the same adventure knob (0.5), the same names.

mod common;

use ch07_sampling::{name, serve};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/reference-default.out");

#[test]
fn the_default_samples_are_the_reference_samples() {
    let reference = std::fs::read_to_string(REFERENCE).unwrap_or_else(|e| panic!("{REFERENCE}: {e}"));
    let expected: Vec<&str> = reference
        .lines()
        .filter_map(|line| line.strip_prefix("sample "))
        .map(|rest| rest.split_once(": ").expect("`sample NN: name`").1)
        .collect();
    assert_eq!(expected.len(), 20, "the reference serves 20 names");
    assert_eq!(&expected[..5], ["kamon", "ann", "karai", "jaire", "vialan"]);

    let trained = common::trained();
    let kitchen = trained.kitchen();
    let mut dice = trained.dice.clone();
    let served: Vec<String> = (0..20)
        .map(|_| {
            name(
                &trained.menu,
                &serve(&kitchen, &trained.menu, &mut dice, 0.5, &[]).unwrap().dishes,
            )
        })
        .collect();
    assert_eq!(served, expected);
}
