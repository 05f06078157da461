//! What the program means, from its bytes alone: ELF symbols, line tables, functions. Never calls ptrace.
