//! One traced process: its run state, cached registers, memory and int3 sites.
//!
//! Every ptrace request for a tracee must come from the thread that launched or attached it (the
//! kernel's rule); keep a `Tracee` on one thread.
//!
//! The hot paths (`stepi` and breakpoint hits) are kept to the syscalls they need: registers are read
//! once per stop and cached, `set_registers` updates the cache, and a stop costs one waitpid plus one
//! PTRACE_GETSIGINFO (needed to tell an int3 from a step from a sent SIGTRAP).

use nix::errno::Errno;

use crate::addr::RuntimeAddr;

use super::error::TargetError;
use super::event::{classify_trap, ResumeMode, TraceEvent, TrapKind};
use super::launch::{self, LaunchOptions};
use super::memory::Memory;
use super::process::{self, MapEntry};
use super::sites::{Sites, INT3};
use super::sys::{self, event, Status};
use super::{ExtendedRegisters, Registers};

/// Options for a process we attach to. No EXITKILL: if rdbg dies, a process it did not start must
/// live on.
const ATTACH_OPTIONS: i32 = libc::PTRACE_O_TRACESYSGOOD
    | libc::PTRACE_O_TRACEFORK
    | libc::PTRACE_O_TRACEVFORK
    | libc::PTRACE_O_TRACEVFORKDONE
    | libc::PTRACE_O_TRACEEXEC;

/// Room for the largest XSAVE area in use today (AVX-512 plus AMX tile data is under 11 KiB).
const XSTATE_BUFFER: usize = 16 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Origin {
    /// Started by us (PTRACE_TRACEME): killed when dropped.
    Launched,
    /// Attached with PTRACE_SEIZE: detached, never killed, when dropped.
    Attached,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RunState {
    /// In a ptrace stop: registers and memory may be touched.
    Stopped,
    /// Resumed and not yet waited for.
    Running,
    /// Exited, killed or detached.
    Gone,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum XstateSupport {
    Unknown,
    Yes,
    No,
}

/// How `stop_running` left the tracee: the signal to deliver on detach, and whether a SIGSTOP we
/// sent to stop it has not been consumed yet.
struct Interrupted {
    signal: i32,
    sigstop_pending: bool,
}

/// What to do with a stop `wait` has seen.
enum StopOutcome {
    Report(TraceEvent),
    /// Noise (group-stop, vfork-done, syscall stop): resume as before and wait again.
    Resume,
    /// The stop vanished (the tracee was killed in the meantime): wait again without resuming.
    WaitAgain,
}

pub struct Tracee {
    pid: i32,
    origin: Origin,
    state: RunState,
    last_mode: ResumeMode,
    /// The event the current stop was reported as (None while running or after a resume).
    last_event: Option<TraceEvent>,
    regs: Option<Registers>,
    xregs: Option<ExtendedRegisters>,
    xstate: XstateSupport,
    memory: Memory,
    sites: Sites,
    /// How many times the tracee was resumed: what the engine keys per-stop state on (the selected
    /// frame), since the same pc and stack can recur at the next stop.
    resumes: u64,
    /// The site last removed and the byte it restored. Stepping over a breakpoint removes its int3,
    /// steps and plants it again: replanting then needs no read of the byte (one syscall per hit).
    last_removed: Option<(u64, u8)>,
}

impl Tracee {
    fn new(pid: i32, origin: Origin) -> Tracee {
        Tracee {
            pid,
            origin,
            state: RunState::Stopped,
            last_mode: ResumeMode::Continue,
            last_event: None,
            regs: None,
            xregs: None,
            xstate: XstateSupport::Unknown,
            memory: Memory::new(pid),
            sites: Sites::new(),
            resumes: 0,
            last_removed: None,
        }
    }

    /// Starts the program stopped at its first instruction (ld.so's entry, or `_start` if static).
    pub fn launch(opts: &LaunchOptions) -> Result<Tracee, TargetError> {
        launch::spawn(opts).map(|pid| Tracee::new(pid, Origin::Launched))
    }

    /// Attaches to a running process and stops it.
    pub fn attach(pid: i32) -> Result<Tracee, TargetError> {
        sys::seize(pid, ATTACH_OPTIONS).map_err(|source| TargetError::Attach { pid, source })?;
        // From here on the Tracee owns the process: if anything fails, Drop detaches it.
        let mut tracee = Tracee::new(pid, Origin::Attached);
        tracee.state = RunState::Running;
        sys::interrupt(pid)?;
        loop {
            let status = tracee.wait_status()?;
            match Status::decode(status) {
                Status::Exited(_) | Status::Signaled { .. } => {
                    tracee.mark_gone();
                    return Err(TargetError::NotRunning);
                }
                Status::Stopped { event: event::STOP, .. } => break,
                // A signal arrived before our interrupt: let it through; the interrupt stays pending.
                Status::Stopped { signal, event: 0 } => sys::cont(pid, signal)?,
                // A fork under way when we seized: its child is traced too and must be let go.
                Status::Stopped { event: e @ (event::FORK | event::VFORK), .. } => {
                    tracee.release_fork_child(e == event::VFORK)?;
                    sys::cont(pid, 0)?;
                }
                // Some other event first (e.g. the end of an exec that was under way when we seized):
                // let it finish; the interrupt stays pending.
                Status::Stopped { .. } => sys::cont(pid, 0)?,
                Status::Other => {}
            }
        }
        tracee.state = RunState::Stopped;
        Ok(tracee)
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Counts resumes; two equal counts mean no instruction of the tracee ran in between.
    pub fn resume_count(&self) -> u64 {
        self.resumes
    }

    pub fn is_alive(&self) -> bool {
        self.state != RunState::Gone
    }

    /// Whether the tracee is in a ptrace stop (registers and memory can be used).
    pub fn is_stopped(&self) -> bool {
        self.state == RunState::Stopped
    }

    fn ensure_alive(&self) -> Result<(), TargetError> {
        match self.state {
            RunState::Gone => Err(TargetError::NotRunning),
            _ => Ok(()),
        }
    }

    fn ensure_stopped(&self) -> Result<(), TargetError> {
        match self.state {
            RunState::Stopped => Ok(()),
            RunState::Running => Err(TargetError::NotStopped { pid: self.pid }),
            RunState::Gone => Err(TargetError::NotRunning),
        }
    }

    fn mark_gone(&mut self) {
        self.state = RunState::Gone;
        self.sites.clear();
        self.last_removed = None;
        self.regs = None;
        self.xregs = None;
        self.memory.after_exec();
    }

    // ----- running ---------------------------------------------------------------------------------

    /// Lets the tracee run (or execute one instruction), delivering `signal` if given.
    pub fn resume(&mut self, mode: ResumeMode, signal: Option<i32>) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        self.resume_raw(mode, signal.unwrap_or(0))
    }

    fn resume_raw(&mut self, mode: ResumeMode, signal: i32) -> Result<(), TargetError> {
        self.resumes = self.resumes.wrapping_add(1);
        self.last_event = None;
        self.regs = None;
        self.xregs = None;
        self.memory.invalidate();
        let result = match mode {
            ResumeMode::Continue => sys::cont(self.pid, signal),
            ResumeMode::SingleStep => sys::single_step(self.pid, signal),
        };
        match result {
            Ok(()) => {}
            // Killed while stopped (SIGKILL from outside): `wait` will collect its death.
            Err(TargetError::Ptrace { source: Errno::ESRCH, .. }) => {}
            Err(e) => return Err(e),
        }
        self.state = RunState::Running;
        self.last_mode = mode;
        Ok(())
    }

    fn wait_status(&mut self) -> Result<i32, TargetError> {
        sys::wait_pid(self.pid).map_err(|source| {
            if source == Errno::ECHILD {
                // Someone else reaped it; nothing is left to trace.
                self.mark_gone();
                TargetError::NotRunning
            } else {
                TargetError::Os { op: "waitpid", source }
            }
        })
    }

    /// Blocks until the tracee stops for a reason the engine cares about, or dies.
    pub fn wait(&mut self) -> Result<TraceEvent, TargetError> {
        match self.state {
            RunState::Gone => return Err(TargetError::NotRunning),
            RunState::Stopped => return Err(TargetError::NotResumed { pid: self.pid }),
            RunState::Running => {}
        }
        loop {
            let status = self.wait_status()?;
            match Status::decode(status) {
                Status::Exited(code) => {
                    self.mark_gone();
                    return Ok(TraceEvent::Exited { code });
                }
                Status::Signaled { signal, core_dumped } => {
                    self.mark_gone();
                    return Ok(TraceEvent::Signaled { signal, core_dumped });
                }
                Status::Other => continue,
                Status::Stopped { signal, event } => {
                    self.state = RunState::Stopped;
                    match self.on_stop(signal, event)? {
                        StopOutcome::Report(ev) => {
                            self.last_event = Some(ev);
                            return Ok(ev);
                        }
                        StopOutcome::Resume => self.resume_raw(self.last_mode, 0)?,
                        StopOutcome::WaitAgain => self.state = RunState::Running,
                    }
                }
            }
        }
    }

    fn on_stop(&mut self, signal: i32, ptrace_event: i32) -> Result<StopOutcome, TargetError> {
        match ptrace_event {
            0 => {}
            event::FORK | event::VFORK => {
                let child = self.release_fork_child(ptrace_event == event::VFORK)?;
                return Ok(StopOutcome::Report(TraceEvent::Forked { child }));
            }
            event::EXEC => {
                // The old address space, and every int3 in it, is gone.
                self.sites.clear();
                self.last_removed = None;
                self.memory.after_exec();
                return Ok(StopOutcome::Report(TraceEvent::Exec));
            }
            event::VFORK_DONE => {
                self.replant();
                return Ok(StopOutcome::Resume);
            }
            // Group-stop under SEIZE (event::STOP), or events we never asked for.
            _ => return Ok(StopOutcome::Resume),
        }
        if signal == libc::SIGTRAP | 0x80 {
            // A syscall stop (TRACESYSGOOD); this layer never requests them.
            return Ok(StopOutcome::Resume);
        }
        // The breakpoint-hit fast path: after a continue, a SIGTRAP with the pc just past one of our
        // int3s is that int3 (the registers are needed next anyway, and stay cached), so the
        // GETSIGINFO round trip is skipped.
        if signal == libc::SIGTRAP && self.last_mode == ResumeMode::Continue {
            if let Ok(regs) = self.registers() {
                if self.sites.contains(regs.pc().wrapping_sub(1)) {
                    return Ok(StopOutcome::Report(TraceEvent::Breakpoint));
                }
            }
        }
        match sys::siginfo(self.pid) {
            Ok(info) if signal == libc::SIGTRAP => {
                Ok(StopOutcome::Report(match classify_trap(info.si_code) {
                    TrapKind::Int3 => TraceEvent::Breakpoint,
                    TrapKind::Step => TraceEvent::SingleStep,
                    TrapKind::Sent => TraceEvent::Signal { signal },
                }))
            }
            Ok(_) => Ok(StopOutcome::Report(TraceEvent::Signal { signal })),
            // No siginfo for a group-stop (SIGSTOP/SIGTSTP took effect): not an event, let it go on.
            Err(Errno::EINVAL) => Ok(StopOutcome::Resume),
            Err(Errno::ESRCH) => Ok(StopOutcome::WaitAgain),
            Err(source) => Err(TargetError::Ptrace { request: "GETSIGINFO", pid: self.pid, source }),
        }
    }

    /// A fork or vfork child starts traced and stopped, holding copies of our int3s. Takes the int3s
    /// out of it and lets it go. A vfork child shares our memory: then the int3s come out of the shared
    /// memory until the child execs or exits (PTRACE_EVENT_VFORK_DONE puts them back).
    fn release_fork_child(&mut self, vfork: bool) -> Result<i32, TargetError> {
        let child = sys::event_message(self.pid)? as i32;
        loop {
            match sys::wait_pid(child).map(Status::decode) {
                Ok(Status::Stopped { .. }) => break,
                Ok(Status::Other) => continue,
                // Already gone (killed): nothing to clean.
                Ok(Status::Exited(_) | Status::Signaled { .. }) | Err(_) => return Ok(child),
            }
        }
        if vfork {
            if self.sites.planted() {
                for (addr, original) in self.sites.entries().collect::<Vec<_>>() {
                    let _ = self.memory.write(addr, &[original]);
                }
                self.sites.set_planted(false);
            }
        } else {
            for (addr, original) in self.sites.entries() {
                // Best effort: if one cannot be restored the child may trap, but it must not stay stopped.
                let _ = sys::poke_bytes(child, addr, &[original]);
            }
        }
        let _ = sys::detach(child, 0);
        Ok(child)
    }

    /// Puts the int3s back after a vfork child released the shared memory.
    fn replant(&mut self) {
        if self.sites.planted() {
            return;
        }
        self.sites.set_planted(true);
        for addr in self.sites.addresses().collect::<Vec<_>>() {
            let _ = self.memory.write(addr, &[INT3]);
        }
    }

    // ----- registers -------------------------------------------------------------------------------

    pub fn registers(&mut self) -> Result<Registers, TargetError> {
        self.ensure_stopped()?;
        if let Some(regs) = self.regs {
            return Ok(regs);
        }
        let regs = Registers::from_raw(sys::get_regs(self.pid)?);
        self.regs = Some(regs);
        Ok(regs)
    }

    pub fn set_registers(&mut self, regs: &Registers) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        sys::set_regs(self.pid, &regs.raw)?;
        self.regs = Some(*regs);
        Ok(())
    }

    /// The XSAVE area (x87, SSE, AVX, AVX-512 ...), or the 512-byte FXSAVE area on kernels without it.
    pub fn extended_registers(&mut self) -> Result<ExtendedRegisters, TargetError> {
        self.ensure_stopped()?;
        if let Some(x) = &self.xregs {
            return Ok(x.clone());
        }
        let area = if self.xstate == XstateSupport::No { None } else { self.read_xstate()? };
        let regs = ExtendedRegisters::from_xsave(match area {
            Some(area) => area,
            None => sys::get_fpregs(self.pid)?,
        });
        self.xregs = Some(regs.clone());
        Ok(regs)
    }

    /// The XSAVE area, or None when the kernel does not offer NT_X86_XSTATE.
    fn read_xstate(&mut self) -> Result<Option<Vec<u8>>, TargetError> {
        let mut area = vec![0u8; XSTATE_BUFFER];
        match sys::get_xstate(self.pid, &mut area) {
            Ok(len) => {
                area.truncate(len);
                self.xstate = XstateSupport::Yes;
                Ok(Some(area))
            }
            Err(Errno::EINVAL | Errno::EIO | Errno::ENODEV | Errno::EOPNOTSUPP)
                if self.xstate == XstateSupport::Unknown =>
            {
                self.xstate = XstateSupport::No;
                Ok(None)
            }
            Err(source) => Err(TargetError::Ptrace { request: "GETREGSET", pid: self.pid, source }),
        }
    }

    pub fn set_extended_registers(&mut self, regs: &ExtendedRegisters) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        let len = regs.xsave.len();
        if len < sys::FXSAVE_LEN {
            return Err(TargetError::BadExtendedState { len });
        }
        if self.xstate == XstateSupport::No {
            sys::set_fpregs(self.pid, &regs.xsave)?;
        } else {
            sys::set_xstate(self.pid, &regs.xsave)?;
        }
        self.xregs = Some(regs.clone());
        Ok(())
    }

    // ----- memory ----------------------------------------------------------------------------------

    /// Reads `buf.len()` bytes at `addr`, showing original bytes where int3s are planted.
    pub fn read_memory(&mut self, addr: RuntimeAddr, buf: &mut [u8]) -> Result<(), TargetError> {
        self.ensure_alive()?;
        let n = self.read_shadowed(addr.0, buf);
        if n == buf.len() {
            Ok(())
        } else {
            Err(TargetError::Memory { addr: addr.0.wrapping_add(n as u64) })
        }
    }

    /// Reads as much as possible from `addr` on; returns how many bytes (from the start) were read.
    pub fn read_memory_partial(&mut self, addr: RuntimeAddr, buf: &mut [u8]) -> usize {
        if self.ensure_alive().is_err() {
            return 0;
        }
        self.read_shadowed(addr.0, buf)
    }

    fn read_shadowed(&mut self, addr: u64, buf: &mut [u8]) -> usize {
        let n = self.memory.read(addr, buf);
        self.sites.shadow(addr, &mut buf[..n]);
        if self.state == RunState::Running {
            // A running process changes its memory: what was just cached is already stale.
            self.memory.invalidate();
        }
        n
    }

    /// Writes `data` at `addr` (read-only text included). Bytes under planted int3s become those
    /// sites' originals; the int3s stay.
    pub fn write_memory(&mut self, addr: RuntimeAddr, data: &[u8]) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        // The program's bytes may change under a removed site: read them again when replanting.
        self.last_removed = None;
        let physical = self.sites.physical_bytes(addr.0, data);
        let result = self.memory.write(addr.0, &physical);
        let written = match result {
            Ok(()) => data.len(),
            Err(failed) => usize::try_from(failed.wrapping_sub(addr.0)).unwrap_or(0).min(data.len()),
        };
        self.sites.commit_write(addr.0, &data[..written]);
        result.map_err(|addr| TargetError::Memory { addr })
    }

    // ----- int3 sites ------------------------------------------------------------------------------

    /// Plants an int3 at `addr`, remembering the byte it replaces. No-op if one is there already.
    pub fn insert_site(&mut self, addr: RuntimeAddr) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        if self.sites.contains(addr.0) {
            return Ok(());
        }
        let mut original = [0u8];
        match self.last_removed.take() {
            Some((removed, byte)) if removed == addr.0 => original[0] = byte,
            _ => {
                if self.memory.read(addr.0, &mut original) != 1 {
                    return Err(TargetError::Memory { addr: addr.0 });
                }
            }
        }
        if self.sites.planted() {
            self.memory.write(addr.0, &[INT3]).map_err(|addr| TargetError::Memory { addr })?;
        }
        self.sites.add(addr.0, original[0]);
        Ok(())
    }

    /// Puts the original byte back at `addr`. No-op if no site is there.
    pub fn remove_site(&mut self, addr: RuntimeAddr) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        let Some(original) = self.sites.remove(addr.0) else {
            return Ok(());
        };
        if self.sites.planted() {
            if let Err(failed) = self.memory.write(addr.0, &[original]) {
                // The int3 is still in memory: keep tracking it so reads stay shadowed.
                self.sites.add(addr.0, original);
                return Err(TargetError::Memory { addr: failed });
            }
        }
        self.last_removed = Some((addr.0, original));
        Ok(())
    }

    /// Drops the site at `addr` without touching memory: the memory itself is gone (a shared library
    /// was unmapped), so there is no int3 to lift and no byte to restore.
    pub fn forget_site(&mut self, addr: RuntimeAddr) {
        self.sites.remove(addr.0);
        self.last_removed = None;
    }

    pub fn has_site(&self, addr: RuntimeAddr) -> bool {
        self.sites.contains(addr.0)
    }

    pub fn site_addresses(&self) -> Vec<RuntimeAddr> {
        self.sites.addresses().map(RuntimeAddr).collect()
    }

    /// Restores every original byte (used before detaching).
    fn remove_all_sites(&mut self) {
        if self.sites.planted() {
            for (addr, original) in self.sites.entries().collect::<Vec<_>>() {
                let _ = self.memory.write(addr, &[original]);
            }
        }
        self.sites.clear();
        self.last_removed = None;
    }

    // ----- /proc -----------------------------------------------------------------------------------

    /// The auxiliary vector: (AT_* type, value) pairs.
    pub fn auxv(&mut self) -> Result<Vec<(u64, u64)>, TargetError> {
        self.ensure_alive()?;
        process::auxv(self.pid)
    }

    /// The memory map, as /proc/PID/maps lists it.
    pub fn memory_map(&mut self) -> Result<Vec<MapEntry>, TargetError> {
        self.ensure_alive()?;
        process::memory_map(self.pid)
    }

    // ----- ending ----------------------------------------------------------------------------------

    /// Kills the process and reaps it. Fine on a tracee that is already gone.
    pub fn kill(&mut self) -> Result<(), TargetError> {
        if self.state != RunState::Gone {
            launch::kill_and_reap(self.pid);
            self.mark_gone();
        }
        Ok(())
    }

    /// Debug register `index`: DR0-DR3 hold watched addresses, DR6 says which fired, DR7 enables
    /// them (engine/watchpoints.rs decides what goes in).
    pub fn debug_register(&mut self, index: usize) -> Result<u64, TargetError> {
        self.ensure_stopped()?;
        sys::debug_register(self.pid, index)
    }

    pub fn set_debug_register(&mut self, index: usize, value: u64) -> Result<(), TargetError> {
        self.ensure_stopped()?;
        sys::set_debug_register(self.pid, index, value)
    }

    /// Takes every int3 out and lets the process run on untraced.
    pub fn detach(mut self) -> Result<(), TargetError> {
        self.detach_inner()
    }

    fn detach_inner(&mut self) -> Result<(), TargetError> {
        let stopped = match self.state {
            RunState::Gone => return Err(TargetError::NotRunning),
            RunState::Stopped => {
                // Stopped on one of our int3s and not yet rewound by the engine: once the site is
                // gone, rip must be on the original instruction, not one byte into it.
                if self.last_event == Some(TraceEvent::Breakpoint) {
                    self.rewind_if_past_site();
                }
                Interrupted { signal: 0, sigstop_pending: false }
            }
            RunState::Running => match self.stop_running()? {
                Some(stopped) => stopped,
                None => return Ok(()), // it died meanwhile
            },
        };
        self.remove_all_sites();
        let result = sys::detach(self.pid, stopped.signal);
        if stopped.sigstop_pending {
            // Our SIGSTOP is still pending and would stop the process right after the detach.
            // SAFETY: plain syscall.
            unsafe { libc::kill(self.pid, libc::SIGCONT) };
        }
        self.state = RunState::Gone;
        self.regs = None;
        self.xregs = None;
        self.memory.after_exec();
        match result {
            Err(TargetError::Ptrace { source: Errno::ESRCH, .. }) => Ok(()),
            other => other,
        }
    }

    /// Brings a running tracee to a stop so it can be detached; None if it died instead.
    fn stop_running(&mut self) -> Result<Option<Interrupted>, TargetError> {
        let mut sigstop_pending = false;
        match self.origin {
            Origin::Attached => sys::interrupt(self.pid)?,
            Origin::Launched => {
                // PTRACE_INTERRUPT needs SEIZE; a TRACEME tracee is stopped with a signal instead.
                // SAFETY: plain syscall.
                unsafe { libc::kill(self.pid, libc::SIGSTOP) };
                sigstop_pending = true;
            }
        }
        loop {
            let status = self.wait_status()?;
            let (signal, ptrace_event) = match Status::decode(status) {
                Status::Exited(_) | Status::Signaled { .. } => {
                    self.mark_gone();
                    return Ok(None);
                }
                Status::Other => continue,
                Status::Stopped { signal, event } => (signal, event),
            };
            self.state = RunState::Stopped;
            let mut deliver = 0;
            match ptrace_event {
                event::FORK | event::VFORK => {
                    self.release_fork_child(ptrace_event == event::VFORK)?;
                    self.resume_raw(ResumeMode::Continue, 0)?;
                    continue;
                }
                event::VFORK_DONE => self.replant(),
                0 if signal == libc::SIGSTOP && sigstop_pending => sigstop_pending = false,
                0 if signal == libc::SIGTRAP => self.back_up_over_int3(),
                0 if signal == libc::SIGTRAP | 0x80 => {}
                // Some other signal was about to be delivered: deliver it on detach.
                0 => deliver = signal,
                _ => {}
            }
            return Ok(Some(Interrupted { signal: deliver, sigstop_pending }));
        }
    }

    /// After an int3 trap we will not report: if it was one of our sites, rewind rip onto the
    /// original instruction so the process runs it once the site is gone.
    fn back_up_over_int3(&mut self) {
        let Ok(info) = sys::siginfo(self.pid) else { return };
        if classify_trap(info.si_code) == TrapKind::Int3 {
            self.rewind_if_past_site();
        }
    }

    /// rip is one past an int3 we planted: move it back onto the site.
    fn rewind_if_past_site(&mut self) {
        if let Ok(mut regs) = self.registers() {
            let site = regs.pc().wrapping_sub(1);
            if self.sites.contains(site) {
                regs.set_pc(site);
                let _ = self.set_registers(&regs);
            }
        }
    }
}

impl Drop for Tracee {
    fn drop(&mut self) {
        match (self.state, self.origin) {
            (RunState::Gone, _) => {}
            (_, Origin::Launched) => {
                launch::kill_and_reap(self.pid);
                self.mark_gone();
            }
            (_, Origin::Attached) => {
                if self.detach_inner().is_err() {
                    self.state = RunState::Gone;
                }
            }
        }
    }
}
