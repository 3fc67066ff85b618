//! `cargo run -p ch01-ingredients [-- --data FILE]`: the records, shuffled, and a cook's first look.

use ch01_ingredients::{facts, report, shuffled_records, DataArg, DataError, Dice, SEED};
use clap::Parser;
use std::process::ExitCode;

/// 第一章 食材: load the masters' records and shuffle them with the kitchen's dice.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
}

fn main() -> ExitCode {
    report(run(&Args::parse()))
}

fn run(args: &Args) -> Result<(), DataError> {
    // ANCHOR: main
    let mut dice = Dice::new(SEED);
    let docs = shuffled_records(args.records.path(), &mut dice)?;
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
    Ok(())
}
