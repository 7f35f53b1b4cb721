//! Typed errors of the library; only `main` turns them into messages and exit codes.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in a run, each naming the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A schema file has a syntax error or an invalid entry.
    #[error("{}:{line}{}: {message}", path.display(), column.map(|c| format!(":{c}")).unwrap_or_default())]
    Schema {
        path: PathBuf,
        line: usize,
        column: Option<usize>,
        message: String,
    },
    /// A shard file is not one this build reads.
    #[error("{}:{line}: {message}", path.display())]
    Shard {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// An input path names nothing readable.
    #[error("{}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// A warning was raised and `--strict` turns warnings into failures.
    #[error("{count} warning(s) with --strict; nothing written")]
    Strict { count: usize },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
