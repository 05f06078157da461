//! rdbg against gdb on the same command files, in one run: `cargo bench --bench debugger`.
//!
//! Each case runs a command file through both debuggers alternately (gdb, rdbg, gdb, rdbg, ...),
//! RUNS times each, and reports medians. Per-operation costs subtract a baseline script that does
//! everything but the measured operation (start-up, running to main), so the ratio compares the
//! operation itself. Filter cases by name: `cargo bench --bench debugger -- stepi`.
//! RDBG_BENCH_RUNS sets the number of runs (default 5).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rdbg::test_programs;

struct Case {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    /// Commands of the measured script.
    measured: &'static [&'static str],
    /// Commands of the baseline script (the same minus the measured operation).
    baseline: &'static [&'static str],
    /// How many operations the difference covers, and what one is called.
    operations: f64,
    unit: &'static str,
    /// The target for rdbg/gdb.
    target_ratio: f64,
}

const CASES: &[Case] = &[
    Case {
        name: "stepi",
        program: "loop",
        args: &["100000"],
        measured: &["break main", "run", "stepi 20000", "kill"],
        baseline: &["break main", "run", "kill"],
        operations: 20000.0,
        unit: "step",
        target_ratio: 0.25,
    },
    Case {
        name: "breakpoint-hits",
        program: "loop",
        args: &["20000"],
        measured: &["break tick", "ignore 1 100000000", "run"],
        baseline: &["run"],
        operations: 20000.0,
        unit: "hit",
        target_ratio: 0.3,
    },
    Case {
        // `next` over a call that runs ~10^7 loop iterations must cost about what running them costs:
        // the call runs at full speed to a step-resume breakpoint, never single-stepped.
        name: "next-over-long-call",
        program: "loop",
        args: &["10000000"],
        measured: &["break loop.c:25", "run", "next", "kill"],
        baseline: &["break loop.c:25", "run", "kill"],
        operations: 1.0,
        unit: "next",
        target_ratio: 1.0,
    },
    Case {
        // A backtrace 10,000 frames deep: unwinding, symbols, lines and arguments of every frame.
        name: "backtrace",
        program: "recursion",
        args: &["10000"],
        measured: &["break deepest", "run", "bt", "kill"],
        baseline: &["break deepest", "run", "kill"],
        operations: 1.0,
        unit: "bt",
        target_ratio: 0.1,
    },
];

fn runs() -> usize {
    std::env::var("RDBG_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5)
}

fn write_script(dir: &Path, name: &str, commands: &[&str]) -> PathBuf {
    let path = dir.join(format!("{name}.gdb"));
    let mut text = String::new();
    for command in commands {
        text.push_str(command);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// One batch run; output is discarded, the wall time returned.
fn time_once(debugger: &Path, script: &Path, program: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(debugger)
        .args(["-nx", "-batch", "-x"])
        .arg(script)
        .arg("--args")
        .arg(program)
        .args(args)
        .env("LINES", "24")
        .env("COLUMNS", "80")
        .env("PWD", std::env::current_dir().unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", debugger.display()));
    let elapsed = start.elapsed();
    assert!(status.code().is_some(), "{} was killed by a signal", debugger.display());
    elapsed
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Medians for gdb and rdbg on one script, runs alternating.
fn measure(rdbg: &Path, script: &Path, program: &Path, args: &[&str]) -> (Duration, Duration) {
    let (mut gdb_times, mut rdbg_times) = (Vec::new(), Vec::new());
    for _ in 0..runs() {
        gdb_times.push(time_once(Path::new("gdb"), script, program, args));
        rdbg_times.push(time_once(rdbg, script, program, args));
    }
    (median(gdb_times), median(rdbg_times))
}

fn main() {
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let rdbg = PathBuf::from(env!("CARGO_BIN_EXE_rdbg"));
    let dir = std::env::temp_dir().join(format!("rdbg-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    println!("rdbg vs gdb, median of {} runs each, alternating", runs());
    println!("{:<18} {:>14} {:>14} {:>8} {:>8}  verdict", "case", "gdb", "rdbg", "ratio", "target");
    for case in
        CASES.iter().filter(|c| filter.is_empty() || filter.iter().any(|f| c.name.contains(f.as_str())))
    {
        let program = test_programs::c_program(case.program);
        let measured = write_script(&dir, case.name, case.measured);
        let baseline = write_script(&dir, &format!("{}-baseline", case.name), case.baseline);
        let (gdb_total, rdbg_total) = measure(&rdbg, &measured, &program, case.args);
        let (gdb_base, rdbg_base) = measure(&rdbg, &baseline, &program, case.args);
        let per_op = |total: Duration, base: Duration| {
            total.saturating_sub(base).as_secs_f64() * 1e6 / case.operations
        };
        let (gdb_op, rdbg_op) = (per_op(gdb_total, gdb_base), per_op(rdbg_total, rdbg_base));
        let ratio = rdbg_op / gdb_op;
        let verdict = if ratio <= case.target_ratio { "meets target" } else { "MISSES target" };
        println!(
            "{:<18} {:>9.1} µs/{} {:>6.1} µs/{} {:>8.3} {:>8.2}  {verdict}",
            case.name, gdb_op, case.unit, rdbg_op, case.unit, ratio, case.target_ratio
        );
        println!(
            "{:<18} totals: gdb {:.3} s (baseline {:.3} s), rdbg {:.3} s (baseline {:.3} s)",
            "",
            gdb_total.as_secs_f64(),
            gdb_base.as_secs_f64(),
            rdbg_total.as_secs_f64(),
            rdbg_base.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
