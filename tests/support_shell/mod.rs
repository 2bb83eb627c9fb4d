//! A user's shell for end-to-end tests of `sleak demo` and the README: bash with a
//! private HOME and XDG folders (so `sleak sandbox up` keeps its sandbox there), `sleak`
//! on PATH as a user's install puts it, the real kubectl and helm, the aws CLI, and no AWS
//! setting of the machine. Dropping it stops the sandbox it may have started.
//! A test crate that includes this module includes `mod common;` and the stand-in's
//! support module as well.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{TestContext, skip_or_fail};
use crate::support_sandbox::{on_path, peers_bin, skip_peers};

pub struct Shell {
    pub context: TestContext,
    bin: PathBuf,
}

impl Shell {
    /// `None` when a tool the shell needs is missing outside CI (skipped with a notice).
    pub fn new() -> Option<Self> {
        if skip_peers() {
            return None;
        }
        if on_path("aws").is_none() {
            skip_or_fail(
                "the aws CLI is not on PATH",
                "install it (`python3 -m pip install awscli`)",
            );
            return None;
        }
        let peers = peers_bin();
        let context = TestContext::new();
        let bin = context.root.path().join("bin");
        std::fs::create_dir_all(&bin).expect("a bin folder");
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_sleak"), bin.join("sleak"))
            .expect("sleak on PATH");
        for tool in ["kubectl", "helm"] {
            std::os::unix::fs::symlink(peers.join(tool), bin.join(tool)).expect("a peer on PATH");
        }
        Some(Self { context, bin })
    }

    pub fn work(&self) -> &Path {
        &self.context.work
    }

    /// `bash -c script` in the work folder, with the shell's environment only.
    pub fn bash(&self, script: &str) -> Command {
        let path = std::env::join_paths(std::iter::once(self.bin.clone()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .expect("a PATH");
        let home = &self.context.home;
        let mut command = Command::new("bash");
        command
            .args(["-c", script])
            .current_dir(&self.context.work)
            .env_clear()
            .env("PATH", path)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        if let Some(python) = std::env::var_os("SLEAK_SANDBOX_PYTHON") {
            command.env("SLEAK_SANDBOX_PYTHON", python);
        }
        command
    }

    pub fn run(&self, script: &str) -> Output {
        self.bash(script).output().expect("bash runs")
    }

    /// `script`, which must succeed; its stdout.
    #[track_caller]
    pub fn must(&self, script: &str) -> String {
        let output = self.run(script);
        assert!(
            output.status.success(),
            "`{script}` failed ({}):\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        let _ = self.bash("sleak sandbox down").output();
    }
}
