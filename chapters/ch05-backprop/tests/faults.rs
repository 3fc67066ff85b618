//! Bad input stops the trace with a clear message instead of a silent NaN: the first
//! operation whose result (or local gradient) is not a finite number is named, with the
//! numbers it was given, and `backward` refuses to run.

use ch05_backprop::tape::{self, backward, Fault, Order, Var};
use ch05_backprop::{trace, Config, Layout, Number, TraceError};

/// Records `cook` on a fresh tape and traces it back; returns the fault it must give.
fn fault_of(cook: impl FnOnce() -> Var) -> Fault {
    tape::reset();
    let root = cook();
    let fault = backward(root, Order::Reference).expect_err("a non-finite number must stop the trace");
    // (Compared as messages: a NaN is not equal to itself.)
    assert_eq!(tape::fault().map(|f| f.to_string()), Some(fault.to_string()));
    // The other order refuses too.
    let again = backward(root, Order::Creation).expect_err("creation order must refuse too");
    assert_eq!(again.to_string(), fault.to_string());
    fault
}

#[test]
fn the_log_of_a_negative_number_is_named() {
    let fault = fault_of(|| Var::leaf(-2.5).ln());
    assert_eq!(fault.operation, "提取 ln");
    assert_eq!(fault.inputs, [-2.5]);
    assert!(fault.output.is_nan());
    let message = fault.to_string();
    assert!(message.contains("提取 ln") && message.contains("-2.5"), "{message}");
}

#[test]
fn the_log_of_zero_is_named() {
    let fault = fault_of(|| (Var::leaf(3.0) * Var::leaf(0.0)).ln());
    assert_eq!(fault.operation, "提取 ln");
    assert_eq!(fault.inputs, [0.0]);
    assert_eq!(fault.output, f64::NEG_INFINITY);
    assert!(fault.to_string().contains("提取 ln of [0.0]"), "{fault}");
}

#[test]
fn a_log_whose_slope_overflows_is_named() {
    // The smallest positive number has a finite log (about -744.4), but its local
    // gradient 1/a overflows: the result alone would not show it.
    let tiny = f64::from_bits(1);
    let fault = fault_of(|| Var::leaf(tiny).ln());
    assert_eq!(fault.operation, "提取 ln");
    assert!(fault.output.is_finite() && fault.local[0].is_infinite(), "{fault}");
}

#[test]
fn a_power_that_gives_nan_is_named() {
    // A negative number has no real square root.
    let fault = fault_of(|| Var::leaf(-4.0).powf(0.5));
    assert_eq!(fault.operation, "浓缩 pow");
    assert_eq!(fault.inputs, [-4.0]);
    assert!(fault.output.is_nan());
    assert!(fault.to_string().contains("浓缩 pow of [-4.0]"), "{fault}");
}

#[test]
fn a_power_that_gives_infinity_is_named() {
    // 0 ** -1 is infinite: dividing by a total of zero.
    let fault = fault_of(|| Var::leaf(1.0).div(Var::leaf(0.0)));
    assert_eq!(fault.operation, "浓缩 pow");
    assert_eq!(fault.inputs, [0.0]);
    assert_eq!(fault.output, f64::INFINITY);
    // A finite result whose local gradient is infinite is caught too: √x at 0.
    let fault = fault_of(|| Var::leaf(0.0).powf(0.5));
    assert_eq!((fault.operation, fault.output), ("浓缩 pow", 0.0));
    assert!(fault.local[0].is_infinite(), "{fault}");
}

#[test]
fn the_first_fault_is_the_one_reported() {
    let mut overflow = None;
    let fault = fault_of(|| {
        let x = Var::leaf(800.0).exp(); // overflows first
        let y = Var::leaf(-1.0).ln(); // then another bad number
        overflow = Some(x);
        x + y
    });
    assert_eq!(fault.operation, "发酵 exp");
    assert_eq!(fault.inputs, [800.0]);
    assert_eq!(fault.output, f64::INFINITY);
    assert_eq!(Some(fault.entry), overflow.map(Var::index), "the tape entry of the exp");
}

#[test]
fn a_fresh_tape_forgets_the_fault() {
    fault_of(|| Var::leaf(-1.0).ln());
    tape::reset();
    assert_eq!(tape::fault(), None);
    let x = Var::leaf(2.0);
    let y = x.ln();
    backward(y, Order::Reference).unwrap();
    assert_eq!(x.grad(), 0.5);
}

#[test]
fn a_knob_that_blows_up_the_kitchen_stops_the_trace() {
    let config = Config {
        n_embd: 4,
        n_head: 1,
        n_layer: 1,
        block_size: 4,
    };
    let layout = Layout::new(config, 5);
    let mut knobs: Vec<f64> = (0..layout.len()).map(|i| ((i * 37 % 11) as f64 - 5.0) * 0.05).collect();
    // A flavour card so loud that squaring it overflows while the palate is rinsed.
    knobs[layout.wte().row(1).start] = 1e200;
    let mut grads = vec![7.0; layout.len()];
    let err = trace(&layout, &knobs, &[0, 1, 2, 0], Order::Reference, &mut grads)
        .expect_err("an overflow must stop the trace");
    let TraceError::Fault(fault) = err else {
        panic!("expected a fault, got {err}")
    };
    assert_eq!(fault.operation, "融合 mul");
    assert!(fault.inputs.contains(&1e200), "{fault}");
    assert!(fault.output.is_infinite(), "{fault}");
    // Nothing was written: no gradient computed from an infinity reaches the caller.
    assert!(grads.iter().all(|&g| g == 7.0));
}
