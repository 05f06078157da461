//! Inlined calls as gdb's inline frames see them: for an address, the chain of DW_TAG_inlined_subroutine
//! blocks holding it, innermost first, each with the inlined function's name, where its block is
//! entered, and its call site (DW_AT_call_file / DW_AT_call_line), which is the source position gdb
//! gives the frame just outside it.

use gimli::UnitOffset;

use crate::addr::FileAddr;

use super::functions::{Block, FuncRecord};
use super::module::Module;
use super::params::{FrameBase, Parameter};
use super::SourceLocation;

/// One inlined call holding an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlinedCall {
    /// The inlined function's name (`tick`).
    pub name: String,
    /// gdb's BLOCK_ENTRY_PC: the start of the block's first listed range.
    pub entry: FileAddr,
    /// Whether the address is where execution enters the block (gdb's `skip_inline_frames` test:
    /// the entry pc, or a range start whose preceding byte lies outside the block).
    pub starts_here: bool,
    /// Where the inlined function was called from; None when DWARF does not say.
    pub call_site: Option<SourceLocation>,
    unit: usize,
    die: UnitOffset,
    /// The DIE of the function the call was inlined into (its frame base serves the call's arguments).
    function_die: UnitOffset,
}

fn holds(block: &Block, pc: u64) -> bool {
    block.ranges.iter().any(|&(lo, hi)| lo <= pc && pc < hi)
}

impl Module {
    /// The inlined calls holding `addr`, innermost first; empty outside inlined code.
    pub fn inlined_calls(&self, addr: FileAddr) -> Vec<InlinedCall> {
        let Some(func) = self.functions().function_at(addr.0) else { return Vec::new() };
        let mut blocks: Vec<&Block> =
            func.blocks.iter().filter(|b| b.inlined.is_some() && holds(b, addr.0)).collect();
        blocks.sort_by_key(|b| std::cmp::Reverse(b.depth));
        blocks
            .into_iter()
            .filter_map(|block| {
                let (name, _) = block.inlined.as_ref()?;
                let entry = block.ranges.first()?.0;
                let range_start = block.ranges.iter().any(|&(lo, _)| lo == addr.0);
                let starts_here = entry == addr.0 || (range_start && !holds(block, addr.0.wrapping_sub(1)));
                Some(InlinedCall {
                    name: name.clone(),
                    entry: FileAddr(entry),
                    starts_here,
                    call_site: self.call_site(func, block),
                    unit: func.unit,
                    die: block.die,
                    function_die: func.die,
                })
            })
            .collect()
    }

    /// The call site of the outermost inlined call holding `addr` in `func`: gdb moves a breakpoint
    /// that lands in inlined code after the prologue there (`skip_prologue_sal`).
    pub(super) fn outermost_call_site(&self, func: &FuncRecord, addr: u64) -> Option<SourceLocation> {
        let outermost =
            func.blocks.iter().filter(|b| b.inlined.is_some() && holds(b, addr)).min_by_key(|b| b.depth)?;
        self.call_site(func, outermost)
    }

    /// An inlined call's arguments: the inlined_subroutine's formal parameters (named through their
    /// abstract origin), with the frame base of the function it was inlined into.
    pub fn inlined_call_parameters(&self, call: &InlinedCall) -> Option<(FrameBase, Vec<Parameter>)> {
        self.debug().units.get(call.unit)?;
        let (_, params) = self.parameters_of(call.unit, call.die);
        let (frame_base, _) = self.parameters_of(call.unit, call.function_die);
        Some((frame_base, params))
    }

    /// The block's DW_AT_call_file:DW_AT_call_line as a source position (the file named as the line
    /// table names it). Shown without an address, as gdb shows a call site.
    fn call_site(&self, func: &FuncRecord, block: &Block) -> Option<SourceLocation> {
        let (file_index, line) = block.call_site?;
        let debug = self.debug();
        let unit = debug.units.get(func.unit)?;
        let header = unit.unit.line_program.as_ref()?.header();
        let entry = header.file(file_index)?;
        let file = super::lines::file_name(&debug.dwarf, unit, header, entry)?;
        Some(SourceLocation { file: file.name, full_path: file.full_path, line, is_stmt_start: true })
    }
}
