//! The physical int3 sites: one per address, holding the original byte the 0xCC replaced.
//!
//! The engine decides who owns a site; this table only knows which addresses hold an int3 and what was
//! there before, so reads can show the program's own bytes and writes can keep the int3 in place.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Bound;

pub(crate) const INT3: u8 = 0xcc;

#[derive(Default)]
pub(crate) struct Sites {
    /// Address -> original byte. Ordered, so the sites inside a range are found without a scan.
    original: BTreeMap<u64, u8>,
    /// False while a vfork child shares the address space: then the table is kept but memory holds
    /// the original bytes, so the child cannot trap; the int3s go back in when the child is done.
    planted: bool,
}

/// The half-open range [addr, addr + len), clipped at the top of the address space.
fn span(addr: u64, len: usize) -> (Bound<u64>, Bound<u64>) {
    match addr.checked_add(len as u64) {
        Some(end) => (Bound::Included(addr), Bound::Excluded(end)),
        None => (Bound::Included(addr), Bound::Unbounded),
    }
}

impl Sites {
    pub(crate) fn new() -> Sites {
        Sites { original: BTreeMap::new(), planted: true }
    }

    pub(crate) fn contains(&self, addr: u64) -> bool {
        self.original.contains_key(&addr)
    }

    pub(crate) fn addresses(&self) -> impl Iterator<Item = u64> + '_ {
        self.original.keys().copied()
    }

    /// (address, original byte) of every site.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.original.iter().map(|(&a, &b)| (a, b))
    }

    pub(crate) fn planted(&self) -> bool {
        self.planted
    }

    pub(crate) fn set_planted(&mut self, planted: bool) {
        self.planted = planted;
    }

    pub(crate) fn add(&mut self, addr: u64, original: u8) {
        self.original.insert(addr, original);
    }

    pub(crate) fn remove(&mut self, addr: u64) -> Option<u8> {
        self.original.remove(&addr)
    }

    pub(crate) fn clear(&mut self) {
        self.original.clear();
        self.planted = true;
    }

    /// Replaces int3 bytes in `buf` (memory read from `addr`) with the original bytes.
    pub(crate) fn shadow(&self, addr: u64, buf: &mut [u8]) {
        if self.original.is_empty() {
            return;
        }
        for (&at, &byte) in self.original.range(span(addr, buf.len())) {
            buf[(at - addr) as usize] = byte;
        }
    }

    /// The bytes that must really go to memory for a write of `data` at `addr`: the data itself, with
    /// 0xCC kept at every planted site it covers (the data becomes those sites' originals, see
    /// `commit_write`).
    pub(crate) fn physical_bytes<'a>(&self, addr: u64, data: &'a [u8]) -> Cow<'a, [u8]> {
        let mut covered = self.original.range(span(addr, data.len())).peekable();
        if !self.planted || covered.peek().is_none() {
            return Cow::Borrowed(data);
        }
        let mut physical = data.to_vec();
        for (&at, _) in covered {
            physical[(at - addr) as usize] = INT3;
        }
        Cow::Owned(physical)
    }

    /// `written` (the first bytes of a write) reached memory at `addr`: sites under it take those
    /// bytes as their originals.
    pub(crate) fn commit_write(&mut self, addr: u64, written: &[u8]) {
        for (&at, original) in self.original.range_mut(span(addr, written.len())) {
            *original = written[(at - addr) as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shadow_and_overlay_cover_only_the_range() {
        let mut sites = Sites::new();
        sites.add(0x1000, 0x55);
        sites.add(0x1004, 0x90);
        sites.add(0x2000, 0x11);

        let mut buf = [INT3, 1, 2, 3, INT3];
        sites.shadow(0x1000, &mut buf);
        assert_eq!(buf, [0x55, 1, 2, 3, 0x90]);

        let mut tail = [INT3; 2];
        sites.shadow(0x1003, &mut tail);
        assert_eq!(tail, [INT3, 0x90]);

        let written = sites.physical_bytes(0x1003, &[7, 8, 9]);
        assert_eq!(&*written, &[7, INT3, 9]);
        sites.commit_write(0x1003, &[7, 8, 9]);
        let mut again = [INT3];
        sites.shadow(0x1004, &mut again);
        assert_eq!(again, [8]);

        assert!(matches!(sites.physical_bytes(0x3000, &[1]), Cow::Borrowed(_)));
        // A range reaching the top of the address space must not overflow.
        let mut top = [0u8; 4];
        sites.shadow(u64::MAX - 3, &mut top);
    }

    #[test]
    fn unplanted_sites_write_the_data_itself() {
        let mut sites = Sites::new();
        sites.add(0x10, 0x55);
        sites.set_planted(false);
        assert_eq!(&*sites.physical_bytes(0x10, &[0x66]), &[0x66]);
        sites.commit_write(0x10, &[0x66]);
        let mut buf = [0u8];
        sites.shadow(0x10, &mut buf);
        assert_eq!(buf, [0x66]);
    }
}
