//! Writing exports to disk: each file goes to a temporary name in the output directory and is
//! renamed into place only once complete, so a failure never leaves a partial file behind.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::export::{write_graph, Format};
use crate::graph::KnowledgeGraph;

/// Writes `formats` of `graph` into `dir` (created if missing); returns the files written.
///
/// All files are first written under temporary names; only when every one is complete are
/// they renamed into place, so an error leaves the previous exports as they were.
pub fn write_exports(
    graph: &KnowledgeGraph,
    formats: &[Format],
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    write_exports_reporting(graph, formats, dir, &|_| {})
}

/// [`write_exports`], telling `written` each format as soon as its file is complete (the
/// formats are written side by side, so in no fixed order).
pub fn write_exports_reporting(
    graph: &KnowledgeGraph,
    formats: &[Format],
    dir: &Path,
    written: &(dyn Fn(Format) + Sync),
) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staged: Vec<(PathBuf, PathBuf)> = formats
        .iter()
        .map(|format| {
            (
                dir.join(format!(".{}.tmp", format.file_name())),
                dir.join(format.file_name()),
            )
        })
        .collect();
    // The formats are written side by side; the first error in the order asked is reported.
    let results: Vec<Result<()>> = formats
        .par_iter()
        .zip(&staged)
        .map(|(&format, (temp, _))| {
            let file = File::create(temp).map_err(|e| Error::io(temp, e))?;
            let mut w = write_graph(graph, format, BufWriter::with_capacity(1 << 16, file))
                .map_err(|e| Error::io(temp, e))?;
            w.flush().map_err(|e| Error::io(temp, e))?;
            let file = w
                .into_inner()
                .map_err(|e| Error::io(temp, e.into_error()))?;
            file.sync_all().map_err(|e| Error::io(temp, e))?;
            written(format);
            Ok(())
        })
        .collect();
    if let Some(e) = results.into_iter().find_map(Result::err) {
        remove_all(&staged);
        return Err(e);
    }
    // A rename fails when its target is a directory: find that before the first rename, so
    // the set of exports is replaced whole or not at all.
    let blocked = staged
        .iter()
        .find(|(_, target)| fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()));
    if let Some((_, target)) = blocked {
        let target = target.clone();
        remove_all(&staged);
        return Err(Error::io(
            target,
            io::Error::from(io::ErrorKind::IsADirectory),
        ));
    }
    let mut written = Vec::new();
    for (i, (temp, target)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(temp, target) {
            remove_all(&staged[i..]);
            return Err(Error::io(target, e));
        }
        written.push(target.clone());
    }
    Ok(written)
}

/// Removes the temporary files of `staged` (best effort: the error being reported matters more).
fn remove_all(staged: &[(PathBuf, PathBuf)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::{Entity, EntityType};

    #[test]
    fn writes_every_format_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = crate::graph::GraphBuilder::new();
        g.add_entity(Entity::new("Peru", EntityType::State));
        let g = g.finish();
        let written = write_exports(&g, &Format::DEFAULT, dir.path()).unwrap();
        assert_eq!(written.len(), Format::DEFAULT.len());
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn each_format_is_reported_once_written() {
        let dir = tempfile::tempdir().unwrap();
        let done = std::sync::Mutex::new(Vec::new());
        let formats = [Format::Json, Format::Dot];
        write_exports_reporting(&KnowledgeGraph::new(), &formats, dir.path(), &|f| {
            assert!(dir.path().join(format!(".{}.tmp", f.file_name())).is_file());
            done.lock().unwrap().push(f);
        })
        .unwrap();
        let mut done = done.into_inner().unwrap();
        done.sort();
        assert_eq!(done, [Format::Dot, Format::Json]);
    }

    #[test]
    fn unwritable_directory_is_an_error_naming_it() {
        let g = KnowledgeGraph::new();
        let err = write_exports(&g, &[Format::Json], Path::new("/proc/newsgraph-out")).unwrap_err();
        assert!(err.to_string().contains("/proc/newsgraph-out"), "{err}");
    }
}
