//! 厨房的尺寸 — the kitchen's sizes: how wide a flavour card is, how many sous-chefs,
//! how many rounds of stations, how long a menu may be.

/// The model's sizes, with the reference's defaults — also the command-line flags
/// `--n-embd`, `--n-head`, `--n-layer` and `--block-size` of every program that builds a
/// kitchen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct Config {
    /// Numbers on each flavour card (embedding width).
    #[arg(long, default_value_t = Config::REFERENCE.n_embd)]
    pub n_embd: usize,
    /// Sous-chefs at the round table (attention heads).
    #[arg(long, default_value_t = Config::REFERENCE.n_head)]
    pub n_head: usize,
    /// Rounds of round table + back kitchen (transformer layers).
    #[arg(long, default_value_t = Config::REFERENCE.n_layer)]
    pub n_layer: usize,
    /// The longest menu 小明 can keep in mind (context length).
    #[arg(long, default_value_t = Config::REFERENCE.block_size)]
    pub block_size: usize,
}

impl Config {
    /// The reference's sizes: microgpt's defaults, stated once (the flags' defaults too).
    pub const REFERENCE: Config = Config {
        n_embd: 16,
        n_head: 4,
        n_layer: 1,
        block_size: 16,
    };
}

impl Default for Config {
    fn default() -> Self {
        Config::REFERENCE
    }
}

/// Sizes the kitchen cannot be built with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is {value}: it must be at least 1")]
    Zero { name: &'static str, value: usize },
    #[error("n_embd {n_embd} is not divisible by n_head {n_head}: each sous-chef needs an equal share of the card")]
    Indivisible { n_embd: usize, n_head: usize },
}

impl Config {
    /// Checks the sizes; every constructor of a kitchen calls this first.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for (name, value) in [
            ("n_embd", self.n_embd),
            ("n_head", self.n_head),
            ("n_layer", self.n_layer),
            ("block_size", self.block_size),
        ] {
            if value == 0 {
                return Err(ConfigError::Zero { name, value });
            }
        }
        if !self.n_embd.is_multiple_of(self.n_head) {
            return Err(ConfigError::Indivisible {
                n_embd: self.n_embd,
                n_head: self.n_head,
            });
        }
        Ok(())
    }

    /// How much of the flavour card each sous-chef looks at.
    pub fn head_dim(&self) -> usize {
        self.n_embd / self.n_head
    }
}
