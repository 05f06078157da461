//! Shared-library events and the breakpoints that depend on them.
//!
//! The dynamic linker calls an empty function, `r_brk` in its `r_debug` (glibc's `_dl_debug_state`),
//! before and after every change to its list of loaded objects, with `r_state` saying whether the list
//! is being changed or is consistent again. rdbg keeps one internal int3 there
//! (`InternalOwner::LibraryEvent`). Its hits are never stops: at each consistent state the library list
//! is read again and, if it changed, every breakpoint is resolved again, so a pending `break puts`
//! finds libc when it loads, a breakpoint in a dlopen'ed library appears with it, and one in an
//! unloaded library goes back to pending (gdb's "Temporarily disabling breakpoints" warning).
//!
//! At the first instruction the dynamic linker has not yet published `r_debug` (DT_DEBUG is still 0),
//! so the int3 goes on the interpreter's own `_dl_debug_state`, at AT_BASE, as gdb does: the very
//! first load of the program's libraries is seen.

use std::path::PathBuf;

use crate::addr::{LoadBias, RuntimeAddr};

use super::breakpoints::{Disposition, InternalOwner, Location, LocationAddr, LocationSpec};
use super::error::EngineError;
use super::libraries::{interpreter_base, rendezvous, SharedLibrary, RT_CONSISTENT};
use super::session::Debugger;
use super::stop::Notice;

/// The symbol glibc's dynamic linker calls at each change (it is also what `r_brk` points to).
const DEBUG_STATE_SYMBOL: &str = "_dl_debug_state";

impl Debugger {
    /// A process has just come under rdbg (started, attached, or exec'd a new program): locations in
    /// the previous process's libraries are not planted here, and the library-event breakpoint goes in.
    /// When the dynamic linker is already done (attach), breakpoints are resolved in its libraries now.
    pub(super) fn begin_library_tracking(&mut self) -> Result<(), EngineError> {
        self.unload_locations(|_| true);
        if let Some(old) = self.libraries.event_address.take() {
            self.owners.remove_internal(old, InternalOwner::LibraryEvent);
        }
        self.libraries.resolved_against.clear();
        // Before the dynamic linker runs, the list holds just itself (from AT_BASE): it comes first.
        self.refresh_libraries();
        let interpreter = self.program.as_ref().and_then(|p| p.interpreter()).map(PathBuf::from);
        self.last_interpreter =
            self.libraries.listing().into_iter().find(|l| Some(&l.path) == interpreter.as_ref());
        let Some(addr) = self.library_event_address() else { return Ok(()) };
        let Some(inferior) = self.inferior.as_mut() else { return Ok(()) };
        // A static program, or a dynamic linker without the symbol: no events, nothing breaks.
        if inferior.tracee.insert_site(addr).is_err() {
            return Ok(());
        }
        self.owners.add_internal(addr, InternalOwner::LibraryEvent);
        self.libraries.event_address = Some(addr);
        if self.rendezvous_state() == Some(RT_CONSISTENT) {
            self.libraries_changed()?;
        }
        Ok(())
    }

    /// The hook `on_breakpoint_at` calls for every int3 the program reaches: if it is the
    /// library-event breakpoint, bring libraries and breakpoints up to date. The caller goes on to
    /// look for user breakpoints at `pc`; with none, the hit is not a stop.
    pub(super) fn on_library_event_at(&mut self, pc: RuntimeAddr) -> Result<(), EngineError> {
        if !self.owners.is_owned_by(pc, InternalOwner::LibraryEvent) {
            return Ok(());
        }
        // RT_ADD / RT_DELETE: the list is about to change; the consistent state follows.
        if self.rendezvous_state() != Some(RT_CONSISTENT) {
            return Ok(());
        }
        self.libraries_changed()
    }

    /// Re-reads the library list; if it differs from the one breakpoints were resolved against,
    /// forgets the sites in unloaded libraries, resolves every breakpoint again and replants.
    fn libraries_changed(&mut self) -> Result<(), EngineError> {
        self.refresh_libraries();
        self.libraries.note_appearance();
        let now = self.libraries.snapshot();
        if now == self.libraries.resolved_against {
            return Ok(());
        }
        let before = std::mem::replace(&mut self.libraries.resolved_against, now.clone());
        let unloaded: Vec<(PathBuf, (RuntimeAddr, RuntimeAddr))> = before
            .into_iter()
            .filter(|entry| !now.contains(entry))
            .filter_map(|(name, bias)| self.libraries.range_of(&name, bias).map(|r| (name, r)))
            .collect();
        self.forget_unloaded(&unloaded);
        self.reresolve_for_libraries();
        self.sync_sites()
    }

    /// The unloaded libraries' memory is gone, and their int3s with it: drop the sites without
    /// writing, turn their locations into unloaded ones, and say which libraries took breakpoint
    /// locations with them, as gdb does.
    fn forget_unloaded(&mut self, unloaded: &[(PathBuf, (RuntimeAddr, RuntimeAddr))]) {
        for (name, (low, high)) in unloaded {
            let inside = |a: RuntimeAddr| *low <= a && a < *high;
            if let Some(inferior) = self.inferior.as_mut() {
                for addr in inferior.tracee.site_addresses().into_iter().filter(|a| inside(*a)) {
                    inferior.tracee.forget_site(addr);
                }
            }
            if self.unload_locations(inside) {
                self.notices.push(Notice::LibraryUnloaded { path: name.clone() });
            }
        }
    }

    /// Marks the `Shared` locations whose address satisfies `gone` as unloaded; returns whether any was.
    fn unload_locations(&mut self, gone: impl Fn(RuntimeAddr) -> bool) -> bool {
        let mut any = false;
        for number in self.breakpoints.numbers() {
            let Some(bp) = self.breakpoints.get_mut(number) else { continue };
            for location in &mut bp.locations {
                if let LocationAddr::Shared(addr) = location.addr {
                    if gone(addr) {
                        location.addr = LocationAddr::Unloaded(addr);
                        any = true;
                    }
                }
            }
        }
        any
    }

    /// Resolves every breakpoint (but `*ADDR` ones) again over the program and the loaded libraries.
    /// One that no longer resolves keeps its (unloaded) locations, so it shows as pending, as in gdb.
    /// Locations that stay at the same address keep their enabled state.
    fn reresolve_for_libraries(&mut self) {
        let bias = self.bias();
        for number in self.breakpoints.numbers() {
            let Some(spec) = self.breakpoints.get(number).map(|b| b.spec.clone()) else { continue };
            if matches!(spec, LocationSpec::Address(_)) {
                continue;
            }
            let resolved = self.resolve(&spec);
            let Some(bp) = self.breakpoints.get_mut(number) else { continue };
            // Unresolved: its (unloaded) locations stay.
            if let Ok(mut locations) = resolved {
                for location in &mut locations {
                    let addr = location.runtime(bias);
                    if let Some(old) = bp.locations.iter().find(|o| o.runtime(bias) == addr) {
                        location.enabled = old.enabled;
                    }
                }
                bp.locations = locations;
            }
        }
    }

    /// `locations` (the program's, for `spec`) plus the loaded libraries' own. As gdb does, a PLT
    /// stub yields to a real definition: once a library defines the function, `lib_add@plt` is no
    /// longer a location of `break lib_add`. Sorted by address.
    pub(super) fn with_library_locations(
        &self,
        spec: &LocationSpec,
        locations: Vec<Location>,
    ) -> Vec<Location> {
        if self.inferior.is_none() {
            return locations;
        }
        let bias = self.bias();
        let program_plt = |l: &Location| match (l.addr, &self.program) {
            (LocationAddr::File(a), Some(program)) => program.is_plt_address(a),
            _ => false,
        };
        let mut all: Vec<(Location, bool)> = locations
            .into_iter()
            .map(|l| {
                let plt = program_plt(&l);
                (l, plt)
            })
            .collect();
        // Start-up stays cheap: every breakpoint is resolved again at each library event, and building
        // libc's DWARF indexes for `break main` would cost more than the whole run. So a library is
        // searched for a function only when its symbol table knows the name (a function that exists
        // there only inlined, with no symbol, is missed; gdb would find it), and for FILE:LINE only
        // when the program has no such line.
        let program_has_line = !all.is_empty();
        let mut defined_in_library = false;
        for (module, lib_bias) in self.libraries.loaded_modules() {
            let knows = |name: &str| module.lookup_symbol(name).is_some();
            let found = match spec {
                LocationSpec::Function(name) if knows(name) => module.resolve_function(name),
                LocationSpec::FileFunction { file, function } if knows(function) => module
                    .resolve_function(function)
                    .into_iter()
                    .filter(|c| c.source.as_ref().is_some_and(|s| super::breakpoints::names_file(s, file)))
                    .collect(),
                LocationSpec::Line { file: Some(file), line } if !program_has_line => {
                    module.resolve_line(Some(file), *line).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            for code in found {
                let plt = module.is_plt_address(code.addr);
                defined_in_library |= !plt;
                let location = Location {
                    addr: LocationAddr::Shared(code.addr.relocate(lib_bias)),
                    function: code.function,
                    source: code.source,
                    enabled: true,
                };
                all.push((location, plt));
            }
        }
        if defined_in_library {
            all.retain(|(_, plt)| !plt);
        }
        let mut out: Vec<Location> = all.into_iter().map(|(l, _)| l).collect();
        out.sort_by_key(|l| l.runtime(bias));
        out.dedup_by_key(|l| l.runtime(bias));
        out
    }

    /// `break SPEC` with no location yet, kept for libraries loaded later (gdb's pending breakpoint).
    /// Returns its number.
    pub fn set_pending_breakpoint(&mut self, spec: LocationSpec, disposition: Disposition) -> u32 {
        self.breakpoints.add(spec, Vec::new(), disposition).number
    }

    /// The loaded shared objects (`info sharedlibrary`). Once the process is gone, gdb still lists
    /// the dynamic linker where it was; before any run there is nothing.
    pub fn shared_libraries(&mut self) -> Vec<SharedLibrary> {
        if self.inferior.is_none() {
            return self.last_interpreter.iter().cloned().collect();
        }
        self.refresh_libraries();
        self.libraries.listing()
    }

    /// Where the dynamic linker signals changes: `r_debug.r_brk` once published, else the
    /// interpreter's `_dl_debug_state` at AT_BASE.
    fn library_event_address(&mut self) -> Option<RuntimeAddr> {
        let inferior = self.inferior.as_mut()?;
        let program = self.program.as_ref()?;
        if let Some(r) = rendezvous(&mut inferior.tracee, program, inferior.bias) {
            if r.brk.0 != 0 {
                return Some(r.brk);
            }
        }
        let interpreter = program.interpreter()?;
        let base: LoadBias = interpreter_base(&mut inferior.tracee)?;
        let symbol = self.libraries.module(&interpreter)?.lookup_symbol(DEBUG_STATE_SYMBOL)?;
        Some(symbol.relocate(base))
    }

    fn rendezvous_state(&mut self) -> Option<i32> {
        let inferior = self.inferior.as_mut()?;
        let program = self.program.as_ref()?;
        rendezvous(&mut inferior.tracee, program, inferior.bias).map(|r| r.state)
    }
}
