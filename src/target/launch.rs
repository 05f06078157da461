//! Starting a program under ptrace: fork, set the child up, exec, and catch the post-exec stop.
//!
//! The debugger may have several threads, so between fork and exec the child may only make
//! async-signal-safe calls: everything it needs (C strings, argv array) is built before the fork, and
//! the child uses raw libc calls that neither allocate nor take locks. A failure in the child (a
//! redirection that cannot be opened, an exec that fails) travels back to the parent as
//! (stage, errno) over a close-on-exec pipe: EOF on the pipe means the exec succeeded.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use libc::{c_char, c_int};
use nix::errno::Errno;

use super::error::TargetError;
use super::sys::{self, Status};

/// Where a standard stream goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub path: PathBuf,
    /// `>>` rather than `>`: append instead of truncating.
    pub append: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaunchOptions {
    /// The file to exec, as is (no PATH search, no shell).
    pub program: PathBuf,
    /// The full argv, argv[0] included.
    pub argv: Vec<String>,
    pub stdin: Option<PathBuf>,
    pub stdout: Option<Redirect>,
    pub stderr: Option<Redirect>,
    /// Run with ADDR_NO_RANDOMIZE, as gdb does by default, so addresses repeat from run to run.
    pub disable_aslr: bool,
}

/// The options every launched tracee gets. EXITKILL: if rdbg dies, its tracee dies too instead of
/// running on, stopped or orphaned. VFORKDONE lets sites go back in after a vfork child is done.
pub(crate) const LAUNCH_OPTIONS: c_int = libc::PTRACE_O_EXITKILL
    | libc::PTRACE_O_TRACESYSGOOD
    | libc::PTRACE_O_TRACEFORK
    | libc::PTRACE_O_TRACEVFORK
    | libc::PTRACE_O_TRACEVFORKDONE
    | libc::PTRACE_O_TRACEEXEC;

/// Which step of the child's set-up failed, as sent through the pipe.
#[derive(Clone, Copy)]
#[repr(i32)]
enum Stage {
    TraceMe = 1,
    Stdin = 2,
    Stdout = 3,
    Stderr = 4,
    Exec = 5,
}

/// Signals whose "ignored" disposition would otherwise survive exec. The debugger ignores some of them
/// (Rust ignores SIGPIPE; a front end may ignore SIGINT while the program runs); the program must start
/// with the defaults, as it would from a shell.
const RESET_SIGNALS: [c_int; 7] =
    [libc::SIGPIPE, libc::SIGINT, libc::SIGQUIT, libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU, libc::SIGCHLD];

fn c_string(bytes: &[u8]) -> Result<CString, TargetError> {
    CString::new(bytes)
        .map_err(|_| TargetError::NulInArgument { arg: String::from_utf8_lossy(bytes).into_owned() })
}

fn c_path(path: &Path) -> Result<CString, TargetError> {
    c_string(path.as_os_str().as_bytes())
}

/// Everything the child needs, prepared before fork.
struct Prepared {
    program: CString,
    /// Kept alive for `argv_ptrs`.
    _argv: Vec<CString>,
    argv_ptrs: Vec<*const c_char>,
    stdin: Option<CString>,
    stdout: Option<(CString, bool)>,
    stderr: Option<(CString, bool)>,
    disable_aslr: bool,
}

impl Prepared {
    fn new(opts: &LaunchOptions) -> Result<Prepared, TargetError> {
        let argv = opts.argv.iter().map(|a| c_string(a.as_bytes())).collect::<Result<Vec<_>, _>>()?;
        let mut argv_ptrs: Vec<*const c_char> = argv.iter().map(|a| a.as_ptr()).collect();
        argv_ptrs.push(std::ptr::null());
        let redirect =
            |r: &Option<Redirect>| r.as_ref().map(|r| Ok((c_path(&r.path)?, r.append))).transpose();
        Ok(Prepared {
            program: c_path(&opts.program)?,
            _argv: argv,
            argv_ptrs,
            stdin: opts.stdin.as_deref().map(c_path).transpose()?,
            stdout: redirect(&opts.stdout)?,
            stderr: redirect(&opts.stderr)?,
            disable_aslr: opts.disable_aslr,
        })
    }
}

/// Forks and execs the program; returns the child's pid, stopped at its post-exec SIGTRAP with the
/// ptrace options set. On any failure the child is killed and reaped.
pub(crate) fn spawn(opts: &LaunchOptions) -> Result<i32, TargetError> {
    let prepared = Prepared::new(opts)?;
    let mut fds = [0 as c_int; 2];
    // SAFETY: plain syscall with a valid two-int array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(TargetError::Os { op: "pipe2", source: Errno::last() });
    }
    let (read_end, write_end) = (fds[0], fds[1]);

    // SAFETY: the child only runs `child_main`, which makes async-signal-safe calls and never returns.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let source = Errno::last();
        close(read_end);
        close(write_end);
        return Err(TargetError::Os { op: "fork", source });
    }
    if pid == 0 {
        child_main(&prepared, write_end);
    }
    close(write_end);
    let report = read_report(read_end);
    close(read_end);

    if let Some((stage, errno)) = report {
        // The child exits right after reporting; reap it so no zombie is left.
        sys::reap(pid);
        let source = Errno::from_raw(errno);
        return Err(match stage {
            s if s == Stage::Stdin as i32 => {
                TargetError::Redirect { path: opts.stdin.clone().unwrap_or_default(), source }
            }
            s if s == Stage::Stdout as i32 => redirect_error(&opts.stdout, source),
            s if s == Stage::Stderr as i32 => redirect_error(&opts.stderr, source),
            s if s == Stage::TraceMe as i32 => TargetError::Ptrace { request: "TRACEME", pid, source },
            _ => TargetError::Exec { program: opts.program.clone(), source },
        });
    }

    match wait_exec_stop(pid) {
        Ok(()) => Ok(pid),
        Err(e) => {
            kill_and_reap(pid);
            Err(e)
        }
    }
}

fn redirect_error(r: &Option<Redirect>, source: Errno) -> TargetError {
    TargetError::Redirect { path: r.as_ref().map(|r| r.path.clone()).unwrap_or_default(), source }
}

fn wait_exec_stop(pid: i32) -> Result<(), TargetError> {
    let status = sys::wait_pid(pid).map_err(|source| TargetError::Os { op: "waitpid", source })?;
    match Status::decode(status) {
        Status::Stopped { signal: libc::SIGTRAP, .. } => sys::set_options(pid, LAUNCH_OPTIONS),
        _ => Err(TargetError::UnexpectedStatus { pid, status, stage: "launch" }),
    }
}

pub(crate) fn kill_and_reap(pid: i32) {
    // SAFETY: plain syscall.
    unsafe { libc::kill(pid, libc::SIGKILL) };
    sys::reap(pid);
}

fn close(fd: c_int) {
    // SAFETY: closing a descriptor this module created.
    unsafe { libc::close(fd) };
}

/// Reads the child's (stage, errno) report; None on EOF, which means the exec succeeded.
fn read_report(fd: c_int) -> Option<(i32, i32)> {
    let mut buf = [0u8; 8];
    let mut got = 0;
    while got < buf.len() {
        // SAFETY: reading into the unfilled tail of a local buffer.
        let n = unsafe { libc::read(fd, buf[got..].as_mut_ptr().cast(), buf.len() - got) };
        if n > 0 {
            got += n as usize;
        } else if n < 0 && Errno::last() == Errno::EINTR {
            continue;
        } else {
            break;
        }
    }
    if got < buf.len() {
        return None;
    }
    let word = |b: &[u8]| i32::from_ne_bytes([b[0], b[1], b[2], b[3]]);
    Some((word(&buf[..4]), word(&buf[4..])))
}

/// The child between fork and exec. Async-signal-safe calls only; never returns.
fn child_main(p: &Prepared, report_fd: c_int) -> ! {
    // SAFETY: each call below is an async-signal-safe libc call on pointers that stay valid
    // (they live in `p`, built before the fork).
    unsafe {
        let fail = |stage: Stage| -> ! {
            let errno = *libc::__errno_location();
            let mut msg = [0u8; 8];
            msg[..4].copy_from_slice(&(stage as i32).to_ne_bytes());
            msg[4..].copy_from_slice(&errno.to_ne_bytes());
            libc::write(report_fd, msg.as_ptr().cast(), msg.len());
            libc::_exit(127);
        };

        if p.disable_aslr {
            // Query, then add the flag. A refusal (some containers) is not fatal: gdb also goes on.
            let current = libc::personality(0xffff_ffff);
            if current != -1 {
                libc::personality((current | libc::ADDR_NO_RANDOMIZE) as libc::c_ulong);
            }
        }
        for signal in RESET_SIGNALS {
            libc::signal(signal, libc::SIG_DFL);
        }
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());

        let redirect = |path: &CString, flags: c_int, target: c_int, stage: Stage| {
            let fd = libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, 0o666);
            if fd < 0 {
                fail(stage);
            }
            // dup2 clears close-on-exec on the target descriptor.
            if libc::dup2(fd, target) < 0 {
                fail(stage);
            }
            libc::close(fd);
        };
        if let Some(path) = &p.stdin {
            redirect(path, libc::O_RDONLY, 0, Stage::Stdin);
        }
        let write_flags = |append: bool| {
            libc::O_WRONLY | libc::O_CREAT | if append { libc::O_APPEND } else { libc::O_TRUNC }
        };
        if let Some((path, append)) = &p.stdout {
            redirect(path, write_flags(*append), 1, Stage::Stdout);
        }
        if let Some((path, append)) = &p.stderr {
            redirect(path, write_flags(*append), 2, Stage::Stderr);
        }

        // Last, so nothing above runs traced.
        if libc::ptrace(libc::PTRACE_TRACEME, 0, 0, 0) == -1 {
            fail(Stage::TraceMe);
        }
        libc::execv(p.program.as_ptr(), p.argv_ptrs.as_ptr());
        fail(Stage::Exec)
    }
}
