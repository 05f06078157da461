//! C++ and Rust sessions, asserted directly (the differential tests compare the same motions with
//! gdb line by line; these pin the language-specific facts a reader looks for first).

mod common;

use std::process::{Command, Stdio};

use common::*;

fn batch(program: &std::path::Path, commands: &[&str]) -> String {
    let mut args = vec!["-nx", "-batch"];
    for c in commands {
        args.extend(["-ex", c]);
    }
    let out =
        Command::new(rdbg_binary()).args(&args).arg(program).stdin(Stdio::null()).output().expect("run rdbg");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn cplus_methods_templates_and_references() {
    let program = test_programs::c_program_from("shapes", &["shapes.cpp"]);
    let out = batch(
        &program,
        &[
            "break geo::Square::area",
            "break geo::scaled<int>",
            "break total_area",
            "run",
            "info breakpoints",
            "continue",
            "bt 2",
            "finish",
        ],
    );
    assert!(out.contains("Breakpoint 3, total_area (a=..., b=...) at shapes.cpp:47"), "{out}");
    assert!(out.contains(" in geo::Square::area() const at shapes.cpp:21\n"), "{out}");
    assert!(out.contains(" in geo::scaled<int>(int, int) at shapes.cpp:40\n"), "{out}");
    assert!(out.contains(" in total_area(geo::Shape const&, geo::Shape const&) at shapes.cpp:47\n"), "{out}");
    assert!(out.contains("Breakpoint 1, geo::Square::area (this=0x"), "{out}");
    assert!(
        out.contains("#1  0x") && out.contains(" in total_area (a=..., b=...) at shapes.cpp:47"),
        "{out}"
    );
    assert!(out.contains("Value returned is $1 = 9"), "{out}");
}

#[test]
fn rust_paths_main_and_return_values() {
    let program = test_programs::c_program_from("rsdemo", &["rsdemo.rs"]);
    let out = batch(&program, &["break area", "break rsdemo::area", "run", "bt", "finish", "finish"]);
    assert!(out.contains("Function \"area\" not defined."), "{out}");
    assert!(out.contains("Breakpoint 1 at 0x"), "{out}");
    assert!(out.contains("Breakpoint 1, rsdemo::area (r=0x"), "{out}");
    // gdb's Rust backtrace ends at the DW_AT_main_subprogram function.
    assert!(out.contains("#1  0x") && out.contains(" in rsdemo::main () at rsdemo.rs:20\n"), "{out}");
    assert!(!out.contains("#2 "), "{out}");
    assert!(out.contains("Value returned is $1 = 6"), "{out}");
    assert!(out.contains("\"finish\" not meaningful in the outermost frame."), "{out}");
}

#[test]
fn rust_types_from_other_units_at_opt_level_2() {
    // rustc -O2 writes the type of `words` (a Vec<String>) as a reference into another codegen
    // unit's DWARF (DW_FORM_ref_addr); it must be followed there, not become `void` or a number.
    let program = test_programs::c_program_from("rsargs-O2", &["rsargs.rs", "-C", "opt-level=2"]);
    let out = batch(
        &program,
        &["break rsargs::shared", "run", "whatis words", "ptype words", "up", "print words", "info locals"],
    );
    // The frame line prints the argument with its Vec printer. (Its size is whatever rustc's
    // location for this by-reference argument reads, which lacks a DW_OP_deref; gdb reads the
    // same bytes, so only the type is pinned here.)
    assert!(out.contains(", words=Vec(size="), "{out}");
    assert!(out.contains("type = alloc::vec::Vec<alloc::string::String, alloc::alloc::Global>\n"), "{out}");
    assert!(
        out.contains(
            "type = struct alloc::vec::Vec<alloc::string::String, alloc::alloc::Global> {\n  \
             buf: alloc::raw_vec::RawVec<alloc::string::String, alloc::alloc::Global>,\n  len: usize,\n}\n"
        ),
        "{out}"
    );
    // main's local `words`, whose location is right: the strings themselves.
    assert!(out.contains("$1 = Vec(size=2) = {\"x\", \"yz\"}\n"), "{out}");
    assert!(out.contains("\nwords = Vec(size=2) = {\"x\", \"yz\"}\n"), "{out}");
    assert!(!out.contains("void"), "{out}");
}
