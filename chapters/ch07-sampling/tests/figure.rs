//! The adventure knob's figure in the books is the one the trained kitchen draws: it is
//! regenerated here and must be byte-identical to both committed copies. After a change
//! that moves it, redraw both with
//!
//!     cargo run -p ch07-sampling -- --figure book/src/figures/temperature.svg --figure book/en/src/figures/temperature.svg

mod common;

use ch07_sampling::argmax;
use ch07_sampling::figure::{next_dish_votes, temperature_figure, TEMPERATURES};

const COPIES: [&str; 2] = [
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/src/figures/temperature.svg"),
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../book/en/src/figures/temperature.svg"),
];

#[test]
fn the_committed_figures_are_what_the_kitchen_draws() {
    let t = common::trained();
    let drawn = temperature_figure(&t.kitchen(), &t.menu, &[]).unwrap();
    assert!(
        drawn.starts_with("<svg") && drawn.contains("P(next dish | 🛎️)"),
        "{drawn:.200}"
    );
    for t in ["T = 0.1", "T = 0.5", "T = 1.0", "T = 1.5"] {
        assert!(drawn.contains(t), "the panel {t} is missing");
    }
    assert_eq!(
        drawn,
        temperature_figure(&common::trained().kitchen(), &common::trained().menu, &[]).unwrap()
    );
    for copy in COPIES {
        let committed = std::fs::read_to_string(copy).unwrap_or_else(|e| panic!("{copy}: {e}"));
        assert!(
            committed == drawn,
            "{copy} is not what the kitchen draws now; redraw both copies with\n  cargo run -p ch07-sampling -- --figure book/src/figures/temperature.svg --figure book/en/src/figures/temperature.svg"
        );
    }
}

#[test]
fn the_knob_sharpens_and_flattens_the_vote() {
    let t = common::trained();
    let kitchen = t.kitchen();
    for prefix in ["", "ka", "emm"] {
        let votes = next_dish_votes(&kitchen, &t.menu, &t.dishes(prefix), &TEMPERATURES).unwrap();
        assert_eq!(votes.len(), 4);
        let top = argmax(&votes[0]);
        for pair in votes.windows(2) {
            let (colder, warmer) = (&pair[0], &pair[1]);
            assert_eq!(argmax(warmer), top, "{prefix:?}: the favourite stays the favourite");
            assert!(colder[top] > warmer[top], "{prefix:?}: warmer must lower the favourite");
            let least = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
            assert!(
                least(colder) < least(warmer),
                "{prefix:?}: warmer must raise the long shots"
            );
        }
    }
}
