//! 调配 — a linear layer: each output is one row of knobs dotted with the input card.

use crate::number::{sum, Number};
use ch02_tokens::Matrix;

/// `[sum(w_i × x_i) for each row w of the matrix]`, the rows read from the flat knobs.
pub fn linear<N: Number>(x: &[N], w: &Matrix, knobs: &[N]) -> Vec<N> {
    (0..w.rows)
        .map(|r| sum(knobs[w.row(r)].iter().zip(x).map(|(&wi, &xi)| wi * xi)))
        .collect()
}
