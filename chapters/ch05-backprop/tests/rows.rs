//! A row written in one go (`Number::dot` on the tape) is the same row written one
//! operation at a time (`sum` of the products): the same entries, the same value and the
//! same gradients, bit for bit — and a bad number in it is named the same way.

use ch05_backprop::tape::{self, backward, Order, Var};
use ch05_backprop::{sum, Number};
use proptest::prelude::*;

/// What a row leaves behind: its value, the tape's length, and each leaf's gradient,
/// all as bits.
fn traced(ws: &[f64], xs: &[f64], row: impl Fn(&[Var], &[Var]) -> Var) -> (u64, usize, Vec<u64>) {
    tape::reset();
    let leaves = Var::leaves(&[ws, xs].concat());
    let (w, x) = leaves.split_at(ws.len());
    // Used twice, so that the row's inputs are shared numbers, as in the model.
    let out = row(w, x) * row(x, w).exp();
    backward(out, Order::Reference).expect("finite");
    let grads = leaves.iter().map(|l| l.grad().to_bits()).collect();
    (out.value().to_bits(), tape::len(), grads)
}

fn one_at_a_time(ws: &[Var], xs: &[Var]) -> Var {
    sum(ws.iter().zip(xs).map(|(&w, &x)| w * x))
}

proptest! {
    #[test]
    fn a_row_in_one_go_is_the_row_one_operation_at_a_time(
        ws in prop::collection::vec(-3.0f64..3.0, 0..20),
        xs in prop::collection::vec(-3.0f64..3.0, 0..20),
    ) {
        prop_assert_eq!(traced(&ws, &xs, Var::dot), traced(&ws, &xs, one_at_a_time));
    }

    /// The recorded row's value is the plain `f64` row's (whose `dot` is the trait's own
    /// `sum` of the products).
    #[test]
    fn a_recorded_row_has_the_plain_rows_value(
        ws in prop::collection::vec(-3.0f64..3.0, 0..20),
        xs in prop::collection::vec(-3.0f64..3.0, 0..20),
    ) {
        tape::reset();
        let (w, x) = (Var::leaves(&ws), Var::leaves(&xs));
        prop_assert_eq!(Var::dot(&w, &x).value().to_bits(), f64::dot(&ws, &xs).to_bits());
    }
}

/// The fault a row gives, and the fault the same row gives one operation at a time.
fn faults(ws: &[f64], xs: &[f64]) -> [String; 2] {
    [Var::dot as fn(&[Var], &[Var]) -> Var, one_at_a_time].map(|row| {
        tape::reset();
        let leaves = Var::leaves(&[ws, xs].concat());
        let (w, x) = leaves.split_at(ws.len());
        let out = row(w, x);
        backward(out, Order::Reference).expect_err("not finite").to_string()
    })
}

#[test]
fn a_product_that_overflows_inside_a_row_is_named() {
    let [in_one_go, one_by_one] = faults(&[1.0, 1e200, 3.0], &[2.0, 1e200, 4.0]);
    assert_eq!(in_one_go, one_by_one);
    assert!(
        in_one_go.starts_with("融合 mul of [1e200, 1e200] gave inf"),
        "{in_one_go}"
    );
}

#[test]
fn a_total_that_overflows_inside_a_row_is_named() {
    let [in_one_go, one_by_one] = faults(&[1.0, 1.0, 1.0], &[1e308, 1e308, -1e308]);
    assert_eq!(in_one_go, one_by_one);
    assert!(
        in_one_go.starts_with("合并 add of [1e308, 1e308] gave inf"),
        "{in_one_go}"
    );
}

#[test]
fn a_bad_leaf_before_a_row_is_named_first() {
    let [in_one_go, one_by_one] = faults(&[f64::INFINITY], &[0.0]);
    assert_eq!(in_one_go, one_by_one);
    assert!(in_one_go.starts_with("leaf of [inf]"), "{in_one_go}");
}
