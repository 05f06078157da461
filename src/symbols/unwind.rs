//! The CFI unwinder: from one frame's registers, the caller's, by the rules of `.eh_frame` /
//! `.debug_frame` (gdb's dwarf2 unwinder). Memory comes through `UnwindMemory`, which the engine
//! implements over the traced process; this layer never touches ptrace.
//!
//! Lookups are file addresses (the module's own); register values, the CFA and memory are runtime
//! values. No frame-pointer guessing: a pc without CFI ends the unwind, except the kernel's
//! sigreturn trampoline, recognised by its bytes when it has no FDE of its own.
//!
//! Deep stacks repeat the same few pcs, so both the FDE search (a sorted index built once) and the
//! row computed for a pc (cached per pc) are paid once per module, not once per frame.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use gimli::{
    BaseAddresses, CfaRule, DebugFrame, EhFrame, Encoding, EvaluationResult, Expression, Format, Location,
    Register, RegisterRule, UnwindContext, UnwindExpression, UnwindSection, UnwindTableRow, Value,
};

use super::reader::Reader;

/// DWARF register numbers this unwinder tracks: rax..r15 (0-15) and the return address column (16,
/// which is rip).
pub const UNWIND_REGISTERS: usize = 17;
/// The return-address column on x86-64, which holds the caller's rip.
pub const RIP: u16 = 16;
/// The stack pointer's DWARF number.
pub const RSP: u16 = 7;

/// One frame's registers by DWARF number; `None` where the value is not known (not saved).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnwindRegisters(pub [Option<u64>; UNWIND_REGISTERS]);

impl UnwindRegisters {
    pub fn get(&self, number: u16) -> Option<u64> {
        self.0.get(usize::from(number)).copied().flatten()
    }

    pub fn set(&mut self, number: u16, value: Option<u64>) {
        if let Some(slot) = self.0.get_mut(usize::from(number)) {
            *slot = value;
        }
    }
}

/// The process's memory as the unwinder needs it.
pub trait UnwindMemory {
    /// Fills `buf` from `addr`; false when any byte cannot be read.
    fn read(&mut self, addr: u64, buf: &mut [u8]) -> bool;

    fn read_u64(&mut self, addr: u64) -> Option<u64> {
        let mut raw = [0u8; 8];
        self.read(addr, &mut raw).then(|| u64::from_le_bytes(raw))
    }
}

/// Where the caller's value of a register was found (gdb's lval), for `info frame`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedAt {
    /// Saved in memory at this address (`rbp at 0x...`).
    Memory(u64),
    /// Held in another register.
    Register(u16),
    /// Computed (the CFA for rsp, `val_offset` rules): no storage.
    Value,
}

/// One unwinding step: this frame's CFA and its caller's registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnwindStep {
    /// This frame's canonical frame address (gdb's "frame at").
    pub cfa: u64,
    /// The caller's registers: rip is the return address (or, above a signal frame, the interrupted pc).
    pub caller: UnwindRegisters,
    /// How each of the caller's registers was found, for those with a rule (rsp always has one).
    pub saved: Vec<(u16, SavedAt)>,
    /// This frame is a signal trampoline (its FDE has the 'S' augmentation, or its code is sigreturn).
    pub signal_frame: bool,
}

/// Why a frame could not be unwound.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnwindError {
    #[error("no call frame information for {0:#x}")]
    NoCfi(u64),
    /// The return address column is undefined: the outermost frame (`_start`, thread start).
    #[error("outermost frame")]
    Outermost,
    #[error("unsupported call frame rule")]
    Unsupported,
    #[error("Cannot access memory at address {0:#x}")]
    Memory(u64),
    #[error("register {0} not available")]
    Register(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Table {
    Eh,
    Debug,
}

/// One FDE's address range, for the binary search.
#[derive(Clone, Copy)]
struct FdeRange {
    start: u64,
    end: u64,
    table: Table,
    offset: usize,
}

/// The rule row for one pc, shared between the frames that stop there.
struct CachedRow {
    row: UnwindTableRow<usize>,
    table: Table,
    signal: bool,
    return_column: u16,
}

/// The CFA as a register plus an offset (DWARF register numbers: 6 is rbp, 7 is rsp).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CfaLocation {
    pub register: u16,
    pub offset: i64,
}

pub(crate) struct Unwinder {
    eh_frame: Option<(EhFrame<Reader>, BaseAddresses)>,
    debug_frame: Option<(DebugFrame<Reader>, BaseAddresses)>,
    index: OnceLock<Vec<FdeRange>>,
    rows: Mutex<HashMap<u64, Option<Arc<CachedRow>>>>,
}

/// The sigreturn trampoline's code: `mov $15,%rax; syscall` (rt_sigreturn).
const SIGRETURN_CODE: [u8; 9] = [0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05];

/// Offset of the general registers in the `ucontext` the kernel puts at the trampoline's stack pointer
/// (uc_flags, uc_link, uc_stack come first), and each register's slot in them (struct sigcontext).
const UC_MCONTEXT_GREGS: u64 = 40;
const SIGCONTEXT_SLOTS: [(u16, u64); 17] = [
    (8, 0),   // r8
    (9, 1),   // r9
    (10, 2),  // r10
    (11, 3),  // r11
    (12, 4),  // r12
    (13, 5),  // r13
    (14, 6),  // r14
    (15, 7),  // r15
    (5, 8),   // rdi
    (4, 9),   // rsi
    (6, 10),  // rbp
    (3, 11),  // rbx
    (1, 12),  // rdx
    (0, 13),  // rax
    (2, 14),  // rcx
    (7, 15),  // rsp
    (16, 16), // rip
];

const ENCODING: Encoding = Encoding { address_size: 8, format: Format::Dwarf32, version: 4 };

impl Unwinder {
    /// `eh_frame` is the section's data and address; `text` the address of `.text` (for pcrel bases).
    pub fn new(eh_frame: Option<(Reader, u64)>, debug_frame: Option<Reader>, text: Option<u64>) -> Unwinder {
        let eh_frame = eh_frame.map(|(data, addr)| {
            let mut bases = BaseAddresses::default().set_eh_frame(addr);
            if let Some(text) = text {
                bases = bases.set_text(text);
            }
            (EhFrame::from(data), bases)
        });
        let debug_frame = debug_frame.map(|data| (DebugFrame::from(data), BaseAddresses::default()));
        Unwinder { eh_frame, debug_frame, index: OnceLock::new(), rows: Mutex::new(HashMap::new()) }
    }

    /// The CFA rule at `pc` when it is a register plus an offset (what DW_OP_call_frame_cfa needs
    /// for frame 0 without a full unwind); None without CFI or for an expression rule.
    pub fn cfa_rule(&self, pc: u64) -> Option<CfaLocation> {
        match self.row_at(pc)?.row.cfa() {
            CfaRule::RegisterAndOffset { register, offset } => {
                Some(CfaLocation { register: register.0, offset: *offset })
            }
            CfaRule::Expression(_) => None,
        }
    }

    /// Whether the FDE covering `pc` marks a signal trampoline ('S' augmentation).
    pub fn is_signal_frame(&self, pc: u64) -> bool {
        self.row_at(pc).is_some_and(|r| r.signal)
    }

    /// Unwinds the frame whose registers are `regs`, looking its rules up at `pc` (a file address:
    /// the frame's pc, or pc-1 for a frame that made a call, as gdb's `get_frame_address_in_block`).
    pub fn step(
        &self,
        pc: u64,
        regs: &UnwindRegisters,
        memory: &mut dyn UnwindMemory,
    ) -> Result<UnwindStep, UnwindError> {
        let cached = self.row_at(pc).ok_or(UnwindError::NoCfi(pc))?;
        let row = &cached.row;
        let cfa = match row.cfa() {
            CfaRule::RegisterAndOffset { register, offset } => {
                regs.get(register.0).ok_or(UnwindError::Register(register.0))?.wrapping_add_signed(*offset)
            }
            CfaRule::Expression(expr) => {
                let expr = self.expression(cached.table, expr)?;
                evaluate(expr, None, regs, memory)?
            }
        };
        let mut caller = UnwindRegisters::default();
        let mut saved = Vec::new();
        for number in 0..UNWIND_REGISTERS as u16 {
            let rule = row.register(Register(number));
            let column = if number == RIP { cached.return_column } else { number };
            let rule = if column == number { rule } else { row.register(Register(column)) };
            let (value, at) = match rule {
                None if number == RSP => (Some(cfa), Some(SavedAt::Value)),
                // gdb's default for columns the CFI does not mention: the caller's value is this
                // frame's (same value), except the return address, which has no default.
                None if number == RIP => (None, None),
                None | Some(RegisterRule::SameValue) => (regs.get(number), None),
                Some(RegisterRule::Undefined) => (None, None),
                Some(RegisterRule::Offset(offset)) => {
                    let addr = cfa.wrapping_add_signed(offset);
                    (
                        Some(memory.read_u64(addr).ok_or(UnwindError::Memory(addr))?),
                        Some(SavedAt::Memory(addr)),
                    )
                }
                Some(RegisterRule::ValOffset(offset)) => {
                    (Some(cfa.wrapping_add_signed(offset)), Some(SavedAt::Value))
                }
                Some(RegisterRule::Register(other)) => (regs.get(other.0), Some(SavedAt::Register(other.0))),
                Some(RegisterRule::Expression(expr)) => {
                    let expr = self.expression(cached.table, &expr)?;
                    let addr = evaluate(expr, Some(cfa), regs, memory)?;
                    (
                        Some(memory.read_u64(addr).ok_or(UnwindError::Memory(addr))?),
                        Some(SavedAt::Memory(addr)),
                    )
                }
                Some(RegisterRule::ValExpression(expr)) => {
                    let expr = self.expression(cached.table, &expr)?;
                    (Some(evaluate(expr, Some(cfa), regs, memory)?), Some(SavedAt::Value))
                }
                Some(RegisterRule::Constant(value)) => (Some(value), Some(SavedAt::Value)),
                Some(_) => return Err(UnwindError::Unsupported),
            };
            caller.set(number, value);
            if let Some(at) = at {
                saved.push((number, at));
            }
        }
        if caller.get(RIP).is_none() {
            return Err(UnwindError::Outermost);
        }
        Ok(UnwindStep { cfa, caller, saved, signal_frame: cached.signal })
    }

    fn expression(
        &self,
        table: Table,
        expr: &UnwindExpression<usize>,
    ) -> Result<Expression<Reader>, UnwindError> {
        let parsed = match (table, &self.eh_frame, &self.debug_frame) {
            (Table::Eh, Some((eh, _)), _) => expr.get(eh),
            (Table::Debug, _, Some((debug, _))) => expr.get(debug),
            _ => return Err(UnwindError::Unsupported),
        };
        parsed.map_err(|_| UnwindError::Unsupported)
    }

    /// The rule row for `pc`, computed once per pc.
    fn row_at(&self, pc: u64) -> Option<Arc<CachedRow>> {
        // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        rows.entry(pc).or_insert_with(|| self.compute_row(pc).map(Arc::new)).clone()
    }

    fn compute_row(&self, pc: u64) -> Option<CachedRow> {
        let index = self.index.get_or_init(|| self.build_index());
        // The last FDE starting at or before pc; FDEs do not overlap in practice, but a zero-length
        // or stale one may precede the right one, so look back a little.
        let upper = index.partition_point(|f| f.start <= pc);
        let fde = index[..upper].iter().rev().take(4).find(|f| pc < f.end)?;
        let mut ctx = UnwindContext::new();
        match fde.table {
            Table::Eh => {
                let (eh, bases) = self.eh_frame.as_ref()?;
                let fde = eh.fde_from_offset(bases, fde.offset.into(), EhFrame::cie_from_offset).ok()?;
                let row = fde.unwind_info_for_address(eh, bases, &mut ctx, pc).ok()?.clone();
                let return_column = fde.cie().return_address_register().0;
                Some(CachedRow { row, table: Table::Eh, signal: fde.is_signal_trampoline(), return_column })
            }
            Table::Debug => {
                let (debug, bases) = self.debug_frame.as_ref()?;
                let fde =
                    debug.fde_from_offset(bases, fde.offset.into(), DebugFrame::cie_from_offset).ok()?;
                let row = fde.unwind_info_for_address(debug, bases, &mut ctx, pc).ok()?.clone();
                let return_column = fde.cie().return_address_register().0;
                Some(CachedRow {
                    row,
                    table: Table::Debug,
                    signal: fde.is_signal_trampoline(),
                    return_column,
                })
            }
        }
    }

    /// Every FDE's range, sorted by start; `.eh_frame` first so it wins over `.debug_frame` on ties
    /// (gdb also prefers it).
    fn build_index(&self) -> Vec<FdeRange> {
        let mut out = Vec::new();
        if let Some((eh, bases)) = &self.eh_frame {
            collect_fdes(eh, bases, Table::Eh, &mut out);
        }
        if let Some((debug, bases)) = &self.debug_frame {
            collect_fdes(debug, bases, Table::Debug, &mut out);
        }
        out.sort_by_key(|f| (f.start, f.table == Table::Debug));
        out
    }
}

fn collect_fdes<S: UnwindSection<Reader>>(
    section: &S,
    bases: &BaseAddresses,
    table: Table,
    out: &mut Vec<FdeRange>,
) {
    let mut entries = section.entries(bases);
    // A malformed entry ends the walk: what was read so far stays usable.
    while let Ok(Some(entry)) = entries.next() {
        let gimli::CieOrFde::Fde(partial) = entry else { continue };
        let Ok(fde) = partial.parse(S::cie_from_offset) else { continue };
        if fde.len() == 0 {
            continue;
        }
        out.push(FdeRange {
            start: fde.initial_address(),
            end: fde.end_address(),
            table,
            offset: fde.offset(),
        });
    }
}

/// Runs a CFI expression; `initial` is pushed first (the CFA, for register rules).
fn evaluate(
    expr: Expression<Reader>,
    initial: Option<u64>,
    regs: &UnwindRegisters,
    memory: &mut dyn UnwindMemory,
) -> Result<u64, UnwindError> {
    let mut eval = expr.evaluation(ENCODING);
    if let Some(value) = initial {
        eval.set_initial_value(value);
    }
    let mut state = eval.evaluate().map_err(|_| UnwindError::Unsupported)?;
    loop {
        state = match state {
            EvaluationResult::Complete => break,
            EvaluationResult::RequiresMemory { address, size, .. } => {
                let size = usize::from(size).clamp(1, 8);
                let mut raw = [0u8; 8];
                if !memory.read(address, &mut raw[..size]) {
                    return Err(UnwindError::Memory(address));
                }
                eval.resume_with_memory(Value::Generic(u64::from_le_bytes(raw)))
            }
            EvaluationResult::RequiresRegister { register, .. } => {
                let value = regs.get(register.0).ok_or(UnwindError::Register(register.0))?;
                eval.resume_with_register(Value::Generic(value))
            }
            _ => return Err(UnwindError::Unsupported),
        }
        .map_err(|_| UnwindError::Unsupported)?;
    }
    match eval.as_result().first().map(|piece| &piece.location) {
        Some(Location::Address { address }) => Ok(*address),
        Some(Location::Value { value }) => Ok(value.to_u64(!0).map_err(|_| UnwindError::Unsupported)?),
        _ => Err(UnwindError::Unsupported),
    }
}

impl super::module::Module {
    /// One unwinding step of the frame with registers `regs`, its rules looked up at `pc` (a file
    /// address of this module: the frame's pc, or pc-1 for a frame that is making a call).
    pub fn unwind_step(
        &self,
        pc: crate::addr::FileAddr,
        regs: &UnwindRegisters,
        memory: &mut dyn UnwindMemory,
    ) -> Result<UnwindStep, UnwindError> {
        self.unwinder().step(pc.0, regs, memory)
    }

    /// Whether the CFI covering `pc` marks a signal trampoline (gdb's SIGTRAMP_FRAME).
    pub fn is_signal_trampoline(&self, pc: crate::addr::FileAddr) -> bool {
        self.unwinder().is_signal_frame(pc.0)
    }
}

/// The kernel's sigreturn trampoline without CFI of its own: when `pc` holds its code, the caller's
/// registers are those the kernel saved in the `ucontext` at the frame's stack pointer. The CFA is
/// gdb's for such frames (the stack pointer plus 8).
pub fn sigreturn_step(regs: &UnwindRegisters, memory: &mut dyn UnwindMemory) -> Option<UnwindStep> {
    let pc = regs.get(RIP)?;
    let mut code = [0u8; SIGRETURN_CODE.len()];
    if !memory.read(pc, &mut code) || code != SIGRETURN_CODE {
        return None;
    }
    let sp = regs.get(RSP)?;
    let gregs = sp.checked_add(UC_MCONTEXT_GREGS)?;
    let mut caller = UnwindRegisters::default();
    let mut saved = Vec::new();
    for (number, slot) in SIGCONTEXT_SLOTS {
        let addr = gregs + slot * 8;
        caller.set(number, Some(memory.read_u64(addr)?));
        saved.push((number, SavedAt::Memory(addr)));
    }
    saved.sort_by_key(|(n, _)| *n);
    Some(UnwindStep { cfa: sp.wrapping_add(8), caller, saved, signal_frame: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stack of little-endian words at a base address.
    struct Words {
        base: u64,
        bytes: Vec<u8>,
    }

    impl UnwindMemory for Words {
        fn read(&mut self, addr: u64, buf: &mut [u8]) -> bool {
            let Some(start) = addr.checked_sub(self.base).map(|o| o as usize) else { return false };
            match self.bytes.get(start..start + buf.len()) {
                Some(src) => {
                    buf.copy_from_slice(src);
                    true
                }
                None => false,
            }
        }
    }

    /// gcc -O0 code: after `push %rbp; mov %rsp,%rbp` the CFA is rbp+16, the caller's rbp is saved at
    /// CFA-16 and its rip at CFA-8; rsp becomes the CFA. Before the push, the CFA is rsp+8.
    #[test]
    fn unwinds_a_compiled_function_by_its_fde() {
        let program = crate::test_programs::c_program("recursion");
        let module = super::super::Module::load(&program).expect("load recursion");
        let start = module.lookup_symbol("factorial").expect("factorial");
        let rbp = 0x7000u64;
        let mut bytes = vec![0u8; 64];
        bytes[0..8].copy_from_slice(&0x6ff0u64.to_le_bytes()); // saved rbp at CFA-16
        bytes[8..16].copy_from_slice(&0x401234u64.to_le_bytes()); // return address at CFA-8
        let mut stack = Words { base: rbp, bytes };
        let mut regs = UnwindRegisters::default();
        regs.set(6, Some(rbp));
        regs.set(RSP, Some(rbp - 32));
        regs.set(3, Some(0xb));
        // Well inside the body: the frame pointer is set up.
        let body = crate::addr::FileAddr(start.0 + 12);
        let step = module.unwind_step(body, &regs, &mut stack).expect("unwinds");
        assert_eq!(step.cfa, rbp + 16);
        assert_eq!(step.caller.get(RIP), Some(0x401234));
        assert_eq!(step.caller.get(6), Some(0x6ff0));
        assert_eq!(step.caller.get(RSP), Some(rbp + 16));
        assert_eq!(step.caller.get(3), Some(0xb), "rbx is the same value");
        assert!(step.saved.contains(&(6, SavedAt::Memory(rbp))));
        assert!(step.saved.contains(&(RIP, SavedAt::Memory(rbp + 8))));
        assert!(!step.signal_frame);
        // At the entry: only the return address is on the stack, at rsp.
        let mut regs = UnwindRegisters::default();
        regs.set(RSP, Some(rbp + 8));
        let step = module.unwind_step(start, &regs, &mut stack).expect("unwinds at entry");
        assert_eq!(step.cfa, rbp + 16);
        assert_eq!(step.caller.get(RIP), Some(0x401234));
        // No FDE covers address 0.
        let none = module.unwind_step(crate::addr::FileAddr(0), &regs, &mut stack);
        assert_eq!(none, Err(UnwindError::NoCfi(0)));
    }

    #[test]
    fn sigreturn_restores_the_saved_context() {
        let sp = 0x7000u64;
        let mut bytes = vec![0u8; 40 + 8 * 32];
        for (number, slot) in SIGCONTEXT_SLOTS {
            let at = (UC_MCONTEXT_GREGS + slot * 8) as usize;
            bytes[at..at + 8].copy_from_slice(&(0x1000 + u64::from(number)).to_le_bytes());
        }
        let mut stack = Words { base: sp, bytes };
        // The trampoline's code lives elsewhere: put it in a second region through a wrapper.
        struct WithCode<'a>(&'a mut Words);
        impl UnwindMemory for WithCode<'_> {
            fn read(&mut self, addr: u64, buf: &mut [u8]) -> bool {
                if addr == 0x400000 && buf.len() == SIGRETURN_CODE.len() {
                    buf.copy_from_slice(&SIGRETURN_CODE);
                    return true;
                }
                self.0.read(addr, buf)
            }
        }
        let mut regs = UnwindRegisters::default();
        regs.set(RIP, Some(0x400000));
        regs.set(RSP, Some(sp));
        let step = sigreturn_step(&regs, &mut WithCode(&mut stack)).expect("a signal frame");
        assert!(step.signal_frame);
        assert_eq!(step.caller.get(RIP), Some(0x1010));
        assert_eq!(step.caller.get(RSP), Some(0x1007));
        assert_eq!(step.caller.get(0), Some(0x1000));
        assert_eq!(step.cfa, sp + 8);
        // Not the trampoline: no frame.
        regs.set(RIP, Some(0x400001));
        assert!(sigreturn_step(&regs, &mut WithCode(&mut stack)).is_none());
    }
}
