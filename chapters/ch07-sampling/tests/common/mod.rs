//! One trained 小明 shared by every test of a file: the default kitchen (seed 42, the
//! reference's sizes), trained for the reference's 1000 steps, with the pantry's dice as
//! they are right after the knobs were turned, ready for serving.

#![allow(dead_code)] // each test file uses its own part of this

use ch07_sampling::{Apprentice, Config, Dice, Habits, Kitchen, Menu, Pantry};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const NAMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");
pub const BIN: &str = env!("CARGO_BIN_EXE_ch07-sampling");

pub struct Trained {
    pub docs: Vec<String>,
    pub menu: Menu,
    pub apprentice: Apprentice,
    /// The pantry's dice after the knobs were turned: clone it to serve.
    pub dice: Dice,
}

impl Trained {
    pub fn kitchen(&self) -> Kitchen<'_, f64> {
        Kitchen::new(&self.apprentice.knobs.layout, &self.apprentice.knobs.values).expect("the trained kitchen")
    }

    /// Dish numbers of a text, without the bells.
    pub fn dishes(&self, text: &str) -> Vec<usize> {
        let ids = self.menu.encode(text).expect("a text of the menu's dishes");
        ids[1..ids.len() - 1].to_vec()
    }
}

/// Fails with a clear message instead of downloading: tests never touch the internet.
pub fn require_names() {
    assert!(
        Path::new(NAMES).is_file(),
        "{NAMES} is missing: copy names.txt into data/ (CI copies ../shared/data/names.txt)"
    );
}

/// 小明 after the default training, trained once per test file.
pub fn trained() -> &'static Trained {
    static TRAINED: OnceLock<Trained> = OnceLock::new();
    TRAINED.get_or_init(|| {
        require_names();
        let Pantry {
            docs,
            menu,
            knobs,
            dice,
        } = Pantry::stock(Some(Path::new(NAMES)), Config::default(), 42).expect("the pantry");
        let mut apprentice = Apprentice::new(knobs, Habits::default());
        apprentice.train(&docs, &menu, 1000, 1000, |_| {}).expect("training");
        Trained {
            docs,
            menu,
            apprentice,
            dice,
        }
    })
}

/// Runs the chapter binary with `args`.
pub fn run(args: &[&str]) -> Output {
    require_names();
    Command::new(BIN).args(args).output().expect("the chapter binary runs")
}

/// The binary refused cleanly: non-zero exit, one `error:` line naming `what`, no panic,
/// and nothing on stdout (every refusal comes before any cooking).
pub fn assert_refused(output: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "the binary should fail; stderr: {stderr}");
    assert!(
        stderr.starts_with("error: "),
        "stderr should start with `error: `: {stderr}"
    );
    assert!(stderr.contains(what), "stderr should mention {what:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "the binary panicked: {stderr}");
    assert!(
        output.stdout.is_empty(),
        "nothing should reach stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    stderr
}
