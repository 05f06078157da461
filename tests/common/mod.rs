//! Shared helpers for the integration tests: build test programs, run rdbg and gdb on the same command
//! file, and normalise what differs between runs (pids).

#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use rdbg::test_programs;

/// The rdbg binary cargo built for these tests.
pub fn rdbg_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rdbg"))
}

/// A scratch directory unique to one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rdbg-test-{}-{name}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The commands of a batch run: a command file (`-x`), or lines each passed as `-ex`.
pub enum Commands {
    File(PathBuf),
    EachAsEx(Vec<String>),
}

/// Runs a debugger (`rdbg` or `gdb`) in batch mode on `program` with `commands` (after the `early`
/// settings, given with `-iex`),
/// stdout and stderr interleaved in one stream as a terminal would show them.
/// The environment is pinned (LINES, COLUMNS) so that gdb passes it on unchanged, as rdbg does.
pub fn run_batch(
    debugger: &Path,
    early: &[String],
    commands: &Commands,
    program: &Path,
    args: &[&str],
    work: &Path,
) -> (String, i32) {
    let out_path =
        work.join(format!("{}.out", debugger.file_name().and_then(|s| s.to_str()).unwrap_or("dbg")));
    let out = File::create(&out_path).expect("create output file");
    let err = out.try_clone().expect("clone output file");
    let mut command = Command::new(debugger);
    command.args(["-nx", "-batch"]);
    for setting in early {
        command.arg("-iex").arg(setting);
    }
    match commands {
        Commands::File(script) => {
            command.arg("-x").arg(script);
        }
        Commands::EachAsEx(lines) => {
            for line in lines {
                command.arg("-ex").arg(line);
            }
        }
    }
    let status = command
        .arg("--args")
        .arg(program)
        .args(args)
        .env("LINES", "24")
        .env("COLUMNS", "80")
        // gdb starts the program through /bin/sh, which exports PWD; pin it so both see one environment.
        .env("PWD", work)
        .current_dir(work)
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .status()
        .expect("run debugger");
    let text = std::fs::read_to_string(&out_path).expect("read output");
    (text, status.code().unwrap_or(-1))
}

/// Replaces what legitimately changes from run to run: process ids.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(&normalise_line(line));
        out.push('\n');
    }
    out
}

fn normalise_line(line: &str) -> String {
    let mut result = line.to_string();
    for marker in ["process ", "LWP "] {
        let mut searched = 0;
        while let Some(found) = result[searched..].find(marker) {
            let start = searched + found + marker.len();
            let digits = result[start..].chars().take_while(|c| c.is_ascii_digit()).count();
            if digits > 0 {
                result.replace_range(start..start + digits, "PID");
            }
            searched = start;
        }
    }
    result
}

/// gdb's lines that rdbg does not print (libthread_db chatter, and the warning about the Python
/// pretty-printer script a Rust binary asks for), dropped before comparing.
pub fn without_gdb_only_lines(text: &str) -> String {
    const GDB_ONLY: &[&str] = &[
        "[Thread debugging using libthread_db",
        "Using host libthread_db library",
        "warning: Missing auto-load script at offset 0 in section .debug_gdb_scripts",
        "Use `info auto-load python-scripts [REGEXP]' to list them.",
    ];
    // The auto-load warning's middle line names the file: `of file /path/to/program.`
    let is_gdb_only = |l: &str| {
        GDB_ONLY.iter().any(|p| l.starts_with(p)) || (l.starts_with("of file /") && l.ends_with('.'))
    };
    text.lines().filter(|l| !is_gdb_only(l)).map(|l| format!("{l}\n")).collect()
}

/// A line-by-line diff that says where two outputs part.
pub fn describe_difference(expected: &str, actual: &str) -> String {
    let mut report = String::new();
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            report.push_str(&format!("line {}:\n  expected: {:?}\n  actual:   {:?}\n", i + 1, x, y));
        }
    }
    report
}
