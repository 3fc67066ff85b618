//! 苦练 — the training loop: one record per step, in shuffled order. Serve it, let the
//! diners score it, trace the score back to every knob, and let 师傅 turn the knobs.

use crate::adam::{Adam, Habits};
use ch05_backprop::{trace, Fault, Knobs, Menu, MenuError, Order, PipelineError, TraceError};

/// 小明 in training: his knobs, 师傅's memory of them, and how far the lessons have got.
#[derive(Debug, Clone, PartialEq)]
pub struct Apprentice {
    pub knobs: Knobs,
    pub adam: Adam,
    /// Steps already taken (the next step's 0-based number).
    pub step: usize,
}

/// What one step reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lesson {
    /// 1-based, as printed.
    pub step: usize,
    pub loss: f64,
}

/// Why training stopped.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("step {step}, record {record:?}: {fault}; lower the learning rate or check the data")]
    NotFinite { step: usize, record: String, fault: Fault },
    #[error("step {step}, record {record:?}: {source}")]
    Pipeline {
        step: usize,
        record: String,
        source: PipelineError,
    },
    #[error(transparent)]
    Menu(#[from] MenuError),
}

impl Apprentice {
    /// A fresh apprentice with the given (freshly initialised) knobs.
    pub fn new(knobs: Knobs, habits: Habits) -> Self {
        let adam = Adam::new(habits, knobs.values.len());
        Apprentice { knobs, adam, step: 0 }
    }

    // ANCHOR: train
    /// Train until `until` steps of a `num_steps`-step schedule are done, calling
    /// `on_lesson` after each. Record `step % len` is served at step `step`, wrapped in
    /// bells and cut to block_size; then forward, loss, backward, update.
    pub fn train(
        &mut self,
        docs: &[String],
        menu: &Menu,
        until: usize,
        num_steps: usize,
        mut on_lesson: impl FnMut(Lesson),
    ) -> Result<(), TrainError> {
        let mut grads = vec![0.0; self.knobs.values.len()];
        while self.step < until {
            let step = self.step;
            let record = &docs[step % docs.len()];
            let tokens = menu.encode(record)?;
            let traced = trace(
                &self.knobs.layout,
                &self.knobs.values,
                &tokens,
                Order::Reference,
                &mut grads,
            )
            .map_err(|e| match e {
                TraceError::Fault(fault) => TrainError::NotFinite {
                    step: step + 1,
                    record: record.clone(),
                    fault,
                },
                TraceError::Pipeline(source) => TrainError::Pipeline {
                    step: step + 1,
                    record: record.clone(),
                    source,
                },
            })?;
            self.adam.update(&mut self.knobs.values, &grads, step, num_steps);
            self.step += 1;
            on_lesson(Lesson {
                step: step + 1,
                loss: traced.loss,
            });
        }
        Ok(())
    }
    // ANCHOR_END: train
}
