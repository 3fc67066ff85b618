//! 调配 — a linear layer: each output is one row of knobs dotted with the input card.

use crate::number::Number;
use ch02_tokens::Matrix;

/// `[sum(w_i × x_i) for each row w of the matrix]`, the rows read from the flat knobs;
/// each row is one [`Number::dot`].
pub fn linear<N: Number>(x: &[N], w: &Matrix, knobs: &[N]) -> Vec<N> {
    (0..w.rows).map(|r| N::dot(&knobs[w.row(r)], x)).collect()
}
