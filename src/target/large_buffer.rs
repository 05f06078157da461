//! A zeroed byte buffer for reads of megabytes (`dump memory`), backed by transparent huge pages.
//!
//! A fresh 16 MiB `Vec` costs 4096 page faults when the kernel copies into it (about as long as the
//! copy itself); on 2 MiB pages it costs 8. The buffer is an anonymous mapping (zero and lazily
//! populated, like calloc's), aligned to 2 MiB inside a slightly larger mapping, and marked
//! MADV_HUGEPAGE so that systems whose THP mode is `madvise` use huge pages for it too.

use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

const HUGE_PAGE: usize = 2 << 20;

pub struct LargeBuffer {
    /// The whole mapping, for munmap.
    map: NonNull<u8>,
    map_len: usize,
    /// The 2 MiB-aligned start of the bytes handed out, `len` long.
    data: NonNull<u8>,
    len: usize,
}

impl LargeBuffer {
    /// `len` zero bytes, or None when the address space has no room for them.
    pub fn zeroed(len: usize) -> Option<LargeBuffer> {
        let map_len = len.checked_add(HUGE_PAGE)?;
        // SAFETY: a fresh private anonymous mapping; no existing memory is touched.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return None;
        }
        let map = NonNull::new(raw.cast::<u8>())?;
        let offset = (HUGE_PAGE - (map.as_ptr() as usize) % HUGE_PAGE) % HUGE_PAGE;
        // SAFETY: offset < HUGE_PAGE, so data..data+len lies inside the mapping of len + HUGE_PAGE.
        let data = unsafe { NonNull::new_unchecked(map.as_ptr().add(offset)) };
        let huge_len = len - len % HUGE_PAGE;
        if huge_len > 0 {
            // Only advice: without THP the buffer works the same on small pages.
            // SAFETY: the range is page-aligned and inside our own mapping.
            unsafe { libc::madvise(data.as_ptr().cast(), huge_len, libc::MADV_HUGEPAGE) };
        }
        Some(LargeBuffer { map, map_len, data, len })
    }
}

impl Deref for LargeBuffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        // SAFETY: `data` points at `len` bytes of our mapping, alive until drop; anonymous memory
        // reads as zeros until written, so every byte is initialised.
        unsafe { std::slice::from_raw_parts(self.data.as_ptr(), self.len) }
    }
}

impl DerefMut for LargeBuffer {
    fn deref_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `deref`, and `&mut self` makes the borrow unique.
        unsafe { std::slice::from_raw_parts_mut(self.data.as_ptr(), self.len) }
    }
}

impl Drop for LargeBuffer {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours and nothing borrows it any more.
        unsafe { libc::munmap(self.map.as_ptr().cast(), self.map_len) };
    }
}

// SAFETY: the buffer owns its mapping exclusively, like a Vec<u8>.
unsafe impl Send for LargeBuffer {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeroed_writable_and_aligned() {
        let Some(mut buf) = LargeBuffer::zeroed(5 << 20) else { return };
        assert_eq!(buf.len(), 5 << 20);
        assert!(buf.iter().all(|b| *b == 0));
        buf[(5 << 20) - 1] = 7;
        assert_eq!(buf[(5 << 20) - 1], 7);
        assert_eq!(buf.as_ptr() as usize % HUGE_PAGE, 0);
        let empty = LargeBuffer::zeroed(0);
        assert_eq!(empty.map(|b| b.len()), Some(0));
    }
}
