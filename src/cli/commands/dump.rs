//! `dump [binary] memory FILE START END` and `dump [binary] value FILE EXPR`, as gdb's cli-dump.c.
//!
//! gdb parses these by hand, not as expressions: FILE is everything up to the first blank (quotes are
//! not special, `~` is expanded), START is the next blank-delimited word and END the rest of the line.
//! Memory is read whole before the file is opened, so an unreadable range leaves no file behind
//! (and an existing file untouched). Reads go to the kernel in big chunks (one process_vm_readv per
//! chunk), and each chunk is written with one `write_all`: no per-page or per-byte work.

use std::io::Write;
use std::path::PathBuf;

use crate::addr::RuntimeAddr;
use crate::engine::EngineError;
use crate::eval::Value;
use crate::target::LargeBuffer;

use super::super::error::CliError;
use super::super::session::Session;
use super::super::table::{lookup, CommandSpec, Completion, Invocation};
use super::data::{evaluate_number, evaluate_text};

/// How much is read per call. Big enough that a 16 MiB dump is one process_vm_readv; each chunk is
/// mapped zeroed and lazily (on huge pages: `LargeBuffer`), so a range that fails early costs little.
const CHUNK: usize = 16 << 20;

pub static DUMP: &[CommandSpec] = &[
    CommandSpec {
        name: "binary",
        aliases: &[],
        summary: "Write target code/data to a raw binary file.",
        details: "dump binary memory FILE START STOP | dump binary value FILE EXPRESSION",
        completion: Completion::Subcommands(DUMP_BINARY),
        repeats: false,
        handler: dump_binary,
    },
    CommandSpec {
        name: "memory",
        aliases: &[],
        summary: "Write contents of memory to a raw binary file.",
        details: "dump memory FILE START STOP\nThe bytes from START up to (not including) STOP.",
        completion: Completion::Files,
        repeats: false,
        handler: dump_memory,
    },
    CommandSpec {
        name: "value",
        aliases: &[],
        summary: "Write the value of an expression to a raw binary file.",
        details: "dump value FILE EXPRESSION",
        completion: Completion::Files,
        repeats: false,
        handler: dump_value,
    },
];

pub static DUMP_BINARY: &[CommandSpec] = &[
    CommandSpec {
        name: "memory",
        aliases: &[],
        summary: "Write contents of memory to a raw binary file.",
        details: "dump binary memory FILE START STOP\nThe bytes from START up to (not including) STOP.",
        completion: Completion::Files,
        repeats: false,
        handler: dump_memory,
    },
    CommandSpec {
        name: "value",
        aliases: &[],
        summary: "Write the value of an expression to a raw binary file.",
        details: "dump binary value FILE EXPRESSION",
        completion: Completion::Files,
        repeats: false,
        handler: dump_value,
    },
];

/// `dump SUBCOMMAND ...`.
pub fn dump(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    dispatch(session, args, how, DUMP, "dump")
}

/// `dump binary SUBCOMMAND ...`.
fn dump_binary(session: &mut Session, args: &str, how: Invocation) -> Result<(), CliError> {
    dispatch(session, args, how, DUMP_BINARY, "dump binary")
}

/// A prefix command: without a subcommand gdb lists them (on stdout, not as an error).
fn dispatch(
    session: &mut Session,
    args: &str,
    how: Invocation,
    table: &'static [CommandSpec],
    prefix: &'static str,
) -> Result<(), CliError> {
    let args = args.trim();
    if args.is_empty() {
        print_subcommands(table, prefix);
        return Ok(());
    }
    let (word, rest) = args.split_once([' ', '\t']).unwrap_or((args, ""));
    // gdb names the whole rest of the line in its "Undefined ... command" error.
    let spec = lookup(table, word, Some(prefix)).map_err(|e| match e {
        CliError::UndefinedSubcommand { prefix, .. } => {
            CliError::UndefinedSubcommand { prefix, name: args.to_string() }
        }
        other => other,
    })?;
    (spec.handler)(session, rest, how)
}

fn print_subcommands(table: &[CommandSpec], prefix: &str) {
    let mut text = format!("List of {prefix} subcommands:\n\n");
    for spec in table {
        text.push_str(&format!("{prefix} {} -- {}\n", spec.name, spec.summary));
    }
    text.push_str(&format!(
        "\nType \"help {prefix}\" followed by {prefix} subcommand name for full documentation.\n\
         Type \"apropos word\" to search for commands related to \"word\".\n\
         Type \"apropos -v word\" for full documentation of commands related to \"word\".\n\
         Command name abbreviations are allowed if unambiguous.\n"
    ));
    print!("{text}");
}

/// gdb's `scan_filename`: the first blank-delimited word, `~` expanded; the rest with blanks skipped.
fn scan_filename(args: &str) -> Result<(PathBuf, &str), CliError> {
    let args = args.trim_start_matches([' ', '\t']);
    if args.is_empty() {
        return Err(CliError::msg("Missing filename."));
    }
    let end = args.find([' ', '\t']).unwrap_or(args.len());
    let (name, rest) = args.split_at(end);
    Ok((tilde_expand(name), rest.trim_start_matches([' ', '\t'])))
}

fn tilde_expand(name: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    match name.strip_prefix('~') {
        Some("") => home().unwrap_or_else(|| PathBuf::from(name)),
        Some(rest) if rest.starts_with('/') => {
            home().map(|h| h.join(&rest[1..])).unwrap_or_else(|| PathBuf::from(name))
        }
        _ => PathBuf::from(name),
    }
}

/// `dump [binary] memory FILE START STOP`.
fn dump_memory(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (path, rest) = scan_filename(args)?;
    if rest.is_empty() {
        return Err(CliError::msg("Missing start address."));
    }
    let end = rest.find([' ', '\t']).unwrap_or(rest.len());
    let (start_text, stop_text) = rest.split_at(end);
    let stop_text = stop_text.trim_start_matches([' ', '\t']);
    if stop_text.is_empty() {
        return Err(CliError::msg("Missing stop address."));
    }
    let start = evaluate_number(session, start_text)?;
    let stop = evaluate_number(session, stop_text)?;
    if stop <= start {
        return Err(CliError::msg("Invalid memory address range (start >= end)."));
    }
    let chunks = read_range(session, start, stop - start)?;
    let written = write_file(&path, chunks.iter().map(|(c, len)| &c[..*len]));
    keep_for_reuse(session, chunks.into_iter().map(|(c, _)| c));
    written
}

/// How many chunk buffers the session keeps between dumps (64 MiB of address space, touched only
/// as far as dumps have used it).
const KEPT_BUFFERS: usize = 4;

/// Keeps dump buffers for the next dump: a fresh buffer costs the kernel zeroing every page of
/// it, which was a third of a 16 MiB dump's time.
fn keep_for_reuse(session: &mut Session, buffers: impl Iterator<Item = LargeBuffer>) {
    session.dump_buffers.extend(buffers);
    session.dump_buffers.truncate(KEPT_BUFFERS);
}

/// Reads `len` bytes at `start` in chunks of `CHUNK` (each a buffer and how much of it is used);
/// the first unreadable byte ends it with gdb's error for that address.
fn read_range(session: &mut Session, start: u64, len: u64) -> Result<Vec<(LargeBuffer, usize)>, CliError> {
    let mut chunks: Vec<(LargeBuffer, usize)> = Vec::new();
    let mut done = 0u64;
    while done < len {
        let take = usize::try_from(len - done).unwrap_or(usize::MAX).min(CHUNK);
        let at = start.wrapping_add(done);
        let chunk = match session.dump_buffers.pop() {
            Some(buffer) => buffer,
            None => LargeBuffer::zeroed(CHUNK).ok_or_else(|| {
                CliError::msg(format!("virtual memory exhausted: can't allocate {take} bytes."))
            })?,
        };
        chunks.push((chunk, take));
        let Some((buffer, _)) = chunks.last_mut() else { break };
        if let Err(e) = session.debugger.read_memory(RuntimeAddr(at), &mut buffer[..take]) {
            keep_for_reuse(session, chunks.into_iter().map(|(c, _)| c));
            return Err(match e {
                EngineError::Memory(bad) => {
                    CliError::msg(format!("Cannot access memory at address {bad:#x}"))
                }
                other => CliError::from(other),
            });
        }
        done += take as u64;
    }
    Ok(chunks)
}

/// Writes `parts` in order as the whole content of `path` (created if need be); errors read as
/// gdb's `perror_with_name`.
fn write_file<'a>(path: &std::path::Path, parts: impl Iterator<Item = &'a [u8]>) -> Result<(), CliError> {
    let failed = |e: std::io::Error| {
        let reason = e
            .raw_os_error()
            .map_or_else(|| e.to_string(), |n| nix::errno::Errno::from_raw(n).desc().to_string());
        CliError::msg(format!("{}: {reason}.", path.display()))
    };
    // Parts are megabytes each: written straight to the file, a buffer in between would only copy.
    // An existing file is overwritten in place and then cut to length, rather than truncated
    // first: dumping again over the last dump (the usual case) reuses its cached pages instead of
    // freeing and allocating them all again, and the file ends up the same.
    let mut file =
        std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(path).map_err(failed)?;
    let mut written = 0u64;
    for part in parts {
        file.write_all(part).map_err(failed)?;
        written += part.len() as u64;
    }
    // Only a regular file has a length to cut (a dump may go to /dev/null or a pipe).
    if file.metadata().map_err(failed)?.is_file() {
        file.set_len(written).map_err(failed)?;
    }
    Ok(())
}

/// `dump [binary] value FILE EXPR`: the value's bytes, as many as its type is long.
fn dump_value(session: &mut Session, args: &str, _how: Invocation) -> Result<(), CliError> {
    let (path, rest) = scan_filename(args)?;
    if rest.trim().is_empty() {
        return Err(CliError::msg("No value to dump."));
    }
    let value = evaluate_text(session, rest)?;
    let bytes = value_bytes(&value)?;
    write_file(&path, std::iter::once(bytes.as_slice()))
}

/// The bytes gdb's `value_contents` holds for a value, little-endian, its type's length.
fn value_bytes(value: &Value) -> Result<Vec<u8>, CliError> {
    Ok(match value {
        Value::Int { value, ty } => value.to_le_bytes()[..usize::from(ty.bytes)].to_vec(),
        Value::Pointer { addr, .. } => addr.to_le_bytes().to_vec(),
        // gdb's eflags type is 4 bytes long.
        Value::Flags { raw } => raw.to_le_bytes()[..4].to_vec(),
        // gdb gives void a length of one byte, and a void value's byte is zero.
        Value::Void => vec![0],
        Value::Object(o) => o.bytes.clone(),
        Value::Text(_) => return Err(CliError::msg("rdbg: this value has no bytes to dump.")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filename_is_the_first_word_as_gdb_scans_it() {
        let (path, rest) = scan_filename("  out.bin  &a[0] &a[4]").ok().unwrap_or_default();
        assert_eq!(path, PathBuf::from("out.bin"));
        assert_eq!(rest, "&a[0] &a[4]");
        // Quotes are not special to gdb here: the name is `"q`.
        let (path, rest) = scan_filename("\"q q.bin\" x").ok().unwrap_or_default();
        assert_eq!(path, PathBuf::from("\"q"));
        assert_eq!(rest, "q.bin\" x");
        assert!(scan_filename("  ").is_err());
    }

    #[test]
    fn scalar_values_have_their_type_length() {
        let int = Value::int(-2, crate::eval::IntType::INT);
        assert_eq!(value_bytes(&int).ok(), Some(vec![0xfe, 0xff, 0xff, 0xff]));
        assert_eq!(value_bytes(&Value::Void).ok(), Some(vec![0]));
        let flags = Value::Flags { raw: 0x246 };
        assert_eq!(value_bytes(&flags).ok(), Some(vec![0x46, 0x02, 0, 0]));
    }
}
