//! 发明菜品 — invented dishes (hallucination): a served menu that sounds right but is in
//! none of the masters' records.

use std::collections::HashSet;

/// The masters' records, for checking whether a dish is real.
#[derive(Debug, Clone)]
pub struct Records {
    names: HashSet<String>,
}

impl Records {
    pub fn new(docs: &[String]) -> Self {
        Records {
            names: docs.iter().cloned().collect(),
        }
    }

    /// Whether `name` is one of the records.
    pub fn is_real(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// `real` or `invented`, for printing beside a sample.
    pub fn label(&self, name: &str) -> &'static str {
        if self.is_real(name) {
            "real"
        } else {
            "invented"
        }
    }
}
