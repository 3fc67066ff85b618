//! What must hold for any kitchen, checked on small random ones (cards of 4 or 8
//! numbers, 1 or 2 rounds, menus of 3–6 dishes, 2–6 positions, knobs rolled by
//! `Knobs::init` with random seeds):
//!
//! - causality: the round table only looks back, so changing a later dish never changes
//!   an earlier position's scores;
//! - the notebooks (KV cache) are only a shortcut: serving positions in order with one
//!   set of notebooks gives, bit for bit, what re-serving every prefix from blank
//!   notebooks gives;
//! - every sous-chef's weights over the dishes so far add up to 1.

use ch03_pipeline::{Config, Dice, Kitchen, Knobs, Notebooks, Stations};
use proptest::prelude::*;

#[path = "../../../tests/support/small_kitchen.rs"]
mod support;
use support::small_kitchen;

/// Serves `tokens` at positions 0, 1, 2, … with one set of notebooks.
fn serve_all(kitchen: &Kitchen<'_, f64>, tokens: &[usize]) -> Vec<Vec<f64>> {
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    tokens
        .iter()
        .enumerate()
        .map(|(pos, &t)| kitchen.serve(t, pos, &mut notebooks).unwrap())
        .collect()
}

proptest! {
    #[test]
    fn a_later_dish_never_changes_an_earlier_position(
        (config, vocab, seed) in small_kitchen(),
        raw in prop::collection::vec(any::<u32>(), 6),
        at in any::<u32>(),
        shift in any::<u32>(),
    ) {
        let knobs = Knobs::init(config, vocab, &mut Dice::new(seed));
        let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
        let tokens: Vec<usize> = raw[..config.block_size].iter().map(|&t| t as usize % vocab).collect();
        let changed_at = 1 + at as usize % (config.block_size - 1);
        let mut changed = tokens.clone();
        changed[changed_at] = (tokens[changed_at] + 1 + shift as usize % (vocab - 1)) % vocab;
        prop_assert_ne!(changed[changed_at], tokens[changed_at]);

        let before = serve_all(&kitchen, &tokens);
        let after = serve_all(&kitchen, &changed);
        for pos in 0..changed_at {
            prop_assert_eq!(&before[pos], &after[pos], "position {} changed when dish {} did", pos, changed_at);
        }
    }

    #[test]
    fn the_notebooks_change_nothing_but_the_work(
        (config, vocab, seed) in small_kitchen(),
        raw in prop::collection::vec(any::<u32>(), 6),
    ) {
        let knobs = Knobs::init(config, vocab, &mut Dice::new(seed));
        let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
        let tokens: Vec<usize> = raw[..config.block_size].iter().map(|&t| t as usize % vocab).collect();
        let in_order = serve_all(&kitchen, &tokens);
        for pos in 0..tokens.len() {
            let from_scratch = serve_all(&kitchen, &tokens[..=pos]);
            let (a, b) = (&in_order[pos], &from_scratch[pos]);
            prop_assert!(
                a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()),
                "position {}: {:?} with the notebooks, {:?} from scratch", pos, a, b
            );
        }
    }

    #[test]
    fn every_sous_chef_weighs_the_dishes_so_far_to_one(
        (config, vocab, seed) in small_kitchen(),
        raw in prop::collection::vec(any::<u32>(), 6),
    ) {
        let knobs = Knobs::init(config, vocab, &mut Dice::new(seed));
        let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
        let mut notebooks = Notebooks::new(config.n_layer);
        for (pos, &raw_token) in raw[..config.block_size].iter().enumerate() {
            let mut watched = Stations::default();
            kitchen.serve_watched(raw_token as usize % vocab, pos, &mut notebooks, Some(&mut watched)).unwrap();
            prop_assert_eq!(watched.attention.len(), config.n_layer);
            for rounds in &watched.attention {
                prop_assert_eq!(rounds.len(), config.n_head);
                for weights in rounds {
                    prop_assert_eq!(weights.len(), pos + 1);
                    prop_assert!(weights.iter().all(|w| (0.0..=1.0).contains(w)), "{:?}", weights);
                    let total: f64 = weights.iter().sum();
                    prop_assert!((total - 1.0).abs() < 1e-12, "weights {:?} add up to {}", weights, total);
                }
            }
        }
    }
}
