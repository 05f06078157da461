//! The debugging session: the program's symbols, the live process (if any), breakpoints and settings.

use std::path::{Path, PathBuf};

use crate::addr::{FileAddr, LoadBias, RuntimeAddr};
use crate::symbols::{CodeLocation, Module};
use crate::target::{ExtendedRegisters, LaunchOptions, Redirect, Registers, Tracee};

use super::breakpoints::{
    names_file, Breakpoint, BreakpointTable, Disposition, Location, LocationAddr, LocationSpec, SiteOwners,
};
use super::error::EngineError;
use super::frame_args::{read_frame_args, Modules};
use super::libraries::Libraries;
use super::stop::{FrameDescription, Notice, Stop, StopReason};

/// How to start the program: its arguments and redirections (`run ARGS < IN > OUT 2> ERR`).
#[derive(Clone, Debug, Default)]
pub struct RunRequest {
    pub args: Vec<String>,
    pub stdin: Option<PathBuf>,
    pub stdout: Option<Redirect>,
    pub stderr: Option<Redirect>,
}

/// The live process and what is known about its layout.
pub(super) struct Inferior {
    pub tracee: Tracee,
    pub bias: LoadBias,
    /// A signal that stopped the program and will be delivered when it resumes.
    pub pending_signal: Option<i32>,
    /// The breakpoint that caused the last stop, for `continue N`.
    pub last_breakpoint: Option<u32>,
    /// Attached to (`attach`, `-p`) rather than started: quitting detaches instead of killing.
    pub attached: bool,
    /// What DR0-DR3 and DR7 hold (engine/watchpoints.rs), so unchanged registers are not rewritten.
    pub debug_registers: ([u64; 4], u64),
}

impl Inferior {
    /// A process just started (or attached to, `attached`), with nothing pending yet.
    fn new(tracee: Tracee, bias: LoadBias, attached: bool) -> Inferior {
        Inferior {
            tracee,
            bias,
            pending_signal: None,
            last_breakpoint: None,
            attached,
            debug_registers: Default::default(),
        }
    }
}

/// The result of setting a breakpoint, for the `Breakpoint N at ...` line.
#[derive(Clone, Debug)]
pub struct SetBreakpoint {
    pub number: u32,
    pub disposition: Disposition,
    pub locations: Vec<(RuntimeAddr, Location)>,
}

pub struct Debugger {
    pub(super) program: Option<Module>,
    pub(super) inferior: Option<Inferior>,
    pub(super) breakpoints: BreakpointTable,
    pub(super) owners: SiteOwners,
    pub(super) libraries: Libraries,
    /// The dynamic linker of the last process, which gdb goes on listing in `info sharedlibrary`
    /// after the process is gone (engine/library_events.rs).
    pub(super) last_interpreter: Option<super::SharedLibrary>,
    /// The load bias of the last run, so breakpoints keep showing runtime addresses after it ends.
    pub(super) last_bias: LoadBias,
    pub(super) notices: Vec<Notice>,
    /// `set disable-randomization` (on by default, as in gdb).
    pub disable_randomization: bool,
    /// The frame `frame N` / `up` / `down` selected (engine/frames.rs).
    pub(super) frame_selection: super::frames::FrameSelection,
    /// The front end's evaluator for breakpoint conditions, lent for a run (engine/conditions.rs).
    pub(super) condition_evaluator: Option<Box<dyn super::ConditionEvaluator>>,
    /// Calls made by the debugger that have not returned yet, innermost last.
    pub(super) dummy_frames: Vec<super::inferior_call::DummyFrame>,
}

impl Default for Debugger {
    fn default() -> Self {
        Debugger {
            program: None,
            inferior: None,
            breakpoints: BreakpointTable::default(),
            owners: SiteOwners::default(),
            libraries: Libraries::default(),
            last_interpreter: None,
            last_bias: LoadBias(0),
            notices: Vec::new(),
            disable_randomization: true,
            frame_selection: Default::default(),
            condition_evaluator: None,
            dummy_frames: Vec::new(),
        }
    }
}

impl Debugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// `file PROG`: loads the program's symbols (cheaply; debug info is read on demand).
    pub fn load_program(&mut self, path: &Path) -> Result<(), EngineError> {
        let module = Module::load(path)?;
        self.kill();
        self.program = Some(module);
        self.last_bias = LoadBias(0);
        self.libraries = Libraries::default();
        Ok(())
    }

    pub fn program(&self) -> Option<&Module> {
        self.program.as_ref()
    }

    pub fn is_running(&self) -> bool {
        self.inferior.is_some()
    }

    pub fn pid(&self) -> Option<i32> {
        self.inferior.as_ref().map(|i| i.tracee.pid())
    }

    /// The program's load bias: the live one, else the last run's (0 before any run).
    pub fn bias(&self) -> LoadBias {
        self.inferior.as_ref().map_or(self.last_bias, |i| i.bias)
    }

    pub fn breakpoints(&self) -> &BreakpointTable {
        &self.breakpoints
    }

    /// Events reported since the last call (forks detached, temporary breakpoints deleted, ...).
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    pub(super) fn inferior_mut(&mut self) -> Result<&mut Inferior, EngineError> {
        self.inferior.as_mut().ok_or(EngineError::NotRunning)
    }

    fn module(&self) -> Result<&Module, EngineError> {
        self.program.as_ref().ok_or(EngineError::NoSymbolTable)
    }

    // ---- breakpoints -------------------------------------------------------------------------

    /// Resolves a location spec to code addresses, as `break` and `info line` need it.
    pub fn resolve(&self, spec: &LocationSpec) -> Result<Vec<Location>, EngineError> {
        let to_location = |c: CodeLocation| Location {
            addr: LocationAddr::File(c.addr),
            function: c.function,
            source: c.source,
            enabled: true,
        };
        match spec {
            LocationSpec::Function(name) => {
                let module = self.module()?;
                // C++ names match on their last components (`area` finds `Shape::area`); Rust paths
                // only whole, as in gdb.
                let found: Vec<CodeLocation> = module
                    .resolve_function(name)
                    .into_iter()
                    .filter(|c| c.function.as_deref() == Some(name.as_str()) || !module.is_rust_at(c.addr))
                    .collect();
                // Loaded shared libraries count too (engine/library_events.rs).
                let found = self.with_library_locations(spec, found.into_iter().map(to_location).collect());
                if found.is_empty() {
                    return Err(EngineError::FunctionNotDefined(name.clone()));
                }
                Ok(found)
            }
            LocationSpec::FileFunction { file, function } => {
                let module = self.module()?;
                let in_file: Vec<Location> = module
                    .resolve_function(function)
                    .into_iter()
                    .filter(|c| c.source.as_ref().is_some_and(|s| names_file(s, file)))
                    .map(to_location)
                    .collect();
                if !in_file.is_empty() {
                    return Ok(in_file);
                }
                if module.source_files_matching(file).is_empty() {
                    return Err(EngineError::Symbols(crate::symbols::SymbolsError::NoSourceFile(
                        file.clone(),
                    )));
                }
                Err(EngineError::FunctionNotDefinedInFile { function: function.clone(), file: file.clone() })
            }
            LocationSpec::Line { file, line } => {
                // A file the program lacks may be a loaded library's (engine/library_events.rs).
                let (found, missing) = match self.module()?.resolve_line(file.as_deref(), *line) {
                    Ok(found) => (found.into_iter().map(to_location).collect(), None),
                    Err(e) if file.is_some() => (Vec::new(), Some(e)),
                    Err(e) => return Err(e.into()),
                };
                let found = self.with_library_locations(spec, found);
                match missing {
                    Some(e) if found.is_empty() => Err(e.into()),
                    _ => Ok(found),
                }
            }
            LocationSpec::SymbolAddress { symbol, offset } => {
                let module = self.module()?;
                let file =
                    module.lookup_symbol(symbol).ok_or_else(|| EngineError::NoSymbol(symbol.clone()))?;
                let file = FileAddr(file.0.wrapping_add_signed(*offset));
                let described = self.describe(file.relocate(self.bias()));
                Ok(vec![Location {
                    addr: LocationAddr::File(file),
                    function: described.function,
                    source: described.source,
                    enabled: true,
                }])
            }
            LocationSpec::Address(addr) => {
                let runtime = RuntimeAddr(*addr);
                let described = self.describe(runtime);
                Ok(vec![Location {
                    addr: LocationAddr::Literal(runtime),
                    function: described.function,
                    source: described.source,
                    enabled: true,
                }])
            }
        }
    }

    /// `break SPEC` / `tbreak SPEC`.
    pub fn set_breakpoint(
        &mut self,
        spec: LocationSpec,
        disposition: Disposition,
    ) -> Result<SetBreakpoint, EngineError> {
        let locations = self.resolve(&spec)?;
        let bias = self.bias();
        let bp = self.breakpoints.add(spec, locations, disposition);
        let result = SetBreakpoint {
            number: bp.number,
            disposition,
            locations: bp.locations.iter().map(|l| (l.runtime(bias), l.clone())).collect(),
        };
        self.sync_sites()?;
        Ok(result)
    }

    /// `delete N...` (all when empty). Returns the numbers that named no breakpoint.
    pub fn delete_breakpoints(&mut self, numbers: &[u32]) -> Result<Vec<u32>, EngineError> {
        let numbers = if numbers.is_empty() { self.breakpoints.numbers() } else { numbers.to_vec() };
        let mut missing = Vec::new();
        for number in numbers {
            match self.breakpoints.remove(number) {
                Some(bp) => self.forget_watch_scope(bp.watch.and_then(|w| w.scope)),
                None => missing.push(number),
            }
        }
        self.sync_sites()?;
        Ok(missing)
    }

    /// `enable`/`disable` of whole breakpoints, or of one location with `N.M`.
    pub fn set_enabled(
        &mut self,
        number: u32,
        location: Option<usize>,
        enabled: bool,
    ) -> Result<(), EngineError> {
        let bp = self.breakpoints.get_mut(number).ok_or(EngineError::NoBreakpoint(number))?;
        match location {
            None => bp.enabled = enabled,
            Some(m) => match m.checked_sub(1).and_then(|i| bp.locations.get_mut(i)) {
                Some(loc) => loc.enabled = enabled,
                None => return Err(EngineError::BadLocationNumber(number, m)),
            },
        }
        self.sync_sites()
    }

    pub fn set_enabled_all(&mut self, enabled: bool) -> Result<(), EngineError> {
        for n in self.breakpoints.numbers() {
            if let Some(bp) = self.breakpoints.get_mut(n) {
                bp.enabled = enabled;
            }
        }
        self.sync_sites()
    }

    /// `ignore N COUNT`.
    pub fn set_ignore_count(&mut self, number: u32, count: u64) -> Result<(), EngineError> {
        let bp = self.breakpoints.get_mut(number).ok_or(EngineError::NoBreakpoint(number))?;
        bp.ignore_count = count;
        Ok(())
    }

    pub fn breakpoint(&self, number: u32) -> Option<&Breakpoint> {
        self.breakpoints.get(number)
    }

    /// Makes the process's int3 sites match what the user breakpoints and internal owners want.
    pub(super) fn sync_sites(&mut self) -> Result<(), EngineError> {
        let Some(inferior) = self.inferior.as_mut() else { return Ok(()) };
        let wanted = self.breakpoints.wanted_sites(inferior.bias);
        for addr in inferior.tracee.site_addresses() {
            if !wanted.contains(&addr) && !self.owners.has_internal(addr) {
                inferior.tracee.remove_site(addr)?;
            }
        }
        let mut failed = None;
        let mut other_error = None;
        for addr in wanted {
            match inferior.tracee.insert_site(addr) {
                Ok(()) => {}
                Err(crate::target::TargetError::Memory { addr: bad }) => {
                    failed.get_or_insert((addr, bad));
                }
                Err(other) => {
                    other_error.get_or_insert(other);
                }
            }
        }
        if let Some(error) = other_error {
            return Err(error.into());
        }
        let bias = inferior.bias;
        self.sync_debug_registers()?;
        let Some((site, bad)) = failed else { return Ok(()) };
        let numbers = self
            .breakpoints
            .iter()
            .filter(|b| b.enabled && b.locations.iter().any(|l| l.enabled && l.runtime(bias) == site))
            .map(|b| b.number)
            .collect();
        Err(EngineError::CannotInsertBreakpoints { numbers, addr: bad })
    }

    // ---- process -----------------------------------------------------------------------------

    /// Starts the program stopped at its first instruction, with breakpoints planted.
    pub(super) fn launch(&mut self, request: &RunRequest) -> Result<(), EngineError> {
        self.kill();
        let module = self.module().map_err(|_| EngineError::NoExecutable)?;
        let program = module.path().to_path_buf();
        let mut argv = vec![program.to_string_lossy().into_owned()];
        argv.extend(request.args.iter().cloned());
        let options = LaunchOptions {
            program,
            argv,
            stdin: request.stdin.clone(),
            stdout: request.stdout.clone(),
            stderr: request.stderr.clone(),
            disable_aslr: self.disable_randomization,
        };
        let mut tracee = Tracee::launch(&options)?;
        let bias = load_bias(&mut tracee, module)?;
        self.libraries = Libraries::default();
        self.owners.clear();
        self.dummy_frames.clear();
        self.breakpoints.clear_hit_counts();
        self.inferior = Some(Inferior::new(tracee, bias, false));
        self.last_bias = bias;
        self.begin_library_tracking()?;
        self.sync_sites()
    }

    /// `attach PID` / `rdbg -p PID`: stops a running process and takes it over. Loads the program from
    /// /proc/PID/exe when none is loaded.
    pub fn attach(&mut self, pid: i32) -> Result<Stop, EngineError> {
        self.kill();
        if self.program.is_none() {
            let exe =
                std::fs::read_link(format!("/proc/{pid}/exe")).map_err(|_| EngineError::NoSuchProcess)?;
            self.program = Some(Module::load(&exe)?);
        }
        let module = self.module()?;
        let mut tracee = Tracee::attach(pid)?;
        let bias = load_bias(&mut tracee, module)?;
        self.libraries = Libraries::default();
        self.owners.clear();
        self.dummy_frames.clear();
        self.inferior = Some(Inferior::new(tracee, bias, true));
        self.last_bias = bias;
        self.begin_library_tracking()?;
        self.sync_sites()?;
        let frame = self.describe_current()?;
        Ok(Stop { reason: StopReason::Attached, frame: Some(frame), same_function: false })
    }

    /// Whether the process was attached to rather than started.
    pub fn is_attached(&self) -> bool {
        self.inferior.as_ref().is_some_and(|i| i.attached)
    }

    /// `detach`: lets the process run on, with every int3 removed; returns its pid.
    pub fn detach(&mut self) -> Result<Option<i32>, EngineError> {
        let Some(mut inferior) = self.inferior.take() else { return Ok(None) };
        let pid = inferior.tracee.pid();
        self.owners.clear();
        self.dummy_frames.clear();
        self.libraries = Libraries::default();
        // Watchpoints left armed would trap in a process nobody traces, killing it.
        if inferior.debug_registers.1 != 0 {
            inferior.tracee.set_debug_register(7, 0)?;
        }
        inferior.tracee.detach()?;
        Ok(Some(pid))
    }

    /// Ends the session's hold on the process the way gdb does on quit: a started process is killed,
    /// an attached one detached.
    pub fn release(&mut self) {
        if self.is_attached() {
            let _ = self.detach();
        } else {
            self.kill();
        }
    }

    /// The process exec'd a new program: load it, find its load bias, resolve the breakpoints again in
    /// it (as gdb does) and plant them; the old image's int3s went with the old memory.
    pub(super) fn follow_exec(&mut self) -> Result<(), EngineError> {
        let inferior = self.inferior.as_mut().ok_or(EngineError::NotRunning)?;
        let pid = inferior.tracee.pid();
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).map_err(|_| EngineError::NoSuchProcess)?;
        let module = Module::load(&exe)?;
        let bias = load_bias(&mut inferior.tracee, &module)?;
        inferior.bias = bias;
        self.last_bias = bias;
        self.program = Some(module);
        self.libraries = Libraries::default();
        self.notices.push(Notice::Exec { pid, program: exe });
        self.begin_library_tracking()?;
        self.reresolve_breakpoints();
        self.sync_sites()
    }

    /// Resolves every breakpoint's spec again against the current program (after it changed);
    /// a spec that no longer resolves keeps its old locations.
    fn reresolve_breakpoints(&mut self) {
        for number in self.breakpoints.numbers() {
            let Some(spec) = self.breakpoints.get(number).map(|b| b.spec.clone()) else { continue };
            if matches!(spec, LocationSpec::Address(_)) {
                continue;
            }
            if let Ok(locations) = self.resolve(&spec) {
                if let Some(bp) = self.breakpoints.get_mut(number) {
                    bp.locations = locations;
                }
            }
        }
    }

    /// `kill`: ends the process; returns its pid if there was one.
    pub fn kill(&mut self) -> Option<i32> {
        let mut inferior = self.inferior.take()?;
        let pid = inferior.tracee.pid();
        let _ = inferior.tracee.kill();
        Some(pid)
    }

    /// Called when the process has gone: forgets it and what depended on it.
    pub(super) fn forget_process(&mut self) {
        self.inferior = None;
        self.owners.clear();
        self.dummy_frames.clear();
        self.libraries = Libraries::default();
    }

    // ---- registers and memory ----------------------------------------------------------------

    pub fn registers(&mut self) -> Result<Registers, EngineError> {
        Ok(self.inferior_mut()?.tracee.registers()?)
    }

    pub fn extended_registers(&mut self) -> Result<ExtendedRegisters, EngineError> {
        Ok(self.inferior_mut()?.tracee.extended_registers()?)
    }

    /// `set $reg = V`.
    pub fn set_register(&mut self, name: &str, value: u64) -> Result<(), EngineError> {
        let tracee = &mut self.inferior_mut()?.tracee;
        let mut regs = tracee.registers()?;
        if !regs.set(name, value) {
            return Err(EngineError::InvalidRegister(name.to_string()));
        }
        tracee.set_registers(&regs)?;
        Ok(())
    }

    pub fn pc(&mut self) -> Result<RuntimeAddr, EngineError> {
        Ok(RuntimeAddr(self.registers()?.pc()))
    }

    /// Reads memory; int3 bytes never show (the target shadows them).
    pub fn read_memory(&mut self, addr: RuntimeAddr, buf: &mut [u8]) -> Result<(), EngineError> {
        match self.inferior.as_mut() {
            Some(inferior) => Ok(inferior.tracee.read_memory(addr, buf)?),
            None => self.read_file_memory(addr, buf),
        }
    }

    /// Before the program runs, gdb reads initialised data and code from the executable file.
    fn read_file_memory(&self, addr: RuntimeAddr, buf: &mut [u8]) -> Result<(), EngineError> {
        let module = self.module().map_err(|_| EngineError::Memory(addr.0))?;
        module.read_file_bytes(addr.to_file(self.last_bias), buf).map_err(|_| EngineError::Memory(addr.0))
    }

    pub fn write_memory(&mut self, addr: RuntimeAddr, data: &[u8]) -> Result<(), EngineError> {
        Ok(self.inferior_mut()?.tracee.write_memory(addr, data)?)
    }

    // ---- symbols of runtime addresses --------------------------------------------------------

    /// gdb's `<sym+off>` for a runtime address, in the program or a loaded library.
    /// Libraries are as last read at a stop (`refresh_libraries`).
    pub fn symbolize(&self, addr: RuntimeAddr) -> Option<(String, u64)> {
        let bias = self.bias();
        if let Some(found) = self.program.as_ref().and_then(|m| m.symbolize(addr.to_file(bias))) {
            return Some(found);
        }
        let (module, bias, _) = self.libraries.lookup(addr)?;
        module.symbolize(addr.to_file(bias))
    }

    /// Whether `addr` is where a function of the program starts (so `main` names code, not data).
    /// An ELF symbol by name for expressions, as gdb's minimal-symbol lookup finds it: defined in
    /// the program, else in a library (in the order they appeared), else the program's PLT entry;
    /// with whether it starts a function.
    pub fn lookup_global_symbol(&self, name: &str) -> Option<(RuntimeAddr, bool)> {
        let bias = self.bias();
        let program = self.program.as_ref()?;
        let starts_function = |m: &Module, b: LoadBias, at: RuntimeAddr| {
            m.function_at(at.to_file(b)).is_some_and(|f| f.low.relocate(b) == at)
        };
        let defined = std::iter::once((program, bias))
            .chain(self.libraries.loaded_modules_in_appearance_order())
            .find_map(|(m, b)| m.lookup_defined_symbol(name).map(|(at, _)| (m, b, at.relocate(b))));
        if let Some((m, b, at)) = defined {
            return Some((at, starts_function(m, b, at)));
        }
        let at = program.lookup_symbol(name)?.relocate(bias);
        Some((at, starts_function(program, bias, at)))
    }

    pub fn is_function_address(&self, addr: RuntimeAddr) -> bool {
        let bias = self.bias();
        self.program
            .as_ref()
            .and_then(|m| m.function_at(addr.to_file(bias)))
            .is_some_and(|f| f.low.relocate(bias) == addr)
    }

    /// The name and [start, end) of the function holding `addr`, in the program or a library.
    pub fn function_bounds(&self, addr: RuntimeAddr) -> Option<(String, RuntimeAddr, RuntimeAddr)> {
        let bias = self.bias();
        if let Some(f) = self.program.as_ref().and_then(|m| m.function_at(addr.to_file(bias))) {
            return Some((f.name, f.low.relocate(bias), f.high.relocate(bias)));
        }
        let (module, lib_bias, _) = self.libraries.lookup(addr)?;
        let f = module.function_at(addr.to_file(lib_bias))?;
        Some((f.name, f.low.relocate(lib_bias), f.high.relocate(lib_bias)))
    }

    /// The runtime address of an ELF symbol of the program (`break *main`, `x/i main`).
    pub fn lookup_symbol(&self, name: &str) -> Option<RuntimeAddr> {
        let bias = self.bias();
        self.program.as_ref()?.lookup_symbol(name).map(|a| a.relocate(bias))
    }

    /// Function, source position and library of a runtime address.
    pub fn describe(&self, pc: RuntimeAddr) -> FrameDescription {
        let bias = self.bias();
        let in_program = self.program.as_ref().and_then(|m| {
            let file = pc.to_file(bias);
            m.function_at(file).map(|f| (m, f))
        });
        if let Some((module, function)) = in_program {
            return FrameDescription {
                pc,
                function: Some(function.name),
                function_start: Some(function.low.relocate(bias)),
                source: module.source_location(pc.to_file(bias)),
                library: None,
                args: Vec::new(),
            };
        }
        let library = self.inferior.as_ref().and_then(|_| self.libraries.lookup(pc));
        match library {
            Some((module, lib_bias, name)) => {
                let function = module.function_at(pc.to_file(lib_bias));
                FrameDescription {
                    pc,
                    function_start: function.as_ref().map(|f| f.low.relocate(lib_bias)),
                    function: function.map(|f| f.name),
                    source: module.source_location(pc.to_file(lib_bias)),
                    library: Some(name),
                    args: Vec::new(),
                }
            }
            None => FrameDescription {
                pc,
                function: None,
                function_start: None,
                source: None,
                library: None,
                args: Vec::new(),
            },
        }
    }

    /// Reads the dynamic linker's list of loaded objects if the process has moved on since the last read.
    pub(super) fn refresh_libraries(&mut self) {
        let Some(inferior) = self.inferior.as_mut() else { return };
        let Some(program) = self.program.as_ref() else { return };
        self.libraries.refresh(&mut inferior.tracee, program, inferior.bias);
    }

    /// Describes the current pc, with the library list refreshed first and the arguments read.
    pub(super) fn describe_current(&mut self) -> Result<FrameDescription, EngineError> {
        let regs = self.registers()?;
        self.refresh_libraries();
        let pc = RuntimeAddr(regs.pc());
        let mut frame = self.describe(pc);
        if frame.function.is_none() {
            return Ok(frame);
        }
        let module = match &frame.library {
            None => self.program.as_ref().map(|m| (m, self.bias())),
            Some(_) => self.libraries.lookup(pc).map(|(m, bias, _)| (m, bias)),
        };
        let program_bias = self.bias();
        if let (Some((module, bias)), Some(inferior)) = (module, self.inferior.as_mut()) {
            let modules =
                Modules { program: self.program.as_ref(), libraries: &self.libraries, bias: program_bias };
            frame.args = read_frame_args(&mut inferior.tracee, modules, module, bias, &regs);
        }
        Ok(frame)
    }

    pub(super) fn finished(&mut self, reason: StopReason) -> Stop {
        self.forget_process();
        Stop { reason, frame: None, same_function: false }
    }

    /// The current frame's identity: its function's start and its CFA.
    pub(super) fn frame_id(&mut self) -> Result<(Option<RuntimeAddr>, Option<u64>), EngineError> {
        let regs = self.registers()?;
        let pc = RuntimeAddr(regs.pc());
        let bias = self.bias();
        let cfa = self.program.as_ref().and_then(|m| m.cfa_at(pc.to_file(bias))).and_then(|rule| {
            super::frame_args::dwarf_register(&regs, rule.register)
                .map(|r| r.wrapping_add_signed(rule.offset))
        });
        Ok((self.function_start_of(pc), cfa))
    }

    /// Where functions start, used to tell whether a step left the function it began in.
    pub(super) fn function_start_of(&self, pc: RuntimeAddr) -> Option<RuntimeAddr> {
        self.describe(pc).function_start
    }
}

/// The module holding `pc` (the program when its loaded range does, else a loaded library) and its
/// load bias. A free function so callers can hold other parts of the debugger mutably meanwhile.
pub(super) fn module_holding<'a>(
    program: Option<&'a Module>,
    libraries: &'a Libraries,
    bias: LoadBias,
    pc: RuntimeAddr,
) -> Option<(&'a Module, LoadBias)> {
    if let Some(program) = program {
        let (low, high) = program.loaded_range();
        if low.relocate(bias) <= pc && pc < high.relocate(bias) {
            return Some((program, bias));
        }
    }
    libraries.lookup(pc).map(|(m, b, _)| (m, b))
}

/// The program's load bias, from where the kernel says its entry point is (AT_ENTRY).
fn load_bias(tracee: &mut Tracee, module: &Module) -> Result<LoadBias, EngineError> {
    const AT_ENTRY: u64 = 9;
    let auxv = tracee.auxv()?;
    let entry = auxv.iter().find(|(key, _)| *key == AT_ENTRY).map(|(_, value)| *value);
    Ok(match entry {
        Some(runtime_entry) => LoadBias(runtime_entry.wrapping_sub(module.entry().0)),
        None => LoadBias(0),
    })
}
