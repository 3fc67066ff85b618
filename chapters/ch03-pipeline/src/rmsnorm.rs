//! 漱口 — RMSNorm: rinse the palate before each station, so every judgement starts from
//! the same baseline: scale the card so its mean square is 1.

#[cfg_attr(feature = "workbench", allow(unused_imports))]
use crate::number::{pow, Number};

// ANCHOR: rmsnorm
/// `x * (mean(x²) + 1e-5) ** -0.5`, with the mean as `sum × len ** -1`.
#[cfg(not(feature = "workbench"))]
pub fn rmsnorm<N: Number>(x: &[N]) -> Vec<N> {
    let mean_square = N::dot(x, x) * N::constant(pow(x.len() as f64, -1.0));
    let scale = (mean_square + N::constant(1e-5)).powf(-0.5);
    x.iter().map(|&xi| xi * scale).collect()
}
// ANCHOR_END: rmsnorm

// ANCHOR: rmsnorm_starter
/// Exercise 3.2: rinse the palate.
#[cfg(feature = "workbench")]
pub fn rmsnorm<N: Number>(x: &[N]) -> Vec<N> {
    let _ = x;
    todo!("mean_square = N::dot(x, x) * constant(pow(len, -1)); scale = (ms + constant(1e-5)).powf(-0.5); xi * scale")
}
// ANCHOR_END: rmsnorm_starter

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_rmsnorm_of_a_known_card() {
        let y = rmsnorm(&[3.0, 4.0]);
        let scale = ((9.0 + 0.0 + 16.0) * 2f64.powf(-1.0) + 1e-5).powf(-0.5);
        assert_eq!(y, [3.0 * scale, 4.0 * scale]);
    }

    proptest! {
        #[test]
        fn mean_square_is_about_one(x in prop::collection::vec(-10.0f64..10.0, 1..64)) {
            let ms_in: f64 = x.iter().map(|v| v * v).sum::<f64>() / x.len() as f64;
            prop_assume!(ms_in > 1e-2);
            let y = rmsnorm(&x);
            let ms: f64 = y.iter().map(|v| v * v).sum::<f64>() / y.len() as f64;
            prop_assert!((ms - 1.0).abs() < 1e-3, "mean square {ms}");
        }
    }
}
