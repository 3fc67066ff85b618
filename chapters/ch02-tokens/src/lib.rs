//! # 第二章 拆解 — one dish at a time
//!
//! A menu is cut into single dishes, each dish gets a number, and each number gets a
//! flavour card of 16 knobs. The bell 🛎️ opens and closes every menu.

pub mod config;
pub mod knobs;
pub mod menu;

pub use ch01_ingredients::{self as ingredients, DataError, Dice};
pub use config::{Config, ConfigError};
pub use knobs::{knob_count, Knobs, Layout, Matrix};
pub use menu::{Menu, MenuError, BELL};

/// Everything the kitchen knows before it cooks: the shuffled records, the menu, and
/// 小明's knobs at their random starting turns — made in the reference's order, with one
/// pair of dice that later also picks the sampled names.
pub struct Pantry {
    pub docs: Vec<String>,
    pub menu: Menu,
    pub knobs: Knobs,
    pub dice: ch01_ingredients::Dice,
}

/// Anything that stops the pantry from being stocked.
#[derive(Debug, thiserror::Error)]
pub enum PantryError {
    #[error(transparent)]
    Data(#[from] ch01_ingredients::DataError),
    #[error(transparent)]
    Config(#[from] ConfigError),
}

impl Pantry {
    /// `random.seed(seed)`, load and shuffle the records, build the menu, turn the knobs.
    pub fn stock(data: Option<&std::path::Path>, config: Config, seed: i128) -> Result<Self, PantryError> {
        config.validate()?;
        let mut dice = ch01_ingredients::Dice::new(seed);
        let docs = ch01_ingredients::shuffled_records(data, &mut dice)?;
        let menu = Menu::from_records(&docs);
        let knobs = Knobs::init(config, menu.vocab_size(), &mut dice);
        Ok(Pantry {
            docs,
            menu,
            knobs,
            dice,
        })
    }
}
