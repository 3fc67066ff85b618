//! `cargo run -p ch05-backprop [-- --data FILE] [--figure PATH]`: the article's two-step
//! dish traced back by the tape, then one real menu traced back from its loss to all
//! 4,192 knobs — the ten most to blame, a check of the trace against nudging the knobs
//! by hand, the size of the tape, and what changes when the tape is read in another order.

use ch05_backprop::by_hand::two_step_dish;
use ch05_backprop::ingredients::report;
use ch05_backprop::ingredients::DataArg;
use ch05_backprop::{backward, figure, menu_loss, tape, trace, Config, Kitchen, Order, Pantry};
use clap::Parser;
use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;

/// 第五章 追根溯源: who made the dish too salty?
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
    /// Also write the figure of the salt-and-sugar trace to this SVG file.
    #[arg(long)]
    figure: Option<PathBuf>,
}

/// How far each knob is nudged either way for the check by hand.
const NUDGE: f64 = 1e-6;

/// How far apart two numbers are, relative to the larger (0 when they are equal).
fn relative(a: f64, b: f64) -> f64 {
    if a == b {
        0.0
    } else {
        (a - b).abs() / a.abs().max(b.abs())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(run(&args))
}

fn run(args: &Args) -> Result<(), Box<dyn Error>> {
    // ANCHOR: salt_and_sugar
    let dish = two_step_dish(2.0, 3.0);
    backward(dish.taste, Order::Reference)?;
    println!("the article's two-step dish, cooked on the tape:");
    println!("  salt {}, sugar {}", dish.salt.value(), dish.sugar.value());
    println!("  融合 fuse     salt × sugar  = {}", dish.base.value());
    println!("  合并 combine  base + salt   = {}", dish.taste.value());
    println!("traced back from the taste:");
    println!("  salt's influence  {}", dish.salt.grad());
    println!("  sugar's influence {}", dish.sugar.grad());
    // ANCHOR_END: salt_and_sugar

    // ANCHOR: one_menu
    let pantry = Pantry::stock(args.records.path(), Config::default(), 42)?;
    let (layout, knobs) = (&pantry.knobs.layout, &pantry.knobs.values);
    let record = &pantry.docs[0];
    let tokens = pantry.menu.encode(record)?;
    let mut grads = vec![0.0; knobs.len()];
    let traced = trace(layout, knobs, &tokens, Order::Reference, &mut grads)?;
    let entries = tape::len();
    // ANCHOR_END: one_menu
    let dishes: Vec<String> = tokens.iter().map(|&t| pantry.menu.name(t)).collect::<Result<_, _>>()?;
    println!("\none real menu, the first record after the shuffle: {record:?}");
    println!("  {}", dishes.join(" "));
    println!(
        "  loss {:.6} over {} positions, traced back to all {} knobs",
        traced.loss,
        traced.penalties.len(),
        knobs.len()
    );

    // ANCHOR: most_to_blame
    let mut blame: Vec<usize> = (0..grads.len()).collect();
    blame.sort_by(|&a, &b| grads[b].abs().total_cmp(&grads[a].abs()).then(a.cmp(&b)));
    // ANCHOR_END: most_to_blame
    println!("\nthe ten knobs with the largest |gradient|:");
    println!("  {:>5}  {:<26} {:>10}", "#", "knob", "gradient");
    for &i in &blame[..10.min(blame.len())] {
        println!("  {i:>5}  {:<26} {:>+10.6}", layout.knob_name(i), grads[i]);
    }

    println!("\nthe knob most to blame in each matrix:");
    for m in &layout.matrices {
        let knobs_of_m = m.offset..m.offset + m.rows * m.cols;
        if let Some(i) = knobs_of_m.min_by(|&a, &b| grads[b].abs().total_cmp(&grads[a].abs())) {
            println!("  {i:>5}  {:<26} {:>+10.6}", layout.knob_name(i), grads[i]);
        }
    }

    // ANCHOR: nudge
    // Check the trace without the tape: nudge one knob each way, serve the same menu
    // with plain numbers, and see how much the loss moved per unit of nudge.
    let loss_with = |i: usize, delta: f64| -> Result<f64, Box<dyn Error>> {
        let mut nudged = knobs.clone();
        nudged[i] += delta;
        Ok(menu_loss(&Kitchen::new(layout, &nudged)?, &tokens)?.loss)
    };
    // ANCHOR_END: nudge
    let fixed = [layout.wpe().offset, layout.layer(0).attn_wq.offset];
    println!("\nchecked by nudging each knob by ±{NUDGE:e} with plain numbers:");
    println!("  {:<26} {:>16} {:>16}  relative difference", "knob", "tape", "nudge");
    for &i in blame.iter().take(3).chain(&fixed) {
        let nudge = (loss_with(i, NUDGE)? - loss_with(i, -NUDGE)?) / (2.0 * NUDGE);
        println!(
            "  {:<26} {:>+16.10} {:>+16.10}  {:.1e}",
            layout.knob_name(i),
            grads[i],
            nudge,
            relative(grads[i], nudge)
        );
    }

    println!(
        "\nthe tape for this one menu holds {entries} entries, {} of them the knobs",
        knobs.len()
    );

    // ANCHOR: orders
    let mut by_creation = vec![0.0; knobs.len()];
    let again = trace(layout, knobs, &tokens, Order::Creation, &mut by_creation)?;
    let pairs = || grads.iter().zip(&by_creation);
    let differ = pairs().filter(|(a, b)| a != b).count();
    let largest = pairs().map(|(&a, &b)| relative(a, b)).fold(0.0, f64::max);
    // ANCHOR_END: orders
    let same = if again.loss == traced.loss {
        "the same"
    } else {
        "different"
    };
    println!("\nthe same menu traced back in reverse order of creation instead:");
    println!("  loss {same}, to the last bit");
    println!(
        "  {differ} of {} gradients differ in the last bits, by at most {largest:.1e} (relative)",
        knobs.len()
    );

    if let Some(path) = &args.figure {
        let svg = figure::salt_and_sugar()?;
        std::fs::write(path, svg).map_err(|e| format!("cannot write the figure to {}: {e}", path.display()))?;
        println!("\nwrote the salt-and-sugar figure to {}", path.display());
    }
    Ok(())
}
