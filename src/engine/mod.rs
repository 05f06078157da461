//! The debugger proper: breakpoints, running and stepping, stop analysis. Front-end agnostic: it
//! returns structured data (`Stop`, `FrameDescription`, breakpoint records), never text.
//!
//! `Debugger` is split by concern: `session` (program, process, registers, memory), `breakpoints`
//! (the user's table and site ownership), `control` (the run/step plans), `libraries` (which shared
//! object an address belongs to).

pub mod breakpoints;
mod conditions;
mod control;
pub mod error;
pub mod frame_args;
mod frames;
mod inferior_call;
mod inline_frames;
mod insn;
mod libraries;
mod library_events;
mod listing;
mod return_value;
mod session;
mod stepping;
pub mod stop;
mod sysv_abi;
mod tail_calls;
mod thread_local;
mod variables;
mod watchpoints;

pub use breakpoints::{Breakpoint, BreakpointTable, Disposition, Location, LocationAddr, LocationSpec};
pub use conditions::{Condition, ConditionEvaluator, NameScope};
pub use error::EngineError;
pub use frame_args::{ArgValue, EntryValue, FrameArg};
pub use frames::{Backtrace, Frame, FrameInfo, FrameKind, PreviousSp};
pub use inferior_call::CallOutcome;
pub use libraries::SharedLibrary;
pub use listing::{FunctionLine, RowRange};
pub use session::{Debugger, RunRequest, SetBreakpoint};
pub use stepping::{Finished, LineStep, ReturnedValue};
pub use stop::{FrameDescription, Notice, Stop, StopReason};
pub use variables::{FrameVariable, ScopedVariable, VarPlace};
pub use watchpoints::{registers_needed, Watch, WatchAccess, WatchHit, WatchScope, WatchValues};
