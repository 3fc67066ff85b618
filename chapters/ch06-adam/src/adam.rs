//! 师傅 — Adam, the master who turns 小明's knobs. Three habits: memory (momentum), care
//! for each knob (a per-knob step size from the second moment), and lighter hands over
//! time (linear learning-rate decay). Arithmetic exactly as the reference writes it.

use ch05_backprop::pow;

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
        let Habits {
            learning_rate,
            beta1,
            beta2,
            eps,
        } = self.habits;
        let lr = decayed(learning_rate, step, num_steps);
        // The same for every knob: computed once, not 4,192 times (same value).
        let (c1, c2) = (bias_correction(beta1, step), bias_correction(beta2, step));
        for ((knob, &g), (m, v)) in knobs.iter_mut().zip(grads).zip(self.m.iter_mut().zip(&mut self.v)) {
            *m = remember(*m, g, beta1);
            *v = remember(*v, pow(g, 2.0), beta2);
            let m_hat = *m / c1;
            let v_hat = *v / c2;
            *knob -= lr * m_hat / (pow(v_hat, 0.5) + eps);
        }
    }
    // ANCHOR_END: update
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

    proptest! {
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
