//! The loss of any menu on any small kitchen: one penalty per position it bets on (at
//! most block_size of them), none negative, and the loss is their average in the
//! reference's order — `average_penalty` of the penalties, to the last bit.

use ch04_loss::{average_penalty, menu_loss, perplexity, Config, Dice, Kitchen, Knobs};
use proptest::prelude::*;

#[path = "../../../tests/support/small_kitchen.rs"]
mod support;
use support::small_kitchen;

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
