//! # 第三章 出菜流水线 — what should the next dish be?
//!
//! One dish enters, 27 probabilities leave. Three stations — the sous-chefs' round table
//! (attention), the back kitchen (MLP), the vote (lm_head + softmax) — and two helpers:
//! rinsing the palate (RMSNorm) before each station and a spoon of the original stock
//! (the residual) after it. The pipeline is written once, for any [`Number`].

pub mod attention;
pub mod figure;
pub mod linear;
pub mod mlp;
pub mod model;
pub mod number;
pub mod rmsnorm;
pub mod softmax;

pub use attention::Notebooks;
pub use ch02_tokens::{
    self as tokens, ingredients, Config, ConfigError, DataError, Dice, Knobs, Layout, Matrix, Menu, MenuError, Pantry,
    PantryError, BELL,
};
pub use model::{Kitchen, PipelineError, Stations};
pub use number::{pow, shortcut, sum, Number};
pub use rmsnorm::rmsnorm;
pub use softmax::softmax;
