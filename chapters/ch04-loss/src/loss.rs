//! 打分 — the loss: one penalty per position, averaged over the menu.

use ch03_pipeline::{softmax, sum, Kitchen, Notebooks, Number, PipelineError};

// ANCHOR: penalty
/// The diners' penalty for one position: `-ln p(correct dish)`.
#[cfg(not(feature = "workbench"))]
pub fn penalty<N: Number>(probs: &[N], correct: usize) -> N {
    probs[correct].ln().neg()
}
// ANCHOR_END: penalty

// ANCHOR: penalty_starter
/// Exercise 4.1: how much does the diner take off for this bet?
#[cfg(feature = "workbench")]
pub fn penalty<N: Number>(probs: &[N], correct: usize) -> N {
    let _ = (probs, correct);
    todo!("the negative natural log of the probability given to the correct dish")
}
// ANCHOR_END: penalty_starter

/// The penalty of knowing nothing: a uniform bet over `vocab_size` dishes, `-ln(1/27)`.
pub fn baseline(vocab_size: usize) -> f64 {
    -(1.0 / vocab_size as f64).ln()
}

/// A whole menu's score: the penalty at each position and their average.
#[derive(Debug, Clone)]
pub struct MenuLoss<N> {
    pub penalties: Vec<N>,
    pub loss: N,
}

// ANCHOR: menu_loss
/// Serve a menu (dish numbers with the bell on both sides) one position at a time, each
/// time betting on the next dish; `loss = (1/n) × sum(penalties)` over the
/// n = min(block_size, len − 1) positions.
pub fn menu_loss<N: Number>(kitchen: &Kitchen<'_, N>, tokens: &[usize]) -> Result<MenuLoss<N>, PipelineError> {
    let n = kitchen.layout.config.block_size.min(tokens.len().saturating_sub(1));
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    let mut penalties = Vec::with_capacity(n);
    for pos in 0..n {
        let logits = kitchen.serve(tokens[pos], pos, &mut notebooks)?;
        penalties.push(penalty(&softmax(&logits), tokens[pos + 1]));
    }
    let loss = sum(penalties.iter().copied()) * N::constant(1.0 / n as f64);
    Ok(MenuLoss { penalties, loss })
}
// ANCHOR_END: menu_loss

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_penalty_is_minus_log_of_the_bet() {
        assert_eq!(penalty(&[0.25, 0.75], 1), -(0.75f64.ln()));
        assert_eq!(penalty(&[0.0, 1.0], 1), 0.0);
        assert!(penalty(&[0.999, 0.001], 1) > penalty(&[0.9, 0.1], 1));
    }

    #[test]
    fn the_baseline_is_about_3_3() {
        assert!((baseline(27) - 3.295836866004329).abs() < 1e-15);
    }

    proptest! {
        #[test]
        fn penalties_are_never_negative(p in 1e-12f64..=1.0) {
            prop_assert!(penalty(&[p], 0) >= 0.0);
        }
    }
}
