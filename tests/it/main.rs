//! The integration-test harness: one binary, one module per concern.

mod cli;
mod extraction;
mod hostile;
mod inputs;

use std::path::{Path, PathBuf};

/// A path inside the crate.
pub fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}
