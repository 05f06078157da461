//! Hardware watchpoints (`watch`, `rwatch`, `awatch`), as gdb makes them on x86-64: the watched
//! bytes are split into aligned pieces of 1, 2, 4 or 8 bytes, each in one of the four debug
//! address registers DR0-DR3, enabled in DR7 for writes or for any access; DR6 says which fired.
//! The CPU traps after the access, so the value can be compared: a `watch` whose write left the
//! value as it was is no stop, an `rwatch` does not report an access that changed the value (x86
//! has no read-only watch: it was a write), and an `awatch` reports both.
//!
//! A watchpoint on a frame's locals belongs to that frame: an internal breakpoint where the frame
//! returns to its caller deletes it when the frame is gone, with gdb's words.
//!
//! Watchpoints are user breakpoints (numbered with them, shown by `info breakpoints`, deleted,
//! disabled, ignored and conditioned as they are) whose `watch` is set and that have no locations.

use std::sync::Arc;

use crate::addr::RuntimeAddr;
use crate::symbols::FullType;

use super::breakpoints::{Disposition, InternalOwner};
use super::conditions::Condition;
use super::error::EngineError;
use super::session::Debugger;
use super::stop::{Stop, StopReason};

/// What accesses a watchpoint catches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchAccess {
    /// `watch`: writes that change the value.
    Write,
    /// `rwatch`: reads.
    Read,
    /// `awatch`: reads and writes.
    Access,
}

/// The frame a watchpoint on locals lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WatchScope {
    /// The frame's CFA: once the stack pointer is above it, the frame is gone.
    pub frame_cfa: u64,
    /// Where the frame returns to in its caller.
    pub caller_resume: RuntimeAddr,
}

/// A watchpoint's expression and the bytes it watches.
#[derive(Clone, Debug)]
pub struct Watch {
    pub access: WatchAccess,
    /// The expression as the user typed it, for messages and `info breakpoints`.
    pub expression: String,
    /// The value's type, for the front end to print old and new values.
    pub ty: FullType,
    /// The bytes watched, (address, length): the object itself, or for an expression computed
    /// from objects (`local + 1`), each object it reads.
    pub regions: Vec<(u64, u64)>,
    /// For a computed expression: evaluated again (by the front end's evaluator) when a region
    /// changes. None when the value is the watched bytes themselves.
    pub recompute: Option<Arc<Condition>>,
    /// The value when last looked at.
    pub old: Vec<u8>,
    pub scope: Option<WatchScope>,
}

/// The four debug address registers.
const SLOTS: usize = 4;
const DR6: usize = 6;
const DR7: usize = 7;

/// DR7's R/W field: break on data writes, or on reads and writes.
const RW_WRITE: u64 = 0b01;
const RW_ACCESS: u64 = 0b11;

/// The aligned pieces (address, length) covering `len` bytes at `addr`, largest first.
fn pieces(addr: u64, len: u64) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    let (mut at, end) = (addr, addr.saturating_add(len));
    while at < end {
        let size = [8u64, 4, 2, 1].into_iter().find(|s| at % s == 0 && at + s <= end).unwrap_or(1);
        out.push((at, size));
        at += size;
    }
    out
}

/// DR7's LEN field for a piece of `size` bytes.
fn len_bits(size: u64) -> u64 {
    match size {
        1 => 0b00,
        2 => 0b01,
        8 => 0b10,
        _ => 0b11,
    }
}

/// How many debug registers watching `regions` needs.
pub fn registers_needed(regions: &[(u64, u64)]) -> usize {
    regions.iter().map(|(addr, len)| pieces(*addr, *len).len()).sum()
}

/// A watchpoint that stopped the program, and the values it reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WatchHit {
    pub number: u32,
    pub access: WatchAccess,
    pub expression: String,
    pub ty: FullType,
    pub values: WatchValues,
}

/// What a watchpoint that fired reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchValues {
    /// The value changed.
    Changed { old: Vec<u8>, new: Vec<u8> },
    /// It was accessed and kept its value (`rwatch`, `awatch`).
    Same(Vec<u8>),
}

impl Debugger {
    /// `watch`/`rwatch`/`awatch`: a watchpoint on `len` bytes at `addr`, whose current value is
    /// `value`. Fails as gdb does when the debug registers cannot hold it.
    pub fn add_watchpoint(&mut self, watch: Watch) -> Result<u32, EngineError> {
        let used: usize = self.enabled_watches().map(|w| registers_needed(&w.regions)).sum();
        if used + registers_needed(&watch.regions) > SLOTS {
            return Err(EngineError::TooManyWatchpoints);
        }
        let scope = watch.scope;
        let number = self.breakpoints.add_watch(watch);
        if let Some(scope) = scope {
            self.owners.add_internal(scope.caller_resume, InternalOwner::WatchScope);
            if let Some(inferior) = self.inferior.as_mut() {
                inferior.tracee.insert_site(scope.caller_resume)?;
            }
        }
        self.sync_sites()?;
        Ok(number)
    }

    fn enabled_watches(&self) -> impl Iterator<Item = &Watch> {
        self.breakpoints.iter().filter(|b| b.enabled).filter_map(|b| b.watch.as_ref())
    }

    /// Makes DR0-DR3 and DR7 hold the enabled watchpoints (called with the int3 sites).
    pub(super) fn sync_debug_registers(&mut self) -> Result<(), EngineError> {
        let mut wanted: Vec<(u64, u64, u64)> = Vec::new();
        for watch in self.enabled_watches() {
            let rw = if watch.access == WatchAccess::Write { RW_WRITE } else { RW_ACCESS };
            for (addr, len) in &watch.regions {
                wanted.extend(pieces(*addr, *len).into_iter().map(|(at, size)| (at, size, rw)));
            }
        }
        wanted.truncate(SLOTS);
        let mut control = 0u64;
        let mut addresses = [0u64; SLOTS];
        for (slot, (at, size, rw)) in wanted.iter().enumerate() {
            addresses[slot] = *at;
            // Local enable bit 2*slot; R/W at 16+4*slot, LEN at 18+4*slot.
            control |= 1 << (2 * slot);
            control |= rw << (16 + 4 * slot);
            control |= len_bits(*size) << (18 + 4 * slot);
        }
        let Some(inferior) = self.inferior.as_mut() else { return Ok(()) };
        if inferior.debug_registers == (addresses, control) {
            return Ok(());
        }
        let tracee = &mut inferior.tracee;
        // DR7 off first: an address register must not be live while it changes.
        tracee.set_debug_register(DR7, 0)?;
        for (slot, at) in addresses.iter().enumerate() {
            tracee.set_debug_register(slot, *at)?;
        }
        tracee.set_debug_register(DR7, control)?;
        inferior.debug_registers = (addresses, control);
        Ok(())
    }

    /// After a debug trap: the watchpoint it means to report, if any (None: a single-step, or a
    /// write that left the value as it was).
    pub(super) fn watchpoint_trap(
        &mut self,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Option<Stop>, EngineError> {
        if self.enabled_watches().next().is_none() {
            return Ok(None);
        }
        let status = {
            let tracee = &mut self.inferior_mut()?.tracee;
            let status = tracee.debug_register(DR6)?;
            if status & 0xf != 0 {
                tracee.set_debug_register(DR6, 0)?;
            }
            status
        };
        if status & 0xf == 0 {
            return Ok(None);
        }
        let fired: Vec<u64> = (0..SLOTS)
            .filter(|slot| status & (1 << slot) != 0)
            .map(|slot| self.inferior.as_ref().map_or(0, |i| i.debug_registers.0[slot]))
            .collect();
        let numbers: Vec<u32> = self
            .breakpoints
            .iter()
            .filter(|b| b.enabled)
            .filter(|b| {
                b.watch.as_ref().is_some_and(|w| {
                    w.regions.iter().any(|(addr, len)| {
                        fired.iter().any(|at| *at >= *addr && *at < addr.saturating_add(*len))
                    })
                })
            })
            .map(|b| b.number)
            .collect();
        for number in numbers {
            let Some(watch) = self.breakpoints.get(number).and_then(|b| b.watch.clone()) else { continue };
            let Some(now) = self.watched_value(&watch)? else { continue };
            let changed = now != watch.old;
            let values = match (watch.access, changed) {
                (WatchAccess::Write, false) | (WatchAccess::Read, true) => None,
                (_, true) => Some(WatchValues::Changed { old: watch.old.clone(), new: now.clone() }),
                (_, false) => Some(WatchValues::Same(now.clone())),
            };
            if let Some(w) = self.breakpoints.get_mut(number).and_then(|b| b.watch.as_mut()) {
                w.old = now;
            }
            let Some(values) = values else { continue };
            if !self.watch_condition_holds(number) {
                continue;
            }
            let Some(bp) = self.breakpoints.get_mut(number) else { continue };
            bp.hit_count += 1;
            if bp.ignore_count > 0 {
                bp.ignore_count -= 1;
                continue;
            }
            let reason = StopReason::Watchpoint(Box::new(WatchHit {
                number,
                access: watch.access,
                expression: watch.expression.clone(),
                ty: watch.ty.clone(),
                values,
            }));
            if bp.disposition == Disposition::Delete {
                self.breakpoints.remove(number);
                self.sync_sites()?;
            }
            return Ok(Some(self.stop_here(reason, start_function)?));
        }
        Ok(None)
    }

    /// A watchpoint's value now: its bytes, or its expression evaluated again (None when that
    /// fails, as when its names are gone).
    fn watched_value(&mut self, watch: &Watch) -> Result<Option<Vec<u8>>, EngineError> {
        if let Some(expression) = &watch.recompute {
            let Some(mut evaluator) = self.condition_evaluator.take() else { return Ok(None) };
            let value = evaluator.value_bytes(self, expression);
            self.condition_evaluator = Some(evaluator);
            return Ok(value.ok());
        }
        let Some((addr, len)) = watch.regions.first().copied() else { return Ok(None) };
        let mut now = vec![0u8; usize::try_from(len).unwrap_or(0)];
        self.read_memory(RuntimeAddr(addr), &mut now)?;
        Ok(Some(now))
    }

    /// A watchpoint's condition in frame 0 (true without one; an error stops, as for breakpoints).
    fn watch_condition_holds(&mut self, number: u32) -> bool {
        let Some(condition) = self.breakpoints.get(number).and_then(|b| b.condition.clone()) else {
            return true;
        };
        let Some(mut evaluator) = self.condition_evaluator.take() else { return true };
        let result = evaluator.holds(self, &condition);
        self.condition_evaluator = Some(evaluator);
        match result {
            Ok(holds) => holds,
            Err(message) => {
                self.notices.push(super::stop::Notice::ConditionError { number, message });
                true
            }
        }
    }

    /// At an int3 hit: a watchpoint whose frame has just returned is deleted, and that is a stop.
    pub(super) fn watch_scope_ended(&mut self, pc: RuntimeAddr) -> Result<Option<Stop>, EngineError> {
        if !self.owners.is_owned_by(pc, InternalOwner::WatchScope) {
            return Ok(None);
        }
        let sp = self.registers()?.sp();
        let ended: Vec<(u32, WatchScope)> = self
            .breakpoints
            .iter()
            .filter_map(|b| {
                let scope = b.watch.as_ref()?.scope?;
                (scope.caller_resume == pc && sp >= scope.frame_cfa).then_some((b.number, scope))
            })
            .collect();
        if ended.is_empty() {
            return Ok(None);
        }
        for (number, scope) in &ended {
            self.breakpoints.remove(*number);
            self.owners.remove_internal(scope.caller_resume, InternalOwner::WatchScope);
        }
        self.sync_sites()?;
        let numbers = ended.into_iter().map(|(n, _)| n).collect();
        Ok(Some(self.stop_here(StopReason::WatchpointScope { numbers }, None)?))
    }

    /// A deleted watchpoint's frame guard goes with it.
    pub(super) fn forget_watch_scope(&mut self, scope: Option<WatchScope>) {
        if let Some(scope) = scope {
            self.owners.remove_internal(scope.caller_resume, InternalOwner::WatchScope);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_aligned_and_cover_the_range() {
        assert_eq!(pieces(0x1000, 4), vec![(0x1000, 4)]);
        assert_eq!(pieces(0x1000, 8), vec![(0x1000, 8)]);
        assert_eq!(pieces(0x1002, 4), vec![(0x1002, 2), (0x1004, 2)]);
        assert_eq!(pieces(0x1001, 3), vec![(0x1001, 1), (0x1002, 2)]);
        assert_eq!(pieces(0x1000, 16), vec![(0x1000, 8), (0x1008, 8)]);
        assert_eq!(registers_needed(&[(0x1000, 40)]), 5);
        assert_eq!(registers_needed(&[(0x1000, 4), (0x2002, 4)]), 3);
    }
}
