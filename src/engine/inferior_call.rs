//! Calls into the stopped program (`print add(1, 2)`, `call reset()`), as gdb makes them: the
//! registers are saved, the arguments laid out by the x86-64 System V ABI (engine/sysv_abi.rs),
//! and the function started with the program's entry point as its return address, where an
//! internal breakpoint waits (gdb's AT_ENTRY_POINT dummy frame). When the call returns there, its
//! value is read like `finish` reads one and the registers are put back.
//!
//! A call can stop before it returns (a breakpoint in the function, a signal). The dummy frame
//! then stays: the user is in the called function, and when it returns to the entry point, the
//! program stops silently with the caller's registers restored, as gdb does.

use crate::addr::RuntimeAddr;
use crate::eval::CallArgument;
use crate::symbols::types::TypeRef;
use crate::target::{ExtendedRegisters, Registers};

use super::breakpoints::InternalOwner;
use super::control::Outcome;
use super::error::EngineError;
use super::return_value::return_value_bytes;
use super::session::Debugger;
use super::stop::{Stop, StopReason};
use super::sysv_abi::{eightbyte_classes, Class};

/// How a call ended.
#[derive(Debug)]
pub enum CallOutcome {
    /// It returned: the value's bytes (None for `void`).
    Returned(Option<Vec<u8>>),
    /// It stopped before returning (breakpoint, signal, exit).
    Stopped(Stop),
}

/// A call that has not returned yet: where it returns and what to put back when it does.
pub(super) struct DummyFrame {
    /// The entry point the call returns to.
    return_to: RuntimeAddr,
    /// The stack pointer once the function has returned (its return address popped).
    sp_after_return: u64,
    saved: Registers,
    saved_extended: ExtendedRegisters,
    /// The signal the program was stopped by, to be delivered when it resumes: held back while
    /// the called function runs, as gdb does, and given back when the call is over.
    pending_signal: Option<i32>,
}

/// The registers INTEGER eightbytes go in, in order.
const INTEGER_REGISTERS: [&str; 6] = ["rdi", "rsi", "rdx", "rcx", "r8", "r9"];
/// xmm0-xmm7 carry SSE eightbytes.
const SSE_REGISTERS: usize = 8;
/// The callee may use 128 bytes below the stack pointer (the red zone); gdb skips it.
const RED_ZONE: u64 = 128;

fn align_down(value: u64, to: u64) -> u64 {
    value & !(to - 1)
}

fn word(bytes: &[u8], eightbyte: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    let chunk = bytes.get(eightbyte * 8..).unwrap_or(&[]);
    let n = chunk.len().min(8);
    out[..n].copy_from_slice(&chunk[..n]);
    out
}

/// Where each argument goes.
#[derive(Default)]
struct Layout {
    integer: Vec<u64>,
    sse: Vec<[u8; 8]>,
    /// Arguments passed on the stack, in order, each padded to eightbytes.
    memory: Vec<u8>,
}

impl Layout {
    /// Places one value: in registers when all of its eightbytes fit, else on the stack.
    fn place(&mut self, classes: Option<Vec<Class>>, bytes: &[u8]) {
        if let Some(classes) = classes {
            let integers = classes.iter().filter(|c| **c == Class::Integer).count();
            let sses = classes.len() - integers;
            if self.integer.len() + integers <= INTEGER_REGISTERS.len()
                && self.sse.len() + sses <= SSE_REGISTERS
            {
                for (i, class) in classes.iter().enumerate() {
                    match class {
                        Class::Integer => self.integer.push(u64::from_le_bytes(word(bytes, i))),
                        Class::Sse => self.sse.push(word(bytes, i)),
                    }
                }
                return;
            }
        }
        self.memory.extend_from_slice(bytes);
        self.memory.resize(self.memory.len().div_ceil(8) * 8, 0);
    }
}

impl DummyFrame {
    /// The registers of the frame this call interrupted, when a frame with pc `pc` and stack
    /// pointer `sp` is this call's return.
    pub(super) fn interrupted_by(&self, pc: RuntimeAddr, sp: u64) -> Option<Registers> {
        (pc == self.return_to && sp == self.sp_after_return).then_some(self.saved)
    }
}

impl Debugger {
    /// Calls the function at `function` with `args`, expecting a value of type `returns`.
    pub fn call_function(
        &mut self,
        function: RuntimeAddr,
        args: &[CallArgument],
        returns: &TypeRef,
    ) -> Result<CallOutcome, EngineError> {
        let saved = self.registers()?;
        let saved_extended = self.extended_registers()?;
        let return_to = self.dummy_return_address()?;

        // Scratch space below the red zone: temporaries, then the return value's memory.
        let mut sp = align_down(saved.sp().wrapping_sub(RED_ZONE), 16);
        let mut layout = Layout::default();
        let mut extended = saved_extended.clone();
        let returns_in_memory =
            eightbyte_classes(returns).is_none() && !super::sysv_abi::is_long_double(returns);
        if returns_in_memory {
            sp = align_down(sp.wrapping_sub(returns.size()), 16);
            // The caller's buffer goes in rdi, as a hidden first argument; rax returns it.
            layout.integer.push(sp);
        }
        for arg in args {
            match arg {
                CallArgument::Temporary(bytes) => {
                    sp = align_down(sp.wrapping_sub(bytes.len() as u64), 16);
                    self.write_memory(RuntimeAddr(sp), bytes)?;
                    layout.place(Some(vec![Class::Integer]), &sp.to_le_bytes());
                }
                CallArgument::Value { ty, bytes } => layout.place(eightbyte_classes(ty), bytes),
            }
        }
        // The stack arguments start at a 16-byte boundary, right above the return address.
        sp = align_down(sp.wrapping_sub(layout.memory.len() as u64), 16);
        if !layout.memory.is_empty() {
            self.write_memory(RuntimeAddr(sp), &layout.memory)?;
        }
        let sp_after_return = sp;
        sp -= 8;
        self.write_memory(RuntimeAddr(sp), &return_to.0.to_le_bytes())?;

        let mut regs = saved;
        for (name, value) in INTEGER_REGISTERS.iter().zip(&layout.integer) {
            regs.set(name, *value);
        }
        for (i, low) in layout.sse.iter().enumerate() {
            let mut xmm = [0u8; 16];
            xmm[..8].copy_from_slice(low);
            extended.set_xmm(i, xmm);
        }
        // A variadic callee reads how many vector registers carry arguments from al.
        regs.set("rax", layout.sse.len() as u64);
        regs.set("rsp", sp);
        regs.set_pc(function.0);
        // Stopped in a system call, the kernel would restart it on resuming: say there is none.
        regs.set("orig_rax", u64::MAX);
        {
            let tracee = &mut self.inferior_mut()?.tracee;
            tracee.set_registers(&regs)?;
            tracee.set_extended_registers(&extended)?;
        }

        let pending_signal = self.inferior_mut()?.pending_signal.take();
        self.dummy_frames.push(DummyFrame {
            return_to,
            sp_after_return,
            saved,
            saved_extended,
            pending_signal,
        });
        self.owners.add_internal(return_to, InternalOwner::CallDummy);
        let outcome = self.run_until(&[return_to], &|d, _| Ok(d.registers()?.sp() == sp_after_return))?;
        if let Outcome::Stop(stop) = outcome {
            if stop.reason.is_final() {
                self.dummy_frames.clear();
            }
            return Ok(CallOutcome::Stopped(stop));
        }
        let value = {
            let regs = self.registers()?;
            let ext = self.extended_registers().ok();
            let tracee = &mut self.inferior_mut()?.tracee;
            let mut read = |addr: u64, buf: &mut [u8]| tracee.read_memory(RuntimeAddr(addr), buf).is_ok();
            return_value_bytes(returns, &regs, ext.as_ref(), &mut read)
        };
        self.pop_dummy_frame()?;
        Ok(CallOutcome::Returned(value))
    }

    /// Where calls return: the program's entry point, code that never runs again once the
    /// program has started (gdb's AT_ENTRY_POINT).
    fn dummy_return_address(&mut self) -> Result<RuntimeAddr, EngineError> {
        let entry = self.program.as_ref().ok_or(EngineError::NoSymbolTable)?.entry();
        Ok(entry.relocate(self.bias()))
    }

    /// Whether the program is at the return of the innermost pending call.
    pub(super) fn at_dummy_return(&mut self, pc: RuntimeAddr) -> Result<bool, EngineError> {
        let Some(dummy) = self.dummy_frames.last() else { return Ok(false) };
        let (return_to, sp) = (dummy.return_to, dummy.sp_after_return);
        Ok(pc == return_to && self.registers()?.sp() == sp)
    }

    /// The innermost pending call has returned: put the caller's registers back.
    pub(super) fn pop_dummy_frame(&mut self) -> Result<(), EngineError> {
        let Some(dummy) = self.dummy_frames.pop() else { return Ok(()) };
        self.owners.remove_internal(dummy.return_to, InternalOwner::CallDummy);
        let inferior = self.inferior_mut()?;
        inferior.pending_signal = dummy.pending_signal;
        inferior.tracee.set_registers(&dummy.saved)?;
        inferior.tracee.set_extended_registers(&dummy.saved_extended)?;
        self.sync_sites()?;
        Ok(())
    }

    /// A call interrupted earlier has now returned (reached by `continue`): gdb stops there
    /// silently, back in the caller.
    pub(super) fn stop_at_dummy_return(&mut self) -> Result<Stop, EngineError> {
        self.pop_dummy_frame()?;
        self.stop_here(StopReason::CallReturned, None)
    }
}
