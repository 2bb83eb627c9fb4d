//! `sleak sandbox up|down|status|env` through the real binary: moto and the Kubernetes
//! stand-in in the background, used by the aws CLI and kubectl through `env`'s variables;
//! idempotent `up`; `up` again after a `kill -9`; `down` leaves none of their processes;
//! a stale record naming another process is cleaned and that process left alone.
//!
//! Each test has its own data folder (TestContext's XDG_DATA_HOME), so its own sandbox,
//! and a guard that runs `sandbox down` however the test ends.

mod common;
mod support_sandbox;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{Run, TestContext, skip_or_fail};
use serde_json::Value;
use support_sandbox::{on_path, peers_bin, skip_peers};

/// A test's sandbox: `sandbox down` when dropped, even when the test fails.
struct Sandbox {
    context: TestContext,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            context: TestContext::new(),
        }
    }

    fn sleak(&self, args: &[&str]) -> Run {
        let mut command = self.context.sleak();
        // The tests' Python (moto installed) when the harness is pointed at one.
        if let Some(python) = std::env::var_os("SLEAK_TEST_PYTHON") {
            command.env("SLEAK_SANDBOX_PYTHON", python);
        }
        Run::from(command.args(args).output().expect("sleak runs"))
    }

    fn dir(&self) -> PathBuf {
        self.context.home.join(".local/share/sleak/sandbox")
    }

    /// `status --output json`: its parts by name, and the exit code.
    fn status(&self) -> (Value, i32) {
        let run = self.sleak(&["--output", "json", "sandbox", "status"]);
        let code = run.code;
        (run.json(), code)
    }

    /// The variables `sandbox env --output json` gives.
    fn env(&self) -> Vec<(String, String)> {
        let run = self
            .sleak(&["--output", "json", "sandbox", "env"])
            .success();
        run.json()
            .as_object()
            .expect("an object")
            .iter()
            .map(|(name, value)| (name.clone(), value.as_str().expect("a string").to_owned()))
            .collect()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.sleak(&["sandbox", "down"]);
        // The stand-in of `sandbox kube --background`, when a test started one.
        if self.dir().join("pid").exists() {
            let _ = self.sleak(&["sandbox", "stop"]);
        }
    }
}

fn part<'a>(status: &'a Value, name: &str) -> &'a Value {
    status["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .find(|part| part["name"] == name)
        .unwrap_or_else(|| panic!("no part `{name}` in {status:#}"))
}

fn pid(status: &Value, name: &str) -> u32 {
    part(status, name)["pid"]
        .as_u64()
        .unwrap_or_else(|| panic!("no pid for `{name}` in {status:#}")) as u32
}

/// Whether process `pid` runs (a zombie, dead but not reaped, does not).
fn alive(pid: u32) -> bool {
    if Path::new("/proc/self/stat").exists() {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            return false;
        };
        let after = &stat[stat.rfind(')').expect("a stat line") + 1..];
        let state = after.split_whitespace().next().unwrap_or("Z");
        return state != "Z" && state != "X";
    }
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .status()
        .is_ok_and(|status| status.success())
}

fn wait_gone(pid: u32) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

fn assert_both_run_and_answer(status: &Value, code: i32) {
    assert_eq!(code, 0, "status exits 0 when both run: {status:#}");
    for name in ["aws", "kube"] {
        let entry = part(status, name);
        assert_eq!(entry["state"], "running", "{status:#}");
        assert_eq!(entry["answers"], true, "{status:#}");
        assert!(alive(pid(status, name)), "{name}'s pid runs: {status:#}");
    }
    assert!(
        part(status, "aws")["url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert!(
        part(status, "kube")["url"]
            .as_str()
            .unwrap()
            .starts_with("https://127.0.0.1:")
    );
    assert_eq!(part(status, "kube")["context"], "sleak-sandbox");
}

/// `program` with nothing of the machine's environment but PATH, a private HOME and the
/// sandbox's variables.
fn with_sandbox_env(program: &Path, variables: &[(String, String)], home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .envs(variables.iter().map(|(name, value)| (name, value)));
    command
}

fn succeeded(output: Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{what} failed:\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// kubectl: the fetched 1.33 unless the peers are turned off, then one on PATH.
fn kubectl() -> Option<PathBuf> {
    if skip_peers() {
        return on_path("kubectl");
    }
    Some(peers_bin().join("kubectl"))
}

#[test]
fn up_serves_the_aws_cli_and_kubectl_is_idempotent_and_down_stops_both() {
    let Some(aws) = on_path("aws") else {
        skip_or_fail(
            "the aws CLI is not on PATH",
            "install it: `pip install awscli`",
        );
        return;
    };
    let Some(kubectl) = kubectl() else {
        skip_or_fail(
            "no kubectl (SLEAK_SKIP_PEERS=1 and none on PATH)",
            "unset SLEAK_SKIP_PEERS, or put kubectl on PATH",
        );
        return;
    };
    let sandbox = Sandbox::new();
    let started = Instant::now();
    let up = sandbox.sleak(&["sandbox", "up"]).success();
    let took = started.elapsed();
    eprintln!("sandbox up took {took:?}");
    assert!(
        up.stderr.contains("Started moto at http://127.0.0.1:"),
        "{}",
        up.stderr
    );
    assert!(
        up.stderr
            .contains("Started the Kubernetes stand-in at https://127.0.0.1:"),
        "{}",
        up.stderr
    );
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
    let (moto, kube) = (pid(&status, "aws"), pid(&status, "kube"));

    // `env` in shell syntax, and the same variables as JSON.
    let text = sandbox.sleak(&["sandbox", "env"]).success().stdout;
    let endpoint = part(&status, "aws")["url"].as_str().unwrap();
    assert!(
        text.contains(&format!("export AWS_ENDPOINT_URL={endpoint}\n")),
        "{text}"
    );
    for line in [
        "export AWS_ACCESS_KEY_ID=testing",
        "export AWS_SECRET_ACCESS_KEY=testing",
        "export AWS_REGION=us-east-1",
        "export AWS_DEFAULT_REGION=us-east-1",
        "export KUBECONFIG=",
        "unset AWS_PROFILE AWS_SESSION_TOKEN",
    ] {
        assert!(text.contains(line), "`{line}` missing from:\n{text}");
    }
    let fish = sandbox
        .sleak(&["sandbox", "env", "--shell", "fish"])
        .success()
        .stdout;
    assert!(
        fish.contains(&format!("set -gx AWS_ENDPOINT_URL {endpoint}\n")),
        "{fish}"
    );
    let variables = sandbox.env();
    let home = sandbox.context.root.path().join("tools-home");
    std::fs::create_dir_all(&home).unwrap();

    // A tool run with only the sandbox's variables, which must succeed: its stdout.
    let run = |tool: &std::path::Path, args: &[&str]| {
        let name = tool.file_name().unwrap().to_string_lossy().into_owned();
        succeeded(
            with_sandbox_env(tool, &variables, &home)
                .args(args)
                .output()
                .expect("the tool runs"),
            &format!("{name} {}", args.join(" ")),
        )
    };
    let identity = run(&aws, &["sts", "get-caller-identity", "--output", "json"]);
    assert!(identity.contains("\"Account\""), "{identity}");
    let vpcs = run(&aws, &["ec2", "describe-vpcs", "--output", "json"]);
    assert!(vpcs.contains("\"Vpcs\""), "{vpcs}");
    let namespaces = run(&kubectl, &["get", "namespaces", "-o", "name"]);
    assert!(namespaces.contains("namespace/default"), "{namespaces}");

    // A second `up` says what runs, with the same processes.
    let again = sandbox.sleak(&["sandbox", "up"]).success();
    assert!(
        again
            .stderr
            .contains(&format!("Already running moto at {endpoint} (pid {moto})")),
        "{}",
        again.stderr
    );
    assert!(
        again
            .stderr
            .contains("Already running the Kubernetes stand-in at https://127.0.0.1:")
            && again.stderr.contains(&format!("(pid {kube})")),
        "{}",
        again.stderr
    );
    assert!(!again.stderr.contains("Started"), "{}", again.stderr);
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
    assert_eq!((pid(&status, "aws"), pid(&status, "kube")), (moto, kube));

    let down = sandbox.sleak(&["sandbox", "down"]).success();
    assert!(
        down.stderr.contains(&format!(
            "Stopped moto (pid {moto}), the Kubernetes stand-in (pid {kube})"
        )),
        "{}",
        down.stderr
    );
    assert!(wait_gone(moto), "moto (pid {moto}) still runs after down");
    assert!(
        wait_gone(kube),
        "the stand-in (pid {kube}) still runs after down"
    );
    let (status, code) = sandbox.status();
    assert_eq!(code, 1, "status exits 1 when stopped: {status:#}");
    assert_eq!(part(&status, "aws")["state"], "stopped");
    assert_eq!(part(&status, "kube")["state"], "stopped");
    // Nothing to stop is not an error; `env` without a sandbox is.
    let again = sandbox.sleak(&["sandbox", "down"]).success();
    assert!(again.stderr.contains("Nothing to stop"), "{}", again.stderr);
    let env = sandbox.sleak(&["sandbox", "env"]).code(2);
    assert!(env.stderr.contains("sleak sandbox up"), "{}", env.stderr);
}

#[test]
fn up_after_a_kill_9_starts_the_sandbox_again() {
    let sandbox = Sandbox::new();
    sandbox.sleak(&["sandbox", "up"]).success();
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
    let (moto, kube) = (pid(&status, "aws"), pid(&status, "kube"));

    for pid in [moto, kube] {
        let killed = Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        assert!(wait_gone(pid), "pid {pid} survived kill -9");
    }
    let run = sandbox.sleak(&["--output", "json", "sandbox", "status"]);
    assert_eq!(
        run.code, 1,
        "status exits 1 when not running: {}",
        run.stdout
    );
    let status = run.json();
    for name in ["aws", "kube"] {
        assert_eq!(part(&status, name)["state"], "stale", "{status:#}");
        assert_eq!(part(&status, name)["answers"], false, "{status:#}");
    }
    assert!(
        run.stderr.contains("Cleaned a stale record of moto"),
        "{}",
        run.stderr
    );
    // Cleaned: the next status finds them stopped.
    let (status, _) = sandbox.status();
    assert_eq!(part(&status, "aws")["state"], "stopped", "{status:#}");

    sandbox.sleak(&["sandbox", "up"]).success();
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
    let (new_moto, new_kube) = (pid(&status, "aws"), pid(&status, "kube"));
    assert_ne!(new_moto, moto);
    assert_ne!(new_kube, kube);

    // Killing one: `up` starts only that one.
    Command::new("kill")
        .args(["-9", &new_moto.to_string()])
        .status()
        .expect("kill runs");
    assert!(wait_gone(new_moto));
    let up = sandbox.sleak(&["sandbox", "up"]).success();
    assert!(up.stderr.contains("Started moto"), "{}", up.stderr);
    assert!(
        up.stderr
            .contains("Already running the Kubernetes stand-in at"),
        "{}",
        up.stderr
    );
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
    assert_eq!(pid(&status, "kube"), new_kube);
    let last_moto = pid(&status, "aws");

    let down = sandbox.sleak(&["sandbox", "down"]).success();
    assert!(down.stderr.contains("Stopped moto"), "{}", down.stderr);
    assert!(wait_gone(last_moto), "moto still runs after down");
    assert!(wait_gone(new_kube), "the stand-in still runs after down");
}

/// A child process that is not the sandbox's, ended (and reaped) when dropped.
struct Unrelated(std::process::Child);

impl Drop for Unrelated {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_stale_record_naming_another_live_process_is_cleaned_and_that_process_left_alone() {
    let sandbox = Sandbox::new();
    let sleep = Unrelated(
        Command::new("sleep")
            .arg("60")
            .spawn()
            .expect("sleep starts"),
    );
    let pid = sleep.0.id();
    let dir = sandbox.dir();
    std::fs::create_dir_all(&dir).unwrap();
    // Records a killed sandbox could have left, whose pid now belongs to `sleep`: the
    // start time does not match.
    std::fs::write(
        dir.join("moto.json"),
        format!(
            r#"{{"pid": {pid}, "started": "1", "url": "http://127.0.0.1:9", "log": "{}"}}"#,
            dir.join("moto.log").display()
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("kube.json"),
        format!(
            r#"{{"pid": {pid}, "started": "Thu Jan  1 00:00:00 1970", "url": "https://127.0.0.1:9", "log": "{}", "kubeconfig": "{}", "context": "sleak-sandbox"}}"#,
            dir.join("kube.log").display(),
            dir.join("kubeconfig").display()
        ),
    )
    .unwrap();

    let down = sandbox.sleak(&["sandbox", "down"]).success();
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        alive(pid),
        "down signalled pid {pid}, which is not the sandbox's"
    );
    assert!(
        down.stderr.contains(&format!(
            "Cleaned a stale record of moto (pid {pid} has ended or is another process now)"
        )),
        "{}",
        down.stderr
    );
    assert!(
        down.stderr
            .contains("Cleaned a stale record of the Kubernetes stand-in"),
        "{}",
        down.stderr
    );
    assert!(down.stderr.contains("Nothing to stop"), "{}", down.stderr);
    assert!(
        !dir.join("moto.json").exists(),
        "the stale record is removed"
    );
    assert!(
        !dir.join("kube.json").exists(),
        "the stale record is removed"
    );

    // `env` and `status` see no sandbox either, and leave the process alone too.
    std::fs::write(
        dir.join("moto.json"),
        format!(r#"{{"pid": {pid}, "started": "1", "url": "http://127.0.0.1:9", "log": "x"}}"#),
    )
    .unwrap();
    sandbox.sleak(&["sandbox", "env"]).code(2);
    let (status, code) = sandbox.status();
    assert_eq!(code, 1);
    assert_eq!(part(&status, "aws")["state"], "stopped", "{status:#}");
    assert!(alive(pid));

    // The same for the pid file of `sandbox kube --background`, and its `sandbox stop`.
    std::fs::write(dir.join("pid"), format!("{pid} 1\n")).unwrap();
    let stop = sandbox.sleak(&["sandbox", "stop"]).code(2);
    assert!(
        stop.stderr.contains("no sandbox is running"),
        "{}",
        stop.stderr
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        alive(pid),
        "stop signalled pid {pid}, which is not the sandbox's"
    );
    assert!(!dir.join("pid").exists(), "the stale pid file is removed");
}

#[test]
fn up_and_kube_background_do_not_share_the_kubeconfig() {
    let sandbox = Sandbox::new();
    sandbox
        .sleak(&["sandbox", "kube", "--background"])
        .success();
    let up = sandbox.sleak(&["sandbox", "up"]).code(2);
    assert!(
        up.stderr.contains("sleak sandbox kube --background")
            && up.stderr.contains("sleak sandbox stop"),
        "{}",
        up.stderr
    );
    assert!(!sandbox.dir().join("moto.json").exists(), "nothing started");
    sandbox.sleak(&["sandbox", "stop"]).success();

    sandbox.sleak(&["sandbox", "up"]).success();
    let background = sandbox.sleak(&["sandbox", "kube", "--background"]).code(2);
    assert!(
        background.stderr.contains("sleak sandbox down"),
        "{}",
        background.stderr
    );
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
}

#[test]
fn without_python_up_is_a_usage_error_naming_python_and_pip() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.context.sleak();
    let run = Run::from(
        command
            .env("SLEAK_SANDBOX_PYTHON", "/nonexistent/python3")
            .args(["sandbox", "up"])
            .output()
            .expect("sleak runs"),
    );
    let run = run.code(2);
    assert!(run.stderr.contains("Python 3"), "{}", run.stderr);
    assert!(run.stderr.contains("pip"), "{}", run.stderr);
    assert!(
        run.stderr.contains("SLEAK_SANDBOX_PYTHON"),
        "{}",
        run.stderr
    );
    // Nothing was started.
    assert!(!sandbox.dir().join("kube.json").exists());
    assert!(!sandbox.dir().join("moto.json").exists());
}

#[test]
fn two_ups_at_once_start_one_sandbox() {
    let sandbox = Sandbox::new();
    let (first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| sandbox.sleak(&["sandbox", "up"]));
        let second = scope.spawn(|| sandbox.sleak(&["sandbox", "up"]));
        (first.join().unwrap(), second.join().unwrap())
    });
    let (first, second) = (first.success(), second.success());
    let both = format!("{}{}", first.stderr, second.stderr);
    assert_eq!(both.matches("Started moto").count(), 1, "{both}");
    assert_eq!(
        both.matches("Started the Kubernetes stand-in").count(),
        1,
        "{both}"
    );
    assert_eq!(both.matches("Already running moto").count(), 1, "{both}");
    let (status, code) = sandbox.status();
    assert_both_run_and_answer(&status, code);
}
