fn main() {
    std::process::exit(rdbg::cli::main());
}
