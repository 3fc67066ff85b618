//! 账本 — the tape: a number that writes down every operation it takes part in, so the
//! penalty can be traced back, step by step, to every knob.
//!
//! Each [`Var`] carries its value and its place on the tape. The tape keeps, per
//! operation, the two inputs and the two local gradients in two flat columns, and for
//! each row written by [`Number::dot`] where it starts. They are reused from one
//! training step to the next, so recording allocates nothing once the longest record so
//! far has sized them.

use crate::operations::{combine, concentrate, extract, ferment, fuse, quality_control};
use ch04_loss::Number;
use std::cell::UnsafeCell;
use std::mem::ManuallyDrop;
use std::ops::{Add, Mul};

/// A recorded number: its value, and where the tape wrote down how it was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Var {
    index: u32,
    value: f64,
}

/// Place 0 on the tape is the sink: constants point there, and what flows into it is
/// thrown away. It saves a branch on every step of `backward`.
const SINK: u32 = 0;

/// The first operation that produced a number that is not finite: a bad value stops the
/// kitchen with a clear message instead of training on NaN.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{operation} of {inputs:?} gave {output} (local gradients {local:?}) at tape entry {entry}: a number stopped being finite")]
pub struct Fault {
    pub operation: &'static str,
    pub inputs: Vec<f64>,
    pub output: f64,
    pub local: [f64; 2],
    pub entry: usize,
}

/// In which order `backward` visits the operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The reference's: a depth-first post-order from the loss (children in order), walked
    /// backwards. Bit-identical to microgpt.
    Reference,
    /// Reverse order of creation: also correct, but sums the contributions to a shared
    /// number in another order, so the last bits can differ.
    Creation,
}

/// The tape, one entry per recorded number, kept as two parallel columns: the two inputs
/// of each entry (the sink for a missing one), and the local gradient of the result with
/// respect to each. The walk that orders the entries reads only the inputs, so keeping
/// them apart makes its working set three times smaller.
struct Tape {
    kids: Vec<[u32; 2]>,
    /// Entries in use; both columns are kept at least this long (their full length is
    /// the room already made), so a push is one write per column and one counter.
    len: usize,
    local: Vec<[f64; 2]>,
    /// Entries below this are leaves recorded before any operation (the knobs): they have
    /// no inputs, so the walk back never needs to visit them.
    leaves_end: u32,
    /// For the last entry of each row written by [`Number::dot`], where the row starts,
    /// with the top bit set if the row is [`SAME_CARD`] (other entries leave it
    /// unwritten). Full length, like the two columns.
    run_start: Vec<u32>,
    /// The last entries of the rows written since the last reset.
    run_ends: Vec<u32>,
    grads: Vec<f64>,
    spoiled: Option<Spoiled>,
    /// The last `pow` computed: softmax divides every dish by the same total, so the same
    /// power is asked for many times in a row.
    last_pow: (u64, u64, (f64, f64)),
    // scratch for the depth-first walk, kept to avoid allocating every step
    visited: Vec<u8>,
    stack: Vec<u32>,
    order: Vec<u32>,
}

thread_local! {
    // Every recorded operation touches the tape, so it must be cheap to reach: a
    // thread-local without a destructor is a plain address. The destructor lives in a
    // separate guard, registered once, that frees the tape when the thread ends.
    static TAPE: UnsafeCell<ManuallyDrop<Tape>> = const {
        UnsafeCell::new(ManuallyDrop::new(Tape {
            kids: Vec::new(),
            len: 0,
            local: Vec::new(),
            leaves_end: 1,
            run_start: Vec::new(),
            run_ends: Vec::new(),
            grads: Vec::new(),
            spoiled: None,
            last_pow: (0, 0, (f64::NAN, f64::NAN)),
            visited: Vec::new(),
            stack: Vec::new(),
            order: Vec::new(),
        }))
    };
    static GUARD: TapeGuard = const { TapeGuard };
}

struct TapeGuard;

impl Drop for TapeGuard {
    fn drop(&mut self) {
        // SAFETY: runs once, at thread exit, when no other access to the tape is live.
        let _ = TAPE.try_with(|t| unsafe { ManuallyDrop::drop(&mut *t.get()) });
    }
}

/// Runs `f` on this thread's tape.
#[inline(always)]
fn with_tape<R>(f: impl FnOnce(&mut Tape) -> R) -> R {
    // SAFETY: the tape is thread-local, and no function in this module calls another
    // one that reaches the tape while it holds the `&mut` (none of them calls out to
    // user code), so this is the only live reference.
    TAPE.with(|t| f(unsafe { &mut *t.get() }))
}

/// Writes one entry and returns its number. The result is looked at to catch numbers
/// that stopped being finite: for combine, fuse, ferment and quality control a finite
/// result means finite inputs and local gradients; only for extract and concentrate
/// (`slope_may_break`) can the local gradient overflow while the result is fine.
#[inline(always)]
fn record(operation: &'static str, a: Var, b: Var, (output, local): (f64, [f64; 2]), slope_may_break: bool) -> Var {
    let kids = [a.index, b.index];
    // Only the tape's bookkeeping goes through the thread-local, in a closure small enough
    // to be inlined; the value stays with the caller.
    let index = with_tape(move |tape| {
        if tape.len >= tape.kids.len() {
            grow(tape);
        }
        let i = tape.len;
        // SAFETY: `grow` keeps both columns at least `len + 1` long.
        unsafe {
            *tape.kids.get_unchecked_mut(i) = kids;
            *tape.local.get_unchecked_mut(i) = local;
        }
        tape.len = i + 1;
        // One sum looks at both (the rare false alarm, an overflowing sum of finite
        // numbers, is looked at again one by one). A bad number is only written down,
        // with plain writes: a call here that passed the five numbers, however rarely
        // taken, made the compiler keep the hot loop's numbers in memory, and recording
        // took half as long again.
        let suspect = if slope_may_break { output + local[0] } else { output };
        if !suspect.is_finite()
            && tape.spoiled.is_none()
            && !(output.is_finite() && local[0].is_finite() && local[1].is_finite())
        {
            tape.spoiled = Some(Spoiled {
                operation,
                numbers: [a.value, b.value, output, local[0], local[1]],
                entry: i,
            });
        }
        i as u32
    });
    Var { index, value: output }
}

/// Makes room: the first time, also the sink, and the guard that frees the tape at
/// thread exit.
#[cold]
#[inline(never)]
fn grow(tape: &mut Tape) {
    if tape.len == 0 {
        GUARD.with(|_| {});
        tape.len = 1;
        tape.leaves_end = 1;
    }
    // Fresh zeroed columns rather than `resize`: the system hands out zeroed pages as
    // they are first written, so room not yet used costs no memory.
    let room = (2 * tape.kids.len()).max(1 << 16);
    // The walk back keeps two marks in the top bits of an entry's number.
    assert!(
        room <= 1 << 30,
        "a tape holds at most 2^30 entries; this record needs more"
    );
    let mut kids = vec![[SINK; 2]; room];
    kids[..tape.kids.len()].copy_from_slice(&tape.kids);
    let mut local = vec![[0.0; 2]; room];
    local[..tape.local.len()].copy_from_slice(&tape.local);
    let mut run_start = vec![0; room];
    run_start[..tape.run_start.len()].copy_from_slice(&tape.run_start);
    (tape.kids, tape.local, tape.run_start) = (kids, local, run_start);
}

/// The first operation that gave a number that is not finite, as recorded: its inputs,
/// result and local gradients.
#[derive(Debug, Clone, Copy)]
struct Spoiled {
    operation: &'static str,
    numbers: [f64; 5],
    entry: usize,
}

impl From<Spoiled> for Fault {
    fn from(s: Spoiled) -> Fault {
        let [a, b, output, la, lb] = s.numbers;
        let binary = matches!(s.operation, "合并 add" | "融合 mul");
        Fault {
            operation: s.operation,
            inputs: if binary { vec![a, b] } else { vec![a] },
            output,
            local: [la, lb],
            entry: s.entry,
        }
    }
}

impl Var {
    /// A knob or any other starting number whose gradient we want.
    pub fn leaf(value: f64) -> Var {
        Var::leaves(&[value])[0]
    }

    /// Many leaves, one after another on the tape: all the knobs at once.
    pub fn leaves(values: &[f64]) -> Vec<Var> {
        with_tape(|tape| {
            while tape.len + values.len() > tape.kids.len() {
                grow(tape);
            }
            let (start, end) = (tape.len, tape.len + values.len());
            tape.kids[start..end].fill([SINK; 2]);
            tape.local[start..end].fill([0.0; 2]);
            tape.len = end;
            // Leaves recorded before any operation are never visited by the walk back.
            if tape.leaves_end as usize == start {
                tape.leaves_end = end as u32;
            }
            if tape.spoiled.is_none() {
                if let Some(i) = values.iter().position(|v| !v.is_finite()) {
                    let v = values[i];
                    tape.spoiled = Some(Spoiled {
                        operation: "leaf",
                        numbers: [v, v, v, 0.0, 0.0],
                        entry: start + i,
                    });
                }
            }
            let at = |i: usize| (start + i) as u32;
            values
                .iter()
                .enumerate()
                .map(|(i, &value)| Var { index: at(i), value })
                .collect()
        })
    }

    /// The number's value.
    pub fn value(self) -> f64 {
        self.value
    }

    /// Where it sits on the tape (0 for constants).
    pub fn index(self) -> usize {
        self.index as usize
    }

    /// Its gradient after the last `backward`: how much the traced result moves per unit
    /// of this number.
    pub fn grad(self) -> f64 {
        with_tape(|t| t.grads.get(self.index as usize).copied().unwrap_or(0.0))
    }
}

impl Add for Var {
    type Output = Var;
    fn add(self, other: Var) -> Var {
        record("合并 add", self, other, combine(self.value, other.value), false)
    }
}

impl Mul for Var {
    type Output = Var;
    fn mul(self, other: Var) -> Var {
        record("融合 mul", self, other, fuse(self.value, other.value), false)
    }
}

#[inline(always)]
fn unary(operation: &'static str, a: Var, (out, local): (f64, f64), slope_may_break: bool) -> Var {
    record(operation, a, Var::constant(0.0), (out, [local, 0.0]), slope_may_break)
}

impl Number for Var {
    fn constant(x: f64) -> Self {
        Var { index: SINK, value: x }
    }
    fn value(self) -> f64 {
        self.value
    }
    fn powf(self, p: f64) -> Self {
        let key = (self.value.to_bits(), p.to_bits());
        let result = with_tape(|t| {
            if (t.last_pow.0, t.last_pow.1) != key {
                t.last_pow = (key.0, key.1, concentrate(self.value, p));
            }
            t.last_pow.2
        });
        unary("浓缩 pow", self, result, true)
    }
    fn ln(self) -> Self {
        unary("提取 ln", self, extract(self.value), true)
    }
    fn exp(self) -> Self {
        unary("发酵 exp", self, ferment(self.value), false)
    }
    fn relu(self) -> Self {
        unary("品控 relu", self, quality_control(self.value), false)
    }
    fn dot(ws: &[Var], xs: &[Var]) -> Var {
        record_row(ws, xs)
    }
}

// ANCHOR: record_row
/// A row of knobs times a card, written down in one go: for each term the product
/// (fuse) and the running total (combine), the same entries in the same order as
/// `sum(w × x …)` one operation at a time. Only the row's last total leaves this
/// function, so nothing else on the tape can point into the row — which is what lets
/// the walk back treat it as one piece ([`reference_order`]). Writing it here, with the
/// write position held in a register, spares each entry a round trip through memory.
fn record_row(ws: &[Var], xs: &[Var]) -> Var {
    let n = ws.len().min(xs.len());
    if n == 0 {
        return Var::constant(0.0);
    }
    with_tape(|tape| {
        while tape.len + 2 * n > tape.kids.len() {
            grow(tape);
        }
        let start = tape.len;
        let end = start + 2 * n - 1;
        // The row just before, if it ends right here and is as long: for `SAME_CARD`.
        let before = start
            .checked_sub(2 * n)
            .filter(|&b| {
                tape.run_ends.last() == Some(&(start as u32 - 1)) && tape.run_start[start - 1] & !SAME_CARD == b as u32
            })
            .unwrap_or(start);
        let mut same_card = before < start;
        let (earlier, now) = tape.kids.split_at_mut(start);
        let card_before = &earlier[before..];
        let (kids, local) = (&mut now[..2 * n], &mut tape.local[start..=end]);
        let leaves_end = tape.leaves_end;
        let mut total = 0.0;
        for (k, (w, x)) in ws.iter().zip(xs).enumerate() {
            // The product's entry, and right after it the running total's.
            let at = (start + 2 * k) as u32;
            if same_card {
                same_card = w.index < leaves_end && card_before[2 * k][1] == x.index;
            }
            let (product, slopes) = fuse(w.value, x.value);
            kids[2 * k] = [w.index, x.index];
            local[2 * k] = slopes;
            // `sum` starts with `first + 0`, then adds each product to the running total.
            let (sum, ones) = if k == 0 {
                combine(product, 0.0)
            } else {
                combine(total, product)
            };
            kids[2 * k + 1] = if k == 0 { [at, SINK] } else { [at - 1, at] };
            local[2 * k + 1] = ones;
            total = sum;
        }
        tape.len = end + 1;
        tape.run_start[end] = start as u32 | if same_card { SAME_CARD } else { 0 };
        tape.run_ends.push(end as u32);
        // A last total that is finite means every product and partial sum was finite.
        if !total.is_finite() && tape.spoiled.is_none() {
            tape.spoiled = first_spoiled_in_row(tape, start, end);
        }
        Var {
            index: end as u32,
            value: total,
        }
    })
}
// ANCHOR_END: record_row

/// Marks a row whose every `w` is a leaf and whose `x`s are those of the row written
/// just before it — like the rows of one matrix times one card. Once the row before has
/// been seen by the walk, all its inputs have been, so this row has nothing left to
/// visit: its terms can be listed without looking at them one by one.
const SAME_CARD: u32 = 1 << 31;

/// The row's first entry that is not finite, named as if it had been written alone.
#[cold]
fn first_spoiled_in_row(tape: &Tape, start: usize, end: usize) -> Option<Spoiled> {
    let mut total = 0.0;
    for at in (start..end).step_by(2) {
        // A product's local gradients are [x, w].
        let [x, w] = tape.local[at];
        let product = w * x;
        if !product.is_finite() {
            return Some(Spoiled {
                operation: "融合 mul",
                numbers: [w, x, product, x, w],
                entry: at,
            });
        }
        let (left, right) = if at == start { (product, 0.0) } else { (total, product) };
        total = left + right;
        if !total.is_finite() {
            return Some(Spoiled {
                operation: "合并 add",
                numbers: [left, right, total, 1.0, 1.0],
                entry: at + 1,
            });
        }
    }
    None
}

/// Starts a fresh recording, keeping the tape's storage for reuse.
pub fn reset() {
    with_tape(|t| {
        t.len = t.len.min(1);
        t.leaves_end = 1;
        t.run_ends.clear();
        t.spoiled = None;
    });
}

/// How many entries the tape holds (leaves and operations, plus the sink).
pub fn len() -> usize {
    with_tape(|t| t.len)
}

/// The first non-finite operation since the last `reset`, if any.
pub fn fault() -> Option<Fault> {
    with_tape(|t| t.spoiled.map(Fault::from))
}

/// The gradients of `out.len()` consecutive tape entries starting at `first` (e.g. the
/// knobs, recorded one after another), copied into `out`.
pub fn copy_grads(first: Var, out: &mut [f64]) {
    with_tape(|t| {
        let start = first.index as usize;
        out.copy_from_slice(&t.grads[start..start + out.len()]);
    });
}

/// Traces `root` back to every number it was made from: afterwards each `Var::grad` is
/// ∂root/∂var. Fails if any recorded operation produced a non-finite number.
pub fn backward(root: Var, order: Order) -> Result<(), Fault> {
    with_tape(|tape| {
        if let Some(spoiled) = tape.spoiled {
            return Err(spoiled.into());
        }
        tape.grads.clear();
        tape.grads.resize(tape.len, 0.0);
        if root.index == SINK {
            return Ok(());
        }
        tape.grads[root.index as usize] = 1.0;
        match order {
            Order::Reference => {
                let listed = reference_order(tape, root.index);
                propagate_listed(&tape.order[..listed], &tape.kids, &tape.local, &mut tape.grads);
            }
            Order::Creation => {
                propagate(
                    (tape.leaves_end.min(root.index)..=root.index).rev(),
                    &tape.kids,
                    &tape.local,
                    &mut tape.grads,
                );
            }
        }
        Ok(())
    })
}

// ANCHOR: reference_order
/// What the walk has marked on an entry.
const UNSEEN: u8 = 0;
const SEEN: u8 = 1;
/// The last total of a row written by `dot`, not yet seen.
const ROW_END: u8 = 2;
/// In the list: `[first product, last product | TERMS]` stands for the terms of one row
/// from the first to the last product, each listed as its product and its total.
const TERMS: u32 = 1 << 31;

/// The reference's `build_topo` — visit each input in order, depth first, and list an
/// entry once all its inputs are listed — without recursion. The walk goes straight down
/// the first input that still needs a visit; what it must come back to waits on a stack:
/// the entry itself, marked DONE ("its inputs are done, list it"), and its second input,
/// if that needs a visit too. Leaves (the knobs) are never visited: they have no inputs.
/// A second input is looked at again when it comes off the stack, because the walk down
/// the first may have reached it in between — exactly as the recursive walk then skips it.
///
/// A row written by `dot` is walked as the recursive walk would walk it, without
/// visiting its entries one by one: from the last total the recursive walk runs down
/// the chain of totals to the first product, then lists, term after term, whatever of
/// `w` and `x` it has not seen, the product and its total. So the walk goes along the
/// terms, and only steps off the row (leaving a RESUME mark) to visit an input not yet
/// seen. The terms listed between two such steps become one `TERMS` item.
fn reference_order(tape: &mut Tape, root: u32) -> usize {
    const DONE: u32 = 1 << 31;
    const RESUME: u32 = 1 << 30;
    let Tape {
        kids,
        len,
        leaves_end,
        run_start,
        run_ends,
        visited,
        stack,
        order,
        ..
    } = tape;
    let (kids, leaves_end) = (&kids[..*len], *leaves_end);
    // One byte per entry rather than one bit: marking is then a plain store, not a
    // read-modify-write that the next check of a neighbour would have to wait for.
    visited.clear();
    visited.resize(kids.len(), UNSEEN);
    for &end in run_ends.iter() {
        visited[end as usize] = ROW_END;
    }
    // Each visit pushes at most two, and each entry is listed once: size both up front,
    // so the walk is plain indexing with no growth checks.
    // (Fresh zeroed vectors, not `resize`: pages the walk never reaches are then never
    // touched, and cost no memory.)
    let need = 2 * kids.len() + 1;
    if stack.len() < need {
        *stack = vec![0; need];
    }
    if order.len() < kids.len() {
        *order = vec![0; kids.len()];
    }
    let needs_visit = |visited: &[u8], e: u32| e >= leaves_end && visited[e as usize] != SEEN;
    enum Step {
        Visit(u32),
        /// Walk a row on from the term whose product is at `.1`; the row ends at `.0`.
        Row(u32, u32),
        Back,
    }
    let (mut listed, mut top, mut step) = (0, 0, Step::Visit(root));
    loop {
        step = match step {
            Step::Visit(node) => {
                let mark = std::mem::replace(&mut visited[node as usize], SEEN);
                if mark == ROW_END {
                    let start = run_start[node as usize];
                    let from = start & !SAME_CARD;
                    if start & SAME_CARD != 0 && visited[from as usize - 1] == SEEN {
                        // The row before (ending just before this one) has been seen, and
                        // it cannot still be on its way: this row was made after all its
                        // inputs. So every input here is seen: list the row whole.
                        order[listed] = from;
                        order[listed + 1] = (node - 1) | TERMS;
                        listed += 2;
                        Step::Back
                    } else {
                        Step::Row(node, from)
                    }
                } else {
                    let [a, b] = kids[node as usize];
                    let walk_a = needs_visit(visited, a);
                    let walk_b = needs_visit(visited, b);
                    if walk_a || walk_b {
                        stack[top] = node | DONE;
                        top += 1;
                        if walk_a && walk_b {
                            stack[top] = b;
                            top += 1;
                        }
                        Step::Visit(if walk_a { a } else { b })
                    } else {
                        order[listed] = node;
                        listed += 1;
                        Step::Back
                    }
                }
            }
            Step::Row(end, from) => {
                // Go along the terms while both inputs are seen; they form one item.
                let mut product = from;
                let off_row = loop {
                    if product > end {
                        break None;
                    }
                    let [w, x] = kids[product as usize];
                    if needs_visit(visited, w) {
                        break Some(w);
                    }
                    if needs_visit(visited, x) {
                        break Some(x);
                    }
                    product += 2;
                };
                if product > from {
                    order[listed] = from;
                    order[listed + 1] = (product - 2) | TERMS;
                    listed += 2;
                }
                match off_row {
                    None => Step::Back,
                    Some(input) => {
                        stack[top] = product;
                        stack[top + 1] = end | RESUME;
                        top += 2;
                        Step::Visit(input)
                    }
                }
            }
            Step::Back => loop {
                // Take what waits on the stack until something new is there to visit.
                if top == 0 {
                    return listed;
                }
                top -= 1;
                let next = stack[top];
                if next & DONE != 0 {
                    order[listed] = next & !DONE;
                    listed += 1;
                } else if next & RESUME != 0 {
                    top -= 1;
                    break Step::Row(next & !RESUME, stack[top]);
                } else if visited[next as usize] != SEEN {
                    break Step::Visit(next);
                }
            },
        };
    }
}
// ANCHOR_END: reference_order

// ANCHOR: propagate
/// The chain rule, one entry at a time: each input's gradient grows by
/// `local gradient × this entry's gradient`.
#[cfg(not(feature = "workbench"))]
fn propagate(order: impl Iterator<Item = u32>, kids: &[[u32; 2]], local: &[[f64; 2]], grads: &mut [f64]) {
    for node in order {
        let g = grads[node as usize];
        let ([a, b], [la, lb]) = (kids[node as usize], local[node as usize]);
        grads[a as usize] += la * g;
        grads[b as usize] += lb * g;
    }
}
// ANCHOR_END: propagate

// ANCHOR: propagate_listed
/// The chain rule along the walk's list, from its end: an entry passes its gradient on as
/// in [`propagate`]; a `TERMS` item passes on the gradient of its row's total. Inside a
/// row every total and every product has exactly one user, so each gets the gradient of
/// the total after it unchanged (`0 + 1 × g` is `g`): every term passes on the same `g`,
/// and the terms need not wait for one another.
fn propagate_listed(order: &[u32], kids: &[[u32; 2]], local: &[[f64; 2]], grads: &mut [f64]) {
    let mut i = order.len();
    while i > 0 {
        i -= 1;
        let word = order[i];
        if word & TERMS == 0 {
            propagate(std::iter::once(word), kids, local, grads);
            continue;
        }
        i -= 1;
        let (first, last) = (order[i] as usize, (word & !TERMS) as usize);
        let g = grads[last + 1];
        // (The row's own entries are not given their gradient: nothing outside the row
        // can ask for it.)
        // Each term is a pair of entries, its product and then its total.
        let terms = first..last + 2;
        for (&[[w, x], _], &[[lw, lx], _]) in kids[terms.clone()]
            .as_chunks::<2>()
            .0
            .iter()
            .rev()
            .zip(local[terms].as_chunks::<2>().0.iter().rev())
        {
            grads[w as usize] += lw * g;
            grads[x as usize] += lx * g;
        }
        // The total before the first term listed here, if there is one, is next.
        let before = kids[first + 1][0] as usize;
        if before != first {
            grads[before] = g;
        }
    }
}
// ANCHOR_END: propagate_listed

// ANCHOR: propagate_starter
/// Exercise 5.4: pass each entry's gradient on to its two inputs.
#[cfg(feature = "workbench")]
fn propagate(order: impl Iterator<Item = u32>, kids: &[[u32; 2]], local: &[[f64; 2]], grads: &mut [f64]) {
    let _ = (kids, local, grads);
    for _node in order {
        todo!("for both inputs k of the entry: grads[k] += local gradient × grads[node]")
    }
}
// ANCHOR_END: propagate_starter

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference's `build_topo`, recursive, as microgpt writes it.
    fn build_topo(kids: &[[u32; 2]], node: u32, visited: &mut Vec<bool>, topo: &mut Vec<u32>) {
        if visited[node as usize] {
            return;
        }
        visited[node as usize] = true;
        for kid in kids[node as usize] {
            build_topo(kids, kid, visited, topo);
        }
        topo.push(node);
    }

    /// One random step of a random menu: an operation and where its inputs come from.
    type RandomStep = (u8, Vec<prop::sample::Index>, Vec<prop::sample::Index>);

    fn random_steps() -> impl Strategy<Value = Vec<RandomStep>> {
        let picks = || prop::collection::vec(any::<prop::sample::Index>(), 1..6);
        prop::collection::vec((0u8..5, picks(), picks()), 1..120)
    }

    /// Records a random menu with plenty of shared numbers: sums, products, ReLUs, rows
    /// of any numbers (`dot`), and matrices — rows of leaves times one card, as in
    /// `linear`. Returns every number a cook could hold (never the inside of a row).
    fn record_random(leaves: usize, steps: &[RandomStep]) -> Vec<Var> {
        reset();
        let mut vars = Var::leaves(&(0..leaves).map(|i| i as f64 * 0.1 + 0.05).collect::<Vec<_>>());
        for (op, a, b) in steps {
            let pick = |from: &[Var], picks: &[prop::sample::Index]| -> Vec<Var> {
                picks.iter().map(|i| *i.get(from)).collect()
            };
            let (xs, ys) = (pick(&vars, a), pick(&vars, b));
            match op {
                0 => vars.push(xs[0] + ys[0]),
                1 => vars.push(xs[0] * ys[0]),
                2 => vars.push(xs[0].relu()),
                3 => vars.push(Var::dot(&xs, &ys)),
                _ => {
                    // A matrix of leaves times a card: one row per pick in `b`.
                    let card = pick(&vars, a);
                    for row in b {
                        let knobs: Vec<Var> = (0..card.len())
                            .map(|k| vars[(row.index(leaves) + k) % leaves])
                            .collect();
                        let out = Var::dot(&knobs, &card);
                        vars.push(out);
                    }
                }
            }
        }
        vars
    }

    /// The recursive walk's list from `root`, without the leaves below it.
    fn recursive_list(root: Var) -> Vec<u32> {
        with_tape(|t| {
            let (mut visited, mut topo) = (vec![false; t.len], Vec::new());
            build_topo(&t.kids[..t.len], root.index, &mut visited, &mut topo);
            topo.retain(|&n| n >= t.leaves_end || n == root.index);
            topo
        })
    }

    proptest! {
        /// The walk lists exactly what the recursive walk lists, in the same order, from
        /// any root — except the leaves below the root, which have nothing to pass their
        /// gradient on to. A `TERMS` item counts as its terms' entries, product then total.
        #[test]
        fn the_walk_lists_what_the_recursive_walk_lists(
            leaves in 1usize..5,
            steps in random_steps(),
            root in any::<prop::sample::Index>(),
        ) {
            let vars = record_random(leaves, &steps);
            let root = *root.get(&vars);
            let walked = with_tape(|t| {
                let listed = reference_order(t, root.index);
                let mut entries = Vec::new();
                for &word in &t.order[..listed] {
                    if word & TERMS == 0 {
                        entries.push(word);
                    } else {
                        let first = entries.pop().expect("a TERMS item has two words");
                        entries.extend((first..=word & !TERMS).step_by(2).flat_map(|p| [p, p + 1]));
                    }
                }
                entries
            });
            prop_assert_eq!(walked, recursive_list(root));
        }

        /// And the gradients are those of the chain rule applied one entry at a time in
        /// the recursive walk's order, bit for bit, for every number a cook could hold.
        #[test]
        fn rows_pass_back_what_their_entries_would(
            leaves in 1usize..5,
            steps in random_steps(),
            root in any::<prop::sample::Index>(),
        ) {
            let vars = record_random(leaves, &steps);
            let root = *root.get(&vars);
            prop_assume!(backward(root, Order::Reference).is_ok());
            let one_by_one = with_tape(|t| {
                let mut grads = vec![0.0; t.len];
                grads[root.index as usize] = 1.0;
                let order = recursive_list(root);
                propagate(order.into_iter().rev(), &t.kids, &t.local, &mut grads);
                grads
            });
            for v in &vars {
                prop_assert_eq!(v.grad().to_bits(), one_by_one[v.index()].to_bits(), "entry {}", v.index());
            }
        }
    }

    #[test]
    fn rows_of_leaves_times_one_card_are_marked() {
        reset();
        let knobs = Var::leaves(&[0.1, 0.2, 0.3, 0.4]);
        let card = [knobs[0] + knobs[1], knobs[2] * knobs[3]];
        let other = [card[1], card[0]];
        let rows = [
            Var::dot(&knobs[..2], &card),   // first row: nothing before it
            Var::dot(&knobs[2..], &card),   // same card, leaves: marked
            Var::dot(&knobs[1..3], &other), // another card
            Var::dot(&card, &other),        // same card, but not leaves
            Var::dot(&knobs[..1], &other),  // shorter than the row before
        ];
        let marked: Vec<bool> = with_tape(|t| rows.iter().map(|r| t.run_start[r.index()] & SAME_CARD != 0).collect());
        assert_eq!(marked, [false, true, false, false, false]);
    }

    #[test]
    fn exercise_backward_salt_and_sugar() {
        reset();
        let (salt, sugar) = (Var::leaf(2.0), Var::leaf(3.0));
        let taste = salt * sugar + salt;
        backward(taste, Order::Reference).unwrap();
        assert_eq!((taste.value(), salt.grad(), sugar.grad()), (8.0, 4.0, 2.0));
    }

    #[test]
    fn a_bad_logarithm_is_named() {
        reset();
        let x = Var::leaf(-1.0);
        let y = x.ln();
        let err = backward(y, Order::Reference).unwrap_err();
        assert_eq!(err.operation, "提取 ln");
        assert_eq!(err.inputs, [-1.0]);
        assert!(err.to_string().contains("提取 ln of [-1.0]"), "{err}");
    }

    #[test]
    fn both_orders_agree_on_a_tree() {
        reset();
        let a = Var::leaf(0.7);
        let b = a.exp() * a.powf(2.0) + a.relu().ln();
        backward(b, Order::Reference).unwrap();
        let reference = a.grad();
        backward(b, Order::Creation).unwrap();
        assert_eq!(a.grad(), reference);
    }
}
