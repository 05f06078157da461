//! gdb-exact text for registers, memory dumps and disassembly. Pure functions over data.
