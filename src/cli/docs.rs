//! Generated reference documents: docs/cli.md from the clap definition, and the shell
//! completions; tests compare them with the committed files.

use std::fmt::Write as _;

use clap::CommandFactory;

use super::Cli;

/// docs/cli.md: every command with its usage, arguments and options.
pub fn cli_markdown() -> String {
    let mut command = Cli::command();
    command.build();
    let mut out = String::new();
    out.push_str("# sleak command line\n\n");
    out.push_str("<!-- Generated from the clap definition (src/cli); do not edit. -->\n");
    out.push_str("<!-- Refresh with: SLEAK_BLESS=1 cargo test --test generated -->\n\n");
    write_command(&mut out, &command, "sleak", 2);
    out
}

fn write_command(out: &mut String, command: &clap::Command, path: &str, depth: usize) {
    let heading = "#".repeat(depth.min(4));
    let _ = writeln!(out, "{heading} `{path}`\n");
    if let Some(about) = command.get_long_about().or_else(|| command.get_about()) {
        let _ = writeln!(out, "{}\n", about.to_string().trim());
    }
    let usage = command.clone().render_usage().to_string();
    // clap prefixes a built subcommand's usage with the binary name once too often.
    let usage = usage
        .trim_start_matches("Usage: ")
        .trim()
        .replacen("sleak sleak ", "sleak ", 1);
    let _ = writeln!(out, "```\n{usage}\n```\n");
    let positionals: Vec<&clap::Arg> = command
        .get_positionals()
        .filter(|arg| !arg.is_hide_set())
        .collect();
    if !positionals.is_empty() {
        out.push_str("Arguments:\n\n");
        for arg in positionals {
            let name = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(
                    || arg.get_id().to_string().to_uppercase(),
                    |name| name.to_string(),
                );
            let _ = writeln!(out, "- `<{name}>`: {}", help_text(arg));
        }
        out.push('\n');
    }
    let options: Vec<&clap::Arg> = command
        .get_arguments()
        .filter(|arg| !arg.is_positional() && !arg.is_hide_set() && !arg.is_global_set())
        .filter(|arg| depth == 2 || !matches!(arg.get_id().as_str(), "help" | "version"))
        .collect();
    if !options.is_empty() {
        out.push_str("Options:\n\n");
        for arg in options {
            let _ = writeln!(out, "- {}: {}", flag_text(arg), help_text(arg));
        }
        out.push('\n');
    }
    if depth == 2 {
        let globals: Vec<&clap::Arg> = command
            .get_arguments()
            .filter(|arg| arg.is_global_set() && !arg.is_hide_set())
            .collect();
        out.push_str("Global options (every command takes them):\n\n");
        for arg in globals {
            let _ = writeln!(out, "- {}: {}", flag_text(arg), help_text(arg));
        }
        out.push('\n');
    }
    for sub in command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
    {
        write_command(out, sub, &format!("{path} {}", sub.get_name()), depth + 1);
    }
}

fn flag_text(arg: &clap::Arg) -> String {
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("-{short}"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("--{long}"));
    }
    let takes_value = arg.get_num_args().is_some_and(|range| range.takes_values())
        && !matches!(
            arg.get_action(),
            clap::ArgAction::SetTrue | clap::ArgAction::Count
        );
    let value = if takes_value {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(
                || arg.get_id().to_string().to_uppercase(),
                |name| name.to_string(),
            );
        format!(" <{name}>")
    } else {
        String::new()
    };
    format!("`{}{value}`", names.join(", "))
}

fn help_text(arg: &clap::Arg) -> String {
    let mut text = arg
        .get_long_help()
        .or_else(|| arg.get_help())
        .map(|help| help.to_string().replace('\n', " "))
        .unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| format!("`{}`", value.get_name()))
        .collect();
    if !values.is_empty()
        && !matches!(
            arg.get_action(),
            clap::ArgAction::SetTrue | clap::ArgAction::Count
        )
    {
        let _ = write!(text, " (one of {})", values.join(", "));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty()
        && !matches!(
            arg.get_action(),
            clap::ArgAction::SetTrue | clap::ArgAction::Count
        )
    {
        let _ = write!(text, " [default: {}]", defaults.join(", "));
    }
    text
}

/// The completion script of one shell.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "sleak", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

/// Completion files as committed under completions/: (file name, shell).
pub const COMPLETION_FILES: [(&str, clap_complete::Shell); 5] = [
    ("sleak.bash", clap_complete::Shell::Bash),
    ("_sleak", clap_complete::Shell::Zsh),
    ("sleak.fish", clap_complete::Shell::Fish),
    ("sleak.elv", clap_complete::Shell::Elvish),
    ("_sleak.ps1", clap_complete::Shell::PowerShell),
];
