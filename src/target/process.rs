//! What /proc says about a process: its auxiliary vector and its memory map.

use std::path::PathBuf;

use crate::addr::RuntimeAddr;

use super::error::TargetError;

/// One line of /proc/PID/maps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapEntry {
    pub start: RuntimeAddr,
    /// One past the last byte.
    pub end: RuntimeAddr,
    /// As the kernel prints them: `r-xp`, `rw-s`, ...
    pub perms: String,
    /// Offset into the mapped file.
    pub offset: u64,
    pub inode: u64,
    /// The file, or `[heap]`, `[stack]`, `[vdso]` ...; empty for anonymous memory. Deleted files
    /// keep the kernel's ` (deleted)` suffix.
    pub path: String,
}

impl MapEntry {
    pub fn contains(&self, addr: RuntimeAddr) -> bool {
        self.start <= addr && addr < self.end
    }
    pub fn readable(&self) -> bool {
        self.perms.as_bytes().first() == Some(&b'r')
    }
    pub fn writable(&self) -> bool {
        self.perms.as_bytes().get(1) == Some(&b'w')
    }
    pub fn executable(&self) -> bool {
        self.perms.as_bytes().get(2) == Some(&b'x')
    }
    /// Whether the mapping is backed by a file (not anonymous and not a `[pseudo]` mapping).
    pub fn is_file(&self) -> bool {
        self.path.starts_with('/')
    }
}

fn read_proc(pid: i32, name: &str) -> Result<Vec<u8>, TargetError> {
    let path = PathBuf::from(format!("/proc/{pid}/{name}"));
    std::fs::read(&path).map_err(|source| TargetError::Proc { path, source })
}

/// The auxiliary vector as (type, value) pairs, up to but excluding AT_NULL.
pub(crate) fn auxv(pid: i32) -> Result<Vec<(u64, u64)>, TargetError> {
    Ok(parse_auxv(&read_proc(pid, "auxv")?))
}

fn parse_auxv(bytes: &[u8]) -> Vec<(u64, u64)> {
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    bytes
        .chunks_exact(16)
        .map(|pair| (word(&pair[..8]), word(&pair[8..])))
        .take_while(|&(key, _)| key != libc::AT_NULL)
        .collect()
}

pub(crate) fn memory_map(pid: i32) -> Result<Vec<MapEntry>, TargetError> {
    let bytes = read_proc(pid, "maps")?;
    // Paths are bytes; a non-UTF-8 name is shown lossily rather than failing the whole map.
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.lines().filter_map(parse_map_line).collect())
}

/// Parses `start-end perms offset dev inode   path`; None for a malformed line.
fn parse_map_line(line: &str) -> Option<MapEntry> {
    let mut rest = line;
    let mut field = || {
        let trimmed = rest.trim_start();
        let end = trimmed.find(' ').unwrap_or(trimmed.len());
        let (head, tail) = trimmed.split_at(end);
        rest = tail;
        head
    };
    let range = field();
    let perms = field().to_string();
    let offset = u64::from_str_radix(field(), 16).ok()?;
    let _dev = field();
    let inode = field().parse().ok()?;
    let (start, end) = range.split_once('-')?;
    let start = u64::from_str_radix(start, 16).ok()?;
    let end = u64::from_str_radix(end, 16).ok()?;
    if perms.len() != 4 {
        return None;
    }
    Some(MapEntry {
        start: RuntimeAddr(start),
        end: RuntimeAddr(end),
        perms,
        offset,
        inode,
        path: rest.trim_start().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_lines_parse_with_and_without_paths() {
        let e = parse_map_line(
            "555555554000-555555555000 r--p 00000000 08:01 1234                       /tmp/my prog",
        )
        .expect("valid line");
        assert_eq!(e.start, RuntimeAddr(0x5555_5555_4000));
        assert_eq!(e.end, RuntimeAddr(0x5555_5555_5000));
        assert_eq!(e.perms, "r--p");
        assert_eq!(e.inode, 1234);
        assert_eq!(e.path, "/tmp/my prog");
        assert!(e.readable() && !e.writable() && !e.executable() && e.is_file());

        let anon = parse_map_line("7ffff7fb0000-7ffff7fb2000 rw-p 00002000 00:00 0 ").expect("valid line");
        assert_eq!(anon.path, "");
        assert_eq!(anon.offset, 0x2000);
        assert!(parse_map_line("garbage").is_none());
        assert!(parse_map_line("").is_none());
    }

    #[test]
    fn auxv_stops_at_at_null_and_ignores_a_torn_tail() {
        let mut bytes = Vec::new();
        for (k, v) in [(9u64, 0x1040u64), (3, 0x40), (0, 0), (7, 7)] {
            bytes.extend_from_slice(&k.to_le_bytes());
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(&[1, 2, 3]);
        assert_eq!(parse_auxv(&bytes), vec![(9, 0x1040), (3, 0x40)]);
        assert_eq!(parse_auxv(&bytes[..20]), vec![(9, 0x1040)]);
    }
}
