//! The tape's gradients against nudging by hand.
//!
//! For each piece of the kitchen — the six operations one by one, softmax, rinsing the
//! palate (RMSNorm), one sous-chef's look back (attention), the back kitchen (MLP) and the
//! whole menu's loss — the gradient the tape traces back must agree with a central finite
//! difference computed with plain `f64` numbers: nudge one input by ±h, cook again, and
//! divide the change by 2h.
//!
//! Agreement: `|tape − nudge| ≤ 1e-6 · max(|tape|, |nudge|) + noise`, where `noise =
//! 1e-8 · max(1, |f|)` is the rounding error of the nudge itself (about 100 ε |f| / h with
//! h = 1e-6): below that a finite difference cannot tell anything apart. Inputs stay away
//! from the places where a gradient does not exist: `ln` and `pow` get positive numbers,
//! and a nudge that flips any ReLU (品控) from open to shut is not used, because there the
//! slope on one side is not the slope on the other.

use ch05_backprop::pipeline::attention::attend;
use ch05_backprop::pipeline::mlp::back_kitchen;
use ch05_backprop::tape::{self, backward, Order, Var};
use ch05_backprop::{menu_loss, pow, rmsnorm, softmax, trace, Config, Kitchen, Layout, Number};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::cell::RefCell;
use std::ops::{Add, Mul};

const H: f64 = 1e-6;

/// Something to cook from a list of numbers, on any kind of number: once on the tape, and
/// again and again with plain numbers for the nudges.
trait Dish {
    fn cook<N: Number>(&self, inputs: &[N]) -> N;
}

thread_local! {
    /// Which ReLUs were open (input > 0) during the last cooking with `Gate` numbers.
    static GATES: RefCell<Vec<bool>> = const { RefCell::new(Vec::new()) };
}

/// A plain number that also writes down, at every quality control (ReLU), whether the
/// gate was open: two cookings on the same side of every kink give the same list.
#[derive(Debug, Clone, Copy)]
struct Gate(f64);

impl Add for Gate {
    type Output = Gate;
    fn add(self, other: Gate) -> Gate {
        Gate(self.0 + other.0)
    }
}

impl Mul for Gate {
    type Output = Gate;
    fn mul(self, other: Gate) -> Gate {
        Gate(self.0 * other.0)
    }
}

impl Number for Gate {
    fn constant(x: f64) -> Self {
        Gate(x)
    }
    fn value(self) -> f64 {
        self.0
    }
    fn powf(self, p: f64) -> Self {
        Gate(pow(self.0, p))
    }
    fn ln(self) -> Self {
        Gate(self.0.ln())
    }
    fn exp(self) -> Self {
        Gate(self.0.exp())
    }
    fn relu(self) -> Self {
        GATES.with(|g| g.borrow_mut().push(self.0 > 0.0));
        Gate(Number::relu(self.0))
    }
}

/// `inputs` with input `i` moved by `delta`.
fn nudged(inputs: &[f64], i: usize, delta: f64) -> Vec<f64> {
    let mut x = inputs.to_vec();
    x[i] += delta;
    x
}

/// The gates of every ReLU when cooking `inputs`.
fn gates<D: Dish>(dish: &D, inputs: &[f64]) -> Vec<bool> {
    GATES.with(|g| g.borrow_mut().clear());
    let gate_inputs: Vec<Gate> = inputs.iter().map(|&x| Gate(x)).collect();
    dish.cook(&gate_inputs);
    GATES.with(|g| std::mem::take(&mut *g.borrow_mut()))
}

/// The central difference for input `i`, or `None` if the nudge crosses a ReLU's kink.
fn nudge<D: Dish>(dish: &D, inputs: &[f64], i: usize) -> Option<f64> {
    let (up, down) = (nudged(inputs, i, H), nudged(inputs, i, -H));
    let here = gates(dish, inputs);
    if gates(dish, &up) != here || gates(dish, &down) != here {
        return None;
    }
    Some((dish.cook(&up) - dish.cook(&down)) / (2.0 * H))
}

/// Every gradient of `dish` at `inputs`, traced on the tape.
fn traced<D: Dish>(dish: &D, inputs: &[f64]) -> Vec<f64> {
    tape::reset();
    let leaves: Vec<Var> = inputs.iter().map(|&x| Var::leaf(x)).collect();
    let root = dish.cook(&leaves);
    backward(root, Order::Reference).expect("the inputs are chosen to keep every number finite");
    leaves.iter().map(|l| l.grad()).collect()
}

/// Checks the traced gradients of the inputs `which` against their nudges.
fn agree<D: Dish>(dish: &D, inputs: &[f64], grads: &[f64], which: &[usize]) -> Result<(), TestCaseError> {
    let value: f64 = dish.cook(inputs);
    let noise = 1e-8 * value.abs().max(1.0);
    for &i in which {
        let Some(by_nudge) = nudge(dish, inputs, i) else {
            continue;
        };
        let by_tape = grads[i];
        let tolerance = 1e-6 * by_tape.abs().max(by_nudge.abs()) + noise;
        prop_assert!(
            (by_tape - by_nudge).abs() <= tolerance,
            "input {i}: tape {by_tape:e}, nudge {by_nudge:e} (f = {value:e})"
        );
    }
    Ok(())
}

/// Traces `dish` and checks every input.
fn check<D: Dish>(dish: &D, inputs: &[f64]) -> Result<(), TestCaseError> {
    let grads = traced(dish, inputs);
    agree(dish, inputs, &grads, &(0..inputs.len()).collect::<Vec<_>>())
}

/// A weighted sum `Σ r_j y_j` of many outputs: one number to trace back, which every
/// output moves.
fn blend<N: Number>(outputs: &[N], weights: &[f64]) -> N {
    outputs
        .iter()
        .zip(weights.iter().cycle())
        .map(|(&y, &r)| y * N::constant(r))
        .fold(N::constant(0.0), |acc, t| acc + t)
}

// ---------------------------------------------------------------------------------------
// The six operations, one at a time
// ---------------------------------------------------------------------------------------

/// One of the six operations, on inputs `[a, b]` (the unary ones use `a`).
#[derive(Debug, Clone, Copy)]
enum Operation {
    Combine,
    Fuse,
    Concentrate(f64),
    Extract,
    Ferment,
    QualityControl,
}

impl Dish for Operation {
    fn cook<N: Number>(&self, x: &[N]) -> N {
        match *self {
            Operation::Combine => x[0] + x[1],
            Operation::Fuse => x[0] * x[1],
            Operation::Concentrate(p) => x[0].powf(p),
            Operation::Extract => x[0].ln(),
            Operation::Ferment => x[0].exp(),
            Operation::QualityControl => x[0].relu(),
        }
    }
}

#[test]
fn a_nudge_across_a_kink_is_not_used() {
    // 品控 at 1e-7: nudged by ±1e-6 the gate opens on one side and shuts on the other.
    assert_eq!(nudge(&Operation::QualityControl, &[1e-7, 0.0], 0), None);
    assert_eq!(
        nudge(&Operation::QualityControl, &[0.5, 0.0], 0).map(f64::round),
        Some(1.0)
    );
    assert_eq!(nudge(&Operation::QualityControl, &[-0.5, 0.0], 0), Some(0.0));
}

proptest! {
    #[test]
    fn each_operation_through_the_tape(a in -4.0f64..4.0, b in -4.0f64..4.0, p in -2.5f64..3.5) {
        let positive = a.abs() + 0.05;
        check(&Operation::Combine, &[a, b])?;
        check(&Operation::Fuse, &[a, b])?;
        check(&Operation::Concentrate(p), &[positive, 0.0])?;
        check(&Operation::Extract, &[positive, 0.0])?;
        check(&Operation::Ferment, &[a, 0.0])?;
        check(&Operation::QualityControl, &[a, 0.0])?;
    }

    #[test]
    fn negation_subtraction_and_division(a in -4.0f64..4.0, b in 0.1f64..4.0) {
        struct Made;
        impl Dish for Made {
            fn cook<N: Number>(&self, x: &[N]) -> N {
                x[0].sub(x[1]).neg() + x[0].div(x[1])
            }
        }
        check(&Made, &[a, b])?;
    }
}

// ---------------------------------------------------------------------------------------
// The pieces of the pipeline
// ---------------------------------------------------------------------------------------

/// softmax, read out as a weighted sum of the probabilities and as one penalty.
struct Vote {
    weights: Vec<f64>,
    correct: usize,
}

impl Dish for Vote {
    fn cook<N: Number>(&self, logits: &[N]) -> N {
        let probs = softmax(logits);
        blend(&probs, &self.weights) + probs[self.correct].ln().neg()
    }
}

/// RMSNorm, read out as a weighted sum.
struct Rinse(Vec<f64>);

impl Dish for Rinse {
    fn cook<N: Number>(&self, x: &[N]) -> N {
        blend(&rmsnorm(x), &self.0)
    }
}

/// One sous-chef: inputs are the query, then `dishes` keys, then `dishes` values.
struct Head {
    dishes: usize,
    dim: usize,
    weights: Vec<f64>,
}

impl Dish for Head {
    fn cook<N: Number>(&self, x: &[N]) -> N {
        let (query, rest) = x.split_at(self.dim);
        let (keys, values) = rest.split_at(self.dishes * self.dim);
        let keys: Vec<&[N]> = keys.chunks(self.dim).collect();
        let values: Vec<&[N]> = values.chunks(self.dim).collect();
        let (found, weights) = attend(query, &keys, &values);
        blend(&found, &self.weights) + blend(&weights, &self.weights[1..])
    }
}

/// The back kitchen of round 0: inputs are the knobs, then the card.
struct BackKitchen {
    layout: Layout,
    weights: Vec<f64>,
}

impl Dish for BackKitchen {
    fn cook<N: Number>(&self, x: &[N]) -> N {
        let (knobs, card) = x.split_at(self.layout.len());
        blend(&back_kitchen(card, &self.layout.layer(0), knobs), &self.weights)
    }
}

fn weights(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-2.0f64..2.0, n)
}

proptest! {
    #[test]
    fn softmax_and_the_penalty(logits in prop::collection::vec(-6.0f64..6.0, 1..9), r in weights(8), pick in 0usize..100) {
        let vote = Vote { weights: r, correct: pick % logits.len() };
        check(&vote, &logits)?;
    }

    #[test]
    fn rinsing_the_palate(x in prop::collection::vec(-3.0f64..3.0, 1..9), r in weights(8)) {
        // Away from the all-silent card, where the rinse divides by almost nothing.
        prop_assume!(x.iter().map(|v| v * v).sum::<f64>() > 1e-2);
        check(&Rinse(r), &x)?;
    }

    #[test]
    fn one_sous_chef_looks_back(
        (dim, dishes, inputs) in (1usize..5, 1usize..5).prop_flat_map(|(dim, dishes)| {
            (Just(dim), Just(dishes), prop::collection::vec(-2.0f64..2.0, dim * (1 + 2 * dishes)))
        }),
        r in weights(6),
    ) {
        check(&Head { dishes, dim, weights: r }, &inputs)?;
    }

    #[test]
    fn the_back_kitchen(
        (layout, inputs) in prop_oneof![Just(4usize), Just(8)].prop_flat_map(|n_embd| {
            let layout = Layout::new(Config { n_embd, n_head: 1, n_layer: 1, block_size: 2 }, 3);
            let n = layout.len() + n_embd;
            (Just(layout), prop::collection::vec(-1.0f64..1.0, n))
        }),
        r in weights(8),
        picks in prop::collection::vec(0usize..100_000, 6),
    ) {
        let dish = BackKitchen { weights: r, layout };
        let grads = traced(&dish, &inputs);
        let fc = dish.layout.layer(0);
        let (fc1, fc2) = (fc.mlp_fc1, fc.mlp_fc2);
        // Every number on the card, and a few knobs of each of the two matrices.
        let mut which: Vec<usize> = (dish.layout.len()..inputs.len()).collect();
        for (k, p) in picks.iter().enumerate() {
            let m = if k % 2 == 0 { fc1 } else { fc2 };
            which.push(m.offset + p % (m.rows * m.cols));
        }
        agree(&dish, &inputs, &grads, &which)?;
    }
}

// ---------------------------------------------------------------------------------------
// The whole menu
// ---------------------------------------------------------------------------------------

/// A whole menu's loss, with the inputs as the knobs.
#[derive(Debug)]
struct Menu {
    layout: Layout,
    tokens: Vec<usize>,
}

impl Dish for Menu {
    fn cook<N: Number>(&self, knobs: &[N]) -> N {
        let kitchen = Kitchen::new(&self.layout, knobs).expect("one number per knob");
        menu_loss(&kitchen, &self.tokens)
            .expect("the tokens are on the menu")
            .loss
    }
}

/// A small random kitchen, a random menu on it (sometimes longer than it can keep in
/// mind) and random knobs.
fn small_kitchen() -> impl Strategy<Value = (Menu, Vec<f64>)> {
    (
        prop_oneof![Just(4usize), Just(8)],
        1usize..=2,
        1usize..=2,
        3usize..=5,
        4usize..=6,
    )
        .prop_flat_map(|(n_embd, n_head, n_layer, block_size, vocab)| {
            let layout = Layout::new(
                Config {
                    n_embd,
                    n_head,
                    n_layer,
                    block_size,
                },
                vocab,
            );
            let knobs = prop::collection::vec(-0.6f64..0.6, layout.len());
            let tokens = prop::collection::vec(0..vocab, 2..=block_size + 2);
            (Just(layout), tokens, knobs).prop_map(|(layout, tokens, knobs)| (Menu { layout, tokens }, knobs))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_whole_menu_loss((menu, knobs) in small_kitchen(), picks in prop::collection::vec(0usize..1_000_000, 4)) {
        let mut grads = vec![0.0; knobs.len()];
        let traced = trace(&menu.layout, &knobs, &menu.tokens, Order::Reference, &mut grads).unwrap();
        prop_assert_eq!(traced.loss, menu.cook(&knobs));
        // A few random knobs (some of them may get no blame at all: a flavour card of a
        // dish not on this menu) and the knob most to blame.
        let mut which: Vec<usize> = picks.iter().map(|p| p % knobs.len()).collect();
        let most = (0..grads.len()).max_by(|&a, &b| grads[a].abs().total_cmp(&grads[b].abs())).unwrap();
        which.push(most);
        agree(&menu, &knobs, &grads, &which)?;
    }
}
