//! 数 — the number the kitchen cooks with. The pipeline is written once, for any type
//! that can do the six cooking operations: plain `f64` here, and in chapter 5 a number
//! that also writes down every operation it takes part in, so it can be traced back.

use std::ops::{Add, Mul};

// ANCHOR: number
/// A number that knows the six operations. Everything else is made from them, exactly as
/// the reference makes it, because the order of floating-point operations decides the
/// last bits of every result.
pub trait Number: Copy + Add<Output = Self> + Mul<Output = Self> {
    /// A plain constant that no knob depends on.
    fn constant(x: f64) -> Self;
    /// The number's value.
    fn value(self) -> f64;
    /// 浓缩 — concentrate: `self ** p` for a constant `p`.
    fn powf(self, p: f64) -> Self;
    /// 提取 — extract: the natural log.
    fn ln(self) -> Self;
    /// 发酵 — ferment: `e ** self`.
    fn exp(self) -> Self;
    /// 品控 — quality control: keep the positive, zero the rest.
    fn relu(self) -> Self;

    /// `-a` is `a × -1`.
    fn neg(self) -> Self {
        self * Self::constant(-1.0)
    }
    /// `a - b` is `a + (b × -1)`.
    fn sub(self, other: Self) -> Self {
        self + other.neg()
    }
    /// `a / b` is `a × b ** -1` — not `a / b`, which can round differently.
    fn div(self, other: Self) -> Self {
        self * other.powf(-1.0)
    }
    /// A row of knobs times a card: `sum(w × x for w, x in zip(ws, xs))`, the same
    /// products and the same additions in the same order. A number that records may
    /// write the whole row down in one go.
    fn dot(ws: &[Self], xs: &[Self]) -> Self {
        sum(ws.iter().zip(xs).map(|(&w, &x)| w * x))
    }
}

// ANCHOR_END: number

impl Number for f64 {
    fn constant(x: f64) -> Self {
        x
    }
    fn value(self) -> f64 {
        self
    }
    fn powf(self, p: f64) -> Self {
        pow(self, p)
    }
    fn ln(self) -> Self {
        f64::ln(self)
    }
    fn exp(self) -> Self {
        f64::exp(self)
    }
    fn relu(self) -> Self {
        if self > 0.0 {
            self
        } else {
            0.0
        }
    }
}

// ANCHOR: pow
/// Python's `x ** p` on floats: the C library's `pow`, exactly — bit for bit.
///
/// Two traps lie here. The compiler would happily swap `pow(x, 0.5)` for `sqrt(x)` or
/// `pow(x, -2.0)` for `1 / (x * x)`; and the C library's `pow` is not always correctly
/// rounded (its error is below 0.54 ULP). Either way the last bit can change, and from
/// there every later step of training. So `pow` goes through `black_box`, which the
/// compiler cannot see through.
///
/// It is also slow, and 师傅 needs `g ** 2` and `v ** 0.5` for every knob at every step.
/// So [`shortcut`] is tried first, and the library is asked only when it is not sure.
pub fn pow(x: f64, p: f64) -> f64 {
    match shortcut(x, p) {
        (r, true) => r,
        _ => x.powf(std::hint::black_box(p)),
    }
}

/// `x ** p` for `p` = 2, 0.5 or −1 with one operation, and whether the C library's `pow`
/// is sure to give the same. The operation (multiply, square root, divide) is correctly
/// rounded: call its result `r`. One fused multiply-add gives the exact rounding error
/// of `r`. When the true value lies within 0.45 ULP of `r`, every result within 0.54 ULP
/// of the true value is `r` itself, so the library returns `r` too; otherwise (about 1
/// case in 10) we are not sure. Zero is sure as well: the C standard fixes
/// `pow(±0, 2)` and `pow(+0, 0.5)` at +0.
///
/// No branch inside, so a loop of these can run in vector registers.
#[inline(always)]
pub fn shortcut(x: f64, p: f64) -> (f64, bool) {
    if p == 2.0 {
        let r = x * x;
        (r, (x == 0.0) | agrees(r, x.mul_add(x, -r).abs(), 1.0))
    } else if p == 0.5 {
        let r = x.sqrt();
        // r² − x = e exactly; the root is off by about e / 2r (so no division here:
        // compare e with 2r spacings instead, in `agrees`).
        (r, (x.to_bits() == 0) | agrees(r, r.mul_add(r, -x).abs(), 2.0 * r))
    } else if p == -1.0 {
        let r = 1.0 / x;
        // r·x − 1 = e exactly; the reciprocal is off by about e·r.
        (r, agrees(r, (r.mul_add(x, -1.0) * r).abs(), 1.0))
    } else {
        (f64::NAN, false)
    }
}

// ANCHOR_END: pow

/// Whether `r` is normal, not a power of two (where the spacing of floats halves), and
/// `error / scale` is below 0.45 of its spacing: then `r` is what the library returns.
#[inline(always)]
fn agrees(r: f64, error: f64, scale: f64) -> bool {
    const SMALLEST_SAFE: f64 = 1e-290; // keeps the residuals exact (no underflow)
    let bits = r.abs().to_bits();
    let mantissa = bits & ((1 << 52) - 1);
    let spacing = f64::from_bits(bits + 1) - r.abs();
    (r.abs() >= SMALLEST_SAFE) & r.is_finite() & (mantissa != 0) & (error < 0.45 * spacing * scale)
}

// ANCHOR: sum
/// Python's `sum(xs)`: start from 0 and add each term in order, left to right:
/// `((x0 + 0) + x1) + x2 …`. An empty sum is 0.
pub fn sum<N: Number>(xs: impl IntoIterator<Item = N>) -> N {
    let mut xs = xs.into_iter();
    let Some(first) = xs.next() else {
        return N::constant(0.0);
    };
    xs.fold(first + N::constant(0.0), |acc, x| acc + x)
}
// ANCHOR_END: sum

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn library(x: f64, p: f64) -> f64 {
        x.powf(std::hint::black_box(p))
    }

    #[test]
    fn the_shortcuts_agree_with_the_library_on_a_million_numbers() {
        // Spread over many binades: gradients are tiny, second moments tinier.
        let mut dice = ch02_tokens::Dice::new(7);
        for _ in 0..1_000_000 {
            let x = (dice.random() - 0.5) * 10f64.powi((dice.random() * 40.0) as i32 - 30);
            for p in [2.0, 0.5, -1.0] {
                let x = if dice.random() < 0.01 { 0.0 } else { x };
                let (ours, theirs) = (pow(x, p), library(x, p));
                assert!(
                    ours.to_bits() == theirs.to_bits() || (ours.is_nan() && theirs.is_nan()),
                    "pow({x:?}, {p}) = {ours:?}, library {theirs:?}"
                );
            }
        }
    }

    #[test]
    fn the_shortcuts_agree_with_the_library_at_zero_and_beyond() {
        for x in [
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            1e-300,
            f64::MIN_POSITIVE / 3.0,
            4.0,
        ] {
            for p in [2.0, 0.5, -1.0] {
                let (ours, theirs) = (pow(x, p), library(x, p));
                assert!(
                    ours.to_bits() == theirs.to_bits() || (ours.is_nan() && theirs.is_nan()),
                    "pow({x:?}, {p}) = {ours:?}, library {theirs:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn pow_is_the_library_pow(x in any::<f64>(), p in prop::sample::select(vec![2.0, 0.5, -1.0, -0.5, -2.0, 3.0])) {
            let (ours, theirs) = (pow(x, p), library(x, p));
            prop_assert!(ours.to_bits() == theirs.to_bits() || (ours.is_nan() && theirs.is_nan()));
        }
    }
}
