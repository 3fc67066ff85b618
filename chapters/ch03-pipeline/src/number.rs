//! 数 — the number the kitchen cooks with. The pipeline is written once, for any type
//! that can do the six cooking operations: plain `f64` here, and in chapter 5 a number
//! that also writes down every operation it takes part in, so it can be traced back.

use std::ops::{Add, Mul};

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
}

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

/// Python's `x ** p` on floats: the C library's `pow`, called as it is. The exponent goes
/// through `black_box` so that the compiler cannot swap `pow(x, 0.5)` for `sqrt(x)` or
/// `pow(x, -2.0)` for `1 / (x * x)`: rewrites that look harmless but can change the last
/// bit, and from there every later step of training.
pub fn pow(x: f64, p: f64) -> f64 {
    x.powf(std::hint::black_box(p))
}

/// Python's `sum(xs)`: start from 0 and add each term in order, left to right:
/// `((x0 + 0) + x1) + x2 …`. An empty sum is 0.
pub fn sum<N: Number>(xs: impl IntoIterator<Item = N>) -> N {
    let mut xs = xs.into_iter();
    let Some(first) = xs.next() else {
        return N::constant(0.0);
    };
    xs.fold(first + N::constant(0.0), |acc, x| acc + x)
}
