//! 冒险旋钮的图 — a picture of the adventure knob: 小明's vote for the next dish after one
//! menu start, drawn once per temperature, so you can watch the favourite tower over the
//! rest when the knob is low and the long shots rise when it is high.
//!
//! Drawn with plotters' SVG backend. Without the `ttf` feature plotters has no font files
//! to measure text with; the SVG backend does not need them (it writes `<text>` and lets
//! the browser pick the font), and plotters' built-in rough text estimate is enough for
//! placing the labels. Everything is integers and fixed formatting: the same knobs always
//! give the same bytes.

use crate::sample::SampleError;
use crate::temperature::{argmax, check, vote};
use ch06_adam::{Kitchen, Menu, Notebooks};
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// The four settings of the adventure knob the chapter compares, from timid to daring.
pub const TEMPERATURES: [f64; 4] = [0.1, 0.5, 1.0, 1.5];

/// Why the figure could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error(transparent)]
    Sample(#[from] SampleError),
    #[error("drawing the figure failed: {0}")]
    Draw(String),
}

fn draw_error(e: impl std::fmt::Display) -> FigureError {
    FigureError::Draw(e.to_string())
}

/// The vote for the dish after the bell and `prefix`, at each of `temperatures`: the
/// bell and the prefix go through the pipeline one by one, filling the notebooks, and the
/// raw scores of the last one are voted on at every temperature.
pub fn next_dish_votes(
    kitchen: &Kitchen<'_, f64>,
    menu: &Menu,
    prefix: &[usize],
    temperatures: &[f64],
) -> Result<Vec<Vec<f64>>, SampleError> {
    let mut notebooks = Notebooks::new(kitchen.layout.config.n_layer);
    let mut logits = Vec::new();
    for (pos, &dish) in std::iter::once(&menu.bell()).chain(prefix).enumerate() {
        logits = kitchen.serve(dish, pos, &mut notebooks)?;
    }
    temperatures.iter().map(|&t| Ok(vote(&logits, check(t)?))).collect()
}

/// One colour per temperature, cool to warm.
const COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(214, 39, 40),
];

/// The SVG: one panel per temperature, one bar per dish (the bell last), all panels on
/// the same 0–1 scale so that sharpening and flattening can be compared by eye.
pub fn svg(menu: &Menu, prefix: &[usize], temperatures: &[f64], votes: &[Vec<f64>]) -> Result<String, FigureError> {
    let dish = |id: usize| menu.name(id).unwrap_or_default();
    let after: String = std::iter::once(menu.bell())
        .chain(prefix.iter().copied())
        .map(dish)
        .collect::<Vec<_>>()
        .join(" ");
    let vocab = menu.vocab_size();
    let mut out = String::new();
    {
        let height = 40 + 190 * temperatures.len() as u32;
        let root = SVGBackend::with_string(&mut out, (820, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let root = root
            .titled(&format!("P(next dish | {after})"), ("sans-serif", 22))
            .map_err(draw_error)?;
        let panels = root.split_evenly((temperatures.len().max(1), 1));
        for (i, ((panel, &t), probs)) in panels.iter().zip(temperatures).zip(votes).enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let top = argmax(probs);
            let caption = format!("T = {t:.1}    top: {} {:.3}", dish(top), probs[top]);
            let mut chart = ChartBuilder::on(panel)
                .caption(caption, ("sans-serif", 17))
                .margin_left(10)
                .margin_right(20)
                .x_label_area_size(24)
                .y_label_area_size(44)
                .build_cartesian_2d((0..vocab - 1).into_segmented(), 0.0..1.0)
                .map_err(draw_error)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(vocab)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(id) | SegmentValue::Exact(id) => dish(*id),
                    SegmentValue::Last => String::new(),
                })
                .y_labels(3)
                .y_label_formatter(&|p| format!("{p:.1}"))
                .light_line_style(TRANSPARENT)
                .draw()
                .map_err(draw_error)?;
            chart
                .draw_series(probs.iter().enumerate().map(|(id, &p)| {
                    let mut bar = Rectangle::new(
                        [(SegmentValue::Exact(id), 0.0), (SegmentValue::Exact(id + 1), p)],
                        colour.filled(),
                    );
                    bar.set_margin(0, 0, 4, 4);
                    bar
                }))
                .map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
    }
    Ok(out)
}

/// The chapter's figure: the vote after the bell and `prefix` at the four temperatures.
pub fn temperature_figure(kitchen: &Kitchen<'_, f64>, menu: &Menu, prefix: &[usize]) -> Result<String, FigureError> {
    let votes = next_dish_votes(kitchen, menu, prefix, &TEMPERATURES)?;
    svg(menu, prefix, &TEMPERATURES, &votes)
}
