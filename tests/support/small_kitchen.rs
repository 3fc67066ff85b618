//! Shared by the property tests of chapters 3 and 4 (included with `#[path]`; the test
//! file brings `Config` and proptest's prelude into scope): a small random kitchen.

use super::Config;
use proptest::prelude::*;

/// Its sizes (n_embd 4 or 8, a head count that divides it, 1–2 rounds, menus of 2–6
/// dishes), how many dishes on its menu (3–6), and a seed for its knobs.
pub fn small_kitchen() -> impl Strategy<Value = (Config, usize, i128)> {
    (
        prop_oneof![Just(4usize), Just(8)],
        0usize..4,
        1usize..=2,
        2usize..=6,
        3usize..=6,
        any::<u32>(),
    )
        .prop_map(|(n_embd, pick, n_layer, block_size, vocab, seed)| {
            let heads: Vec<usize> = (1..=n_embd).filter(|h| n_embd % h == 0).collect();
            let n_head = heads[pick % heads.len()];
            let config = Config {
                n_embd,
                n_head,
                n_layer,
                block_size,
            };
            (config, vocab, i128::from(seed))
        })
}
