//! 后厨 — the back kitchen (MLP): open the question up wide (16 → 64), let quality
//! control (ReLU) strike out every negative direction, and fold the rest back (64 → 16).

use crate::linear::linear;
use crate::number::Number;
use ch02_tokens::knobs::LayerMatrices;

// ANCHOR: back_kitchen
/// Open up, quality control, fold back.
pub fn back_kitchen<N: Number>(x: &[N], m: &LayerMatrices<'_>, knobs: &[N]) -> Vec<N> {
    let opened = linear(x, m.mlp_fc1, knobs);
    let checked: Vec<N> = opened.into_iter().map(N::relu).collect();
    linear(&checked, m.mlp_fc2, knobs)
}
// ANCHOR_END: back_kitchen
