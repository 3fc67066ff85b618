//! 旋钮 — 小明's knobs: the flavour cards (wte), the position cards (wpe), the final vote
//! (lm_head) and, per round, the sous-chefs' and back kitchen's matrices. All start as
//! random turns of `gauss(0, 0.08)`, rolled in the reference's order.

use crate::config::Config;
use ch01_ingredients::Dice;

/// How far from zero the knobs start: the reference's `std=0.08`.
pub const INIT_STD: f64 = 0.08;

/// One matrix of knobs: `rows × cols` numbers stored row after row from `offset` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    pub offset: usize,
}

impl Matrix {
    /// The index range of row `r` in the flat list of knobs.
    pub fn row(&self, r: usize) -> std::ops::Range<usize> {
        let start = self.offset + r * self.cols;
        start..start + self.cols
    }
}

/// Where each matrix lives among the knobs, in the reference's `state_dict` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub config: Config,
    pub vocab_size: usize,
    pub matrices: Vec<Matrix>,
}

/// The six matrices of one round (layer).
#[derive(Debug, Clone, Copy)]
pub struct LayerMatrices<'a> {
    pub attn_wq: &'a Matrix,
    pub attn_wk: &'a Matrix,
    pub attn_wv: &'a Matrix,
    pub attn_wo: &'a Matrix,
    pub mlp_fc1: &'a Matrix,
    pub mlp_fc2: &'a Matrix,
}

impl Layout {
    // ANCHOR: layout
    /// The reference's order: wte, wpe, lm_head, then per layer attn_wq, attn_wk,
    /// attn_wv, attn_wo, mlp_fc1 (4·n_embd × n_embd), mlp_fc2 (n_embd × 4·n_embd).
    pub fn new(config: Config, vocab_size: usize) -> Self {
        let e = config.n_embd;
        let mut shapes = vec![
            ("wte".to_string(), vocab_size, e),
            ("wpe".to_string(), config.block_size, e),
            ("lm_head".to_string(), vocab_size, e),
        ];
        for i in 0..config.n_layer {
            for (name, rows, cols) in [
                ("attn_wq", e, e),
                ("attn_wk", e, e),
                ("attn_wv", e, e),
                ("attn_wo", e, e),
                ("mlp_fc1", 4 * e, e),
                ("mlp_fc2", e, 4 * e),
            ] {
                shapes.push((format!("layer{i}.{name}"), rows, cols));
            }
        }
        let mut offset = 0;
        let matrices = shapes
            .into_iter()
            .map(|(name, rows, cols)| {
                let m = Matrix {
                    name,
                    rows,
                    cols,
                    offset,
                };
                offset += rows * cols;
                m
            })
            .collect();
        Layout {
            config,
            vocab_size,
            matrices,
        }
    }

    // ANCHOR_END: layout

    /// How many knobs in all (4,192 for the default kitchen).
    pub fn len(&self) -> usize {
        self.matrices.iter().map(|m| m.rows * m.cols).sum()
    }

    /// True only for a kitchen without knobs, which `Config::validate` never allows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The token flavour cards, position cards and final vote.
    pub fn wte(&self) -> &Matrix {
        &self.matrices[0]
    }
    pub fn wpe(&self) -> &Matrix {
        &self.matrices[1]
    }
    pub fn lm_head(&self) -> &Matrix {
        &self.matrices[2]
    }

    /// The matrices of round `layer`.
    pub fn layer(&self, layer: usize) -> LayerMatrices<'_> {
        let m = &self.matrices[3 + 6 * layer..3 + 6 * layer + 6];
        LayerMatrices {
            attn_wq: &m[0],
            attn_wk: &m[1],
            attn_wv: &m[2],
            attn_wo: &m[3],
            mlp_fc1: &m[4],
            mlp_fc2: &m[5],
        }
    }

    /// Which matrix, row and column knob `index` is: e.g. `lm_head[3][7]`.
    pub fn locate(&self, index: usize) -> Option<(&Matrix, usize, usize)> {
        let m = self
            .matrices
            .iter()
            .find(|m| (m.offset..m.offset + m.rows * m.cols).contains(&index))?;
        let within = index - m.offset;
        Some((m, within / m.cols, within % m.cols))
    }

    /// A knob's name, `matrix[row][col]`, for printing.
    pub fn knob_name(&self, index: usize) -> String {
        match self.locate(index) {
            Some((m, r, c)) => format!("{}[{r}][{c}]", m.name),
            None => format!("#{index}?"),
        }
    }
}

/// 小明's knobs: the layout and one number per knob.
#[derive(Debug, Clone, PartialEq)]
pub struct Knobs {
    pub layout: Layout,
    pub values: Vec<f64>,
}

impl Knobs {
    // ANCHOR: init
    /// Every knob turned at random, `gauss(0, 0.08)`, matrix by matrix, row by row, in
    /// the reference's order — so the same dice give the same knobs.
    pub fn init(config: Config, vocab_size: usize, dice: &mut Dice) -> Self {
        let layout = Layout::new(config, vocab_size);
        let values = (0..layout.len()).map(|_| dice.gauss(0.0, INIT_STD)).collect();
        Knobs { layout, values }
    }

    // ANCHOR_END: init

    /// The numbers of one row of a matrix: for `wte`, the flavour card of one dish.
    pub fn row(&self, m: &Matrix, r: usize) -> &[f64] {
        &self.values[m.row(r)]
    }
}

// ANCHOR: knob_count
/// How many knobs a kitchen of these sizes has, from the shapes alone.
#[cfg(not(feature = "workbench"))]
pub fn knob_count(config: &Config, vocab_size: usize) -> usize {
    let e = config.n_embd;
    let cards = vocab_size * e + config.block_size * e; // wte + wpe
    let vote = vocab_size * e; // lm_head
    let per_layer = 4 * e * e + 2 * (4 * e * e); // wq wk wv wo + fc1 fc2
    cards + vote + config.n_layer * per_layer
}
// ANCHOR_END: knob_count

// ANCHOR: knob_count_starter
/// Exercise 2.3: count the knobs from the shapes alone.
#[cfg(feature = "workbench")]
pub fn knob_count(config: &Config, vocab_size: usize) -> usize {
    let _ = (config, vocab_size);
    todo!("add up rows × cols of wte, wpe, lm_head and, per layer, the four attention and two MLP matrices")
}
// ANCHOR_END: knob_count_starter

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_knob_count_is_4192_for_the_default_kitchen() {
        assert_eq!(knob_count(&Config::default(), 27), 4192);
        let wide = Config {
            n_embd: 32,
            n_head: 8,
            n_layer: 2,
            block_size: 12,
        };
        assert_eq!(knob_count(&wide, 27), Layout::new(wide, 27).len());
    }

    #[test]
    fn locate_names_the_first_and_last_knob() {
        let layout = Layout::new(Config::default(), 27);
        assert_eq!(layout.knob_name(0), "wte[0][0]");
        assert_eq!(layout.knob_name(4191), "layer0.mlp_fc2[15][63]");
        assert_eq!(layout.knob_name(27 * 16), "wpe[0][0]");
    }

    proptest! {
        #[test]
        fn layout_covers_every_knob_once(e in 1usize..6, layers in 1usize..4, block in 1usize..20, vocab in 2usize..40) {
            let layout = Layout::new(Config { n_embd: e, n_head: 1, n_layer: layers, block_size: block }, vocab);
            let mut next = 0;
            for m in &layout.matrices {
                prop_assert_eq!(m.offset, next);
                next += m.rows * m.cols;
            }
            prop_assert_eq!(next, layout.len());
            for i in 0..layout.len() {
                let (m, r, c) = layout.locate(i).unwrap();
                prop_assert_eq!(m.row(r).start + c, i);
            }
        }
    }
}
