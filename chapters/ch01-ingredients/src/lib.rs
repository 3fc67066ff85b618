//! # 第一章 食材 — the ingredients
//!
//! 32,033 records of the masters' menus, each a name written one dish (letter) at a time.
//! 小明 sees only the order of the dishes. This chapter loads the records exactly as
//! microgpt does, and shuffles them with dice that roll exactly like Python's.

pub mod dice;
pub mod facts;
pub mod fetch;
pub mod records;

pub use dice::{Dice, DiceError};
pub use records::{clean, load, locate, DataArg, DataError};

/// The seed the reference kitchen uses for everything: shuffling, knobs and sampling.
pub const SEED: i128 = 42;

/// Loads the records (from `--data`, `data/names.txt` or a download) and shuffles them
/// with `dice`, as the reference does before anything else.
pub fn shuffled_records(data: Option<&std::path::Path>, dice: &mut Dice) -> Result<Vec<String>, DataError> {
    let mut docs = load(&locate(data)?)?;
    dice.shuffle(&mut docs);
    Ok(docs)
}

/// How every program of the kitchen ends: fine, or one line `error: …` on stderr (naming
/// the file, line or value and what to do) and a failing exit code — never a panic.
pub fn report<E: std::fmt::Display>(result: Result<(), E>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
