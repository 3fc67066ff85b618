//! `cargo bench -p ch05-backprop`: forward + ordering + backward of one record, in
//! recorded operations per second. A plain harness (no framework): a warm-up, then the
//! median of several timed rounds, so the figure is stable on a busy 2-core machine.

use ch05_backprop::{tape, trace, Config, Order, Pantry};
use std::time::Instant;

fn main() {
    let pantry =
        Pantry::stock(None, Config::default(), 42).expect("data/names.txt (run `cargo run -p ch01-ingredients` once)");
    let layout = &pantry.knobs.layout;
    let knobs = &pantry.knobs.values;
    let mut grads = vec![0.0; knobs.len()];
    // The first 200 training records: names of every common length.
    let records: Vec<Vec<usize>> = pantry.docs[..200]
        .iter()
        .map(|d| pantry.menu.encode(d).expect("on the menu"))
        .collect();

    for order in [Order::Reference, Order::Creation] {
        let mut ops = 0usize;
        for tokens in &records {
            trace(layout, knobs, tokens, order, &mut grads).expect("traces");
            ops += tape::len();
        }
        let mut rounds = Vec::new();
        for _ in 0..15 {
            let start = Instant::now();
            for tokens in &records {
                trace(layout, knobs, tokens, order, &mut grads).expect("traces");
            }
            rounds.push(start.elapsed().as_secs_f64());
        }
        rounds.sort_by(f64::total_cmp);
        let median = rounds[rounds.len() / 2];
        println!(
            "{order:?}: {} records, {:.0} tape entries per record, {:.1} µs per record, {:.0} million recorded operations per second",
            records.len(),
            ops as f64 / records.len() as f64,
            median / records.len() as f64 * 1e6,
            ops as f64 / median / 1e6
        );
    }
}
