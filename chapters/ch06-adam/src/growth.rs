//! 成长 — what the thousand dishes did to 小明: the penalty smoothed over the latest
//! dishes, and what his knobs now bet on after a given first dish.

use ch05_backprop::{softmax, Kitchen, Menu, Notebooks, PipelineError};

/// How many steps the moving average looks back over.
pub const WINDOW: usize = 50;

// ANCHOR: moving_average
/// The mean loss of the `window` steps ending at each step (of fewer at the start,
/// where there are not yet `window` of them). One step's loss jumps with its record —
/// "ava" is easier to guess than "jean-baptiste" — so the trend only shows in an average.
pub fn moving_average(losses: &[f64], window: usize) -> Vec<f64> {
    let window = window.max(1);
    (0..losses.len())
        .map(|i| {
            let recent = &losses[(i + 1).saturating_sub(window)..=i];
            recent.iter().sum::<f64>() / recent.len() as f64
        })
        .collect()
}
// ANCHOR_END: moving_average

/// Every dish with its share, likeliest first; equal shares keep menu order.
fn ranked(shares: impl IntoIterator<Item = f64>) -> Vec<(usize, f64)> {
    let mut ranked: Vec<(usize, f64)> = shares.into_iter().enumerate().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
}

// ANCHOR: follows
/// 小明's bet on the second dish of a menu that opens with the bell and then `first`:
/// serve both through the pipeline (plain numbers, nothing recorded) and turn the raw
/// scores of the second position into probabilities. Every dish, likeliest first.
pub fn follows(kitchen: &Kitchen<'_, f64>, menu: &Menu, first: usize) -> Result<Vec<(usize, f64)>, PipelineError> {
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    kitchen.serve(menu.bell(), 0, &mut notebooks)?;
    let scores = kitchen.serve(first, 1, &mut notebooks)?;
    Ok(ranked(softmax(&scores)))
}
// ANCHOR_END: follows

/// What the records say to the same question: among the records that start with
/// `first`, the share of each second dish (the bell when the record is that one dish
/// alone), likeliest first. Empty if no record starts with `first`.
pub fn follows_in_records(docs: &[String], menu: &Menu, first: char) -> Vec<(usize, f64)> {
    let mut counts = vec![0usize; menu.vocab_size()];
    for doc in docs {
        let mut dishes = doc.chars();
        if dishes.next() == Some(first) {
            let second = dishes.next().and_then(|d| menu.id(d)).unwrap_or(menu.bell());
            counts[second] += 1;
        }
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        return Vec::new();
    }
    ranked(counts.into_iter().map(|c| c as f64 / total as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ch05_backprop::{Config, Dice, Knobs};
    use proptest::prelude::*;

    fn docs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_average_looks_back_over_the_window() {
        let avg = moving_average(&[4.0, 2.0, 6.0, 0.0], 2);
        assert_eq!(avg, [4.0, 3.0, 4.0, 3.0]);
        assert_eq!(moving_average(&[1.0, 3.0], 50), [1.0, 2.0]);
        assert!(moving_average(&[], 50).is_empty());
    }

    proptest! {
        #[test]
        fn the_average_stays_between_the_extremes_of_its_window(
            losses in prop::collection::vec(0.0f64..10.0, 1..200),
            window in 1usize..60,
        ) {
            let avg = moving_average(&losses, window);
            prop_assert_eq!(avg.len(), losses.len());
            for (i, a) in avg.iter().enumerate() {
                let recent = &losses[(i + 1).saturating_sub(window)..=i];
                let lo = recent.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = recent.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(lo - 1e-12 <= *a && *a <= hi + 1e-12, "{a} not in [{lo}, {hi}]");
            }
            prop_assert_eq!(moving_average(&losses, 1), losses);
        }
    }

    #[test]
    fn the_records_say_what_follows() {
        let d = docs(&["ava", "anna", "al", "a", "bob", "ann"]);
        let menu = Menu::from_records(&d);
        let n = menu.id('n').unwrap();
        let after_a = follows_in_records(&d, &menu, 'a');
        assert_eq!(after_a[0], (n, 0.4));
        // v, l and the bell once each: equal shares keep menu order, the bell last.
        let rest: Vec<usize> = after_a[1..4].iter().map(|&(id, _)| id).collect();
        assert_eq!(rest, [menu.id('l').unwrap(), menu.id('v').unwrap(), menu.bell()]);
        assert!(after_a[4..].iter().all(|&(_, share)| share == 0.0));
        assert!(follows_in_records(&d, &menu, 'z').is_empty());
    }

    #[test]
    fn the_bet_is_a_ranked_probability_over_the_whole_menu() {
        let d = docs(&["emma", "ava"]);
        let menu = Menu::from_records(&d);
        let knobs = Knobs::init(Config::default(), menu.vocab_size(), &mut Dice::new(42));
        let kitchen = Kitchen::new(&knobs.layout, &knobs.values).unwrap();
        let bet = follows(&kitchen, &menu, menu.id('e').unwrap()).unwrap();
        assert_eq!(bet.len(), menu.vocab_size());
        assert!((bet.iter().map(|b| b.1).sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(bet.windows(2).all(|w| w[0].1 >= w[1].1));
        let mut ids: Vec<usize> = bet.iter().map(|b| b.0).collect();
        ids.sort_unstable();
        assert_eq!(ids, (0..menu.vocab_size()).collect::<Vec<_>>());
    }
}
