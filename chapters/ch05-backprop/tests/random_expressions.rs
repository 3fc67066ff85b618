//! Random dishes made of the six operations, traced back by the tape and checked against
//! a second, independent way of getting the same derivatives: forward-mode dual numbers.
//!
//! A dual number carries a value and, beside it, its derivative with respect to one
//! chosen ingredient, pushed *forward* through every operation with the textbook rules.
//! The tape goes *backward* from the result. The two share no code (the dual number uses
//! only `f64` arithmetic and the C library's `pow`, not `operations.rs` or `tape.rs`), so
//! agreeing on a thousand random dishes is good evidence that both are right.

use ch05_backprop::tape::{self, backward, Order, Var};
use ch05_backprop::{pow, Number};
use proptest::prelude::*;
use std::ops::{Add, Mul};

/// A value and its derivative with respect to one ingredient.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dual {
    value: f64,
    slope: f64,
}

impl Add for Dual {
    type Output = Dual;
    fn add(self, o: Dual) -> Dual {
        Dual {
            value: self.value + o.value,
            slope: self.slope + o.slope,
        }
    }
}

impl Mul for Dual {
    type Output = Dual;
    fn mul(self, o: Dual) -> Dual {
        // The product rule.
        Dual {
            value: self.value * o.value,
            slope: self.slope * o.value + self.value * o.slope,
        }
    }
}

impl Number for Dual {
    fn constant(x: f64) -> Self {
        Dual { value: x, slope: 0.0 }
    }
    fn value(self) -> f64 {
        self.value
    }
    fn powf(self, p: f64) -> Self {
        // The power rule. `pow` is the C library's, kept from being rewritten by the
        // compiler: with `x.powf(-1.0)` inlined from `div`, it may become `1.0 / x`,
        // which can differ from the tape's value in the last bit.
        Dual {
            value: pow(self.value, p),
            slope: p * pow(self.value, p - 1.0) * self.slope,
        }
    }
    fn ln(self) -> Self {
        Dual {
            value: self.value.ln(),
            slope: self.slope / self.value,
        }
    }
    fn exp(self) -> Self {
        let e = self.value.exp();
        Dual {
            value: e,
            slope: e * self.slope,
        }
    }
    fn relu(self) -> Self {
        if self.value > 0.0 {
            self
        } else {
            Dual { value: 0.0, slope: 0.0 }
        }
    }
}

/// A small dish: ingredients, constants, and the six operations (plus the three made
/// from them: negation, subtraction, division).
#[derive(Debug, Clone)]
enum Expr {
    Ingredient(usize),
    Constant(f64),
    Combine(Box<Expr>, Box<Expr>),
    Fuse(Box<Expr>, Box<Expr>),
    Concentrate(Box<Expr>, f64),
    Extract(Box<Expr>),
    Ferment(Box<Expr>),
    QualityControl(Box<Expr>),
    Neg(Box<Expr>),
    Sub(Box<Expr>, Box<Expr>),
    Div(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// Cooks the dish on any kind of number; `None` if it touches a place without a
    /// derivative or a number out of range: `ln`/`pow`/division of a number not safely
    /// positive, a ReLU too near its kink, or a value beyond ±1e6.
    fn cook<N: Number>(&self, x: &[N]) -> Option<N> {
        use Expr::*;
        let positive = |n: N| if n.value() > 0.05 { Some(n) } else { None };
        let out = match self {
            Ingredient(i) => x[*i],
            Constant(c) => N::constant(*c),
            Combine(a, b) => a.cook(x)? + b.cook(x)?,
            Fuse(a, b) => a.cook(x)? * b.cook(x)?,
            Concentrate(a, p) => positive(a.cook(x)?)?.powf(*p),
            Extract(a) => positive(a.cook(x)?)?.ln(),
            Ferment(a) => a.cook(x)?.exp(),
            QualityControl(a) => {
                let a = a.cook(x)?;
                if a.value().abs() < 1e-3 {
                    return None;
                }
                a.relu()
            }
            Neg(a) => a.cook(x)?.neg(),
            Sub(a, b) => a.cook(x)?.sub(b.cook(x)?),
            Div(a, b) => a.cook(x)?.div(positive(b.cook(x)?)?),
        };
        (out.value().is_finite() && out.value().abs() < 1e6).then_some(out)
    }
}

/// Random dishes over `ingredients` ingredients, at most a few levels deep.
fn dish(ingredients: usize) -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        4 => (0..ingredients).prop_map(Expr::Ingredient),
        1 => (-2.0f64..2.0).prop_map(Expr::Constant),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        let b = || inner.clone().prop_map(Box::new);
        prop_oneof![
            (b(), b()).prop_map(|(a, c)| Expr::Combine(a, c)),
            (b(), b()).prop_map(|(a, c)| Expr::Fuse(a, c)),
            (
                b(),
                prop_oneof![Just(-1.0), Just(-0.5), Just(0.5), Just(2.0), Just(3.0), -1.5f64..2.5]
            )
                .prop_map(|(a, p)| Expr::Concentrate(a, p)),
            b().prop_map(Expr::Extract),
            b().prop_map(Expr::Ferment),
            b().prop_map(Expr::QualityControl),
            b().prop_map(Expr::Neg),
            (b(), b()).prop_map(|(a, c)| Expr::Sub(a, c)),
            (b(), b()).prop_map(|(a, c)| Expr::Div(a, c)),
        ]
    })
}

/// A dish over 2 or 3 ingredients, with the amounts of each; only dishes that cook.
fn cookable() -> impl Strategy<Value = (Expr, Vec<f64>)> {
    (2usize..=3)
        .prop_flat_map(|n| (dish(n), prop::collection::vec(0.2f64..2.5, n)))
        .prop_filter("stays where every operation has a derivative", |(e, x)| {
            e.cook(x).is_some()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn the_tape_agrees_with_dual_numbers((expr, amounts) in cookable()) {
        tape::reset();
        let leaves: Vec<Var> = amounts.iter().map(|&a| Var::leaf(a)).collect();
        let root = expr.cook(&leaves).unwrap();
        backward(root, Order::Reference).unwrap();
        for (i, leaf) in leaves.iter().enumerate() {
            // Push a slope of 1 in ingredient i forward through the dish.
            let duals: Vec<Dual> = amounts
                .iter()
                .enumerate()
                .map(|(j, &a)| Dual { value: a, slope: if i == j { 1.0 } else { 0.0 } })
                .collect();
            let forward = expr.cook(&duals).unwrap();
            prop_assert_eq!(forward.value, root.value(), "the same dish, the same value");
            let (tape, dual) = (leaf.grad(), forward.slope);
            prop_assert!(
                (tape - dual).abs() <= 1e-9 * tape.abs().max(dual.abs()).max(1.0),
                "ingredient {}: tape {:e}, dual numbers {:e}", i, tape, dual
            );
        }
        // Walked in reverse creation order, the tape finds the same slopes.
        let reference: Vec<f64> = leaves.iter().map(|l| l.grad()).collect();
        backward(root, Order::Creation).unwrap();
        for (l, r) in leaves.iter().zip(&reference) {
            prop_assert!((l.grad() - r).abs() <= 1e-12 * r.abs().max(1.0));
        }
    }
}
