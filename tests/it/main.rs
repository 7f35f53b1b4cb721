//! The integration-test harness: one binary, one module per concern.

mod cli;
mod hostile;
mod inputs;
mod quality;
mod relations_as_data;

use std::path::{Path, PathBuf};

/// A path inside the crate.
pub fn project(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}
