//! # 第四章 食客的打分 — the diners' penalty
//!
//! At every position the diners ask one question: how much did 小明 bet on the dish that
//! really came next? A sure bet costs nothing, a timid one costs a lot: the penalty is
//! `-ln p(correct dish)`. A menu's loss is the average penalty over its positions.

pub mod exercises;
pub mod loss;

pub use ch03_pipeline::{self as pipeline, *};
pub use exercises::{average_penalty, perplexity};
pub use loss::{baseline, menu_loss, penalty, MenuLoss};
