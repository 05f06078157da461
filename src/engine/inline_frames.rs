//! gdb's inline frames: which inlined calls hold a frame's pc, which of them a stop hides, their
//! arguments, and `finish` out of one.
//!
//! gdb's rules kept here (inline-frame.c, infrun.c):
//! - At a stop, inlined calls whose block is entered exactly at the pc are hidden, innermost first,
//!   so the stop shows the call site in the caller; a user breakpoint set on the inlined function
//!   itself keeps its frame (`skip_inline_frames`, `stopped_by_user_bp_inline_frame`).
//! - The frame just outside an inlined call shows the call's DW_AT_call_file:DW_AT_call_line,
//!   without an address.
//! - `finish` in an inline frame steps over everything until the pc is back in the caller's code at
//!   the start of a line: there is no return value, and no return address to run to.

use crate::addr::RuntimeAddr;
use crate::symbols::{InlinedCall, UnwindStep};
use crate::target::Registers;

use super::control::Outcome;
use super::error::EngineError;
use super::frame_args::{read_parameter_values, EntryValue, FrameArg, FrameView, Modules};
use super::frames::FrameKind;
use super::session::{module_holding, Debugger};
use super::stepping::Finished;
use super::stop::{FrameDescription, StopReason};

/// Where `finish` out of an inline frame is going: the caller frame, by its real frame's CFA and
/// how many inlined calls it sits in.
struct InlineCaller {
    cfa: Option<u64>,
    depth: usize,
}

impl Debugger {
    /// The inlined calls holding `lookup_pc`, innermost first.
    pub(super) fn inlined_calls_at(&self, lookup_pc: RuntimeAddr) -> Vec<InlinedCall> {
        let bias = self.bias();
        match module_holding(self.program.as_ref(), &self.libraries, bias, lookup_pc) {
            Some((module, bias)) => module.inlined_calls(lookup_pc.to_file(bias)),
            None => Vec::new(),
        }
    }

    /// How many of `calls` (the ones at frame 0) the current stop hides: what the stop decided, or
    /// without a recorded stop, every call entered exactly here.
    pub(super) fn inline_frames_hidden(&self, calls: &[InlinedCall]) -> usize {
        let key = self.inferior.as_ref().map(|i| (i.tracee.pid(), i.tracee.resume_count()));
        match self.frame_selection.inline_skip {
            Some((stored, skip)) if Some(stored) == key => skip.min(calls.len()),
            _ => calls.iter().take_while(|c| c.starts_here).count(),
        }
    }

    /// The arguments of an inlined call: the inlined_subroutine's own parameters, in the registers
    /// and frame base of the function it was inlined into.
    pub(super) fn inlined_call_args(
        &mut self,
        call: &InlinedCall,
        regs: &Registers,
        lookup_pc: RuntimeAddr,
        unwound: &Option<UnwindStep>,
        tail_call_caller: Option<&Registers>,
    ) -> Vec<FrameArg> {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let Some(inferior) = inferior.as_mut() else { return Vec::new() };
        let modules = Modules { program: program.as_ref(), libraries, bias };
        let Some((module, bias)) = module_holding(program.as_ref(), libraries, bias, lookup_pc) else {
            return Vec::new();
        };
        let Some((frame_base, params)) = module.inlined_call_parameters(call) else { return Vec::new() };
        // Without an unwound frame the location evaluator finds the CFA itself.
        let cfa = unwound.as_ref().map(|s| s.cfa);
        let mut frame = FrameView::new(module, bias, regs, lookup_pc, cfa, frame_base);
        if let Some(caller) = tail_call_caller {
            frame = frame.with_caller(&modules, caller);
        }
        frame.block_entry = Some(call.entry);
        // No call site passes an inlined call its arguments, so gdb shows no `p@entry` form for
        // them; their values may still come from the caller's entry values (tail-call frames).
        let mut args = read_parameter_values(&mut inferior.tracee, modules, frame, params);
        for arg in &mut args {
            arg.entry = EntryValue::None;
        }
        args
    }

    /// At a stop: decides which inline frames to hide (remembered for this stop, so `bt` and `frame`
    /// agree) and makes `frame` the innermost frame shown.
    pub(super) fn present_inline_frame(&mut self, frame: &mut FrameDescription, reason: &StopReason) {
        let calls = self.inlined_calls_at(frame.pc);
        if calls.is_empty() {
            return;
        }
        let mut skip = 0;
        for call in &calls {
            if !call.starts_here || self.stopped_for_inlined(call, reason) {
                break;
            }
            skip += 1;
        }
        if let Some(inferior) = self.inferior.as_ref() {
            let key = (inferior.tracee.pid(), inferior.tracee.resume_count());
            self.frame_selection.inline_skip = Some((key, skip));
        }
        if let Some(shown) = self.backtrace(Some(1)).ok().and_then(|b| b.frames.into_iter().next()) {
            frame.function = shown.description.function;
            frame.source = shown.description.source;
            frame.args = shown.description.args;
        }
    }

    /// Whether the breakpoint that stopped the program was set on the inlined function of `call`
    /// (gdb then shows its frame even where its block begins).
    fn stopped_for_inlined(&self, call: &InlinedCall, reason: &StopReason) -> bool {
        let StopReason::Breakpoint { number, .. } = reason else { return false };
        self.breakpoints
            .get(*number)
            .is_some_and(|b| b.locations.iter().any(|l| l.function.as_deref().is_none_or(|f| f == call.name)))
    }

    /// The function frame 0 shows: an inlined one where the pc is in inlined code.
    pub(super) fn shown_function(&mut self) -> Option<String> {
        let frame = self.backtrace(Some(1)).ok()?.frames.into_iter().next()?;
        frame.description.function
    }

    /// `finish` with an inline frame selected: steps (over calls) until the pc is in the caller's
    /// code at the start of a line, as gdb's `finish` does with an empty step range in the caller.
    pub(super) fn finish_inline(&mut self, level: usize) -> Result<Finished, EngineError> {
        let frames = self.backtrace(None)?.frames;
        let (Some(selected), Some(caller)) = (frames.get(level), frames.get(level + 1)) else {
            return Err(EngineError::CannotFindFrame);
        };
        if selected.kind != FrameKind::Inline {
            return Err(EngineError::CannotFindFrame);
        }
        // The caller sits in as many inlined calls as there are inline frames from it out to its
        // real frame.
        let depth = frames[level + 1..].iter().take_while(|f| f.kind == FrameKind::Inline).count();
        let target = InlineCaller { cfa: caller.cfa(), depth };
        // gdb starts with an empty range: any line counts as new until a mid-line stop refreshes it.
        let mut current_line: Option<(String, u32)> = None;
        loop {
            let pc = self.pc()?;
            let outcome = match self.call_return_address(pc)? {
                Some(return_to) => self.run_to_return(return_to, None)?,
                None => self.single_step(None)?,
            };
            if let Outcome::Stop(stop) = outcome {
                return Ok(Finished { stop, value: None });
            }
            let pc = self.pc()?;
            let calls = self.inlined_calls_at(pc);
            let entered = calls.iter().take_while(|c| c.starts_here).count();
            let depth = calls.len() - entered;
            let cfa = self.frame_id()?.1;
            let returned = match (cfa, target.cfa) {
                (Some(now), Some(then)) => now > then,
                _ => false,
            };
            if !returned && depth > target.depth {
                continue;
            }
            let source = if entered > 0 && !returned && depth == target.depth {
                // At the start of another inlined call in the caller: gdb stops at its call site
                // unless that is the line being stepped.
                calls[entered - 1].call_site.clone()
            } else {
                self.describe(pc).source
            };
            let Some(source) = source else {
                break;
            };
            let line = Some((source.file.clone(), source.line));
            if source.is_stmt_start && line != current_line {
                break;
            }
            current_line = line;
        }
        let stop = self.stop_here(StopReason::FunctionFinished, None)?;
        Ok(Finished { stop, value: None })
    }
}
