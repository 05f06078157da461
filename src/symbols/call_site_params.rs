//! What a caller passed at a call: the DW_TAG_call_site (DWARF 5) or DW_TAG_GNU_call_site (DWARF 4
//! GNU extension) DIE whose return address is the caller frame's pc, with its target and its
//! DW_TAG_call_site_parameter children. Entry values (`p=p@entry=0x...`, DW_OP_entry_value) come
//! from here: gdb evaluates the parameter's DW_AT_call_value in the caller's frame, after checking
//! that the call site calls the function the callee frame is in.

use gimli::{AttributeValue, DebuggingInformationEntry, Operation};

use super::die_ref::DieRef;
use super::location::{EntryValueOf, LocationAttr};
use super::module::Module;
use super::reader::Reader;
use crate::addr::FileAddr;

/// A module's call sites by function entry: (return pc, is tail call, site).
pub(super) type CallSiteCache =
    std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<Vec<(u64, bool, CallSite)>>>>;

/// One call site: whom it calls and what it passes.
#[derive(Clone, Debug)]
pub struct CallSite {
    pub target: CallTarget,
    pub parameters: Vec<CallSiteParameter>,
}

/// Which function a call site calls, as far as DWARF says.
#[derive(Clone, Debug)]
pub enum CallTarget {
    /// A function defined in this module: the starts of its ranges (file addresses).
    Addresses(Vec<FileAddr>),
    /// A declaration: the function's linkage name, found among all modules' symbols.
    Name(String),
    /// An indirect call: DW_AT_call_target, an expression evaluated in the caller's frame.
    Expression(LocationAttr),
    /// DWARF does not say (gdb then knows no entry values for the call).
    Unknown,
}

/// One DW_TAG_call_site_parameter.
#[derive(Clone, Debug)]
pub struct CallSiteParameter {
    /// Where the callee receives it: a register, or a stack slot at this offset from the caller's
    /// stack pointer (the callee's frame-base offset).
    pub register: Option<u16>,
    pub stack_offset: Option<i64>,
    /// The callee's formal parameter DIE (DW_AT_call_parameter), as a `.debug_info` offset.
    pub parameter_die: Option<usize>,
    /// DW_AT_call_value: the value at the call, in the caller's frame.
    pub value: Option<LocationAttr>,
    /// DW_AT_call_data_value: the value the passed pointer pointed to.
    pub data_value: Option<LocationAttr>,
}

impl CallSiteParameter {
    /// Whether this parameter is the binding `of` asks about (gdb's `call_site_parameter_matches`).
    pub fn matches(&self, of: EntryValueOf) -> bool {
        match of {
            EntryValueOf::Register { number, .. } => self.register == Some(number),
            EntryValueOf::FrameOffset(offset) => self.stack_offset == Some(offset),
            EntryValueOf::Parameter(die) => self.parameter_die == Some(die),
        }
    }
}

/// x86-64's DWARF number of rsp: stack-passed arguments are `DW_OP_breg7 N` at the call.
const RSP: u16 = 7;

impl Module {
    /// The call site whose return address is `return_pc`, in the function holding the call.
    pub fn call_site_at(&self, return_pc: FileAddr) -> Option<CallSite> {
        let mut found = self.call_sites_in(return_pc.0.checked_sub(1)?, |pc, _| pc == return_pc.0);
        found.pop().map(|(_, site)| site)
    }

    /// The tail calls (DW_AT_call_tail_call) made by the function holding `pc`, with the return
    /// addresses DWARF gives them: where gdb's tail-call frames stand.
    pub fn tail_call_sites(&self, pc: FileAddr) -> Vec<(FileAddr, CallSite)> {
        self.call_sites_in(pc.0, |_, tail| tail).into_iter().map(|(at, site)| (FileAddr(at), site)).collect()
    }

    /// The call sites of the function holding `pc` that `wanted(return pc, is tail call)` accepts.
    fn call_sites_in(&self, pc: u64, wanted: impl Fn(u64, bool) -> bool) -> Vec<(u64, CallSite)> {
        let Some(func) = self.functions().function_at(pc) else { return Vec::new() };
        let entry = func.entry;
        let cached = self.call_sites.lock().ok().and_then(|sites| sites.get(&entry).cloned());
        let all = match cached {
            Some(all) => all,
            None => {
                // Every frame of a backtrace asks about its caller's call sites: walk a function's
                // DIEs for them once.
                let all = std::sync::Arc::new(self.read_call_sites(pc));
                if let Ok(mut sites) = self.call_sites.lock() {
                    sites.insert(entry, all.clone());
                }
                all
            }
        };
        all.iter()
            .filter(|(at, tail, _)| wanted(*at, *tail))
            .map(|(at, _, site)| (*at, site.clone()))
            .collect()
    }

    /// All call sites of the function holding `pc`: (return pc, is tail call, the site).
    fn read_call_sites(&self, pc: u64) -> Vec<(u64, bool, CallSite)> {
        let mut out = Vec::new();
        let Some(func) = self.functions().function_at(pc) else { return out };
        let debug = self.debug();
        let Some(unit) = debug.units.get(func.unit).map(|u| &u.unit) else { return out };
        let Ok(mut cursor) = unit.entries_at_offset(func.die) else { return out };
        // The function's own DIE first, then its subtree (blocks and inlined calls hold call
        // sites too) until the walk climbs back out of it.
        let mut root_depth = None;
        while let Ok(Some(entry)) = cursor.next_dfs() {
            match root_depth {
                None => root_depth = Some(entry.depth()),
                Some(root) if entry.depth() <= root => break,
                Some(_) => {}
            }
            let tag = entry.tag();
            if tag != gimli::DW_TAG_call_site && tag != gimli::DW_TAG_GNU_call_site {
                continue;
            }
            let at = [gimli::DW_AT_call_return_pc, gimli::DW_AT_low_pc]
                .into_iter()
                .find_map(|attr| entry.attr_value(attr))
                .and_then(|v| match v {
                    AttributeValue::Addr(a) => Some(a),
                    AttributeValue::DebugAddrIndex(i) => debug.dwarf.address(unit, i).ok(),
                    _ => None,
                });
            let tail = [gimli::DW_AT_call_tail_call, gimli::DW_AT_GNU_tail_call]
                .into_iter()
                .any(|attr| matches!(entry.attr_value(attr), Some(AttributeValue::Flag(true))));
            let Some(at) = at else { continue };
            let target = self.call_target(func.unit, unit, entry);
            let parameters = self.call_site_parameters(func.unit, unit, entry.offset());
            out.push((at, tail, CallSite { target, parameters }));
        }
        out
    }

    fn call_target(
        &self,
        unit_index: usize,
        unit: &gimli::Unit<Reader>,
        entry: &DebuggingInformationEntry<Reader>,
    ) -> CallTarget {
        let debug = self.debug();
        let attr = [
            gimli::DW_AT_call_target,
            gimli::DW_AT_GNU_call_site_target,
            gimli::DW_AT_call_origin,
            gimli::DW_AT_abstract_origin,
        ]
        .into_iter()
        .find_map(|a| entry.attr_value(a));
        let at = match attr {
            Some(value @ (AttributeValue::Exprloc(_) | AttributeValue::Block(_))) => {
                return LocationAttr::from_attr(&debug.dwarf, unit_index, unit, value)
                    .filter(|l| l.expression().is_some_and(|e| !e.0.is_empty()))
                    .map_or(CallTarget::Unknown, CallTarget::Expression);
            }
            Some(value) => DieRef::from_value(value).and_then(|r| r.resolve(debug, unit_index)),
            None => None,
        };
        let Some((target_unit, target)) = at.and_then(|at| Some((at.unit(debug)?, at.entry(debug)?))) else {
            return CallTarget::Unknown;
        };
        let declaration =
            matches!(target.attr_value(gimli::DW_AT_declaration), Some(AttributeValue::Flag(true)));
        if declaration {
            let name = [gimli::DW_AT_linkage_name, gimli::DW_AT_MIPS_linkage_name, gimli::DW_AT_name]
                .into_iter()
                .find_map(|a| target.attr_value(a))
                .and_then(|v| debug.dwarf.attr_string(target_unit, v).ok())
                .and_then(|r| {
                    use gimli::Reader as _;
                    r.to_string_lossy().ok().map(|s| s.into_owned())
                });
            return name.map_or(CallTarget::Unknown, CallTarget::Name);
        }
        let mut starts = Vec::new();
        if let Ok(mut ranges) = debug.dwarf.die_ranges(target_unit, &target) {
            while let Ok(Some(range)) = ranges.next() {
                starts.push(FileAddr(range.begin));
            }
        }
        if starts.is_empty() {
            CallTarget::Unknown
        } else {
            CallTarget::Addresses(starts)
        }
    }

    fn call_site_parameters(
        &self,
        unit_index: usize,
        unit: &gimli::Unit<Reader>,
        site: gimli::UnitOffset,
    ) -> Vec<CallSiteParameter> {
        let debug = self.debug();
        let mut out = Vec::new();
        let Ok(mut tree) = unit.entries_tree(Some(site)) else { return out };
        let Ok(root) = tree.root() else { return out };
        let mut children = root.children();
        while let Ok(Some(child)) = children.next() {
            let entry = child.entry();
            if entry.tag() != gimli::DW_TAG_call_site_parameter
                && entry.tag() != gimli::DW_TAG_GNU_call_site_parameter
            {
                continue;
            }
            let location = |a| {
                entry.attr_value(a).and_then(|v| LocationAttr::from_attr(&debug.dwarf, unit_index, unit, v))
            };
            let (mut register, mut stack_offset) = (None, None);
            if let Some(AttributeValue::Exprloc(expr)) = entry.attr_value(gimli::DW_AT_location) {
                let mut ops = expr.operations(unit.encoding());
                if let (Ok(Some(op)), Ok(None)) = (ops.next(), ops.next()) {
                    match op {
                        Operation::Register { register: r } => register = Some(r.0),
                        Operation::RegisterOffset { register: r, offset, .. } if r.0 == RSP => {
                            stack_offset = Some(offset)
                        }
                        _ => {}
                    }
                }
            }
            let parameter_die = [gimli::DW_AT_call_parameter, gimli::DW_AT_abstract_origin]
                .into_iter()
                .find_map(|a| entry.attr_value(a))
                .and_then(|v| match v {
                    AttributeValue::UnitRef(o) => o.to_debug_info_offset(&unit.header).map(|o| o.0),
                    AttributeValue::DebugInfoRef(o) => Some(o.0),
                    _ => None,
                });
            out.push(CallSiteParameter {
                register,
                stack_offset,
                parameter_die,
                value: location(gimli::DW_AT_call_value)
                    .or_else(|| location(gimli::DW_AT_GNU_call_site_value)),
                data_value: location(gimli::DW_AT_call_data_value)
                    .or_else(|| location(gimli::DW_AT_GNU_call_site_data_value)),
            });
        }
        out
    }
}
