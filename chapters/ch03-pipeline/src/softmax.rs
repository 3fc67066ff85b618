//! 投票 — softmax: raw scores into probabilities that add up to 1.

#[cfg_attr(feature = "workbench", allow(unused_imports))]
use crate::number::{sum, Number};

// ANCHOR: softmax
/// Subtract the largest score first (so `exp` never overflows), ferment each, and divide
/// by the total. Subtracting a constant changes no probability, only the arithmetic.
#[cfg(not(feature = "workbench"))]
pub fn softmax<N: Number>(logits: &[N]) -> Vec<N> {
    let max = logits.iter().map(|l| l.value()).fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<N> = logits.iter().map(|&l| (l + N::constant(-max)).exp()).collect();
    let total = sum(exps.iter().copied());
    exps.into_iter().map(|e| e.div(total)).collect()
}
// ANCHOR_END: softmax

// ANCHOR: softmax_starter
/// Exercise 3.1: turn scores into probabilities, the reference's way.
#[cfg(feature = "workbench")]
pub fn softmax<N: Number>(logits: &[N]) -> Vec<N> {
    let _ = logits;
    todo!("max of the values; exp(l + constant(-max)) for each; total = sum(...); each e.div(total)")
}
// ANCHOR_END: softmax_starter

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_softmax_of_known_scores() {
        let p = softmax(&[1.0, 2.0, 3.0]);
        let e: Vec<f64> = [-2.0f64, -1.0, 0.0].iter().map(|x| x.exp()).collect();
        let total = e[0] + 0.0 + e[1] + e[2];
        for (pi, ei) in p.iter().zip(&e) {
            assert_eq!(*pi, ei * total.powf(-1.0));
        }
        assert_eq!(softmax(&[1000.0, 1000.0]), [0.5, 0.5]);
    }

    proptest! {
        #[test]
        fn sums_to_one(logits in prop::collection::vec(-50.0f64..50.0, 1..40)) {
            let total: f64 = softmax(&logits).iter().sum();
            prop_assert!((total - 1.0).abs() < 1e-12, "sum {total}");
        }

        #[test]
        fn adding_a_constant_changes_nothing(logits in prop::collection::vec(-20.0f64..20.0, 1..30), c in -100.0f64..100.0) {
            let shifted: Vec<f64> = logits.iter().map(|l| l + c).collect();
            for (a, b) in softmax(&logits).iter().zip(softmax(&shifted)) {
                prop_assert!((a - b).abs() < 1e-12);
            }
        }

        #[test]
        fn higher_score_higher_probability(logits in prop::collection::vec(-20.0f64..20.0, 2..30)) {
            let p = softmax(&logits);
            for i in 0..logits.len() {
                for j in 0..logits.len() {
                    if logits[i] > logits[j] {
                        prop_assert!(p[i] >= p[j]);
                    }
                }
            }
        }
    }
}
