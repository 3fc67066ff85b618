//! 盐和糖的账 — the figure of the salt-and-sugar trace: the little graph of the article's
//! two-step dish, with the values cooked forward and the gradients flowing back.
//!
//! Every number in it comes from a real run of the tape ([`two_step_dish`] and
//! [`backward`]); the local gradient written on each edge comes from the operation's own
//! rule in [`crate::operations`]. Drawn with plotters' SVG backend: without the `ttf`
//! feature plotters has no font files to measure text with, but the SVG backend does not
//! need them (it writes `<text>` and the browser picks the font). All coordinates are
//! integers and all numbers use fixed formatting, so the same run gives the same bytes.

use crate::by_hand::{two_step_dish, TwoStepDish};
use crate::operations::{combine, fuse};
use crate::tape::{backward, Fault, Order, Var};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Why the figure could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error(transparent)]
    Fault(#[from] Fault),
    #[error("drawing the figure failed: {0}")]
    Draw(String),
}

fn draw_error(e: impl std::fmt::Display) -> FigureError {
    FigureError::Draw(e.to_string())
}

const WIDTH: u32 = 760;
const HEIGHT: u32 = 400;
/// Half the width and height of a node's box.
const HALF: (i32, i32) = (88, 34);
const FORWARD: RGBColor = RGBColor(60, 60, 60);
const BACKWARD: RGBColor = RGBColor(214, 96, 0);
const NODE_FILL: RGBColor = RGBColor(250, 246, 235);

/// A number the way the figure writes it: whole numbers without a decimal point, others
/// with up to three decimals.
fn show(x: f64) -> String {
    if x == x.round() && x.abs() < 1e9 {
        format!("{x:.0}")
    } else {
        format!("{x:.3}")
    }
}

/// One box of the graph: where it sits, what it is, the number it holds and its gradient.
struct Node {
    centre: (i32, i32),
    label: &'static str,
    var: Var,
}

/// One edge, from an input to the operation that used it, with that operation's local
/// gradient for this input.
struct Edge {
    from: usize,
    to: usize,
    local: f64,
}

/// Where the segment from `a` to `b` leaves the box around `a` (a box of half-size `HALF`).
fn leave_box(a: (i32, i32), b: (i32, i32)) -> (f64, f64) {
    let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
    let tx = if dx == 0.0 {
        f64::INFINITY
    } else {
        f64::from(HALF.0) / dx.abs()
    };
    let ty = if dy == 0.0 {
        f64::INFINITY
    } else {
        f64::from(HALF.1) / dy.abs()
    };
    let t = tx.min(ty);
    (f64::from(a.0) + t * dx, f64::from(a.1) + t * dy)
}

/// Points on the canvas, in pixels.
type Points = Vec<(i32, i32)>;

/// An arrow from `start` to `end` shifted sideways by `shift` pixels, with its head at
/// `end`; returns the points of the shaft and of the head.
fn arrow(start: (f64, f64), end: (f64, f64), shift: f64) -> (Points, Points) {
    let (dx, dy) = (end.0 - start.0, end.1 - start.1);
    let len = dx.hypot(dy);
    let (ux, uy) = (dx / len, dy / len);
    let (nx, ny) = (-uy * shift, ux * shift);
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let (sx, sy) = (start.0 + nx + ux * 6.0, start.1 + ny + uy * 6.0);
    let (ex, ey) = (end.0 + nx - ux * 6.0, end.1 + ny - uy * 6.0);
    let (bx, by) = (ex - ux * 12.0, ey - uy * 12.0);
    let shaft = vec![px(sx, sy), px(bx, by)];
    let head = vec![
        px(ex, ey),
        px(bx - uy * 5.0, by + ux * 5.0),
        px(bx + uy * 5.0, by - ux * 5.0),
    ];
    (shaft, head)
}

/// The SVG of a traced two-step dish: call it after `backward(dish.taste, …)`.
pub fn svg(dish: &TwoStepDish) -> Result<String, FigureError> {
    let nodes = [
        Node {
            centre: (110, 70),
            label: "盐 salt",
            var: dish.salt,
        },
        Node {
            centre: (110, 262),
            label: "糖 sugar",
            var: dish.sugar,
        },
        Node {
            centre: (380, 196),
            label: "融合 × 底味 base",
            var: dish.base,
        },
        Node {
            centre: (640, 90),
            label: "合并 + 味道 taste",
            var: dish.taste,
        },
    ];
    // The local gradients, straight from the operations' own rules.
    let (_, [fuse_salt, fuse_sugar]) = fuse(dish.salt.value(), dish.sugar.value());
    let (_, [combine_base, combine_salt]) = combine(dish.base.value(), dish.salt.value());
    let edges = [
        Edge {
            from: 0,
            to: 2,
            local: fuse_salt,
        },
        Edge {
            from: 1,
            to: 2,
            local: fuse_sugar,
        },
        Edge {
            from: 2,
            to: 3,
            local: combine_base,
        },
        Edge {
            from: 0,
            to: 3,
            local: combine_salt,
        },
    ];

    let font = |size: i32, colour: &RGBColor| {
        ("sans-serif", size)
            .into_font()
            .color(colour)
            .pos(Pos::new(HPos::Center, VPos::Center))
    };
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let forward = FORWARD.stroke_width(2);
        let back = BACKWARD.stroke_width(2);
        for edge in &edges {
            let (a, b) = (nodes[edge.from].centre, nodes[edge.to].centre);
            let (start, end) = (leave_box(a, b), leave_box(b, a));
            // Forward: the value travels from the input to the operation.
            let (shaft, head) = arrow(start, end, -7.0);
            root.draw(&PathElement::new(shaft, forward)).map_err(draw_error)?;
            root.draw(&Polygon::new(head, FORWARD.filled())).map_err(draw_error)?;
            // Backward: the operation's gradient times its local gradient flows back.
            let (shaft, head) = arrow(end, start, -7.0);
            root.draw(&DashedPathElement::new(shaft, 7, 5, back))
                .map_err(draw_error)?;
            root.draw(&Polygon::new(head, BACKWARD.filled())).map_err(draw_error)?;
            let flowing = edge.local * nodes[edge.to].var.grad();
            let (mx, my) = ((start.0 + end.0) / 2.0, (start.1 + end.1) / 2.0);
            let (dx, dy) = (end.0 - start.0, end.1 - start.1);
            let len = dx.hypot(dy);
            // The label sits beside the backward arrow.
            let (lx, ly) = (mx - dy / len * 30.0, my + dx / len * 30.0);
            let text = format!("×{} → {}", show(edge.local), show(flowing));
            let at = (lx.round() as i32, ly.round() as i32);
            root.draw(&Text::new(text, at, font(17, &BACKWARD)))
                .map_err(draw_error)?;
        }
        for (n, node) in nodes.iter().enumerate() {
            let (x, y) = node.centre;
            let corners = [(x - HALF.0, y - HALF.1), (x + HALF.0, y + HALF.1)];
            root.draw(&Rectangle::new(corners, NODE_FILL.filled()))
                .map_err(draw_error)?;
            root.draw(&Rectangle::new(corners, FORWARD.stroke_width(2)))
                .map_err(draw_error)?;
            root.draw(&Text::new(node.label, (x, y - 13), font(18, &FORWARD)))
                .map_err(draw_error)?;
            let value = format!("= {}", show(node.var.value()));
            root.draw(&Text::new(value, (x, y + 14), font(22, &FORWARD)))
                .map_err(draw_error)?;
            // A number used twice gets its gradient from both uses, added up.
            let parts: Vec<String> = edges
                .iter()
                .filter(|e| e.from == n)
                .map(|e| show(e.local * nodes[e.to].var.grad()))
                .collect();
            let mut grad = format!("梯度 grad {}", show(node.var.grad()));
            if parts.len() > 1 {
                grad = format!("{grad} = {}", parts.join(" + "));
            }
            root.draw(&Text::new(grad, (x, y + HALF.1 + 16), font(17, &BACKWARD)))
                .map_err(draw_error)?;
        }
        let legend = [
            (FORWARD, "黑色实线：前向，算出每一步的值   solid: forward, the values"),
            (
                BACKWARD,
                "橙色虚线：往回传，×局部梯度 → 传回的量   dashed: backward, ×local gradient → what flows back",
            ),
        ];
        for (i, (colour, text)) in legend.iter().enumerate() {
            let at = (WIDTH as i32 / 2, HEIGHT as i32 - 48 + 24 * i as i32);
            root.draw(&Text::new(*text, at, font(15, colour))).map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(out)
}

// ANCHOR: salt_and_sugar
/// The article's dish (salt 2, sugar 3), cooked and traced on the tape, drawn.
pub fn salt_and_sugar() -> Result<String, FigureError> {
    let dish = two_step_dish(2.0, 3.0);
    backward(dish.taste, Order::Reference)?;
    svg(&dish)
}
// ANCHOR_END: salt_and_sugar
