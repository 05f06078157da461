//! The function index of one unit: one walk over the unit's DIE tree (on first need; `function_table.rs`
//! decides which units a query needs) that collects concrete functions (DW_TAG_subprogram with code),
//! their qualified names (`Shape::area`, `rsdemo::main`), their lexical and inlined blocks (gdb's block
//! tree, needed by `break LINE`), and whether gdb would call the unit's locations "valid" (GCC with
//! location lists: gdb then places `break FUNC` at the entry address).

use std::collections::HashMap;

use gimli::{AttributeValue, DebugInfoOffset};

use super::dwarf::{DebugInfo, Producer, UnitInfo};
use gimli::Reader as _;

use super::reader::Reader;

/// A nested block of a function, as gdb's block tree has it.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub ranges: Vec<(u64, u64)>,
    /// Nesting depth inside the function (1 = directly in it).
    pub depth: u32,
    /// For an inlined call: the inlined function's name and declaration line.
    pub inlined: Option<(String, Option<u32>)>,
    /// Whether the block declares variables (gdb creates no block for a lexical block that does not).
    pub declares: bool,
    /// For an inlined call: where it was called from (DW_AT_call_file as the line program's file
    /// index, DW_AT_call_line), which is the caller frame's position in a backtrace.
    pub call_site: Option<(u64, u32)>,
    /// The block's DIE: an inlined call's formal parameters are its children.
    pub die: gimli::UnitOffset,
}

#[derive(Clone, Debug)]
pub(crate) struct FuncRecord {
    pub name: String,
    pub entry: u64,
    pub ranges: Vec<(u64, u64)>,
    pub unit: usize,
    /// The subprogram's DIE, for its parameters and frame base.
    pub die: gimli::UnitOffset,
    pub blocks: Vec<Block>,
}

impl FuncRecord {
    /// The contiguous range holding the entry point (a hot/cold split function has more than one).
    pub fn entry_range(&self) -> (u64, u64) {
        self.ranges
            .iter()
            .copied()
            .find(|&(lo, hi)| lo <= self.entry && self.entry < hi)
            .unwrap_or((self.entry, self.entry))
    }

    /// The innermost block gdb would return for `pc` (None = the function's own block), by index.
    pub fn innermost_block(&self, pc: u64) -> Option<usize> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.ranges.iter().any(|&(lo, hi)| lo <= pc && pc < hi))
            .max_by_key(|(_, b)| b.depth)
            .map(|(i, _)| i)
    }
}

pub(crate) struct FunctionIndex {
    pub funcs: Vec<FuncRecord>,
    /// (range start, range end, function) sorted by start.
    by_addr: Vec<(u64, u64, usize)>,
    /// Last name component (without template arguments) -> functions.
    by_name: HashMap<String, Vec<usize>>,
    /// The same for inlined copies: (function, block).
    by_inline_name: HashMap<String, Vec<(usize, usize)>>,
    /// gdb's `locations_valid` for the unit (GCC and at least one location list).
    pub locations_valid: bool,
}

/// What the walk remembers about every subprogram DIE, to name concrete functions that only point at
/// their declaration (DW_AT_specification) or abstract instance (DW_AT_abstract_origin).
struct SubprogramDie {
    qualified: Option<String>,
    decl_line: Option<u32>,
    origin: Option<DebugInfoOffset>,
}

enum Frame {
    Scope(String),
    Function(usize),
    Block { func: usize, block: usize },
    Other,
}

impl FunctionIndex {
    /// The functions of unit `unit_index`. A name that lives in another unit's DIE (DW_FORM_ref_addr, as
    /// LTO writes) is found by walking that unit too.
    pub fn build_unit(debug: &DebugInfo, unit_index: usize, has_section_at_zero: bool) -> FunctionIndex {
        let mut funcs = Vec::new();
        let mut dies: HashMap<DebugInfoOffset, SubprogramDie> = HashMap::new();
        // Functions and inlined blocks still to be named, with the DIE they refer to.
        let mut unnamed_funcs: Vec<(usize, DebugInfoOffset)> = Vec::new();
        let mut unnamed_blocks: Vec<(usize, usize, DebugInfoOffset)> = Vec::new();
        let mut locations_valid = false;
        if let Some(unit) = debug.units.get(unit_index) {
            let mut walk = Walk {
                debug,
                unit,
                unit_index,
                has_section_at_zero,
                funcs: &mut funcs,
                dies: &mut dies,
                unnamed_funcs: &mut unnamed_funcs,
                unnamed_blocks: &mut unnamed_blocks,
                has_loclist: false,
            };
            // A unit that fails half-way keeps what was read before the damage.
            let _ = walk.run();
            let gcc = matches!(unit.producer, Producer::Gcc(major) if major >= 5);
            locations_valid = gcc && walk.has_loclist;
        }
        let mut walked = vec![unit_index];
        for (func, target) in unnamed_funcs {
            if let Some((name, _)) = resolve_across_units(debug, &mut dies, &mut walked, target) {
                funcs[func].name = name;
            }
        }
        for (func, block, target) in unnamed_blocks {
            if let Some(found) = resolve_across_units(debug, &mut dies, &mut walked, target) {
                funcs[func].blocks[block].inlined = Some(found);
            }
        }
        // Drop lexical blocks gdb would not create (after naming: that used block indexes); keep inlined ones.
        for f in &mut funcs {
            f.blocks.retain(|b| b.inlined.is_some() || b.declares);
        }
        funcs.retain(|f: &FuncRecord| !f.name.is_empty());
        let mut by_addr = Vec::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in funcs.iter().enumerate() {
            by_addr.extend(f.ranges.iter().map(|&(lo, hi)| (lo, hi, i)));
            by_name.entry(name_key(&f.name).to_string()).or_default().push(i);
        }
        by_addr.sort_unstable();
        let mut by_inline_name: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, f) in funcs.iter().enumerate() {
            for (b, block) in f.blocks.iter().enumerate() {
                if let Some((name, _)) = &block.inlined {
                    by_inline_name.entry(name_key(name).to_string()).or_default().push((i, b));
                }
            }
        }
        FunctionIndex { funcs, by_addr, by_name, by_inline_name, locations_valid }
    }

    /// The innermost function whose ranges hold `pc`, with the range that holds it.
    pub fn function_at(&self, pc: u64) -> Option<(&FuncRecord, (u64, u64))> {
        let end = self.by_addr.partition_point(|&(lo, _, _)| lo <= pc);
        // Ranges of different functions only overlap when one nests in another (GNU C nested functions),
        // so the nearest containing range below pc is the innermost; a short look-back suffices.
        self.by_addr[..end]
            .iter()
            .rev()
            .take(64)
            .find(|&&(lo, hi, _)| lo <= pc && pc < hi)
            .map(|&(lo, hi, i)| (&self.funcs[i], (lo, hi)))
    }

    /// Every function `break NAME` would find: NAME is matched as gdb's wild matching does, against the
    /// whole qualified name or any trailing run of its `::` components (`area`, `Shape::area`).
    pub fn lookup(&self, name: &str) -> Vec<&FuncRecord> {
        let Some(candidates) = self.by_name.get(name_key(name)) else {
            return Vec::new();
        };
        candidates.iter().map(|&i| &self.funcs[i]).filter(|f| name_matches(&f.name, name)).collect()
    }

    /// Inlined copies of functions matching `name` (as in `lookup`): the containing function, the copy's
    /// entry address (gdb's BLOCK_ENTRY_PC: the first listed range) and the inlined function's name.
    pub fn lookup_inlined(&self, name: &str) -> Vec<(&FuncRecord, u64, &str)> {
        let Some(candidates) = self.by_inline_name.get(name_key(name)) else {
            return Vec::new();
        };
        candidates
            .iter()
            .filter_map(|&(f, b)| {
                let func = &self.funcs[f];
                let block = func.blocks.get(b)?;
                let (inlined, _) = block.inlined.as_ref()?;
                let entry = block.ranges.first()?.0;
                name_matches(inlined, name).then_some((func, entry, inlined.as_str()))
            })
            .collect()
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.funcs.iter().map(|f| f.name.as_str())
    }
}

struct Walk<'a> {
    debug: &'a DebugInfo,
    unit: &'a UnitInfo,
    unit_index: usize,
    has_section_at_zero: bool,
    funcs: &'a mut Vec<FuncRecord>,
    dies: &'a mut HashMap<DebugInfoOffset, SubprogramDie>,
    unnamed_funcs: &'a mut Vec<(usize, DebugInfoOffset)>,
    unnamed_blocks: &'a mut Vec<(usize, usize, DebugInfoOffset)>,
    has_loclist: bool,
}

impl Walk<'_> {
    fn run(&mut self) -> Result<(), gimli::Error> {
        let unit = &self.unit.unit;
        let mut cursor = unit.entries();
        // (depth, frame) of the DIEs enclosing the current one.
        let mut stack: Vec<(isize, Frame)> = Vec::new();
        while let Some(die) = cursor.next_dfs()? {
            let depth = die.depth();
            while stack.last().is_some_and(|(d, _)| *d >= depth) {
                stack.pop();
            }
            if let Some(AttributeValue::LocationListsRef(_) | AttributeValue::DebugLocListsIndex(_)) =
                die.attr_value(gimli::DW_AT_location)
            {
                self.has_loclist = true;
            }
            let enclosing_func = stack.iter().rev().find_map(|(_, f)| match f {
                Frame::Function(i) | Frame::Block { func: i, .. } => Some(*i),
                _ => None,
            });
            let frame = match die.tag() {
                gimli::DW_TAG_namespace
                | gimli::DW_TAG_class_type
                | gimli::DW_TAG_structure_type
                | gimli::DW_TAG_union_type
                | gimli::DW_TAG_enumeration_type => match self.string(die.attr_value(gimli::DW_AT_name)) {
                    Some(name) => Frame::Scope(name),
                    None if die.tag() == gimli::DW_TAG_namespace => {
                        Frame::Scope("(anonymous namespace)".into())
                    }
                    None => Frame::Other,
                },
                gimli::DW_TAG_subprogram => self.subprogram(die, &stack)?,
                gimli::DW_TAG_lexical_block | gimli::DW_TAG_inlined_subroutine => match enclosing_func {
                    Some(func) => self.block(die, func, &stack)?,
                    None => Frame::Other,
                },
                gimli::DW_TAG_variable => {
                    // gdb materialises a lexical block only when it declares something.
                    if let Some((_, Frame::Block { func, block })) = stack.last() {
                        if let Some(b) = self.funcs[*func].blocks.get_mut(*block) {
                            b.declares = true;
                        }
                    }
                    Frame::Other
                }
                _ => Frame::Other,
            };
            if die.has_children() {
                stack.push((depth, frame));
            }
        }
        Ok(())
    }

    fn string(&self, value: Option<AttributeValue<Reader>>) -> Option<String> {
        let r = self.debug.dwarf.attr_string(&self.unit.unit, value?).ok()?;
        Some(r.to_string_lossy().ok()?.into_owned())
    }

    fn reference(&self, value: Option<AttributeValue<Reader>>) -> Option<DebugInfoOffset> {
        match value? {
            AttributeValue::UnitRef(off) => off.to_debug_info_offset(&self.unit.unit.header),
            AttributeValue::DebugInfoRef(off) => Some(off),
            _ => None,
        }
    }

    fn ranges(
        &self,
        die: &gimli::DebuggingInformationEntry<Reader>,
    ) -> Result<Vec<(u64, u64)>, gimli::Error> {
        let mut out = Vec::new();
        let mut iter = self.debug.dwarf.die_ranges(&self.unit.unit, die)?;
        while let Some(r) = iter.next()? {
            // Code discarded by the linker keeps address 0; gdb ignores it too.
            if r.begin < r.end && (r.begin != 0 || self.has_section_at_zero) {
                out.push((r.begin, r.end));
            }
        }
        Ok(out)
    }

    fn subprogram(
        &mut self,
        die: &gimli::DebuggingInformationEntry<Reader>,
        stack: &[(isize, Frame)],
    ) -> Result<Frame, gimli::Error> {
        let name = self.string(die.attr_value(gimli::DW_AT_name));
        // gdb names a function by its DW_AT_linkage_name when that is not mangled: C's asm labels, as
        // in libc, where `_IO_puts` is `__GI__IO_puts` in frames and breakpoints.
        let name = match self.string(die.attr_value(gimli::DW_AT_linkage_name)) {
            Some(linkage) if super::demangle::demangle(&linkage) == linkage.as_str() => Some(linkage),
            _ => name,
        };
        let qualified = name.map(|n| qualify(stack, &n));
        let decl_line = match die.attr_value(gimli::DW_AT_decl_line) {
            Some(v) => v.udata_value().and_then(|l| u32::try_from(l).ok()),
            None => None,
        };
        let origin = self
            .reference(die.attr_value(gimli::DW_AT_specification))
            .or_else(|| self.reference(die.attr_value(gimli::DW_AT_abstract_origin)));
        if let Some(offset) = die.offset().to_debug_info_offset(&self.unit.unit.header) {
            self.dies.insert(offset, SubprogramDie { qualified: qualified.clone(), decl_line, origin });
        }
        let ranges = self.ranges(die)?;
        if ranges.is_empty() {
            return Ok(Frame::Other);
        }
        let entry = match die.attr_value(gimli::DW_AT_entry_pc) {
            Some(AttributeValue::Addr(a)) => a,
            _ => ranges[0].0,
        };
        let index = self.funcs.len();
        self.funcs.push(FuncRecord {
            name: qualified.clone().unwrap_or_default(),
            entry,
            ranges,
            unit: self.unit_index,
            die: die.offset(),
            blocks: Vec::new(),
        });
        if qualified.is_none() {
            if let Some(target) = origin {
                self.unnamed_funcs.push((index, target));
            }
        }
        Ok(Frame::Function(index))
    }

    fn block(
        &mut self,
        die: &gimli::DebuggingInformationEntry<Reader>,
        func: usize,
        stack: &[(isize, Frame)],
    ) -> Result<Frame, gimli::Error> {
        let ranges = self.ranges(die)?;
        if ranges.is_empty() {
            return Ok(Frame::Other);
        }
        let depth = stack
            .iter()
            .rev()
            .take_while(|(_, f)| !matches!(f, Frame::Function(_)))
            .filter(|(_, f)| matches!(f, Frame::Block { .. }))
            .count() as u32
            + 1;
        let blocks = &mut self.funcs[func].blocks;
        let block = blocks.len();
        let die_offset = die.offset();
        blocks.push(Block {
            ranges,
            depth,
            inlined: None,
            declares: false,
            call_site: None,
            die: die_offset,
        });
        if die.tag() == gimli::DW_TAG_inlined_subroutine {
            let file = die.attr_value(gimli::DW_AT_call_file).and_then(|v| match v {
                AttributeValue::FileIndex(i) => Some(i),
                other => other.udata_value(),
            });
            let line = die.attr_value(gimli::DW_AT_call_line).and_then(|v| v.udata_value());
            if let (Some(file), Some(line)) = (file, line.and_then(|l| u32::try_from(l).ok())) {
                blocks[block].call_site = Some((file, line));
            }
            // Named after resolution; a placeholder keeps it from being dropped as an empty block.
            blocks[block].inlined = Some((String::new(), None));
            if let Some(target) = self.reference(die.attr_value(gimli::DW_AT_abstract_origin)) {
                self.unnamed_blocks.push((func, block, target));
            }
        }
        Ok(Frame::Block { func, block })
    }
}

fn qualify(stack: &[(isize, Frame)], name: &str) -> String {
    let mut out = String::new();
    for (_, frame) in stack {
        if let Frame::Scope(scope) = frame {
            out.push_str(scope);
            out.push_str("::");
        }
    }
    out.push_str(name);
    out
}

/// Where following a DIE's links ended.
enum Resolved {
    Name(String, Option<u32>),
    /// The chain leads to a DIE no walked unit has recorded.
    Elsewhere(DebugInfoOffset),
    Nothing,
}

/// Follows DW_AT_specification / DW_AT_abstract_origin links to a DIE that has a name.
fn resolve_name(dies: &HashMap<DebugInfoOffset, SubprogramDie>, mut at: DebugInfoOffset) -> Resolved {
    let mut decl_line = None;
    for _ in 0..8 {
        let Some(die) = dies.get(&at) else { return Resolved::Elsewhere(at) };
        decl_line = decl_line.or(die.decl_line);
        if let Some(name) = &die.qualified {
            return Resolved::Name(name.clone(), decl_line);
        }
        let Some(next) = die.origin else { return Resolved::Nothing };
        at = next;
    }
    Resolved::Nothing
}

/// `resolve_name`, walking the unit that holds a link's target when no walked unit has it (each unit at
/// most once per build: `walked`).
fn resolve_across_units(
    debug: &DebugInfo,
    dies: &mut HashMap<DebugInfoOffset, SubprogramDie>,
    walked: &mut Vec<usize>,
    target: DebugInfoOffset,
) -> Option<(String, Option<u32>)> {
    loop {
        match resolve_name(dies, target) {
            Resolved::Name(name, decl_line) => return Some((name, decl_line)),
            Resolved::Nothing => return None,
            Resolved::Elsewhere(at) => {
                let unit_index = debug.unit_containing(at)?;
                if walked.contains(&unit_index) {
                    return None;
                }
                walked.push(unit_index);
                let unit = debug.units.get(unit_index)?;
                // Only the other unit's DIE names are wanted; its functions are its own index's business.
                let (mut funcs, mut unnamed_funcs, mut unnamed_blocks) = (Vec::new(), Vec::new(), Vec::new());
                let mut walk = Walk {
                    debug,
                    unit,
                    unit_index,
                    has_section_at_zero: false,
                    funcs: &mut funcs,
                    dies,
                    unnamed_funcs: &mut unnamed_funcs,
                    unnamed_blocks: &mut unnamed_blocks,
                    has_loclist: false,
                };
                let _ = walk.run();
            }
        }
    }
}

/// gdb's wild matching: `wanted` is the whole name or a trailing run of `::` components, with or without
/// the trailing template arguments.
fn name_matches(full: &str, wanted: &str) -> bool {
    let tail = |candidate: &str| {
        candidate == wanted
            || (candidate.ends_with(wanted) && candidate[..candidate.len() - wanted.len()].ends_with("::"))
    };
    tail(full) || tail(strip_templates(full))
}

/// The index key of a (possibly qualified, possibly templated) function name: its last `::` component
/// without template arguments.
pub(crate) fn name_key(name: &str) -> &str {
    let bare = strip_templates_tail(name);
    let mut depth = 0i32;
    let bytes = bare.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => depth += 1,
            b'>' => depth -= 1,
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                start = i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    &bare[start..]
}

/// `foo<int>` -> `foo` (only a trailing template argument list).
fn strip_templates_tail(name: &str) -> &str {
    if !name.ends_with('>') || name.starts_with("operator") {
        return name;
    }
    let mut depth = 0i32;
    for (i, c) in name.char_indices().rev() {
        match c {
            '>' => depth += 1,
            '<' => {
                depth -= 1;
                if depth == 0 {
                    return &name[..i];
                }
            }
            _ => {}
        }
    }
    name
}

fn strip_templates(name: &str) -> &str {
    strip_templates_tail(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        assert_eq!(name_key("add"), "add");
        assert_eq!(name_key("Shape::area"), "area");
        assert_eq!(name_key("ns::max<int>"), "max");
        assert_eq!(name_key("std::vector<std::pair<int, int> >::push_back"), "push_back");
    }
}
