//! 热力图 — where the sous-chefs look: serve a record one dish at a time, keep every
//! sous-chef's weights over the earlier dishes, and draw them as a heat map (SVG), one
//! lower-triangular grid per sous-chef (head) and per round (layer).
//!
//! The SVG is drawn with plotters' SVG backend, which writes text as SVG `<text>`
//! elements and leaves the glyphs to the browser, so no font files are needed and the
//! output is the same on every machine. Every number in it is formatted with a fixed
//! precision: the same weights always give the same bytes.

use crate::attention::Notebooks;
use crate::model::{Kitchen, PipelineError, Stations};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the sous-chefs looked at while one dish was served: per round (layer), per
/// sous-chef (head), the weight given to each dish so far (positions `0..=pos`).
pub type Glances = Vec<Vec<Vec<f64>>>;

/// Serves `tokens` at positions 0, 1, 2, … (one set of notebooks, as in service) and keeps
/// the round table's weights at every position.
pub fn attention_weights(kitchen: &Kitchen<'_, f64>, tokens: &[usize]) -> Result<Vec<Glances>, PipelineError> {
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    tokens
        .iter()
        .enumerate()
        .map(|(pos, &token)| {
            let mut watched = Stations::default();
            kitchen.serve_watched(token, pos, &mut notebooks, Some(&mut watched))?;
            Ok(watched.attention)
        })
        .collect()
}

/// Sizes of the drawing, in pixels.
const CELL: i32 = 46;
const MARGIN: i32 = 20;
const TITLE: i32 = 44;
const ROW_LABELS: i32 = 34;
const PANEL_TITLE: i32 = 24;
const COLUMN_LABELS: i32 = 22;
const GAP: i32 = 26;
const FOOTER: i32 = 64;

/// plotters writes `font-size = size / 1.24` into the SVG; this gives the size we mean
/// (rounded so that 11, 12, 14 and 16 come out as whole numbers).
fn font(px: f64) -> f64 {
    (px * 124.0).round() / 100.0
}

/// Cream for 0, dark soy for 1, linear in between.
fn soy(weight: f64) -> RGBColor {
    let w = weight.clamp(0.0, 1.0);
    let mix = |from: u8, to: u8| (f64::from(from) + (f64::from(to) - f64::from(from)) * w).round() as u8;
    RGBColor(mix(255, 122), mix(248, 46), mix(231, 14))
}

/// The heat map: `labels[i]` is the dish at position `i` (the bell included), `glances[i]`
/// the weights from [`attention_weights`] at that position. One panel per sous-chef and
/// round; in each, row `i` is the dish being served and column `j ≤ i` the earlier dish
/// it looked back at; the cells above the diagonal (later dishes) stay blank.
pub fn attention_heatmap(title: &str, labels: &[String], glances: &[Glances]) -> String {
    let n = glances.len() as i32;
    let n_layer = glances.first().map_or(0, Vec::len) as i32;
    let n_head = glances.first().and_then(|g| g.first()).map_or(0, Vec::len) as i32;
    let panel_w = ROW_LABELS + n * CELL;
    let panel_h = PANEL_TITLE + COLUMN_LABELS + n * CELL;
    let width = (2 * MARGIN + n_head * panel_w + (n_head - 1).max(0) * GAP).max(560);
    let height = MARGIN + TITLE + n_layer * panel_h + (n_layer - 1).max(0) * GAP + FOOTER;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        draw(&root, title, labels, glances, height).expect("drawing into a String does no I/O, so it cannot fail");
        root.present()
            .expect("drawing into a String does no I/O, so it cannot fail");
    }
    svg
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult<'a> = Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

fn draw<'a>(root: &Area<'a>, title: &str, labels: &[String], glances: &[Glances], height: i32) -> DrawResult<'a> {
    let ink = RGBColor(51, 40, 33);
    let faint = RGBColor(120, 110, 100);
    let text = |px: f64, color: RGBColor, h: HPos, v: VPos| {
        ("sans-serif", font(px)).into_font().color(&color).pos(Pos::new(h, v))
    };
    root.fill(&WHITE)?;
    root.draw(&Text::new(
        title.to_string(),
        (MARGIN, MARGIN),
        text(16.0, ink, HPos::Left, VPos::Top),
    ))?;

    let n = glances.len() as i32;
    let n_layer = glances.first().map_or(0, Vec::len);
    let n_head = glances.first().and_then(|g| g.first()).map_or(0, Vec::len);
    for layer in 0..n_layer {
        let top = MARGIN + TITLE + layer as i32 * (PANEL_TITLE + COLUMN_LABELS + n * CELL + GAP);
        for head in 0..n_head {
            let left = MARGIN + head as i32 * (ROW_LABELS + n * CELL + GAP);
            let name = if n_layer > 1 {
                format!("round {} · sous-chef {} · 副厨 {}", layer + 1, head + 1, head + 1)
            } else {
                format!("sous-chef {} · 副厨 {}", head + 1, head + 1)
            };
            let grid = (left + ROW_LABELS, top + PANEL_TITLE + COLUMN_LABELS);
            root.draw(&Text::new(name, (grid.0, top), text(14.0, ink, HPos::Left, VPos::Top)))?;
            for (j, label) in labels.iter().enumerate().take(n as usize) {
                let x = grid.0 + j as i32 * CELL + CELL / 2;
                let y = grid.1 + j as i32 * CELL + CELL / 2;
                let style = text(14.0, faint, HPos::Center, VPos::Center);
                root.draw(&Text::new(
                    label.clone(),
                    (x, grid.1 - COLUMN_LABELS / 2),
                    style.clone(),
                ))?;
                root.draw(&Text::new(label.clone(), (left + ROW_LABELS / 2, y), style))?;
            }
            for (i, at_pos) in glances.iter().enumerate() {
                for j in 0..n as usize {
                    let (x0, y0) = (grid.0 + j as i32 * CELL, grid.1 + i as i32 * CELL);
                    let corners = [(x0, y0), (x0 + CELL, y0 + CELL)];
                    let Some(&w) = at_pos[layer][head].get(j) else {
                        root.draw(&Rectangle::new(corners, RGBColor(246, 244, 240).filled()))?;
                        continue;
                    };
                    root.draw(&Rectangle::new(corners, soy(w).filled()))?;
                    let color = if w > 0.55 { WHITE } else { ink };
                    let style = text(12.0, color, HPos::Center, VPos::Center);
                    root.draw(&Text::new(format!("{w:.2}"), (x0 + CELL / 2, y0 + CELL / 2), style))?;
                }
            }
            let outline = [grid, (grid.0 + n * CELL, grid.1 + n * CELL)];
            root.draw(&Rectangle::new(outline, ShapeStyle::from(&faint).stroke_width(1)))?;
        }
    }

    // The key: what rows and columns mean, and the colour scale from 0 to 1.
    let key_top = height - FOOTER + 14;
    let caption =
        "row: the dish being served · column: the earlier dish it looks back at · 行：正在上的菜　列：回头看的那道菜";
    root.draw(&Text::new(
        caption,
        (MARGIN, key_top),
        text(12.0, faint, HPos::Left, VPos::Top),
    ))?;
    let steps = 10;
    let step_w = 22;
    let scale_left = MARGIN;
    let scale_top = key_top + 24;
    for s in 0..steps {
        let x0 = scale_left + s * step_w;
        let w = (f64::from(s) + 0.5) / f64::from(steps);
        root.draw(&Rectangle::new(
            [(x0, scale_top), (x0 + step_w, scale_top + 12)],
            soy(w).filled(),
        ))?;
    }
    let end = scale_left + steps * step_w;
    root.draw(&Text::new(
        "0",
        (scale_left - 4, scale_top + 6),
        text(11.0, faint, HPos::Right, VPos::Center),
    ))?;
    root.draw(&Text::new(
        "1",
        (end + 4, scale_top + 6),
        text(11.0, faint, HPos::Left, VPos::Center),
    ))?;
    Ok(())
}
