//! 师傅 — Adam, the master who turns 小明's knobs. Three habits: memory (momentum), care
//! for each knob (a per-knob step size from the second moment), and lighter hands over
//! time (linear learning-rate decay). Arithmetic exactly as the reference writes it.

use ch05_backprop::{pow, shortcut};

/// 师傅's settings, the reference's values by default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Habits {
    pub learning_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
}

impl Default for Habits {
    fn default() -> Self {
        Habits {
            learning_rate: 0.01,
            beta1: 0.85,
            beta2: 0.99,
            eps: 1e-8,
        }
    }
}

/// 师傅's memory of every knob: the running mean of its gradients (m) and of their
/// squares (v).
#[derive(Debug, Clone, PartialEq)]
pub struct Adam {
    pub habits: Habits,
    pub m: Vec<f64>,
    pub v: Vec<f64>,
}

// ANCHOR: habits
/// Lighter hands over time: `lr × (1 − step / num_steps)`, from full strength to zero.
#[cfg(not(feature = "workbench"))]
pub fn decayed(learning_rate: f64, step: usize, num_steps: usize) -> f64 {
    learning_rate * (1.0 - step as f64 / num_steps as f64)
}

/// Memory: a running average, `β × old + (1 − β) × new`.
#[cfg(not(feature = "workbench"))]
pub fn remember(old: f64, new: f64, beta: f64) -> f64 {
    beta * old + (1.0 - beta) * new
}

/// Bias correction: the memory starts at zero, so early averages are too small; they
/// are divided by `1 − β ** (step + 1)`, which grows from `1 − β` towards 1.
#[cfg(not(feature = "workbench"))]
pub fn bias_correction(beta: f64, step: usize) -> f64 {
    1.0 - pow(beta, (step + 1) as f64)
}
// ANCHOR_END: habits

// ANCHOR: remember_starter
/// Exercise 6.1: momentum, a running average.
#[cfg(feature = "workbench")]
pub fn remember(old: f64, new: f64, beta: f64) -> f64 {
    let _ = (old, new, beta);
    todo!("β × old + (1 − β) × new")
}
// ANCHOR_END: remember_starter

// ANCHOR: bias_correction_starter
/// Exercise 6.2: bias correction.
#[cfg(feature = "workbench")]
pub fn bias_correction(beta: f64, step: usize) -> f64 {
    let _ = (beta, step);
    todo!("1 − pow(β, step + 1), with `pow` from the pipeline chapter")
}
// ANCHOR_END: bias_correction_starter

// ANCHOR: decayed_starter
/// Exercise 6.3: the decay schedule.
#[cfg(feature = "workbench")]
pub fn decayed(learning_rate: f64, step: usize, num_steps: usize) -> f64 {
    let _ = (learning_rate, step, num_steps);
    todo!("learning_rate × (1 − step / num_steps), the division in f64")
}
// ANCHOR_END: decayed_starter

impl Adam {
    /// A master with no memory yet, for `knobs` knobs.
    pub fn new(habits: Habits, knobs: usize) -> Self {
        Adam {
            habits,
            m: vec![0.0; knobs],
            v: vec![0.0; knobs],
        }
    }

    // ANCHOR: update
    /// One turn of every knob after step `step` (0-based) of `num_steps`.
    pub fn update(&mut self, knobs: &mut [f64], grads: &[f64], step: usize, num_steps: usize) {
        let hands = Hands::at(self.habits, step, num_steps);
        let n = knobs.len().min(grads.len()).min(self.m.len()).min(self.v.len());
        // First, side by side, every knob whose two powers the shortcuts are sure of;
        // then the rest, one at a time, asking the C library.
        let mut unsure = vec![false; n];
        quick_pass(
            &hands,
            Desk {
                knobs: &mut knobs[..n],
                grads: &grads[..n],
                m: &mut self.m[..n],
                v: &mut self.v[..n],
                unsure: &mut unsure,
            },
        );
        for i in (0..n).filter(|&i| unsure[i]) {
            let ([knob, m, v], _) = hands.turn([knobs[i], self.m[i], self.v[i], grads[i]], |x, p| (pow(x, p), true));
            (knobs[i], self.m[i], self.v[i]) = (knob, m, v);
        }
    }
    // ANCHOR_END: update
}

/// What 师傅 brings to this step: the habits, the decayed learning rate and the two bias
/// corrections — the same for every knob, so computed once, not 4,192 times.
#[derive(Debug, Clone, Copy)]
struct Hands {
    habits: Habits,
    lr: f64,
    c1: f64,
    c2: f64,
}

impl Hands {
    fn at(habits: Habits, step: usize, num_steps: usize) -> Self {
        Hands {
            habits,
            lr: decayed(habits.learning_rate, step, num_steps),
            c1: bias_correction(habits.beta1, step),
            c2: bias_correction(habits.beta2, step),
        }
    }

    // ANCHOR: turn
    /// 师傅's five moves on one knob: note `m`, note `v`, correct both, turn. Takes the
    /// knob, its `m` and `v` and its gradient; gives the new knob, `m` and `v`. `pow(x, p)`
    /// is Python's `x ** p`, and says whether it is sure of its answer.
    #[inline(always)]
    fn turn(&self, [knob, m, v, g]: [f64; 4], pow: impl Fn(f64, f64) -> (f64, bool)) -> ([f64; 3], bool) {
        let Habits { beta1, beta2, eps, .. } = self.habits;
        let m = remember(m, g, beta1);
        let (g_squared, sure_of_square) = pow(g, 2.0);
        let v = remember(v, g_squared, beta2);
        let m_hat = m / self.c1;
        let v_hat = v / self.c2;
        let (root, sure_of_root) = pow(v_hat, 0.5);
        (
            [knob - self.lr * m_hat / (root + eps), m, v],
            sure_of_square & sure_of_root,
        )
    }
    // ANCHOR_END: turn
}

/// One step's work laid out for the quick pass: the knobs and their gradients, 师傅's
/// two notebooks, and a mark for every knob the pass leaves to the library.
struct Desk<'a> {
    knobs: &'a mut [f64],
    grads: &'a [f64],
    m: &'a mut [f64],
    v: &'a mut [f64],
    unsure: &'a mut [bool],
}

/// Turns every knob whose two powers [`shortcut`] is sure of, and marks the others
/// `unsure`, leaving them as they were. The loop has no branch, so the compiler runs it
/// four knobs at a time in vector registers — on a CPU with fused multiply-add, which the
/// shortcuts need in hardware to be quick.
fn quick_pass(hands: &Hands, desk: Desk<'_>) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has just said that it has both features.
        return unsafe { quick_pass_fma(hands, desk) };
    }
    quick_pass_anywhere(hands, desk)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn quick_pass_fma(hands: &Hands, desk: Desk<'_>) {
    quick_pass_anywhere(hands, desk)
}

#[inline(always)]
fn quick_pass_anywhere(hands: &Hands, desk: Desk<'_>) {
    let Desk {
        knobs,
        grads,
        m,
        v,
        unsure,
    } = desk;
    let n = knobs.len();
    let (grads, m, v, unsure) = (&grads[..n], &mut m[..n], &mut v[..n], &mut unsure[..n]);
    for i in 0..n {
        let old = [knobs[i], m[i], v[i]];
        let (new, sure) = hands.turn([old[0], old[1], old[2], grads[i]], shortcut);
        // Pick by bits, so that every lane is written and no write is masked.
        let keep = (sure as u64).wrapping_sub(1);
        let [knob, new_m, new_v] =
            std::array::from_fn(|j| f64::from_bits(new[j].to_bits() & !keep | old[j].to_bits() & keep));
        (knobs[i], m[i], v[i]) = (knob, new_m, new_v);
        unsure[i] = !sure;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_decay_goes_from_full_to_zero() {
        assert_eq!(decayed(0.01, 0, 1000), 0.01);
        assert_eq!(decayed(0.01, 500, 1000), 0.01 * (1.0 - 0.5));
        assert_eq!(decayed(0.01, 999, 1000), 0.01 * (1.0 - 999.0 / 1000.0));
    }

    #[test]
    fn exercise_momentum_remembers() {
        assert_eq!(remember(0.0, 1.0, 0.85), (1.0 - 0.85) * 1.0);
        assert_eq!(remember(2.0, 0.0, 0.5), 1.0);
    }

    #[test]
    fn exercise_bias_correction_undoes_the_cold_start() {
        // After one step the memory holds (1 − β)·g; unbiased, that is g again.
        let g = 0.3;
        assert!((remember(0.0, g, 0.85) / bias_correction(0.85, 0) - g).abs() < 1e-15);
        assert_eq!(bias_correction(0.99, 1), 1.0 - pow(0.99, 2.0));
        assert!(bias_correction(0.99, 10_000) > 0.999_999);
    }

    /// Gradients as training makes them: mostly small, some exactly zero (knobs the
    /// record did not use), some tiny, a few huge.
    fn gradient() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => -1.0f64..1.0,
            1 => Just(0.0),
            1 => (-1.0f64..1.0, -300i32..300).prop_map(|(m, e)| m * 10f64.powi(e)),
        ]
    }

    proptest! {
        /// The quick pass and the slow one agree on every knob, bit for bit: the
        /// shortcuts change only how fast 师傅 turns the knobs, never how far.
        #[test]
        fn the_quick_pass_turns_each_knob_as_the_library_would(
            knobs in prop::collection::vec((gradient(), gradient(), 0.0f64..1.0, gradient()), 1..64),
            step in 0usize..1000,
        ) {
            let mut adam = Adam::new(Habits::default(), knobs.len());
            let mut values: Vec<f64> = knobs.iter().map(|k| k.0).collect();
            let grads: Vec<f64> = knobs.iter().map(|k| k.3).collect();
            for (i, k) in knobs.iter().enumerate() {
                (adam.m[i], adam.v[i]) = (k.1, k.2 * k.2);
            }
            let hands = Hands::at(adam.habits, step, 1000);
            let slowly: Vec<[f64; 3]> = (0..knobs.len())
                .map(|i| hands.turn([values[i], adam.m[i], adam.v[i], grads[i]], |x, p| (x.powf(std::hint::black_box(p)), true)).0)
                .collect();
            // Without fused multiply-add in hardware too, where the CPU has it.
            let mut plain = (values.clone(), adam.m.clone(), adam.v.clone(), vec![false; knobs.len()]);
            quick_pass_anywhere(&hands, Desk { knobs: &mut plain.0, grads: &grads, m: &mut plain.1, v: &mut plain.2, unsure: &mut plain.3 });
            let mut quick = (values.clone(), adam.m.clone(), adam.v.clone(), vec![false; knobs.len()]);
            quick_pass(&hands, Desk { knobs: &mut quick.0, grads: &grads, m: &mut quick.1, v: &mut quick.2, unsure: &mut quick.3 });
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!((bits(&plain.0), bits(&plain.1), bits(&plain.2), &plain.3), (bits(&quick.0), bits(&quick.1), bits(&quick.2), &quick.3));
            adam.update(&mut values, &grads, step, 1000);
            for i in 0..knobs.len() {
                prop_assert_eq!([values[i], adam.m[i], adam.v[i]].map(f64::to_bits), slowly[i].map(f64::to_bits), "knob {}", i);
            }
        }

        #[test]
        fn the_first_step_moves_each_knob_by_about_lr(g in prop::collection::vec(-5.0f64..5.0, 1..20)) {
            prop_assume!(g.iter().all(|x| x.abs() > 1e-3));
            let mut adam = Adam::new(Habits::default(), g.len());
            let mut knobs = vec![0.0; g.len()];
            adam.update(&mut knobs, &g, 0, 10);
            for (k, gi) in knobs.iter().zip(&g) {
                // m̂ = g and v̂ = g², so the step is lr · g/|g|: against the gradient.
                prop_assert!((k.abs() - 0.01).abs() < 1e-6);
                prop_assert!(k.signum() == -gi.signum());
            }
        }
    }
}
