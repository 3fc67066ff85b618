//! 看货 — a cook's first look at the records: how long they are, how they start and end.

use std::collections::BTreeMap;

// ANCHOR: length_histogram
/// How many records have each length (in characters), shortest first.
#[cfg(not(feature = "workbench"))]
pub fn length_histogram(docs: &[String]) -> BTreeMap<usize, usize> {
    let mut counts = BTreeMap::new();
    for doc in docs {
        *counts.entry(doc.chars().count()).or_insert(0) += 1;
    }
    counts
}
// ANCHOR_END: length_histogram

// ANCHOR: length_histogram_starter
/// Exercise 1.3: count how many records have each length, in characters.
#[cfg(feature = "workbench")]
pub fn length_histogram(docs: &[String]) -> BTreeMap<usize, usize> {
    let _ = docs;
    todo!("for each record, add one to the count of its length in characters")
}
// ANCHOR_END: length_histogram_starter

/// The `k` most common characters picked by `pick` (e.g. the first letter), most common
/// first; ties go to the earlier character, so the answer never depends on hashing.
pub fn most_common(docs: &[String], k: usize, pick: impl Fn(&str) -> Option<char>) -> Vec<(char, usize)> {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in docs.iter().filter_map(|d| pick(d)) {
        *counts.entry(c).or_insert(0) += 1;
    }
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(k);
    ranked
}

/// A bar of `width` cells for `count` out of `max`, drawn with eighth blocks.
pub fn bar(count: usize, max: usize, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let eighths = (count * width * 8 + max / 2) / max;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8 - 1]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn exercise_length_histogram_counts_characters() {
        let h = length_histogram(&docs(&["emma", "ava", "mia", "zoë", "sophia"]));
        assert_eq!(h.into_iter().collect::<Vec<_>>(), [(3, 3), (4, 1), (6, 1)]);
    }

    #[test]
    fn most_common_breaks_ties_alphabetically() {
        let d = docs(&["emma", "ava", "eve", "adam", "bo"]);
        let first = most_common(&d, 2, |s| s.chars().next());
        assert_eq!(first, [('a', 2), ('e', 2)]);
        let last = most_common(&d, 1, |s| s.chars().last());
        assert_eq!(last, [('a', 2)]);
    }

    #[test]
    fn bar_is_proportional() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(bar(5, 10, 4), "██");
    }
}
