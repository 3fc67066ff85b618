//! The kitchen's dice, pinned bit for bit against CPython 3.11's `random` module.
//!
//! Every expected value below was printed by `python3` (CPython 3.11.7) with the snippet
//! in the comment above it, and pasted here as a literal. Floats are compared with
//! `assert_eq!`: the dice must roll *exactly* like Python's, not approximately.

use ch01_ingredients::dice::{Dice, DiceError};
use rand::{RngCore, SeedableRng};

/// `n` calls of `roll` on one die.
fn rolls<T>(dice: &mut Dice, n: usize, mut roll: impl FnMut(&mut Dice) -> T) -> Vec<T> {
    (0..n).map(|_| roll(dice)).collect()
}

// ---------------------------------------------------------------------------------------
// random(), for seeds of every size and sign
//
//   import random
//   for s in [0, 1, 42, 2**32+5, 2**70+3, -7]:
//       rng = random.Random(s); print(s, [rng.random() for _ in range(5)])
// ---------------------------------------------------------------------------------------

fn assert_random(seed: i128, expected: [f64; 5]) {
    let got = rolls(&mut Dice::new(seed), 5, Dice::random);
    assert_eq!(got, expected, "random() after seed {seed}");
}

#[test]
fn random_seed_0() {
    assert_random(
        0,
        [
            0.8444218515250481,
            0.7579544029403025,
            0.420571580830845,
            0.25891675029296335,
            0.5112747213686085,
        ],
    );
}

#[test]
fn random_seed_1() {
    assert_random(
        1,
        [
            0.13436424411240122,
            0.8474337369372327,
            0.763774618976614,
            0.2550690257394217,
            0.49543508709194095,
        ],
    );
}

#[test]
fn random_seed_42() {
    assert_random(
        42,
        [
            0.6394267984578837,
            0.025010755222666936,
            0.27502931836911926,
            0.22321073814882275,
            0.7364712141640124,
        ],
    );
}

#[test]
fn random_seed_wider_than_32_bits() {
    // 2**32 + 5 = 4294967301: the key has two 32-bit words, [5, 1].
    assert_random(
        (1 << 32) + 5,
        [
            0.15727238718789782,
            0.2824866316461999,
            0.6044540318498407,
            0.014523449205355199,
            0.6277755437144577,
        ],
    );
}

#[test]
fn random_seed_wider_than_64_bits() {
    // 2**70 + 3 = 1180591620717411303427: three words, [3, 0, 64].
    assert_random(
        (1 << 70) + 3,
        [
            0.16339507200642456,
            0.9974755625541745,
            0.2450324792369598,
            0.28159516427189935,
            0.03324660183942185,
        ],
    );
}

#[test]
fn random_negative_seed_uses_its_absolute_value() {
    let expected = [
        0.32383276483316237,
        0.15084917392450192,
        0.6509344730398537,
        0.07243628666754276,
        0.5358820043066892,
    ];
    assert_random(-7, expected);
    assert_random(7, expected);
}

#[test]
fn random_extreme_seeds() {
    //   random.Random(2**64 - 1).random()   -> 0.021825695401270107
    //   random.Random(2**127 - 1).random()  -> 0.9073594856276697
    //   random.Random(-(2**127)).random()   -> 0.8627195615318112
    assert_eq!(Dice::new(u64::MAX.into()).random(), 0.021825695401270107);
    assert_eq!(Dice::new(i128::MAX).random(), 0.9073594856276697);
    assert_eq!(Dice::new(i128::MIN).random(), 0.8627195615318112);
}

#[test]
fn seedable_rng_reads_the_seed_as_a_little_endian_integer() {
    // (2**70 + 3).to_bytes(16, 'little')
    let mut bytes = [0u8; 16];
    bytes[0] = 3;
    bytes[8] = 0x40;
    assert_eq!(Dice::from_seed(bytes).random(), 0.16339507200642456);
    assert_eq!(Dice::seed_from_u64(42).random(), 0.6394267984578837);
}

// ---------------------------------------------------------------------------------------
// gauss(mu, sigma): Box–Muller, two values per pair of random() calls
//
//   for s in [42, 0]:
//       rng = random.Random(s); print([rng.gauss(0, 0.08) for _ in range(7)])
//   rng = random.Random(42); print([rng.gauss(1.5, 2.0) for _ in range(5)])
// ---------------------------------------------------------------------------------------

#[test]
fn gauss_seed_42() {
    let got = rolls(&mut Dice::new(42), 7, |d| d.gauss(0.0, 0.08));
    assert_eq!(
        got,
        [
            -0.011527226366234268,
            -0.013832288026521545, // the cached second value of the first pair
            -0.008905268925412997,
            0.05615869800790905,
            -0.010207062702630967,
            -0.1197882731472766,
            0.02658546752541722,
        ]
    );
}

#[test]
fn gauss_seed_0() {
    let got = rolls(&mut Dice::new(0), 7, |d| d.gauss(0.0, 0.08));
    assert_eq!(
        got,
        [
            0.07533723237445315,
            -0.11172624837609199,
            -0.054377155846273686,
            0.029640285396852786,
            -0.08130791153504567,
            -0.005769601822805708,
            0.01433571898198855,
        ]
    );
}

#[test]
fn gauss_with_mean_and_spread() {
    let got = rolls(&mut Dice::new(42), 5, |d| d.gauss(1.5, 2.0));
    assert_eq!(
        got,
        [
            1.2118193408441433,
            1.1541927993369614,
            1.277368276864675,
            2.903967450197726,
            1.2448234324342258
        ]
    );
}

#[test]
fn gauss_cache_survives_other_rolls() {
    //   rng = random.Random(42)
    //   [rng.gauss(0, 0.08), rng.random(), rng.gauss(0, 0.08), rng.gauss(0, 0.08)]
    //   -> [-0.011527226366234268, 0.27502931836911926, -0.013832288026521545, 0.02188792052467065]
    // random() does not touch the cached value: the next gauss still returns it.
    let mut d = Dice::new(42);
    assert_eq!(d.gauss(0.0, 0.08), -0.011527226366234268);
    assert_eq!(d.random(), 0.27502931836911926);
    assert_eq!(d.gauss(0.0, 0.08), -0.013832288026521545);
    assert_eq!(d.gauss(0.0, 0.08), 0.02188792052467065);
}

#[test]
fn reseeding_forgets_the_cached_gauss() {
    //   rng = random.Random(42); rng.gauss(0, 1); rng.seed(42); rng.gauss(0, 0.08)
    //   -> -0.011527226366234268   (seed() clears gauss_next)
    // Dice::new is our seed(): a fresh die has no cached value.
    let mut d = Dice::new(42);
    d.gauss(0.0, 1.0);
    let mut d = Dice::new(42);
    assert_eq!(d.gauss(0.0, 0.08), -0.011527226366234268);
    // A clone, on the other hand, carries the cache with it, as copy.copy(rng) would.
    let mut a = Dice::new(42);
    a.gauss(0.0, 0.08);
    let mut b = a.clone();
    assert_eq!(a.gauss(0.0, 0.08), -0.013832288026521545);
    assert_eq!(b.gauss(0.0, 0.08), -0.013832288026521545);
}

// ---------------------------------------------------------------------------------------
// bits(k) = getrandbits(k)
//
//   for k in [1, 7, 32, 33, 64]:
//       rng = random.Random(42); print(k, [rng.getrandbits(k) for _ in range(6)])
// ---------------------------------------------------------------------------------------

/// `rng = random.Random(42); [rng.getrandbits(64) for _ in range(8)]`.
const GETRANDBITS_64_SEED_42: [u64; 8] = [
    2053695854357871005,
    13679192365072849617,
    4517457392071889495,
    2574020394472462046,
    1890702223848595625,
    13662908291426823533,
    10060236952204337488,
    10892664235628797826,
];

fn assert_bits(k: u32, expected: [u64; 6]) {
    let got = rolls(&mut Dice::new(42), 6, |d| d.bits(k));
    assert_eq!(got, expected, "getrandbits({k})");
    assert!(got.iter().all(|&b| k == 64 || b < 1 << k));
}

#[test]
fn bits_1() {
    assert_bits(1, [1, 0, 0, 1, 0, 0]);
}

#[test]
fn bits_7() {
    assert_bits(7, [81, 14, 3, 94, 35, 31]);
}

#[test]
fn bits_32() {
    assert_bits(
        32,
        [2746317213, 478163327, 107420369, 3184935163, 1181241943, 1051802512],
    );
}

#[test]
fn bits_33() {
    // Two words each: the first whole (low), the second cut to one bit (high).
    assert_bits(
        33,
        [2746317213, 4402387665, 1181241943, 958682846, 3163119785, 7201369453],
    );
}

#[test]
fn bits_64() {
    let mut first_six = [0; 6];
    first_six.copy_from_slice(&GETRANDBITS_64_SEED_42[..6]);
    assert_bits(64, first_six);
}

#[test]
fn rng_core_words_are_getrandbits() {
    //   rng = random.Random(42); rng.getrandbits(32), rng.getrandbits(64)
    //   -> 2746317213, 461366972257415551   (= 107420369 << 32 | 478163327)
    let mut d = Dice::new(42);
    assert_eq!(d.next_u32(), 2746317213);
    assert_eq!(d.next_u64(), 461366972257415551);
}

// ---------------------------------------------------------------------------------------
// below(n) = _randbelow(n)
//
//   for n in [1, 2, 3, 10, 27, 100, 1000, 32033, 2**31, 2**32, 2**32+1, 2**63+5, 2**64-1]:
//       rng = random.Random(42); print(n, [rng._randbelow(n) for _ in range(8)])
// ---------------------------------------------------------------------------------------

fn assert_below(n: usize, expected: [usize; 8]) {
    let got = rolls(&mut Dice::new(42), 8, |d| d.below(n));
    assert_eq!(got, expected, "_randbelow({n})");
}

#[test]
fn below_small() {
    assert_below(1, [0; 8]);
    assert_below(2, [0, 0, 1, 0, 0, 0, 0, 0]);
    assert_below(3, [2, 0, 0, 2, 1, 0, 0, 0]);
    assert_below(10, [1, 0, 4, 3, 3, 2, 1, 8]);
    assert_below(27, [20, 3, 0, 23, 8, 7, 7, 4]);
    assert_below(100, [81, 14, 3, 94, 35, 31, 28, 17]);
    assert_below(1000, [654, 114, 25, 759, 281, 250, 228, 142]);
    assert_below(32033, [20952, 3648, 819, 24299, 9012, 8024, 7314, 4572]);
}

#[test]
fn below_around_32_bits() {
    assert_below(
        1 << 31,
        [
            478163327, 107420369, 1181241943, 1051802512, 958682846, 599310825, 440213415, 373399426,
        ],
    );
    // 2**32 needs 33 bits, so each draw takes two words and most are rejected.
    assert_below(
        1 << 32,
        [
            2746317213, 1181241943, 958682846, 3163119785, 1812140441, 127978094, 939042955, 2340505846,
        ],
    );
    assert_below(
        (1 << 32) + 1,
        [
            2746317213, 1181241943, 958682846, 3163119785, 1812140441, 127978094, 939042955, 2340505846,
        ],
    );
}

#[test]
fn below_64_bits() {
    assert_below(
        (1 << 63) + 5,
        [
            2053695854357871005,
            4517457392071889495,
            2574020394472462046,
            1890702223848595625,
            586287033698423193,
            1728372192399379054,
            4291835990902352011,
            7738774760351418614,
        ],
    );
    // _randbelow(2**64 - 1) draws 64 bits at a time: the same rolls as getrandbits(64).
    assert_below(usize::MAX, GETRANDBITS_64_SEED_42.map(|b| b as usize));
}

// ---------------------------------------------------------------------------------------
// shuffle = random.shuffle
//
//   for s in [42, 2**40]:
//       rng = random.Random(s); x = list(range(50)); rng.shuffle(x); print(s, x)
// ---------------------------------------------------------------------------------------

fn shuffled(seed: i128) -> Vec<u32> {
    let mut v: Vec<u32> = (0..50).collect();
    Dice::new(seed).shuffle(&mut v);
    v
}

#[test]
fn shuffle_seed_42() {
    assert_eq!(
        shuffled(42),
        [
            25, 23, 19, 11, 4, 45, 26, 9, 29, 16, 31, 21, 12, 3, 39, 38, 10, 24, 35, 0, 43, 18, 33, 48, 41, 30, 28, 20,
            22, 42, 46, 36, 32, 44, 13, 49, 47, 2, 27, 37, 5, 34, 6, 8, 14, 15, 17, 1, 7, 40
        ]
    );
}

#[test]
fn shuffle_seed_2_pow_40() {
    assert_eq!(
        shuffled(1 << 40),
        [
            19, 33, 34, 0, 30, 10, 5, 9, 36, 7, 28, 44, 37, 39, 8, 21, 15, 38, 16, 14, 13, 32, 48, 18, 29, 45, 12, 49,
            23, 1, 11, 31, 26, 2, 17, 43, 20, 41, 47, 46, 35, 40, 25, 24, 3, 27, 4, 42, 22, 6
        ]
    );
}

#[test]
fn shuffle_of_nothing_or_one_rolls_no_dice() {
    // range(1, len(x)) is empty for len 0 and 1: no draw, so the next random() is the first.
    let mut d = Dice::new(42);
    d.shuffle::<u8>(&mut []);
    d.shuffle(&mut [7]);
    assert_eq!(d.random(), 0.6394267984578837);
}

// ---------------------------------------------------------------------------------------
// choose_weighted(w) = random.choices(range(len(w)), weights=w)[0]
//
//   rng = random.Random(42)
//   print([rng.choices(range(len(w)), weights=w)[0] for _ in range(20)])
// ---------------------------------------------------------------------------------------

fn assert_choices(seed: i128, weights: &[f64], expected: [usize; 20]) {
    let mut d = Dice::new(seed);
    let got = rolls(&mut d, 20, |d| d.choose_weighted(weights).unwrap());
    assert_eq!(got, expected, "choices with weights {weights:?}");
}

#[test]
fn choices_simple_weights() {
    // w = [1, 2, 3]
    assert_choices(
        42,
        &[1.0, 2.0, 3.0],
        [2, 0, 1, 1, 2, 2, 2, 0, 1, 0, 1, 2, 0, 1, 2, 2, 1, 2, 2, 0],
    );
}

#[test]
fn choices_zeros_inside_are_never_chosen() {
    // w = [0.5, 0, 0, 2.5, 1]
    assert_choices(
        42,
        &[0.5, 0.0, 0.0, 2.5, 1.0],
        [3, 0, 3, 3, 3, 3, 4, 0, 3, 0, 3, 3, 0, 3, 3, 3, 3, 3, 4, 0],
    );
    // w = [3, 0, 0, 0, 7, 0]
    assert_choices(
        42,
        &[3.0, 0.0, 0.0, 0.0, 7.0, 0.0],
        [4, 0, 0, 0, 4, 4, 4, 0, 4, 0, 0, 4, 0, 0, 4, 4, 0, 4, 4, 0],
    );
    // w = [0, 0, 1] and w = [1, 0, 0]
    assert_choices(42, &[0.0, 0.0, 1.0], [2; 20]);
    assert_choices(42, &[1.0, 0.0, 0.0], [0; 20]);
    // w = [1e-300, 1.0]
    assert_choices(42, &[1e-300, 1.0], [1; 20]);
}

#[test]
fn choices_uniform_over_27() {
    // w = [0.1] * 27: the running totals are rounded float sums, walked as Python walks them.
    assert_choices(
        42,
        &[0.1; 27],
        [17, 0, 7, 6, 19, 18, 24, 2, 11, 0, 5, 13, 0, 5, 17, 14, 5, 15, 21, 0],
    );
}

#[test]
fn choices_like_a_vocabulary() {
    //   w = [round(((i * 7919) % 97) / 97 * 0.3, 4) for i in range(27)]; w[3] = 0.0; w[26] = 0.0
    //   seeds 42 and 2**70 + 3
    let w = [
        0.0, 0.1918, 0.0835, 0.0, 0.167, 0.0588, 0.2505, 0.1423, 0.034, 0.2258, 0.1175, 0.0093, 0.201, 0.0928, 0.2845,
        0.1763, 0.068, 0.2598, 0.1515, 0.0433, 0.2351, 0.1268, 0.0186, 0.2103, 0.1021, 0.2938, 0.0,
    ];
    assert_choices(
        42,
        &w,
        [17, 1, 9, 7, 20, 18, 24, 4, 13, 1, 7, 14, 1, 6, 17, 15, 7, 16, 21, 1],
    );
    assert_choices(
        (1 << 70) + 3,
        &w,
        [6, 25, 7, 9, 1, 1, 15, 25, 25, 12, 23, 9, 20, 4, 25, 25, 12, 6, 6, 16],
    );
}

#[test]
fn choose_picks_from_the_population() {
    let dishes = ['a', 'b', 'c'];
    let mut d = Dice::new(42);
    let got: Vec<char> = (0..5).map(|_| *d.choose(&dishes, &[1.0, 2.0, 3.0]).unwrap()).collect();
    assert_eq!(got, ['c', 'a', 'b', 'b', 'c']);
    assert_eq!(
        Dice::new(42).choose(&dishes, &[1.0, 2.0]),
        Err(DiceError::WeightCount {
            population: 3,
            weights: 2
        })
    );
}

// ---------------------------------------------------------------------------------------
// Weights Python refuses
//
//   random.choices(range(3), weights=[0, 0, 0])        ValueError: ... greater than zero
//   random.choices(range(0), weights=[])               IndexError: list index out of range
//   random.choices(range(2), weights=[1.0, nan])       ValueError: ... must be finite
//   random.choices(range(2), weights=[1.0, inf])       ValueError: ... must be finite
//   random.choices(range(2), weights=[inf, -inf])      ValueError: ... must be finite
//   random.choices(range(2), weights=[1, -2])          ValueError: ... greater than zero
// ---------------------------------------------------------------------------------------

fn refused_total(weights: &[f64]) -> f64 {
    let mut d = Dice::new(42);
    let total = match d.choose_weighted(weights) {
        Err(DiceError::BadTotal { total }) => total,
        other => panic!("weights {weights:?}: expected BadTotal, got {other:?}"),
    };
    // Python raises before rolling: the die is untouched.
    assert_eq!(d.random(), 0.6394267984578837, "weights {weights:?} rolled a die");
    total
}

#[test]
fn choices_all_zero_weights_are_refused() {
    assert_eq!(refused_total(&[0.0, 0.0, 0.0]), 0.0);
}

#[test]
fn choices_empty_weights_are_refused() {
    assert_eq!(refused_total(&[]), 0.0);
}

#[test]
fn choices_negative_total_is_refused() {
    assert_eq!(refused_total(&[1.0, -2.0]), -1.0);
}

#[test]
fn choices_nan_total_is_refused() {
    assert!(refused_total(&[1.0, f64::NAN]).is_nan());
    assert!(refused_total(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
}

#[test]
fn choices_infinite_total_is_refused() {
    assert_eq!(refused_total(&[1.0, f64::INFINITY]), f64::INFINITY);
    assert_eq!(refused_total(&[f64::MAX, f64::MAX]), f64::INFINITY);
}
