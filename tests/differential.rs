//! Differential tests: each `tests/differential/NAME.gdb` runs through gdb and rdbg in batch mode on
//! the same program, and the outputs must match line for line (pids normalised; gdb's libthread_db
//! chatter dropped). gdb is the oracle for what a C program's stops, registers and memory look like.
//!
//! A script's first lines name its program and arguments:
//! `# program: basics` (built from test-programs/basics.c) and optionally `# args: a b` (`@NAME` is
//! the path of test program NAME),
//! `# mode: ex` (each line its own `-ex`) and `# gdb: SETTING` (given to gdb alone with `-iex`).
//! `# oracle: rust-gdb` runs rust-gdb (gdb with rustc's std printers) as the oracle.

mod common;

use std::path::{Path, PathBuf};

use common::*;

struct Script {
    path: PathBuf,
    program: String,
    args: Vec<String>,
    /// `# mode: ex`: each line is passed as its own `-ex` (so an error does not end the rest).
    each_line_as_ex: bool,
    /// `# gdb: CMD`: settings only gdb gets, before anything else (`-iex`).
    gdb_settings: Vec<String>,
    /// `# sources: a.c b.c`: the program is built from these files.
    sources: Option<Vec<String>>,
    /// `# oracle: rust-gdb`: the debugger whose output is expected (default `gdb`).
    oracle: String,
}

fn read_script(name: &str) -> Script {
    let path = test_programs::repo_root().join("tests/differential").join(format!("{name}.gdb"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = |key: &str| {
        text.lines().find_map(|l| l.strip_prefix(&format!("# {key}:")).map(|v| v.trim().to_string()))
    };
    Script {
        program: header("program").unwrap_or_else(|| panic!("{name}.gdb names no program")),
        args: header("args").map(|a| a.split_whitespace().map(String::from).collect()).unwrap_or_default(),
        each_line_as_ex: header("mode").as_deref() == Some("ex"),
        oracle: header("oracle").unwrap_or_else(|| "gdb".to_string()),
        sources: header("sources").map(|s| s.split_whitespace().map(String::from).collect()),
        gdb_settings: text
            .lines()
            .filter_map(|l| l.strip_prefix("# gdb:"))
            .map(|s| s.trim().to_string())
            .collect(),
        path,
    }
}

fn compare_with_gdb(name: &str) {
    let script = read_script(name);
    // `# sources: a.c b.c` builds the program from several files.
    let program = match &script.sources {
        Some(sources) => {
            let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
            test_programs::c_program_from(&script.program, &sources)
        }
        None => test_programs::c_program(&script.program),
    };
    let work = scratch(name);
    // `@NAME` in the arguments stands for the path of test program NAME.
    let args: Vec<String> = script
        .args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(name) => test_programs::c_program(name).to_string_lossy().into_owned(),
            None => a.clone(),
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let commands = if script.each_line_as_ex {
        let text = std::fs::read_to_string(&script.path).unwrap_or_default();
        Commands::EachAsEx(text.lines().filter(|l| !l.starts_with('#')).map(String::from).collect())
    } else {
        Commands::File(script.path.clone())
    };
    let (gdb_out, gdb_status) =
        run_batch(Path::new(&script.oracle), &script.gdb_settings, &commands, &program, &args, &work);
    let (rdbg_out, rdbg_status) = run_batch(&rdbg_binary(), &[], &commands, &program, &args, &work);
    let expected = normalise(&without_gdb_only_lines(&gdb_out));
    let actual = normalise(&rdbg_out);
    assert!(
        expected == actual,
        "rdbg and gdb differ on {name}.gdb:\n{}\n--- gdb ---\n{expected}--- rdbg ---\n{actual}",
        describe_difference(&expected, &actual)
    );
    assert_eq!(rdbg_status, gdb_status, "exit status differs on {name}.gdb");
}

macro_rules! differential {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                compare_with_gdb(stringify!($name));
            }
        )*
    };
}

differential!(
    values_strings,
    rust_indexing,
    cplus_members,
    cplus_scoped_names,
    values_memory,
    breakpoints_basic,
    breakpoints_table,
    stepping_instructions,
    registers_general,
    memory_examine,
    disassembly,
    exit_codes,
    signals,
    print_registers,
    errors,
    forks,
    registers_all,
    breakpoint_lines,
    restart,
    execs,
    list_basic,
    list_after_stop,
    list_errors,
    info_line,
    info_source,
    shlib_info,
    shlib_pending,
    shlib_dlopen,
    shlib_stepping,
    shlib_owners,
    stepping_lines,
    stepping_finish_values,
    stepping_recursion,
    stepping_until_advance,
    stepping_calls,
    breakpoint_file_function,
    cplus_names,
    rust_names,
    c_static_dwarf4,
    c_optimized,
    c_lto,
    values_extern_definitions,
    c_no_pie,
    stepping_selected_frame,
    cplus_stepping,
    rust_stepping,
    breakpoint_current_file,
    stepping_nodebug,
    rust_until,
    breakpoint_addresses,
    finish_values,
    stack_abort,
    stack_basic,
    stack_recursion,
    stack_signal,
    stack_frame_address,
    stack_full,
    stack_full_frames,
    stack_full_nodebug,
    rust_stack_full,
    stack_rust,
    stack_inline,
    stack_inline_chain,
    rust_main_inline,
    frame_args_libc,
    frame_args_main_return,
    frame_args_abort,
    frame_args_optimized,
    frame_args_optimized_dwarf4,
    stack_tailcall,
    values_types,
    values_float_args,
    values_thread_local,
    values_calls,
    values_calls_stopped,
    values_calls_after_signal,
    conditions_calls,
    values_compound_assign,
    values_scoped_names,
    watchpoints_basic,
    watchpoints_scope,
    watchpoints_conditions,
    watchpoints_stepping,
    values_print,
    values_pretty,
    values_locals,
    values_expressions,
    rust_values,
    rust_pretty,
    rust_pretty_std,
    rust_frame_args,
    rust_literals,
    cplus_booleans,
    cplus_pretty,
    cplus_pretty_bases,
    cplus_pretty_values,
    rust_types,
    conditions,
    display,
    conditions_stepping,
    dump_memory,
    cplus_values,
    cplus_virtual_bases,
);
