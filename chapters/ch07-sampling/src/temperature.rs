//! 冒险旋钮 — the adventure knob (temperature): divide the raw scores by it before the
//! vote. Below 1 the favourite grows stronger; above 1 the long shots get a chance.

use ch06_adam::{pow, softmax};

/// A temperature the kitchen refuses.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("temperature {0} is not allowed: use a finite number ≥ 0 (0 means always the safest dish)")]
pub struct BadTemperature(pub f64);

/// Checks a temperature: finite and not negative.
pub fn check(temperature: f64) -> Result<f64, BadTemperature> {
    if temperature.is_finite() && temperature >= 0.0 {
        Ok(temperature)
    } else {
        Err(BadTemperature(temperature))
    }
}

// ANCHOR: vote
/// The vote at a temperature: `softmax([l / T for l in logits])`, where `l / T` is, as
/// in the reference, `l × T ** -1`.
#[cfg(not(feature = "workbench"))]
pub fn vote(logits: &[f64], temperature: f64) -> Vec<f64> {
    let inverse = pow(temperature, -1.0);
    let scaled: Vec<f64> = logits.iter().map(|l| l * inverse).collect();
    softmax(&scaled)
}
// ANCHOR_END: vote

// ANCHOR: vote_starter
/// Exercise 7.1: the vote at a temperature.
#[cfg(feature = "workbench")]
pub fn vote(logits: &[f64], temperature: f64) -> Vec<f64> {
    let _ = (logits, temperature, pow, softmax::<f64>);
    todo!("multiply each logit by pow(temperature, -1.0), then softmax")
}
// ANCHOR_END: vote_starter

/// The safest dish: the highest score (the first one on a tie). Temperature 0's choice.
pub fn argmax(xs: &[f64]) -> usize {
    let mut best = 0;
    for (i, &x) in xs.iter().enumerate() {
        if x > xs[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_vote_at_temperature() {
        let logits = [1.0, 2.0, 0.5];
        assert_eq!(vote(&logits, 1.0), softmax(&logits));
        let cold = vote(&logits, 0.5);
        assert_eq!(cold, softmax(&[2.0, 4.0, 1.0]));
        assert!(cold[1] > softmax(&logits)[1]);
    }

    #[test]
    fn bad_temperatures_are_refused() {
        assert!(check(-0.1).is_err());
        assert!(check(f64::NAN).is_err());
        assert!(check(f64::INFINITY).is_err());
        assert_eq!(check(0.0), Ok(0.0));
    }

    proptest! {
        #[test]
        fn the_vote_sums_to_one(logits in prop::collection::vec(-10.0f64..10.0, 1..30), t in 0.05f64..5.0) {
            let total: f64 = vote(&logits, t).iter().sum();
            prop_assert!((total - 1.0).abs() < 1e-12);
        }

        #[test]
        fn colder_never_lowers_the_favourite(logits in prop::collection::vec(-10.0f64..10.0, 1..30), t in 0.05f64..5.0, k in 0.1f64..1.0) {
            let top = argmax(&logits);
            let warm = vote(&logits, t)[top];
            let cold = vote(&logits, t * k)[top];
            prop_assert!(cold >= warm - 1e-12, "{cold} < {warm}");
        }
    }
}
