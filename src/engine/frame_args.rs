//! The arguments a frame line shows, read from the stopped process: the CFA from the call frame
//! information, each parameter's bytes from its DWARF location. Values stay bytes plus a type;
//! the front end turns them into gdb's text.

use crate::addr::{LoadBias, RuntimeAddr};
use crate::symbols::{FrameBase, Module, ParamLocation, ParamType};
use crate::target::{Registers, Tracee};

/// gdb prints at most this many characters of a string (`set print elements`, 200 by default).
pub const STRING_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValue {
    /// The parameter's bytes; for a `char *`, also the string it points to (or the address that
    /// could not be read) and whether it was cut at the limit.
    Value {
        ty: ParamType,
        bytes: Vec<u8>,
        string: Option<Result<(Vec<u8>, bool), u64>>,
    },
    OptimizedOut,
    /// The parameter's own storage could not be read.
    Unreadable(u64),
    /// A C++ reference to a scalar: where it refers, and the value there.
    Reference {
        addr: u64,
        target: Box<ArgValue>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameArg {
    pub name: String,
    pub value: ArgValue,
}

/// gdb's names of the x86-64 DWARF registers 0-16 (16 is the return address column, rip).
pub(super) const DWARF_REGISTER_NAMES: [&str; 17] = [
    "rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "rip",
];

/// x86-64 DWARF register numbers to gdb's names.
pub(super) fn dwarf_register(regs: &Registers, number: u16) -> Option<u64> {
    regs.get(DWARF_REGISTER_NAMES.get(usize::from(number))?).map(|(v, _)| v)
}

/// The arguments of the innermost frame, stopped at `pc` in `module` (loaded with `bias`).
pub fn read_frame_args(
    tracee: &mut Tracee,
    module: &Module,
    bias: LoadBias,
    regs: &Registers,
) -> Vec<FrameArg> {
    let pc = RuntimeAddr(regs.pc());
    let file_pc = pc.to_file(bias);
    let Some((frame_base, params)) = module.frame_parameters(file_pc) else { return Vec::new() };
    let cfa = match frame_base {
        FrameBase::Cfa => module
            .cfa_at(file_pc)
            .and_then(|cfa| dwarf_register(regs, cfa.register).map(|r| r.wrapping_add_signed(cfa.offset))),
        _ => None,
    };
    read_parameter_values(tracee, bias, regs, cfa, frame_base, params)
}

/// The values of a function's `params` in a frame with registers `regs` and canonical frame address
/// `cfa` (the backtrace knows each frame's CFA from unwinding it, and its parameters per function).
pub(super) fn read_parameter_values(
    tracee: &mut Tracee,
    bias: LoadBias,
    regs: &Registers,
    cfa: Option<u64>,
    frame_base: FrameBase,
    params: Vec<crate::symbols::Parameter>,
) -> Vec<FrameArg> {
    let base = match frame_base {
        FrameBase::Cfa => cfa,
        FrameBase::Register(number) => dwarf_register(regs, number),
        FrameBase::Unknown => None,
    };
    params
        .into_iter()
        .map(|param| {
            let size = usize::try_from(param.size).unwrap_or(0).clamp(1, 16);
            let value = match (param.location, &param.ty) {
                (_, ParamType::Aggregate) => {
                    ArgValue::Value { ty: param.ty.clone(), bytes: Vec::new(), string: None }
                }
                (ParamLocation::FrameOffset(offset), _) => match base {
                    Some(base) => read_value(tracee, base.wrapping_add_signed(offset), size, &param.ty),
                    None => ArgValue::OptimizedOut,
                },
                (ParamLocation::Address(addr), _) => {
                    read_value(tracee, bias.0.wrapping_add(addr), size, &param.ty)
                }
                (ParamLocation::Register(number), _) => match dwarf_register(regs, number) {
                    Some(v) => with_string(tracee, v.to_le_bytes()[..size.min(8)].to_vec(), &param.ty),
                    None => ArgValue::OptimizedOut,
                },
                (ParamLocation::Constant(bits), _) => {
                    with_string(tracee, bits.to_le_bytes()[..size.min(8)].to_vec(), &param.ty)
                }
                (ParamLocation::Unknown, _) => ArgValue::OptimizedOut,
            };
            FrameArg { name: param.name, value }
        })
        .collect()
}

/// A function's return value, from where the x86-64 System V ABI puts it: rax for integers and
/// pointers, xmm0 for float and double, st(0) for long double. Structs come with the value printer.
pub fn read_register_value(
    tracee: &mut Tracee,
    regs: &Registers,
    ext: Option<&crate::target::ExtendedRegisters>,
    ty: &crate::symbols::ReturnType,
) -> Option<ArgValue> {
    let size = usize::try_from(ty.size).unwrap_or(0);
    match ty.ty {
        ParamType::Aggregate | ParamType::Unknown => None,
        ParamType::Float { size: 16 } => {
            Some(ArgValue::Value { ty: ty.ty.clone(), bytes: ext?.st(0).to_vec(), string: None })
        }
        ParamType::Float { .. } => {
            let bytes = ext?.xmm(0)[..size.min(16)].to_vec();
            Some(ArgValue::Value { ty: ty.ty.clone(), bytes, string: None })
        }
        _ => {
            let rax = regs.get("rax").map_or(0, |(v, _)| v);
            Some(with_string(tracee, rax.to_le_bytes()[..size.clamp(1, 8)].to_vec(), &ty.ty))
        }
    }
}

fn read_value(tracee: &mut Tracee, addr: u64, size: usize, ty: &ParamType) -> ArgValue {
    let mut bytes = vec![0u8; size];
    match tracee.read_memory(RuntimeAddr(addr), &mut bytes) {
        Ok(()) => with_string(tracee, bytes, ty),
        Err(_) => ArgValue::Unreadable(addr),
    }
}

/// For `char *`, also reads the string pointed to, as gdb shows it after the address; for a
/// reference to a scalar, the value it refers to.
fn with_string(tracee: &mut Tracee, bytes: Vec<u8>, ty: &ParamType) -> ArgValue {
    if let ParamType::Reference { target, target_size } = ty {
        if !matches!(**target, ParamType::Aggregate) {
            let addr = little_endian_u64(&bytes);
            let size = usize::try_from(*target_size).unwrap_or(0).clamp(1, 16);
            return ArgValue::Reference { addr, target: Box::new(read_value(tracee, addr, size, target)) };
        }
    }
    let string = match ty {
        ParamType::Pointer { to_char: true, .. } => {
            let mut raw = [0u8; 8];
            let n = bytes.len().min(8);
            raw[..n].copy_from_slice(&bytes[..n]);
            let addr = u64::from_le_bytes(raw);
            (addr != 0).then(|| read_c_string(tracee, addr))
        }
        _ => None,
    };
    ArgValue::Value { ty: ty.clone(), bytes, string }
}

fn little_endian_u64(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    let n = bytes.len().min(8);
    raw[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(raw)
}

fn read_c_string(tracee: &mut Tracee, addr: u64) -> Result<(Vec<u8>, bool), u64> {
    let mut buf = [0u8; STRING_LIMIT + 1];
    let n = tracee.read_memory_partial(RuntimeAddr(addr), &mut buf);
    if n == 0 {
        return Err(addr);
    }
    match buf[..n].iter().position(|b| *b == 0) {
        Some(end) => Ok((buf[..end].to_vec(), false)),
        None if n > STRING_LIMIT => Ok((buf[..STRING_LIMIT].to_vec(), true)),
        None => Err(addr + n as u64),
    }
}
