//! `cargo run -p ch01-ingredients [-- --data FILE]`: the records, shuffled, and a cook's first look.

use ch01_ingredients::{facts, shuffled_records, DataArg, Dice, SEED};
use clap::Parser;
use std::process::ExitCode;

/// 第一章 食材: load the masters' records and shuffle them with the kitchen's dice.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // ANCHOR: main
    let mut dice = Dice::new(SEED);
    let docs = match shuffled_records(args.records.path(), &mut dice) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("num docs: {}", docs.len());
    println!("\nthe first ten records after the shuffle:");
    for (i, doc) in docs.iter().take(10).enumerate() {
        println!("{:3}. {doc}", i + 1);
    }
    // ANCHOR_END: main

    println!("\nhow many dishes per menu:");
    let lengths = facts::length_histogram(&docs);
    let max = lengths.values().copied().max().unwrap_or(0);
    for (len, count) in &lengths {
        println!("{len:3} {count:6} {}", facts::bar(*count, max, 40));
    }
    let show = |label: &str, ranked: Vec<(char, usize)>| {
        let list: Vec<String> = ranked.iter().map(|(c, n)| format!("{c} {n}")).collect();
        println!("{label}: {}", list.join(", "));
    };
    println!();
    show(
        "most common first dish",
        facts::most_common(&docs, 5, |d| d.chars().next()),
    );
    show(
        "most common last dish",
        facts::most_common(&docs, 5, |d| d.chars().last()),
    );
    ExitCode::SUCCESS
}
