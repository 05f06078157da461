//! gdb's virtual tail-call frames (dwarf2/frame-tailcall.c, `call_site_find_chain`): when a frame's
//! caller did not call the frame's function directly, the functions that jumped onward on the way
//! (tail calls, which leave no trace on the stack) are shown as frames of their own between them.
//!
//! The caller's call site at the return address names the function it called. From there the
//! search follows each function's tail calls (symbols/tail_calls.rs) depth first, never entering a
//! call site twice on one path, to every path that reaches the frame's function. gdb shows the
//! call sites all paths share: the common start (`callers`) and the common end (`callees`); when
//! paths share neither, or any step cannot be resolved (an indirect call, a function without
//! debug info, a call site missing), it shows no tail-call frames at all.

use std::collections::HashSet;

use crate::addr::{LoadBias, RuntimeAddr};
use crate::symbols::{CallTarget, Module};

use super::libraries::Libraries;
use super::session::module_holding;

/// Why no chain can be shown (gdb's NO_ENTRY_VALUE_ERROR): the search gives up as a whole.
#[derive(Debug, PartialEq, Eq)]
struct NoChain;

/// A tail call site: its return address (the tail-call frame's pc) and the functions it may enter.
#[derive(Clone, Debug)]
struct Site {
    pc: u64,
    targets: Result<Vec<u64>, ()>,
}

/// The call sites and tail-call lists the search walks, by runtime address.
trait CallGraph {
    /// The entries of the functions the call site returning to `return_pc` calls.
    fn call_targets(&self, return_pc: u64) -> Result<Vec<u64>, NoChain>;
    /// The tail calls of the function entered at exactly `entry`.
    fn tail_calls(&self, entry: u64) -> Result<Vec<Site>, NoChain>;
}

/// How many call sites one search may enter before it gives up: gdb has no bound, but a
/// debugger must not hang on a pathological call graph.
const MAX_VISITS: usize = 10_000;

/// The call sites every path shares (gdb's `call_site_chain`): the path first found, and how
/// much of its start and of its end the other paths agree with.
struct Chain {
    sites: Vec<u64>,
    callers: usize,
    callees: usize,
}

impl Chain {
    /// gdb's `chain_candidate`: keeps only what `path` agrees with. False when nothing is left,
    /// which makes the whole search ambiguous.
    fn intersect(&mut self, path: &[u64]) -> bool {
        let callers = self.callers.min(path.len());
        self.callers = (0..callers).find(|&i| self.sites[i] != path[i]).unwrap_or(callers);
        let (len, plen) = (self.sites.len(), path.len());
        let callees = self.callees.min(plen);
        self.callees =
            (0..callees).find(|&i| self.sites[len - 1 - i] != path[plen - 1 - i]).unwrap_or(callees);
        self.callers != 0 || self.callees != 0
    }

    /// The tail-call frames' pcs, innermost first (gdb's `pretend_pc` by level): the shared end
    /// from the callee outwards, then the shared start.
    fn frame_pcs(&self) -> Vec<u64> {
        let len = self.sites.len();
        let mut out: Vec<u64> = (0..self.callees).map(|i| self.sites[len - 1 - i]).collect();
        if self.callees != len {
            out.extend((0..self.callers).map(|i| self.sites[self.callers - 1 - i]));
        }
        out
    }
}

/// The depth-first walk of gdb's `call_site_find_chain_2`.
struct Search<'g, G: CallGraph> {
    graph: &'g G,
    callee: u64,
    path: Vec<u64>,
    on_path: HashSet<u64>,
    found: Option<Chain>,
    visits: usize,
}

impl<G: CallGraph> Search<'_, G> {
    /// Visits a call site calling `targets`. Ok(false) when the result became ambiguous.
    fn visit(&mut self, targets: &[u64]) -> Result<bool, NoChain> {
        if targets.contains(&self.callee) {
            return Ok(match &mut self.found {
                None => {
                    let len = self.path.len();
                    self.found = Some(Chain { sites: self.path.clone(), callers: len, callees: len });
                    true
                }
                Some(chain) => chain.intersect(&self.path),
            });
        }
        for &target in targets {
            for site in self.graph.tail_calls(target)? {
                if !self.on_path.insert(site.pc) {
                    continue;
                }
                self.visits += 1;
                if self.visits > MAX_VISITS {
                    return Err(NoChain);
                }
                self.path.push(site.pc);
                let targets = site.targets.map_err(|()| NoChain)?;
                if !self.visit(&targets)? {
                    return Ok(false);
                }
                self.path.pop();
                self.on_path.remove(&site.pc);
            }
        }
        Ok(true)
    }
}

/// gdb's `call_site_find_chain`: the pcs of the tail-call frames between a frame whose function
/// starts at `callee` and the caller resuming at `caller_pc`, innermost first; empty for a direct
/// call and whenever gdb would show none.
fn find_chain(graph: &impl CallGraph, caller_pc: u64, callee: u64) -> Vec<u64> {
    let Ok(first) = graph.call_targets(caller_pc) else { return Vec::new() };
    let mut search =
        Search { graph, callee, path: Vec::new(), on_path: HashSet::new(), found: None, visits: 0 };
    match search.visit(&first) {
        Ok(true) => search.found.map(|chain| chain.frame_pcs()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The call graph of the program and its loaded libraries, from their DWARF call sites.
struct ModuleGraph<'a> {
    program: Option<&'a Module>,
    libraries: &'a Libraries,
    bias: LoadBias,
}

impl ModuleGraph<'_> {
    fn module_at(&self, pc: u64) -> Option<(&Module, LoadBias)> {
        module_holding(self.program, self.libraries, self.bias, RuntimeAddr(pc))
    }

    /// Where a call site's target is, as gdb's `call_site_target::iterate_over_addresses` finds
    /// it without a caller frame: an expression (indirect call) cannot be evaluated there.
    fn resolve(&self, target: CallTarget, bias: LoadBias) -> Result<Vec<u64>, ()> {
        match target {
            CallTarget::Addresses(starts) => Ok(starts.into_iter().map(|a| a.relocate(bias).0).collect()),
            CallTarget::Name(name) => self.find_symbol(&name).map(|a| vec![a]).ok_or(()),
            CallTarget::Expression(_) | CallTarget::Unknown => Err(()),
        }
    }

    /// A declared callee by its linkage name: a global definition in any module first (the
    /// program, then libraries in load order), else the first file-local one.
    fn find_symbol(&self, name: &str) -> Option<u64> {
        let modules = self.program.map(|p| (p, self.bias)).into_iter().chain(self.libraries.loaded_modules());
        let mut local = None;
        for (module, bias) in modules {
            match module.lookup_defined_symbol(name) {
                Some((addr, true)) => return Some(addr.relocate(bias).0),
                Some((addr, false)) => local = local.or(Some(addr.relocate(bias).0)),
                None => {}
            }
        }
        local
    }
}

impl CallGraph for ModuleGraph<'_> {
    fn call_targets(&self, return_pc: u64) -> Result<Vec<u64>, NoChain> {
        // The call instruction ends at the return address, which may be past the caller's code.
        let (module, bias) = self.module_at(return_pc.wrapping_sub(1)).ok_or(NoChain)?;
        let site = module.call_site_at(RuntimeAddr(return_pc).to_file(bias)).ok_or(NoChain)?;
        self.resolve(site.target, bias).map_err(|()| NoChain)
    }

    fn tail_calls(&self, entry: u64) -> Result<Vec<Site>, NoChain> {
        let (module, bias) = self.module_at(entry).ok_or(NoChain)?;
        let sites = module.tail_calls_of(RuntimeAddr(entry).to_file(bias)).ok_or(NoChain)?;
        Ok(sites
            .into_iter()
            .map(|site| Site {
                pc: site.return_pc.relocate(bias).0,
                targets: self.resolve(site.target, bias),
            })
            .collect())
    }
}

/// The pcs of the tail-call frames gdb shows between a frame of the function entered at
/// `callee_entry` and its caller resuming at `caller_pc`, innermost first.
pub(super) fn tail_call_pcs(
    program: Option<&Module>,
    libraries: &Libraries,
    bias: LoadBias,
    caller_pc: RuntimeAddr,
    callee_entry: RuntimeAddr,
) -> Vec<RuntimeAddr> {
    let graph = ModuleGraph { program, libraries, bias };
    find_chain(&graph, caller_pc.0, callee_entry.0).into_iter().map(RuntimeAddr).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A call graph by hand: call sites by return address, tail-call lists by function entry.
    #[derive(Default)]
    struct Graph {
        calls: HashMap<u64, Vec<u64>>,
        tails: HashMap<u64, Vec<(u64, Vec<u64>)>>,
    }

    impl CallGraph for Graph {
        fn call_targets(&self, return_pc: u64) -> Result<Vec<u64>, NoChain> {
            self.calls.get(&return_pc).cloned().ok_or(NoChain)
        }
        fn tail_calls(&self, entry: u64) -> Result<Vec<Site>, NoChain> {
            let sites = self.tails.get(&entry).ok_or(NoChain)?;
            Ok(sites.iter().map(|(pc, targets)| Site { pc: *pc, targets: Ok(targets.clone()) }).collect())
        }
    }

    fn graph(calls: &[(u64, u64)], tails: &[(u64, &[(u64, u64)])]) -> Graph {
        Graph {
            calls: calls.iter().map(|&(pc, t)| (pc, vec![t])).collect(),
            tails: tails
                .iter()
                .map(|&(f, sites)| (f, sites.iter().map(|&(pc, t)| (pc, vec![t])).collect()))
                .collect(),
        }
    }

    #[test]
    fn direct_call_has_no_tail_frames() {
        let g = graph(&[(0x10, 0x100)], &[(0x100, &[])]);
        assert!(find_chain(&g, 0x10, 0x100).is_empty());
    }

    #[test]
    fn one_tail_call() {
        // raise calls __pthread_kill, which tail-calls __pthread_kill_implementation.
        let g = graph(&[(0x10, 0x200)], &[(0x200, &[(0x208, 0x300)]), (0x300, &[])]);
        assert_eq!(find_chain(&g, 0x10, 0x300), vec![0x208]);
    }

    #[test]
    fn chain_of_tail_calls_innermost_first() {
        let g =
            graph(&[(0x10, 0x200)], &[(0x200, &[(0x208, 0x300)]), (0x300, &[(0x308, 0x400)]), (0x400, &[])]);
        assert_eq!(find_chain(&g, 0x10, 0x400), vec![0x308, 0x208]);
    }

    #[test]
    fn two_paths_keep_what_they_share() {
        // 0x200 reaches 0x500 through 0x300 or through 0x400, then both through 0x600.
        let g = graph(
            &[(0x10, 0x200)],
            &[
                (0x200, &[(0x208, 0x300), (0x20c, 0x400)]),
                (0x300, &[(0x308, 0x600)]),
                (0x400, &[(0x408, 0x600)]),
                (0x600, &[(0x608, 0x500)]),
                (0x500, &[]),
            ],
        );
        // Paths: [208, 308, 608] and [20c, 408, 608]: the shared end is 608.
        assert_eq!(find_chain(&g, 0x10, 0x500), vec![0x608]);
    }

    #[test]
    fn ambiguous_paths_show_nothing() {
        let g = graph(
            &[(0x10, 0x200)],
            &[
                (0x200, &[(0x208, 0x300), (0x20c, 0x400)]),
                (0x300, &[(0x308, 0x500)]),
                (0x400, &[(0x408, 0x500)]),
            ],
        );
        assert!(find_chain(&g, 0x10, 0x500).is_empty());
    }

    #[test]
    fn unresolvable_step_shows_nothing() {
        // 0x300 has no tail-call list gdb can use (no function starts there).
        let g = graph(&[(0x10, 0x200)], &[(0x200, &[(0x208, 0x300)])]);
        assert!(find_chain(&g, 0x10, 0x500).is_empty());
        // No call site at the return address at all.
        assert!(find_chain(&g, 0x14, 0x500).is_empty());
    }

    #[test]
    fn cycles_end() {
        // 0x200 and 0x300 tail-call each other; neither reaches 0x500.
        let g = graph(&[(0x10, 0x200)], &[(0x200, &[(0x208, 0x300)]), (0x300, &[(0x308, 0x200)])]);
        assert!(find_chain(&g, 0x10, 0x500).is_empty());
    }
}
