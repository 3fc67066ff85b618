//! 六种基本烹饪手法 — the six cooking operations. Each one gives its result and, beside
//! it, its local gradient: how much the result moves when each input moves a little.
//! That is all the chain rule needs; every other operation is made of these six.

use ch04_loss::pow;

// ANCHOR: six_operations
/// 合并 combine: `a + b`.        ∂/∂a = 1, ∂/∂b = 1
pub fn combine(a: f64, b: f64) -> (f64, [f64; 2]) {
    (a + b, [1.0, 1.0])
}

/// 融合 fuse: `a × b`.           ∂/∂a = b, ∂/∂b = a
#[cfg(not(feature = "workbench"))]
pub fn fuse(a: f64, b: f64) -> (f64, [f64; 2]) {
    (a * b, [b, a])
}

/// 浓缩 concentrate: `a ** p`.   ∂/∂a = p · a ** (p − 1)
#[cfg(not(feature = "workbench"))]
pub fn concentrate(a: f64, p: f64) -> (f64, f64) {
    (pow(a, p), p * pow(a, p - 1.0))
}

/// 提取 extract: `ln a`.         ∂/∂a = 1 / a
#[cfg(not(feature = "workbench"))]
pub fn extract(a: f64) -> (f64, f64) {
    (a.ln(), 1.0 / a)
}

/// 发酵 ferment: `e ** a`.       ∂/∂a = e ** a
pub fn ferment(a: f64) -> (f64, f64) {
    let e = a.exp();
    (e, e)
}

/// 品控 quality control: ReLU.   ∂/∂a = 1 if a > 0 else 0
pub fn quality_control(a: f64) -> (f64, f64) {
    if a > 0.0 {
        (a, 1.0)
    } else {
        (0.0, 0.0)
    }
}
// ANCHOR_END: six_operations

// ANCHOR: starters
/// Exercise 5.1: fuse's result and its two local gradients.
#[cfg(feature = "workbench")]
pub fn fuse(a: f64, b: f64) -> (f64, [f64; 2]) {
    let _ = (a, b);
    todo!("the product, and how much it moves per unit of a and per unit of b")
}

/// Exercise 5.2: concentrate's result and local gradient (the power rule).
#[cfg(feature = "workbench")]
pub fn concentrate(a: f64, p: f64) -> (f64, f64) {
    let _ = (a, p, pow);
    todo!("pow(a, p), and the power rule for d/da")
}

/// Exercise 5.3: extract's result and local gradient.
#[cfg(feature = "workbench")]
pub fn extract(a: f64) -> (f64, f64) {
    let _ = a;
    todo!("a.ln(), and the slope of ln at a")
}
// ANCHOR_END: starters

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Central finite difference of `f` at `a`.
    fn slope(f: impl Fn(f64) -> f64, a: f64) -> f64 {
        let h = 1e-6 * a.abs().max(1.0);
        (f(a + h) - f(a - h)) / (2.0 * h)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn exercise_fuse() {
        assert_eq!(fuse(2.0, 3.0), (6.0, [3.0, 2.0]));
    }

    #[test]
    fn exercise_concentrate() {
        assert_eq!(concentrate(3.0, 2.0), (9.0, 6.0));
        assert_eq!(concentrate(4.0, -0.5), (0.5, -0.5 * 4f64.powf(-1.5)));
    }

    #[test]
    fn exercise_extract() {
        assert_eq!(extract(1.0), (0.0, 1.0));
        assert_eq!(extract(4.0).1, 0.25);
    }

    proptest! {
        #[test]
        fn local_gradients_match_finite_differences(a in -3.0f64..3.0, b in -3.0f64..3.0, p in -2.0f64..3.0) {
            prop_assert!(close(combine(a, b).1[0], slope(|x| combine(x, b).0, a)));
            prop_assert!(close(combine(a, b).1[1], slope(|x| combine(a, x).0, b)));
            prop_assert!(close(fuse(a, b).1[0], slope(|x| fuse(x, b).0, a)));
            prop_assert!(close(fuse(a, b).1[1], slope(|x| fuse(a, x).0, b)));
            prop_assert!(close(ferment(a).1, slope(|x| ferment(x).0, a)));
            let pos = a.abs() + 0.1;
            prop_assert!(close(concentrate(pos, p).1, slope(|x| concentrate(x, p).0, pos)));
            prop_assert!(close(extract(pos).1, slope(|x| extract(x).0, pos)));
            if a.abs() > 1e-3 {
                prop_assert!(close(quality_control(a).1, slope(|x| quality_control(x).0, a)));
            }
        }
    }
}
