//! A module's functions, built one unit at a time, only for the units a query needs.
//!
//! - By address (`function_at`, every stop): the units whose root ranges cover the pc (`UnitRanges`).
//! - By name (`break NAME`): the units the name index (`name_index.rs`) points at.
//! - Everything (completion): every unit, on as many threads as the name scan uses.
//!
//! Each unit's `FunctionIndex` is built once and cached, so a stop in a 40 MB program or in libc
//! parses the one unit it lands in, not the whole `.debug_info`.

use std::sync::OnceLock;

use super::dwarf::DebugInfo;
use super::functions::{FuncRecord, FunctionIndex};
use super::name_index::NameIndex;

/// The address ranges of every unit's root DIE, searchable by pc.
pub(crate) struct UnitRanges {
    /// (start, end, unit), sorted.
    ranges: Vec<(u64, u64, usize)>,
    /// `max_end[i]`: the largest end among `ranges[..=i]`, so a backward search can stop as soon as no
    /// earlier range can reach the pc (ranges of different units may overlap).
    max_end: Vec<u64>,
    /// Per unit: whether its root gave any range.
    has_ranges: Vec<bool>,
}

impl UnitRanges {
    pub fn build(debug: &DebugInfo) -> UnitRanges {
        let mut ranges = Vec::new();
        let mut has_ranges = vec![false; debug.units.len()];
        // Units that `.debug_aranges` describes need no parsing (gdb 13 reads it too); the others give
        // their root DIE's ranges.
        let mut described = vec![false; debug.units.len()];
        let mut headers = debug.dwarf.debug_aranges.headers();
        while let Ok(Some(header)) = headers.next() {
            let Some(unit) = debug.unit_containing(header.debug_info_offset()) else { continue };
            described[unit] = true;
            let mut entries = header.entries();
            while let Ok(Some(entry)) = entries.next() {
                let r = entry.range();
                if r.begin < r.end {
                    ranges.push((r.begin, r.end, unit));
                    has_ranges[unit] = true;
                }
            }
        }
        for (i, unit) in debug.units.iter().enumerate() {
            if described[i] {
                continue;
            }
            let Ok(mut iter) = debug.dwarf.unit_ranges(&unit.unit) else { continue };
            while let Ok(Some(r)) = iter.next() {
                if r.begin < r.end {
                    ranges.push((r.begin, r.end, i));
                    has_ranges[i] = true;
                }
            }
        }
        ranges.sort_unstable();
        let max_end = ranges
            .iter()
            .scan(0u64, |max, &(_, end, _)| {
                *max = (*max).max(end);
                Some(*max)
            })
            .collect();
        UnitRanges { ranges, max_end, has_ranges }
    }

    /// The ranges holding `pc`, in descending order of start (the innermost first).
    pub fn covering(&self, pc: u64) -> impl Iterator<Item = (u64, u64, usize)> + '_ {
        let end = self.ranges.partition_point(|&(lo, _, _)| lo <= pc);
        (0..end)
            .rev()
            .take_while(move |&i| self.max_end[i] > pc)
            .map(move |i| self.ranges[i])
            .filter(move |&(_, hi, _)| pc < hi)
    }

    /// The units whose ranges hold `pc`, in unit order, each once.
    pub fn units_at(&self, pc: u64) -> Vec<usize> {
        let mut units: Vec<usize> = self.covering(pc).map(|r| r.2).collect();
        units.sort_unstable();
        units.dedup();
        units
    }

    /// Per unit: whether its root gave no range at all.
    fn unranged(&self) -> Vec<bool> {
        self.has_ranges.iter().map(|&h| !h).collect()
    }
}

/// The cached per-unit indexes and the name index of one module.
pub(crate) struct FunctionTable {
    units: Vec<OnceLock<FunctionIndex>>,
    names: OnceLock<NameIndex>,
    has_section_at_zero: bool,
}

impl FunctionTable {
    pub fn new(unit_count: usize, has_section_at_zero: bool) -> FunctionTable {
        FunctionTable {
            units: (0..unit_count).map(|_| OnceLock::new()).collect(),
            names: OnceLock::new(),
            has_section_at_zero,
        }
    }
}

/// The questions asked of a module's functions, answered from the table with the DWARF it needs.
#[derive(Clone, Copy)]
pub(crate) struct Functions<'a> {
    pub table: &'a FunctionTable,
    pub debug: &'a DebugInfo,
    pub ranges: &'a UnitRanges,
}

impl<'a> Functions<'a> {
    fn unit(&self, unit: usize) -> Option<&'a FunctionIndex> {
        let (debug, at_zero) = (self.debug, self.table.has_section_at_zero);
        Some(self.table.units.get(unit)?.get_or_init(|| FunctionIndex::build_unit(debug, unit, at_zero)))
    }

    fn names_index(&self) -> &'a NameIndex {
        let (debug, ranges) = (self.debug, self.ranges);
        self.table.names.get_or_init(|| NameIndex::build(debug, &ranges.unranged()))
    }

    /// The innermost function whose ranges hold `pc`.
    pub fn function_at(&self, pc: u64) -> Option<&'a FuncRecord> {
        let best = |units: &mut dyn Iterator<Item = usize>| {
            // Across units, as within one: the containing range that starts last is the innermost.
            units
                .filter_map(|u| self.unit(u)?.function_at(pc))
                .max_by_key(|&(_, (lo, hi))| (lo, hi))
                .map(|f| f.0)
        };
        best(&mut self.ranges.units_at(pc).into_iter())
            .or_else(|| best(&mut self.names_index().unranged_code_units()))
    }

    /// Every function `break NAME` would find (see `FunctionIndex::lookup`), in unit order.
    pub fn lookup(&self, name: &str) -> Vec<&'a FuncRecord> {
        let units = self.names_index().units_for(name);
        units.into_iter().filter_map(|u| self.unit(u)).flat_map(|index| index.lookup(name)).collect()
    }

    /// Inlined copies of functions matching `name` (see `FunctionIndex::lookup_inlined`).
    pub fn lookup_inlined(&self, name: &str) -> Vec<(&'a FuncRecord, u64, &'a str)> {
        let units = self.names_index().units_for(name);
        units.into_iter().filter_map(|u| self.unit(u)).flat_map(|index| index.lookup_inlined(name)).collect()
    }

    /// Whether some function is marked DW_AT_main_subprogram (see `NameIndex`).
    pub fn has_main_subprogram(&self) -> bool {
        self.names_index().has_main_subprogram()
    }

    /// gdb's `locations_valid` for a unit.
    pub fn locations_valid(&self, unit: usize) -> bool {
        self.unit(unit).is_some_and(|index| index.locations_valid)
    }

    /// Every function's name (completion): builds every unit, spread over threads.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.build_all();
        let this = *self;
        (0..self.table.units.len()).filter_map(move |u| this.unit(u)).flat_map(|index| index.names())
    }

    fn build_all(&self) {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
        let count = self.table.units.len();
        if threads == 1 || count < 64 {
            return;
        }
        std::thread::scope(|scope| {
            for t in 0..threads {
                let this = *self;
                // Interleaved, so big and small units spread evenly; a cell another thread is filling
                // just waits for it.
                scope.spawn(move || {
                    for u in (t..count).step_by(threads) {
                        this.unit(u);
                    }
                });
            }
        });
    }
}
