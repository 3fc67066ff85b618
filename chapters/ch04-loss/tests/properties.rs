//! The loss of any menu on any small kitchen: one penalty per position it bets on (at
//! most block_size of them), none negative, and the loss is their average in the
//! reference's order — `average_penalty` of the penalties, to the last bit.

use ch04_loss::{average_penalty, menu_loss, perplexity, Config, Dice, Kitchen, Knobs};
use proptest::prelude::*;

fn small_kitchen() -> impl Strategy<Value = (Config, usize, i128)> {
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
            (
                Config {
                    n_embd,
                    n_head,
                    n_layer,
                    block_size,
                },
                vocab,
                i128::from(seed),
            )
        })
}

proptest! {
    #[test]
    fn the_loss_is_the_average_penalty(
        (config, vocab, seed) in small_kitchen(),
        raw in prop::collection::vec(any::<u32>(), 2..10),
    ) {
        let knobs = Knobs::init(config, vocab, &mut Dice::new(seed));
        let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
        let tokens: Vec<usize> = raw.iter().map(|&t| t as usize % vocab).collect();
        let scored = menu_loss(&kitchen, &tokens).unwrap();

        prop_assert_eq!(scored.penalties.len(), config.block_size.min(tokens.len() - 1));
        prop_assert!(scored.penalties.iter().all(|p| p.is_finite() && *p >= 0.0), "{:?}", scored.penalties);
        prop_assert_eq!(average_penalty(&scored.penalties).to_bits(), scored.loss.to_bits());
        // A loss is a penalty like any other: e^loss dishes, at least one.
        prop_assert!(perplexity(scored.loss) >= 1.0);
    }
}
