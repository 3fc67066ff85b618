//! 小明 serving alone, checked on the trained kitchen: the safest dish at temperature 0,
//! prefixes served as given, temperatures refused, and what every served course promises.

mod common;

use ch07_sampling::figure::temperature_figure;
use ch07_sampling::{argmax, serve, vote, BadTemperature, Dice, MenuError, SampleError, Served};
use proptest::prelude::*;

const BELL: usize = 26;

/// What every served menu keeps: one course per position, the dishes are the chosen ones
/// without the bell, and it ends at the bell or when the menu is full.
fn assert_well_formed(served: &Served, block_size: usize) {
    let chosen: Vec<usize> = served.courses.iter().map(|c| c.chosen).filter(|&c| c != BELL).collect();
    assert_eq!(served.dishes, chosen);
    assert!(!served.courses.is_empty() && served.courses.len() <= block_size);
    let last = served.courses.last().unwrap().chosen;
    assert!(last == BELL || served.courses.len() == block_size, "{served:?}");
    assert!(served.courses[..served.courses.len() - 1]
        .iter()
        .all(|c| c.chosen != BELL));
}

#[test]
fn temperature_zero_is_the_safest_dish_whatever_the_dice() {
    let t = common::trained();
    let kitchen = t.kitchen();
    for prefix in ["", "ka", "z", "emm"] {
        let prefix = t.dishes(prefix);
        let (mut one, mut two) = (Dice::new(1), Dice::new(2));
        let first = serve(&kitchen, &t.menu, &mut one, 0.0, &prefix).unwrap();
        let second = serve(&kitchen, &t.menu, &mut two, 0.0, &prefix).unwrap();
        assert_eq!(first, second, "two different dice, one menu");
        assert_eq!(one.random(), Dice::new(1).random(), "temperature 0 rolls no dice");
        assert_well_formed(&first, 16);
        let chosen: Vec<_> = first.courses.iter().filter(|c| !c.given).collect();
        assert!(!chosen.is_empty());
        for course in chosen {
            assert_eq!(course.chosen, argmax(&course.probs), "{course:?}");
        }
    }
}

#[test]
fn a_prefix_is_served_as_given() {
    let t = common::trained();
    let kitchen = t.kitchen();
    for (text, temperature) in [
        ("ka", 0.5),
        ("emm", 1.0),
        ("z", 0.0),
        ("q", 1.5),
        ("abcdefghijklmno", 1.0),
    ] {
        let prefix = t.dishes(text);
        let served = serve(&kitchen, &t.menu, &mut t.dice.clone(), temperature, &prefix).unwrap();
        assert!(served.dishes.starts_with(&prefix), "{text}: {served:?}");
        assert!(ch07_sampling::name(&t.menu, &served.dishes).starts_with(text));
        for (pos, course) in served.courses.iter().enumerate() {
            assert_eq!(course.given, pos < prefix.len(), "{text}, position {pos}");
            if course.given {
                assert_eq!(course.chosen, prefix[pos]);
            }
        }
        assert_well_formed(&served, 16);
    }
}

#[test]
fn an_unknown_prefix_dish_is_named() {
    let t = common::trained();
    let err = t.menu.encode("kaÉ").unwrap_err();
    assert!(
        matches!(
            err,
            MenuError::UnknownDish {
                dish: 'É',
                position: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("'É'"), "{err}");

    let output = common::run(&["--prefix", "kaÉ"]);
    common::assert_refused(&output, "'É'");
    let output = common::run(&["--prefix", "Ka"]);
    let stderr = common::assert_refused(&output, "--prefix");
    assert!(stderr.contains("'K'") && stderr.contains("character 0"), "{stderr}");
}

#[test]
fn a_prefix_too_long_for_the_menu_is_refused() {
    let output = common::run(&["--prefix", "abcdefghijklmnop"]);
    let stderr = common::assert_refused(&output, "--prefix");
    assert!(
        stderr.contains("16 dishes") && stderr.contains("at most 15"),
        "{stderr}"
    );
}

#[test]
fn bad_temperatures_are_refused() {
    let t = common::trained();
    let kitchen = t.kitchen();
    for bad in [-0.1, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let mut dice = t.dice.clone();
        match serve(&kitchen, &t.menu, &mut dice, bad, &[]) {
            Err(SampleError::Temperature(BadTemperature(got))) => {
                assert!(got == bad || (got.is_nan() && bad.is_nan()), "{got} for {bad}");
            }
            other => panic!("temperature {bad}: expected BadTemperature, got {other:?}"),
        }
    }
    for bad in ["-0.5", "NaN", "inf", "-inf"] {
        let output = common::run(&[&format!("--temperature={bad}")]);
        common::assert_refused(&output, &format!("temperature {bad} is not allowed"));
    }
}

#[test]
fn the_binary_serves_a_prefix_and_draws_its_figure() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.svg"), dir.path().join("two.svg"));
    let output = common::run(&[
        "--prefix",
        "ka",
        "--figure",
        one.to_str().unwrap(),
        "--figure",
        two.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();

    // The ten rows of the four columns: every menu starts with "ka".
    let table: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("     T 0.1"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 10, "{stdout}");
    let mut coldest = Vec::new();
    for row in table {
        let names: Vec<&str> = row.split_whitespace().skip(1).collect();
        assert_eq!(names.len(), 4, "{row}");
        assert!(names.iter().all(|n| n.starts_with("ka")), "{row}");
        coldest.push(names[0]);
    }
    // What the book says of `--prefix ka`: even at T 0.1 one invented name keeps coming
    // back, right beside a real one.
    assert!(coldest.iter().any(|n| n.ends_with('*')), "{coldest:?}");
    let repeated = coldest
        .iter()
        .filter(|n| !n.ends_with('*'))
        .find(|n| coldest.iter().filter(|m| m == n).count() >= 3);
    assert!(repeated.is_some(), "{coldest:?}");
    // Dish by dish: the first two courses are the given k and a, the third is 小明's.
    let courses: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("pos  dish"))
        .skip(1)
        .collect();
    assert!(
        courses[0].starts_with("  0  k") && courses[0].ends_with("(given)"),
        "{stdout}"
    );
    assert!(
        courses[1].starts_with("  1  a") && courses[1].ends_with("(given)"),
        "{stdout}"
    );
    assert!(!courses[2].ends_with("(given)"), "{stdout}");
    assert!(stdout.contains("🛎️ka → ka"), "{stdout}");

    // Both figures are the library's figure of the vote after 🛎️ k a.
    let t = common::trained();
    let expected = temperature_figure(&t.kitchen(), &t.menu, &t.dishes("ka")).unwrap();
    assert!(expected.contains("P(next dish | 🛎️ k a)"), "{expected:.300}");
    for path in [&one, &two] {
        assert_eq!(std::fs::read_to_string(path).unwrap(), expected, "{}", path.display());
        assert!(stdout.contains(&format!("figure: {}", path.display())), "{stdout}");
    }
}

#[test]
fn nothing_is_served_without_a_menu() {
    let output = common::run(&["--samples", "0"]);
    common::assert_refused(&output, "--samples 0");
    let output = common::run(&["--figure", "/no/such/directory/t.svg"]);
    common::assert_refused(&output, "/no/such/directory");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every course's vote is a distribution over the 27 dishes, and the menu is well formed.
    #[test]
    fn every_served_vote_sums_to_one(text in "[a-z]{0,6}", temperature in 0.05f64..3.0, seed in any::<u32>()) {
        let t = common::trained();
        let prefix = t.dishes(&text);
        let served = serve(&t.kitchen(), &t.menu, &mut Dice::new(seed.into()), temperature, &prefix).unwrap();
        assert_well_formed(&served, 16);
        for course in &served.courses {
            prop_assert_eq!(course.probs.len(), 27);
            prop_assert!(course.probs.iter().all(|&p| (0.0..=1.0).contains(&p)));
            let total: f64 = course.probs.iter().sum();
            prop_assert!((total - 1.0).abs() < 1e-12, "{}", total);
        }
    }

    /// At the first dish 小明 chooses, a colder knob never lowers his favourite, and the
    /// vote at any temperature is the vote at 1 re-voted: softmax(ln p / T).
    #[test]
    fn colder_serving_never_lowers_the_favourite(text in "[a-z]{0,6}", temperature in 0.05f64..3.0, k in 0.1f64..1.0, seed in any::<u32>()) {
        let t = common::trained();
        let kitchen = t.kitchen();
        let prefix = t.dishes(&text);
        let first_choice = |temperature: f64| {
            let served = serve(&kitchen, &t.menu, &mut Dice::new(seed.into()), temperature, &prefix).unwrap();
            let course = &served.courses[prefix.len()];
            assert!(!course.given);
            course.probs.clone()
        };
        let (plain, warm, cold) = (first_choice(1.0), first_choice(temperature), first_choice(temperature * k));
        let top = argmax(&warm);
        prop_assert_eq!(top, argmax(&cold));
        prop_assert!(cold[top] >= warm[top] - 1e-12, "{} < {}", cold[top], warm[top]);
        let log: Vec<f64> = plain.iter().map(|p| p.ln()).collect();
        for (again, served) in vote(&log, temperature).iter().zip(&warm) {
            prop_assert!((again - served).abs() < 1e-9, "{} vs {}", again, served);
        }
    }
}
