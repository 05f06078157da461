//! Variables of the selected frame, for `print NAME`, `info locals` and `info args`: the symbols
//! layer says which variables are in scope at the frame's pc and how their locations read; this
//! evaluates the locations in that frame (its registers, its CFA, the process's memory, or the
//! executable's bytes before the program runs).

use crate::addr::{FileAddr, LoadBias, RuntimeAddr};
use crate::symbols::types::TypeRef;
use crate::symbols::{
    read_location_bytes, EntryValueOf, FrameBase, LocationAttr, LocationContext, LocationError,
    LocationResult, Module, VarLocation, Variable,
};
use crate::target::{Registers, Tracee};

use super::frame_args::{entry_value_in, frame_register, frame_register_bytes, FrameView, Modules};
use super::frames::Frame;
use super::session::{module_holding, Debugger};
use super::thread_local::thread_local_block;

/// Where a variable's value is in the selected frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarPlace {
    Memory(u64),
    /// In a register (DWARF number), with its bytes.
    Register(u16, Vec<u8>),
    /// Known value without a place (constants, DW_OP_stack_value, pieces).
    Value(Vec<u8>),
    OptimizedOut,
    /// The location could not be read (gdb shows `<error: ...>`).
    Error(String),
}

#[derive(Clone, Debug)]
pub struct FrameVariable {
    pub name: String,
    pub ty: TypeRef,
    pub place: VarPlace,
}

/// The frame a variable's location is evaluated in.
struct VarFrame<'a> {
    modules: Modules<'a>,
    module: &'a Module,
    bias: LoadBias,
    pc: FileAddr,
    tracee: Option<&'a mut Tracee>,
    regs: Option<Registers>,
    cfa: Option<u64>,
    frame_base: Option<LocationAttr>,
}

impl LocationContext for VarFrame<'_> {
    fn register(&mut self, number: u16) -> Option<u64> {
        frame_register(self.tracee.as_deref_mut(), self.regs.as_ref()?, number)
    }

    fn register_bytes(&mut self, number: u16) -> Option<Vec<u8>> {
        frame_register_bytes(self.tracee.as_deref_mut(), self.regs.as_ref()?, number)
    }

    fn read_memory(&mut self, addr: u64, buf: &mut [u8]) -> bool {
        match self.tracee.as_deref_mut() {
            Some(tracee) => tracee.read_memory(RuntimeAddr(addr), buf).is_ok(),
            None => self.module.read_file_bytes(RuntimeAddr(addr).to_file(self.bias), buf).is_ok(),
        }
    }

    fn frame_base(&mut self) -> Option<u64> {
        let attr = self.frame_base.take()?;
        let module = self.module;
        // Taken out while it runs, so a frame base that used DW_OP_fbreg could not recurse.
        let value = module.evaluate_value(&attr, self.pc, self).ok();
        self.frame_base = Some(attr);
        value
    }

    fn cfa(&mut self) -> Option<u64> {
        self.cfa
    }

    fn load_bias(&self) -> u64 {
        self.bias.0
    }

    fn tls_base(&mut self) -> Option<u64> {
        thread_local_block(self.tracee.as_deref_mut()?, self.regs.as_ref()?, &self.modules, self.module)
    }

    fn entry_value(&mut self, of: EntryValueOf) -> Option<u64> {
        let regs = self.regs?;
        let frame = FrameView::new(
            self.module,
            self.bias,
            &regs,
            self.pc.relocate(self.bias),
            self.cfa,
            FrameBase::Unknown,
        );
        entry_value_in(self.tracee.as_deref_mut()?, self.modules, frame, of)
    }
}

impl<'a> VarFrame<'a> {
    /// The context of `frame` (its registers, CFA and lookup pc) in `module`, loaded with the bias;
    /// without a frame only what needs no registers can be found (statics, globals).
    fn new(
        modules: Modules<'a>,
        (module, bias): (&'a Module, LoadBias),
        tracee: Option<&'a mut Tracee>,
        frame: Option<&FrameFacts>,
        frame_base: Option<LocationAttr>,
    ) -> Self {
        VarFrame {
            modules,
            module,
            bias,
            pc: frame.map_or(FileAddr(0), |f| f.lookup_pc.to_file(bias)),
            tracee,
            regs: frame.map(|f| f.regs),
            cfa: frame.and_then(|f| f.cfa),
            frame_base,
        }
    }

    fn place(&mut self, var: &Variable) -> VarPlace {
        let attr = match &var.location {
            VarLocation::Dwarf(attr) => attr.clone(),
            VarLocation::Constant(bytes) => return VarPlace::Value(bytes.clone()),
            VarLocation::OptimizedOut => return VarPlace::OptimizedOut,
        };
        let module = self.module;
        let size = usize::try_from(var.ty.size()).unwrap_or(0).min(1 << 20);
        match module.evaluate_location(&attr, self.pc, self) {
            Ok(LocationResult::Memory(addr)) => VarPlace::Memory(addr),
            Ok(LocationResult::Register(number)) => {
                match read_location_bytes(&LocationResult::Register(number), size, self) {
                    Ok(bytes) => VarPlace::Register(number, bytes),
                    Err(_) => VarPlace::OptimizedOut,
                }
            }
            Ok(LocationResult::Value(bytes)) => VarPlace::Value(fit(bytes, size)),
            Ok(result @ LocationResult::Pieces(_)) => match read_location_bytes(&result, size, self) {
                Ok(bytes) => VarPlace::Value(bytes),
                Err(LocationError::Memory(addr)) => {
                    VarPlace::Error(format!("Cannot access memory at address {addr:#x}"))
                }
                Err(_) => VarPlace::OptimizedOut,
            },
            Ok(LocationResult::ImplicitPointer { .. } | LocationResult::OptimizedOut) => {
                VarPlace::OptimizedOut
            }
            Err(LocationError::Memory(addr)) => {
                VarPlace::Error(format!("Cannot access memory at address {addr:#x}"))
            }
            Err(_) => VarPlace::OptimizedOut,
        }
    }
}

fn fit(mut bytes: Vec<u8>, size: usize) -> Vec<u8> {
    bytes.resize(size, 0);
    bytes
}

/// What `FUNCTION::name` found.
pub enum ScopedVariable {
    Found(FrameVariable),
    /// No function of that name.
    NoFunction,
    /// The function's block has no such name.
    NoSymbol,
    /// The variable lives in a frame of the function, and none is on the stack.
    NoFrame,
}

/// A frame as far as variables care.
struct FrameFacts {
    regs: Registers,
    cfa: Option<u64>,
    lookup_pc: RuntimeAddr,
}

impl FrameFacts {
    fn of(frame: &Frame) -> Self {
        FrameFacts { regs: frame.registers, cfa: frame.cfa(), lookup_pc: frame.lookup_pc }
    }
}

impl Debugger {
    fn variable_frame(&mut self) -> Option<FrameFacts> {
        self.inferior.as_ref()?;
        let frame = self.selected_frame().ok()?;
        Some(FrameFacts::of(&frame))
    }

    /// Whether the selected frame's code is Rust (values then print in Rust's syntax, as gdb's
    /// `set language auto` does).
    pub fn selected_frame_is_rust(&mut self) -> bool {
        let Some(frame) = self.variable_frame() else { return false };
        self.code_is_rust(&frame)
    }

    /// The selected frame's source language as DWARF names it (`c`, `c++`, `rust`, ...), for
    /// what gdb's `set language auto` decides: the type of `1 == 1` (bool in C++ and Rust).
    pub fn selected_frame_language(&mut self) -> Option<&'static str> {
        let frame = self.variable_frame()?;
        let bias = self.bias();
        let Debugger { program, libraries, .. } = self;
        module_holding(program.as_ref(), libraries, bias, frame.lookup_pc)
            .and_then(|(m, b)| m.source_language(frame.lookup_pc.to_file(b)))
    }

    /// Whether `frame`'s code is Rust: `bt full` prints each frame's locals in its own language.
    pub fn frame_is_rust(&mut self, frame: &Frame) -> bool {
        self.code_is_rust(&FrameFacts::of(frame))
    }

    fn code_is_rust(&mut self, frame: &FrameFacts) -> bool {
        let bias = self.bias();
        let Debugger { program, libraries, .. } = self;
        module_holding(program.as_ref(), libraries, bias, frame.lookup_pc)
            .and_then(|(m, b)| m.source_language(frame.lookup_pc.to_file(b)))
            == Some("rust")
    }

    /// `print NAME`: the variable NAME as the selected frame sees it (its blocks, its arguments,
    /// its file, then every unit), else a function or an enumerator of that name.
    pub fn find_variable(&mut self, name: &str) -> Option<FrameVariable> {
        let frame = self.variable_frame();
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let program = program.as_ref()?;
        let (module, mbias) = match &frame {
            Some(f) => module_holding(Some(program), libraries, bias, f.lookup_pc).unwrap_or((program, bias)),
            None => (program, bias),
        };
        let pc = frame.as_ref().map(|f| f.lookup_pc.to_file(mbias));
        let scope = pc.and_then(|pc| module.scope_at(pc));
        let found = scope.as_ref().and_then(|scope| {
            scope.blocks.iter().flatten().chain(scope.arguments.iter()).find(|v| v.name == name).cloned()
        });
        let found = found.or_else(|| pc.and_then(|pc| module.file_variable(pc, name)));
        let modules = Modules { program: Some(program), libraries, bias };
        let tracee = inferior.as_mut().map(|i| &mut i.tracee);
        let frame_base = scope.and_then(|s| s.frame_base);
        let mut ctx = VarFrame::new(modules, (module, mbias), tracee, frame.as_ref(), frame_base);
        if let Some(var) = found {
            let place = ctx.place(&var);
            return Some(FrameVariable { name: var.name, ty: var.ty, place });
        }
        // gdb's global lookup goes through object files, the frame's own first, then the program,
        // then the libraries in the order they appeared; in each, variables and functions share
        // one namespace (so the program's function `name` hides a library's variable `name`).
        let current = (module, mbias);
        let objfiles = std::iter::once(current)
            .chain(std::iter::once((program, bias)))
            .chain(libraries.loaded_modules_in_appearance_order());
        let mut seen: Vec<*const Module> = Vec::new();
        for (m, b) in objfiles {
            if seen.contains(&(m as *const Module)) {
                continue;
            }
            seen.push(m);
            // Another object's DWARF is read only when its symbol table defines the name: a miss
            // must not parse every unit of libc's debug info.
            let searched = std::ptr::eq(m, current.0) || std::ptr::eq(m, program);
            if !searched && m.lookup_defined_symbol(name).is_none() {
                continue;
            }
            if let Some(var) = m.global_variable(name) {
                ctx.module = m;
                ctx.bias = b;
                let place = ctx.place(&var);
                return Some(FrameVariable { name: var.name, ty: var.ty, place });
            }
            // An assembler unit's function has no return type gdb trusts: it is called like
            // an ELF symbol, through a cast.
            let from_asm = |entry: FileAddr| m.source_language(entry) == Some("asm");
            if let Some((ty, entry)) = m.function_object(name).filter(|(_, entry)| !from_asm(*entry)) {
                let runtime = entry.relocate(b);
                return Some(FrameVariable {
                    name: name.to_string(),
                    ty,
                    place: VarPlace::Memory(runtime.0),
                });
            }
            if std::ptr::eq(m, current.0) {
                if let Some((ty, value)) = m.enumerator(pc, name) {
                    let size = usize::try_from(ty.size()).unwrap_or(4).min(8);
                    let place = VarPlace::Value(value.to_le_bytes()[..size].to_vec());
                    return Some(FrameVariable { name: name.to_string(), ty, place });
                }
            }
        }
        None
    }

    /// gdb's `FUNCTION::name`: `name` as the block of `function` sees it (its arguments and
    /// outermost locals, then its file and the globals). A static needs no frame; anything else
    /// is read in the innermost frame of `function` from the selected one outwards.
    pub fn function_scoped_variable(&mut self, function: &str, name: &str) -> ScopedVariable {
        let bias = self.bias();
        let Some(program) = self.program.as_ref() else { return ScopedVariable::NoFunction };
        let objfiles =
            std::iter::once((program, bias)).chain(self.libraries.loaded_modules_in_appearance_order());
        let found =
            objfiles.into_iter().find_map(|(m, b)| m.function_object(function).map(|(_, e)| (m, b, e)));
        let Some((module, mbias, entry)) = found else {
            return self.file_scoped_variable(function, name);
        };
        let scope = module.scope_at(entry);
        let own = scope.as_ref().and_then(|s| {
            s.arguments.iter().chain(s.blocks.last().into_iter().flatten()).find(|v| v.name == name).cloned()
        });
        let Some(var) =
            own.or_else(|| module.file_variable(entry, name)).or_else(|| module.global_variable(name))
        else {
            return ScopedVariable::NoSymbol;
        };
        let runtime_entry = entry.relocate(mbias);
        // Without registers, only an address that needs no frame comes out (a static's).
        let frameless = self.place_in(&var, None, runtime_entry);
        if let Some(place @ VarPlace::Memory(_)) = frameless {
            return ScopedVariable::Found(FrameVariable { name: var.name, ty: var.ty, place });
        }
        let Ok(trace) = self.backtrace(None) else { return ScopedVariable::NoFrame };
        let selected = self.selected_level();
        let frame = trace
            .frames
            .into_iter()
            .skip(selected)
            .find(|f| !f.kind.is_marker() && f.description.function_start == Some(runtime_entry));
        let Some(frame) = frame else { return ScopedVariable::NoFrame };
        match self.place_in(&var, Some(&FrameFacts::of(&frame)), frame.lookup_pc) {
            Some(place) => ScopedVariable::Found(FrameVariable { name: var.name, ty: var.ty, place }),
            None => ScopedVariable::NoFrame,
        }
    }

    /// gdb's `'FILE'::name`: a variable at the top level of the source file `file`.
    fn file_scoped_variable(&mut self, file: &str, name: &str) -> ScopedVariable {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let Some(program) = program.as_ref() else { return ScopedVariable::NoFunction };
        let objfiles = std::iter::once((program, bias)).chain(libraries.loaded_modules_in_appearance_order());
        let mut matched_file = false;
        for (module, mbias) in objfiles {
            if module.source_files_matching(file).is_empty() {
                continue;
            }
            matched_file = true;
            let Some(var) = module.source_file_variable(file, name) else { continue };
            let modules = Modules { program: Some(program), libraries, bias };
            let tracee = inferior.as_mut().map(|i| &mut i.tracee);
            let mut ctx = VarFrame::new(modules, (module, mbias), tracee, None, None);
            let place = ctx.place(&var);
            return ScopedVariable::Found(FrameVariable { name: var.name, ty: var.ty, place });
        }
        if matched_file {
            ScopedVariable::NoSymbol
        } else {
            ScopedVariable::NoFunction
        }
    }

    /// Where `var` of the function holding `pc` is, in `frame` (or with no frame at all).
    fn place_in(&mut self, var: &Variable, frame: Option<&FrameFacts>, pc: RuntimeAddr) -> Option<VarPlace> {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let (module, mbias) = module_holding(program.as_ref(), libraries, bias, pc)?;
        let frame_base = frame.and_then(|_| module.scope_at(pc.to_file(mbias))).and_then(|s| s.frame_base);
        let modules = Modules { program: program.as_ref(), libraries, bias };
        let tracee = inferior.as_mut().map(|i| &mut i.tracee);
        let mut ctx = VarFrame::new(modules, (module, mbias), tracee, frame, frame_base);
        Some(ctx.place(var))
    }

    /// `info locals` (`arguments` false) or `info args` (true) of the selected frame, in gdb's
    /// order: innermost block first.
    /// Errors are gdb's words.
    pub fn frame_variables(&mut self, arguments: bool) -> Result<Vec<FrameVariable>, &'static str> {
        let frame = self.variable_frame().ok_or("No frame selected.")?;
        self.variables_of(&frame, arguments)
    }

    /// The locals or arguments of any frame of the current stack, selected or not (`bt full`
    /// walks the stack once instead of selecting each frame, which would unwind again each time).
    pub fn variables_in_frame(
        &mut self,
        frame: &Frame,
        arguments: bool,
    ) -> Result<Vec<FrameVariable>, &'static str> {
        self.variables_of(&FrameFacts::of(frame), arguments)
    }

    fn variables_of(
        &mut self,
        frame: &FrameFacts,
        arguments: bool,
    ) -> Result<Vec<FrameVariable>, &'static str> {
        let bias = self.bias();
        let Debugger { program, libraries, inferior, .. } = self;
        let Some((module, mbias)) = module_holding(program.as_ref(), libraries, bias, frame.lookup_pc) else {
            return Ok(Vec::new());
        };
        let pc = frame.lookup_pc.to_file(mbias);
        let Some(scope) = module.scope_at(pc) else { return Err("No symbol table info available.") };
        let modules = Modules { program: program.as_ref(), libraries, bias };
        let tracee = inferior.as_mut().map(|i| &mut i.tracee);
        let mut ctx = VarFrame::new(modules, (module, mbias), tracee, Some(frame), scope.frame_base.clone());
        let vars: Vec<&Variable> = if arguments {
            scope.arguments.iter().collect()
        } else {
            scope.blocks.iter().flatten().collect()
        };
        Ok(vars
            .into_iter()
            .map(|var| FrameVariable { name: var.name.clone(), ty: var.ty.clone(), place: ctx.place(var) })
            .collect())
    }

    /// A type by C name, as the selected frame's unit sees it first.
    pub fn find_type(&mut self, name: &str) -> Option<TypeRef> {
        let pc = if self.inferior.is_some() { self.selected_pc().ok() } else { None };
        let bias = self.bias();
        let program = self.program.as_ref()?;
        if let Some(pc) = pc {
            if let Some((module, mbias)) = module_holding(Some(program), &self.libraries, bias, pc) {
                if let Some(ty) = module.lookup_type(Some(pc.to_file(mbias)), name) {
                    return Some(ty);
                }
            }
        }
        program.lookup_type(None, name)
    }
}
