//! `cargo run -p ch06-adam [-- --data FILE] [--figure PATH]`: 师傅 trains 小明 for a
//! thousand dishes. His three habits with their numbers, the penalty coming down, and
//! what the knobs learned about which dish follows which.

use ch06_adam::adam::decayed;
use ch06_adam::growth::{follows, follows_in_records, moving_average, WINDOW};
use ch06_adam::ingredients::report;
use ch06_adam::ingredients::DataArg;
use ch06_adam::ingredients::{facts, SEED};
use ch06_adam::{baseline, checkpoint, figure, Apprentice, Config, Habits, Kitchen, Lesson, Menu, Pantry};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// 第六章 师傅的训练方法: a thousand dishes, one record each — serve, trace, adjust.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
    /// Also draw the training curve into this SVG file (may be given more than once).
    #[arg(long)]
    figure: Vec<PathBuf>,
}

/// The reference's schedule: a thousand steps.
const STEPS: usize = 1000;

fn main() -> ExitCode {
    report(run(&Args::parse()))
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    // A figure that cannot be written should say so now, not after the training.
    for path in &args.figure {
        checkpoint::check_writable(path)?;
    }
    let Pantry { docs, menu, knobs, .. } = Pantry::stock(args.records.path(), Config::default(), SEED)?;
    println!(
        "{} records, {} dishes on the menu, {} knobs: 师傅 trains 小明 for {STEPS} steps, one record a step",
        docs.len(),
        menu.vocab_size(),
        knobs.values.len()
    );

    let habits = Habits::default();
    let Habits {
        learning_rate,
        beta1,
        beta2,
        eps,
    } = habits;
    println!("\n师傅's three habits");
    println!(
        "  memory (momentum):     m = {beta1} × m + {:.2} × gradient",
        1.0 - beta1
    );
    println!(
        "  care for each knob:    v = {beta2} × v + {:.2} × gradient², turn = m / (√v + {eps:e})",
        1.0 - beta2
    );
    println!("  lighter hands (decay): lr = {learning_rate} × (1 − step / {STEPS})");
    for step in [1, 500, STEPS] {
        // `decayed` counts from 0, the printed steps from 1.
        println!("      step {step:4}: lr {:.6}", decayed(learning_rate, step - 1, STEPS));
    }

    // ANCHOR: lessons
    // The knobs as they were, to compare with what they become.
    let untrained = knobs.clone();
    let mut apprentice = Apprentice::new(knobs, habits);
    let mut losses = Vec::with_capacity(STEPS);
    apprentice.train(&docs, &menu, STEPS, STEPS, |Lesson { loss, .. }| losses.push(loss))?;
    let average = moving_average(&losses, WINDOW);
    // ANCHOR_END: lessons

    println!("\nthe growth table (this run; the average is over the {WINDOW} steps ending there, fewer at the start)");
    println!("  step   loss   average");
    for step in [1, 100, 500, STEPS] {
        println!("  {step:4}  {:.4}   {:.4}", losses[step - 1], average[step - 1]);
    }
    println!(
        "  a blind guess among {} dishes costs ln {} = {:.4}",
        menu.vocab_size(),
        menu.vocab_size(),
        baseline(menu.vocab_size())
    );

    println!("\nwhat the knobs learned: after 🛎️ and a first dish, the likeliest second dishes");
    let after_steps = format!("after {STEPS} steps");
    println!(
        "  {:<8}{:<22}{:<22}in the records",
        "first", "before training", after_steps
    );
    let before = Kitchen::new(&untrained.layout, &untrained.values)?;
    let after = Kitchen::new(&apprentice.knobs.layout, &apprentice.knobs.values)?;
    for (first, _) in facts::most_common(&docs, 5, |d| d.chars().next()) {
        let id = menu.id(first).ok_or("a first dish is not on the menu")?;
        println!(
            "  {first:<8}{:<22}{:<22}{}",
            top(&menu, &follows(&before, &menu, id)?),
            top(&menu, &follows(&after, &menu, id)?),
            top(&menu, &follows_in_records(&docs, &menu, first))
        );
    }

    for path in &args.figure {
        let svg = figure::training_curve(&losses, baseline(menu.vocab_size()))?;
        std::fs::write(path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("\nthe training curve is in {}", path.display());
    }
    Ok(())
}

/// The three likeliest dishes with their shares, as "n 25%  l 14%  r  9%".
fn top(menu: &Menu, ranked: &[(usize, f64)]) -> String {
    let shown: Vec<String> = ranked
        .iter()
        .take(3)
        .map(|&(id, share)| format!("{} {:2.0}%", menu.name(id).unwrap_or_default(), share * 100.0))
        .collect();
    shown.join("  ")
}
