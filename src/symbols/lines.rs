//! Line tables, modelled on gdb's: one table per source file ("subfile") of a unit, built with the same
//! filtering gdb's DWARF reader applies (rows merged by discriminator, end markers that swallow empty rows,
//! file switches), then flattened into one address-sorted vector per unit where each row keeps its subfile.
//! Queries implement gdb's `find_pc_sect_line` (address -> line) and `find_pcs_for_symtab_line`
//! (line -> addresses).

use std::path::{Path, PathBuf};

use super::dwarf::UnitInfo;
use gimli::Reader as _;

use super::reader::Reader;

/// A source file as gdb names it (`basics.c`, `/usr/include/stdio.h`) and its full path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceFile {
    pub name: String,
    pub full_path: PathBuf,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    pub addr: u64,
    /// 0 marks the end of a run of code (sequence end or file switch), as in gdb.
    pub line: u32,
    /// Index into `LineTable::files` (the subfile).
    pub file: u32,
    pub is_stmt: bool,
    pub prologue_end: bool,
}

impl Row {
    pub fn is_marker(&self) -> bool {
        self.line == 0
    }
}

/// What `find_pc_line` returns: the row covering a pc and where its range ends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PcLine {
    pub addr: u64,
    pub end: u64,
    pub line: u32,
    pub file: u32,
    pub is_stmt: bool,
}

pub(crate) struct LineTable {
    pub files: Vec<SourceFile>,
    pub rows: Vec<Row>,
}

impl LineTable {
    pub fn build(dwarf: &gimli::Dwarf<Reader>, unit: &UnitInfo) -> Result<LineTable, gimli::Error> {
        let mut files: Vec<SourceFile> = Vec::new();
        let mut file_ids: Vec<Option<u32>> = Vec::new();
        let Some(program) = unit.unit.line_program.clone() else {
            return Ok(LineTable { files, rows: Vec::new() });
        };
        let header = program.header().clone();
        // Map DWARF file indexes to subfiles, merging entries gdb would treat as one file.
        let first_index = if header.version() >= 5 { 0 } else { 1 };
        let count = header.file_names().len() as u64;
        for index in first_index..first_index + count {
            let id =
                header.file(index).and_then(|entry| file_name(dwarf, unit, &header, entry)).map(|file| {
                    match files.iter().position(|f| f.name == file.name) {
                        Some(pos) => pos as u32,
                        None => {
                            files.push(file);
                            (files.len() - 1) as u32
                        }
                    }
                });
            file_ids.push(id);
        }
        let subfile_of = |index: u64| -> Option<u32> {
            let slot = index.checked_sub(first_index)?;
            file_ids.get(usize::try_from(slot).ok()?).copied().flatten()
        };

        let mut subfiles: Vec<Vec<Row>> = vec![Vec::new(); files.len()];
        let mut rows = program.rows();
        let mut last_subfile: Option<u32> = None;
        let mut last_line = 0u32;
        let mut last_address: Option<u64> = None;
        let mut raw_line = 0u64;
        let mut nonzero_discriminator = false;
        while let Some((_, row)) = rows.next_row()? {
            let addr = row.address();
            let line64 = row.line().map_or(0, |l| l.get());
            // gdb tracks whether the current line ever had a non-zero discriminator (PR 17276).
            if line64 != raw_line {
                nonzero_discriminator = row.discriminator() != 0;
            } else {
                nonzero_discriminator |= row.discriminator() != 0;
            }
            raw_line = line64;
            if row.end_sequence() {
                if let Some(last) = last_subfile {
                    record(&mut subfiles, last, 0, addr, true, false);
                }
                last_subfile = None;
                last_line = 0;
                last_address = None;
                raw_line = 0;
                continue;
            }
            let line = u32::try_from(line64).unwrap_or(u32::MAX);
            let Some(file) = subfile_of(row.file_index()) else {
                last_address = Some(addr);
                continue;
            };
            let file_changed = last_subfile != Some(file);
            // A non-statement row at the same address in another file, or a line-0 row, is dropped.
            let ignore = (file_changed && last_address == Some(addr) && !row.is_stmt()) || line == 0;
            if file_changed && !ignore {
                if let Some(last) = last_subfile {
                    record(&mut subfiles, last, 0, addr, true, false);
                }
            }
            if !ignore {
                if file_changed || line != last_line || !nonzero_discriminator {
                    record(&mut subfiles, file, line, addr, row.is_stmt(), row.prologue_end());
                }
                last_subfile = Some(file);
                last_line = line;
            }
            last_address = Some(addr);
        }

        let mut flat: Vec<Row> = subfiles.into_iter().flatten().collect();
        // Sorted by address; at one address an end marker comes before real rows (gdb's order).
        flat.sort_by(|a, b| a.addr.cmp(&b.addr).then_with(|| b.is_marker().cmp(&a.is_marker())));
        Ok(LineTable { files, rows: flat })
    }

    /// gdb's `find_pc_sect_line` restricted to this unit: the row holding `pc`, or None when `pc` is before
    /// the first row or in a gap (after an end marker).
    pub fn find_pc_line(&self, pc: u64) -> Option<PcLine> {
        let rows = &self.rows;
        let after = rows.partition_point(|r| r.addr <= pc);
        let mut best = after.checked_sub(1)?;
        if rows[best].is_marker() {
            return None;
        }
        if !rows[best].is_stmt {
            // Prefer a statement row at the same address.
            let mut i = best;
            while i > 0 && rows[i - 1].addr == rows[i].addr && !rows[i - 1].is_marker() && !rows[i].is_stmt {
                i -= 1;
            }
            if rows[i].is_stmt {
                best = i;
            }
        }
        let row = rows[best];
        let end = rows.get(after).map_or(u64::MAX, |r| r.addr);
        Some(PcLine { addr: row.addr, end, line: row.line, file: row.file, is_stmt: row.is_stmt })
    }

    /// gdb's `find_pcs_for_symtab_line` for subfile `file`: the addresses of every statement row of `line`,
    /// in table order; when there are none, the smallest line after `line` that has a statement row.
    pub fn pcs_for_line(&self, file: u32, line: u32) -> (Vec<u64>, Option<u32>) {
        let mut exact = Vec::new();
        let mut best: Option<u32> = None;
        for row in self.rows.iter().filter(|r| r.file == file && r.is_stmt && !r.is_marker()) {
            if row.line == line {
                exact.push(row.addr);
            } else if row.line > line && best.is_none_or(|b| row.line < b) {
                best = Some(row.line);
            }
        }
        if exact.is_empty() {
            (exact, best)
        } else {
            (exact, None)
        }
    }

    /// The first row flagged `prologue_end` in [low, high), for LLVM-produced code.
    pub fn prologue_end_in(&self, low: u64, high: u64) -> Option<u64> {
        let start = self.rows.partition_point(|r| r.addr < low);
        self.rows[start..]
            .iter()
            .take_while(|r| r.addr < high)
            .find(|r| r.prologue_end && !r.is_marker())
            .map(|r| r.addr)
    }

    /// Whether the table has two rows at `addr`, the second a real line (gdb reads that as "no prologue").
    pub fn has_two_rows_at(&self, addr: u64) -> bool {
        let start = self.rows.partition_point(|r| r.addr < addr);
        matches!(self.rows.get(start..start + 2), Some([a, b]) if a.addr == addr && b.addr == addr && !b.is_marker())
    }
}

/// Records a row in a subfile the way gdb's `buildsym_compunit::record_line` does: an end marker first
/// removes rows at its own address (they cover no code), and a marker right after another marker (an
/// empty run) is not recorded at all.
fn record(subfiles: &mut [Vec<Row>], file: u32, line: u32, addr: u64, is_stmt: bool, prologue_end: bool) {
    let Some(rows) = subfiles.get_mut(file as usize) else { return };
    if line == 0 {
        let mut last_line = None;
        while let Some(last) = rows.last() {
            last_line = Some(last.line);
            if last.addr != addr {
                break;
            }
            rows.pop();
        }
        if last_line.is_none_or(|l| l == 0) {
            return;
        }
    }
    rows.push(Row { addr, line, file, is_stmt, prologue_end });
}

/// The name gdb gives a line-table file: the entry's name joined to its directory unless absolute, except
/// that the unit's own primary file keeps the unit's DW_AT_name (gdb matches it against the primary
/// subfile by full path).
pub(super) fn file_name(
    dwarf: &gimli::Dwarf<Reader>,
    unit: &UnitInfo,
    header: &gimli::LineProgramHeader<Reader>,
    entry: &gimli::FileEntry<Reader>,
) -> Option<SourceFile> {
    let string = |v| {
        dwarf.attr_string(&unit.unit, v).ok().and_then(|r| r.to_string_lossy().ok().map(|s| s.into_owned()))
    };
    let name = string(entry.path_name())?;
    // DWARF 4 directory 0 means "the compilation directory" and gdb leaves such names relative.
    let dir = if header.version() < 5 && entry.directory_index() == 0 {
        None
    } else {
        entry.directory(header).and_then(string)
    };
    let joined = match dir {
        Some(dir) if !Path::new(&name).is_absolute() => format!("{dir}/{name}"),
        _ => name,
    };
    let comp_dir = unit.comp_dir.as_deref().map(Path::new);
    let full = |p: &str| -> PathBuf {
        match comp_dir {
            Some(dir) if !Path::new(p).is_absolute() => dir.join(p),
            _ => PathBuf::from(p),
        }
    };
    if let Some(primary) = unit.name.as_deref() {
        if full(primary) == full(&joined) {
            return Some(SourceFile { name: primary.to_string(), full_path: full(primary) });
        }
    }
    Some(SourceFile { full_path: full(&joined), name: joined })
}

/// gdb's file-name matching for `break FILE:LINE`: FILE matches a whole trailing run of path components of
/// the file's name or of its full path.
pub(crate) fn file_matches(file: &SourceFile, wanted: &str) -> bool {
    let tail_match = |candidate: &str| {
        candidate == wanted
            || (candidate.len() > wanted.len()
                && candidate.ends_with(wanted)
                && (wanted.starts_with('/')
                    || candidate.as_bytes()[candidate.len() - wanted.len() - 1] == b'/'))
    };
    tail_match(&file.name) || file.full_path.to_str().is_some_and(tail_match)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, full: &str) -> SourceFile {
        SourceFile { name: name.into(), full_path: full.into() }
    }

    #[test]
    fn file_matching_uses_whole_components() {
        let f = source("basics.c", "/work/main/test-programs/basics.c");
        assert!(file_matches(&f, "basics.c"));
        assert!(file_matches(&f, "test-programs/basics.c"));
        assert!(file_matches(&f, "/work/main/test-programs/basics.c"));
        assert!(!file_matches(&f, "asics.c"));
        assert!(!file_matches(&f, "sub/basics.c"));
    }

    fn row(addr: u64, line: u32) -> Row {
        Row { addr, line, file: 0, is_stmt: true, prologue_end: false }
    }

    #[test]
    fn pc_lookup_uses_row_ranges_and_markers() {
        let table = LineTable {
            files: vec![source("a.c", "/a.c")],
            rows: vec![row(0x10, 5), row(0x18, 6), row(0x20, 0), row(0x30, 9), row(0x38, 0)],
        };
        let hit = table.find_pc_line(0x1a).expect("inside line 6");
        assert_eq!((hit.addr, hit.end, hit.line), (0x18, 0x20, 6));
        assert!(table.find_pc_line(0x24).is_none(), "gap after a marker");
        assert!(table.find_pc_line(0x8).is_none(), "before the table");
        assert_eq!(table.pcs_for_line(0, 7), (vec![], Some(9)));
        assert_eq!(table.pcs_for_line(0, 6), (vec![0x18], None));
    }

    #[test]
    fn end_marker_swallows_rows_at_its_address() {
        let mut subfiles = vec![Vec::new()];
        record(&mut subfiles, 0, 3, 0x10, true, false);
        record(&mut subfiles, 0, 4, 0x14, true, false);
        record(&mut subfiles, 0, 0, 0x14, true, false);
        let lines: Vec<_> = subfiles[0].iter().map(|r| (r.addr, r.line)).collect();
        assert_eq!(lines, vec![(0x10, 3), (0x14, 0)]);
        // A second marker right after the first is an empty run and is dropped.
        record(&mut subfiles, 0, 0, 0x20, true, false);
        assert_eq!(subfiles[0].len(), 2);
    }
}
