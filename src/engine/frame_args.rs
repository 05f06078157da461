//! The arguments a frame line shows, read from the stopped process: each parameter's DWARF location
//! evaluated (symbols/location.rs) in the frame's registers, CFA and memory, and, as gdb 13 does
//! with `set print entry-values default`, its value at entry from the caller's call site.
//! Values stay bytes plus a type; the front end turns them into gdb's text.
//!
//! gdb's entry-value rules kept here (stack.c `read_frame_arg`, dwarf2/loc.c):
//! - The entry value is looked up only for parameters with a DWARF location whose expression at the
//!   function's entry is a lone DW_OP_regN or DW_OP_fbreg; it comes from the DW_TAG_call_site whose
//!   return address is the caller frame's pc, and only when that call site calls this function.
//! - Both known and equal: `p=p@entry=V`; known and different: `p=V, p@entry=E`; no entry value:
//!   `p=V` (V may be `<optimized out>`).
//! - A DW_OP_entry_value inside a location that cannot be resolved makes the value `<optimized out>`.

use crate::addr::{FileAddr, LoadBias, RuntimeAddr};
use crate::symbols::{
    read_location_bytes, CallSite, CallTarget, EntryValueOf, FrameBase, LocationAttr, LocationContext,
    LocationError, LocationResult, Module, ParamLocation, ParamType, Parameter, UnwindMemory,
};
use crate::target::{Registers, Tracee};

use super::libraries::Libraries;
use super::session::module_holding;
use super::thread_local::thread_local_block;

/// The largest Rust argument whose bytes frame lines read (std's printable types are far smaller).
const MAX_RUST_ARG_SIZE: usize = 4096;

/// gdb prints at most this many characters of a string (`set print elements`, 200 by default).
pub const STRING_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    /// The parameter's bytes; for a `char *`, also the string it points to (or the address that
    /// could not be read) and whether it was cut at the limit.
    Value {
        ty: ParamType,
        bytes: Vec<u8>,
        string: Option<Result<(Vec<u8>, bool), u64>>,
    },
    OptimizedOut,
    /// A pointer to an object without an address (DW_OP_implicit_pointer).
    SyntheticPointer,
    /// The parameter's own storage could not be read.
    Unreadable(u64),
    /// A C++ reference to a scalar: where it refers, and the value there.
    Reference {
        addr: u64,
        target: Box<ArgValue>,
    },
}

/// What gdb shows of a parameter's value at entry, next to its current value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryValue {
    /// Unknown: only `p=V`.
    None,
    /// Equal to the current value: `p=p@entry=V`.
    Same,
    /// Different: `p=V, p@entry=E`.
    Different(ArgValue),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameArg {
    pub name: String,
    pub value: ArgValue,
    pub entry: EntryValue,
}

/// gdb's names of the x86-64 DWARF registers 0-16 (16 is the return address column, rip).
pub(super) const DWARF_REGISTER_NAMES: [&str; 17] = [
    "rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "rip",
];

/// x86-64 DWARF register numbers to gdb's names.
pub(super) fn dwarf_register(regs: &Registers, number: u16) -> Option<u64> {
    regs.get(DWARF_REGISTER_NAMES.get(usize::from(number))?).map(|(v, _)| v)
}

/// DWARF registers 17-32 are xmm0-xmm15, where the ABI passes and keeps floats and doubles.
const FIRST_XMM: u16 = 17;
const XMM_COUNT: u16 = 16;

/// The 16 bytes of xmm register DWARF `number`. The CFI says nothing of vector registers, and
/// gdb's unwinder then takes them as unchanged in outer frames ("same value"), so every frame
/// reads the thread's own.
pub(super) fn vector_register(tracee: &mut Tracee, number: u16) -> Option<[u8; 16]> {
    let index = number.checked_sub(FIRST_XMM).filter(|i| *i < XMM_COUNT)?;
    Some(tracee.extended_registers().ok()?.xmm(usize::from(index)))
}

/// A register's value as a location expression reads it: general registers from the frame's
/// set, xmm registers by their low 8 bytes (a `double` operand of DW_OP_regval_type).
pub(super) fn frame_register(tracee: Option<&mut Tracee>, regs: &Registers, number: u16) -> Option<u64> {
    dwarf_register(regs, number).or_else(|| {
        let bytes = vector_register(tracee?, number)?;
        Some(little_endian_u64(&bytes))
    })
}

/// A register's bytes for an object that lives in it: 16 for an xmm register, 8 otherwise.
pub(super) fn frame_register_bytes(
    tracee: Option<&mut Tracee>,
    regs: &Registers,
    number: u16,
) -> Option<Vec<u8>> {
    match dwarf_register(regs, number) {
        Some(value) => Some(value.to_le_bytes().to_vec()),
        None => vector_register(tracee?, number).map(|b| b.to_vec()),
    }
}

/// Every module a frame's code can be in: the program (with its load bias) and the libraries.
#[derive(Clone, Copy)]
pub(super) struct Modules<'a> {
    pub program: Option<&'a Module>,
    pub libraries: &'a Libraries,
    pub bias: LoadBias,
}

impl<'a> Modules<'a> {
    fn holding(&self, pc: RuntimeAddr) -> Option<(&'a Module, LoadBias)> {
        module_holding(self.program, self.libraries, self.bias, pc)
    }

    /// A function's address by its linkage name: the program's own first, then the libraries in
    /// load order (gdb's `lookup_minimal_symbol` for a call site's declared target).
    fn function_address(&self, name: &str) -> Option<u64> {
        let own = self.program.and_then(|p| p.lookup_symbol(name)).map(|a| a.relocate(self.bias));
        own.or_else(|| self.libraries.find_function(name)).map(|a| a.0)
    }
}

/// One frame as its location expressions see it.
#[derive(Clone)]
pub(super) struct FrameView<'a> {
    pub module: &'a Module,
    pub bias: LoadBias,
    /// The frame's registers (unwound for outer frames).
    pub regs: Registers,
    /// The pc location lists are selected by: the pc, or pc-1 in a frame that is making a call.
    pub lookup_pc: RuntimeAddr,
    /// The frame's CFA when the unwinder already knows it; computed on demand otherwise.
    pub cfa: Option<u64>,
    pub frame_base: FrameBase,
    /// Where the block whose parameters these are starts: the function's entry, or for an inlined
    /// call the inlined block's (gdb's `get_frame_func`).
    pub block_entry: Option<FileAddr>,
    /// For a tail-call frame made up from call-site DWARF: the real frame that called it.
    known_caller: Option<Box<FrameView<'a>>>,
}

impl<'a> FrameView<'a> {
    /// The innermost view of a frame in `module` whose function is the one holding `lookup_pc`.
    pub fn new(
        module: &'a Module,
        bias: LoadBias,
        regs: &Registers,
        lookup_pc: RuntimeAddr,
        cfa: Option<u64>,
        frame_base: FrameBase,
    ) -> FrameView<'a> {
        let mut regs = *regs;
        regs.set_pc(lookup_pc.0);
        let block_entry = module.function_at(lookup_pc.to_file(bias)).map(|f| f.low);
        FrameView { module, bias, regs, lookup_pc, cfa, frame_base, block_entry, known_caller: None }
    }

    /// A tail-call frame's caller is the next frame of the backtrace (its own registers are that
    /// caller's, so unwinding them would skip a frame): give entry values that caller, with the
    /// registers it has at its call.
    pub fn with_caller(mut self, modules: &Modules<'a>, caller_regs: &Registers) -> FrameView<'a> {
        self.known_caller = caller_view(modules, caller_regs, RuntimeAddr(caller_regs.pc())).map(Box::new);
        self
    }
}

/// A caller frame with registers `regs` that resumes at `return_pc`, viewed at its call (pc-1).
fn caller_view<'a>(modules: &Modules<'a>, regs: &Registers, return_pc: RuntimeAddr) -> Option<FrameView<'a>> {
    let lookup_pc = RuntimeAddr(return_pc.0.wrapping_sub(1));
    let (module, bias) = modules.holding(lookup_pc)?;
    let frame_base = module.frame_parameters(lookup_pc.to_file(bias)).map_or(FrameBase::Unknown, |(b, _)| b);
    let mut view = FrameView::new(module, bias, regs, lookup_pc, None, frame_base);
    // The caller's registers keep its own pc (the return address) for `register(16)`.
    view.regs.set_pc(return_pc.0);
    Some(view)
}

/// gdb follows entry values through callers of callers; this bounds a cycle in bad DWARF.
const MAX_ENTRY_DEPTH: u8 = 8;

/// Reads through the target's page cache.
struct TraceeMemory<'t>(&'t mut Tracee);

impl UnwindMemory for TraceeMemory<'_> {
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> bool {
        self.0.read_memory(RuntimeAddr(addr), buf).is_ok()
    }
}

/// A frame as a `LocationContext`: the expression evaluator's questions answered from the process.
struct FrameContext<'a, 't> {
    tracee: &'t mut Tracee,
    modules: Modules<'a>,
    frame: FrameView<'a>,
    depth: u8,
}

impl<'a> FrameContext<'a, '_> {
    /// The caller of this frame, unwound by CFI, viewed at its call (pc-1).
    fn unwound_caller(&mut self) -> Option<FrameView<'a>> {
        if let Some(known) = &self.frame.known_caller {
            return Some((**known).clone());
        }
        let frame = &self.frame;
        // gdb's `get_prev_frame` gives main (and the entry function) no caller while `backtrace
        // past-main` is off, so their entry values are never known.
        let pc = frame.lookup_pc.to_file(frame.bias);
        let is_program = self.modules.program.is_some_and(|p| std::ptr::eq(p, frame.module));
        let at_entry = frame.module.function_at(pc).is_some_and(|f| f.low == frame.module.entry());
        if is_program && (frame.module.is_main_function(pc) || at_entry) {
            return None;
        }
        let step = frame.module.unwind_step(
            frame.lookup_pc.to_file(frame.bias),
            &super::frames::to_unwind(&frame.regs),
            &mut TraceeMemory(self.tracee),
        );
        let caller_regs = super::frames::apply(&frame.regs, &step.ok()?.caller);
        let pc = caller_regs.pc();
        if pc == 0 {
            return None;
        }
        self.view_at(&caller_regs, RuntimeAddr(pc))
    }

    /// A caller frame with registers `regs` that resumes at `return_pc`.
    fn view_at(&self, regs: &Registers, return_pc: RuntimeAddr) -> Option<FrameView<'a>> {
        caller_view(&self.modules, regs, return_pc)
    }

    /// The frame that called this one and the call site it called through (gdb's
    /// `dwarf_expr_reg_to_entry_parameter`): the unwound caller's call site when it calls this
    /// function; else, as gdb's tail-call frames do, the one function that call reached, when it
    /// ended in a lone tail call to this function.
    fn caller_site(&mut self) -> Option<(FrameView<'a>, CallSite)> {
        let callee = self.frame.module.function_at(self.frame.lookup_pc.to_file(self.frame.bias))?;
        let callee_entry = callee.low.relocate(self.frame.bias).0;
        let caller = self.unwound_caller()?;
        let return_pc = caller.regs.pc();
        let site = caller.module.call_site_at(RuntimeAddr(return_pc).to_file(caller.bias))?;
        let target = self.with_frame(caller.clone(), |ctx| ctx.target_of(&site))?;
        if target == callee_entry {
            return Some((caller, site));
        }
        let (module, bias) = self.modules.holding(RuntimeAddr(target))?;
        let mut tails =
            module.tail_call_sites(RuntimeAddr(target).to_file(bias)).into_iter().filter_map(|(at, tail)| {
                let mut view = self.view_at(&caller.regs, at.relocate(bias))?;
                view.known_caller = Some(Box::new(caller.clone()));
                let reaches = self.with_frame(view.clone(), |ctx| ctx.target_of(&tail)) == Some(callee_entry);
                reaches.then_some((view, tail))
            });
        let only = tails.next()?;
        tails.next().is_none().then_some(only)
    }

    /// Runs `f` in the context of another frame of the same process.
    fn with_frame<T>(&mut self, frame: FrameView<'a>, f: impl FnOnce(&mut FrameContext<'a, '_>) -> T) -> T {
        let mut other =
            FrameContext { tracee: &mut *self.tracee, modules: self.modules, frame, depth: self.depth + 1 };
        f(&mut other)
    }

    /// The runtime address a call site (of this frame's function) calls.
    fn target_of(&mut self, site: &CallSite) -> Option<u64> {
        match &site.target {
            CallTarget::Addresses(starts) => starts.first().map(|a| a.relocate(self.frame.bias).0),
            CallTarget::Name(name) => self.modules.function_address(name),
            CallTarget::Expression(target) => self.value_of(target),
            CallTarget::Unknown => None,
        }
    }

    /// gdb's `dwarf_entry_parameter_to_value`: the value the caller's call site passed for `of`,
    /// evaluated in the caller's frame.
    fn resolve_entry_value(&mut self, of: EntryValueOf) -> Option<u64> {
        if self.depth >= MAX_ENTRY_DEPTH {
            return None;
        }
        let (caller, site) = self.caller_site()?;
        let parameter = site.parameters.iter().find(|p| p.matches(of))?;
        let expression = match of {
            EntryValueOf::Register { deref: Some(_), .. } => parameter.data_value.clone()?,
            _ => parameter.value.clone()?,
        };
        self.with_frame(caller, |ctx| ctx.value_of(&expression))
    }

    /// A DWARF expression's value in this frame.
    fn value_of(&mut self, expression: &LocationAttr) -> Option<u64> {
        let (module, pc) = (self.frame.module, self.frame.lookup_pc.to_file(self.frame.bias));
        module.evaluate_value(expression, pc, self).ok()
    }
}

impl LocationContext for FrameContext<'_, '_> {
    fn register(&mut self, number: u16) -> Option<u64> {
        frame_register(Some(&mut *self.tracee), &self.frame.regs, number)
    }

    fn register_bytes(&mut self, number: u16) -> Option<Vec<u8>> {
        frame_register_bytes(Some(&mut *self.tracee), &self.frame.regs, number)
    }

    fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> bool {
        self.tracee.read_memory(RuntimeAddr(addr), buf).is_ok()
    }

    fn frame_base(&mut self) -> Option<u64> {
        match self.frame.frame_base {
            FrameBase::Cfa => self.cfa(),
            FrameBase::Register(number) => self.register(number),
            FrameBase::Unknown => None,
        }
    }

    fn cfa(&mut self) -> Option<u64> {
        if self.frame.cfa.is_none() {
            let frame = &self.frame;
            let step = frame.module.unwind_step(
                frame.lookup_pc.to_file(frame.bias),
                &super::frames::to_unwind(&frame.regs),
                &mut TraceeMemory(self.tracee),
            );
            self.frame.cfa = step.ok().map(|s| s.cfa);
        }
        self.frame.cfa
    }

    fn load_bias(&self) -> u64 {
        self.frame.bias.0
    }

    fn tls_base(&mut self) -> Option<u64> {
        thread_local_block(self.tracee, &self.frame.regs, &self.modules, self.frame.module)
    }

    fn entry_value(&mut self, of: EntryValueOf) -> Option<u64> {
        self.resolve_entry_value(of)
    }
}

/// The value `of` had when the function of `frame` was entered (DW_OP_entry_value in a variable's
/// location), from its caller's call site.
pub(super) fn entry_value_in(
    tracee: &mut Tracee,
    modules: Modules<'_>,
    frame: FrameView<'_>,
    of: EntryValueOf,
) -> Option<u64> {
    FrameContext { tracee, modules, frame, depth: 0 }.resolve_entry_value(of)
}

/// The values of a function's `params` in `frame`, with their entry values as gdb shows them.
pub(super) fn read_parameter_values(
    tracee: &mut Tracee,
    modules: Modules<'_>,
    frame: FrameView<'_>,
    params: Vec<Parameter>,
) -> Vec<FrameArg> {
    let module = frame.module;
    let pc = frame.lookup_pc.to_file(frame.bias);
    let block_entry = frame.block_entry;
    let mut ctx = FrameContext { tracee, modules, frame, depth: 0 };
    params
        .into_iter()
        .map(|param| {
            let size = usize::try_from(param.size).unwrap_or(0).clamp(1, 16);
            let (value, entry) = match (&param.location, &param.ty) {
                (_, ParamType::Aggregate) => (
                    ArgValue::Value { ty: param.ty.clone(), bytes: Vec::new(), string: None },
                    EntryValue::None,
                ),
                // A Rust value's printer needs all its bytes (a String is 24); one too big for a
                // printer prints as `...` without them.
                (ParamLocation::Dwarf(attr), ParamType::Rust(_)) => {
                    let size = usize::try_from(param.size).unwrap_or(0);
                    let value = if size > MAX_RUST_ARG_SIZE {
                        ArgValue::Value { ty: param.ty.clone(), bytes: Vec::new(), string: None }
                    } else {
                        match module.evaluate_location(attr, pc, &mut ctx) {
                            Ok(result) => located_value(&mut ctx, &result, size, &param.ty),
                            Err(error) => failed_value(error),
                        }
                    };
                    (value, EntryValue::None)
                }
                (ParamLocation::Dwarf(attr), _) => {
                    let value = match module.evaluate_location(attr, pc, &mut ctx) {
                        Ok(result) => located_value(&mut ctx, &result, size, &param.ty),
                        Err(error) => failed_value(error),
                    };
                    let entry = match block_entry.and_then(|e| module.entry_value_kind(attr, e)) {
                        Some(of) if !matches!(param.ty, ParamType::Reference { .. }) => {
                            entry_value(&mut ctx, of, size, &param.ty, &value)
                        }
                        _ => EntryValue::None,
                    };
                    (value, entry)
                }
                (ParamLocation::Constant(bits), _) => (
                    with_string(ctx.tracee, bits.to_le_bytes()[..size.min(8)].to_vec(), &param.ty),
                    EntryValue::None,
                ),
                (ParamLocation::Unknown, _) => (ArgValue::OptimizedOut, EntryValue::None),
            };
            FrameArg { name: param.name, value, entry }
        })
        .collect()
}

/// gdb's compare of the value with the entry value (`value_contents_eq`): equal bytes print the
/// compact `p=p@entry=V`.
fn entry_value(
    ctx: &mut FrameContext<'_, '_>,
    of: EntryValueOf,
    size: usize,
    ty: &ParamType,
    value: &ArgValue,
) -> EntryValue {
    let Some(raw) = ctx.resolve_entry_value(of) else { return EntryValue::None };
    let bytes = raw.to_le_bytes()[..size.min(8)].to_vec();
    match value {
        ArgValue::Value { bytes: current, .. } if *current == bytes => EntryValue::Same,
        _ => EntryValue::Different(with_string(ctx.tracee, bytes, ty)),
    }
}

fn located_value(
    ctx: &mut FrameContext<'_, '_>,
    result: &LocationResult,
    size: usize,
    ty: &ParamType,
) -> ArgValue {
    match read_location_bytes(result, size, ctx) {
        Ok(bytes) => with_string(ctx.tracee, bytes, ty),
        Err(error) => failed_value(error),
    }
}

fn failed_value(error: LocationError) -> ArgValue {
    match error {
        LocationError::Memory(addr) => ArgValue::Unreadable(addr),
        LocationError::SyntheticPointer => ArgValue::SyntheticPointer,
        LocationError::OptimizedOut | LocationError::Unsupported(_) => ArgValue::OptimizedOut,
    }
}

/// The arguments of the innermost frame, stopped at `regs.pc()` in `module` (loaded with `bias`).
pub(super) fn read_frame_args(
    tracee: &mut Tracee,
    modules: Modules<'_>,
    module: &Module,
    bias: LoadBias,
    regs: &Registers,
) -> Vec<FrameArg> {
    let pc = RuntimeAddr(regs.pc());
    let Some((frame_base, params)) = module.frame_parameters(pc.to_file(bias)) else { return Vec::new() };
    let frame = FrameView::new(module, bias, regs, pc, None, frame_base);
    read_parameter_values(tracee, modules, frame, params)
}

fn read_value(tracee: &mut Tracee, addr: u64, size: usize, ty: &ParamType) -> ArgValue {
    let mut bytes = vec![0u8; size];
    match tracee.read_memory(RuntimeAddr(addr), &mut bytes) {
        Ok(()) => with_string(tracee, bytes, ty),
        Err(_) => ArgValue::Unreadable(addr),
    }
}

/// For `char *`, also reads the string pointed to, as gdb shows it after the address; for a
/// reference to a scalar, the value it refers to.
fn with_string(tracee: &mut Tracee, bytes: Vec<u8>, ty: &ParamType) -> ArgValue {
    if let ParamType::Reference { target, target_size } = ty {
        if !matches!(**target, ParamType::Aggregate) {
            let addr = little_endian_u64(&bytes);
            let size = usize::try_from(*target_size).unwrap_or(0).clamp(1, 16);
            return ArgValue::Reference { addr, target: Box::new(read_value(tracee, addr, size, target)) };
        }
    }
    let string = match ty {
        ParamType::Pointer { to_char: true, .. } => {
            let mut raw = [0u8; 8];
            let n = bytes.len().min(8);
            raw[..n].copy_from_slice(&bytes[..n]);
            let addr = u64::from_le_bytes(raw);
            (addr != 0).then(|| read_c_string(tracee, addr))
        }
        _ => None,
    };
    ArgValue::Value { ty: ty.clone(), bytes, string }
}

fn little_endian_u64(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    let n = bytes.len().min(8);
    raw[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(raw)
}

fn read_c_string(tracee: &mut Tracee, addr: u64) -> Result<(Vec<u8>, bool), u64> {
    let mut buf = [0u8; STRING_LIMIT + 1];
    let n = tracee.read_memory_partial(RuntimeAddr(addr), &mut buf);
    if n == 0 {
        return Err(addr);
    }
    match buf[..n].iter().position(|b| *b == 0) {
        Some(end) => Ok((buf[..end].to_vec(), false)),
        None if n > STRING_LIMIT => Ok((buf[..STRING_LIMIT].to_vec(), true)),
        None => Err(addr + n as u64),
    }
}
