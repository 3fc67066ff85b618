//! 出菜流水线 — the whole pipeline for one dish: entrance (flavour card + position card,
//! rinsed), then per round the round table and the back kitchen, each after a rinse and
//! each followed by a spoon of the original stock (the residual), then the final vote
//! (lm_head): one raw score per dish on the menu.

use crate::attention::{round_table, Notebooks};
use crate::linear::linear;
use crate::mlp::back_kitchen;
use crate::number::Number;
use crate::rmsnorm::rmsnorm;
use ch02_tokens::{ConfigError, Layout};

/// A dish the pipeline cannot serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PipelineError {
    #[error("position {pos} is beyond the longest menu (block_size {block_size}): positions run 0..{block_size}")]
    Position { pos: usize, block_size: usize },
    #[error("dish number {id} is not on the menu of {vocab_size} dishes (0..{vocab_size})")]
    Token { id: usize, vocab_size: usize },
    #[error("the notebooks hold {written} dishes but this is position {pos}: serve the positions in order 0, 1, 2, …")]
    OutOfOrder { pos: usize, written: usize },
    #[error("the notebooks are for {got} rounds but the kitchen has {expected} (n_layer): start a menu with Notebooks::new(n_layer)")]
    Rounds { expected: usize, got: usize },
    #[error("the kitchen has {got} knobs but its sizes need {expected}")]
    Knobs { expected: usize, got: usize },
    #[error(transparent)]
    Config(#[from] ConfigError),
}

/// What each station did to one dish, kept as plain numbers for showing.
#[derive(Debug, Clone, Default)]
pub struct Stations {
    /// The card at the entrance: rinse(flavour card + position card).
    pub entrance: Vec<f64>,
    /// Per round: the card after the round table (+ stock) and after the back kitchen (+ stock).
    pub after_round_table: Vec<Vec<f64>>,
    pub after_back_kitchen: Vec<Vec<f64>>,
    /// Per round, per sous-chef: the weights given to each earlier dish.
    pub attention: Vec<Vec<Vec<f64>>>,
}

/// 小明 at work: the knobs (as any kind of number) and where each matrix lives.
#[derive(Debug, Clone, Copy)]
pub struct Kitchen<'a, N> {
    pub layout: &'a Layout,
    pub knobs: &'a [N],
}

fn values<N: Number>(x: &[N]) -> Vec<f64> {
    x.iter().map(|v| v.value()).collect()
}

impl<'a, N: Number> Kitchen<'a, N> {
    /// Checks the sizes and that there is one number per knob.
    pub fn new(layout: &'a Layout, knobs: &'a [N]) -> Result<Self, PipelineError> {
        layout.config.validate()?;
        if knobs.len() != layout.len() {
            return Err(PipelineError::Knobs {
                expected: layout.len(),
                got: knobs.len(),
            });
        }
        Ok(Kitchen { layout, knobs })
    }

    /// One dish through the pipeline; returns the raw score (logit) of every next dish.
    pub fn serve(&self, token: usize, pos: usize, notebooks: &mut Notebooks<N>) -> Result<Vec<N>, PipelineError> {
        self.serve_watched(token, pos, notebooks, None)
    }

    /// `serve`, optionally writing down what each station did.
    pub fn serve_watched(
        &self,
        token: usize,
        pos: usize,
        notebooks: &mut Notebooks<N>,
        mut watch: Option<&mut Stations>,
    ) -> Result<Vec<N>, PipelineError> {
        let (config, layout, knobs) = (&self.layout.config, self.layout, self.knobs);
        if token >= layout.vocab_size {
            return Err(PipelineError::Token {
                id: token,
                vocab_size: layout.vocab_size,
            });
        }
        if pos >= config.block_size {
            return Err(PipelineError::Position {
                pos,
                block_size: config.block_size,
            });
        }
        if notebooks.keys.len() != config.n_layer {
            return Err(PipelineError::Rounds {
                expected: config.n_layer,
                got: notebooks.keys.len(),
            });
        }
        if notebooks.len() != pos {
            return Err(PipelineError::OutOfOrder {
                pos,
                written: notebooks.len(),
            });
        }
        // ANCHOR: pipeline
        let flavour = &knobs[layout.wte().row(token)];
        let place = &knobs[layout.wpe().row(pos)];
        let entrance: Vec<N> = flavour.iter().zip(place).map(|(&t, &p)| t + p).collect();
        let mut x = rmsnorm(&entrance);
        if let Some(w) = watch.as_deref_mut() {
            w.entrance = values(&x);
        }
        for layer in 0..config.n_layer {
            let m = layout.layer(layer);
            // 1. the round table, after a rinse, then a spoon of the stock
            let stock = x.clone();
            let (looked_back, weights) = round_table(&rmsnorm(&x), layer, &m, knobs, config.n_head, notebooks);
            x = looked_back.iter().zip(&stock).map(|(&a, &b)| a + b).collect();
            if let Some(w) = watch.as_deref_mut() {
                w.after_round_table.push(values(&x));
                w.attention.push(weights);
            }
            // 2. the back kitchen, after a rinse, then a spoon of the stock
            let stock = x.clone();
            let thought = back_kitchen(&rmsnorm(&x), &m, knobs);
            x = thought.iter().zip(&stock).map(|(&a, &b)| a + b).collect();
            if let Some(w) = watch.as_deref_mut() {
                w.after_back_kitchen.push(values(&x));
            }
        }
        // 3. the vote: one raw score per dish on the menu
        Ok(linear(&x, layout.lm_head(), knobs))
        // ANCHOR_END: pipeline
    }
}
