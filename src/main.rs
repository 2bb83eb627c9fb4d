fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(sleak::main_with_exit_code())
}
