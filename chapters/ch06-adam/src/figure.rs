//! 成长曲线 — the training curve as an SVG picture: every step's penalty, the moving
//! average through it, and the penalty of knowing nothing for comparison.
//!
//! Drawn with plotters' SVG backend without its `ttf` feature: the labels go into the
//! file as plain `<text>` and the reader's browser picks the font, so the picture needs
//! no system fonts to draw and comes out byte for byte the same on every machine.
//! The labels are in both languages, because both books show the same file.

use crate::growth::{moving_average, WINDOW};
use plotters::prelude::*;

/// Width and height in pixels.
pub const SIZE: (u32, u32) = (800, 450);

/// Why the picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error("no losses to draw: train for at least one step")]
    Empty,
    #[error("loss {loss} at step {step} cannot be drawn: every loss must be a finite number")]
    NotFinite { step: usize, loss: f64 },
    #[error("drawing the training curve: {0}")]
    Draw(String),
}

fn draw_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> FigureError {
    FigureError::Draw(e.to_string())
}

// ANCHOR: training_curve
/// The training curve of `losses` (one per step, step 1 first) as an SVG document, with
/// a dashed line at `baseline`, the penalty of a uniform bet (ln 27 for the names).
pub fn training_curve(losses: &[f64], baseline: f64) -> Result<String, FigureError> {
    if losses.is_empty() {
        return Err(FigureError::Empty);
    }
    if let Some((i, &loss)) = losses.iter().enumerate().find(|(_, l)| !l.is_finite()) {
        return Err(FigureError::NotFinite { step: i + 1, loss });
    }
    let average = moving_average(losses, WINDOW);
    let steps = losses.len() as f64;
    // The vertical range: every loss and the baseline, widened to whole halves, with
    // half a unit more on top for the legend.
    let lowest = losses.iter().copied().fold(baseline, f64::min);
    let highest = losses.iter().copied().fold(baseline, f64::max);
    let (bottom, top) = ((lowest * 2.0).floor() / 2.0, (highest * 2.0).ceil() / 2.0 + 0.5);

    let each_step = RGBColor(160, 182, 205);
    let trend = RGBColor(200, 70, 30);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .caption("小明的成长曲线 · 小明's training curve", ("sans-serif", 22))
            .x_label_area_size(44)
            .y_label_area_size(56)
            .build_cartesian_2d(0.0..steps, bottom..top)
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .x_desc("第几道菜 · step")
            .y_desc("罚分 · loss")
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_label_formatter(&|y| format!("{y:.1}"))
            .axis_desc_style(("sans-serif", 15))
            .max_light_lines(0)
            .bold_line_style(BLACK.mix(0.08))
            .draw()
            .map_err(draw_error)?;

        let points = |values: &[f64]| -> Vec<(f64, f64)> {
            values.iter().enumerate().map(|(i, &v)| ((i + 1) as f64, v)).collect()
        };
        chart
            .draw_series(LineSeries::new(points(losses), each_step.stroke_width(1)))
            .map_err(draw_error)?
            .label("每一道 · each step")
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], each_step.stroke_width(2)));
        chart
            .draw_series(LineSeries::new(points(&average), trend.stroke_width(3)))
            .map_err(draw_error)?
            .label(format!("最近 {WINDOW} 道的平均 · mean of the last {WINDOW}"))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], trend.stroke_width(3)));
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, baseline), (steps, baseline)],
                8,
                6,
                BLACK.stroke_width(1),
            ))
            .map_err(draw_error)?
            .label(format!("蒙眼乱猜 · guessing blindly: {baseline:.2}"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 24, y)], BLACK.stroke_width(1)));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK.mix(0.4))
            .label_font(("sans-serif", 15))
            .draw()
            .map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    Ok(svg)
}
// ANCHOR_END: training_curve

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_is_an_svg_with_both_lines_and_the_labels() {
        let losses: Vec<f64> = (0..200)
            .map(|i| 3.3 - i as f64 * 0.004 + if i % 2 == 0 { 0.3 } else { -0.3 })
            .collect();
        let svg = training_curve(&losses, 27f64.ln()).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(&format!("mean of the last {WINDOW}")));
        assert!(svg.contains("guessing blindly: 3.30"));
        assert!(
            svg.contains("第几道菜 · step") && svg.contains("罚分 · loss"),
            "the axes are labelled"
        );
        // Drawing twice gives the same bytes: nothing depends on time or hashing.
        assert_eq!(svg, training_curve(&losses, 27f64.ln()).unwrap());
    }

    #[test]
    fn nothing_to_draw_is_an_error() {
        assert!(matches!(training_curve(&[], 3.3), Err(FigureError::Empty)));
        let err = training_curve(&[3.0, f64::NAN], 3.3).unwrap_err();
        assert!(err.to_string().contains("step 2"), "{err}");
    }
}
