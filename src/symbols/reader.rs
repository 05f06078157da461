//! The bytes behind gimli's readers. DWARF sections are read in place from the memory-mapped file (no copy of
//! `.debug_info` at start-up or ever); compressed sections are inflated once into an owned buffer. Both are
//! reached through a cheap, cloneable, `Send + Sync` handle so one `gimli::Dwarf` can live inside `Module`
//! without self-references.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use memmap2::Mmap;

/// Where a module's bytes live.
pub(crate) enum Backing {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl Deref for Backing {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Backing::Mapped(map) => map,
            Backing::Owned(bytes) => bytes,
        }
    }
}

/// A byte range of some backing store, kept alive by an `Arc`.
#[derive(Clone)]
pub(crate) struct SharedBytes {
    backing: Arc<Backing>,
    range: Range<usize>,
}

impl SharedBytes {
    /// `range` must lie inside `backing`; callers check it (an empty range is used when it does not).
    pub(crate) fn new(backing: Arc<Backing>, range: Range<usize>) -> SharedBytes {
        let range = if range.start <= range.end && range.end <= backing.len() { range } else { 0..0 };
        SharedBytes { backing, range }
    }

    /// Lets the kernel drop the resident pages behind `sub` (a range of these bytes) when they come from
    /// the file mapping: a one-pass scan over a big section need not keep it all in memory. The pages are
    /// clean copies of the file and come back from the page cache on the next touch. Owned (inflated)
    /// bytes are left alone.
    pub(crate) fn release(&self, sub: Range<usize>) {
        let Backing::Mapped(map) = &*self.backing else { return };
        let (Some(start), Some(end)) =
            (self.range.start.checked_add(sub.start), self.range.start.checked_add(sub.end))
        else {
            return;
        };
        if start >= end || end > self.range.end {
            return;
        }
        // SAFETY: the mapping is private, read-only and never written, so MADV_DONTNEED loses nothing:
        // every page reads back from the file unchanged (memmap2 widens the range to whole pages, which
        // is equally harmless). No reference is invalidated; only residency changes.
        let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start) };
    }

    pub(crate) fn owned(bytes: Vec<u8>) -> SharedBytes {
        let len = bytes.len();
        SharedBytes { backing: Arc::new(Backing::Owned(bytes)), range: 0..len }
    }
}

impl Deref for SharedBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        // The range was validated in `new`, so this cannot panic.
        &self.backing[self.range.clone()]
    }
}

impl fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedBytes({} bytes)", self.range.len())
    }
}

// SAFETY: the bytes live in an `Arc`-owned mmap or Vec that is never mutated or moved while a handle exists,
// so the slice address is stable across moves and clones of the handle, which is all these traits promise.
unsafe impl gimli::StableDeref for SharedBytes {}
// SAFETY: a clone points at the very same bytes (same Arc, same range).
unsafe impl gimli::CloneStableDeref for SharedBytes {}

/// The reader every DWARF query in this layer uses (x86-64 is little-endian; other ELF files are refused).
pub(crate) type Reader = gimli::EndianReader<gimli::LittleEndian, SharedBytes>;
