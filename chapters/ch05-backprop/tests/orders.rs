//! In which order the two walks add up the contributions to a shared number.
//!
//! One number `x` feeds the raw score of every dish on a small menu (`score_j = x × w_j`);
//! the diners' penalty is `-ln p(correct dish)`. Both orders give `∂penalty/∂x` as the
//! sum of one contribution per dish, but they add them in different orders:
//!
//! - reverse creation order: from the last dish on the menu back to the first;
//! - the reference order (a depth-first walk from the penalty, walked backwards): the
//!   penalty reaches the correct dish's probability first, so that branch is explored
//!   first and, walked backwards, its contribution arrives *last*; the others arrive from
//!   the last dish back to the first.
//!
//! So the reference's order depends on which dish was correct. The contributions are
//! measured one by one by giving each score its own copy of `x`, and the shared `x`'s
//! gradient must equal their sum in exactly the predicted order, bit for bit.

use ch05_backprop::tape::{self, backward, Order, Var};
use ch05_backprop::{penalty, softmax, Number};
use proptest::prelude::*;

/// The penalty for `correct`, with the scores made from the copies of `x` in `xs`.
fn cook(xs: &[Var], weights: &[f64], correct: usize) -> Var {
    let scores: Vec<Var> = xs.iter().zip(weights).map(|(&x, &w)| x * Var::constant(w)).collect();
    penalty(&softmax(&scores), correct)
}

/// Each dish's contribution to `∂penalty/∂x`, measured with one copy of `x` per dish.
fn contributions(x: f64, weights: &[f64], correct: usize) -> Vec<f64> {
    tape::reset();
    let copies: Vec<Var> = weights.iter().map(|_| Var::leaf(x)).collect();
    backward(cook(&copies, weights, correct), Order::Reference).unwrap();
    copies.iter().map(|c| c.grad()).collect()
}

/// `∂penalty/∂x` with one shared `x`, traced in `order`.
fn shared(x: f64, weights: &[f64], correct: usize, order: Order) -> f64 {
    tape::reset();
    let x = Var::leaf(x);
    backward(cook(&vec![x; weights.len()], weights, correct), order).unwrap();
    x.grad()
}

/// Adds the contributions in the given order of dishes, as `backward` does: from 0.
fn add_in(order: impl Iterator<Item = usize>, parts: &[f64]) -> f64 {
    order.fold(0.0, |total, j| total + parts[j])
}

fn predicted(x: f64, weights: &[f64], correct: usize) -> (f64, f64) {
    let parts = contributions(x, weights, correct);
    let n = weights.len();
    let creation = add_in((0..n).rev(), &parts);
    let reference = add_in((0..n).rev().filter(|&j| j != correct).chain([correct]), &parts);
    (reference, creation)
}

#[test]
fn the_correct_dish_is_added_last_in_the_reference_order() {
    let (x, weights) = (0.7, [1.3, -2.1, 0.37, 5.9, -0.83, 3.3]);
    let mut differ = 0;
    for correct in 0..weights.len() {
        let (reference, creation) = predicted(x, &weights, correct);
        assert_eq!(
            shared(x, &weights, correct, Order::Reference).to_bits(),
            reference.to_bits(),
            "correct dish {correct}"
        );
        assert_eq!(
            shared(x, &weights, correct, Order::Creation).to_bits(),
            creation.to_bits(),
            "correct dish {correct}"
        );
        differ += usize::from(reference != creation);
        if correct == 0 {
            // The first dish comes last in both walks: the same order, the same bits.
            assert_eq!(reference.to_bits(), creation.to_bits());
        }
    }
    // On this menu the order shows in the last bits for some correct dishes.
    assert!(
        differ > 0,
        "no correct dish made the orders differ: the example shows nothing"
    );
}

proptest! {
    #[test]
    fn both_orders_add_the_same_contributions_in_their_own_order(
        x in -2.0f64..2.0,
        weights in prop::collection::vec(-6.0f64..6.0, 2..9),
        pick in 0usize..1000,
    ) {
        let correct = pick % weights.len();
        let (reference, creation) = predicted(x, &weights, correct);
        prop_assert_eq!(shared(x, &weights, correct, Order::Reference).to_bits(), reference.to_bits());
        prop_assert_eq!(shared(x, &weights, correct, Order::Creation).to_bits(), creation.to_bits());
    }
}
