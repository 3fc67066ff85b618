//! 食材 — the records: one document per line, cleaned exactly as the reference cleans them.

use std::path::{Path, PathBuf};

/// Where the records live unless the cook says otherwise: `data/names.txt` at the top of
/// the workspace.
pub const DEFAULT_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/names.txt");

/// `--data FILE`, the one flag every program of the kitchen shares.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataArg {
    /// A UTF-8 text file, one record per line (default: data/names.txt, downloaded if missing).
    #[arg(long = "data", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl DataArg {
    /// The file given, if any; `None` means the default records.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

/// Everything that can go wrong while fetching the ingredients.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{path}: no such file; pass --data FILE, or delete the path to let the kitchen download names.txt")]
    NotFound { path: PathBuf },
    #[error("{path}: is a directory; pass --data with a text file, one record per line")]
    IsDirectory { path: PathBuf },
    #[error("{path}: line {line} is not valid UTF-8 (byte {byte} of the file); save the file as UTF-8")]
    NotUtf8 { path: PathBuf, line: usize, byte: usize },
    #[error("{path}: no records left after removing blank lines and surrounding spaces; give a file with one record per line")]
    Empty { path: PathBuf },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("downloading {url}: {reason}; check the connection or pass --data FILE")]
    Download { url: String, reason: String },
    #[error(
        "downloaded {url} has SHA-256 {got}, expected {expected}; nothing was saved, try again or pass --data FILE"
    )]
    Checksum { url: String, expected: String, got: String },
}

// ANCHOR: clean
/// The reference's cleaning, to the letter:
/// `[l.strip() for l in text.strip().split('\n') if l.strip()]`.
#[cfg(not(feature = "workbench"))]
pub fn clean(text: &str) -> Vec<String> {
    python_strip(text)
        .split('\n')
        .map(python_strip)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}
// ANCHOR_END: clean

// ANCHOR: clean_starter
/// Exercise 1.1: split the text into records the way the reference does.
#[cfg(feature = "workbench")]
pub fn clean(text: &str) -> Vec<String> {
    let _ = text;
    todo!("strip the whole text, split on '\\n', strip each line, keep the non-empty ones")
}
// ANCHOR_END: clean_starter

/// Python's `str.strip()`: Rust's `trim` plus the four ASCII separators (U+001C..U+001F)
/// that Python also counts as white space.
pub fn python_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Reads and cleans the records in `path`, refusing anything that is not a readable
/// UTF-8 text file with at least one record.
pub fn load(path: &Path) -> Result<Vec<String>, DataError> {
    let bytes = std::fs::read(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => DataError::NotFound { path: path.into() },
        std::io::ErrorKind::IsADirectory => DataError::IsDirectory { path: path.into() },
        _ if path.is_dir() => DataError::IsDirectory { path: path.into() },
        _ => DataError::Io {
            path: path.into(),
            source,
        },
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let byte = e.valid_up_to();
        let line = 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
        DataError::NotUtf8 {
            path: path.into(),
            line,
            byte,
        }
    })?;
    let docs = clean(text);
    if docs.is_empty() {
        return Err(DataError::Empty { path: path.into() });
    }
    Ok(docs)
}

/// The records file to use: `--data FILE` if given, else `data/names.txt`, downloading
/// (and checking) it first if it is not there yet.
pub fn locate(data: Option<&Path>) -> Result<PathBuf, DataError> {
    if let Some(path) = data {
        return Ok(path.to_path_buf());
    }
    let default = Path::new(DEFAULT_DATA);
    if !default.exists() {
        crate::fetch::download(crate::fetch::NAMES_URL, default, crate::fetch::NAMES_SHA256)?;
    }
    Ok(default.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exercise_clean_matches_the_reference() {
        assert_eq!(clean("  emma\nolivia \n\n\t\nava\r\n"), ["emma", "olivia", "ava"]);
        assert_eq!(clean("\n\n"), Vec::<String>::new());
        // Python's strip also removes the ASCII separators U+001C..U+001F.
        assert_eq!(clean("\u{1f}mia\u{1c}\n\u{a0}zoe"), ["mia", "zoe"]);
    }

    proptest! {
        #[test]
        fn cleaned_records_are_stripped_and_non_empty(text in "[a-c \\t\\r\\n]{0,60}") {
            for doc in clean(&text) {
                prop_assert!(!doc.is_empty());
                prop_assert_eq!(doc.trim(), doc.as_str());
                prop_assert!(!doc.contains('\n'));
            }
        }
    }
}
