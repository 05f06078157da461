//! Separate debug information, found the way gdb finds it: by build-id under
//! `/usr/lib/debug/.build-id/xx/rest.debug`, then by `.gnu_debuglink` next to the file, in its `.debug`
//! folder, and under `/usr/lib/debug` plus the file's folder. Distributions ship libc's and the
//! dynamic linker's symbols and DWARF this way.

use std::path::{Path, PathBuf};

use object::read::elf::ElfFile64;
use object::{LittleEndian, Object};

const DEBUG_ROOT: &str = "/usr/lib/debug";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The debug file for `path` (parsed as `file`), if one exists on this machine.
pub(crate) fn find(path: &Path, file: &ElfFile64<'_, LittleEndian>) -> Option<PathBuf> {
    if let Ok(Some(id)) = file.build_id() {
        if id.len() > 1 {
            let candidate = Path::new(DEBUG_ROOT)
                .join(".build-id")
                .join(hex(&id[..1]))
                .join(format!("{}.debug", hex(&id[1..])));
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    let (name, _crc) = file.gnu_debuglink().ok()??;
    let name = std::str::from_utf8(name).ok()?;
    let dir = path.parent()?;
    let candidates = [
        dir.join(name),
        dir.join(".debug").join(name),
        Path::new(DEBUG_ROOT).join(dir.strip_prefix("/").unwrap_or(dir)).join(name),
    ];
    // The file itself can carry its own name in the link; a debug file is never the file itself.
    candidates.into_iter().find(|c| c.is_file() && c.as_path() != path)
}
