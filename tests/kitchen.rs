//! The `kitchen` binary against the reference: Karpathy's microgpt.py, run outside this
//! repository (see tests/data/README.md and scripts/compare-with-reference.sh).
//!
//! stdout is a pipe here, so the kitchen prints every step line instead of a progress
//! bar: the whole output can be compared byte for byte. A 1000-step run takes about two
//! seconds with the (optimised) dev profile.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

type OsArg = std::ffi::OsString;

const KITCHEN: &str = env!("CARGO_BIN_EXE_kitchen");
const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/names.txt");

/// A file of reference values under tests/data/.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

fn reference(name: &str) -> String {
    let path = data(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `kitchen` with `args` (paths are passed as given).
fn kitchen<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    // Without data/names.txt the kitchen would download it: tests never touch the internet.
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/"
    );
    let output = Command::new(KITCHEN).args(args).output().expect("the kitchen runs");
    Run {
        ok: output.status.success(),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `kitchen` and insists it succeeded quietly.
fn kitchen_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let run = kitchen(args);
    assert!(run.ok, "the kitchen failed: {}", run.stderr);
    assert!(run.stderr.is_empty(), "nothing should reach stderr: {}", run.stderr);
    run.stdout
}

/// The lines of `text` that start with `prefix`.
fn lines_starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// The names of the `sample NN: name …` lines.
fn sample_names(text: &str) -> Vec<String> {
    lines_starting(text, "sample ")
        .iter()
        .map(|l| {
            l.split_once(": ")
                .expect("sample NN: name")
                .1
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

#[test]
fn the_default_run_prints_exactly_what_the_reference_prints() {
    let stdout = kitchen_ok(std::iter::empty::<&str>());
    let expected = reference("reference-default.out");
    assert!(
        stdout == expected,
        "stdout differs from reference-default.out:\n{}",
        first_difference(&stdout, &expected)
    );
}

#[test]
fn full_precision_shows_every_loss_as_python_repr_prints_it() {
    let stdout = kitchen_ok(["--full-precision"]);
    let reprs = reference("reference-losses.txt");
    let reprs: Vec<&str> = reprs.lines().collect();
    let default = reference("reference-default.out");
    let expected_steps = lines_starting(&default, "step ");
    let steps = lines_starting(&stdout, "step ");
    assert_eq!((steps.len(), reprs.len(), expected_steps.len()), (1000, 1000, 1000));
    for (i, line) in steps.iter().enumerate() {
        let (printed, full) = line
            .split_once(" | full ")
            .unwrap_or_else(|| panic!("no ` | full `: {line}"));
        assert_eq!(printed, expected_steps[i], "step {}", i + 1);
        assert_eq!(full, reprs[i], "step {}: the loss in full", i + 1);
    }
    // Everything but the step lines is as in the default run.
    let rest = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("step "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(rest(&stdout), rest(&default));
}

#[test]
fn other_sizes_and_settings_match_the_reference() {
    let stdout = kitchen_ok([
        "--seed",
        "1337",
        "--steps",
        "100",
        "--n-layer",
        "2",
        "--n-embd",
        "32",
        "--n-head",
        "8",
        "--block-size",
        "12",
        "--learning-rate",
        "0.005",
        "--temperature",
        "1.0",
        "--samples",
        "5",
    ]);
    let expected = reference("reference-alt.out");
    assert!(
        stdout == expected,
        "stdout differs from reference-alt.out:\n{}",
        first_difference(&stdout, &expected)
    );
}

#[test]
fn other_records_match_the_reference() {
    // Characters beyond a–z and records longer than block_size.
    let mut with_other = args(&["--data"]);
    with_other.push(data("other-records.txt").into());
    with_other.extend(args(&["--steps", "200", "--samples", "10"]));
    let stdout = kitchen_ok(&with_other);
    let expected = reference("reference-other.out");
    assert!(
        stdout == expected,
        "stdout differs from reference-other.out:\n{}",
        first_difference(&stdout, &expected)
    );
}

#[test]
fn a_run_stopped_and_resumed_from_a_checkpoint_is_the_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let (half, full) = (dir.path().join("half.ck"), dir.path().join("full.ck"));
    let default = reference("reference-default.out");
    let steps = lines_starting(&default, "step ");
    let samples = lines_starting(&default, "sample ");

    let first = kitchen_ok([
        OsArg::from("--until"),
        "500".into(),
        "--save".into(),
        half.clone().into(),
    ]);
    assert_eq!(lines_starting(&first, "step "), steps[..500]);

    let second = kitchen_ok([OsArg::from("--load"), half.into(), "--save".into(), full.clone().into()]);
    assert_eq!(
        lines_starting(&second, "step "),
        steps[500..],
        "steps 501..1000 after resuming"
    );
    assert_eq!(lines_starting(&second, "sample "), samples);

    // Serving from the finished checkpoint with the same seed serves the same names,
    // each labelled as a real record or an invention.
    let served = kitchen_ok([
        OsArg::from("sample"),
        "--load".into(),
        full.into(),
        "--seed".into(),
        "42".into(),
    ]);
    assert_eq!(sample_names(&served), sample_names(&default));
    let records: BTreeSet<String> = std::fs::read_to_string(NAMES)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    let mut invented = 0;
    for line in lines_starting(&served, "sample ") {
        let name = sample_names(line).remove(0);
        let label = line.split_whitespace().last().unwrap();
        let expected = if records.contains(&name) { "real" } else { "invented" };
        assert_eq!(label, expected, "{line}");
        invented += usize::from(label == "invented");
    }
    assert!(
        served.ends_with(&format!("\n{invented} of 20 invented, {} real\n", 20 - invented)),
        "{served}"
    );
}

// ---- bad input: a clear `error:`, a non-zero exit, no panic, nothing overwritten ----

/// Bytes that must survive every failed run that was asked to `--save` over them.
const KEEP: &[u8] = b"an earlier checkpoint that must not be overwritten\n";

/// Runs `args` (plus `--save` over a file holding [`KEEP`] when `save` is true) and checks
/// it fails cleanly with a message containing every one of `fragments`.
fn fails_with(args: &[OsArg], save: bool, fragments: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("keep.ck");
    std::fs::write(&keep, KEEP).unwrap();
    let mut all = args.to_vec();
    if save {
        all.extend(["--save".into(), keep.clone().into()]);
    }
    let run = kitchen(&all);
    let shown = format!("kitchen {all:?}\nstderr: {}", run.stderr);
    assert!(!run.ok, "{shown}");
    assert_eq!(run.code, Some(1), "an error, not a panic (101) or a signal: {shown}");
    assert!(run.stderr.starts_with("error: "), "{shown}");
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{shown}"
    );
    for fragment in fragments {
        assert!(run.stderr.contains(fragment), "{fragment:?} missing: {shown}");
    }
    assert_eq!(
        std::fs::read(&keep).unwrap(),
        KEEP,
        "the file at --save was overwritten: {shown}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["keep.ck"], "no temporary files are left behind: {shown}");
    run.stderr
}

fn args(list: &[&str]) -> Vec<OsArg> {
    list.iter().map(OsArg::from).collect()
}

#[test]
fn impossible_sizes_and_settings_are_refused() {
    fails_with(
        &args(&["--n-embd", "10", "--n-head", "4"]),
        true,
        &["n_embd 10", "n_head 4"],
    );
    fails_with(&args(&["--n-head", "0"]), true, &["n_head is 0"]);
    fails_with(&args(&["--block-size", "0"]), true, &["block_size is 0"]);
    fails_with(&args(&["--steps", "0"]), true, &["--steps 0"]);
    fails_with(&args(&["--until", "2000"]), true, &["--until 2000", "--steps 1000"]);
    for t in ["-1", "nan", "inf"] {
        fails_with(&args(&["--temperature", t]), true, &["temperature"]);
        fails_with(
            &args(&["sample", "--load", "ck", "--temperature", t]),
            false,
            &["temperature"],
        );
    }
    for lr in ["nan", "inf"] {
        fails_with(&args(&["--learning-rate", lr]), true, &["--learning-rate", "finite"]);
    }
}

#[test]
fn saving_into_a_missing_directory_fails_before_training() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-directory").join("ck");
    let run = kitchen([OsArg::from("--save"), path.clone().into()]);
    assert!(!run.ok && run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "no time was spent training: {}", run.stdout);
    assert!(!path.exists() && !path.parent().unwrap().exists());
}

#[test]
fn checkpoints_that_do_not_fit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.ck");
    let small_kitchen = args(&["--n-embd", "8", "--n-head", "2"]);
    let mut save = small_kitchen.clone();
    save.extend(args(&["--steps", "3", "--samples", "0", "--save"]));
    save.push(small.clone().into());
    kitchen_ok(&save);

    // Another kitchen's size.
    let load = |extra: &[OsArg], path: &Path| -> Vec<OsArg> {
        let mut a = extra.to_vec();
        a.extend([OsArg::from("--load"), path.into()]);
        a
    };
    fails_with(
        &load(&[], &small),
        true,
        &["small.ck", "n_embd 8", "n_embd 16", "--n-embd"],
    );
    fails_with(&load(&args(&["sample"]), &small), false, &["small.ck", "n_embd 8"]);

    // Random bytes (from a fixed little generator, so the test is the same every time).
    let noise = dir.path().join("noise.ck");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect();
    std::fs::write(&noise, bytes).unwrap();
    fails_with(
        &load(&small_kitchen, &noise),
        true,
        &["noise.ck", "not a kitchen checkpoint"],
    );
    fails_with(
        &load(&args(&["sample"]), &noise),
        false,
        &["noise.ck", "not a kitchen checkpoint"],
    );

    // The first half of a real one.
    let whole = std::fs::read(&small).unwrap();
    let truncated = dir.path().join("truncated.ck");
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    fails_with(
        &load(&small_kitchen, &truncated),
        true,
        &["truncated.ck", "not a kitchen checkpoint"],
    );

    // And one that is not there at all.
    fails_with(&load(&[], &dir.path().join("missing.ck")), true, &["missing.ck"]);
}

#[test]
fn a_loss_that_stops_being_finite_names_the_step_and_the_record() {
    // So large a learning rate throws the knobs to ±1e300 after the first step; the
    // second record's scores then overflow. The records are in shuffled order:
    // "diondre" is the second.
    let stderr = fails_with(
        &args(&["--learning-rate", "1e300"]),
        true,
        &["step 2", "record \"diondre\""],
    );
    assert!(stderr.contains("lower the learning rate"), "{stderr}");
}

/// Where two texts first differ, for a readable failure.
fn first_difference(got: &str, expected: &str) -> String {
    for (i, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
        if g != e {
            return format!("line {}:\n  got      {g:?}\n  expected {e:?}", i + 1);
        }
    }
    format!(
        "one is a prefix of the other: {} vs {} lines",
        got.lines().count(),
        expected.lines().count()
    )
}
