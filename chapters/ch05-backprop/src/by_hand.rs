//! 盐和糖 — dishes small enough to trace by hand: the article's two-step dish, cooked on
//! the tape, and a three-step one whose gradient you work out yourself (exercise 5.5).

use crate::tape::{self, Var};
use ch04_loss::Number;

/// The article's two-step dish, as it sits on the tape: the two ingredients, the base
/// they were fused into, and the final taste.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoStepDish {
    pub salt: Var,
    pub sugar: Var,
    pub base: Var,
    pub taste: Var,
}

// ANCHOR: two_step_dish
/// Cook the dish on a fresh tape: fuse salt and sugar into a salty-sweet base, then
/// combine the base with one more pinch of the same salt.
pub fn two_step_dish(salt: f64, sugar: f64) -> TwoStepDish {
    tape::reset();
    let salt = Var::leaf(salt);
    let sugar = Var::leaf(sugar);
    let base = salt * sugar; // 融合 fuse
    let taste = base + salt; // 合并 combine
    TwoStepDish {
        salt,
        sugar,
        base,
        taste,
    }
}
// ANCHOR_END: two_step_dish

/// The three-step dish of exercise 5.5, on any kind of number: the two-step dish,
/// concentrated (squared): `f = (a·b + a)²`.
pub fn three_step_dish<N: Number>(a: N, b: N) -> N {
    (a * b + a).powf(2.0)
}

// ANCHOR: by_hand
/// Exercise 5.5: `∂f/∂a` and `∂f/∂b` of the three-step dish `f = (a·b + a)²`, worked
/// out by hand with the chain rule — no tape.
#[cfg(not(feature = "workbench"))]
pub fn by_hand(a: f64, b: f64) -> (f64, f64) {
    let taste = a * b + a; // what goes into the last step
    let outer = 2.0 * taste; // 浓缩 x²: its local gradient is 2x
    (outer * (b + 1.0), outer * a) // a reaches the taste twice (×b and ×1), b once (×a)
}
// ANCHOR_END: by_hand

// ANCHOR: by_hand_starter
/// Exercise 5.5: `∂f/∂a` and `∂f/∂b` of the three-step dish `f = (a·b + a)²`, worked
/// out by hand with the chain rule — no tape.
#[cfg(feature = "workbench")]
pub fn by_hand(a: f64, b: f64) -> (f64, f64) {
    let _ = (a, b);
    todo!(
        "relay: the last step's local gradient (2 × what went in) times each ingredient's effect on the two-step taste"
    )
}
// ANCHOR_END: by_hand_starter

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tape::{backward, Order};
    use proptest::prelude::*;

    /// The same dish traced by the tape.
    fn by_tape(a: f64, b: f64) -> (f64, f64) {
        tape::reset();
        let (a, b) = (Var::leaf(a), Var::leaf(b));
        backward(three_step_dish(a, b), Order::Reference).unwrap();
        (a.grad(), b.grad())
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
    }

    #[test]
    fn the_two_step_dish_is_the_articles() {
        let dish = two_step_dish(2.0, 3.0);
        backward(dish.taste, Order::Reference).unwrap();
        assert_eq!((dish.base.value(), dish.taste.value()), (6.0, 8.0));
        assert_eq!((dish.salt.grad(), dish.sugar.grad(), dish.base.grad()), (4.0, 2.0, 1.0));
    }

    #[test]
    fn exercise_by_hand_matches_the_tape() {
        // (2·3 + 2)² = 64; ∂/∂a = 2·8·(3 + 1) = 64, ∂/∂b = 2·8·2 = 32.
        assert_eq!(by_hand(2.0, 3.0), (64.0, 32.0));
        assert_eq!(by_tape(2.0, 3.0), (64.0, 32.0));
        for (a, b) in [(0.5, -1.5), (-2.0, 0.25), (1.0, -1.0), (3.0, 7.0)] {
            let (hand, tape) = (by_hand(a, b), by_tape(a, b));
            assert!(
                close(hand.0, tape.0) && close(hand.1, tape.1),
                "at ({a}, {b}): by hand {hand:?}, tape {tape:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn by_hand_matches_the_tape_anywhere(a in -5.0f64..5.0, b in -5.0f64..5.0) {
            let (hand, tape) = (by_hand(a, b), by_tape(a, b));
            prop_assert!(close(hand.0, tape.0) && close(hand.1, tape.1), "by hand {:?}, tape {:?}", hand, tape);
        }
    }
}
