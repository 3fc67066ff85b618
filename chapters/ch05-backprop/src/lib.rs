//! # 第五章 追根溯源 — who made the dish too salty?
//!
//! The diners' verdict is one number. To know which of the 4,192 knobs to turn, 小明
//! traces it back from the plate, station by station, multiplying the local effects
//! along the way (the chain rule). The kitchen uses only six operations, and each knows
//! its own local effect, so the trace reaches every knob.

pub mod by_hand;
pub mod figure;
pub mod gradients;
pub mod operations;
pub mod tape;

pub use ch04_loss::{self as loss, *};
pub use gradients::{trace, TraceError, Traced};
pub use tape::{backward, Fault, Order, Var};
