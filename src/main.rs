fn main() -> std::process::ExitCode {
    posbind::cli::main()
}
