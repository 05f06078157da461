//! Which units may define a function of a given name, without parsing any unit fully.
//!
//! `break NAME` must not cost a full walk of `.debug_info` (tens of MB in a Rust program with its
//! dependencies). This index records, for every subprogram DIE that carries a name, the hash of its name
//! key (last `::` component, no template arguments: `FunctionIndex`'s key) and its unit. A query then
//! builds the full function index of the few units that match. It is an over-approximation on purpose:
//! hash collisions and declarations only cost building a unit that turns out to have no such function,
//! while the per-unit index decides what really matches.
//!
//! Sources, best first: `.debug_names` (DWARF 5 accelerator, written by `clang -gpubnames` or
//! `-gdwarf-5 -gdebug-names`), else a scan of the DIEs that reads attributes of subprograms only and
//! skips everything else by its abbreviation's forms, across units in parallel.

use gimli::{AttributeValue, Reader as _, Section as _};

use super::dwarf::{DebugInfo, LazyUnit};
use super::functions::name_key;
use super::reader::Reader;

pub(crate) struct NameIndex {
    /// (hash of a name key, unit index), sorted and without duplicates.
    entries: Vec<(u64, u32)>,
    /// Units whose subprograms name themselves through a DIE of another unit (DW_FORM_ref_addr, as
    /// LTO writes): they are candidates for every name.
    foreign: Vec<u32>,
    /// Units whose root DIE gives no address ranges but which hold code: the only place a pc outside
    /// every unit's ranges can still have a function.
    unranged_code: Vec<u32>,
    /// Whether a subprogram is marked DW_AT_main_subprogram (Rust's `crate::main`): gdb then takes it,
    /// not C's `main`, as the program's main.
    has_main_subprogram: bool,
}

/// What one unit contributes.
#[derive(Default)]
struct UnitScan {
    keys: Vec<u64>,
    foreign: bool,
    has_code: bool,
    main_subprogram: bool,
}

impl NameIndex {
    pub fn build(debug: &DebugInfo, unranged: &[bool]) -> NameIndex {
        let scans = match from_debug_names(debug) {
            Some(scans) => scans,
            None => scan_units(debug),
        };
        let mut index = NameIndex {
            entries: Vec::new(),
            foreign: Vec::new(),
            unranged_code: Vec::new(),
            has_main_subprogram: false,
        };
        for (unit, scan) in scans.into_iter().enumerate() {
            let Ok(unit32) = u32::try_from(unit) else { break };
            index.entries.extend(scan.keys.into_iter().map(|k| (k, unit32)));
            if scan.foreign {
                index.foreign.push(unit32);
            }
            index.has_main_subprogram |= scan.main_subprogram;
            if scan.has_code && unranged.get(unit).copied().unwrap_or(true) {
                index.unranged_code.push(unit32);
            }
        }
        index.entries.sort_unstable();
        index.entries.dedup();
        index.entries.shrink_to_fit();
        index
    }

    /// The units that may hold a function (or an inlined copy of one) that `break name` finds, ascending.
    pub fn units_for(&self, name: &str) -> Vec<usize> {
        let hash = key_hash(name_key(name).as_bytes());
        let start = self.entries.partition_point(|&(h, _)| h < hash);
        let mut units: Vec<usize> = self.entries[start..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .map(|&(_, u)| u as usize)
            .chain(self.foreign.iter().map(|&u| u as usize))
            .collect();
        units.sort_unstable();
        units.dedup();
        units
    }

    /// Whether some function is marked DW_AT_main_subprogram (not known from `.debug_names`).
    pub fn has_main_subprogram(&self) -> bool {
        self.has_main_subprogram
    }

    /// Units with code but no root ranges (see the field).
    pub fn unranged_code_units(&self) -> impl Iterator<Item = usize> + '_ {
        self.unranged_code.iter().map(|&u| u as usize)
    }
}

/// FNV-1a: fast on short names, and the index only needs it to be deterministic.
fn key_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Scans every unit, split into contiguous runs of similar byte size, one per thread.
fn scan_units(debug: &DebugInfo) -> Vec<UnitScan> {
    let count = debug.units.len();
    let sizes: Vec<usize> = debug.units.iter().map(|u| u.header().length_including_self()).collect();
    let total: usize = sizes.iter().sum();
    // Threads pay off only on big inputs; a test program's few kilobytes scan faster than a spawn.
    let threads = if total < (1 << 20) {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4)
    };
    let mut bounds = vec![0];
    let mut acc = 0usize;
    for (i, size) in sizes.iter().enumerate() {
        acc += size;
        if bounds.len() < threads && acc * threads >= total * bounds.len() {
            bounds.push(i + 1);
        }
    }
    bounds.push(count);
    bounds.dedup();
    let scan_range = |range: std::ops::Range<usize>| -> Vec<UnitScan> {
        range
            .map(|u| {
                let mut scan = UnitScan::default();
                // A damaged unit keeps what was read before the damage.
                let _ = scan_unit(debug, u, &mut scan);
                // Each unit is read once here; the few a query needs come back from the page cache.
                if let Some(unit) = debug.units.get(u) {
                    let start = unit.offset();
                    debug.info_bytes.release(start..start.saturating_add(sizes[u]));
                }
                scan.keys.sort_unstable();
                scan.keys.dedup();
                scan.keys.shrink_to_fit();
                scan
            })
            .collect()
    };
    let scans = if bounds.len() <= 2 { scan_range(0..count) } else { scan_in_parallel(&bounds, &scan_range) };
    // The names were read in place all over `.debug_str`; none of them is needed again.
    debug.str_bytes.release(0..debug.str_bytes.len());
    scans
}

fn scan_in_parallel(
    bounds: &[usize],
    scan_range: &(dyn Fn(std::ops::Range<usize>) -> Vec<UnitScan> + Sync),
) -> Vec<UnitScan> {
    let count = bounds.last().copied().unwrap_or(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                (
                    w[0]..w[1],
                    scope.spawn({
                        let range = w[0]..w[1];
                        move || scan_range(range)
                    }),
                )
            })
            .collect();
        let mut out = Vec::with_capacity(count);
        for (range, handle) in handles {
            // A panicking scan thread (it cannot, short of a bug) loses its units' names, not the process.
            match handle.join() {
                Ok(scans) => out.extend(scans),
                Err(_) => out.extend(range.map(|_| UnitScan::default())),
            }
        }
        out
    })
}

/// Reads the name attributes of subprogram and inlined-call DIEs; every other DIE is skipped by the
/// sizes of its forms, without decoding values.
fn scan_unit(debug: &DebugInfo, unit_index: usize, scan: &mut UnitScan) -> Result<(), gimli::Error> {
    let Some(unit) = debug.units.get(unit_index) else { return Ok(()) };
    let debug_str: &[u8] = debug.dwarf.debug_str.reader().bytes();
    // The scan parses the unit's abbreviations for itself and drops them after: keeping every unit
    // parsed would hold libc's thousands of abbreviation tables for a single lookup.
    let header = unit.header();
    let abbreviations = match unit.parsed() {
        Some(parsed) => parsed.unit.abbreviations.clone(),
        None => debug.dwarf.abbreviations(header)?,
    };
    let mut raw = header.entries_raw(&abbreviations, None)?;
    while !raw.is_empty() {
        let Some(abbrev) = raw.read_abbreviation()? else { continue };
        let tag = abbrev.tag();
        if tag != gimli::DW_TAG_subprogram && tag != gimli::DW_TAG_inlined_subroutine {
            raw.skip_attributes(abbrev.attributes())?;
            continue;
        }
        for spec in abbrev.attributes() {
            match spec.name() {
                gimli::DW_AT_name => {
                    let value = raw.read_attribute(*spec)?.value();
                    if let Some(hash) = name_hash(debug, debug_str, unit, value, |_| true) {
                        scan.keys.push(hash);
                    }
                }
                gimli::DW_AT_linkage_name | gimli::DW_AT_MIPS_linkage_name => {
                    let value = raw.read_attribute(*spec)?.value();
                    // The function index names a function by an unmangled linkage name (C asm labels);
                    // mangled ones never name it, so they need no entry.
                    if let Some(hash) = name_hash(debug, debug_str, unit, value, |n| !is_mangled(n)) {
                        scan.keys.push(hash);
                    }
                }
                gimli::DW_AT_specification | gimli::DW_AT_abstract_origin => {
                    let value = raw.read_attribute(*spec)?.value();
                    scan.foreign |= matches!(value, AttributeValue::DebugInfoRef(_));
                }
                gimli::DW_AT_main_subprogram => {
                    let value = raw.read_attribute(*spec)?.value();
                    scan.main_subprogram |= matches!(value, AttributeValue::Flag(true));
                }
                gimli::DW_AT_low_pc | gimli::DW_AT_ranges if tag == gimli::DW_TAG_subprogram => {
                    scan.has_code = true;
                    raw.skip_attributes(std::slice::from_ref(spec))?;
                }
                _ => raw.skip_attributes(std::slice::from_ref(spec))?,
            }
        }
    }
    Ok(())
}

/// Itanium (C++, legacy Rust) and Rust v0 manglings.
fn is_mangled(name: &str) -> bool {
    name.starts_with("_Z") || name.starts_with("_R")
}

/// The key hash of a name attribute that passes `keep`. The usual form (an offset into `.debug_str`) is
/// read in place, without allocating: this runs for every subprogram of the program.
fn name_hash(
    debug: &DebugInfo,
    debug_str: &[u8],
    unit: &LazyUnit,
    value: AttributeValue<Reader>,
    keep: impl Fn(&str) -> bool,
) -> Option<u64> {
    let hash = |name: &str| keep(name).then(|| key_hash(name_key(name).as_bytes()));
    if let AttributeValue::DebugStrRef(offset) = value {
        let bytes = debug_str.get(offset.0..)?;
        let bytes = std::ffi::CStr::from_bytes_until_nul(bytes).ok()?.to_bytes();
        if let Ok(name) = std::str::from_utf8(bytes) {
            return hash(name);
        }
    }
    let r = match value {
        AttributeValue::String(r) => r,
        AttributeValue::DebugLineStrRef(offset) => debug.dwarf.debug_line_str.get_str(offset).ok()?,
        // Indexed strings need the unit's string-offsets base, from its root DIE: parse the unit.
        other => debug.dwarf.attr_string(&unit.unit, other).ok()?,
    };
    hash(&r.to_string_lossy().ok()?)
}

/// The index from `.debug_names`, when the section is there and covers every unit (an index written
/// for some units only, as a partial link can leave, is not trusted).
fn from_debug_names(debug: &DebugInfo) -> Option<Vec<UnitScan>> {
    let mut headers = debug.dwarf.debug_names.headers();
    let mut scans: Vec<UnitScan> = (0..debug.units.len()).map(|_| UnitScan::default()).collect();
    let mut covered = vec![false; debug.units.len()];
    let unit_at = |offset: gimli::DebugInfoOffset| debug.unit_containing(offset);
    let mut any = false;
    while let Ok(Some(header)) = headers.next() {
        any = true;
        let index = header.index().ok()?;
        for i in 0..index.compile_unit_count() {
            covered[unit_at(index.compile_unit(i).ok()?)?] = true;
        }
        let default_unit = index.default_compile_unit().ok().flatten();
        for name_index in index.names() {
            let name = index.name_string(name_index, &debug.dwarf.debug_str).ok()?;
            let name = name.to_string_lossy().ok()?;
            if is_mangled(&name) {
                continue;
            }
            let hash = key_hash(name_key(&name).as_bytes());
            let mut entries = index.name_entries(name_index).ok()?;
            while let Ok(Some(entry)) = entries.next() {
                if entry.tag != gimli::DW_TAG_subprogram && entry.tag != gimli::DW_TAG_inlined_subroutine {
                    continue;
                }
                // Without DW_IDX_compile_unit the entry belongs to the index's only unit.
                let offset = entry.compile_unit(&index).ok().flatten().or(default_unit)?;
                if let Some(scan) = unit_at(offset).and_then(|u| scans.get_mut(u)) {
                    scan.keys.push(hash);
                    scan.has_code = true;
                }
            }
        }
    }
    if !any || covered.iter().any(|c| !c) {
        return None;
    }
    // The accelerator does not say which units name their functions through another unit's DIE; like
    // gdb, rdbg trusts it (each such function is indexed under its own name and unit by the producer).
    Some(scans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_distinct() {
        assert_eq!(key_hash(b"main"), key_hash(b"main"));
        assert_ne!(key_hash(b"main"), key_hash(b"mian"));
    }

    #[test]
    fn manglings() {
        assert!(is_mangled("_ZN7bigrust4main17h0123456789abcdefE"));
        assert!(is_mangled("_RNvCs1234_7bigrust4main"));
        assert!(!is_mangled("__GI__IO_puts"));
    }
}
