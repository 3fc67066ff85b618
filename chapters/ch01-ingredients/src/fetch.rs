//! 进货 — fetching the records: download once, check the SHA-256, store atomically.

use crate::records::DataError;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

/// The makemore names list that microgpt trains on.
pub const NAMES_URL: &str = "https://raw.githubusercontent.com/karpathy/makemore/refs/heads/master/names.txt";
/// Its SHA-256, so that a changed or damaged download is never used.
pub const NAMES_SHA256: &str = "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d";

/// Downloads `url` to `dest`, showing a progress bar on a terminal. The bytes go to a
/// temporary file beside `dest`, are checked against `sha256` (lowercase hex), and only
/// then renamed into place: `dest` is never left half-written.
pub fn download(url: &str, dest: &Path, sha256: &str) -> Result<(), DataError> {
    let fail = |reason: String| DataError::Download {
        url: url.into(),
        reason,
    };
    let io = |source| DataError::Io {
        path: dest.into(),
        source,
    };

    let mut response = ureq::get(url).call().map_err(|e| fail(e.to_string()))?;
    let length = response.body().content_length();
    let bar = match length {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::no_length(),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("进货 {bytes}/{total_bytes} {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut bytes = Vec::new();
    bar.wrap_read(response.body_mut().as_reader())
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("the connection broke after {} bytes ({e})", bytes.len())))?;
    bar.finish_and_clear();
    if let Some(n) = length {
        if bytes.len() as u64 != n {
            return Err(fail(format!("got {} of {n} bytes", bytes.len())));
        }
    }

    let got = format!("{:x}", Sha256::digest(&bytes));
    if got != sha256 {
        return Err(DataError::Checksum {
            url: url.into(),
            expected: sha256.into(),
            got,
        });
    }

    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(&bytes).map_err(io)?;
    tmp.persist(dest).map_err(|e| io(e.error))?;
    Ok(())
}
