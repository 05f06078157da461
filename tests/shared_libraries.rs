//! Shared-library behaviour that the differential tests cannot compare line for line with gdb.

mod common;

use std::process::Command;

use common::*;

/// `rdbg -nx -batch -ex C1 -ex C2 ... --args PROGRAM`; returns stdout and stderr together.
fn batch(program: &std::path::Path, commands: &[&str]) -> String {
    let mut command = Command::new(rdbg_binary());
    command.args(["-nx", "-batch"]);
    for c in commands {
        command.args(["-ex", c]);
    }
    let out = command.arg("--args").arg(program).output().expect("run rdbg");
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A breakpoint on a libc function set before `run` first sits on the program's PLT stub, then moves
/// into libc when libc loads, and the stop there carries gdb's names from libc's separate debug info:
/// `Breakpoint 1, __GI__IO_puts (str=0x... "hello") at ./libio/ioputs.c:35`. The argument is checked
/// only by name: it lives in a location list, which rdbg prints as `<optimized out>` until issue 4.
#[test]
fn libc_breakpoint_moves_from_the_plt_stub_into_libc() {
    let program = test_programs::c_program("shlib_main");
    let out = batch(&program, &["break puts", "run", "info breakpoints"]);
    let stop =
        out.lines().find(|l| l.starts_with("Breakpoint 1, ")).unwrap_or_else(|| panic!("no stop:\n{out}"));
    assert!(stop.starts_with("Breakpoint 1, __GI__IO_puts (str="), "{out}");
    assert!(stop.ends_with(") at ./libio/ioputs.c:35"), "{out}");
    assert!(out.lines().next().is_some_and(|l| l.starts_with("Breakpoint 1 at 0x")), "{out}");
    let row = out.lines().find(|l| l.starts_with("1       breakpoint") && l.contains("__GI__IO_puts"));
    assert!(row.is_some_and(|r| r.ends_with(" in __GI__IO_puts at ./libio/ioputs.c:35")), "{out}");
}
