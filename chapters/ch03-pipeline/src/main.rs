//! `cargo run -p ch03-pipeline [-- --data FILE] [--record emma] [--prefix emm] [--figure PATH]`:
//! 小明 serves the first dishes of a record through the pipeline, one dish at a time, shows
//! what each station made of it, and bets on the next dish — with the knobs he starts
//! with, before any training.

use ch03_pipeline::figure::{attention_heatmap, attention_weights};
use ch03_pipeline::ingredients::facts::bar;
use ch03_pipeline::ingredients::report;
use ch03_pipeline::ingredients::DataArg;
use ch03_pipeline::{softmax, Config, Kitchen, Menu, MenuError, Notebooks, Pantry, Stations};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// 第三章 出菜流水线: one dish in, 27 probabilities out.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
    /// The record to serve from; --figure draws the sous-chefs' weights over all of it.
    #[arg(long, default_value = "emma")]
    record: String,
    /// The dishes already served; 小明 bets on the next one [default: the record without
    /// its last dish, "emm" for emma].
    #[arg(long)]
    prefix: Option<String>,
    /// Also write the heat map of the sous-chefs' attention over the record to this SVG file.
    #[arg(long)]
    figure: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(run(&args))
}

/// A record as the dishes served so far: the opening bell and its dishes, without the
/// closing bell (that is for 小明 to ring). Refuses unknown dishes and menus too long to
/// keep in mind.
fn served(menu: &Menu, flag: &str, text: &str, config: &Config) -> Result<Vec<usize>, String> {
    let mut tokens = menu.encode(text).map_err(|e: MenuError| format!("{flag}: {e}"))?;
    tokens.pop();
    if tokens.len() > config.block_size {
        return Err(format!(
            "{flag} {text:?} has {} dishes: with the opening bell that is {} positions, but 小明 keeps only block_size {} in mind; give at most {} dishes",
            tokens.len() - 1,
            tokens.len(),
            config.block_size,
            config.block_size - 1
        ));
    }
    Ok(tokens)
}

/// A card in short: its first four numbers and its length (norm).
fn short(card: &[f64]) -> String {
    let first: Vec<String> = card.iter().take(4).map(|x| format!("{x:+.4}")).collect();
    let norm = card.iter().map(|x| x * x).sum::<f64>().sqrt();
    format!("[{} …]  norm {norm:.4}", first.join(" "))
}

/// Each sous-chef's weights over the dishes so far, two decimals: `[0.50 0.50] […]`.
fn glances(heads: &[Vec<f64>]) -> String {
    let shown: Vec<String> = heads
        .iter()
        .map(|weights| {
            let each: Vec<String> = weights.iter().map(|w| format!("{w:.2}")).collect();
            format!("[{}]", each.join(" "))
        })
        .collect();
    shown.join(" ")
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::default();
    let Pantry { menu, knobs, .. } = Pantry::stock(args.records.path(), config, 42)?;
    let record = served(&menu, "--record", &args.record, &config)?;
    let prefix = match &args.prefix {
        Some(prefix) => prefix.clone(),
        None => args
            .record
            .chars()
            .take(args.record.chars().count().saturating_sub(1))
            .collect(),
    };
    let tokens = served(&menu, "--prefix", &prefix, &config)?;
    let names = |ids: &[usize]| -> Result<Vec<String>, MenuError> { ids.iter().map(|&id| menu.name(id)).collect() };

    println!(
        "小明's {} knobs as Pantry::stock(seed 42) first turns them: untrained, he has learned nothing yet.",
        knobs.values.len()
    );
    // ANCHOR: main
    let kitchen = Kitchen::new(&knobs.layout, &knobs.values)?;
    let mut notebooks = Notebooks::new(config.n_layer);
    let mut logits = Vec::new();
    println!("\nserving {}, one dish at a time:", names(&tokens)?.join(" "));
    for (pos, &token) in tokens.iter().enumerate() {
        let mut watched = Stations::default();
        logits = kitchen.serve_watched(token, pos, &mut notebooks, Some(&mut watched))?;
        println!("\nposition {pos}: {}", menu.name(token)?);
        println!(
            "  entrance (flavour + position card, rinsed)  {}",
            short(&watched.entrance)
        );
        for layer in 0..config.n_layer {
            println!(
                "  after the round table (+ a spoon of stock)  {}",
                short(&watched.after_round_table[layer])
            );
            println!(
                "  after the back kitchen (+ a spoon of stock) {}",
                short(&watched.after_back_kitchen[layer])
            );
            println!(
                "  the sous-chefs' weights over the dishes so far: {}",
                glances(&watched.attention[layer])
            );
        }
    }
    let probs = softmax(&logits);
    // ANCHOR_END: main

    // The record's real next dish (or its closing bell), if the prefix is how it starts.
    let next = record
        .starts_with(&tokens)
        .then(|| record.get(tokens.len()).copied().unwrap_or(menu.bell()));
    let mut ranked: Vec<usize> = (0..probs.len()).collect();
    ranked.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    let top = (probs[ranked[0]] * 1e6).round() as usize;
    println!(
        "\nthe vote after {:?}: {} raw scores (logits), softmax, probabilities — most likely first:",
        prefix,
        probs.len()
    );
    for &id in &ranked {
        let cells = bar((probs[id] * 1e6).round() as usize, top, 30);
        let mark = if Some(id) == next {
            let pad = " ".repeat(32usize.saturating_sub(cells.chars().count()));
            format!("{pad}← next in {}", args.record)
        } else {
            String::new()
        };
        println!(
            "  {:>2}  {:+.4}  {:6.3}%  {cells}{mark}",
            menu.name(id)?,
            logits[id],
            100.0 * probs[id]
        );
    }
    println!("together: {:.15}", probs.iter().sum::<f64>());
    println!(
        "a bet with no preference would give each dish 1/{} = {:.3}%",
        probs.len(),
        100.0 / probs.len() as f64
    );
    if let Some(id) = next {
        println!(
            "in {:?} the next dish is really {}: 小明 bets {:.3}% on it (chapter 4 turns this into his penalty)",
            args.record,
            menu.name(id)?,
            100.0 * probs[id]
        );
    }

    if let Some(path) = &args.figure {
        let glances = attention_weights(&kitchen, &record)?;
        let title = format!(
            "{} — where the sous-chefs look, untrained knobs · 副厨在看哪里（未训练）",
            names(&record)?.join(" ")
        );
        let svg = attention_heatmap(&title, &names(&record)?, &glances);
        std::fs::write(path, svg).map_err(|e| format!("cannot write the figure to {}: {e}", path.display()))?;
        println!(
            "\nheat map of the sous-chefs' weights over {} written to {}",
            args.record,
            path.display()
        );
    }
    Ok(())
}
