//! `cargo bench -p ch06-adam`: the whole default training — 1000 steps of forward,
//! ordering, backward and 师傅's update — timed from knobs to trained knobs, plus the
//! process's peak memory. The reference script takes minutes for the same work.

use ch06_adam::{Apprentice, Config, Habits, Pantry};
use std::time::Instant;

/// Peak resident memory of this process so far (VmHWM), in kB, where Linux reports it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let pantry =
        Pantry::stock(None, Config::default(), 42).expect("data/names.txt (run `cargo run -p ch01-ingredients` once)");
    let mut rounds = Vec::new();
    let mut last = 0.0;
    for _ in 0..7 {
        let mut apprentice = Apprentice::new(pantry.knobs.clone(), Habits::default());
        let start = Instant::now();
        apprentice
            .train(&pantry.docs, &pantry.menu, 1000, 1000, |lesson| last = lesson.loss)
            .expect("trains");
        rounds.push(start.elapsed().as_secs_f64());
    }
    rounds.sort_by(f64::total_cmp);
    println!(
        "1000 training steps: median {:.3} s, fastest {:.3} s over {} runs (last loss {last:.4}); peak RSS {} kB",
        rounds[rounds.len() / 2],
        rounds[0],
        rounds.len(),
        peak_rss_kb().map_or("unknown".into(), |k| k.to_string())
    );
}
