//! An export's file as it is written: the bytes go to the disk in blocks, on a thread of their
//! own, and on Linux around the page cache (`O_DIRECT`).
//!
//! An export is written once and not read again by the run, so the page cache only costs it:
//! copying a gigabyte of exports (at 100 MB of input) into fresh pages of the cache took more
//! than a tenth of the run's CPU time, and more again on a virtual machine, where each new page
//! of the cache is also a fault of the host's. Written directly, a block goes from the buffer it
//! was formatted in to the disk. The write then waits for the disk, which a thread of the
//! export's own does, so the thread that formats the export goes on with the next block.
//! Where the file system refuses `O_DIRECT`, the file is written through the page cache, on
//! the same thread.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// The bytes of each write to the file: direct writes of a mebibyte keep the disk busy
/// (2.2 GB/s on the benchmark host, against 0.7 GB/s for writes of 256 KiB), and three
/// blocks per file in flight cost 3 MiB of memory.
const BLOCK: usize = 1 << 20;
/// The blocks of a file: one being formatted, one being written, one waiting for the disk.
const BLOCKS: usize = 3;
/// The alignment of direct writes: of their address in memory, their offset in the file and
/// their length (a page: a multiple of any disk's block).
const PAGE: usize = 4096;

/// A buffer of [`BLOCK`] bytes that starts on a page boundary.
struct Block {
    bytes: Vec<u8>,
    /// The page boundary the block starts at in `bytes`.
    start: usize,
    filled: usize,
}

impl Block {
    fn new() -> Self {
        let bytes = vec![0; BLOCK + PAGE];
        let start = bytes.as_ptr().align_offset(PAGE);
        Block {
            bytes,
            start,
            filled: 0,
        }
    }

    /// Appends what fits of `bytes`; returns how much did.
    fn fill(&mut self, bytes: &[u8]) -> usize {
        let n = bytes.len().min(BLOCK - self.filled);
        let at = self.start + self.filled;
        self.bytes[at..at + n].copy_from_slice(&bytes[..n]);
        self.filled += n;
        n
    }

    fn is_full(&self) -> bool {
        self.filled == BLOCK
    }

    fn filled(&self) -> &[u8] {
        &self.bytes[self.start..self.start + self.filled]
    }

    /// The filled bytes followed by zeros up to the next page boundary.
    fn padded(&mut self) -> &[u8] {
        let end = self.filled.next_multiple_of(PAGE);
        self.bytes[self.start + self.filled..self.start + end].fill(0);
        &self.bytes[self.start..self.start + end]
    }
}

/// What the formatting thread hands the disk's.
enum ToDisk {
    Block(Block),
    /// The last block: the file is complete.
    Last(Block),
}

/// The formatting side of an export's file: a [`Write`] whose full blocks go to the disk's
/// thread ([`ExportFile::create`]). The file is complete once [`ExportFile::finish`] is called;
/// dropped before, the file is left incomplete and the disk's thread ends with an error.
pub(super) struct ExportFile {
    block: Block,
    to_disk: SyncSender<ToDisk>,
    /// Blocks the disk is done with.
    spare: Receiver<Block>,
    /// Blocks made so far (at most [`BLOCKS`]).
    blocks: usize,
}

impl ExportFile {
    /// Creates the file at `path` and starts its disk's thread in `scope`, which writes the
    /// blocks, then flushes the file to disk (`fsync`) and hands the outcome to `done`. An
    /// error of the disk's reaches the formatting side as the error of a later write.
    pub(super) fn create<'scope>(
        path: &'scope Path,
        scope: &'scope std::thread::Scope<'scope, '_>,
        done: impl FnOnce(io::Result<()>) + Send + 'scope,
    ) -> io::Result<Self> {
        let disk = Disk::create(path)?;
        let (to_disk, blocks) = sync_channel(BLOCKS);
        let (give_back, spare) = sync_channel(BLOCKS);
        scope.spawn(move || {
            if let Some(outcome) = disk.take(&blocks, &give_back) {
                done(outcome);
            }
        });
        Ok(ExportFile {
            block: Block::new(),
            to_disk,
            spare,
            blocks: 1,
        })
    }

    /// Hands the last block to the disk's thread.
    pub(super) fn finish(self) -> io::Result<()> {
        self.to_disk
            .send(ToDisk::Last(self.block))
            .map_err(|_| disk_stopped())
    }

    /// Hands the full block to the disk's thread and takes an empty one.
    fn pass_on(&mut self) -> io::Result<()> {
        let next = if self.blocks < BLOCKS {
            self.blocks += 1;
            Block::new()
        } else {
            let mut block = self.spare.recv().map_err(|_| disk_stopped())?;
            block.filled = 0;
            block
        };
        let full = std::mem::replace(&mut self.block, next);
        self.to_disk
            .send(ToDisk::Block(full))
            .map_err(|_| disk_stopped())
    }
}

impl Write for ExportFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.block.fill(bytes);
        if self.block.is_full() {
            self.pass_on()?;
        }
        Ok(n)
    }

    /// Does nothing: blocks go to the disk as they fill, and the last at
    /// [`ExportFile::finish`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The error of a write after the disk's thread stopped (on an error of its own, which it
/// reports).
fn disk_stopped() -> io::Error {
    io::Error::other("the export's file stopped taking writes")
}

/// The disk's side of an export's file.
struct Disk {
    file: File,
    path: PathBuf,
    direct: bool,
    /// The bytes written so far.
    written: u64,
}

impl Disk {
    fn create(path: &Path) -> io::Result<Self> {
        let (file, direct) = match open_direct(path) {
            Ok(file) => (file, true),
            Err(_) => (File::create(path)?, false),
        };
        Ok(Disk {
            file,
            path: path.to_path_buf(),
            direct,
            written: 0,
        })
    }

    /// Writes the blocks that come from `blocks`, giving each back to `give_back`, and once
    /// the last is written flushes the file: the outcome, or None if the formatting side
    /// stopped before its last block (it reports its own error).
    fn take(
        mut self,
        blocks: &Receiver<ToDisk>,
        give_back: &SyncSender<Block>,
    ) -> Option<io::Result<()>> {
        loop {
            match blocks.recv() {
                Err(_) => return None,
                Ok(ToDisk::Block(block)) => {
                    if let Err(e) = self.write(block.filled()) {
                        return Some(Err(e));
                    }
                    // The formatting side may have stopped: the block is then dropped.
                    let _ = give_back.send(block);
                }
                Ok(ToDisk::Last(mut block)) => {
                    return Some(
                        self.write_last(&mut block)
                            .and_then(|()| self.file.sync_all()),
                    )
                }
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        if let Err(e) = self.file.write_all(bytes) {
            // A file system may take O_DIRECT at open and refuse it at the first write: the
            // file is then written through the page cache.
            if !(self.direct && e.kind() == io::ErrorKind::InvalidInput) {
                return Err(e);
            }
            self.direct = false;
            self.file = OpenOptions::new().write(true).open(&self.path)?;
            self.file.seek(io::SeekFrom::Start(self.written))?;
            self.file.write_all(bytes)?;
        }
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Writes the last block: written directly, it is padded to a page and the file cut back
    /// to its length.
    fn write_last(&mut self, block: &mut Block) -> io::Result<()> {
        let len = block.filled().len() as u64;
        if !self.direct || len.is_multiple_of(PAGE as u64) {
            return self.write(block.filled());
        }
        let end = self.written + len;
        self.write(block.padded())?;
        self.file.set_len(end)
    }
}

/// `path` created for writing around the page cache.
#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_: &Path) -> io::Result<File> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Writes `bytes` to a new file at `path` through an [`ExportFile`], in pieces of
    /// `piece` bytes; the outcome its disk's thread reported, if it reported one.
    fn write_through(path: &Path, bytes: &[u8], piece: usize) -> Option<io::Result<()>> {
        let reported = Mutex::new(None);
        std::thread::scope(|scope| {
            let mut file =
                ExportFile::create(path, scope, |r| *reported.lock().unwrap() = Some(r)).unwrap();
            for piece in bytes.chunks(piece) {
                file.write_all(piece).unwrap();
            }
            file.finish().unwrap();
        });
        reported.into_inner().unwrap()
    }

    /// Whatever its length (none, a page, blocks and a piece of a page) and however it is
    /// handed over, a file holds the bytes written, no more, once its disk's thread reports.
    #[test]
    fn a_file_holds_exactly_the_bytes_written() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..3 * BLOCK + 5000).map(|i| (i * 7 % 251) as u8).collect();
        for (len, piece) in [(0, 1), (PAGE, 100), (BLOCK, BLOCK), (bytes.len(), 70_001)] {
            let path = dir.path().join(format!("export-{len}"));
            let outcome = write_through(&path, &bytes[..len], piece);
            assert!(matches!(outcome, Some(Ok(()))), "{len}: {outcome:?}");
            assert!(std::fs::read(&path).unwrap() == bytes[..len], "{len} bytes");
        }
    }

    /// A file dropped before its last block is left incomplete, and its disk's thread
    /// reports nothing: the error is the formatting side's to report.
    #[test]
    fn a_file_dropped_unfinished_reports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export");
        let reported = Mutex::new(None);
        std::thread::scope(|scope| {
            let mut file =
                ExportFile::create(&path, scope, |r| *reported.lock().unwrap() = Some(r)).unwrap();
            file.write_all(&[1; BLOCK + 1]).unwrap();
        });
        assert!(reported.into_inner().unwrap().is_none());
    }

    /// An error of the disk (here a full one) is reported by its thread and stops the
    /// writes of the formatting side.
    #[cfg(target_os = "linux")]
    #[test]
    fn an_error_of_the_disk_stops_the_writes_and_is_reported() {
        let reported = Mutex::new(None);
        let path = Path::new("/dev/full");
        std::thread::scope(|scope| {
            let mut file =
                ExportFile::create(path, scope, |r| *reported.lock().unwrap() = Some(r)).unwrap();
            let block = vec![0; BLOCK];
            let stopped = (0..10 * BLOCKS).find_map(|_| file.write_all(&block).err());
            assert!(stopped.is_some(), "the writes go on");
        });
        let outcome = reported.into_inner().unwrap().expect("an outcome");
        let error = outcome.unwrap_err();
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC), "{error}");
    }
}
