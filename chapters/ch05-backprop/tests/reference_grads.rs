//! The first training step's gradients, pinned against the reference.
//!
//! `tests/data/reference-first-grads.txt` holds, one per line, every knob's gradient after
//! microgpt's first `loss.backward()` (seed 42, the first shuffled record, the knobs as
//! initialised). Tracing the same menu in the reference's order must give the same 4,192
//! numbers bit for bit; tracing it in reverse order of creation must give nearly the same.

use ch05_backprop::{trace, Config, Order, Pantry};

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/data/reference-first-grads.txt"
);
const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

fn reference() -> Vec<f64> {
    let text = std::fs::read_to_string(REFERENCE).unwrap_or_else(|e| panic!("{REFERENCE}: {e}"));
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            line.parse::<f64>()
                .unwrap_or_else(|e| panic!("{REFERENCE}:{}: {line:?}: {e}", i + 1))
        })
        .collect()
}

/// The first record's gradients, traced in `order`.
fn first_grads(order: Order) -> Vec<f64> {
    let pantry =
        Pantry::stock(Some(std::path::Path::new(NAMES)), Config::default(), 42).expect("data/names.txt is present");
    let tokens = pantry.menu.encode(&pantry.docs[0]).unwrap();
    let mut grads = vec![0.0; pantry.knobs.values.len()];
    trace(&pantry.knobs.layout, &pantry.knobs.values, &tokens, order, &mut grads).unwrap();
    grads
}

#[test]
fn every_gradient_equals_the_reference_bit_for_bit() {
    let expected = reference();
    let got = first_grads(Order::Reference);
    assert_eq!(expected.len(), 4192);
    assert_eq!(got.len(), expected.len());
    let wrong: Vec<String> = got
        .iter()
        .zip(&expected)
        .enumerate()
        .filter(|(_, (g, e))| g.to_bits() != e.to_bits())
        .map(|(i, (g, e))| format!("#{i}: ours {g:?}, reference {e:?}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of 4192 gradients differ, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
    // Not a file of zeros: most knobs are to blame for something.
    assert!(expected.iter().filter(|g| **g != 0.0).count() > 3000);
}

#[test]
fn reverse_creation_order_gives_nearly_the_same_gradients() {
    let reference = first_grads(Order::Reference);
    let creation = first_grads(Order::Creation);
    let mut differ = 0;
    for (i, (r, c)) in reference.iter().zip(&creation).enumerate() {
        let relative = if r == c {
            0.0
        } else {
            (r - c).abs() / r.abs().max(c.abs())
        };
        assert!(
            relative <= 1e-12,
            "knob #{i}: reference order {r:?}, creation order {c:?}"
        );
        differ += usize::from(r.to_bits() != c.to_bits());
    }
    eprintln!(
        "{differ} of {} gradients differ in the last bits between the two orders",
        reference.len()
    );
    // Both orders are correct, but they add shared contributions in another order: on this
    // menu that shows in the last bits of most of the knobs that get any blame.
    assert!(
        differ > 0,
        "the two orders agreed on every bit: the comparison would show nothing"
    );
    // Zero stays zero: a knob no order reaches gets no blame in either.
    for (r, c) in reference.iter().zip(&creation) {
        assert_eq!(*r == 0.0, *c == 0.0);
    }
}
