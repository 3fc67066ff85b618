//! `cargo run -p ch04-loss [-- --data FILE]`: the diners score 小明's bets on the first
//! shuffled record, dish by dish, while his knobs are still untrained — and the average
//! of those penalties is the loss, the number all of training will push down.

use ch04_loss::ingredients::report;
use ch04_loss::ingredients::DataArg;
use ch04_loss::{average_penalty, baseline, penalty, perplexity, softmax, Config, Kitchen, Notebooks, Pantry};
use clap::Parser;
use std::process::ExitCode;

/// 第四章 食客的打分: how much did 小明 bet on the dish that really came next?
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
}

fn main() -> ExitCode {
    let args = Args::parse();
    report(run(&args))
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::default();
    let Pantry { docs, menu, knobs, .. } = Pantry::stock(args.records.path(), config, 42)?;
    let kitchen = Kitchen::new(&knobs.layout, &knobs.values)?;
    let record = &docs[0];
    let tokens = menu.encode(record)?;
    println!("the first shuffled record: {record:?} → {tokens:?}");
    println!(
        "小明's {} knobs as Pantry::stock(seed 42) first turns them: untrained, he has learned nothing yet.",
        knobs.values.len()
    );

    // ANCHOR: main
    // One bet per position: on the dish after each dish, up to block_size positions.
    let n = config.block_size.min(tokens.len() - 1);
    let mut notebooks = Notebooks::new(config.n_layer);
    let mut penalties = Vec::with_capacity(n);
    println!("\npos  dish → next  p(next)   penalty −ln p   (his favourite)");
    for pos in 0..n {
        let probs = softmax(&kitchen.serve(tokens[pos], pos, &mut notebooks)?);
        let next = tokens[pos + 1];
        penalties.push(penalty(&probs, next));
        let favourite = (0..probs.len()).fold(0, |best, id| if probs[id] > probs[best] { id } else { best });
        println!(
            "{pos:3}   {:>2} → {:<2}   {:6.3}%   {:.4}          ({} {:.3}%)",
            menu.name(tokens[pos])?,
            menu.name(next)?,
            100.0 * probs[next],
            penalties[pos],
            menu.name(favourite)?,
            100.0 * probs[favourite]
        );
    }
    let loss = average_penalty(&penalties);
    // ANCHOR_END: main

    let uniform = baseline(menu.vocab_size());
    println!("\nloss, the average penalty over {n} positions: {loss:?}");
    println!(
        "baseline, a bet of 1/{} on every dish: −ln(1/{}) = {uniform:?}",
        menu.vocab_size(),
        menu.vocab_size()
    );
    println!(
        "perplexity e^loss = {:.3}: as unsure as a blind pick among that many dishes (the baseline's: {:.3})",
        perplexity(loss),
        perplexity(uniform)
    );
    println!(
        "untrained 小明 scores {:.4} worse than the baseline: random knobs make him lean, and a lean bet loses more when wrong than it wins when right",
        loss - uniform
    );
    Ok(())
}
