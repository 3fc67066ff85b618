//! 骰子 — the kitchen's dice: CPython's `random` module, reproduced exactly.
//!
//! The reference kitchen rolls every die with Python's Mersenne Twister (MT19937). To get
//! the same shuffled records, the same initial knobs and the same sampled names, our dice
//! must be the same dice: same seeding, same bit twiddling, same floating-point formulas.

use rand::{RngCore, SeedableRng};

const N: usize = 624;
const M: usize = 397;

/// The kitchen's dice: a Mersenne Twister seeded and used exactly as CPython's `random`.
#[derive(Clone)]
pub struct Dice {
    state: [u32; N],
    index: usize,
    /// `gauss` makes two normal numbers at a time and keeps the second for the next call.
    gauss_next: Option<f64>,
}

/// A roll that cannot be made: `choices` with weights that are empty, zero or not finite.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiceError {
    #[error("cannot choose from {population} dishes with {weights} weights: give one weight per dish")]
    WeightCount { population: usize, weights: usize },
    #[error("the weights add up to {total}: they must add up to a finite number greater than zero")]
    BadTotal { total: f64 },
}

impl std::fmt::Debug for Dice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dice")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl Dice {
    /// `random.seed(n)`: seeds from the absolute value of `n`, split into 32-bit words.
    pub fn new(seed: i128) -> Self {
        let mut n = seed.unsigned_abs();
        let mut key = Vec::new();
        while n > 0 {
            key.push(n as u32);
            n >>= 32;
        }
        if key.is_empty() {
            key.push(0);
        }
        Self::from_key(&key)
    }

    /// MT19937's `init_by_array`, as CPython calls it.
    fn from_key(key: &[u32]) -> Self {
        let mut mt = [0u32; N];
        mt[0] = 19_650_218;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        Dice {
            state: mt,
            index: N,
            gauss_next: None,
        }
    }

    /// One raw 32-bit roll (`genrand_uint32`).
    pub fn next_word(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn twist(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        for k in 0..N {
            let y = (self.state[k] & UPPER) | (self.state[(k + 1) % N] & LOWER);
            let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
            self.state[k] = self.state[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// `random.random()`: a float in [0, 1) built from 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = self.next_word() >> 5;
        let b = self.next_word() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)` for k ≤ 64: whole words first, the last one cut short.
    pub fn bits(&mut self, k: u32) -> u64 {
        assert!(k <= 64, "bits: at most 64 bits at a time, asked for {k}");
        if k <= 32 {
            return if k == 0 {
                0
            } else {
                u64::from(self.next_word() >> (32 - k))
            };
        }
        let low = u64::from(self.next_word());
        let high = u64::from(self.next_word() >> (64 - k));
        (high << 32) | low
    }

    /// `random.gauss(mu, sigma)`: Box–Muller, keeping the second value for the next call.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * (2.0 * std::f64::consts::PI);
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    // ANCHOR: below
    /// `random._randbelow(n)`: a fair integer in `0..n`, by drawing just enough bits
    /// and rolling again whenever the draw lands outside the range.
    pub fn below(&mut self, n: usize) -> usize {
        let k = usize::BITS - n.leading_zeros();
        loop {
            let r = self.bits(k) as usize;
            if r < n {
                return r;
            }
        }
    }
    // ANCHOR_END: below

    /// `random.choices(range(len(weights)), weights)[0]`: an index drawn with the given
    /// weights, by walking the running totals (bisect right), as CPython does.
    pub fn choose_weighted(&mut self, weights: &[f64]) -> Result<usize, DiceError> {
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut running = 0.0;
        for (i, &w) in weights.iter().enumerate() {
            // itertools.accumulate starts from the first weight, not from 0 + it.
            running = if i == 0 { w } else { running + w };
            cumulative.push(running);
        }
        let total = cumulative.last().copied().unwrap_or(0.0) + 0.0;
        if weights.is_empty() || total.is_nan() || total <= 0.0 {
            return Err(DiceError::BadTotal { total });
        }
        if !total.is_finite() {
            return Err(DiceError::BadTotal { total });
        }
        let x = self.random() * total;
        let (mut lo, mut hi) = (0, cumulative.len() - 1);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if x < cumulative[mid] {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    }

    /// `random.choices(population, weights)[0]` for a population of any type.
    pub fn choose<'a, T>(&mut self, population: &'a [T], weights: &[f64]) -> Result<&'a T, DiceError> {
        if population.len() != weights.len() {
            return Err(DiceError::WeightCount {
                population: population.len(),
                weights: weights.len(),
            });
        }
        Ok(&population[self.choose_weighted(weights)?])
    }
}

// ANCHOR: shuffle
#[cfg(not(feature = "workbench"))]
impl Dice {
    /// `random.shuffle(x)`: Fisher–Yates from the back, each card swapped with one at or
    /// before it.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}
// ANCHOR_END: shuffle

// ANCHOR: shuffle_starter
#[cfg(feature = "workbench")]
impl Dice {
    /// Exercise 1.2: shuffle the records exactly as Python's `random.shuffle` does.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        let _ = items;
        todo!("walk i from the last index down to 1, swap items[i] with items[self.below(i + 1)]")
    }
}
// ANCHOR_END: shuffle_starter

impl RngCore for Dice {
    fn next_u32(&mut self) -> u32 {
        self.next_word()
    }

    fn next_u64(&mut self) -> u64 {
        self.bits(64)
    }

    fn fill_bytes(&mut self, dst: &mut [u8]) {
        rand::rand_core::impls::fill_bytes_via_next(self, dst)
    }
}

impl SeedableRng for Dice {
    type Seed = [u8; 16];

    /// The seed bytes are a little-endian integer, as `random.seed(int)` reads it.
    fn from_seed(seed: Self::Seed) -> Self {
        Dice::new(i128::from_le_bytes(seed))
    }

    fn seed_from_u64(state: u64) -> Self {
        Dice::new(i128::from(state))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Values printed by CPython 3.11 (`random.seed(s); random.random()` and friends).
    #[test]
    fn random_matches_cpython_seed_42() {
        let mut d = Dice::new(42);
        assert_eq!(d.random(), 0.6394267984578837);
        assert_eq!(d.random(), 0.025010755222666936);
        assert_eq!(d.random(), 0.27502931836911926);
    }

    #[test]
    fn exercise_shuffle_matches_cpython() {
        let mut d = Dice::new(42);
        let mut v: Vec<u32> = (0..10).collect();
        d.shuffle(&mut v);
        assert_eq!(v, [7, 3, 2, 8, 5, 6, 9, 4, 0, 1]);
    }

    proptest! {
        #[test]
        fn shuffle_is_a_permutation(seed in any::<u64>(), n in 0usize..200) {
            let mut d = Dice::new(seed.into());
            let mut v: Vec<usize> = (0..n).collect();
            d.shuffle(&mut v);
            v.sort();
            prop_assert_eq!(v, (0..n).collect::<Vec<_>>());
        }

        #[test]
        fn below_stays_below(seed in any::<u64>(), n in 1usize..1_000_000) {
            let mut d = Dice::new(seed.into());
            prop_assert!(d.below(n) < n);
        }

        #[test]
        fn random_is_in_unit_interval(seed in any::<i64>()) {
            let mut d = Dice::new(seed.into());
            for _ in 0..100 {
                let x = d.random();
                prop_assert!((0.0..1.0).contains(&x));
            }
        }
    }
}
