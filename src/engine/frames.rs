//! Stack frames: the backtrace the CFI unwinder (symbols/unwind.rs) gives, cut where gdb cuts it,
//! and the selected frame (`frame N`, `up`, `down`) that `info registers`, `p $pc` and `x/i $pc`
//! look at.
//!
//! gdb's rules kept here: an outer frame's symbol, line and CFI lookups use pc-1 (the return address
//! may already belong to the next line or function), except directly above a signal frame, where
//! the pc is the interrupted instruction itself; a backtrace ends at the program's main (C's `main`,
//! Rust's DW_AT_main_subprogram function) or else at the entry function (`_start`); a caller whose
//! CFA is inner to its callee's ends it as corrupt.

use std::collections::HashMap;

use crate::addr::{LoadBias, RuntimeAddr};
use crate::symbols::{
    amd64_args_base, sigreturn_step, ArgsBase, FrameBase, Module, Parameter, SavedAt, UnwindError,
    UnwindMemory, UnwindRegisters, UnwindStep,
};
use crate::target::{Registers, Tracee};

use super::error::EngineError;
use super::frame_args::{
    dwarf_register, read_frame_args, read_parameter_values, FrameView, Modules, DWARF_REGISTER_NAMES,
};
use super::session::{module_holding, Debugger};
use super::stop::FrameDescription;
use super::tail_calls::tail_call_pcs;

/// What gdb calls the frame's type, as far as printing and unwinding care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    Normal,
    /// The signal trampoline: printed `<signal handler called>`.
    Signal,
    /// Where a call the debugger made returns (engine/inferior_call.rs): printed `<function
    /// called from gdb>`; the frame outside it is the one the call interrupted.
    CallDummy,
    /// A call inlined into the frame just outside it (gdb's INLINE_FRAME): same registers and CFA
    /// as that frame, its own function, arguments and line.
    Inline,
    /// A function that tail-called onwards on the way from the caller to the frame inside it
    /// (gdb's TAILCALL_FRAME, engine/tail_calls.rs): pc at its tail-call site, the caller's
    /// registers otherwise, and the CFA of the frame inside it.
    TailCall,
}

/// One frame of the stack.
#[derive(Clone)]
pub struct Frame {
    pub level: usize,
    pub kind: FrameKind,
    /// Function, source position and library, looked up at `lookup_pc`; `description.pc` is the
    /// frame's own pc, and `description.args` its arguments.
    pub description: FrameDescription,
    /// The pc lookups use: the pc, or pc-1 in a frame that is making a call.
    pub lookup_pc: RuntimeAddr,
    /// The frame's registers: the process's for frame 0, unwound for the others.
    pub registers: Registers,
    /// This frame's CFA and how it saved its caller's registers; None when it could not be unwound.
    /// Inline frames carry the one of the real frame they belong to.
    pub unwound: Option<UnwindStep>,
    /// Whether the frame's line is the call site of an inlined call inside it: gdb then prints no
    /// address, since the pc says nothing about that line.
    pub at_call_site: bool,
}

impl FrameKind {
    /// A frame that stands for no function of the program: it has no source, locals or arguments.
    pub fn is_marker(self) -> bool {
        matches!(self, FrameKind::Signal | FrameKind::CallDummy)
    }
}

impl Frame {
    pub fn pc(&self) -> RuntimeAddr {
        self.description.pc
    }

    /// gdb's "frame at": the CFA.
    pub fn cfa(&self) -> Option<u64> {
        self.unwound.as_ref().map(|s| s.cfa)
    }

    /// The pc the caller resumes at (gdb's `saved rip`).
    pub fn caller_pc(&self) -> Option<u64> {
        self.unwound.as_ref().and_then(|s| s.caller.get(crate::symbols::UNWIND_RIP))
    }
}

/// The frames gdb would list, innermost first, and why the list ended early (gdb's
/// `Backtrace stopped: ...`), when it did.
#[derive(Clone)]
pub struct Backtrace {
    pub frames: Vec<Frame>,
    pub stopped: Option<String>,
}

/// How the caller's stack pointer is known, for `info frame`'s `Previous frame's sp` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviousSp {
    Is(u64),
    At(u64),
    In(&'static str),
}

/// Everything `info frame` prints about one frame.
#[derive(Clone)]
pub struct FrameInfo {
    pub frame: Frame,
    /// The CFA of the caller, when the backtrace goes on past this frame (`called by frame at`).
    pub caller_cfa: Option<u64>,
    /// The CFA of the frame this one called (`caller of frame at`).
    pub callee_cfa: Option<u64>,
    /// gdb's `saved rip`: where the code this frame belongs to returns, as the next frame out
    /// shows it (a tail-call frame's pc when tail calls were made on the way).
    pub saved_pc: Option<u64>,
    /// `source language c.`
    pub language: Option<&'static str>,
    /// `Arglist at` / `Locals at`: None for "unknown address" (signal frames).
    pub args_address: Option<u64>,
    /// Registers of the caller saved in this frame's memory, in gdb's register order (rsp excluded).
    pub saved_registers: Vec<(&'static str, u64)>,
    pub previous_sp: Option<PreviousSp>,
}

/// Which frame is selected, valid for one stop of one process.
#[derive(Default)]
pub(super) struct FrameSelection {
    /// (pid, resume count) when the selection was made.
    key: Option<(i32, u64)>,
    level: usize,
    /// How many inline frames the stop hid at frame 0 (gdb's `skip_inline_frames`), for the stop
    /// with that key.
    pub(super) inline_skip: Option<((i32, u64), usize)>,
}

/// Inline and tail-call frames: gdb's "artificial" frames, which share a real frame's registers.
fn is_artificial(frame: &Frame) -> bool {
    matches!(frame.kind, FrameKind::Inline | FrameKind::TailCall)
}

/// gdb's `saved rip` (`frame_unwind_caller_pc`): past the artificial frames from `level` out to
/// a real frame, the pc of the frame after it (a tail-call frame's, when there is one), else what
/// that frame's unwinding gave.
fn saved_pc(frames: &[Frame], level: usize) -> Option<u64> {
    let real = frames.iter().skip(level).position(|f| !is_artificial(f)).map(|i| level + i);
    let Some(real) = real else { return frames.get(level).and_then(Frame::caller_pc) };
    match frames.get(real + 1) {
        Some(next) => Some(next.pc().0),
        None => frames[real].caller_pc(),
    }
}

/// gdb's register order for `Saved registers:` (DWARF numbers): rax rbx rcx rdx rsi rdi rbp, then
/// r8-r15 and rip; rsp has its own line.
const SAVED_ORDER: [u16; 16] = [0, 3, 2, 1, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16];

/// Reads through the target's page cache: a deep stack costs a read per page, not per word.
struct TraceeMemory<'a>(&'a mut Tracee);

impl UnwindMemory for TraceeMemory<'_> {
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> bool {
        self.0.read_memory(RuntimeAddr(addr), buf).is_ok()
    }
}

pub(super) fn to_unwind(regs: &Registers) -> UnwindRegisters {
    let mut out = UnwindRegisters::default();
    for number in 0..DWARF_REGISTER_NAMES.len() as u16 {
        out.set(number, dwarf_register(regs, number));
    }
    out
}

/// The caller's registers: the unwound ones replaced, the rest carried over (gdb's "same value"
/// for registers the CFI does not mention).
pub(super) fn apply(regs: &Registers, caller: &UnwindRegisters) -> Registers {
    let mut out = *regs;
    for (number, name) in DWARF_REGISTER_NAMES.iter().enumerate() {
        if let Some(value) = caller.get(number as u16) {
            out.set(name, value);
        }
    }
    out
}

/// A frame before its description: registers, kind and unwinding result.
struct RawFrame {
    kind: FrameKind,
    registers: Registers,
    lookup_pc: RuntimeAddr,
    unwound: Option<UnwindStep>,
}

/// A tail-call frame at its call site `pc` (gdb's TAILCALL_FRAME): the caller's registers but
/// that pc, the frame id (CFA) of the frame inside it, and, as gdb's `finish` skips tail-call
/// frames, the caller as where it returns to.
fn tail_call_frame(pc: RuntimeAddr, cfa: u64, caller: &Registers) -> RawFrame {
    let mut registers = *caller;
    registers.set_pc(pc.0);
    let unwound = UnwindStep { cfa, caller: to_unwind(caller), saved: Vec::new(), signal_frame: false };
    RawFrame {
        kind: FrameKind::TailCall,
        registers,
        lookup_pc: RuntimeAddr(pc.0.wrapping_sub(1)),
        unwound: Some(unwound),
    }
}

impl Debugger {
    /// The frames from the innermost outwards, at most `limit` of them (all when None), with their
    /// descriptions and arguments.
    pub fn backtrace(&mut self, limit: Option<usize>) -> Result<Backtrace, EngineError> {
        if self.inferior.is_none() {
            return Err(EngineError::NoStack);
        }
        let regs = self.registers().map_err(|_| EngineError::NoStack)?;
        self.refresh_libraries();
        // One frame past the limit: a tail-call frame at the limit needs its caller for entry values.
        let (mut raw, mut stopped) = self.unwind_frames(regs, limit.map(|l| l.saturating_add(1)));
        // A tail-call frame's entry values come from its real caller, the next frame out.
        let next_registers: Vec<Option<Registers>> =
            raw.iter().skip(1).map(|f| Some(f.registers)).chain(std::iter::once(None)).collect();
        // An ordinary frame's caller, for entry values, is the next frame when that one is ordinary
        // too: no need to unwind it again per argument.
        let next_is_ordinary: Vec<bool> =
            raw.iter().skip(1).map(|f| f.kind == FrameKind::Normal).chain(std::iter::once(false)).collect();
        if let Some(limit) = limit {
            if raw.len() > limit {
                raw.truncate(limit);
                stopped = None;
            }
        }
        let mut described: HashMap<u64, FrameDescription> = HashMap::new();
        let mut parameters: HashMap<u64, Option<(FrameBase, Vec<Parameter>)>> = HashMap::new();
        let mut frames: Vec<Frame> = Vec::with_capacity(raw.len());
        for (index, frame) in raw.into_iter().enumerate() {
            let pc = RuntimeAddr(frame.registers.pc());
            let mut description =
                described.entry(frame.lookup_pc.0).or_insert_with(|| self.describe(frame.lookup_pc)).clone();
            description.pc = pc;
            // gdb names a tail-call frame after the innermost function at its pc, inlined or not:
            // no inline frames are made above it.
            let tail_inlined = match frame.kind {
                FrameKind::TailCall => self.inlined_calls_at(frame.lookup_pc).into_iter().next(),
                _ => None,
            };
            if let Some(call) = &tail_inlined {
                description.function = Some(call.name.clone());
                let caller = next_registers.get(index).copied().flatten();
                description.args = self.inlined_call_args(
                    call,
                    &frame.registers,
                    frame.lookup_pc,
                    &frame.unwound,
                    caller.as_ref().filter(|_| frame.kind == FrameKind::TailCall),
                );
            } else if matches!(frame.kind, FrameKind::Normal | FrameKind::TailCall)
                && description.function.is_some()
            {
                let cfa = frame.unwound.as_ref().map(|s| s.cfa);
                description.args = match cfa {
                    Some(cfa) => {
                        let caller = next_registers
                            .get(index)
                            .copied()
                            .flatten()
                            .filter(|_| frame.kind == FrameKind::Normal && next_is_ordinary[index]);
                        self.frame_args_with_cfa(
                            &frame.registers,
                            frame.lookup_pc,
                            cfa,
                            &mut parameters,
                            caller.as_ref(),
                        )
                    }
                    None => self.frame_args_at(&frame.registers, frame.lookup_pc),
                };
            }
            // gdb's inline frames: one per inlined call holding the pc, innermost first, in front of
            // the real frame; at the innermost frame the ones the stop hid are left out.
            let calls = match frame.kind {
                FrameKind::Normal => self.inlined_calls_at(frame.lookup_pc),
                _ => Vec::new(),
            };
            let skip = if index == 0 { self.inline_frames_hidden(&calls) } else { 0 };
            for (i, call) in calls.iter().enumerate().skip(skip) {
                let mut inline = description.clone();
                inline.function = Some(call.name.clone());
                inline.args =
                    self.inlined_call_args(call, &frame.registers, frame.lookup_pc, &frame.unwound, None);
                let site = i.checked_sub(1).and_then(|inner| calls[inner].call_site.clone());
                let at_call_site = site.is_some();
                if let Some(site) = site {
                    inline.source = Some(site);
                }
                frames.push(Frame {
                    level: frames.len(),
                    kind: FrameKind::Inline,
                    description: inline,
                    lookup_pc: frame.lookup_pc,
                    registers: frame.registers,
                    unwound: frame.unwound.clone(),
                    at_call_site,
                });
            }
            let site = calls.last().and_then(|c| c.call_site.clone());
            let at_call_site = site.is_some();
            if let Some(site) = site {
                description.source = Some(site);
            }
            frames.push(Frame {
                level: frames.len(),
                kind: frame.kind,
                description,
                lookup_pc: frame.lookup_pc,
                registers: frame.registers,
                unwound: frame.unwound,
                at_call_site,
            });
        }
        if let Some(limit) = limit {
            frames.truncate(limit);
        }
        Ok(Backtrace { frames, stopped })
    }

    /// What reading a frame's arguments needs, borrowed apart: the tracee, the loaded objects, and
    /// the module holding `pc` with its load bias.
    fn argument_sources(&mut self, pc: RuntimeAddr) -> Option<(&mut Tracee, Modules<'_>, &Module, LoadBias)> {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let inferior = inferior.as_mut()?;
        let modules = Modules { program: program.as_ref(), libraries, bias };
        let (module, bias) = module_holding(program.as_ref(), libraries, bias, pc)?;
        Some((&mut inferior.tracee, modules, module, bias))
    }

    /// The arguments of a frame with registers `regs`, its function found at `lookup_pc`.
    fn frame_args_at(&mut self, regs: &Registers, lookup_pc: RuntimeAddr) -> Vec<crate::engine::FrameArg> {
        let Some((tracee, modules, module, bias)) = self.argument_sources(lookup_pc) else {
            return Vec::new();
        };
        // Location rules are looked up at the frame's lookup pc (pc-1 in callers), as gdb does.
        let mut at = *regs;
        at.set_pc(lookup_pc.0);
        read_frame_args(tracee, modules, module, bias, &at)
    }

    /// The arguments of a frame whose CFA the unwinder found; a function's parameters are read from
    /// DWARF once per backtrace (`parameters`, by lookup pc), not once per frame.
    fn frame_args_with_cfa(
        &mut self,
        regs: &Registers,
        lookup_pc: RuntimeAddr,
        cfa: u64,
        parameters: &mut HashMap<u64, Option<(FrameBase, Vec<Parameter>)>>,
        caller: Option<&Registers>,
    ) -> Vec<crate::engine::FrameArg> {
        let Some((tracee, modules, module, bias)) = self.argument_sources(lookup_pc) else {
            return Vec::new();
        };
        let found =
            parameters.entry(lookup_pc.0).or_insert_with(|| module.frame_parameters(lookup_pc.to_file(bias)));
        let Some((frame_base, params)) = found.clone() else { return Vec::new() };
        let mut frame = FrameView::new(module, bias, regs, lookup_pc, Some(cfa), frame_base);
        if let Some(caller) = caller {
            frame = frame.with_caller(&modules, caller);
        }
        read_parameter_values(tracee, modules, frame, params)
    }

    /// Unwinds from `regs` outwards. Returns the frames and gdb's reason when it stopped early.
    fn unwind_frames(&mut self, regs: Registers, limit: Option<usize>) -> (Vec<RawFrame>, Option<String>) {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, dummy_frames, .. } = self;
        let (Some(inferior), Some(program)) = (inferior.as_mut(), program.as_ref()) else {
            return (Vec::new(), None);
        };
        let entry = program.entry().relocate(bias);
        let module_at = |pc: RuntimeAddr| module_holding(Some(program), libraries, bias, pc);
        let mut memory = TraceeMemory(&mut inferior.tracee);
        let mut frames: Vec<RawFrame> = Vec::new();
        let mut regs = regs;
        // Frame 0 has no caller-side adjustment; neither does the frame above a signal frame.
        let mut inner_is_call = false;
        let mut stopped = None;
        // Tail-call chains by (caller's resume address, callee's entry): a recursion asks once.
        let mut tail_chains: HashMap<(u64, u64), Vec<RuntimeAddr>> = HashMap::new();
        loop {
            let pc = RuntimeAddr(regs.pc());
            // A call the debugger made returns here: the frame it interrupted goes on outside it,
            // with the registers saved when the call was made.
            if let Some(interrupted) = dummy_frames.iter().rev().find_map(|d| d.interrupted_by(pc, regs.sp()))
            {
                frames.push(RawFrame {
                    kind: FrameKind::CallDummy,
                    registers: regs,
                    lookup_pc: pc,
                    unwound: None,
                });
                if limit.is_some_and(|l| frames.len() >= l) {
                    break;
                }
                regs = interrupted;
                inner_is_call = false;
                continue;
            }
            let mut lookup_pc = if inner_is_call { RuntimeAddr(pc.0.wrapping_sub(1)) } else { pc };
            let module = module_at(lookup_pc);
            let uregs = to_unwind(&regs);
            let mut kind = FrameKind::Normal;
            let mut step: Result<UnwindStep, UnwindError> = Err(UnwindError::NoCfi(lookup_pc.0));
            if let Some((module, bias)) = module {
                if module.is_signal_trampoline(lookup_pc.to_file(bias)) {
                    kind = FrameKind::Signal;
                    lookup_pc = pc;
                }
                step = module.unwind_step(lookup_pc.to_file(bias), &uregs, &mut memory);
            }
            if matches!(step, Err(UnwindError::NoCfi(_))) {
                if let Some(signal) = sigreturn_step(&uregs, &mut memory) {
                    kind = FrameKind::Signal;
                    lookup_pc = pc;
                    step = Ok(signal);
                }
            }
            let step = step.ok();
            // A caller whose frame is not outer to its callee's: gdb stops before showing it.
            if let (Some(prev), Some(this)) = (frames.last(), step.as_ref()) {
                let prev_cfa = prev.unwound.as_ref().map(|s| s.cfa);
                if prev.kind == FrameKind::Normal && kind == FrameKind::Normal {
                    if prev_cfa.is_some_and(|p| this.cfa < p) {
                        stopped = Some("previous frame inner to this frame (corrupt stack?)".to_string());
                        break;
                    }
                    if prev_cfa == Some(this.cfa) && prev.registers.pc() == pc.0 {
                        stopped = Some("previous frame identical to this frame (corrupt stack?)".to_string());
                        break;
                    }
                }
            }
            let function_start =
                module.and_then(|(m, b)| m.function_at(lookup_pc.to_file(b)).map(|f| f.low.relocate(b)));
            let caller = step.as_ref().map(|s| apply(&regs, &s.caller));
            frames.push(RawFrame { kind, registers: regs, lookup_pc, unwound: step });
            if limit.is_some_and(|l| frames.len() >= l) {
                break;
            }
            // gdb's `backtrace past-main off`: main is C's `main`, or the function DWARF marks
            // DW_AT_main_subprogram (Rust's `crate::main`); only the program's own counts.
            let at_main = kind == FrameKind::Normal
                && module.is_some_and(|(m, b)| {
                    std::ptr::eq(m, program) && m.is_main_function(lookup_pc.to_file(b))
                });
            if at_main || function_start == Some(entry) {
                break;
            }
            let Some(caller) = caller else { break };
            if caller.pc() == 0 {
                break;
            }
            // gdb's tail-call frames between this frame and its caller; only CFI-unwound frames
            // look for them, as only gdb's DWARF unwinder does.
            if let (FrameKind::Normal, Some(callee)) = (kind, function_start) {
                let pcs = tail_chains.entry((caller.pc(), callee.0)).or_insert_with(|| {
                    tail_call_pcs(Some(program), libraries, bias, RuntimeAddr(caller.pc()), callee)
                });
                for pc in pcs.iter() {
                    let Some(cfa) = frames.last().and_then(|f| f.unwound.as_ref()).map(|s| s.cfa) else {
                        break;
                    };
                    frames.push(tail_call_frame(*pc, cfa, &caller));
                    if limit.is_some_and(|l| frames.len() >= l) {
                        return (frames, stopped);
                    }
                }
            }
            inner_is_call = kind == FrameKind::Normal;
            regs = caller;
        }
        (frames, stopped)
    }

    // ---- selection ---------------------------------------------------------------------------

    fn selection_key(&self) -> Option<(i32, u64)> {
        self.inferior.as_ref().map(|i| (i.tracee.pid(), i.tracee.resume_count()))
    }

    /// The selected frame's level: 0 after every stop.
    pub fn selected_level(&self) -> usize {
        match self.selection_key() {
            Some(key) if self.frame_selection.key == Some(key) => self.frame_selection.level,
            _ => 0,
        }
    }

    fn set_selected_level(&mut self, level: usize) {
        self.frame_selection.key = self.selection_key();
        self.frame_selection.level = level;
    }

    /// `frame N`: selects frame `level` and returns it.
    pub fn select_frame(&mut self, level: usize) -> Result<Frame, EngineError> {
        if self.inferior.is_none() {
            return Err(EngineError::NoRegisters);
        }
        let frames = self.backtrace(level.checked_add(1))?.frames;
        let frame = frames.into_iter().nth(level).ok_or(EngineError::NoFrameAtLevel(level.to_string()))?;
        self.set_selected_level(level);
        Ok(frame)
    }

    /// The selected frame (`frame` without argument).
    pub fn selected_frame(&mut self) -> Result<Frame, EngineError> {
        let level = self.selected_level();
        let frames = self.backtrace(Some(level + 1))?.frames;
        let last = frames.len().checked_sub(1).ok_or(EngineError::NoStack)?;
        // A selection beyond the current stack (cannot happen within one stop) falls back inwards.
        let frame = frames.into_iter().nth(level.min(last)).ok_or(EngineError::NoStack)?;
        self.set_selected_level(frame.level);
        Ok(frame)
    }

    /// `up N` (positive) / `down N` (negative): moves as far as the stack allows. Without an explicit
    /// count, not moving at all is gdb's error.
    pub fn select_relative(&mut self, delta: i64, explicit: bool) -> Result<Frame, EngineError> {
        let current = self.selected_level();
        let wanted = if delta >= 0 {
            current.saturating_add(usize::try_from(delta).unwrap_or(usize::MAX))
        } else {
            current.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
        };
        let frames = self.backtrace(wanted.checked_add(1))?.frames;
        let top = frames.len().checked_sub(1).ok_or(EngineError::NoStack)?;
        let level = wanted.min(top);
        if !explicit && level == current && delta != 0 {
            return Err(if delta > 0 { EngineError::OutermostFrame } else { EngineError::InnermostFrame });
        }
        let frame = frames.into_iter().nth(level).ok_or(EngineError::NoStack)?;
        self.set_selected_level(level);
        Ok(frame)
    }

    /// The selected frame's registers (frame 0's are the process's own).
    pub fn selected_registers(&mut self) -> Result<Registers, EngineError> {
        let regs = self.registers()?;
        if self.selected_level() == 0 {
            return Ok(regs);
        }
        Ok(self.selected_frame()?.registers)
    }

    /// The selected frame's pc.
    pub fn selected_pc(&mut self) -> Result<RuntimeAddr, EngineError> {
        Ok(RuntimeAddr(self.selected_registers()?.pc()))
    }

    /// `info frame` for frame `level` (the selected one when None).
    pub fn frame_info(&mut self, level: Option<usize>) -> Result<FrameInfo, EngineError> {
        let level = level.unwrap_or_else(|| self.selected_level());
        let mut frames = self.frames_past_real(level)?;
        if level >= frames.len() {
            return Err(EngineError::NoFrameAtLevel(level.to_string()));
        }
        let caller_cfa = frames.get(level + 1).and_then(Frame::cfa);
        let callee_cfa = level.checked_sub(1).and_then(|l| frames.get(l)).and_then(Frame::cfa);
        let saved_pc = saved_pc(&frames, level);
        // An inline frame's registers are whatever the real frame inside it unwound (gdb passes
        // them through); inside no real frame they are the live registers themselves.
        let source = match frames[level].kind {
            FrameKind::Inline => frames[..level].iter().rposition(|f| f.kind != FrameKind::Inline),
            _ => Some(level),
        };
        let live = source.is_none();
        // A tail-call frame's registers are its caller's, passed through: none is saved anywhere.
        let from_tail_call = source.is_some_and(|i| frames[i].kind == FrameKind::TailCall);
        let registers_from = source.filter(|_| !from_tail_call).and_then(|i| frames[i].unwound.clone());
        // With tail-call frames above it, gdb's tail-call unwinder supplies the caller's pc itself.
        let tail_call_above =
            source.and_then(|i| frames.get(i + 1)).is_some_and(|f| f.kind == FrameKind::TailCall);
        frames.truncate(level + 1);
        let frame = frames.pop().ok_or(EngineError::NoStack)?;
        let module = self.module_for(frame.lookup_pc);
        let language = module.and_then(|(m, b)| m.source_language(frame.lookup_pc.to_file(b)));
        let args_address = match frame.kind {
            FrameKind::Normal => self.args_base(&frame),
            FrameKind::Signal | FrameKind::CallDummy | FrameKind::Inline | FrameKind::TailCall => None,
        };
        let mut saved_registers = Vec::new();
        let mut previous_sp = (live || from_tail_call).then_some(PreviousSp::In("rsp"));
        if let Some(step) = &registers_from {
            for number in SAVED_ORDER {
                if tail_call_above && number == crate::symbols::UNWIND_RIP {
                    continue;
                }
                let found = step.saved.iter().find(|(n, _)| *n == number);
                if let Some((_, SavedAt::Memory(addr))) = found {
                    saved_registers.push((DWARF_REGISTER_NAMES[usize::from(number)], *addr));
                }
            }
            previous_sp =
                step.saved.iter().find(|(n, _)| *n == crate::symbols::UNWIND_RSP).map(|(_, at)| match at {
                    SavedAt::Memory(addr) => PreviousSp::At(*addr),
                    SavedAt::Register(r) => {
                        PreviousSp::In(DWARF_REGISTER_NAMES.get(usize::from(*r)).copied().unwrap_or("?"))
                    }
                    SavedAt::Value => {
                        PreviousSp::Is(step.caller.get(crate::symbols::UNWIND_RSP).unwrap_or(step.cfa))
                    }
                });
        }
        Ok(FrameInfo {
            frame,
            caller_cfa,
            callee_cfa,
            saved_pc,
            language,
            args_address,
            saved_registers,
            previous_sp,
        })
    }

    /// The frames out to the first real (normal or signal) frame at or above `level`, and one
    /// more: what `info frame` needs for gdb's `saved rip`.
    fn frames_past_real(&mut self, level: usize) -> Result<Vec<Frame>, EngineError> {
        let mut limit = level.saturating_add(2);
        loop {
            let frames = self.backtrace(Some(limit))?.frames;
            let real = frames.iter().skip(level).position(|f| !is_artificial(f)).map(|i| level + i);
            if frames.len() < limit || real.is_some_and(|r| r + 1 < frames.len()) {
                return Ok(frames);
            }
            limit = limit.saturating_mul(2);
        }
    }

    /// gdb's amd64 frame base for `Arglist at`: rbp once the frame pointer is set up, else rsp-based.
    fn args_base(&self, frame: &Frame) -> Option<u64> {
        let (module, bias) = self.module_for(frame.lookup_pc)?;
        let function = module.function_at(frame.lookup_pc.to_file(bias));
        let rsp = frame.registers.get("rsp")?.0;
        let Some(function) = function else { return Some(rsp.wrapping_sub(8)) };
        let mut code = [0u8; 8];
        let n = (0..=code.len())
            .rev()
            .find(|&n| module.read_file_bytes(function.low, &mut code[..n]).is_ok())
            .unwrap_or(0);
        let pc_file = frame.pc().to_file(bias).0;
        Some(match amd64_args_base(&code[..n], function.low.0, pc_file) {
            ArgsBase::Rbp => frame.registers.get("rbp")?.0,
            ArgsBase::Rsp(offset) => rsp.wrapping_add_signed(offset),
        })
    }

    /// The module (program or loaded library) holding `pc`, with its load bias.
    fn module_for(&self, pc: RuntimeAddr) -> Option<(&Module, LoadBias)> {
        module_holding(self.program.as_ref(), &self.libraries, self.bias(), pc)
    }
}
