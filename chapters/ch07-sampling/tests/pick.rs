//! Exercise 7.2's `pick` is the lookup inside the kitchen's dice: with the same roll it
//! picks what `Dice::choose_weighted` (CPython's `random.choices`) picks, on any weights
//! and on the votes 小明 actually served from.

mod common;

use ch07_sampling::{pick, serve, Dice};
use proptest::prelude::*;

/// `itertools.accumulate(weights)`: the running totals, starting from the first weight.
fn running_totals(weights: &[f64]) -> Vec<f64> {
    weights
        .iter()
        .scan(None, |running: &mut Option<f64>, &w| {
            let total = running.map_or(w, |r| r + w);
            *running = Some(total);
            Some(total)
        })
        .collect()
}

/// One draw the long way: a roll of the dice scaled to the total, looked up with `pick`.
fn draw(dice: &mut Dice, weights: &[f64]) -> usize {
    let ruler = running_totals(weights);
    let x = dice.random() * ruler[ruler.len() - 1];
    pick(&ruler, x)
}

proptest! {
    #[test]
    fn pick_draws_what_the_dice_draw(weights in prop::collection::vec(0.0f64..10.0, 1..30), seed in any::<u64>()) {
        prop_assume!(weights.iter().sum::<f64>() > 0.0);
        let (mut ours, mut theirs) = (Dice::new(seed.into()), Dice::new(seed.into()));
        for _ in 0..5 {
            let expected = theirs.choose_weighted(&weights).unwrap();
            prop_assert_eq!(draw(&mut ours, &weights), expected);
            prop_assert!(weights[expected] > 0.0, "a dish of weight 0 was drawn");
        }
        prop_assert_eq!(ours.random(), theirs.random(), "one roll per draw, no more");
    }
}

#[test]
fn pick_serves_the_reference_menus() {
    // Replay the first 20 menus at temperature 0.5: each dish 小明 chose is the one `pick`
    // finds with the same roll of the same dice.
    let t = common::trained();
    let kitchen = t.kitchen();
    let (mut serving, mut replay) = (t.dice.clone(), t.dice.clone());
    for _ in 0..20 {
        let served = serve(&kitchen, &t.menu, &mut serving, 0.5, &[]).unwrap();
        for course in &served.courses {
            assert_eq!(draw(&mut replay, &course.probs), course.chosen);
        }
    }
}
