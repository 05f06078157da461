//! rdbg against gdb on the same command files, in one run: `cargo bench --bench debugger`.
//!
//! Each case runs a command file through both debuggers alternately (gdb, rdbg, gdb, rdbg, ...),
//! RUNS times each, and reports medians. Per-operation costs subtract a baseline script that does
//! everything but the measured operation (start-up, running to main), so the ratio compares the
//! operation itself. Filter cases by name: `cargo bench --bench debugger -- stepi`.
//! RDBG_BENCH_RUNS sets the number of runs (default 5).
//!
//! A case without a baseline times its whole script (start-up cases). A case with a memory target also
//! compares peak memory: the debugger's maximum resident set size from `wait4` (which is the larger of
//! the debugger's own and that of the children it reaped, i.e. the debugged program, always smaller).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rdbg::test_programs;

mod build_fixtures;

/// What a case debugs.
enum Program {
    /// A C program of `test-programs/`.
    C(&'static str),
    /// A large program built on first use (`build_fixtures.rs`).
    Fixture(fn() -> PathBuf),
}

struct Case {
    name: &'static str,
    program: Program,
    args: &'static [&'static str],
    /// Commands of the measured script.
    measured: &'static [&'static str],
    /// Commands of the baseline script (the same minus the measured operation); empty: none, the whole
    /// script is the operation.
    baseline: &'static [&'static str],
    /// How many operations the difference covers, and what one is called.
    operations: f64,
    unit: &'static str,
    /// The target for rdbg/gdb.
    target_ratio: f64,
    /// The target for rdbg/gdb peak memory, for cases that compare it.
    rss_target: Option<f64>,
}

/// Where `dump-16MiB` writes (a fixed path: commands are static text); removed at the end of the run.
const DUMP_FILE: &str = "/tmp/rdbg-bench-dump-16MiB.bin";
const DUMP_COMMAND: &str = "dump binary memory /tmp/rdbg-bench-dump-16MiB.bin &blob[0] &blob[16777216]";

const CASES: &[Case] = &[
    Case {
        name: "stepi",
        program: Program::C("loop"),
        args: &["100000"],
        measured: &["break main", "run", "stepi 20000", "kill"],
        baseline: &["break main", "run", "kill"],
        operations: 20000.0,
        unit: "step",
        target_ratio: 0.25,
        rss_target: None,
    },
    Case {
        name: "breakpoint-hits",
        program: Program::C("loop"),
        args: &["20000"],
        measured: &["break tick", "ignore 1 100000000", "run"],
        baseline: &["run"],
        operations: 20000.0,
        unit: "hit",
        target_ratio: 0.3,
        rss_target: None,
    },
    Case {
        // `next` over a call that runs ~10^7 loop iterations must cost about what running them costs:
        // the call runs at full speed to a step-resume breakpoint, never single-stepped.
        name: "next-over-long-call",
        program: Program::C("loop"),
        args: &["10000000"],
        measured: &["break loop.c:25", "run", "next", "kill"],
        baseline: &["break loop.c:25", "run", "kill"],
        operations: 1.0,
        unit: "next",
        target_ratio: 1.0,
        rss_target: None,
    },
    Case {
        // A backtrace 10,000 frames deep: unwinding, symbols, lines and arguments of every frame.
        name: "backtrace",
        program: Program::C("recursion"),
        args: &["10000"],
        measured: &["break deepest", "run", "bt", "kill"],
        baseline: &["break deepest", "run", "kill"],
        operations: 1.0,
        unit: "bt",
        target_ratio: 0.1,
        rss_target: None,
    },
    Case {
        // `dump binary memory` of a 16 MiB array: read in one batch, written with one write.
        name: "dump-16MiB",
        program: Program::C("bigarray"),
        args: &[],
        // Eight dumps: one (~10 ms in gdb) is below the noise of gdb's start-up.
        measured: &[
            "break bigarray.c:33",
            "run",
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            DUMP_COMMAND,
            "kill",
        ],
        baseline: &["break bigarray.c:33", "run", "kill"],
        operations: 8.0,
        unit: "dump",
        target_ratio: 1.0,
        rss_target: None,
    },
    Case {
        // 65536 words of `x`: one read for the whole range, rows formatted into one buffer.
        name: "x-65536-words",
        program: Program::C("bigarray"),
        args: &[],
        measured: &["break bigarray.c:33", "run", "x/65536xw &big", "kill"],
        baseline: &["break bigarray.c:33", "run", "kill"],
        operations: 65536.0,
        unit: "word",
        target_ratio: 0.05,
        rss_target: None,
    },
    Case {
        // All 131072 elements (the figure is per full print, so both lift gdb's 200-element
        // and 64 KiB value limits).
        name: "print-131072-elements",
        program: Program::C("bigarray"),
        args: &[],
        measured: &[
            "set max-value-size unlimited",
            "set print elements unlimited",
            "break bigarray.c:33",
            "run",
            "print big[0]@131072",
            "kill",
        ],
        baseline: &[
            "set max-value-size unlimited",
            "set print elements unlimited",
            "break bigarray.c:33",
            "run",
            "kill",
        ],
        operations: 131072.0,
        unit: "elem",
        target_ratio: 0.05,
        rss_target: None,
    },
    Case {
        // Start-up on a large C program: the sqlite3 amalgamation, -g -O0. Symbols load lazily: `break
        // main` reads a name index and one unit, the stop reads libc's debug info only as far as asked.
        name: "startup-sqlite3",
        program: Program::Fixture(build_fixtures::sqlite3),
        args: &[],
        measured: &["break main", "run", "bt"],
        baseline: &[],
        operations: 1.0,
        unit: "run",
        target_ratio: 0.3,
        rss_target: Some(0.5),
    },
    Case {
        // Start-up on a ~40 MB Rust program with regex, serde_json, clap and tokio, full debug info.
        name: "startup-rust",
        program: Program::Fixture(build_fixtures::bigrust),
        args: &[],
        measured: &["break main", "run", "bt"],
        baseline: &[],
        operations: 1.0,
        unit: "run",
        target_ratio: 0.4,
        rss_target: Some(0.5),
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

/// One batch run; output is discarded. Returns the wall time and the peak resident set size in KiB.
#[expect(clippy::zombie_processes, reason = "the child is reaped by wait4, which also returns its rusage")]
fn time_once(debugger: &Path, script: &Path, program: &Path, args: &[&str]) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(debugger)
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
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", debugger.display()));
    // wait4 rather than Child::wait: it also returns the child's resource usage (ru_maxrss).
    let pid = libc::pid_t::try_from(child.id()).expect("a pid fits pid_t");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; zeroed is a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child with valid pointers to locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4 on {}: {}", debugger.display(), std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status), "{} was killed by a signal", debugger.display());
    (elapsed, u64::try_from(usage.ru_maxrss).unwrap_or(0))
}

fn median<T: Ord + Copy>(mut samples: Vec<T>) -> T {
    samples.sort();
    samples[samples.len() / 2]
}

/// Median wall time and peak memory of one debugger on one script.
#[derive(Clone, Copy)]
struct Sample {
    time: Duration,
    rss_kib: u64,
}

/// Medians for gdb and rdbg on one script, runs alternating.
fn measure(rdbg: &Path, script: &Path, program: &Path, args: &[&str]) -> (Sample, Sample) {
    let (mut gdb_runs, mut rdbg_runs) = (Vec::new(), Vec::new());
    for _ in 0..runs() {
        gdb_runs.push(time_once(Path::new("gdb"), script, program, args));
        rdbg_runs.push(time_once(rdbg, script, program, args));
    }
    let sample = |runs: Vec<(Duration, u64)>| Sample {
        time: median(runs.iter().map(|r| r.0).collect()),
        rss_kib: median(runs.iter().map(|r| r.1).collect()),
    };
    (sample(gdb_runs), sample(rdbg_runs))
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
        let program = match case.program {
            Program::C(name) => test_programs::c_program(name),
            Program::Fixture(build) => build(),
        };
        let measured = write_script(&dir, case.name, case.measured);
        let (gdb_sample, rdbg_sample) = measure(&rdbg, &measured, &program, case.args);
        let (gdb_total, rdbg_total) = (gdb_sample.time, rdbg_sample.time);
        let (gdb_base, rdbg_base) = if case.baseline.is_empty() {
            (Duration::ZERO, Duration::ZERO)
        } else {
            let baseline = write_script(&dir, &format!("{}-baseline", case.name), case.baseline);
            let (gdb, rdbg) = measure(&rdbg, &baseline, &program, case.args);
            (gdb.time, rdbg.time)
        };
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
        if let Some(target) = case.rss_target {
            let ratio = rdbg_sample.rss_kib as f64 / gdb_sample.rss_kib as f64;
            let verdict = if ratio <= target { "meets target" } else { "MISSES target" };
            println!(
                "{:<18} {:>10.1} MiB {:>10.1} MiB {:>8.3} {:>8.2}  {verdict} (peak memory)",
                "",
                gdb_sample.rss_kib as f64 / 1024.0,
                rdbg_sample.rss_kib as f64 / 1024.0,
                ratio,
                target
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(DUMP_FILE);
}
