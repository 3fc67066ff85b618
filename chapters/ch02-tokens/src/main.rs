//! `cargo run -p ch02-tokens [-- --data FILE]`: a record cut into dish numbers, and the
//! flavour card of a dish.

use ch02_tokens::ingredients::report;
use ch02_tokens::ingredients::DataArg;
use ch02_tokens::{Config, Pantry};
use clap::Parser;
use std::process::ExitCode;

/// 第二章 拆解: the menu, the bell and 小明's knobs.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
    /// The record to cut into dishes.
    #[arg(long, default_value = "emma")]
    record: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(run(&args))
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    // ANCHOR: main
    let Pantry { menu, knobs, .. } = Pantry::stock(args.records.path(), Config::default(), 42)?;
    let menu_line: Vec<String> = (0..menu.vocab_size())
        .map(|id| format!("{}={id}", menu.name(id).unwrap_or_default()))
        .collect();
    println!("vocab size: {}", menu.vocab_size());
    println!("menu: {}", menu_line.join(" "));

    let ids = menu.encode(&args.record)?;
    println!("\n{:?} → {ids:?}", args.record);
    println!("back again → {:?}", menu.decode(&ids)?);

    println!("\nnum params: {}", knobs.values.len());
    for m in &knobs.layout.matrices {
        println!(
            "  {:16} {:3} × {:<3} = {:5} knobs",
            m.name,
            m.rows,
            m.cols,
            m.rows * m.cols
        );
    }
    // ANCHOR_END: main

    let dish = ids[1];
    println!(
        "\nflavour card of {:?} (wte row {dish}), before any training:",
        menu.name(dish)?
    );
    for (i, x) in knobs.row(knobs.layout.wte(), dish).iter().enumerate() {
        let cells = (x.abs() / 0.02).round() as usize;
        let bar = if *x < 0.0 {
            format!("{:>8}|", "▄".repeat(cells.min(8)))
        } else {
            format!("{:>8}|{}", "", "▄".repeat(cells.min(8)))
        };
        println!("  {i:2} {x:+.6} {bar}");
    }
    println!("\nfirst knob {} = {:?}", knobs.layout.knob_name(0), knobs.values[0]);
    let last = knobs.values.len() - 1;
    println!("last knob {} = {:?}", knobs.layout.knob_name(last), knobs.values[last]);
    Ok(())
}
