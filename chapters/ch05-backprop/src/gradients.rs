//! 追溯 — one menu traced back from its loss to every knob.

use crate::tape::{self, Fault, Order, Var};
use ch04_loss::{menu_loss, Kitchen, Layout, PipelineError};

/// Why a menu could not be traced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TraceError {
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Fault(#[from] Fault),
}

/// A traced menu: its loss, the penalty at each position, and ∂loss/∂knob for every knob.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    pub loss: f64,
    pub penalties: Vec<f64>,
}

// ANCHOR: trace
/// Record the menu's loss with every knob as a leaf on the tape, trace it back, and
/// write each knob's gradient into `grads`.
pub fn trace(
    layout: &Layout,
    knobs: &[f64],
    tokens: &[usize],
    order: Order,
    grads: &mut [f64],
) -> Result<Traced, TraceError> {
    tape::reset();
    let leaves = Var::leaves(knobs);
    let kitchen = Kitchen::new(layout, &leaves)?;
    let scored = menu_loss(&kitchen, tokens)?;
    tape::backward(scored.loss, order)?;
    if let Some(&first) = leaves.first() {
        tape::copy_grads(first, grads);
    }
    Ok(Traced {
        loss: scored.loss.value(),
        penalties: scored.penalties.iter().map(|p| p.value()).collect(),
    })
}
// ANCHOR_END: trace
