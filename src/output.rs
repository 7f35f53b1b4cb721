//! Writing exports to disk: each file goes to a temporary name in the output directory and is
//! renamed into place only once complete, so a failure never leaves a partial file behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::export::{write_graph, Format};
use crate::graph::KnowledgeGraph;

mod disk;

use disk::ExportFile;

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
    // The formats are written side by side, the costliest first, so that the last one to
    // finish is one of the quickest. The first error in the order asked is reported.
    let mut order: Vec<usize> = (0..formats.len()).collect();
    order.sort_by_key(|&i| COSTLIEST_FIRST.iter().position(|&f| f == formats[i]));
    let outcomes: Vec<OnceLock<Result<()>>> = formats.iter().map(|_| OnceLock::new()).collect();
    // A format's first outcome stands: an error of its disk's thread stops the writing,
    // whose own error ("stopped taking writes") then says less.
    let settle = |outcome: &OnceLock<Result<()>>, result| {
        let _ = outcome.set(result);
    };
    std::thread::scope(|disks| {
        rayon::scope_fifo(|writes| {
            for &i in &order {
                let (format, (temp, _), outcome) = (formats[i], &staged[i], &outcomes[i]);
                writes.spawn_fifo(move |_| {
                    // The file is flushed to disk on its disk's thread, which reports it.
                    let flushed = move |flushed: io::Result<()>| {
                        let flushed = flushed.map_err(|e| Error::io(temp, e));
                        if flushed.is_ok() {
                            written(format);
                        }
                        settle(outcome, flushed);
                    };
                    if let Err(e) = write_file(graph, format, temp, disks, flushed) {
                        settle(outcome, Err(e));
                    }
                });
            }
        });
    });
    let mut results = outcomes
        .into_iter()
        .map(|o| o.into_inner().expect("every format settles"));
    if let Some(e) = results.find_map(Result::err) {
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

/// The formats from the costliest to write to the cheapest, as measured on generated corpora
/// (the RDF formats write a statement per fact and take half the time of all).
const COSTLIEST_FIRST: [Format; 8] = [
    Format::Turtle,
    Format::NQuads,
    Format::NTriples,
    Format::GraphMl,
    Format::Html,
    Format::Json,
    Format::Gexf,
    Format::Dot,
];

/// The bytes an export's serializer gathers before it hands them on (see
/// [`disk::ExportFile`], which writes them to disk in larger blocks).
pub(crate) const WRITE_BYTES: usize = 1 << 18;

/// Writes `format` of `graph` to a new file at `path`; the file's disk's thread, in `disks`,
/// flushes it to disk and hands the outcome to `flushed`.
fn write_file<'s>(
    graph: &KnowledgeGraph,
    format: Format,
    path: &'s Path,
    disks: &'s std::thread::Scope<'s, '_>,
    flushed: impl FnOnce(io::Result<()>) + Send + 's,
) -> Result<()> {
    let file = ExportFile::create(path, disks, flushed).map_err(|e| Error::io(path, e))?;
    write_graph(graph, format, file)
        .and_then(ExportFile::finish)
        .map_err(|e| Error::io(path, e))
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
