//! Source-level stepping, as gdb does it:
//! - `step`/`next` single-step inside the current line's address range; a call is either entered
//!   (`step`, when the callee has line info: it runs to the callee's post-prologue address, through a
//!   PLT stub to the real function) or run at full speed to its return address (`next`, or a callee
//!   without line info). Leaving the range at the start of a line with another number ends the step;
//!   landing in the middle of a line (after a return, or a jump) refreshes the range and goes on.
//! - `until` is `next` whose range starts at the function's entry, so jumping back (a loop) never stops.
//! - `finish` runs to the return address with the stack pointer back at the frame's CFA.
//! - `until LOCATION` / `advance LOCATION` run to the location or to the current frame's return.

use crate::addr::RuntimeAddr;
use crate::symbols::types::TypeRef;
use crate::symbols::{Module, SourceLocation};

use super::control::Outcome;
use super::error::EngineError;
use super::return_value::return_value_bytes;
use super::session::Debugger;
use super::stop::{Notice, Stop, StopReason};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStep {
    /// `step`: enter calls to functions with line info.
    Into,
    /// `next`: run calls at full speed.
    Over,
    /// `until`: like `next`, but never stop on a jump backwards.
    Until,
}

/// The value a function returned, for `Value returned is $N = V`: its type and bytes.
#[derive(Clone, Debug)]
pub struct ReturnedValue {
    pub ty: TypeRef,
    pub bytes: Vec<u8>,
}

/// The outcome of `finish`: where it stopped, and the value when the function returned normally.
#[derive(Clone, Debug)]
pub struct Finished {
    pub stop: Stop,
    pub value: Option<ReturnedValue>,
}

/// A frame's identity: its function's start and its CFA.
type FrameId = (Option<RuntimeAddr>, Option<u64>);

/// Where the stepping is: the address range and line the current step started from, and its frame.
struct StepRange {
    start: RuntimeAddr,
    end: RuntimeAddr,
    line: u32,
    file: String,
    frame: FrameId,
}

impl Debugger {
    /// The module holding `pc` and its load bias (the program or a shared library).
    fn module_at(&self, pc: RuntimeAddr) -> Option<(&Module, crate::addr::LoadBias)> {
        super::session::module_holding(self.program.as_ref(), &self.libraries, self.bias(), pc)
    }

    /// Whether `pc` is in the outermost frame gdb shows: the program's main function (C's `main`,
    /// Rust's DW_AT_main_subprogram) or `_start`.
    pub fn is_outermost_function(&self, pc: RuntimeAddr) -> bool {
        match self.module_at(pc) {
            Some((module, bias)) => {
                module.is_main_function(pc.to_file(bias))
                    || module.function_at(pc.to_file(bias)).is_some_and(|f| f.name == "_start")
            }
            None => false,
        }
    }

    /// gdb's full C++ name of the function holding `pc` (`geo::Square::area() const`), for the
    /// breakpoint table; None outside C++.
    pub fn cplus_signature(&self, pc: RuntimeAddr) -> Option<String> {
        let (module, bias) = self.module_at(pc)?;
        module.cplus_signature(pc.to_file(bias))
    }

    /// The source position of `pc` and the address range of its line-table block.
    fn line_at(&self, pc: RuntimeAddr) -> Option<(SourceLocation, RuntimeAddr, RuntimeAddr)> {
        let (module, bias) = self.module_at(pc)?;
        let file_pc = pc.to_file(bias);
        let source = module.source_location(file_pc)?;
        let (start, end) = module.line_range(file_pc)?;
        Some((source, start.relocate(bias), end.relocate(bias)))
    }

    fn step_range_here(&mut self, kind: LineStep) -> Result<Option<StepRange>, EngineError> {
        let pc = self.pc()?;
        let Some((source, mut start, end)) = self.line_at(pc) else { return Ok(None) };
        if kind == LineStep::Until {
            if let Some(function_start) = self.function_start_of(pc) {
                start = start.min(function_start);
            }
        }
        let frame = self.frame_id()?;
        Ok(Some(StepRange { start, end, line: source.line, file: source.file, frame }))
    }

    /// `step N`, `next N`, `until`: N line steps; a breakpoint, signal or exit on the way ends them.
    pub fn step_lines(&mut self, kind: LineStep, count: u64) -> Result<Stop, EngineError> {
        let mut last = None;
        for _ in 0..count.max(1) {
            let shown_before = self.shown_function();
            let mut stop = self.step_one_line(kind)?;
            // gdb compares frames, inline ones included: stepping out of an inlined call into its
            // caller prints the location, not just the line.
            if stop.same_function && stop.frame.as_ref().and_then(|f| f.function.clone()) != shown_before {
                stop.same_function = false;
            }
            if !matches!(stop.reason, StopReason::StepFinished) {
                return Ok(stop);
            }
            last = Some(stop);
        }
        last.ok_or(EngineError::NotRunning)
    }

    fn step_one_line(&mut self, kind: LineStep) -> Result<Stop, EngineError> {
        let start_pc = self.pc()?;
        let start_function = self.function_start_of(start_pc);
        let mut range = match self.step_range_here(kind)? {
            Some(range) => range,
            None => {
                // No line info here: gdb runs to the caller ("Single stepping until exit from ...").
                let function = self.describe(start_pc).function.unwrap_or_else(|| "??".to_string());
                self.notices.push(Notice::SteppingOutOfNoLineFunction { function });
                if let Outcome::Stop(stop) = self.step_out_of_frame()? {
                    return Ok(stop);
                }
                match self.step_range_here(kind)? {
                    Some(range) if !self.at_line_start()? => range,
                    _ => return self.end_step(start_function, None),
                }
            }
        };
        loop {
            let pc = self.pc()?;
            match self.call_return_address(pc)? {
                Some(return_to) => {
                    let caller_sp = self.registers()?.sp();
                    if let Outcome::Stop(stop) = self.single_step(None)? {
                        return Ok(stop);
                    }
                    if kind == LineStep::Into {
                        if let Some(body) = self.step_into_target()? {
                            if self.pc()? != body {
                                if let Outcome::Stop(stop) = self.run_until(&[body], &|_, _| Ok(true))? {
                                    return Ok(stop);
                                }
                            }
                            return self.end_step(start_function, Some(range.frame));
                        }
                    }
                    if self.pc()? != return_to {
                        let returned = |d: &mut Debugger, _| Ok(d.registers()?.sp() >= caller_sp);
                        if let Outcome::Stop(stop) = self.run_until(&[return_to], &returned)? {
                            return Ok(stop);
                        }
                    }
                }
                None => {
                    if let Outcome::Stop(stop) = self.single_step(None)? {
                        return Ok(stop);
                    }
                }
            }
            let pc = self.pc()?;
            // As in gdb, only the range counts going forward: a return into the same range of an
            // outer frame of the same function (recursion under `until`) keeps stepping.
            if range.start <= pc && pc < range.end {
                continue;
            }
            let Some((source, start, end)) = self.line_at(pc) else {
                // Stepped into code without line info (returned into it): stop there.
                return self.end_step(start_function, Some(range.frame));
            };
            if source.is_stmt_start && (source.line != range.line || source.file != range.file) {
                return self.end_step(start_function, Some(range.frame));
            }
            // The middle of a line, or another block of the same line: keep stepping through it.
            range = StepRange { start, end, line: source.line, file: source.file, frame: self.frame_id()? };
        }
    }

    /// Whether the pc is where a statement line starts.
    fn at_line_start(&mut self) -> Result<bool, EngineError> {
        let pc = self.pc()?;
        Ok(self.line_at(pc).is_some_and(|(s, _, _)| s.is_stmt_start))
    }

    /// The step is over: gdb prints only the source line when it ended in the frame and function
    /// the (possibly refreshed) step range belongs to.
    fn end_step(
        &mut self,
        start_function: Option<RuntimeAddr>,
        step_frame: Option<FrameId>,
    ) -> Result<Stop, EngineError> {
        let now = self.frame_id()?;
        let mut stop = self.stop_here(StopReason::StepFinished, None)?;
        stop.same_function = step_frame == Some(now) && now.0 == start_function;
        Ok(stop)
    }

    /// Just entered a function by a call: where `step` should stop in it (its post-prologue
    /// address), if it has line info. A PLT stub leads to the function it calls.
    fn step_into_target(&mut self) -> Result<Option<RuntimeAddr>, EngineError> {
        let mut pc = self.pc()?;
        if let Some(target) = self.plt_target(pc) {
            if let Outcome::Stop(_) = self.run_until(&[target], &|_, _| Ok(true))? {
                return Ok(None);
            }
            pc = self.pc()?;
        }
        let Some((module, bias)) = self.module_at(pc) else { return Ok(None) };
        let Some(body) = module.function_body_start(pc.to_file(bias)) else { return Ok(None) };
        Ok(body.source.is_some().then(|| body.addr.relocate(bias)))
    }

    /// For a PLT stub (`puts@plt`), the address of the function it calls, found by name in the
    /// loaded objects (gdb's solib trampoline target).
    fn plt_target(&mut self, pc: RuntimeAddr) -> Option<RuntimeAddr> {
        let (name, _) = self.symbolize(pc)?;
        let name = name.strip_suffix("@plt")?.to_string();
        self.refresh_libraries();
        self.libraries.find_function(&name)
    }

    /// Runs to the return address of the current frame (`finish`, and stepping out of code without
    /// line info). The return address sits just below the CFA; the frame has returned when the stack
    /// pointer is back at the CFA.
    fn step_out_of_frame(&mut self) -> Result<Outcome, EngineError> {
        let (return_to, cfa, _) = self.frame_return(0)?;
        self.run_until(&[return_to], &|d, _| Ok(d.registers()?.sp() >= cfa))
    }

    /// Where the selected frame returns to, its CFA (the stack pointer once it has returned) and
    /// the pc its function is looked up by.
    fn selected_return(&mut self) -> Result<(RuntimeAddr, u64, RuntimeAddr), EngineError> {
        let level = self.selected_level();
        self.frame_return(level)
    }

    /// The same for the frame at `level`, from the CFI unwinder.
    fn frame_return(&mut self, level: usize) -> Result<(RuntimeAddr, u64, RuntimeAddr), EngineError> {
        let frames = self.backtrace(Some(level + 1))?.frames;
        let frame = frames.into_iter().nth(level).ok_or(EngineError::CannotFindFrame)?;
        // gdb's `finish` finds the function by a tail-call frame's own pc, which often lies just
        // past the function's last instruction (the jump): then there is no value to report.
        let function_pc = match frame.kind {
            super::frames::FrameKind::TailCall => frame.pc(),
            _ => frame.lookup_pc,
        };
        match (frame.caller_pc(), frame.cfa()) {
            (Some(return_to), Some(cfa)) => Ok((RuntimeAddr(return_to), cfa, function_pc)),
            _ => Err(EngineError::CannotFindFrame),
        }
    }

    /// `finish`: runs until the selected frame's function returns; reports its value.
    pub fn finish(&mut self) -> Result<Finished, EngineError> {
        let level = self.selected_level();
        let selected = self.backtrace(Some(level + 1))?.frames.into_iter().nth(level);
        if selected.is_some_and(|f| f.kind == super::frames::FrameKind::Inline) {
            return self.finish_inline(level);
        }
        let (return_to, cfa, pc) = self.selected_return()?;
        let returns = self.module_at(pc).and_then(|(m, bias)| m.function_return_type(pc.to_file(bias)));
        if let Outcome::Stop(stop) = self.run_until(&[return_to], &|d, _| Ok(d.registers()?.sp() >= cfa))? {
            return Ok(Finished { stop, value: None });
        }
        let value = match returns {
            Some(ty) => {
                let regs = self.registers()?;
                let ext = self.extended_registers().ok();
                let tracee = &mut self.inferior_mut()?.tracee;
                let mut read = |addr: u64, buf: &mut [u8]| tracee.read_memory(RuntimeAddr(addr), buf).is_ok();
                return_value_bytes(&ty, &regs, ext.as_ref(), &mut read)
                    .map(|bytes| ReturnedValue { ty, bytes })
            }
            None => None,
        };
        // Finishing a function the debugger called returns into its dummy frame: the caller's
        // registers come back, and the stop is where the call was made.
        let pc = self.pc()?;
        if self.at_dummy_return(pc)? {
            self.pop_dummy_frame()?;
        }
        let stop = self.stop_here(StopReason::FunctionFinished, None)?;
        Ok(Finished { stop, value })
    }

    /// `until LOCATION` (frame-restricted) and `advance LOCATION`: run until one of `locations` is
    /// reached, or the current frame returns to its caller.
    pub fn run_to_locations(
        &mut self,
        locations: &[RuntimeAddr],
        this_frame_only: bool,
    ) -> Result<Stop, EngineError> {
        let (return_to, cfa, _) = self.selected_return()?;
        let mut targets = locations.to_vec();
        targets.push(return_to);
        // The frame is still live while the stack pointer is below its CFA; `until` accepts its
        // location only there (or in an outer frame), the caller's resume address only after return.
        let accept = |debugger: &mut Debugger, pc: RuntimeAddr| -> Result<bool, EngineError> {
            let sp = debugger.registers()?.sp();
            if pc == return_to && sp >= cfa {
                return Ok(true);
            }
            Ok(locations.contains(&pc) && (!this_frame_only || debugger.frame_id()?.1 == Some(cfa)))
        };
        if let Outcome::Stop(stop) = self.run_until(&targets, &accept)? {
            return Ok(stop);
        }
        self.stop_here(StopReason::LocationReached, None)
    }
}
