//! Table-driven stepping tests on the engine API: each row is an action and where the program must
//! be afterwards (function and line), as gdb takes it there. The tables follow the programs' source
//! in test-programs/; the differential tests check the same motions' text against gdb.

use rdbg::engine::{Debugger, Disposition, LineStep, LocationSpec, RunRequest, Stop, StopReason};
use rdbg::test_programs;

#[derive(Clone, Copy, Debug)]
enum Action {
    Step,
    Next,
    Until,
    Finish,
    Stepi(u64),
    Nexti(u64),
    Advance(u32),
}

fn perform(debugger: &mut Debugger, action: Action) -> Stop {
    let result = match action {
        Action::Step => debugger.step_lines(LineStep::Into, 1),
        Action::Next => debugger.step_lines(LineStep::Over, 1),
        Action::Until => debugger.step_lines(LineStep::Until, 1),
        Action::Finish => debugger.finish().map(|f| f.stop),
        Action::Stepi(n) => debugger.step_instructions(n),
        Action::Nexti(n) => debugger.next_instructions(n),
        Action::Advance(line) => {
            let bias = debugger.bias();
            let targets: Vec<_> = debugger
                .resolve(&LocationSpec::Line { file: None, line })
                .expect("line resolves")
                .iter()
                .map(|l| l.runtime(bias))
                .collect();
            debugger.run_to_locations(&targets, false)
        }
    };
    result.unwrap_or_else(|e| panic!("{action:?} failed: {e}"))
}

/// Runs `program` (a C test program) to a breakpoint on `start`, then plays the table.
fn play(program: &str, start: &str, table: &[(Action, &str, u32)]) {
    play_at(&test_programs::c_program(program), start, table);
}

/// The same for a program already built at `path`.
fn play_at(path: &std::path::Path, start: &str, table: &[(Action, &str, u32)]) {
    let mut debugger = Debugger::new();
    debugger.load_program(path).expect("program loads");
    debugger.set_breakpoint(LocationSpec::Function(start.into()), Disposition::Delete).expect("breakpoint");
    let stop = debugger.run(&RunRequest::default()).expect("runs");
    assert!(matches!(stop.reason, StopReason::Breakpoint { .. }), "{stop:?}");
    for (row, (action, function, line)) in table.iter().enumerate() {
        let stop = perform(&mut debugger, *action);
        let frame = stop.frame.as_ref().unwrap_or_else(|| panic!("row {row} {action:?}: no frame: {stop:?}"));
        let at = (frame.function.as_deref().unwrap_or("??"), frame.source.as_ref().map_or(0, |s| s.line));
        assert_eq!(at, (*function, *line), "row {row}: {action:?}");
    }
    debugger.kill();
}

#[test]
fn basics_step_next_finish_until() {
    use Action::*;
    play(
        "basics",
        "main",
        &[
            (Next, "main", 29),
            (Next, "main", 30),
            (Step, "scale", 16),
            (Step, "add", 10),
            (Next, "add", 11),
            (Next, "add", 12),
            (Next, "scale", 16),
            (Next, "scale", 17),
            (Next, "scale", 18),
            (Next, "scale", 19),
            (Next, "main", 31),
            (Next, "main", 29),
            (Next, "main", 30),
            (Next, "main", 31),
            (Until, "main", 29),
            (Until, "main", 33),
            (Step, "tick", 23),
            (Finish, "main", 34),
        ],
    );
}

#[test]
fn stepping_recursion_and_calls() {
    use Action::*;
    play(
        "stepping",
        "factorial",
        &[
            (Next, "factorial", 17),
            (Next, "factorial", 18),
            (Step, "factorial", 19),
            (Next, "main", 77),
            (Step, "half", 23),
            (Finish, "main", 77),
            (Advance(81), "main", 81),
            (Stepi(1), "main", 81),
            (Nexti(4), "main", 82),
        ],
    );
}

#[test]
fn cplus_steps_into_methods_and_templates() {
    use Action::*;
    play_at(
        &test_programs::c_program_from("shapes", &["shapes.cpp"]),
        "main",
        &[
            (Next, "main", 53),
            (Next, "main", 54),
            (Step, "total_area", 47),
            (Step, "geo::Square::area", 21),
            (Finish, "total_area", 47),
            (Finish, "main", 54),
            (Next, "main", 55),
            (Step, "geo::scaled<int>", 40),
            (Finish, "main", 55),
        ],
    );
}

#[test]
fn rust_steps_out_of_a_function_into_its_loop() {
    use Action::*;
    play_at(
        &test_programs::c_program_from("rsdemo", &["rsdemo.rs"]),
        "rsdemo::area",
        &[
            (Next, "rsdemo::area", 10),
            (Next, "rsdemo::main", 20),
            (Step, "rsdemo::main", 19),
            (Next, "rsdemo::main", 20),
        ],
    );
}

#[test]
fn a_breakpoint_inside_a_call_stops_next() {
    use Action::*;
    let path = test_programs::c_program("basics");
    let mut debugger = Debugger::new();
    debugger.load_program(&path).expect("program loads");
    debugger.set_breakpoint(LocationSpec::Line { file: None, line: 30 }, Disposition::Delete).expect("bp");
    debugger.set_breakpoint(LocationSpec::Function("add".into()), Disposition::Keep).expect("bp");
    debugger.run(&RunRequest::default()).expect("runs");
    let stop = perform(&mut debugger, Next);
    assert!(matches!(stop.reason, StopReason::Breakpoint { number: 2, .. }), "{stop:?}");
    let stop = perform(&mut debugger, Finish);
    assert_eq!(stop.frame.and_then(|f| f.function), Some("scale".to_string()));
    debugger.kill();
}

#[test]
fn next_over_a_call_that_never_returns_reports_the_exit() {
    let path = test_programs::c_program("stepping");
    let mut debugger = Debugger::new();
    debugger.load_program(&path).expect("program loads");
    debugger.set_breakpoint(LocationSpec::Line { file: None, line: 88 }, Disposition::Keep).expect("bp");
    let request = RunRequest { args: vec!["1".into()], ..RunRequest::default() };
    debugger.run(&request).expect("runs");
    let stop = perform(&mut debugger, Action::Next);
    assert!(matches!(stop.reason, StopReason::Exited { code, .. } if code != 0), "{stop:?}");
    assert!(!debugger.is_running());
}
