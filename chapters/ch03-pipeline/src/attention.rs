//! 副厨圆桌 — the sous-chefs' round table (multi-head causal self-attention): the only
//! station that looks back at earlier dishes. Each sous-chef (head) asks a question
//! (query), every earlier dish answers with what it offers (key), and the sous-chef takes
//! a weighted spoonful of each dish's recipe (value). Their notebooks (the KV cache) keep
//! every earlier dish's key and value, so nothing is ever tasted twice.

use crate::linear::linear;
#[cfg_attr(feature = "workbench", allow(unused_imports))]
use crate::number::{pow, Number};
#[cfg_attr(feature = "workbench", allow(unused_imports))]
use crate::softmax::softmax;
use ch02_tokens::knobs::LayerMatrices;

/// The sous-chefs' notebooks: for each round (layer), the key and value card of every
/// dish served so far.
#[derive(Debug, Clone)]
pub struct Notebooks<N> {
    pub keys: Vec<Vec<Vec<N>>>,
    pub values: Vec<Vec<Vec<N>>>,
}

impl<N> Notebooks<N> {
    /// Blank notebooks for a new menu.
    pub fn new(n_layer: usize) -> Self {
        Notebooks {
            keys: (0..n_layer).map(|_| Vec::new()).collect(),
            values: (0..n_layer).map(|_| Vec::new()).collect(),
        }
    }

    /// How many dishes have been written down so far.
    pub fn len(&self) -> usize {
        self.keys.first().map_or(0, Vec::len)
    }

    /// True before the first dish.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

// ANCHOR: head
/// One sous-chef's look back: score every noted dish against the question, turn the
/// scores into weights, and blend the noted recipes with those weights.
/// Returns the blend and the weights (for the heat map).
#[cfg(not(feature = "workbench"))]
pub fn attend<N: Number>(query: &[N], keys: &[&[N]], values: &[&[N]]) -> (Vec<N>, Vec<N>) {
    // `/ head_dim ** 0.5` is, in the reference, `× (head_dim ** 0.5) ** -1` on floats.
    let scale = N::constant(pow(pow(query.len() as f64, 0.5), -1.0));
    let scores: Vec<N> = keys.iter().map(|k| N::dot(query, k) * scale).collect();
    let weights = softmax(&scores);
    // Slot j of the blend: the weights times the column of slot j of every noted recipe.
    let blend = (0..query.len())
        .map(|j| {
            let column: Vec<N> = values.iter().map(|v| v[j]).collect();
            N::dot(&weights, &column)
        })
        .collect();
    (blend, weights)
}
// ANCHOR_END: head

// ANCHOR: head_starter
/// Exercise 3.3: one sous-chef looks back through the notebook.
#[cfg(feature = "workbench")]
pub fn attend<N: Number>(query: &[N], keys: &[&[N]], values: &[&[N]]) -> (Vec<N>, Vec<N>) {
    let _ = (query, keys, values);
    todo!(
        "scores: N::dot(query, k) * constant(pow(pow(len, 0.5), -1)); weights = softmax(scores); blend[j] = N::dot(weights, [v_t[j] for each t])"
    )
}
// ANCHOR_END: head_starter

// ANCHOR: round_table
/// The whole round table for one dish: write its key and value into the notebooks, let
/// each sous-chef look back over their share of the card, and fold their findings back
/// to one card with `attn_wo`. Returns the new card and each head's weights.
pub fn round_table<N: Number>(
    x: &[N],
    layer: usize,
    m: &LayerMatrices<'_>,
    knobs: &[N],
    n_head: usize,
    notebooks: &mut Notebooks<N>,
) -> (Vec<N>, Vec<Vec<f64>>) {
    let q = linear(x, m.attn_wq, knobs);
    notebooks.keys[layer].push(linear(x, m.attn_wk, knobs));
    notebooks.values[layer].push(linear(x, m.attn_wv, knobs));
    let head_dim = x.len() / n_head;
    let mut findings = Vec::with_capacity(x.len());
    let mut all_weights = Vec::with_capacity(n_head);
    for h in 0..n_head {
        let share = h * head_dim..(h + 1) * head_dim;
        let keys: Vec<&[N]> = notebooks.keys[layer].iter().map(|k| &k[share.clone()]).collect();
        let values: Vec<&[N]> = notebooks.values[layer].iter().map(|v| &v[share.clone()]).collect();
        let (blend, weights) = attend(&q[share.clone()], &keys, &values);
        findings.extend(blend);
        all_weights.push(weights.iter().map(|w| w.value()).collect());
    }
    (linear(&findings, m.attn_wo, knobs), all_weights)
}
// ANCHOR_END: round_table

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_attend_one_head() {
        // Two noted dishes; the query agrees with the second key more.
        let (k0, k1) = ([1.0, 0.0], [0.0, 2.0]);
        let (v0, v1) = ([10.0, 0.0], [0.0, 10.0]);
        let (blend, weights) = attend(&[0.0, 1.0], &[&k0, &k1], &[&v0, &v1]);
        let s = 2f64.powf(0.5).powf(-1.0);
        let expected = softmax(&[0.0 * s, (0.0 * 0.0 + 0.0 + 1.0 * 2.0) * s]);
        assert_eq!(weights, expected);
        assert_eq!(
            blend,
            [
                weights[0] * 10.0 + 0.0 + weights[1] * 0.0,
                weights[0] * 0.0 + 0.0 + weights[1] * 10.0
            ]
        );
        assert!(weights[1] > weights[0]);
    }

    proptest! {
        #[test]
        fn weights_sum_to_one(q in prop::collection::vec(-3.0f64..3.0, 4), ks in prop::collection::vec(prop::collection::vec(-3.0f64..3.0, 4), 1..10)) {
            let keys: Vec<&[f64]> = ks.iter().map(|k| k.as_slice()).collect();
            let (_, w) = attend(&q, &keys, &keys);
            prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
