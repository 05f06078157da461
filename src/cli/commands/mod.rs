//! The command table (see `table.rs` for its shape) and the handlers, grouped by concern.

pub mod breakpoints;
pub mod data;
pub mod display;
pub mod dump;
pub mod files;
pub mod libraries;
pub mod limits;
mod list_locations;
pub mod listing;
pub mod running;
pub mod settings;
pub mod stack;
pub mod values;
pub mod watchpoints;

use super::error::CliError;
use super::session::Session;
use super::table::{lookup, CommandSpec, Completion, Invocation};

/// `info WHAT`.
fn info(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        return Err(CliError::msg("List of info subcommands:\n\nType \"help info\" for the list."));
    }
    let (word, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let spec = lookup(INFO, word, Some("info"))?;
    (spec.handler)(session, rest.trim(), how)
}

macro_rules! command {
    ($name:expr, [$($alias:expr),*], $summary:expr, $details:expr, $completion:expr, $repeats:expr, $handler:expr) => {
        CommandSpec {
            name: $name,
            aliases: &[$($alias),*],
            summary: $summary,
            details: $details,
            completion: $completion,
            repeats: $repeats,
            handler: $handler,
        }
    };
}

use Completion::{Commands, Files, Locations, Nothing, Subcommands};

pub static TOP_LEVEL: &[CommandSpec] = &[
    command!("break", ["b", "br", "bre", "brea"], "Set breakpoint at specified location.",
        "break [LOCATION]\nLOCATION: FUNCTION, FILE:LINE, LINE, or *ADDRESS. Without LOCATION, the current pc.",
        Locations, false, breakpoints::break_),
    command!("watch", [], "Set a watchpoint for EXPRESSION.",
        "watch EXPRESSION [if CONDITION]\nA watchpoint stops execution of your program whenever the value of\nan expression changes (a hardware watchpoint on the bytes it names).",
        Nothing, false, watchpoints::watch),
    command!("rwatch", [], "Set a read watchpoint for EXPRESSION.",
        "rwatch EXPRESSION [if CONDITION]\nA read watchpoint stops execution of your program whenever the value of\nan expression is read.",
        Nothing, false, watchpoints::rwatch),
    command!("awatch", [], "Set an access watchpoint for EXPRESSION.",
        "awatch EXPRESSION [if CONDITION]\nAn access watchpoint stops execution of your program whenever the value\nof an expression is either read or written.",
        Nothing, false, watchpoints::awatch),
    command!("tbreak", [], "Set a temporary breakpoint.",
        "tbreak [LOCATION]\nLike \"break\", but the breakpoint is deleted when the program stops there.",
        Locations, false, breakpoints::tbreak),
    command!("delete", ["d"], "Delete all or some breakpoints.",
        "delete [BREAKPOINTNUM]...\nArguments are breakpoint numbers or ranges (N-M). No argument: all breakpoints.",
        Nothing, false, breakpoints::delete),
    command!("disable", ["dis", "disa"], "Disable all or some breakpoints.",
        "disable [BREAKPOINTNUM]...\nN.M disables one location of breakpoint N.",
        Nothing, false, breakpoints::disable),
    command!("enable", ["en"], "Enable all or some breakpoints.",
        "enable [BREAKPOINTNUM]...\nN.M enables one location of breakpoint N.",
        Nothing, false, breakpoints::enable),
    command!("ignore", [], "Set ignore-count of breakpoint number N to COUNT.",
        "ignore N COUNT\nThe next COUNT times the breakpoint is reached, it does not stop the program.",
        Nothing, false, breakpoints::ignore),
    command!("display", [], "Print value of expression EXP each time the program stops.",
        "display[/FMT] [EXP]\nFMT as in print, or as in x (with a size letter, or i or s); without EXP, shows every display now.",
        Nothing, false, display::display),
    command!("undisplay", [], "Cancel some expressions to be displayed when program stops.",
        "undisplay [NUM]...\nWithout arguments, cancels every display (after asking).",
        Nothing, false, display::undisplay),
    command!("condition", [], "Specify breakpoint number N to break only if COND is true.",
        "condition N [COND]\nThe breakpoint stops the program only when COND is true; without COND it stops always.\nCOND is checked when set, and evaluated at each hit in the frame of the breakpoint.",
        Nothing, false, breakpoints::condition),
    command!("run", ["r"], "Start debugged program.",
        "run [ARGS] [< IN] [> OUT] [2> ERR]\nWith no arguments, uses the arguments of the last run (or \"set args\").\nThe program is started directly, without a shell, with address randomization off.",
        Files, false, running::run),
    command!("start", [], "Start the debugged program, stopping at the beginning of main.",
        "start [ARGS]\nSets a temporary breakpoint on main, then runs.", Files, false, running::start),
    command!("starti", [], "Start the debugged program, stopping at the first instruction.",
        "starti [ARGS]", Files, false, running::starti),
    command!("continue", ["c", "cont", "fg"], "Continue program being debugged.",
        "continue [N]\nWith N, ignore the breakpoint the program stopped at N-1 more times.",
        Nothing, true, running::continue_),
    command!("stepi", ["si"], "Step one instruction exactly.",
        "stepi [N]\nStep N instructions (1 by default); calls are entered.", Nothing, true, running::stepi),
    command!("step", ["s"], "Step program until it reaches a different source line.",
        "step [N]\nEnters functions that have line information; steps over those that have none.",
        Nothing, true, running::step),
    command!("next", ["n"], "Step program, proceeding through subroutine calls.",
        "next [N]\nCalls run at full speed to their return.", Nothing, true, running::next),
    command!("finish", ["fin"], "Execute until selected stack frame returns.",
        "Prints the caller's location and the value returned.", Nothing, false, running::finish),
    command!("until", ["u"], "Execute until past the current line or past a LOCATION.",
        "until [LOCATION]\nWithout LOCATION, like next but never stops on a jump back (leave a loop).\nWith LOCATION, runs to it in the current frame, or until the frame returns.",
        Locations, true, running::until),
    command!("advance", [], "Continue the program up to the given location (same form as args for break command).",
        "advance LOCATION\nStops there, or when the current frame returns.", Locations, false, running::advance),
    command!("nexti", ["ni"], "Step one instruction, but proceed through subroutine calls.",
        "nexti [N]\nLike stepi, but a call runs to its return.", Nothing, true, running::nexti),
    command!("attach", [], "Attach to a process or file outside of rdbg.",
        "attach PID\nStops the running process PID and debugs it; \"detach\" lets it go on.",
        Nothing, false, running::attach),
    command!("detach", [], "Detach a process previously attached.",
        "The process runs on with every breakpoint removed.", Nothing, false, running::detach),
    command!("kill", ["k"], "Kill execution of program being debugged.", "", Nothing, false, running::kill),
    command!("backtrace", ["bt", "where"], "Print backtrace of all stack frames, or innermost COUNT frames.",
        "backtrace [COUNT]\nWith a negative COUNT, print the outermost -COUNT frames.",
        Nothing, false, stack::backtrace),
    command!("frame", ["f"], "Select and print a stack frame.",
        "frame [LEVEL]\nframe level LEVEL | frame function NAME\nWithout argument, print the selected frame.",
        Nothing, false, stack::frame),
    command!("up", [], "Select and print stack frame that called this one.",
        "up [COUNT]\nAn argument says how many frames up to go.", Nothing, false, stack::up),
    command!("down", ["do", "dow"], "Select and print stack frame called by this one.",
        "down [COUNT]\nAn argument says how many frames down to go.", Nothing, false, stack::down),
    command!("print", ["p", "inspect"], "Print value of expression EXP.",
        "print[/FMT] [EXP]\nFMT is one of x d u o t a c f s z. Registers are $NAME ($rip, $eax, $xmm0).\nResults go into the value history: $N, $ (last), $$ (one before), $$N.",
        Nothing, false, data::print),
    command!("call", [], "Call a function in the program.",
        "call EXP\nThe argument is the function name and arguments, in the notation of the current\nworking language. The result is printed and saved in the value history, if it is not void.",
        Nothing, false, data::call),
    command!("ptype", [], "Print definition of type TYPE.",
        "ptype[/FLAGS] TYPE | EXPRESSION\nStructs, unions and enums are shown with their members; typedefs are looked through.",
        Nothing, false, values::ptype),
    command!("whatis", [], "Print data type of expression EXP.",
        "whatis EXP | TYPE\nOnly one level of typedefs is unrolled.", Nothing, false, values::whatis),
    command!("output", [], "Like \"print\" but don't put in value history and don't print newline.",
        "output[/FMT] EXP", Nothing, false, data::output),
    command!("x", [], "Examine memory: x/FMT ADDRESS.",
        "x/NFU ADDRESS\nN: count. F: x d u o t a c f s i z. U: b (1 byte), h (2), w (4), g (8).\nFormat and unit carry over from the last use; \"x\" alone continues after the last address.",
        Nothing, true, data::examine_memory),
    command!("dump", [], "Dump target code/data to a local file.",
        "dump [binary] memory FILE START STOP | dump [binary] value FILE EXPRESSION\nRaw bytes only; the file is written once memory is read.",
        Subcommands(dump::DUMP), false, dump::dump),
    command!("disassemble", [], "Disassemble a specified section of memory.",
        "disassemble[/r] [FUNCTION | ADDRESS | START,END | START,+LENGTH]\nWithout argument: the function around the pc. \"set disassembly-flavor intel\" switches syntax.",
        Locations, false, data::disassemble),
    command!("list", ["l"], "List specified function or line.",
        "list [LOCATION] | list FIRST,LAST | list FIRST, | list ,LAST | list - | list +\nWithout argument: the ten lines after the last listed, or around the stop line or main.\n\"list -\" shows the ten before the last listed. \"set listsize\" changes the count.",
        Locations, true, listing::list),
    command!("directory", ["dir"], "Add directory DIR to beginning of search path for source files.",
        "directory [DIR...]\nDIRs may be separated by \":\". $cdir is the compilation directory, $cwd the working\ndirectory. Without argument, the path goes back to $cdir:$cwd.",
        Files, false, listing::directory),
    command!("info", ["i", "inf"], "Generic command for showing things about the program being debugged.",
        "", Subcommands(INFO), false, info),
    command!("regs", [], "Print the general registers (same as \"info registers\").",
        "regs [REGISTER]...", Nothing, false, data::regs),
    command!("set", [], "Evaluate expression EXP and assign result to variable VAR, or change a setting.",
        "set VAR = EXP | set SETTING VALUE", Subcommands(SET), false, settings::set),
    command!("show", [], "Generic command for showing things about the debugger.", "",
        Subcommands(SHOW), false, settings::show),
    command!("file", [], "Use FILE as program to be debugged.", "file FILE", Files, false, files::file),
    command!("source", [], "Read commands from a file named FILE.",
        "source FILE\nThe first command that fails ends the file.", Files, false, files::source),
    command!("echo", [], "Print a constant string.  Give string as argument.",
        "C escape sequences may be used in the argument.", Nothing, false, files::echo),
    command!("help", ["h"], "Print list of commands.", "help [COMMAND]", Commands, false, files::help),
    command!("quit", ["q", "exit"], "Exit rdbg.", "Kills the program if rdbg started it.", Nothing, false, running::quit),
];

pub static INFO: &[CommandSpec] = &[
    command!("display", [], "Expressions to display when program stops.",
        "info display\nNumbers, enabled flags and expressions of the auto-displays.", Nothing, false, display::info_display),
    command!("locals", [], "All local variables of current stack frame or those matching REGEXPs.",
        "info locals\nInnermost block first.", Nothing, false, values::info_locals),
    command!("args", [], "All argument variables of current stack frame or those matching REGEXPs.",
        "info args", Nothing, false, values::info_args),
    command!(
        "breakpoints",
        ["b", "break"],
        "Status of specified breakpoints (all user-settable breakpoints if no argument).",
        "",
        Nothing,
        false,
        breakpoints::info_breakpoints
    ),
    command!(
        "watchpoints",
        [],
        "Status of specified watchpoints (all watchpoints if no argument).",
        "",
        Nothing,
        false,
        watchpoints::info_watchpoints
    ),
    command!(
        "frame",
        ["f"],
        "All about the selected stack frame.",
        "info frame [LEVEL]",
        Nothing,
        false,
        stack::info_frame
    ),
    command!(
        "registers",
        ["r"],
        "List of integer registers and their contents, for selected stack frame.",
        "info registers [REGISTER]...",
        Nothing,
        false,
        data::info_registers
    ),
    command!(
        "all-registers",
        [],
        "List of all registers and their contents, for selected stack frame.",
        "",
        Nothing,
        false,
        data::info_all_registers
    ),
    command!(
        "line",
        [],
        "Core addresses of the code for a source line.",
        "info line [LOCATION]\nWithout argument: the line after the last one described, or the current line.",
        Locations,
        false,
        listing::info_line
    ),
    command!(
        "source",
        [],
        "Information about the current source file.",
        "",
        Nothing,
        false,
        listing::info_source
    ),
    command!(
        "sharedlibrary",
        ["dll"],
        "Status of loaded shared object libraries.",
        "info sharedlibrary [REGEX]\nFrom and To are each library's .text; (*) marks one without debugging information.",
        Nothing,
        false,
        libraries::info_sharedlibrary
    ),
];

pub static SET: &[CommandSpec] = &[
    command!(
        "max-value-size",
        [],
        "Set maximum sized value gdb will load from the inferior.",
        "set max-value-size N|unlimited\nA bigger object is not read (\"value requires N bytes\"); at least 16.",
        Nothing,
        false,
        limits::set_max_value_size
    ),
    command!("print", ["p", "pr"], "Generic command for setting how things print.",
        "set print elements N|unlimited, set print repeats N|unlimited, set print pretty [on|off]",
        Nothing, false, values::set_print),
    command!(
        "variable",
        ["var"],
        "Evaluate expression EXP and assign result to variable VAR.",
        "set variable VAR = EXP",
        Nothing,
        false,
        settings::set_var
    ),
    command!(
        "args",
        [],
        "Set argument list to give program being debugged when it is started.",
        "",
        Files,
        false,
        settings::set_args
    ),
    command!(
        "disassembly-flavor",
        [],
        "Set the disassembly flavor.",
        "set disassembly-flavor att|intel",
        Nothing,
        false,
        settings::set_flavor
    ),
    command!(
        "listsize",
        [],
        "Set number of source lines gdb will list by default.",
        "set listsize N|unlimited",
        Nothing,
        false,
        listing::set_listsize
    ),
    command!(
        "disable-randomization",
        [],
        "Set disabling of debuggee's virtual address space randomization.",
        "",
        Nothing,
        false,
        settings::set_disable_randomization
    ),
    command!(
        "breakpoint",
        [],
        "Breakpoint specific settings.",
        "set breakpoint pending on|off|auto\nWhether \"break\" on a location no loaded object defines makes a pending breakpoint\n(auto: ask, answered no without a terminal).",
        Nothing,
        false,
        libraries::set_breakpoint_setting
    ),
    command!(
        "confirm",
        [],
        "Set whether to confirm potentially dangerous operations.",
        "",
        Nothing,
        false,
        settings::set_accepted
    ),
    command!(
        "pagination",
        [],
        "Set state of GDB output pagination.",
        "",
        Nothing,
        false,
        settings::set_accepted
    ),
    command!(
        "height",
        [],
        "Set number of lines in a page for GDB output pagination.",
        "",
        Nothing,
        false,
        settings::set_accepted
    ),
    command!(
        "width",
        [],
        "Set number of characters where GDB should wrap lines of its output.",
        "",
        Nothing,
        false,
        settings::set_accepted
    ),
];

pub static SHOW: &[CommandSpec] = &[
    command!(
        "print",
        ["p", "pr"],
        "Generic command for showing print settings.",
        "show print elements, show print repeats, show print pretty",
        Nothing,
        false,
        values::show_print
    ),
    command!(
        "max-value-size",
        [],
        "Show maximum sized value gdb will load from the inferior.",
        "",
        Nothing,
        false,
        limits::show_max_value_size
    ),
    command!(
        "args",
        [],
        "Show argument list to give program being debugged when it is started.",
        "",
        Nothing,
        false,
        settings::show_args
    ),
    command!(
        "disassembly-flavor",
        [],
        "Show the disassembly flavor.",
        "",
        Nothing,
        false,
        settings::show_flavor
    ),
    command!(
        "listsize",
        [],
        "Show number of source lines gdb will list by default.",
        "",
        Nothing,
        false,
        listing::show_listsize
    ),
    command!(
        "directories",
        [],
        "Show the search path for finding source files.",
        "",
        Nothing,
        false,
        listing::show_directories
    ),
    command!(
        "disable-randomization",
        [],
        "Show disabling of debuggee's virtual address space randomization.",
        "",
        Nothing,
        false,
        settings::show_disable_randomization
    ),
    command!(
        "breakpoint",
        [],
        "Breakpoint specific settings.",
        "show breakpoint pending",
        Nothing,
        false,
        libraries::show_breakpoint_setting
    ),
    command!("version", [], "Show what version of rdbg this is.", "", Nothing, false, settings::show_version),
];
