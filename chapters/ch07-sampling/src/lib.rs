//! # 第七章 出师 — 小明 cooks alone
//!
//! Training is over and the knobs are locked. The bell rings, and 小明 improvises a menu
//! one dish at a time, each built on all the dishes before it. The adventure knob
//! (temperature) sets how bold he is; some of his dishes never existed anywhere.

pub mod exercises;
pub mod figure;
pub mod invented;
pub mod sample;
pub mod temperature;

pub use ch06_adam::{self as adam, *};
pub use exercises::pick;
pub use invented::Records;
pub use sample::{name, serve, Course, SampleError, Served};
pub use temperature::{argmax, vote, BadTemperature};
