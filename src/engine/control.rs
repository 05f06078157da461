//! Running and stepping. Each command is a plan that resumes the process and decides, on every
//! event, whether the event ends the command:
//! - continue: run until a breakpoint that stops, a signal that stops, or the end;
//! - stepi: single-step N instructions; landing on a breakpoint address counts as hitting it (as gdb);
//! - nexti: like stepi, but a call is run at full speed to its return address with one internal
//!   breakpoint there, accepted only when the stack pointer is back to the caller's (so a recursive
//!   call returning to the same address does not fool it).
//!
//! A site under the pc is stepped over by lifting its int3 for one single-step.

use crate::addr::RuntimeAddr;
use crate::target::{ResumeMode, TraceEvent};

use super::breakpoints::{Disposition, InternalOwner};
use super::error::EngineError;
use super::session::{Debugger, RunRequest};
use super::stop::{Notice, Stop, StopReason};

/// Signals gdb lets through without stopping or printing (its `handle` defaults).
fn passes_silently(signal: i32) -> bool {
    matches!(
        signal,
        libc::SIGALRM
            | libc::SIGURG
            | libc::SIGCHLD
            | libc::SIGWINCH
            | libc::SIGIO
            | libc::SIGVTALRM
            | libc::SIGPROF
    )
}

/// Signals gdb stops on but does not deliver when the program resumes.
fn is_debugger_signal(signal: i32) -> bool {
    signal == libc::SIGINT || signal == libc::SIGTRAP
}

/// A frame's identity, as gdb's frame_id: where its function starts and its CFA (so a recursive call
/// is a different frame of the same function).
type FrameId = (Option<RuntimeAddr>, Option<u64>);

/// What one low-level event means for the plan in progress.
pub(super) enum Outcome {
    /// The command is over: report this stop.
    Stop(Stop),
    /// Nothing that concerns the user: carry on.
    KeepGoing,
}

impl Debugger {
    /// `run`: starts the program and runs it to the first stop.
    pub fn run(&mut self, request: &RunRequest) -> Result<Stop, EngineError> {
        self.launch(request)?;
        self.continue_execution()
    }

    /// `starti`: starts the program and stops at its first instruction.
    pub fn start_at_first_instruction(&mut self, request: &RunRequest) -> Result<Stop, EngineError> {
        self.launch(request)?;
        self.stop_here(StopReason::AtEntry, None)
    }

    /// `continue N`: the breakpoint that stopped the program is ignored N-1 more times; returns it.
    pub fn ignore_current_breakpoint(&mut self, crossings: u64) -> Result<Option<u32>, EngineError> {
        let current = self.inferior_mut()?.last_breakpoint;
        if let Some(number) = current {
            self.set_ignore_count(number, crossings)?;
        }
        Ok(current)
    }

    /// `continue`.
    pub fn continue_execution(&mut self) -> Result<Stop, EngineError> {
        let start = self.pc()?;
        let start_function = self.function_start_of(start);
        loop {
            if let Outcome::Stop(stop) = self.step_off_site()? {
                return Ok(stop);
            }
            let inferior = self.inferior_mut()?;
            let signal = inferior.pending_signal.take();
            inferior.tracee.resume(ResumeMode::Continue, signal)?;
            let event = inferior.tracee.wait()?;
            if let Outcome::Stop(stop) = self.on_event(event, start_function)? {
                return Ok(stop);
            }
        }
    }

    /// `stepi N`. As in gdb, each of the N steps is a step of its own: the stop report compares the
    /// frame with the one the last step started in.
    pub fn step_instructions(&mut self, count: u64) -> Result<Stop, EngineError> {
        let mut start_frame = None;
        for i in 0..count {
            if i + 1 == count {
                start_frame = Some(self.frame_id()?);
            }
            if let Outcome::Stop(stop) = self.single_step(None)? {
                return Ok(stop);
            }
        }
        self.stop_after_step(start_frame)
    }

    /// `nexti N`.
    pub fn next_instructions(&mut self, count: u64) -> Result<Stop, EngineError> {
        let mut start_frame = None;
        for i in 0..count {
            if i + 1 == count {
                start_frame = Some(self.frame_id()?);
            }
            let pc = self.pc()?;
            let outcome = match self.call_return_address(pc)? {
                Some(return_to) => self.run_to_return(return_to, None)?,
                None => self.single_step(None)?,
            };
            if let Outcome::Stop(stop) = outcome {
                return Ok(stop);
            }
        }
        self.stop_after_step(start_frame)
    }

    /// The stop at the end of a stepping command: gdb prints only the source line when the last
    /// step stayed in the frame it started in.
    fn stop_after_step(&mut self, start_frame: Option<FrameId>) -> Result<Stop, EngineError> {
        let now = self.frame_id()?;
        let mut stop = self.stop_here(StopReason::StepFinished, None)?;
        stop.same_function = start_frame == Some(now);
        Ok(stop)
    }

    /// If the instruction at `pc` is a call, where it returns to.
    pub(super) fn call_return_address(
        &mut self,
        pc: RuntimeAddr,
    ) -> Result<Option<RuntimeAddr>, EngineError> {
        let mut bytes = [0u8; 16];
        let inferior = self.inferior_mut()?;
        let n = inferior.tracee.read_memory_partial(pc, &mut bytes);
        Ok(super::insn::call_length(&bytes[..n], pc.0).map(|len| pc.offset(len)))
    }

    /// Steps the call instruction at the pc, then runs the callee at full speed until it returns to
    /// `return_to` in this frame (the stack pointer back at the caller's, so recursion cannot fool it).
    pub(super) fn run_to_return(
        &mut self,
        return_to: RuntimeAddr,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Outcome, EngineError> {
        let caller_sp = self.registers()?.sp();
        // The call instruction itself is stepped first (it may sit under a user site).
        if let Outcome::Stop(stop) = self.single_step(start_function)? {
            return Ok(Outcome::Stop(stop));
        }
        self.run_until(&[return_to], &|d, _| Ok(d.registers()?.sp() >= caller_sp))
    }

    /// Runs at full speed until the program reaches one of `targets` with `accept(debugger, pc)` true,
    /// with one internal (step-resume) breakpoint per target. A user breakpoint, signal or exit on
    /// the way ends the run with its own stop.
    pub(super) fn run_until(
        &mut self,
        targets: &[RuntimeAddr],
        accept: &dyn Fn(&mut Debugger, RuntimeAddr) -> Result<bool, EngineError>,
    ) -> Result<Outcome, EngineError> {
        for target in targets {
            self.owners.add_internal(*target, InternalOwner::StepResume);
            self.inferior_mut()?.tracee.insert_site(*target)?;
        }
        let result = self.run_until_accepted(targets, accept);
        // With their internal owner gone, the sites stay only where a user breakpoint wants them.
        for target in targets {
            self.owners.remove_internal(*target, InternalOwner::StepResume);
        }
        if self.inferior.is_some() {
            self.sync_sites()?;
        }
        result
    }

    fn run_until_accepted(
        &mut self,
        targets: &[RuntimeAddr],
        accept: &dyn Fn(&mut Debugger, RuntimeAddr) -> Result<bool, EngineError>,
    ) -> Result<Outcome, EngineError> {
        let reached = |d: &mut Debugger, pc: RuntimeAddr| -> Result<bool, EngineError> {
            Ok(targets.contains(&pc) && accept(d, pc)?)
        };
        loop {
            let pc = self.pc()?;
            if reached(self, pc)? {
                return Ok(Outcome::KeepGoing);
            }
            if let Outcome::Stop(stop) = self.step_off_site()? {
                return Ok(Outcome::Stop(stop));
            }
            let pc = self.pc()?;
            if reached(self, pc)? {
                return Ok(Outcome::KeepGoing);
            }
            let inferior = self.inferior_mut()?;
            let signal = inferior.pending_signal.take();
            inferior.tracee.resume(ResumeMode::Continue, signal)?;
            let event = inferior.tracee.wait()?;
            if let TraceEvent::Breakpoint = event {
                let pc = self.back_up_over_int3()?;
                // The library-event int3 is never a stop, but libraries and breakpoints must follow
                // a dlopen run through here (engine/library_events.rs).
                self.on_library_event_at(pc)?;
                // A user breakpoint at the same address wins: gdb reports it, not the step.
                if self.breakpoints.has_enabled_location_at(pc, self.bias()) {
                    if let Outcome::Stop(stop) = self.on_breakpoint_at(pc, None)? {
                        return Ok(Outcome::Stop(stop));
                    }
                }
                if targets.contains(&pc) && reached(self, pc)? {
                    return Ok(Outcome::KeepGoing);
                }
                continue;
            }
            if let Outcome::Stop(stop) = self.on_event(event, None)? {
                return Ok(Outcome::Stop(stop));
            }
        }
    }

    /// One instruction forward, then check whether that lands on a user breakpoint.
    pub(super) fn single_step(
        &mut self,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Outcome, EngineError> {
        let event = self.raw_single_step()?;
        match event {
            TraceEvent::SingleStep => {
                if let Some(stop) = self.watchpoint_trap(start_function)? {
                    return Ok(Outcome::Stop(stop));
                }
                let pc = self.pc()?;
                if self.breakpoints.has_enabled_location_at(pc, self.bias()) {
                    return self.on_breakpoint_at(pc, start_function);
                }
                Ok(Outcome::KeepGoing)
            }
            other => self.on_event(other, start_function),
        }
    }

    /// PTRACE_SINGLESTEP, lifting an int3 under the pc for the step.
    fn raw_single_step(&mut self) -> Result<TraceEvent, EngineError> {
        let inferior = self.inferior_mut()?;
        let pc = RuntimeAddr(inferior.tracee.registers()?.pc());
        let lifted = inferior.tracee.has_site(pc);
        if lifted {
            inferior.tracee.remove_site(pc)?;
        }
        let signal = inferior.pending_signal.take();
        inferior.tracee.resume(ResumeMode::SingleStep, signal)?;
        let event = inferior.tracee.wait()?;
        if lifted && inferior.tracee.is_alive() {
            inferior.tracee.insert_site(pc)?;
        }
        Ok(event)
    }

    /// Before resuming from a site's address, execute the original instruction with the int3 lifted.
    fn step_off_site(&mut self) -> Result<Outcome, EngineError> {
        let inferior = self.inferior_mut()?;
        let pc = RuntimeAddr(inferior.tracee.registers()?.pc());
        if !inferior.tracee.has_site(pc) {
            return Ok(Outcome::KeepGoing);
        }
        match self.raw_single_step()? {
            TraceEvent::SingleStep => match self.watchpoint_trap(None)? {
                Some(stop) => Ok(Outcome::Stop(stop)),
                None => Ok(Outcome::KeepGoing),
            },
            TraceEvent::Breakpoint => {
                // Stepped straight onto another int3 (e.g. a jump to a breakpointed address).
                self.back_up_over_int3()?;
                Ok(Outcome::KeepGoing)
            }
            other => self.on_event(other, None),
        }
    }

    /// After an int3 trap the pc is one past the int3; put it back on the breakpoint address.
    fn back_up_over_int3(&mut self) -> Result<RuntimeAddr, EngineError> {
        let tracee = &mut self.inferior_mut()?.tracee;
        let mut regs = tracee.registers()?;
        let pc = RuntimeAddr(regs.pc().wrapping_sub(1));
        if tracee.has_site(pc) {
            regs.set_pc(pc.0);
            tracee.set_registers(&regs)?;
            return Ok(pc);
        }
        Ok(RuntimeAddr(regs.pc()))
    }

    /// Interprets an event during `continue` (or the non-step events of the other plans).
    fn on_event(
        &mut self,
        event: TraceEvent,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Outcome, EngineError> {
        let pid = self.pid().unwrap_or(0);
        match event {
            TraceEvent::Exited { code } => Ok(Outcome::Stop(self.finished(StopReason::Exited { pid, code }))),
            TraceEvent::Signaled { signal, .. } => {
                Ok(Outcome::Stop(self.finished(StopReason::Terminated { pid, signal })))
            }
            TraceEvent::Breakpoint => {
                let tracee = &mut self.inferior_mut()?.tracee;
                let after = RuntimeAddr(tracee.registers()?.pc());
                if !tracee.has_site(RuntimeAddr(after.0.wrapping_sub(1))) {
                    // An int3 the program executed itself: gdb reports it as SIGTRAP.
                    return self.on_event(TraceEvent::Signal { signal: libc::SIGTRAP }, start_function);
                }
                let pc = self.back_up_over_int3()?;
                self.on_breakpoint_at(pc, start_function)
            }
            // A debug trap while running: a watchpoint fired (or a stale single-step).
            TraceEvent::SingleStep => match self.watchpoint_trap(start_function)? {
                Some(stop) => Ok(Outcome::Stop(stop)),
                None => Ok(Outcome::KeepGoing),
            },
            TraceEvent::Signal { signal } => {
                let inferior = self.inferior_mut()?;
                if passes_silently(signal) {
                    inferior.pending_signal = Some(signal);
                    return Ok(Outcome::KeepGoing);
                }
                inferior.pending_signal = (!is_debugger_signal(signal)).then_some(signal);
                Ok(Outcome::Stop(self.stop_here(StopReason::Signal { signal }, start_function)?))
            }
            TraceEvent::Forked { child } => {
                self.notices.push(Notice::DetachedFork { child });
                Ok(Outcome::KeepGoing)
            }
            TraceEvent::Exec => {
                self.follow_exec()?;
                Ok(Outcome::KeepGoing)
            }
        }
    }

    /// The program is at `pc`, where user breakpoints may be: count the hit and decide.
    fn on_breakpoint_at(
        &mut self,
        pc: RuntimeAddr,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Outcome, EngineError> {
        // The dynamic linker's library-event int3 (engine/library_events.rs): update libraries and
        // breakpoints; unless a user breakpoint shares the address, the hit is no stop (KeepGoing below).
        self.on_library_event_at(pc)?;
        if self.at_dummy_return(pc)? {
            return Ok(Outcome::Stop(self.stop_at_dummy_return()?));
        }
        if let Some(stop) = self.watch_scope_ended(pc)? {
            return Ok(Outcome::Stop(stop));
        }
        // Only breakpoints with a condition cost an evaluation (engine/conditions.rs).
        let false_conditions = self.false_conditions_at(pc);
        let bias = self.bias();
        let outcome = self.breakpoints.record_hit(pc, bias, &false_conditions);
        for number in &outcome.deleted {
            self.notices.push(Notice::BreakpointDeleted { number: *number });
        }
        if !outcome.deleted.is_empty() {
            self.sync_sites()?;
        }
        let Some((number, location, disposition)) = outcome.reported else {
            return Ok(Outcome::KeepGoing);
        };
        let several = self.breakpoints.get(number).is_some_and(|b| b.locations.len() > 1);
        let reason = StopReason::Breakpoint {
            number,
            location: several.then_some(location),
            temporary: disposition == Disposition::Delete,
        };
        self.inferior_mut()?.last_breakpoint = Some(number);
        Ok(Outcome::Stop(self.stop_here(reason, start_function)?))
    }

    /// A stop at the current pc.
    pub(super) fn stop_here(
        &mut self,
        reason: StopReason,
        start_function: Option<RuntimeAddr>,
    ) -> Result<Stop, EngineError> {
        if !matches!(reason, StopReason::Breakpoint { .. }) {
            self.inferior_mut()?.last_breakpoint = None;
        }
        let mut frame = self.describe_current()?;
        self.present_inline_frame(&mut frame, &reason);
        let same_function = start_function.is_some() && frame.function_start == start_function;
        Ok(Stop { reason, frame: Some(frame), same_function })
    }
}
