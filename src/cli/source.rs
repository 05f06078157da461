//! Source text for the lines gdb shows at stops, read once per file and kept.
//!
//! When a file cannot be read, gdb says so once (`28\tbasics.c: No such file or directory.`) and then
//! shows `28\tin basics.c` for later stops in that file; the cache remembers which files it reported.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::symbols::SourceLocation;

#[derive(Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, Option<Vec<String>>>,
    reported_missing: HashSet<PathBuf>,
}

impl SourceCache {
    fn lines(&mut self, path: &Path) -> Option<&Vec<String>> {
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let bytes = std::fs::read(path).ok()?;
                let text = String::from_utf8_lossy(&bytes);
                Some(text.lines().map(str::to_string).collect())
            })
            .as_ref()
    }

    /// The text gdb prints for `location`'s line (without a trailing newline).
    pub fn line_text(&mut self, location: &SourceLocation) -> String {
        let line = location.line;
        let path = location.full_path.clone();
        if let Some(lines) = self.lines(&path) {
            return match lines.get((line as usize).wrapping_sub(1)) {
                Some(text) => format!("{line}\t{text}"),
                None => format!(
                    "Line number {line} out of range; \"{}\" has {} lines.",
                    location.file,
                    lines.len()
                ),
            };
        }
        if self.reported_missing.insert(path) {
            format!("{line}\t{}: No such file or directory.", location.file)
        } else {
            format!("{line}\tin {}", location.file)
        }
    }
}
