//! User breakpoints, in three levels (DESIGN.md): a `Breakpoint` the user numbered resolves to one or
//! more `Location`s (one per address); locations share physical int3 sites in the target, whose owners
//! `SiteOwners` counts, so two breakpoints at one address plant one int3 and deleting one keeps it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::addr::{FileAddr, LoadBias, RuntimeAddr};
use crate::symbols::SourceLocation;

use super::conditions::Condition;
use super::watchpoints::Watch;

/// What the user asked for, kept so the breakpoint can be shown and re-resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocationSpec {
    /// `break FUNC`
    Function(String),
    /// `break FILE:LINE` or `break LINE` (file None: the default source file)
    Line { file: Option<String>, line: u32 },
    /// `break *ADDR`: an address taken literally, never relocated (as gdb does).
    Address(u64),
    /// `break *SYMBOL` / `break *SYMBOL+N`: an address computed from a symbol, which gdb evaluates again
    /// when the program's load address is known, so it follows the load bias (unlike a number).
    SymbolAddress { symbol: String, offset: i64 },
    /// `break FILE:FUNC`: the function of that name defined in that file (a static one among several).
    FileFunction { file: String, function: String },
}

/// Whether a location's source file is the one a user named: the same name, or the same trailing
/// path components (`b.c` names `/src/b.c`, `sub/b.c` too, but `b.c` does not name `ab.c`).
pub fn names_file(source: &SourceLocation, file: &str) -> bool {
    let trailing = |path: &str| path == file || path.ends_with(&format!("/{file}"));
    trailing(&source.file) || trailing(&source.full_path.to_string_lossy())
}

/// Where a location's address comes from: a symbolic one moves with the load bias, a literal one does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationAddr {
    File(FileAddr),
    Literal(RuntimeAddr),
    /// In a shared library, at the address it has in this process: valid only while the library is
    /// loaded, and found again at each library load (engine/library_events.rs).
    Shared(RuntimeAddr),
    /// A `Shared` location whose library was unloaded (or whose process ended): never planted, shown
    /// as `<PENDING>`, kept (as gdb keeps it) until the breakpoint resolves again.
    Unloaded(RuntimeAddr),
}

/// One address a breakpoint stops at.
#[derive(Clone, Debug)]
pub struct Location {
    pub addr: LocationAddr,
    pub function: Option<String>,
    pub source: Option<SourceLocation>,
    pub enabled: bool,
}

impl Location {
    /// The address in the process, given the module's load bias.
    pub fn runtime(&self, bias: LoadBias) -> RuntimeAddr {
        match self.addr {
            LocationAddr::File(a) => a.relocate(bias),
            LocationAddr::Literal(a) | LocationAddr::Shared(a) | LocationAddr::Unloaded(a) => a,
        }
    }

    /// Whether the program can stop here: enabled, and not in an unloaded library.
    pub fn is_live(&self) -> bool {
        self.enabled && !matches!(self.addr, LocationAddr::Unloaded(_))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    Keep,
    /// `tbreak`: deleted when it stops the program.
    Delete,
}

#[derive(Clone, Debug)]
pub struct Breakpoint {
    pub number: u32,
    pub spec: LocationSpec,
    pub locations: Vec<Location>,
    pub enabled: bool,
    pub disposition: Disposition,
    pub hit_count: u64,
    /// Crossings still to be ignored (`ignore N COUNT`); checked after the condition, as gdb does.
    pub ignore_count: u64,
    /// `break ... if EXPR` / `condition N EXPR` (engine/conditions.rs); shared, so that the run
    /// plans can hold it while the evaluator borrows the debugger.
    pub condition: Option<Arc<Condition>>,
    /// For a watchpoint (engine/watchpoints.rs), what it watches; it has no locations then.
    pub watch: Option<Watch>,
}

impl Breakpoint {
    /// The index of the live location at `pc`, if any.
    fn stops_at(&self, pc: RuntimeAddr, bias: LoadBias) -> Option<usize> {
        self.locations.iter().position(|l| l.is_live() && l.runtime(bias) == pc)
    }
}

/// What happened when the program reached a breakpoint address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitOutcome {
    /// The breakpoint reported to the user (the lowest-numbered that stops), and which of its
    /// locations (1-based) was hit, for `Breakpoint N.M` when it has several.
    pub reported: Option<(u32, usize, Disposition)>,
    /// Temporary breakpoints that stopped the program and are now deleted.
    pub deleted: Vec<u32>,
}

/// All user breakpoints, numbered as gdb numbers them (from 1, never reused).
#[derive(Default)]
pub struct BreakpointTable {
    breakpoints: Vec<Breakpoint>,
    last_number: u32,
}

impl BreakpointTable {
    pub fn add(
        &mut self,
        spec: LocationSpec,
        locations: Vec<Location>,
        disposition: Disposition,
    ) -> &Breakpoint {
        self.last_number += 1;
        self.breakpoints.push(Breakpoint {
            number: self.last_number,
            spec,
            locations,
            enabled: true,
            disposition,
            hit_count: 0,
            ignore_count: 0,
            condition: None,
            watch: None,
        });
        &self.breakpoints[self.breakpoints.len() - 1]
    }

    /// A watchpoint, numbered with the breakpoints (gdb's one sequence); returns its number.
    pub fn add_watch(&mut self, watch: Watch) -> u32 {
        self.last_number += 1;
        self.breakpoints.push(Breakpoint {
            number: self.last_number,
            spec: LocationSpec::Address(watch.regions.first().map_or(0, |r| r.0)),
            locations: Vec::new(),
            enabled: true,
            disposition: Disposition::Keep,
            hit_count: 0,
            ignore_count: 0,
            condition: None,
            watch: Some(watch),
        });
        self.last_number
    }

    pub fn iter(&self) -> impl Iterator<Item = &Breakpoint> {
        self.breakpoints.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.breakpoints.is_empty()
    }

    pub fn get(&self, number: u32) -> Option<&Breakpoint> {
        self.breakpoints.iter().find(|b| b.number == number)
    }

    pub fn get_mut(&mut self, number: u32) -> Option<&mut Breakpoint> {
        self.breakpoints.iter_mut().find(|b| b.number == number)
    }

    pub fn remove(&mut self, number: u32) -> Option<Breakpoint> {
        let index = self.breakpoints.iter().position(|b| b.number == number)?;
        Some(self.breakpoints.remove(index))
    }

    pub fn numbers(&self) -> Vec<u32> {
        self.breakpoints.iter().map(|b| b.number).collect()
    }

    /// `run` starts the counts afresh, as gdb does.
    pub fn clear_hit_counts(&mut self) {
        for bp in &mut self.breakpoints {
            bp.hit_count = 0;
        }
    }

    /// Every runtime address that an enabled location of an enabled breakpoint needs an int3 at.
    pub fn wanted_sites(&self, bias: LoadBias) -> Vec<RuntimeAddr> {
        let mut out: Vec<RuntimeAddr> = self
            .breakpoints
            .iter()
            .filter(|b| b.enabled)
            .flat_map(|b| b.locations.iter().filter(|l| l.is_live()).map(|l| l.runtime(bias)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether an enabled user location sits at `pc`.
    pub fn has_enabled_location_at(&self, pc: RuntimeAddr, bias: LoadBias) -> bool {
        self.breakpoints
            .iter()
            .filter(|b| b.enabled)
            .any(|b| b.locations.iter().any(|l| l.is_live() && l.runtime(bias) == pc))
    }

    /// The conditions of the enabled breakpoints with a live location at `pc`, in number order.
    pub fn conditions_at(&self, pc: RuntimeAddr, bias: LoadBias) -> Vec<(u32, Arc<Condition>)> {
        self.breakpoints
            .iter()
            .filter(|b| b.enabled)
            .filter_map(|b| Some((b.number, b.condition.clone()?)).filter(|_| b.stops_at(pc, bias).is_some()))
            .collect()
    }

    /// The program is at `pc`, an address with enabled user locations: count the hit on each, apply
    /// ignore counts, and decide what stops. The breakpoints in `false_conditions` were not hit at
    /// all (gdb neither counts nor ignores a hit whose condition is false). gdb counts a hit even
    /// while ignoring it, and a temporary breakpoint that stops the program is deleted.
    pub fn record_hit(&mut self, pc: RuntimeAddr, bias: LoadBias, false_conditions: &[u32]) -> HitOutcome {
        let mut reported = None;
        let mut deleted = Vec::new();
        for bp in self.breakpoints.iter_mut().filter(|b| b.enabled) {
            let Some(index) = bp.stops_at(pc, bias) else { continue };
            if false_conditions.contains(&bp.number) {
                continue;
            }
            bp.hit_count += 1;
            if bp.ignore_count > 0 {
                bp.ignore_count -= 1;
                continue;
            }
            if reported.is_none() {
                reported = Some((bp.number, index + 1, bp.disposition));
            }
            if bp.disposition == Disposition::Delete {
                deleted.push(bp.number);
            }
        }
        self.breakpoints.retain(|b| !deleted.contains(&b.number));
        HitOutcome { reported, deleted }
    }
}

/// Who wants an int3 at an address besides the user: the engine's own short-lived breakpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InternalOwner {
    /// `nexti` over a call: where the callee returns to.
    StepResume,
    /// The dynamic linker's r_brk, called at each library load and unload; its hits are never stops.
    LibraryEvent,
    /// Where the frame of a watchpoint on locals returns (engine/watchpoints.rs).
    WatchScope,
    /// Where a call made by the debugger returns (engine/inferior_call.rs).
    CallDummy,
}

/// Counts the owners of each physical site so the int3 goes in with the first and out with the last.
#[derive(Default)]
pub struct SiteOwners {
    internal: HashMap<RuntimeAddr, Vec<InternalOwner>>,
}

impl SiteOwners {
    pub fn add_internal(&mut self, addr: RuntimeAddr, owner: InternalOwner) {
        self.internal.entry(addr).or_default().push(owner);
    }

    /// Drops one internal owner; returns whether any internal owner is left at `addr`.
    pub fn remove_internal(&mut self, addr: RuntimeAddr, owner: InternalOwner) -> bool {
        let Some(owners) = self.internal.get_mut(&addr) else { return false };
        if let Some(i) = owners.iter().position(|o| *o == owner) {
            owners.remove(i);
        }
        if owners.is_empty() {
            self.internal.remove(&addr);
            false
        } else {
            true
        }
    }

    /// Whether `owner` is one of the owners at `addr`.
    pub fn is_owned_by(&self, addr: RuntimeAddr, owner: InternalOwner) -> bool {
        self.internal.get(&addr).is_some_and(|owners| owners.contains(&owner))
    }

    pub fn has_internal(&self, addr: RuntimeAddr) -> bool {
        self.internal.contains_key(&addr)
    }

    pub fn clear(&mut self) {
        self.internal.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(addr: u64) -> Vec<Location> {
        vec![Location {
            addr: LocationAddr::File(FileAddr(addr)),
            function: None,
            source: None,
            enabled: true,
        }]
    }

    #[test]
    fn ignore_count_counts_hits_but_does_not_stop() {
        let mut table = BreakpointTable::default();
        table.add(LocationSpec::Function("add".into()), at(0x1143), Disposition::Keep);
        if let Some(b) = table.get_mut(1) {
            b.ignore_count = 2;
        }
        let bias = LoadBias(0x1000);
        let pc = RuntimeAddr(0x2143);
        assert_eq!(table.record_hit(pc, bias, &[]).reported, None);
        assert_eq!(table.record_hit(pc, bias, &[]).reported, None);
        assert_eq!(table.record_hit(pc, bias, &[]).reported, Some((1, 1, Disposition::Keep)));
        assert_eq!(table.get(1).map(|b| b.hit_count), Some(3));
    }

    #[test]
    fn temporary_breakpoint_is_deleted_when_it_stops_and_first_number_is_reported() {
        let mut table = BreakpointTable::default();
        table.add(LocationSpec::Function("add".into()), at(0x10), Disposition::Keep);
        table.add(LocationSpec::Function("add".into()), at(0x10), Disposition::Delete);
        assert_eq!(table.wanted_sites(LoadBias(0)), vec![RuntimeAddr(0x10)]);
        let outcome = table.record_hit(RuntimeAddr(0x10), LoadBias(0), &[]);
        assert_eq!(outcome.reported, Some((1, 1, Disposition::Keep)));
        assert_eq!(outcome.deleted, vec![2]);
        assert_eq!(table.numbers(), vec![1]);
    }

    #[test]
    fn literal_addresses_do_not_move_with_the_bias() {
        let loc = Location {
            addr: LocationAddr::Literal(RuntimeAddr(0x1149)),
            function: None,
            source: None,
            enabled: true,
        };
        assert_eq!(loc.runtime(LoadBias(0x5555_0000)), RuntimeAddr(0x1149));
    }

    #[test]
    fn internal_owners_are_counted() {
        let mut owners = SiteOwners::default();
        let a = RuntimeAddr(0x40);
        owners.add_internal(a, InternalOwner::StepResume);
        owners.add_internal(a, InternalOwner::StepResume);
        assert!(owners.remove_internal(a, InternalOwner::StepResume));
        assert!(!owners.remove_internal(a, InternalOwner::StepResume));
        assert!(!owners.has_internal(a));
    }
}
