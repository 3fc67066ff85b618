//! 独自掌厨 — serving alone: the bell starts a menu, each dish goes through the
//! pipeline (the notebooks filling as it goes), the next dish is drawn from the vote with
//! the kitchen's dice, until 小明 rings the bell or the menu is full.

use crate::temperature::{argmax, check, vote, BadTemperature};
use ch06_adam::ingredients::DiceError;
use ch06_adam::{Dice, Kitchen, Menu, MenuError, Notebooks, PipelineError};

/// Why a menu could not be served.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error(transparent)]
    Temperature(#[from] BadTemperature),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error(transparent)]
    Dice(#[from] DiceError),
    #[error("prefix: {0}")]
    Prefix(#[from] MenuError),
}

/// One course of a served menu: what 小明 believed, and what came.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// The vote over every dish (at the serving temperature; plain softmax at 0).
    pub probs: Vec<f64>,
    /// The dish that came next (the bell if the menu ended).
    pub chosen: usize,
    /// Whether the dish was given by the prefix rather than chosen by 小明.
    pub given: bool,
}

/// A served menu: the dishes (without bells) and each course's vote.
#[derive(Debug, Clone, PartialEq)]
pub struct Served {
    pub dishes: Vec<usize>,
    pub courses: Vec<Course>,
}

// ANCHOR: serve
/// Serve one menu. `prefix` dishes are placed first (no dice rolled for them); then each
/// next dish is drawn with `random.choices` from the vote at `temperature`, or is the
/// safest dish when the temperature is 0. Plain numbers all the way: nothing is recorded.
pub fn serve(
    kitchen: &Kitchen<'_, f64>,
    menu: &Menu,
    dice: &mut Dice,
    temperature: f64,
    prefix: &[usize],
) -> Result<Served, SampleError> {
    let temperature = check(temperature)?;
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    let (mut token, mut dishes, mut courses) = (menu.bell(), Vec::new(), Vec::new());
    let block_size = kitchen.layout.config.block_size;
    for pos in 0.. {
        let logits = kitchen.serve(token, pos, &mut notebooks)?;
        let (probs, chosen, given) = match prefix.get(pos) {
            Some(&dish) => (vote(&logits, 1.0), dish, true),
            None if temperature == 0.0 => (vote(&logits, 1.0), argmax(&logits), false),
            None => {
                let probs = vote(&logits, temperature);
                let chosen = dice.choose_weighted(&probs)?;
                (probs, chosen, false)
            }
        };
        courses.push(Course { probs, chosen, given });
        if chosen != menu.bell() {
            dishes.push(chosen);
        }
        if !goes_on(chosen, menu.bell(), pos, block_size) {
            break;
        }
        token = chosen;
    }
    Ok(Served { dishes, courses })
}
// ANCHOR_END: serve

// ANCHOR: stop
/// Whether serving goes on after `chosen` at position `pos`: not after the bell, and not
/// past the longest menu.
#[cfg(not(feature = "workbench"))]
pub fn goes_on(chosen: usize, bell: usize, pos: usize, block_size: usize) -> bool {
    chosen != bell && pos + 1 < block_size
}
// ANCHOR_END: stop

// ANCHOR: stop_starter
/// Exercise 7.3: when does a menu end?
#[cfg(feature = "workbench")]
pub fn goes_on(chosen: usize, bell: usize, pos: usize, block_size: usize) -> bool {
    let _ = (chosen, bell, pos, block_size);
    todo!("false after the bell, or when position pos was the last one (block_size − 1)")
}
// ANCHOR_END: stop_starter

/// The menu's printed form.
pub fn name(menu: &Menu, dishes: &[usize]) -> String {
    menu.decode(dishes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercise_stopping() {
        assert!(goes_on(3, 26, 0, 16));
        assert!(!goes_on(26, 26, 0, 16));
        assert!(!goes_on(3, 26, 15, 16));
        assert!(goes_on(3, 26, 14, 16));
    }
}
