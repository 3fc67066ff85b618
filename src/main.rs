//! `kitchen` — the whole kitchen: exactly what microgpt does, in a fraction of a second.
//!
//! `cargo run --release` trains 小明 for 1000 steps and serves 20 names, printing what the
//! reference prints, line for line. `kitchen sample --load FILE` serves from a checkpoint.

use ch07_sampling::checkpoint;
use ch07_sampling::ingredients::report;
use ch07_sampling::ingredients::DataArg;
use ch07_sampling::{name, serve, Apprentice, Config, Habits, Kitchen, Lesson, Pantry, Records};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 小明的厨房: train a 4,192-knob apprentice on the masters' records, then let him cook.
#[derive(Parser)]
#[command(name = "kitchen", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    kitchen: KitchenArgs,
    #[command(flatten)]
    train: TrainArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve names from a saved checkpoint, without training.
    Sample {
        #[command(flatten)]
        kitchen: KitchenArgs,
        /// The checkpoint to serve from (written by --save).
        #[arg(long)]
        load: PathBuf,
        /// Start every menu with these dishes.
        #[arg(long, default_value = "")]
        prefix: String,
    },
}

/// What every command needs: the data, the sizes, the dice and the serving.
#[derive(Args, Clone)]
struct KitchenArgs {
    /// The dice's seed (random.seed): shuffling, knobs and sampling.
    #[arg(long, default_value_t = 42, allow_negative_numbers = true)]
    seed: i128,
    #[command(flatten)]
    records: DataArg,
    #[command(flatten)]
    sizes: Config,
    /// The adventure knob: 0 always serves the safest dish.
    #[arg(long, default_value_t = 0.5, allow_negative_numbers = true)]
    temperature: f64,
    /// How many names to serve.
    #[arg(long, default_value_t = 20)]
    samples: usize,
}

/// Training only.
#[derive(Args, Clone)]
struct TrainArgs {
    /// Training steps (one record each); the learning rate decays to 0 over them.
    #[arg(long, default_value_t = 1000)]
    steps: usize,
    /// Stop after this many steps of the schedule (default: all); resume with --load.
    #[arg(long)]
    until: Option<usize>,
    /// 师傅's starting learning rate.
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    learning_rate: f64,
    /// Also print each step's loss in full (as Python's repr prints it).
    #[arg(long)]
    full_precision: bool,
    /// Write the knobs, 师傅's memory and the step to this file at the end (safetensors).
    #[arg(long)]
    save: Option<PathBuf>,
    /// Resume from a checkpoint written by --save.
    #[arg(long)]
    load: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None => train_and_serve(&cli.kitchen, &cli.train),
        Some(Command::Sample { kitchen, load, prefix }) => serve_from(kitchen, load, prefix),
    };
    report(result)
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn check_temperature(k: &KitchenArgs) -> Result<()> {
    ch07_sampling::temperature::check(k.temperature)?;
    Ok(())
}

fn train_and_serve(k: &KitchenArgs, t: &TrainArgs) -> Result<()> {
    if t.steps == 0 {
        return Err("--steps 0: train for at least 1 step".into());
    }
    if !t.learning_rate.is_finite() {
        return Err(format!("--learning-rate {}: use a finite number", t.learning_rate).into());
    }
    let until = t.until.unwrap_or(t.steps);
    if until > t.steps {
        return Err(format!("--until {until} is beyond --steps {}", t.steps).into());
    }
    check_temperature(k)?;
    if let Some(path) = &t.save {
        checkpoint::check_writable(path)?;
    }
    let habits = Habits {
        learning_rate: t.learning_rate,
        ..Habits::default()
    };
    let pantry = Pantry::stock(k.records.path(), k.sizes, k.seed)?;
    let Pantry {
        docs,
        menu,
        knobs,
        mut dice,
    } = pantry;
    let mut out = std::io::stdout().lock();
    writeln!(out, "num docs: {}", docs.len())?;
    writeln!(out, "vocab size: {}", menu.vocab_size())?;
    writeln!(out, "num params: {}", knobs.values.len())?;

    let mut apprentice = match &t.load {
        Some(path) => checkpoint::load(path, &knobs.layout, habits)?,
        None => Apprentice::new(knobs, habits),
    };
    if apprentice.step > until {
        return Err(format!("the checkpoint is already at step {}, past {until}", apprentice.step).into());
    }

    // ANCHOR: lessons
    let bar = std::io::stdout().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(until as u64).with_position(apprentice.step as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("师傅 {bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut written = Ok(());
    let mut running = None::<f64>;
    apprentice.train(&docs, &menu, until, t.steps, |Lesson { step, loss }| {
        let line = format!("step {step:4} / {:4} | loss {loss:.4}", t.steps);
        let line = if t.full_precision {
            format!("{line} | full {loss:?}")
        } else {
            line
        };
        match &bar {
            Some(bar) => {
                let avg = running.map_or(loss, |r| 0.95 * r + 0.05 * loss);
                running = Some(avg);
                bar.set_message(format!("loss {loss:.4} (running {avg:.4})"));
                bar.inc(1);
            }
            None if written.is_ok() => {
                written = writeln!(out, "{line}");
                // `kitchen | head`: the reader has seen enough; stop quietly, as a Unix tool does.
                if matches!(&written, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
                    std::process::exit(0);
                }
            }
            None => {}
        }
    })?;
    written?;
    if let Some(bar) = bar {
        bar.finish();
    }
    // ANCHOR_END: lessons
    if let Some(path) = &t.save {
        checkpoint::save(path, &apprentice)?;
    }

    writeln!(out, "\n--- inference (new, hallucinated names) ---")?;
    let kitchen = Kitchen::new(&apprentice.knobs.layout, &apprentice.knobs.values)?;
    for i in 0..k.samples {
        let served = serve(&kitchen, &menu, &mut dice, k.temperature, &[])?;
        writeln!(out, "sample {:2}: {}", i + 1, name(&menu, &served.dishes))?;
    }
    Ok(())
}

fn serve_from(k: &KitchenArgs, load: &Path, prefix: &str) -> Result<()> {
    check_temperature(k)?;
    // Stock the pantry exactly as training did, so the dice are where they were after
    // the knobs were first turned: the same seed serves the same names.
    let Pantry {
        docs,
        menu,
        knobs,
        mut dice,
    } = Pantry::stock(k.records.path(), k.sizes, k.seed)?;
    let apprentice = checkpoint::load(load, &knobs.layout, Habits::default())?;
    let prefix: Vec<usize> = {
        let ids = menu.encode(prefix)?;
        ids[1..ids.len() - 1].to_vec()
    };
    let records = Records::new(&docs);
    let kitchen = Kitchen::new(&apprentice.knobs.layout, &apprentice.knobs.values)?;
    let mut out = std::io::stdout().lock();
    let mut invented = 0;
    for i in 0..k.samples {
        let served = serve(&kitchen, &menu, &mut dice, k.temperature, &prefix)?;
        let dish = name(&menu, &served.dishes);
        let label = records.label(&dish);
        invented += usize::from(label == "invented");
        writeln!(out, "sample {:2}: {dish:16} {label}", i + 1)?;
    }
    writeln!(
        out,
        "\n{invented} of {} invented, {} real",
        k.samples,
        k.samples - invented
    )?;
    Ok(())
}
