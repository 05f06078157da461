//! Why and where the program stopped, as data the front end turns into gdb's lines.

use std::path::PathBuf;

use crate::addr::RuntimeAddr;
use crate::symbols::SourceLocation;

use super::frame_args::FrameArg;

/// Why the program stopped (or ended).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopReason {
    /// A user breakpoint stopped it. `location` is `Some(M)` when the breakpoint has several locations,
    /// for gdb's `Breakpoint N.M, `.
    Breakpoint {
        number: u32,
        location: Option<usize>,
        temporary: bool,
    },
    /// `stepi`/`nexti` finished their count.
    StepFinished,
    /// `starti`: stopped at the first instruction ("Program stopped.").
    AtEntry,
    /// `attach`: the process was stopped where it happened to be.
    Attached,
    /// `finish`: the function returned to its caller.
    FunctionFinished,
    /// `until LOCATION` / `advance LOCATION` got there (or the frame returned).
    LocationReached,
    /// A call the debugger made, which had stopped in the function, returned: gdb says nothing.
    CallReturned,
    /// A watchpoint fired (boxed: the rest of a stop stays small).
    Watchpoint(Box<super::watchpoints::WatchHit>),
    /// The frame a watchpoint on locals belonged to returned: the watchpoint is deleted.
    WatchpointScope {
        numbers: Vec<u32>,
    },
    /// A signal arrived; it is delivered when the program resumes (unless it is SIGINT or SIGTRAP).
    Signal {
        signal: i32,
    },
    Exited {
        pid: i32,
        code: i32,
    },
    Terminated {
        pid: i32,
        signal: i32,
    },
}

impl StopReason {
    /// Whether the process is gone after this stop.
    pub fn is_final(&self) -> bool {
        matches!(self, StopReason::Exited { .. } | StopReason::Terminated { .. })
    }
}

/// Where a frame is: enough to print `0xADDR in FUNC (ARGS) at FILE:LINE` or `... from LIB`.
#[derive(Clone, Debug)]
pub struct FrameDescription {
    pub pc: RuntimeAddr,
    pub function: Option<String>,
    /// Where the function starts, to tell one function's stops from another's.
    pub function_start: Option<RuntimeAddr>,
    pub source: Option<SourceLocation>,
    /// The shared object the pc lies in, when it is not the program (gdb's `from LIB`).
    pub library: Option<PathBuf>,
    /// The function's arguments (read for frames of a stopped process; empty otherwise).
    pub args: Vec<FrameArg>,
}

impl FrameDescription {
    /// gdb shows the pc in front of a frame line unless the pc is where a line starts.
    pub fn pc_is_line_start(&self) -> bool {
        self.source.as_ref().is_some_and(|s| s.is_stmt_start)
    }
}

/// A stop, with where it happened (none once the process is gone).
#[derive(Clone, Debug)]
pub struct Stop {
    pub reason: StopReason,
    pub frame: Option<FrameDescription>,
    /// Whether the stop is in the same function it was in when the command started; gdb then prints
    /// only the source line after a step.
    pub same_function: bool,
}

/// Things that happen while the program runs that gdb reports as they happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// `[Detaching after fork from child process P]`
    DetachedFork { child: i32 },
    /// `process P is executing new program: PATH`
    Exec { pid: i32, program: PathBuf },
    /// `Single stepping until exit from function F,` / `which has no line number information.`
    SteppingOutOfNoLineFunction { function: String },
    /// A library holding breakpoint locations was unloaded; they are pending until it loads again
    /// (gdb's `warning: Temporarily disabling breakpoints for unloaded shared library "PATH"`).
    LibraryUnloaded { path: PathBuf },
    /// `Temporary breakpoint N ...` deletions need no text; kept so front ends can refresh views.
    BreakpointDeleted { number: u32 },
    /// Breakpoint N's condition could not be evaluated, so the program stopped there (gdb's
    /// `Error in testing breakpoint condition:` and the error).
    ConditionError { number: u32, message: String },
}
