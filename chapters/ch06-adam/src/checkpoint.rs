//! 存档 — a checkpoint: 小明's knobs, 师傅's memory of them and how many steps are done,
//! in the safetensors format. Written to a temporary file and renamed, so a crash never
//! leaves half a checkpoint; read back only if it fits the kitchen exactly.

use crate::adam::{Adam, Habits};
use crate::train::Apprentice;
use ch05_backprop::{Knobs, Layout};
use safetensors::{tensor::TensorView, Dtype, SafeTensors};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A checkpoint that cannot be written or used.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: the directory {dir} does not exist; create it first or save elsewhere")]
    NoDirectory { path: PathBuf, dir: PathBuf },
    #[error("{path}: not a kitchen checkpoint ({reason}); it may be truncated or from another program")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path}: the checkpoint is for a kitchen with {found}, but this kitchen has {expected}; pass the same sizes (--n-embd, --n-head, --n-layer, --block-size) and data")]
    Mismatch {
        path: PathBuf,
        found: String,
        expected: String,
    },
}

fn sizes(layout: &Layout) -> String {
    let c = layout.config;
    format!(
        "n_embd {}, n_head {}, n_layer {}, block_size {}, vocab {}",
        c.n_embd, c.n_head, c.n_layer, c.block_size, layout.vocab_size
    )
}

fn bytes(values: &[f64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Checks that `--save PATH` can be written, before any training time is spent.
pub fn check_writable(path: &Path) -> Result<(), CheckpointError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(CheckpointError::NoDirectory {
            path: path.into(),
            dir: dir.into(),
        });
    }
    Ok(())
}

/// Writes the apprentice to `path` atomically.
pub fn save(path: &Path, apprentice: &Apprentice) -> Result<(), CheckpointError> {
    check_writable(path)?;
    let io = |source| CheckpointError::Io {
        path: path.into(),
        source,
    };
    let layout = &apprentice.knobs.layout;
    let mut buffers: Vec<(String, Vec<usize>, Vec<u8>)> = layout
        .matrices
        .iter()
        .map(|m| {
            let values = &apprentice.knobs.values[m.offset..m.offset + m.rows * m.cols];
            (m.name.clone(), vec![m.rows, m.cols], bytes(values))
        })
        .collect();
    let n = apprentice.knobs.values.len();
    buffers.push(("adam.m".into(), vec![n], bytes(&apprentice.adam.m)));
    buffers.push(("adam.v".into(), vec![n], bytes(&apprentice.adam.v)));
    let views = buffers
        .iter()
        .map(|(name, shape, data)| Ok((name.as_str(), TensorView::new(Dtype::F64, shape.clone(), data)?)))
        .collect::<Result<Vec<_>, safetensors::SafeTensorError>>()
        .map_err(|e| CheckpointError::Corrupt {
            path: path.into(),
            reason: e.to_string(),
        })?;
    let c = layout.config;
    let metadata: HashMap<String, String> = [
        ("kitchen", "kitchen-gpt".to_string()),
        ("step", apprentice.step.to_string()),
        ("n_embd", c.n_embd.to_string()),
        ("n_head", c.n_head.to_string()),
        ("n_layer", c.n_layer.to_string()),
        ("block_size", c.block_size.to_string()),
        ("vocab_size", layout.vocab_size.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let encoded = safetensors::serialize(views, Some(metadata)).map_err(|e| CheckpointError::Corrupt {
        path: path.into(),
        reason: e.to_string(),
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(&encoded).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Reads an apprentice for a kitchen laid out as `layout`, with 师傅's `habits`.
pub fn load(path: &Path, layout: &Layout, habits: Habits) -> Result<Apprentice, CheckpointError> {
    let raw = std::fs::read(path).map_err(|source| CheckpointError::Io {
        path: path.into(),
        source,
    })?;
    let corrupt = |reason: String| CheckpointError::Corrupt {
        path: path.into(),
        reason,
    };
    let (_, header) = SafeTensors::read_metadata(&raw).map_err(|e| corrupt(e.to_string()))?;
    let tensors = SafeTensors::deserialize(&raw).map_err(|e| corrupt(e.to_string()))?;
    let meta = header.metadata().clone().unwrap_or_default();
    if meta.get("kitchen").map(String::as_str) != Some("kitchen-gpt") {
        return Err(corrupt("no kitchen-gpt metadata".into()));
    }
    let number = |key: &str| -> Result<usize, CheckpointError> {
        meta.get(key)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| corrupt(format!("metadata {key} missing or not a number")))
    };
    let found = format!(
        "n_embd {}, n_head {}, n_layer {}, block_size {}, vocab {}",
        number("n_embd")?,
        number("n_head")?,
        number("n_layer")?,
        number("block_size")?,
        number("vocab_size")?
    );
    if found != sizes(layout) {
        return Err(CheckpointError::Mismatch {
            path: path.into(),
            found,
            expected: sizes(layout),
        });
    }
    let read = |name: &str, shape: &[usize]| -> Result<Vec<f64>, CheckpointError> {
        let t = tensors.tensor(name).map_err(|e| corrupt(format!("{name}: {e}")))?;
        if t.dtype() != Dtype::F64 || t.shape() != shape {
            return Err(corrupt(format!(
                "{name} is {:?} {:?}, expected F64 {shape:?}",
                t.dtype(),
                t.shape()
            )));
        }
        Ok(t.data()
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect())
    };
    let mut values = Vec::with_capacity(layout.len());
    for m in &layout.matrices {
        values.extend(read(&m.name, &[m.rows, m.cols])?);
    }
    let n = layout.len();
    let adam = Adam {
        habits,
        m: read("adam.m", &[n])?,
        v: read("adam.v", &[n])?,
    };
    let step = number("step")?;
    Ok(Apprentice {
        knobs: Knobs {
            layout: layout.clone(),
            values,
        },
        adam,
        step,
    })
}
