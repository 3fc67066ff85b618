//! `cargo run -p ch07-sampling [-- --prefix ka] [--load FILE] [--figure PATH]`: 小明 cooks
//! alone. The same start is served at four settings of the adventure knob, side by side;
//! then one menu is followed dish by dish; then the knob is turned all the way down.

use ch07_sampling::figure::{self, TEMPERATURES};
use ch07_sampling::ingredients::report;
use ch07_sampling::ingredients::DataArg;
use ch07_sampling::ingredients::SEED;
use ch07_sampling::temperature::check;
use ch07_sampling::{checkpoint, name, serve, Apprentice, Config, Dice, Habits, Kitchen, Menu, Pantry, Records};
use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// 第七章 出师: 小明 cooks alone, at four settings of the adventure knob.
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    records: DataArg,
    /// Serve from a checkpoint (written by `kitchen --save`) instead of training first.
    #[arg(long)]
    load: Option<PathBuf>,
    /// Start every menu with these dishes (default: nothing but the bell).
    #[arg(long, default_value = "")]
    prefix: String,
    /// The adventure knob for the menu followed dish by dish.
    #[arg(long, default_value_t = 0.5, allow_negative_numbers = true)]
    temperature: f64,
    /// Menus served at each temperature to count the invented ones (the first 10 are shown).
    #[arg(long, default_value_t = 200)]
    samples: usize,
    /// Also draw the next-dish vote at the four temperatures into this SVG file (repeatable).
    #[arg(long)]
    figure: Vec<PathBuf>,
    #[command(flatten)]
    sizes: Config,
}

/// Training as in chapter 6 and the reference: 1000 records, one per step.
const STEPS: usize = 1000;
/// How many menus of each temperature are printed.
const SHOWN: usize = 10;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    report(run(Args::parse()))
}

fn run(args: Args) -> Result<()> {
    // Everything that can be refused is refused before any training time is spent.
    check(args.temperature)?;
    if args.samples == 0 {
        return Err("--samples 0: serve at least 1 menu at each temperature".into());
    }
    for path in &args.figure {
        checkpoint::check_writable(path)?;
    }
    let config = args.sizes;
    // ANCHOR: main
    let Pantry {
        docs,
        menu,
        knobs,
        dice,
    } = Pantry::stock(args.records.path(), config, SEED)?;
    let prefix = prefix_dishes(&menu, &args.prefix, config.block_size)?;
    let (apprentice, knobs_from) = match &args.load {
        Some(path) => {
            let apprentice = checkpoint::load(path, &knobs.layout, Habits::default())?;
            let from = format!("loaded from {} (step {})", path.display(), apprentice.step);
            (apprentice, from)
        }
        None => {
            let mut apprentice = Apprentice::new(knobs, Habits::default());
            let mut last = f64::NAN;
            apprentice.train(&docs, &menu, STEPS, STEPS, |lesson| last = lesson.loss)?;
            (
                apprentice,
                format!("trained for {STEPS} steps (last penalty {last:.4})"),
            )
        }
    };
    println!("num docs: {}", docs.len());
    println!("vocab size: {}", menu.vocab_size());
    println!("num params: {}", apprentice.knobs.values.len());
    println!("小明's knobs: {knobs_from}");
    let kitchen = Kitchen::new(&apprentice.knobs.layout, &apprentice.knobs.values)?;
    let records = Records::new(&docs);
    let start = format!("🛎️{}", args.prefix);

    side_by_side(&kitchen, &menu, &records, &dice, &prefix, &start, args.samples)?;
    dish_by_dish(&kitchen, &menu, &records, &dice, &prefix, args.temperature)?;

    println!("\n--- temperature 0: always the safest dish (our extension) ---");
    let safest = serve(&kitchen, &menu, &mut dice.clone(), 0.0, &prefix)?;
    let safest = name(&menu, &safest.dishes);
    println!("{start} → {} ({})", shown(&safest), records.label(&safest));
    // ANCHOR_END: main

    if !args.figure.is_empty() {
        let svg = figure::temperature_figure(&kitchen, &menu, &prefix)?;
        println!();
        for path in &args.figure {
            std::fs::write(path, &svg).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("figure: {}", path.display());
        }
    }
    Ok(())
}

/// The prefix as dish numbers (without the bells), refused if a character is not on the
/// menu or if it leaves 小明 no room for a dish of his own.
fn prefix_dishes(menu: &Menu, prefix: &str, block_size: usize) -> Result<Vec<usize>> {
    let ids = menu.encode(prefix).map_err(|e| format!("--prefix: {e}"))?;
    let dishes = ids[1..ids.len() - 1].to_vec();
    if dishes.len() >= block_size {
        let most = block_size - 1;
        return Err(format!(
            "--prefix {prefix:?} has {} dishes, but a menu holds at most {block_size}: give at most {most}, so that 小明 cooks at least one himself",
            dishes.len()
        )
        .into());
    }
    Ok(dishes)
}

/// A served name as printed: an empty menu (the bell straight away) is shown as such.
fn shown(name: &str) -> &str {
    if name.is_empty() {
        "(empty)"
    } else {
        name
    }
}

/// The same start at each temperature, every column rolled with the same dice: the first
/// menus of each, then over all `samples` menus how many are invented, how long they are
/// and how many different ones there are.
fn side_by_side(
    kitchen: &Kitchen<'_, f64>,
    menu: &Menu,
    records: &Records,
    dice: &Dice,
    prefix: &[usize],
    start: &str,
    samples: usize,
) -> Result<()> {
    let mut columns = Vec::new();
    for t in TEMPERATURES {
        let mut dice = dice.clone();
        let names = (0..samples)
            .map(|_| Ok(name(menu, &serve(kitchen, menu, &mut dice, t, prefix)?.dishes)))
            .collect::<Result<Vec<String>>>()?;
        columns.push(names);
    }
    println!("\n--- {start}: the same start at four temperatures (* = in the records) ---");
    let header: Vec<String> = TEMPERATURES
        .iter()
        .map(|t| format!("{:<14}", format!("T {t:.1}")))
        .collect();
    println!("     {}", header.join("").trim_end());
    for i in 0..SHOWN.min(samples) {
        let row: Vec<String> = columns
            .iter()
            .map(|names| {
                let star = if records.is_real(&names[i]) { "*" } else { "" };
                format!("{:<14}", format!("{}{star}", shown(&names[i])))
            })
            .collect();
        println!("{:3}  {}", i + 1, row.join("").trim_end());
    }
    println!("\nover {samples} menus each:");
    let row = |label: &str, cell: &dyn Fn(&[String]) -> String| {
        let cells: Vec<String> = columns.iter().map(|names| format!("{:<14}", cell(names))).collect();
        println!("{label:<12} {}", cells.join("").trim_end());
    };
    row("invented", &|names| {
        let invented = names.iter().filter(|n| !records.is_real(n)).count();
        format!("{:.1}%", 100.0 * invented as f64 / names.len() as f64)
    });
    row("avg length", &|names| {
        let dishes: usize = names.iter().map(|n| n.chars().count()).sum();
        format!("{:.2}", dishes as f64 / names.len() as f64)
    });
    row("different", &|names| {
        let mut unique = names.to_vec();
        unique.sort_unstable();
        unique.dedup();
        unique.len().to_string()
    });
    Ok(())
}

/// One menu followed course by course: the dish that came, how sure 小明 was of it, and
/// the three dishes he was next most sure of.
fn dish_by_dish(
    kitchen: &Kitchen<'_, f64>,
    menu: &Menu,
    records: &Records,
    dice: &Dice,
    prefix: &[usize],
    temperature: f64,
) -> Result<()> {
    let served = serve(kitchen, menu, &mut dice.clone(), temperature, prefix)?;
    let dish = |id: usize| menu.name(id).unwrap_or_default();
    println!("\n--- one menu at T {temperature}, dish by dish ---");
    println!("pos  dish  p      the next three");
    for (pos, course) in served.courses.iter().enumerate() {
        let mut ranked: Vec<usize> = (0..course.probs.len()).filter(|&id| id != course.chosen).collect();
        ranked.sort_by(|&a, &b| course.probs[b].total_cmp(&course.probs[a]));
        let others: Vec<String> = ranked
            .iter()
            .take(3)
            .map(|&id| format!("{:<3}{:.3}", dish(id), course.probs[id]))
            .collect();
        let given = if course.given { "  (given)" } else { "" };
        println!(
            "{pos:3}  {:<4}  {:.3}  {}{given}",
            dish(course.chosen),
            course.probs[course.chosen],
            others.join("  ")
        );
    }
    let served = name(menu, &served.dishes);
    println!("→ {} ({})", shown(&served), records.label(&served));
    Ok(())
}
