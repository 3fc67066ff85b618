//! 抽签 — drawing a dish by its weight: the heart of Python's `random.choices`.
//!
//! Lay the weights end to end on a ruler (the running totals), roll a point on the ruler,
//! and serve the dish whose stretch the point landed in. The kitchen's dice do exactly
//! this in `Dice::choose_weighted` (chapter 1); here the learner writes the lookup.

// ANCHOR: pick
/// Which dish a roll lands on: the first index whose running total is greater than `x`
/// (Python's `bisect_right`). `cumulative[i]` is `weights[0] + … + weights[i]` and `x` is
/// a roll in `[0, total)`. A roll that lands exactly on a boundary goes to the next dish,
/// so a dish of weight 0 is never served; and, as in CPython, the answer is never past
/// the last dish, even if rounding makes `x` equal the total.
#[cfg(not(feature = "workbench"))]
pub fn pick(cumulative: &[f64], x: f64) -> usize {
    let last = cumulative.len().saturating_sub(1);
    cumulative[..last].partition_point(|&total| total <= x)
}
// ANCHOR_END: pick

// ANCHOR: pick_starter
/// Exercise 7.2: which dish does the roll `x` land on?
#[cfg(feature = "workbench")]
pub fn pick(cumulative: &[f64], x: f64) -> usize {
    let _ = (cumulative, x);
    todo!("the first i with cumulative[i] > x, but never more than cumulative.len() - 1")
}
// ANCHOR_END: pick_starter

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_pick_bisects_right() {
        // Weights 0.1, 0.2, 0.3, 0.4 laid end to end.
        let ruler = [0.1, 0.3, 0.6, 1.0];
        assert_eq!(pick(&ruler, 0.0), 0);
        assert_eq!(pick(&ruler, 0.05), 0);
        assert_eq!(pick(&ruler, 0.1), 1, "a roll on a boundary goes to the next dish");
        assert_eq!(pick(&ruler, 0.29), 1);
        assert_eq!(pick(&ruler, 0.3), 2);
        assert_eq!(pick(&ruler, 0.99), 3);
        assert_eq!(pick(&ruler, 1.0), 3, "never past the last dish");
        // Weights 0, 0.5, 0, 0.5: the dishes of weight 0 are never served.
        let gaps = [0.0, 0.5, 0.5, 1.0];
        assert_eq!(pick(&gaps, 0.0), 1);
        assert_eq!(pick(&gaps, 0.5), 3);
        assert_eq!(pick(&[2.0], 1.9), 0);
    }
}
