//! Values the evaluator computes. Only scalars for now: integers with a C type, pointers, and the
//! eflags register (a flags type in gdb).

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
            Value::Text(_) | Value::Void => 0,
        }
    }

    pub fn is_true(&self) -> bool {
        self.as_u64() != 0
    }
}
