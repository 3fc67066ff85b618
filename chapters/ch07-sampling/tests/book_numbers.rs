//! The numbers the book quotes in its prose for chapters 7 and 8 are the kitchen's own:
//! every share and every three-decimal confidence on those pages must appear in the
//! pinned output or in the figure, both editions must quote the same ones, and the
//! stall's column in chapter 8 must agree with the output's first lines. (No training
//! here: the snapshot and the figure are pinned by tests/output.rs and tests/figure.rs.)

use std::collections::BTreeSet;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SNAPSHOT: &str = "chapters/ch07-sampling/tests/snapshots/output__ch07_output.snap";
const FIGURE: &str = "book/src/figures/temperature.svg";

fn read(path: &str) -> String {
    let path = format!("{ROOT}/{path}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Numbers written like the kitchen prints them: shares (`60.5%`) and confidences with
/// three decimals (`0.309`). Temperatures (`0.5`) and exercise numbers (`7.1`) are not.
fn quoted(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && (chars[end].is_ascii_digit() || chars[end] == '.') {
            end += 1;
        }
        let number: String = chars[i..end].iter().collect();
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        if end < chars.len() && chars[end] == '%' {
            found.insert(format!("{number}%"));
        } else if decimals == 3 {
            found.insert(number);
        }
        i = end;
    }
    found
}

/// The values of one row of the pinned table (`invented`, `avg length`, `different`).
fn row(snapshot: &str, label: &str) -> Vec<String> {
    let line = snapshot
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row"));
    line[label.len()..].split_whitespace().map(String::from).collect()
}

#[test]
fn quoted_numbers_come_from_the_output_and_the_figure() {
    let (snapshot, figure) = (read(SNAPSHOT), read(FIGURE));
    let zh = quoted(&read("book/src/ch07-sampling.md"));
    let en = quoted(&read("book/en/src/ch07-sampling.md"));
    assert_eq!(zh, en, "both editions quote the same numbers");
    assert!(zh.len() >= 8, "{zh:?}");
    for number in &zh {
        assert!(
            snapshot.contains(number.as_str()) || figure.contains(number.as_str()),
            "{number} is quoted in chapter 7 but is neither in {SNAPSHOT} nor in {FIGURE}"
        );
    }
    for share in row(&snapshot, "invented") {
        assert!(zh.contains(&share), "chapter 7 should quote the invented share {share}");
    }
    let different = &row(&snapshot, "different")[0];
    assert!(read("book/src/ch07-sampling.md").contains(&format!("只有 {different} 种")));
    assert!(read("book/en/src/ch07-sampling.md").contains(&format!("only {different} different")));
}

#[test]
fn the_stall_column_is_the_kitchen_output() {
    let snapshot = read(SNAPSHOT);
    let value = |key: &str| -> usize {
        let line = snapshot
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key}"));
        line[key.len()..].trim().parse().unwrap()
    };
    let with_commas = |n: usize| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let (params, docs, vocab) = (value("num params:"), value("num docs:"), value("vocab size:"));
    assert_eq!((params, docs, vocab), (4192, 32033, 27));
    for (page, placeholder) in [
        ("book/src/ch08-scale.md", "见第六章的基准测试"),
        ("book/en/src/ch08-scale.md", "see the benchmark in chapter 6"),
    ] {
        let text = read(page);
        for figure in [with_commas(params), with_commas(docs), "| 27 ".to_string()] {
            assert!(text.contains(&figure), "{page} should show {figure}");
        }
        // No training time is invented: the cell points at chapter 6's benchmark.
        assert!(text.contains(placeholder), "{page} should say {placeholder:?}");
        assert!(text.contains("cargo bench -p ch06-adam"), "{page}");
    }
}
