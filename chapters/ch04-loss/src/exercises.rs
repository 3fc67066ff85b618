//! 算总账 — from the penalties to one number, and what that number means.

// The starters leave `sum` for the learner to use.
#[cfg_attr(feature = "workbench", allow(unused_imports))]
use ch03_pipeline::sum;

// ANCHOR: average_penalty
/// The loss of a menu: the average of its penalties, as the reference writes it,
/// `(1 / n) * sum(losses)` — add up from 0, left to right, then multiply by `1/n`.
/// (`sum / n` can differ in the last bit.) An empty menu has no average: NaN.
#[cfg(not(feature = "workbench"))]
pub fn average_penalty(penalties: &[f64]) -> f64 {
    sum(penalties.iter().copied()) * (1.0 / penalties.len() as f64)
}
// ANCHOR_END: average_penalty

// ANCHOR: average_penalty_starter
/// Exercise 4.2: one number for the whole menu.
#[cfg(feature = "workbench")]
pub fn average_penalty(penalties: &[f64]) -> f64 {
    let _ = penalties;
    todo!("sum(...) the penalties in order, then multiply by (1.0 / n)")
}
// ANCHOR_END: average_penalty_starter

// ANCHOR: perplexity
/// 困惑度 — perplexity: `e^loss`, the number of equally likely dishes that would leave
/// 小明 just as unsure. A uniform bet over 27 dishes has loss `ln 27`, perplexity 27;
/// a sure and right bet has loss 0, perplexity 1.
#[cfg(not(feature = "workbench"))]
pub fn perplexity(loss: f64) -> f64 {
    loss.exp()
}
// ANCHOR_END: perplexity

// ANCHOR: perplexity_starter
/// Exercise 4.3: how many dishes is 小明 really choosing among?
#[cfg(feature = "workbench")]
pub fn perplexity(loss: f64) -> f64 {
    let _ = loss;
    todo!("undo the logarithm of the penalty")
}
// ANCHOR_END: perplexity_starter

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loss::baseline;
    use proptest::prelude::*;

    #[test]
    fn exercise_average_penalty_in_the_reference_order() {
        assert_eq!(average_penalty(&[2.0]), 2.0);
        assert_eq!(average_penalty(&[1.0, 2.0, 4.0, 5.0]), 3.0);
        // Here the order shows in the last bit: `(((0 + a) + b) + c) × (1/3)` gives
        // 3.1486666666666663, `sum / 3` gives 3.1486666666666667, and adding from the
        // right, then × (1/3), gives 3.148666666666667.
        let penalties = [4.046, 2.593, 2.807];
        assert_eq!(average_penalty(&penalties), 3.1486666666666663);
        assert_ne!(average_penalty(&penalties), (4.046 + 2.593 + 2.807) / 3.0);
        assert_ne!(average_penalty(&penalties), (2.807 + 2.593 + 4.046) * (1.0 / 3.0));
    }

    #[test]
    fn exercise_perplexity_counts_the_dishes() {
        assert_eq!(perplexity(0.0), 1.0);
        assert!((perplexity(2f64.ln()) - 2.0).abs() < 1e-15);
        assert!((perplexity(baseline(27)) - 27.0).abs() < 1e-12);
        assert!(perplexity(3.3659669475848504) > 27.0);
    }

    proptest! {
        #[test]
        fn the_average_lies_between_the_smallest_and_largest(penalties in prop::collection::vec(0.0f64..20.0, 1..20)) {
            let average = average_penalty(&penalties);
            let lo = penalties.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = penalties.iter().copied().fold(0.0, f64::max);
            prop_assert!(lo - 1e-12 <= average && average <= hi + 1e-12, "{} not in [{}, {}]", average, lo, hi);
        }

        #[test]
        fn more_penalty_more_perplexity(a in 0.0f64..10.0, b in 0.0f64..10.0) {
            prop_assume!(a < b);
            prop_assert!(perplexity(a) < perplexity(b));
        }
    }
}
