//! gdb's source search path (`directory`, `show directories`) and how a source file is looked up on
//! it: `$cdir` stands for the unit's compilation directory and `$cwd` for rdbg's working directory.
//!
//! gdb's order (`find_and_open_source` with `openp`): the file's name on each directory of the path,
//! then the compilation directory joined with the name on each directory, then the bare base name on
//! each directory. An absolute name is first tried as it is.

use std::path::{Path, PathBuf};

/// The directories searched for source files, in order, `$cdir` and `$cwd` included as words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcePath {
    dirs: Vec<String>,
}

impl Default for SourcePath {
    fn default() -> Self {
        SourcePath { dirs: vec!["$cdir".to_string(), "$cwd".to_string()] }
    }
}

impl SourcePath {
    /// `directory DIR...`: each directory (words, each split at `:`) goes to the front, in the order
    /// given; one already on the path moves. Returns gdb's warnings for directories that are missing
    /// or are not directories (they are added all the same, as gdb does).
    pub fn add(&mut self, text: &str) -> Vec<String> {
        let mut added: Vec<String> = Vec::new();
        let mut warnings = Vec::new();
        for piece in text.split_whitespace().flat_map(|word| word.split(':')) {
            let Some(dir) = normalise(piece) else { continue };
            if !dir.starts_with('$') {
                match std::fs::metadata(&dir) {
                    Err(error) => warnings.push(format!("Warning: {dir}: {}.", describe_io_error(&error))),
                    Ok(meta) if !meta.is_dir() => {
                        warnings.push(format!("warning: {dir} is not a directory."))
                    }
                    Ok(_) => {}
                }
            }
            if !added.contains(&dir) {
                added.push(dir);
            }
        }
        self.dirs.retain(|d| !added.contains(d));
        added.append(&mut self.dirs);
        self.dirs = added;
        warnings
    }

    /// `directory` with no argument: back to `$cdir:$cwd`.
    pub fn reset(&mut self) {
        *self = SourcePath::default();
    }

    /// The path as `show directories` prints it.
    pub fn text(&self) -> String {
        self.dirs.join(":")
    }

    /// Finds the source file gdb would open for a line-table name `name` of a unit compiled in
    /// `comp_dir`; the result is canonical (gdb reports the real path).
    pub fn find(&self, name: &str, comp_dir: Option<&Path>) -> Option<PathBuf> {
        let cwd = std::env::current_dir().ok();
        let dirs: Vec<PathBuf> = self
            .dirs
            .iter()
            .filter_map(|d| match d.as_str() {
                "$cdir" => comp_dir.map(Path::to_path_buf),
                "$cwd" => cwd.clone(),
                other => Some(PathBuf::from(other)),
            })
            .collect();
        let found = open_on_path(&dirs, name)
            .or_else(|| {
                let dir = comp_dir?;
                open_on_path(&dirs, &dir.join(name.trim_start_matches('/')).to_string_lossy())
            })
            .or_else(|| {
                let base = Path::new(name).file_name()?.to_str()?;
                (base != name).then(|| open_on_path(&dirs, base)).flatten()
            })?;
        Some(std::fs::canonicalize(&found).unwrap_or(found))
    }
}

/// gdb's `openp` with a search path: an absolute name as it is first, then the name (leading `/`
/// and `./` dropped) under each directory.
fn open_on_path(dirs: &[PathBuf], name: &str) -> Option<PathBuf> {
    if Path::new(name).is_absolute() && is_readable_file(Path::new(name)) {
        return Some(PathBuf::from(name));
    }
    let mut relative = name.trim_start_matches('/');
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest;
    }
    dirs.iter().map(|dir| dir.join(relative)).find(|candidate| is_readable_file(candidate))
}

fn is_readable_file(path: &Path) -> bool {
    path.is_file() && std::fs::File::open(path).is_ok()
}

/// gdb's clean-up of one directory argument: trailing `/` and `/.` dropped, `.` is the working
/// directory, `~` expanded, relative names made absolute; `$cdir`-style words kept as they are.
fn normalise(piece: &str) -> Option<String> {
    let mut dir = piece.to_string();
    loop {
        if dir.len() > 1 && dir.ends_with('/') {
            dir.pop();
        } else if dir.len() > 2 && dir.ends_with("/.") {
            dir.truncate(dir.len() - 2);
        } else {
            break;
        }
    }
    if dir.is_empty() {
        return None;
    }
    let cwd = || std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    if dir == "." {
        return Some(cwd());
    }
    if let Some(rest) = dir.strip_prefix('~') {
        if rest.is_empty() || rest.starts_with('/') {
            if let Some(home) = std::env::var_os("HOME") {
                return Some(format!("{}{rest}", home.to_string_lossy()));
            }
        }
    }
    if dir.starts_with('/') || dir.starts_with('$') {
        return Some(dir);
    }
    Some(format!("{}/{dir}", cwd()))
}

/// The C library's wording for the errors a directory lookup meets (what gdb prints).
fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => match error.raw_os_error() {
            Some(libc::ENOTDIR) => "Not a directory".to_string(),
            _ => error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_directories_go_in_front_in_order_and_move_when_repeated() {
        let mut path = SourcePath::default();
        assert_eq!(path.text(), "$cdir:$cwd");
        assert!(path.add("/tmp").is_empty());
        assert_eq!(path.text(), "/tmp:$cdir:$cwd");
        let warnings = path.add("/no/such/a:/no/such/b /tmp/");
        assert_eq!(
            warnings,
            vec![
                "Warning: /no/such/a: No such file or directory.",
                "Warning: /no/such/b: No such file or directory."
            ]
        );
        assert_eq!(path.text(), "/no/such/a:/no/such/b:/tmp:$cdir:$cwd");
        path.add("/no/such/b");
        assert_eq!(path.text(), "/no/such/b:/no/such/a:/tmp:$cdir:$cwd");
        path.add("$cwd");
        assert_eq!(path.text(), "$cwd:/no/such/b:/no/such/a:/tmp:$cdir");
        path.reset();
        assert_eq!(path.text(), "$cdir:$cwd");
    }

    #[test]
    fn directory_arguments_are_cleaned_like_gdb() {
        assert_eq!(normalise("/a/b/").as_deref(), Some("/a/b"));
        assert_eq!(normalise("/a/b/.").as_deref(), Some("/a/b"));
        assert_eq!(normalise("/").as_deref(), Some("/"));
        assert_eq!(normalise(""), None);
        let cwd = std::env::current_dir().expect("cwd");
        assert_eq!(normalise("rel").map(PathBuf::from), Some(cwd.join("rel")));
    }

    #[test]
    fn lookup_order_is_name_then_comp_dir_then_base_name() {
        let root = std::env::temp_dir().join(format!("rdbg-source-path-{}", std::process::id()));
        let (first, second) = (root.join("first"), root.join("second"));
        std::fs::create_dir_all(first.join("sub")).expect("mkdir");
        std::fs::create_dir_all(&second).expect("mkdir");
        std::fs::write(second.join("x.c"), "int x;\n").expect("write");
        let mut path = SourcePath::default();
        path.add(&format!("{}:{}", first.display(), second.display()));
        // Not under `first`, so the base name under `second` is found.
        let found = path.find("sub/x.c", Some(Path::new("/nowhere")));
        assert_eq!(found, std::fs::canonicalize(second.join("x.c")).ok());
        // The name itself under a directory wins over the base name.
        std::fs::write(first.join("sub/x.c"), "int x;\n").expect("write");
        assert_eq!(path.find("sub/x.c", None), std::fs::canonicalize(first.join("sub/x.c")).ok());
        // `$cdir` is the compilation directory.
        let default = SourcePath::default();
        assert_eq!(default.find("x.c", Some(&second)), std::fs::canonicalize(second.join("x.c")).ok());
        assert_eq!(default.find("x.c", Some(Path::new("/nowhere"))), None);
        let _ = std::fs::remove_dir_all(&root);
    }
}
