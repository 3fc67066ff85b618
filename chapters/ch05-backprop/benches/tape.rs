//! `cargo bench -p ch05-backprop`: forward + ordering + backward of one record, in
//! recorded operations per second. A plain harness (no framework): a warm-up, then the
//! median and the fastest of several timed rounds. On a busy shared machine the median
//! wanders; the fastest round is the steadier figure for comparing two versions.

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
        let (median, fastest) = (rounds[rounds.len() / 2], rounds[0]);
        let per_record = |t: f64| t / records.len() as f64 * 1e6;
        let rate = |t: f64| ops as f64 / t / 1e6;
        println!(
            "{order:?}: {} records, {:.0} tape entries per record; median {:.1} µs per record, {:.0} million recorded operations per second; fastest round {:.1} µs, {:.0} million",
            records.len(),
            ops as f64 / records.len() as f64,
            per_record(median),
            rate(median),
            per_record(fastest),
            rate(fastest),
        );
    }
}
