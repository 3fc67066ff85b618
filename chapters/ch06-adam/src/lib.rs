//! # 第六章 师傅的训练方法 — a thousand dishes
//!
//! Every step: serve (forward), trace (backward), adjust (update). The first two follow
//! rules; the third needs a master's judgement — 师傅, the Adam optimizer.

pub mod adam;
pub mod checkpoint;
pub mod figure;
pub mod growth;
pub mod train;

pub use adam::{Adam, Habits};
pub use ch05_backprop::{self as backprop, *};
pub use train::{Apprentice, Lesson, TrainError};
