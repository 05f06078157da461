//! Thin, safe wrappers over the raw ptrace and waitpid calls the target layer makes.
//!
//! nix's ptrace wrappers take signals as `nix::sys::signal::Signal`, which cannot express real-time
//! signals, and its `WaitStatus` fails to decode stops for them; a debugger must pass every signal
//! through untouched. So the calls on hot paths and everything that carries a signal number use
//! `libc` directly, with plain `i32` signals and `Errno` errors.

use std::mem::MaybeUninit;

use libc::{c_long, c_void, pid_t};
use nix::errno::Errno;

use super::error::TargetError;

/// ptrace requests by number; libc's constant types differ between targets, these are the ABI.
pub(crate) mod req {
    pub const PEEKDATA: u32 = 2;
    pub const PEEKUSER: u32 = 3;
    pub const POKEUSER: u32 = 6;
    pub const POKEDATA: u32 = 5;
    pub const CONT: u32 = 7;
    pub const SINGLESTEP: u32 = 9;
    pub const GETREGS: u32 = 12;
    pub const SETREGS: u32 = 13;
    pub const GETFPREGS: u32 = 14;
    pub const SETFPREGS: u32 = 15;
    pub const DETACH: u32 = 17;
    pub const SETOPTIONS: u32 = 0x4200;
    pub const GETEVENTMSG: u32 = 0x4201;
    pub const GETSIGINFO: u32 = 0x4202;
    pub const GETREGSET: u32 = 0x4204;
    pub const SETREGSET: u32 = 0x4205;
    pub const SEIZE: u32 = 0x4206;
    pub const INTERRUPT: u32 = 0x4207;
}

/// The note type of the XSAVE area for PTRACE_GETREGSET (from linux/elf.h).
pub(crate) const NT_X86_XSTATE: usize = 0x202;

/// ptrace event codes, as found in `status >> 16` of a stop.
pub(crate) mod event {
    pub const FORK: i32 = 1;
    pub const VFORK: i32 = 2;
    pub const EXEC: i32 = 4;
    pub const VFORK_DONE: i32 = 5;
    pub const STOP: i32 = 128;
}

fn name(request: u32) -> &'static str {
    match request {
        req::PEEKDATA => "PEEKDATA",
        req::PEEKUSER => "PEEKUSER",
        req::POKEUSER => "POKEUSER",
        req::POKEDATA => "POKEDATA",
        req::CONT => "CONT",
        req::SINGLESTEP => "SINGLESTEP",
        req::GETREGS => "GETREGS",
        req::SETREGS => "SETREGS",
        req::GETFPREGS => "GETFPREGS",
        req::SETFPREGS => "SETFPREGS",
        req::DETACH => "DETACH",
        req::SETOPTIONS => "SETOPTIONS",
        req::GETEVENTMSG => "GETEVENTMSG",
        req::GETSIGINFO => "GETSIGINFO",
        req::GETREGSET => "GETREGSET",
        req::SETREGSET => "SETREGSET",
        req::SEIZE => "SEIZE",
        req::INTERRUPT => "INTERRUPT",
        _ => "?",
    }
}

/// One raw ptrace call. `addr` and `data` are passed as the kernel takes them (integers or pointers).
fn raw(request: u32, pid: pid_t, addr: usize, data: usize) -> Result<c_long, Errno> {
    // PEEK requests return data in the result, so -1 is only an error when errno says so.
    Errno::clear();
    // SAFETY: every caller passes either integers or pointers to buffers that live across the call
    // and are large enough for the request (checked at each call site).
    let ret = unsafe { libc::ptrace(request, pid, addr as *mut c_void, data as *mut c_void) };
    if ret == -1 {
        let errno = Errno::last();
        if errno != Errno::UnknownErrno {
            return Err(errno);
        }
    }
    Ok(ret)
}

/// Like `raw`, with the error turned into a `TargetError::Ptrace` naming the request.
fn call(request: u32, pid: pid_t, addr: usize, data: usize) -> Result<c_long, TargetError> {
    raw(request, pid, addr, data).map_err(|source| TargetError::Ptrace {
        request: name(request),
        pid,
        source,
    })
}

/// Where debug register `index` (0-7) sits in `struct user`, for PEEKUSER/POKEUSER.
fn debug_register_offset(index: usize) -> usize {
    std::mem::offset_of!(libc::user, u_debugreg) + index * std::mem::size_of::<u64>()
}

pub(crate) fn debug_register(pid: pid_t, index: usize) -> Result<u64, TargetError> {
    call(req::PEEKUSER, pid, debug_register_offset(index), 0).map(|v| v as u64)
}

pub(crate) fn set_debug_register(pid: pid_t, index: usize, value: u64) -> Result<(), TargetError> {
    call(req::POKEUSER, pid, debug_register_offset(index), value as usize).map(drop)
}

pub(crate) fn cont(pid: pid_t, signal: i32) -> Result<(), TargetError> {
    call(req::CONT, pid, 0, signal as usize).map(drop)
}

pub(crate) fn single_step(pid: pid_t, signal: i32) -> Result<(), TargetError> {
    call(req::SINGLESTEP, pid, 0, signal as usize).map(drop)
}

pub(crate) fn detach(pid: pid_t, signal: i32) -> Result<(), TargetError> {
    call(req::DETACH, pid, 0, signal as usize).map(drop)
}

pub(crate) fn set_options(pid: pid_t, options: i32) -> Result<(), TargetError> {
    call(req::SETOPTIONS, pid, 0, options as usize).map(drop)
}

pub(crate) fn seize(pid: pid_t, options: i32) -> Result<(), Errno> {
    raw(req::SEIZE, pid, 0, options as usize).map(drop)
}

pub(crate) fn interrupt(pid: pid_t) -> Result<(), TargetError> {
    call(req::INTERRUPT, pid, 0, 0).map(drop)
}

pub(crate) fn event_message(pid: pid_t) -> Result<u64, TargetError> {
    let mut msg: libc::c_ulong = 0;
    call(req::GETEVENTMSG, pid, 0, &mut msg as *mut libc::c_ulong as usize)?;
    Ok(msg)
}

/// PTRACE_GETSIGINFO. The raw `Errno` is returned because EINVAL is meaningful: it marks a group-stop.
pub(crate) fn siginfo(pid: pid_t) -> Result<libc::siginfo_t, Errno> {
    let mut info = MaybeUninit::<libc::siginfo_t>::zeroed();
    raw(req::GETSIGINFO, pid, 0, info.as_mut_ptr() as usize)?;
    // SAFETY: zero-initialised and then filled by the kernel; siginfo_t is plain data.
    Ok(unsafe { info.assume_init() })
}

pub(crate) fn get_regs(pid: pid_t) -> Result<libc::user_regs_struct, TargetError> {
    let mut regs = MaybeUninit::<libc::user_regs_struct>::zeroed();
    call(req::GETREGS, pid, 0, regs.as_mut_ptr() as usize)?;
    // SAFETY: zero-initialised and filled by the kernel; the struct is plain integers.
    Ok(unsafe { regs.assume_init() })
}

pub(crate) fn set_regs(pid: pid_t, regs: &libc::user_regs_struct) -> Result<(), TargetError> {
    call(req::SETREGS, pid, 0, regs as *const libc::user_regs_struct as usize).map(drop)
}

/// PTRACE_GETREGSET(NT_X86_XSTATE) into `buf`; returns how many bytes the kernel filled.
pub(crate) fn get_xstate(pid: pid_t, buf: &mut [u8]) -> Result<usize, Errno> {
    let mut iov = libc::iovec { iov_base: buf.as_mut_ptr() as *mut c_void, iov_len: buf.len() };
    raw(req::GETREGSET, pid, NT_X86_XSTATE, &mut iov as *mut libc::iovec as usize)?;
    Ok(iov.iov_len.min(buf.len()))
}

pub(crate) fn set_xstate(pid: pid_t, data: &[u8]) -> Result<(), TargetError> {
    // The kernel only reads through this pointer for SETREGSET.
    let mut iov = libc::iovec { iov_base: data.as_ptr() as *mut c_void, iov_len: data.len() };
    call(req::SETREGSET, pid, NT_X86_XSTATE, &mut iov as *mut libc::iovec as usize).map(drop)
}

/// The legacy 512-byte FXSAVE area, for kernels without NT_X86_XSTATE.
pub(crate) const FXSAVE_LEN: usize = std::mem::size_of::<libc::user_fpregs_struct>();

pub(crate) fn get_fpregs(pid: pid_t) -> Result<Vec<u8>, TargetError> {
    let mut fp = MaybeUninit::<libc::user_fpregs_struct>::zeroed();
    call(req::GETFPREGS, pid, 0, fp.as_mut_ptr() as usize)?;
    // SAFETY: the struct is plain integers, zero-initialised then filled by the kernel; viewing it as
    // bytes for its exact size is sound.
    let bytes = unsafe { std::slice::from_raw_parts(fp.as_ptr() as *const u8, FXSAVE_LEN) };
    Ok(bytes.to_vec())
}

pub(crate) fn set_fpregs(pid: pid_t, area: &[u8]) -> Result<(), TargetError> {
    let mut fp = MaybeUninit::<libc::user_fpregs_struct>::zeroed();
    let n = area.len().min(FXSAVE_LEN);
    // SAFETY: copying at most size_of::<user_fpregs_struct>() bytes into the zeroed struct.
    unsafe { std::ptr::copy_nonoverlapping(area.as_ptr(), fp.as_mut_ptr() as *mut u8, n) };
    call(req::SETFPREGS, pid, 0, fp.as_ptr() as usize).map(drop)
}

pub(crate) fn peek(pid: pid_t, addr: u64) -> Result<u64, Errno> {
    raw(req::PEEKDATA, pid, addr as usize, 0).map(|word| word as u64)
}

pub(crate) fn poke(pid: pid_t, addr: u64, word: u64) -> Result<(), Errno> {
    raw(req::POKEDATA, pid, addr as usize, word as usize).map(drop)
}

/// Writes `data` at `addr` in `pid` word by word (read-modify-write at the edges). Works on read-only
/// text, as the kernel writes with FOLL_FORCE. Returns the first address that could not be written.
pub(crate) fn poke_bytes(pid: pid_t, addr: u64, data: &[u8]) -> Result<(), u64> {
    let mut done = 0usize;
    while done < data.len() {
        let at = addr.wrapping_add(done as u64);
        let word_addr = at & !7;
        let skip = (at - word_addr) as usize;
        let take = (8 - skip).min(data.len() - done);
        let mut bytes = if skip == 0 && take == 8 {
            [0u8; 8]
        } else {
            peek(pid, word_addr).map_err(|_| at)?.to_le_bytes()
        };
        bytes[skip..skip + take].copy_from_slice(&data[done..done + take]);
        poke(pid, word_addr, u64::from_le_bytes(bytes)).map_err(|_| at)?;
        done += take;
    }
    Ok(())
}

/// How a waited-for process changed, decoded from the raw status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Exited(i32),
    Signaled {
        signal: i32,
        core_dumped: bool,
    },
    /// A ptrace stop: `signal` is WSTOPSIG, `event` the PTRACE_EVENT_* code (0 for none).
    Stopped {
        signal: i32,
        event: i32,
    },
    /// Anything else (WIFCONTINUED); callers wait again.
    Other,
}

impl Status {
    pub(crate) fn decode(status: i32) -> Status {
        if libc::WIFEXITED(status) {
            Status::Exited(libc::WEXITSTATUS(status))
        } else if libc::WIFSIGNALED(status) {
            Status::Signaled { signal: libc::WTERMSIG(status), core_dumped: libc::WCOREDUMP(status) }
        } else if libc::WIFSTOPPED(status) {
            Status::Stopped { signal: libc::WSTOPSIG(status), event: (status >> 16) & 0xff }
        } else {
            Status::Other
        }
    }
}

/// waitpid on one pid with __WALL (the tracee may be a clone child), retrying EINTR.
/// Returns the raw status word so callers can report it verbatim when it surprises them.
pub(crate) fn wait_pid(pid: pid_t) -> Result<i32, Errno> {
    let mut status = 0;
    loop {
        // SAFETY: plain syscall with a valid out-pointer.
        let ret = unsafe { libc::waitpid(pid, &mut status, libc::__WALL) };
        if ret >= 0 {
            return Ok(status);
        }
        match Errno::last() {
            Errno::EINTR => continue,
            errno => return Err(errno),
        }
    }
}

/// Waits until `pid` has exited or was killed (skipping any stops), so no zombie is left.
pub(crate) fn reap(pid: pid_t) {
    while let Ok(status) = wait_pid(pid) {
        if matches!(Status::decode(status), Status::Exited(_) | Status::Signaled { .. }) {
            return;
        }
    }
}
