//! What the tracee did, as the engine sees it, and how a raw SIGTRAP is told apart.

/// How to let the tracee go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeMode {
    Continue,
    SingleStep,
}

/// Why `Tracee::wait` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TraceEvent {
    /// The process exited; the tracee is gone.
    Exited { code: i32 },
    /// The process was killed by a signal; the tracee is gone.
    Signaled { signal: i32, core_dumped: bool },
    /// An int3 trapped (ours or the program's own): rip is one past the 0xCC.
    Breakpoint,
    /// A single-step finished, or a hardware breakpoint/watchpoint fired.
    SingleStep,
    /// Any other signal is about to be delivered; the engine passes it on (or not) when resuming.
    Signal { signal: i32 },
    /// The process forked; the child was cleaned of int3s and detached. The parent is stopped.
    Forked { child: i32 },
    /// The process exec'd a new program: every site is gone with the old address space.
    Exec,
}

/// What a SIGTRAP stop means, from its siginfo's si_code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TrapKind {
    /// int3 executed (the kernel sends it with SI_KERNEL).
    Int3,
    /// Single-step or debug-register trap.
    Step,
    /// Sent by someone (kill, tgkill, raise): a real signal.
    Sent,
}

pub(crate) fn classify_trap(si_code: i32) -> TrapKind {
    match si_code {
        libc::SI_KERNEL => TrapKind::Int3,
        libc::TRAP_BRKPT | libc::TRAP_TRACE | libc::TRAP_HWBKPT => TrapKind::Step,
        _ => TrapKind::Sent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_codes_classify() {
        assert_eq!(classify_trap(0x80), TrapKind::Int3);
        assert_eq!(classify_trap(2), TrapKind::Step);
        assert_eq!(classify_trap(1), TrapKind::Step);
        assert_eq!(classify_trap(4), TrapKind::Step);
        assert_eq!(classify_trap(libc::SI_USER), TrapKind::Sent);
        assert_eq!(classify_trap(libc::SI_TKILL), TrapKind::Sent);
    }
}
