//! Values the evaluator computes: integers with a C type (literals and arithmetic results), untyped
//! pointers and flags (registers, ELF symbols), and objects of a DWARF type (variables, members,
//! elements, casts), with where they live so they can be assigned to and have their address taken.

use crate::symbols::types::{Encoding, Type, TypeRef};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntType {
    pub bytes: u8,
    pub signed: bool,
    /// gdb's name for it (`int`, `long`, `unsigned long`, `int8_t`, ...), for `ptype`/`whatis` later.
    pub name: &'static str,
}

impl IntType {
    pub const INT: IntType = IntType { bytes: 4, signed: true, name: "int" };
    pub const UINT: IntType = IntType { bytes: 4, signed: false, name: "unsigned int" };
    pub const LONG: IntType = IntType { bytes: 8, signed: true, name: "long" };
    pub const ULONG: IntType = IntType { bytes: 8, signed: false, name: "unsigned long" };
    pub const CHAR: IntType = IntType { bytes: 1, signed: true, name: "char" };
    pub const INT16: IntType = IntType { bytes: 2, signed: true, name: "int16_t" };
    pub const INT8: IntType = IntType { bytes: 1, signed: true, name: "int8_t" };
    /// Rust's unsuffixed integer literals.
    pub const I32: IntType = IntType { bytes: 4, signed: true, name: "i32" };
    pub const I64: IntType = IntType { bytes: 8, signed: true, name: "i64" };

    /// Truncates `raw` to this type's width and sign-extends it if signed, as an i128.
    pub fn normalise(self, raw: u64) -> i128 {
        let bits = u32::from(self.bytes) * 8;
        let masked = if bits >= 64 { raw } else { raw & ((1u64 << bits) - 1) };
        if self.signed && bits < 128 && masked >> (bits - 1) & 1 == 1 {
            i128::from(masked) - (1i128 << bits)
        } else {
            i128::from(masked)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    /// `void (*)()`: shown with `<symbol+off>`.
    Code,
    /// `void *`
    Data,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int {
        value: i128,
        ty: IntType,
    },
    Pointer {
        addr: u64,
        kind: PointerKind,
    },
    /// The eflags register: gdb prints the set flags' names.
    Flags {
        raw: u64,
    },
    /// A value rdbg can show but not yet compute with (a vector register's union).
    Text(String),
    /// An unset convenience variable (`$foo` before any assignment), shown as `void`.
    Void,
    /// A value of a DWARF (or gdb builtin) type.
    Object(Object),
}

/// Where an object lives, for assignment and `&`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lval {
    /// Computed: no address (`1 + x`, a cast, a constant).
    None,
    Memory(u64),
    /// In a register (DWARF number) of the selected frame.
    Register(u16),
    /// A bit field: `width` bits starting `bit` bits after `addr`.
    Bits {
        addr: u64,
        bit: u64,
        width: u64,
    },
    /// The value is not available (optimized-out variable): `<optimized out>`.
    OptimizedOut,
}

/// A typed value. `lazy` objects have not been read yet (`bytes` is empty): `&x`, `sizeof x` and
/// `x[5]` need only the place, so a big array is read only when it is shown.
#[derive(Clone, Debug)]
pub struct Object {
    pub ty: TypeRef,
    pub bytes: Vec<u8>,
    pub lval: Lval,
    pub lazy: bool,
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        std::sync::Arc::ptr_eq(&self.ty, &other.ty) && self.bytes == other.bytes && self.lval == other.lval
    }
}

impl Object {
    /// An object read from (or to be read from) memory at `addr`.
    pub fn in_memory(ty: TypeRef, addr: u64) -> Object {
        Object { ty, bytes: Vec::new(), lval: Lval::Memory(addr), lazy: true }
    }

    /// A computed object (not an lvalue).
    pub fn computed(ty: TypeRef, bytes: Vec<u8>) -> Object {
        Object { ty, bytes, lval: Lval::None, lazy: false }
    }

    pub fn address(&self) -> Option<u64> {
        match self.lval {
            Lval::Memory(addr) => Some(addr),
            _ => None,
        }
    }

    /// The bytes as a little-endian integer, sign-extended when the type is signed.
    pub fn as_i128(&self) -> i128 {
        let raw = le_u64(&self.bytes);
        let bits = (self.bytes.len().min(8) * 8) as u32;
        if self.ty.is_signed() && bits > 0 && bits < 64 && raw >> (bits - 1) & 1 == 1 {
            i128::from(raw) - (1i128 << bits)
        } else if self.ty.is_signed() && bits == 64 {
            i128::from(raw as i64)
        } else {
            i128::from(raw)
        }
    }

    /// The value of a float object.
    pub fn as_f64(&self) -> f64 {
        bytes_to_f64(&self.bytes)
    }
}

/// Little-endian bytes (up to 8) as an integer.
pub fn le_u64(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    let n = bytes.len().min(8);
    raw[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(raw)
}

/// A float of 4, 8 or 10/16 (x87) bytes as an f64.
pub fn bytes_to_f64(bytes: &[u8]) -> f64 {
    match bytes.len() {
        4 => f64::from(f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])),
        8 => f64::from_bits(le_u64(bytes)),
        n if n >= 10 => {
            let mantissa = le_u64(&bytes[..8]);
            let se = u16::from_le_bytes([bytes[8], bytes[9]]);
            let sign = if se & 0x8000 != 0 { -1.0 } else { 1.0 };
            let exp = i32::from(se & 0x7fff);
            if exp == 0 && mantissa == 0 {
                return 0.0 * sign;
            }
            if exp == 0x7fff {
                return if mantissa << 1 == 0 { sign * f64::INFINITY } else { f64::NAN };
            }
            sign * (mantissa as f64) * 2f64.powi(exp - 16383 - 63)
        }
        _ => 0.0,
    }
}

/// An f64 as the bytes of a float type of `size` bytes (4, 8 or the x87 16).
pub fn f64_to_bytes(value: f64, size: u64) -> Vec<u8> {
    match size {
        4 => (value as f32).to_le_bytes().to_vec(),
        8 => value.to_le_bytes().to_vec(),
        _ => {
            let mut out = vec![0u8; usize::try_from(size).unwrap_or(16).max(10)];
            let bits = value.to_bits();
            let sign = (bits >> 63) as u16;
            let exp = ((bits >> 52) & 0x7ff) as i32;
            let frac = bits & ((1u64 << 52) - 1);
            let (e, m) = if exp == 0 && frac == 0 {
                (0u16, 0u64)
            } else if exp == 0x7ff {
                (0x7fff, (1u64 << 63) | (frac << 11))
            } else {
                ((exp - 1023 + 16383) as u16, (1u64 << 63) | (frac << 11))
            };
            out[..8].copy_from_slice(&m.to_le_bytes());
            out[8..10].copy_from_slice(&(e | (sign << 15)).to_le_bytes());
            out
        }
    }
}

impl Value {
    pub fn int(value: i128, ty: IntType) -> Value {
        Value::Int { value: ty.normalise(value as u64), ty }
    }

    /// The value as a 64-bit pattern (for addresses, `x`, registers).
    pub fn as_u64(&self) -> u64 {
        match self {
            Value::Int { value, .. } => *value as u64,
            Value::Pointer { addr, .. } => *addr,
            Value::Flags { raw } => *raw,
            Value::Object(o) if o.ty.is_float() => o.as_f64() as i64 as u64,
            Value::Object(o) => match &**o.ty.strip() {
                // An array or function used as a number is its address (C's decay).
                Type::Array { .. } | Type::Function(_) => o.address().unwrap_or(0),
                _ => o.as_i128() as u64,
            },
            Value::Text(_) | Value::Void => 0,
        }
    }

    pub fn is_true(&self) -> bool {
        match self {
            Value::Object(o) if o.ty.is_float() => o.as_f64() != 0.0,
            _ => self.as_u64() != 0,
        }
    }

    /// The value's type as `whatis` names it.
    pub fn type_of(&self) -> TypeRef {
        match self {
            Value::Int { ty, .. } => {
                let encoding = match (ty.bytes, ty.signed) {
                    (1, true) => Encoding::SignedChar,
                    (1, false) => Encoding::UnsignedChar,
                    (_, true) => Encoding::Signed,
                    (_, false) => Encoding::Unsigned,
                };
                Type::base(ty.name, u64::from(ty.bytes), encoding)
            }
            Value::Pointer { kind: PointerKind::Data, .. } => {
                Type::pointer_to(std::sync::Arc::new(Type::Void))
            }
            Value::Pointer { kind: PointerKind::Code, .. } => {
                Type::pointer_to(std::sync::Arc::new(Type::Function(crate::symbols::types::FunctionType {
                    ret: std::sync::Arc::new(Type::Void),
                    params: Vec::new(),
                    prototyped: false,
                    varargs: false,
                })))
            }
            Value::Flags { .. } => Type::base("i386_eflags", 4, Encoding::Unsigned),
            Value::Text(_) | Value::Void => std::sync::Arc::new(Type::Void),
            Value::Object(o) => o.ty.clone(),
        }
    }
}
