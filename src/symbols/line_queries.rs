//! The questions `list` and `info line` ask, in gdb's "list mode": which source files a name means,
//! where a line's code starts (gdb's `find_line_pc`), and which line a function's entry is on (no
//! prologue skipping, unlike `break`).

use std::path::{Path, PathBuf};

use super::lines::file_matches;
use super::{Module, SourceLocation};
use crate::addr::FileAddr;

/// A source file as gdb names it (its line-table name, `basics.c` or `/usr/include/stdio.h`) and the
/// full path that identifies it (the name joined to the compilation directory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFileName {
    pub name: String,
    pub full_path: PathBuf,
}

/// A function named in a location, as `list FUNC` and `info line FUNC` see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionEntry {
    pub name: String,
    /// The entry address (not moved past the prologue).
    pub entry: FileAddr,
    /// The line holding the entry; None for a function known only from the ELF symbol table.
    pub source: Option<SourceLocation>,
}

impl Module {
    /// Every source file whose name matches `wanted` the way `list FILE:LINE` matches (a whole trailing
    /// run of path components), one per full path, in unit order.
    pub fn source_files_matching(&self, wanted: &str) -> Vec<SourceFileName> {
        let debug = self.debug();
        let mut out: Vec<SourceFileName> = Vec::new();
        for unit in &debug.units {
            let Some(table) = unit.lines(&debug.dwarf) else { continue };
            for file in table.files.iter().filter(|f| file_matches(f, wanted)) {
                if !out.iter().any(|known| known.full_path == file.full_path) {
                    out.push(SourceFileName { name: file.name.clone(), full_path: file.full_path.clone() });
                }
            }
        }
        out
    }

    /// gdb's `find_line_pc`: the address of the first statement row of `line` in the file at
    /// `full_path` (searching every unit that has the file), or, when no unit has code on that line,
    /// of the first row of the smallest later line that has code. None when no later line has code.
    pub fn line_start(&self, full_path: &Path, line: u32) -> Option<FileAddr> {
        let debug = self.debug();
        let mut best: Option<(u32, u64)> = None;
        for unit in &debug.units {
            let Some(table) = unit.lines(&debug.dwarf) else { continue };
            let ids: Vec<u32> = (0..table.files.len())
                .filter(|&i| table.files[i].full_path == full_path)
                .filter_map(|i| u32::try_from(i).ok())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let rows = table.rows.iter().filter(|r| r.is_stmt && !r.is_marker() && ids.contains(&r.file));
            for row in rows {
                if row.line == line {
                    return Some(FileAddr(row.addr));
                }
                if row.line > line && best.is_none_or(|(b, _)| row.line < b) {
                    best = Some((row.line, row.addr));
                }
            }
        }
        best.map(|(_, addr)| FileAddr(addr))
    }

    /// The functions called `name` with their entries and entry lines, as gdb's linespec finds them
    /// in list mode. With `file`, only functions of units that have a file matching it. A function
    /// without debug info comes from the ELF symbol table with no source (only without `file`).
    pub fn function_entries(&self, name: &str, file: Option<&str>) -> Vec<FunctionEntry> {
        let debug = self.debug();
        let unit_has_file = |unit: usize| {
            let Some(wanted) = file else { return true };
            debug
                .units
                .get(unit)
                .and_then(|u| u.lines(&debug.dwarf))
                .is_some_and(|table| table.files.iter().any(|f| file_matches(f, wanted)))
        };
        let mut out: Vec<FunctionEntry> = self
            .functions()
            .lookup(name)
            .into_iter()
            .filter(|f| unit_has_file(f.unit))
            .map(|f| FunctionEntry {
                name: f.name.clone(),
                entry: FileAddr(f.entry),
                source: self.source_location(FileAddr(f.entry)),
            })
            .collect();
        if out.is_empty() && file.is_none() {
            // Code known only to the symbol table (`_start`): gdb finds it, with no line.
            for found in self.resolve_function(name).into_iter().filter(|l| l.source.is_none()) {
                let entry = self.lookup_symbol(name).unwrap_or(found.addr);
                let name = found.function.unwrap_or_else(|| name.to_string());
                out.push(FunctionEntry { name, entry, source: None });
            }
        }
        out.sort_by_key(|f| f.entry);
        out.dedup_by_key(|f| f.entry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_programs;

    fn basics() -> Module {
        Module::load(&test_programs::c_program("basics")).expect("load basics")
    }

    #[test]
    fn files_match_by_trailing_components() {
        let module = basics();
        let found = module.source_files_matching("basics.c");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "basics.c");
        assert_eq!(found[0].full_path, test_programs::source_dir().join("basics.c"));
        assert!(module.source_files_matching("asics.c").is_empty());
    }

    #[test]
    fn line_start_takes_the_exact_line_or_the_next_with_code() {
        let module = basics();
        let path = test_programs::source_dir().join("basics.c");
        let line28 = module.line_start(&path, 28).expect("line 28 has code");
        assert_eq!(module.source_location(line28).map(|s| s.line), Some(28));
        // Lines 1-8 have no code: gdb points at the first line after them that has (add's `{`).
        let line5 = module.line_start(&path, 5).expect("a later line has code");
        assert_eq!(module.source_location(line5).map(|s| s.line), Some(9));
        assert!(module.line_start(&path, 100).is_none());
    }

    #[test]
    fn function_entries_are_not_moved_past_the_prologue() {
        let module = basics();
        let add = module.function_entries("add", None);
        assert_eq!(add.len(), 1);
        assert_eq!(add[0].source.as_ref().map(|s| s.line), Some(9));
        assert_eq!(module.function_entries("add", Some("basics.c")).len(), 1);
        assert!(module.function_entries("add", Some("nope.c")).is_empty());
        assert!(module.function_entries("nope", None).is_empty());
        let start = module.function_entries("_start", None);
        assert_eq!(start.len(), 1);
        assert!(start[0].source.is_none());
        assert_eq!(Some(start[0].entry), module.lookup_symbol("_start"));
    }
}
