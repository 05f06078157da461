//! The one reader and writer of the tracee's memory.
//!
//! Reads go through `process_vm_readv` in one call for the whole range; the kernel stops at the first
//! page it cannot reach and returns how much it copied, so a range that runs into an unmapped page costs
//! one more call to find that page. Pages `process_vm_readv` refuses but the debugger may still read
//! (e.g. mapped PROT_NONE) are tried through `/proc/PID/mem`, which reads with FOLL_FORCE.
//! Writes go through `/proc/PID/mem` (it can write read-only text), falling back to PTRACE_POKEDATA.
//!
//! Small reads are served from a few cached pages: unwinding and expression evaluation read the same
//! stack and data pages many times per stop. The cache holds raw memory (int3 bytes included; the site
//! table shadows them later) and must be dropped whenever memory may change: at every resume, every
//! write and every site change.

use std::fs::{File, OpenOptions};
use std::io::IoSliceMut;
use std::os::unix::fs::FileExt;

use nix::errno::Errno;
use nix::sys::uio::{process_vm_readv, RemoteIoVec};
use nix::unistd::Pid;

use super::sys;

pub(crate) const PAGE_SIZE: u64 = 4096;

/// Reads at most this long go through the page cache; longer ones go straight to the kernel.
const CACHED_READ_MAX: usize = 256;

/// How many pages the cache keeps.
const CACHE_PAGES: usize = 8;

struct CachedPage {
    /// Page-aligned address, or `None` when the slot is empty.
    page: Option<u64>,
    data: Box<[u8; PAGE_SIZE as usize]>,
}

/// A handful of recently read pages. Slots are allocated once and reused; invalidation only
/// clears their tags, so the hot resume path never frees or allocates.
#[derive(Default)]
struct PageCache {
    slots: Vec<CachedPage>,
    next_victim: usize,
}

impl PageCache {
    fn lookup(&self, page: u64) -> Option<&[u8; PAGE_SIZE as usize]> {
        self.slots.iter().find(|s| s.page == Some(page)).map(|s| &*s.data)
    }

    /// A slot to fill: an empty one, a new one while below capacity, else round-robin eviction.
    fn victim(&mut self) -> &mut CachedPage {
        let index = if let Some(i) = self.slots.iter().position(|s| s.page.is_none()) {
            i
        } else if self.slots.len() < CACHE_PAGES {
            self.slots.push(CachedPage { page: None, data: Box::new([0; PAGE_SIZE as usize]) });
            self.slots.len() - 1
        } else {
            self.next_victim = (self.next_victim + 1) % CACHE_PAGES;
            self.next_victim
        };
        &mut self.slots[index]
    }

    fn clear(&mut self) {
        for slot in &mut self.slots {
            slot.page = None;
        }
    }
}

pub(crate) struct Memory {
    pid: i32,
    /// `/proc/PID/mem`, opened on first need. It is bound to the address space that existed when it
    /// was opened, so it must be dropped after an exec.
    mem_file: Option<File>,
    /// Cleared when the kernel refuses process_vm_readv altogether (seccomp, old kernels).
    vm_readv_works: bool,
    cache: PageCache,
}

impl Memory {
    pub(crate) fn new(pid: i32) -> Memory {
        Memory { pid, mem_file: None, vm_readv_works: true, cache: PageCache::default() }
    }

    /// Memory may have changed (resume, write, site change): forget cached pages.
    pub(crate) fn invalidate(&mut self) {
        self.cache.clear();
    }

    /// The tracee exec'd: a new address space.
    pub(crate) fn after_exec(&mut self) {
        self.cache.clear();
        self.mem_file = None;
    }

    fn mem_file(&mut self) -> Option<&File> {
        if self.mem_file.is_none() {
            let path = format!("/proc/{}/mem", self.pid);
            self.mem_file = OpenOptions::new().read(true).write(true).open(path).ok();
        }
        self.mem_file.as_ref()
    }

    /// Reads raw memory (int3 bytes as they are) into `buf`; returns how many bytes from the start were
    /// read. A result shorter than `buf` means the byte at `addr + result` is unreadable.
    pub(crate) fn read(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        if buf.len() <= CACHED_READ_MAX {
            self.read_cached(addr, buf)
        } else {
            self.read_uncached(addr, buf)
        }
    }

    fn read_cached(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        let mut done = 0;
        while done < buf.len() {
            let Some(at) = addr.checked_add(done as u64) else {
                return done;
            };
            let page = at & !(PAGE_SIZE - 1);
            let in_page = (at - page) as usize;
            let take = (PAGE_SIZE as usize - in_page).min(buf.len() - done);
            if self.cache.lookup(page).is_none() && !self.fill_page(page) {
                // Not a whole readable page (e.g. the last page of the address space): read directly.
                return done + self.read_uncached(at, &mut buf[done..]);
            }
            let Some(data) = self.cache.lookup(page) else {
                return done;
            };
            buf[done..done + take].copy_from_slice(&data[in_page..in_page + take]);
            done += take;
        }
        done
    }

    fn fill_page(&mut self, page: u64) -> bool {
        let mut data = [0u8; PAGE_SIZE as usize];
        if self.read_uncached(page, &mut data) != data.len() {
            return false;
        }
        let slot = self.cache.victim();
        slot.data.copy_from_slice(&data);
        slot.page = Some(page);
        true
    }

    fn read_uncached(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        // Bytes past the top of the address space do not exist.
        let len = buf.len().min(usize::try_from(u64::MAX - addr).unwrap_or(usize::MAX).saturating_add(1));
        let mut done = 0;
        while done < len {
            let at = addr + done as u64;
            let rest = &mut buf[done..len];
            let mut got = self.vm_readv(at, rest);
            if got == 0 {
                // process_vm_readv refused the first page; /proc/PID/mem may still reach it.
                got = self.pread(at, rest);
            }
            if got == 0 {
                break;
            }
            done += got;
        }
        done
    }

    fn vm_readv(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        if !self.vm_readv_works {
            return 0;
        }
        let remote = [RemoteIoVec { base: addr as usize, len: buf.len() }];
        let mut local = [IoSliceMut::new(buf)];
        match process_vm_readv(Pid::from_raw(self.pid), &mut local, &remote) {
            Ok(n) => n,
            Err(Errno::ENOSYS | Errno::EPERM) => {
                self.vm_readv_works = false;
                0
            }
            Err(_) => 0,
        }
    }

    fn pread(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        // File offsets are signed: addresses with the top bit set cannot be reached this way.
        if addr > i64::MAX as u64 {
            return 0;
        }
        let Some(file) = self.mem_file() else {
            return 0;
        };
        loop {
            match file.read_at(buf, addr) {
                Ok(n) => return n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return 0,
            }
        }
    }

    /// Writes `data` at `addr`, read-only pages included. On failure returns the first address
    /// that could not be written (earlier bytes may have been written).
    pub(crate) fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), u64> {
        self.cache.clear();
        let mut done = 0;
        while done < data.len() {
            let Some(at) = addr.checked_add(done as u64) else {
                return Err(u64::MAX);
            };
            let written = if at <= i64::MAX as u64 {
                match self.mem_file() {
                    Some(file) => file.write_at(&data[done..], at).unwrap_or(0),
                    None => 0,
                }
            } else {
                0
            };
            if written == 0 {
                // /proc/PID/mem unavailable or refused: the ptrace word interface is the last resort.
                return sys::poke_bytes(self.pid, at, &data[done..]);
            }
            done += written;
        }
        Ok(())
    }
}
