//! A function's tail calls, as gdb lists them for its virtual tail-call frames (gdb's
//! TYPE_TAIL_CALL_LIST): the DW_TAG_call_site / DW_TAG_GNU_call_site DIEs flagged
//! DW_AT_call_tail_call / DW_AT_GNU_tail_call anywhere inside the function (inlined code included,
//! nested functions not), each with its return address and whom it calls.
//!
//! gdb only trusts the list of a function whose DWARF says it lists every call
//! (DW_AT_call_all_calls, DW_AT_call_all_tail_calls or their GNU forms); for any other function the
//! list is empty, so no chain of tail calls can run through it. Read on demand, for the functions a
//! backtrace's chain search visits, never at load time.

use gimli::{AttributeValue, DebuggingInformationEntry, UnitOffset};

use super::call_site_params::CallTarget;
use super::die_ref::DieRef;
use super::dwarf::DebugInfo;
use super::module::Module;
use super::reader::Reader;
use crate::addr::FileAddr;

/// One tail call made by a function.
#[derive(Clone, Debug)]
pub struct TailCallSite {
    /// DW_AT_call_return_pc (DW_AT_low_pc for DW_TAG_GNU_call_site): the address after the jump,
    /// which is the pc gdb gives the tail-call frame.
    pub return_pc: FileAddr,
    pub target: CallTarget,
}

/// How far `DW_AT_abstract_origin` / `DW_AT_specification` links are followed for an attribute
/// (gdb's `dwarf2_attr` follows them too); a loop in corrupt DWARF ends here.
const MAX_ORIGIN_HOPS: usize = 8;

impl Module {
    /// The tail calls of the function whose entry is exactly `entry` (gdb's
    /// `func_addr_to_tail_call_list`): None when no function with debug info starts there, which
    /// makes gdb give up on the whole chain; empty when the function makes none or its DWARF does
    /// not claim to list them all.
    pub fn tail_calls_of(&self, entry: FileAddr) -> Option<Vec<TailCallSite>> {
        let func = self.functions().function_at(entry.0)?;
        if func.entry != entry.0 {
            return None;
        }
        let debug = self.debug();
        let unit = &debug.units.get(func.unit)?.unit;
        if !lists_all_calls(debug, func.unit, func.die) {
            return Some(Vec::new());
        }
        let returns = tail_call_returns(debug, unit, func.die);
        // gdb prepends each call site to the list as it reads them; the order does not change which
        // chains are found, but keeping it keeps any search order the same as gdb's.
        Some(
            returns
                .into_iter()
                .rev()
                .map(|return_pc| TailCallSite {
                    return_pc,
                    target: self.call_site_at(return_pc).map_or(CallTarget::Unknown, |site| site.target),
                })
                .collect(),
        )
    }
}

/// The return addresses of the tail-call sites in the subprogram at `function`, in DIE order,
/// skipping nested subprograms (their calls are their own).
fn tail_call_returns(debug: &DebugInfo, unit: &gimli::Unit<Reader>, function: UnitOffset) -> Vec<FileAddr> {
    let mut out = Vec::new();
    let Ok(mut cursor) = unit.entries_at_offset(function) else { return out };
    // The subprogram itself.
    if !matches!(cursor.next_dfs(), Ok(Some(_))) {
        return out;
    }
    // Depth of a nested subprogram being skipped.
    let mut skipping: Option<isize> = None;
    while let Ok(Some(entry)) = cursor.next_dfs() {
        // Depths count from the subprogram (0): back at 0 or above, its subtree is over.
        let depth = entry.depth();
        if depth <= 0 {
            break;
        }
        if skipping.is_some_and(|d| depth > d) {
            continue;
        }
        skipping = None;
        match entry.tag() {
            gimli::DW_TAG_subprogram => skipping = Some(depth),
            gimli::DW_TAG_call_site | gimli::DW_TAG_GNU_call_site if is_tail_call(entry) => {
                if let Some(pc) = return_pc(debug, unit, entry) {
                    out.push(pc);
                }
            }
            _ => {}
        }
    }
    out
}

fn is_tail_call(entry: &DebuggingInformationEntry<Reader>) -> bool {
    [gimli::DW_AT_call_tail_call, gimli::DW_AT_GNU_tail_call]
        .into_iter()
        .any(|attr| matches!(entry.attr_value(attr), Some(AttributeValue::Flag(true))))
}

fn return_pc(
    debug: &DebugInfo,
    unit: &gimli::Unit<Reader>,
    entry: &DebuggingInformationEntry<Reader>,
) -> Option<FileAddr> {
    let value =
        entry.attr_value(gimli::DW_AT_call_return_pc).or_else(|| entry.attr_value(gimli::DW_AT_low_pc))?;
    match value {
        AttributeValue::Addr(a) => Some(FileAddr(a)),
        AttributeValue::DebugAddrIndex(i) => debug.dwarf.address(unit, i).ok().map(FileAddr),
        _ => None,
    }
}

/// Whether the subprogram DIE (or the abstract instance or declaration it points at) carries
/// DW_AT_call_all_calls, DW_AT_call_all_tail_calls or their GNU forms.
fn lists_all_calls(debug: &DebugInfo, unit_index: usize, die: UnitOffset) -> bool {
    const FLAGS: [gimli::DwAt; 4] = [
        gimli::DW_AT_call_all_calls,
        gimli::DW_AT_call_all_tail_calls,
        gimli::DW_AT_GNU_all_call_sites,
        gimli::DW_AT_GNU_all_tail_call_sites,
    ];
    let (mut unit_index, mut die) = (unit_index, die);
    for _ in 0..MAX_ORIGIN_HOPS {
        let Some(unit) = debug.units.get(unit_index) else { return false };
        let unit = &unit.unit;
        let Ok(entry) = unit.entry(die) else { return false };
        if FLAGS.iter().any(|&flag| matches!(entry.attr_value(flag), Some(AttributeValue::Flag(true)))) {
            return true;
        }
        let link = DieRef::of(&entry, gimli::DW_AT_abstract_origin)
            .or_else(|| DieRef::of(&entry, gimli::DW_AT_specification));
        let Some(at) = link.and_then(|l| l.resolve(debug, unit_index)) else { return false };
        (unit_index, die) = (at.unit, at.offset);
    }
    false
}
