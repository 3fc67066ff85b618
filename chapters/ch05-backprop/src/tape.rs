//! 账本 — the tape: a number that writes down every operation it takes part in, so the
//! penalty can be traced back, step by step, to every knob.
//!
//! Each [`Var`] carries its value and its place on the tape. The tape keeps, per
//! operation, the two inputs and the two local gradients — nothing else — in flat
//! vectors that are reused from one training step to the next.

use crate::operations::{combine, concentrate, extract, ferment, fuse, quality_control};
use ch04_loss::Number;
use std::cell::RefCell;
use std::ops::{Add, Mul};

/// A recorded number: its value, and where the tape wrote down how it was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Var {
    index: u32,
    value: f64,
}

/// Place 0 on the tape is the sink: constants point there, and what flows into it is
/// thrown away. It saves a branch on every step of `backward`.
const SINK: u32 = 0;

/// The first operation that produced a number that is not finite: a bad value stops the
/// kitchen with a clear message instead of training on NaN.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{operation} of {inputs:?} gave {output} (local gradients {local:?}) at tape entry {entry}: a number stopped being finite")]
pub struct Fault {
    pub operation: &'static str,
    pub inputs: Vec<f64>,
    pub output: f64,
    pub local: [f64; 2],
    pub entry: usize,
}

/// In which order `backward` visits the operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The reference's: a depth-first post-order from the loss (children in order), walked
    /// backwards. Bit-identical to microgpt.
    Reference,
    /// Reverse order of creation: also correct, but sums the contributions to a shared
    /// number in another order, so the last bits can differ.
    Creation,
}

#[derive(Default)]
struct Tape {
    kids: Vec<[u32; 2]>,
    local: Vec<[f64; 2]>,
    grads: Vec<f64>,
    fault: Option<Fault>,
    // scratch for the depth-first walk, kept to avoid allocating every step
    visited: Vec<u64>,
    stack: Vec<(u32, u32)>,
    order: Vec<u32>,
}

thread_local! {
    static TAPE: RefCell<Tape> = const {
        RefCell::new(Tape {
            kids: Vec::new(),
            local: Vec::new(),
            grads: Vec::new(),
            fault: None,
            visited: Vec::new(),
            stack: Vec::new(),
            order: Vec::new(),
        })
    };
}

#[inline]
fn record(operation: &'static str, inputs: &[Var], (output, local): (f64, [f64; 2])) -> Var {
    TAPE.with(|tape| {
        let mut tape = tape.borrow_mut();
        if tape.kids.is_empty() {
            tape.kids.push([SINK; 2]);
            tape.local.push([0.0; 2]);
        }
        let index = tape.kids.len() as u32;
        if !(output.is_finite() && local[0].is_finite() && local[1].is_finite()) && tape.fault.is_none() {
            tape.fault = Some(Fault {
                operation,
                inputs: inputs.iter().map(|v| v.value).collect(),
                output,
                local,
                entry: index as usize,
            });
        }
        let kids = [inputs[0].index, inputs.get(1).map_or(SINK, |v| v.index)];
        tape.kids.push(kids);
        tape.local.push(local);
        Var { index, value: output }
    })
}

impl Var {
    /// A knob or any other starting number whose gradient we want.
    pub fn leaf(value: f64) -> Var {
        record("leaf", &[Var { index: SINK, value }], (value, [0.0; 2]))
    }

    /// The number's value.
    pub fn value(self) -> f64 {
        self.value
    }

    /// Where it sits on the tape (0 for constants).
    pub fn index(self) -> usize {
        self.index as usize
    }

    /// Its gradient after the last `backward`: how much the traced result moves per unit
    /// of this number.
    pub fn grad(self) -> f64 {
        TAPE.with(|t| t.borrow().grads.get(self.index as usize).copied().unwrap_or(0.0))
    }
}

impl Add for Var {
    type Output = Var;
    fn add(self, other: Var) -> Var {
        record("合并 add", &[self, other], combine(self.value, other.value))
    }
}

impl Mul for Var {
    type Output = Var;
    fn mul(self, other: Var) -> Var {
        record("融合 mul", &[self, other], fuse(self.value, other.value))
    }
}

fn unary(operation: &'static str, a: Var, (out, local): (f64, f64)) -> Var {
    record(operation, &[a], (out, [local, 0.0]))
}

impl Number for Var {
    fn constant(x: f64) -> Self {
        Var { index: SINK, value: x }
    }
    fn value(self) -> f64 {
        self.value
    }
    fn powf(self, p: f64) -> Self {
        unary("浓缩 pow", self, concentrate(self.value, p))
    }
    fn ln(self) -> Self {
        unary("提取 ln", self, extract(self.value))
    }
    fn exp(self) -> Self {
        unary("发酵 exp", self, ferment(self.value))
    }
    fn relu(self) -> Self {
        unary("品控 relu", self, quality_control(self.value))
    }
}

/// Starts a fresh recording, keeping the tape's storage for reuse.
pub fn reset() {
    TAPE.with(|t| {
        let mut t = t.borrow_mut();
        t.kids.truncate(1);
        t.local.truncate(1);
        t.fault = None;
    });
}

/// How many entries the tape holds (leaves and operations, plus the sink).
pub fn len() -> usize {
    TAPE.with(|t| t.borrow().kids.len())
}

/// The first non-finite operation since the last `reset`, if any.
pub fn fault() -> Option<Fault> {
    TAPE.with(|t| t.borrow().fault.clone())
}

/// The gradients of `count` consecutive tape entries starting at `first` (e.g. the knobs,
/// recorded one after another), copied into `out`.
pub fn copy_grads(first: Var, out: &mut [f64]) {
    TAPE.with(|t| {
        let t = t.borrow();
        let start = first.index as usize;
        out.copy_from_slice(&t.grads[start..start + out.len()]);
    });
}

/// Traces `root` back to every number it was made from: afterwards each `Var::grad` is
/// ∂root/∂var. Fails if any recorded operation produced a non-finite number.
pub fn backward(root: Var, order: Order) -> Result<(), Fault> {
    TAPE.with(|t| {
        let mut guard = t.borrow_mut();
        let tape = &mut *guard;
        if let Some(fault) = &tape.fault {
            return Err(fault.clone());
        }
        let n = tape.kids.len();
        tape.grads.clear();
        tape.grads.resize(n, 0.0);
        if root.index == SINK {
            return Ok(());
        }
        tape.grads[root.index as usize] = 1.0;
        match order {
            Order::Reference => {
                reference_order(tape, root.index);
                let order = std::mem::take(&mut tape.order);
                propagate(order.iter().rev().copied(), &tape.kids, &tape.local, &mut tape.grads);
                tape.order = order;
            }
            Order::Creation => {
                propagate((1..=root.index).rev(), &tape.kids, &tape.local, &mut tape.grads);
            }
        }
        Ok(())
    })
}

// ANCHOR: reference_order
/// The reference's `build_topo`, without recursion: a depth-first walk from the root
/// that visits each entry's inputs in order and lists an entry once all of its inputs
/// are listed. The visited set is a bitset and the stack is reused.
fn reference_order(tape: &mut Tape, root: u32) {
    let n = tape.kids.len();
    tape.visited.clear();
    tape.visited.resize(n.div_ceil(64), 0);
    tape.visited[0] |= 1; // the sink is never listed
    tape.order.clear();
    tape.stack.clear();
    tape.visited[root as usize / 64] |= 1 << (root % 64);
    tape.stack.push((root, 0));
    while let Some(top) = tape.stack.last_mut() {
        let (node, next) = *top;
        if next == 2 {
            tape.order.push(node);
            tape.stack.pop();
            continue;
        }
        top.1 += 1;
        let kid = tape.kids[node as usize][next as usize];
        let (word, bit) = (kid as usize / 64, 1u64 << (kid % 64));
        if tape.visited[word] & bit == 0 {
            tape.visited[word] |= bit;
            tape.stack.push((kid, 0));
        }
    }
}
// ANCHOR_END: reference_order

// ANCHOR: propagate
/// The chain rule, one entry at a time: each input's gradient grows by
/// `local gradient × this entry's gradient`.
#[cfg(not(feature = "workbench"))]
fn propagate(order: impl Iterator<Item = u32>, kids: &[[u32; 2]], local: &[[f64; 2]], grads: &mut [f64]) {
    for node in order {
        let g = grads[node as usize];
        let [a, b] = kids[node as usize];
        let [la, lb] = local[node as usize];
        grads[a as usize] += la * g;
        grads[b as usize] += lb * g;
    }
}
// ANCHOR_END: propagate

// ANCHOR: propagate_starter
/// Exercise 5.4: pass each entry's gradient on to its two inputs.
#[cfg(feature = "workbench")]
fn propagate(order: impl Iterator<Item = u32>, kids: &[[u32; 2]], local: &[[f64; 2]], grads: &mut [f64]) {
    let _ = (kids, local, grads);
    for _node in order {
        todo!("for both inputs k of the node: grads[k] += local gradient × grads[node]")
    }
}
// ANCHOR_END: propagate_starter

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_backward_salt_and_sugar() {
        reset();
        let (salt, sugar) = (Var::leaf(2.0), Var::leaf(3.0));
        let taste = salt * sugar + salt;
        backward(taste, Order::Reference).unwrap();
        assert_eq!((taste.value(), salt.grad(), sugar.grad()), (8.0, 4.0, 2.0));
    }

    #[test]
    fn a_bad_logarithm_is_named() {
        reset();
        let x = Var::leaf(-1.0);
        let y = x.ln();
        let err = backward(y, Order::Reference).unwrap_err();
        assert_eq!(err.operation, "提取 ln");
        assert_eq!(err.inputs, [-1.0]);
        assert!(err.to_string().contains("提取 ln of [-1.0]"), "{err}");
    }

    #[test]
    fn both_orders_agree_on_a_tree() {
        reset();
        let a = Var::leaf(0.7);
        let b = a.exp() * a.powf(2.0) + a.relu().ln();
        backward(b, Order::Reference).unwrap();
        let reference = a.grad();
        backward(b, Order::Creation).unwrap();
        assert_eq!(a.grad(), reference);
    }
}
