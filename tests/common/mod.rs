//! The test harness: a hermetic sleak command (own HOME and XDG folders, no AWS
//! settings of the machine), and a moto server shared by the tests of one binary.
#![allow(dead_code)]

pub mod proxy;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// A folder to run sleak in, with its own HOME, XDG folders and AWS config files.
pub struct TestContext {
    pub root: tempfile::TempDir,
    pub work: PathBuf,
    pub home: PathBuf,
    aws_endpoint: Option<String>,
}

impl TestContext {
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("a temporary folder");
        let work = root.path().join("work");
        let home = root.path().join("home");
        for folder in [&work, &home] {
            std::fs::create_dir_all(folder).expect("test folders");
        }
        Self {
            root,
            work,
            home,
            aws_endpoint: None,
        }
    }

    /// A context whose sleak talks to the shared moto server (reset first). Hold the
    /// returned guard for the whole test: moto's state is shared.
    pub fn with_moto() -> (Self, MotoGuard) {
        let guard = Moto::acquire();
        let mut context = Self::new();
        context.aws_endpoint = Some(guard.url().to_owned());
        (context, guard)
    }

    /// Copies a file into the work folder.
    pub fn copy(&self, from: impl AsRef<Path>, to: &str) -> PathBuf {
        let target = self.work.join(to);
        std::fs::copy(from.as_ref(), &target).expect("copy a fixture");
        target
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let target = self.work.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("parent folder");
        }
        std::fs::write(&target, text).expect("write a file");
        target
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.work.join(name)).expect("read a file")
    }

    /// `sleak` with nothing of the machine's environment but PATH: the endpoint and the
    /// credentials go to this child process only.
    pub fn sleak(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sleak"));
        command
            .current_dir(&self.work)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CACHE_HOME", self.home.join(".cache"))
            .env("AWS_CONFIG_FILE", self.home.join(".aws/config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.home.join(".aws/credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true")
            // A lease left by a run a test killed is taken over after 3 s, not 90.
            .env("SLEAK_LEASE_TTL", "3")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        if let Some(url) = &self.aws_endpoint {
            command
                .env("AWS_ENDPOINT_URL", url)
                .env("AWS_ACCESS_KEY_ID", "testing")
                .env("AWS_SECRET_ACCESS_KEY", "testing")
                .env("AWS_REGION", "us-east-1");
        }
        command
    }

    /// Runs sleak with `args` and returns what it did.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.sleak().args(args).output().expect("sleak runs"))
    }
}

/// The outcome of one sleak run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn success(self) -> Self {
        assert_eq!(
            self.code, 0,
            "sleak failed:\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "unexpected exit code:\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.stdout))
    }
}

/// Whether the tests run under CI: `CI` set to any non-empty value (CI services set
/// `CI=true`). Under CI a test never skips: see [`skip_or_fail`].
pub fn under_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| !value.is_empty())
}

/// The one place where a test gives up because something it needs is missing or was
/// turned off (`SLEAK_SKIP_PEERS=1`, a tool not installed). `missing` says what is
/// missing, `fix` how to get it. Under CI ([`under_ci`]) this panics, so the test fails
/// with that message instead of passing without having run. Elsewhere it prints
/// `SKIPPED <test>: <missing> (to run it: <fix>)` and returns; the caller then returns too.
///
/// The notice is written to the process's stderr directly rather than with `eprintln!`,
/// which libtest captures and shows only for failed tests or with `--nocapture`: this way
/// a plain `cargo test` shows it as well (once, with or without `--nocapture`). The test
/// is named after its thread, which libtest names after the test.
#[track_caller]
pub fn skip_or_fail(missing: &str, fix: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("<unnamed test>");
    if under_ci() {
        panic!(
            "{test} cannot run: {missing}.\nTo fix: {fix}.\n\
             (CI is set: under CI a test that cannot run fails instead of being skipped.)"
        );
    }
    // One write, so that the notice is not cut by libtest's lines from other threads.
    let notice = format!("SKIPPED {test}: {missing} (to run it: {fix})\n");
    let _ = std::io::stderr().write_all(notice.as_bytes());
}

/// Every file under `root` but those under `skip`, as (path, contents read as text): what
/// the tests that look for a leaked secret scan.
pub fn files_under(root: &Path, skip: &[&Path]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if skip.iter().any(|skipped| path.starts_with(skipped)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    out
}

/// The crate's root folder, where sleak.toml.example lives.
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A moto server for this test binary, started on a free port on first use and ended
/// when the test binary exits (it watches its stdin, which closes with us).
pub struct Moto {
    url: String,
    _child: Mutex<Child>,
}

static MOTO: OnceLock<Moto> = OnceLock::new();
static MOTO_LOCK: Mutex<()> = Mutex::new(());

// AWS-managed IAM policies exist in every real account; moto loads them only when asked.
const MOTO_LAUNCHER: &str = r#"
import os, sys
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
# ACM issues a DNS-validated certificate this many seconds after its request (60 by default).
os.environ["MOTO_ACM_VALIDATION_WAIT"] = "1"
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
print(f"http://{host}:{port}", flush=True)
sys.stdin.read()
os._exit(0)
"#;

impl Moto {
    fn start() -> Moto {
        let python = std::env::var("SLEAK_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let importable = Command::new(&python)
            .args(["-c", "import moto.server, boto3"])
            .status()
            .is_ok_and(|status| status.success());
        if !importable {
            let installed = Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "moto[server]"])
                .status()
                .is_ok_and(|status| status.success());
            assert!(
                installed,
                "moto is missing from `{python}` and `{python} -m pip install 'moto[server]'` \
                 failed: install it (.ci/run does), or point SLEAK_TEST_PYTHON at a Python that has it"
            );
        }
        let mut child = Command::new(&python)
            .args(["-c", MOTO_LAUNCHER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto");
        let stdout = child.stdout.take().expect("moto's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("moto prints its address");
        let url = line.trim().to_owned();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "moto did not start: {url:?}"
        );
        Moto {
            url,
            _child: Mutex::new(child),
        }
    }

    /// Exclusive use of the shared server, reset to empty.
    pub fn acquire() -> MotoGuard {
        let lock = MOTO_LOCK
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let moto = MOTO.get_or_init(Moto::start);
        http_post(&moto.url, "/moto-api/reset");
        MotoGuard {
            _lock: lock,
            url: moto.url.clone(),
        }
    }
}

pub struct MotoGuard {
    _lock: MutexGuard<'static, ()>,
    url: String,
}

impl MotoGuard {
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs a Python snippet with boto3 pointed at moto (`endpoint` and `account`
    /// variables are set) and returns what it prints: how tests read moto's state back.
    pub fn python(&self, code: &str) -> String {
        let python = std::env::var("SLEAK_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let prelude = format!(
            "import boto3, json, os\nendpoint = {:?}\nos.environ.update(AWS_ACCESS_KEY_ID='testing', AWS_SECRET_ACCESS_KEY='testing', AWS_DEFAULT_REGION='us-east-1')\n",
            self.url
        );
        let output = Command::new(python)
            .args(["-c", &format!("{prelude}{code}")])
            .env_remove("AWS_PROFILE")
            .output()
            .expect("python runs");
        assert!(
            output.status.success(),
            "python failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }
}

fn http_post(url: &str, path: &str) {
    let address = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect to moto");
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).expect("send to moto");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert!(
        response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200"),
        "moto reset failed: {response}"
    );
}
