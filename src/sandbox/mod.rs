//! A Kubernetes API stand-in that the real kubectl and Helm accept, run in-process on a random port.

mod apply;
mod controllers;
mod discovery;
mod eks_token;
mod error;
mod logs;
mod openapi;
mod ops;
mod patch;
mod protobuf;
mod query;
mod resources;
mod selectors;
mod server;
mod store;
mod table;
mod tls;
mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use tokio::sync::Notify;

use store::Store;

/// How the stand-in behaves; the defaults suit an interactive `sleak sandbox kube`.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    /// How long a new Pod takes to become ready.
    pub ready_delay: Duration,
    /// Workloads whose image contains this text never become ready.
    pub failure_image_pattern: String,
    /// Added to every request, for benchmarks.
    pub latency: Duration,
    /// Share of requests (0 to 1) answered with an injected 500 or 429.
    pub fault_rate: f64,
    /// Persist the state here as JSON, and reload it on start.
    pub state_file: Option<PathBuf>,
    /// The bearer token clients must send; random when `None`.
    pub token: Option<String>,
    /// Also accept EKS tokens (`k8s-aws-v1.…`, as `sleak eks-token` and `aws eks
    /// get-token` make them) by their form and age: their signature cannot be checked.
    pub accept_eks_tokens: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            ready_delay: Duration::from_secs(2),
            failure_image_pattern: "crashloop".into(),
            latency: Duration::ZERO,
            fault_rate: 0.0,
            state_file: None,
            token: None,
            accept_eks_tokens: false,
        }
    }
}

/// The image patterns of the failures besides the crash loop
/// ([`SandboxOptions::failure_image_pattern`]); [`start_with`] takes them.
#[derive(Debug, Clone)]
pub struct FailurePatterns {
    /// Images containing this (or tagged `missing`) cannot be pulled: `ErrImagePull`, then
    /// `ImagePullBackOff`.
    pub image_pull: String,
    /// Containers of images containing this are killed for memory (`OOMKilled`, exit code
    /// 137) and crash-loop.
    pub oom_kill: String,
}

impl Default for FailurePatterns {
    fn default() -> Self {
        Self {
            image_pull: "imagepull".into(),
            oom_kill: "oomkill".into(),
        }
    }
}

/// State shared by the HTTP handlers and the simulated controllers.
pub(crate) struct Shared {
    store: Mutex<Store>,
    options: SandboxOptions,
    failures: FailurePatterns,
    token: String,
    /// `host:port`, as discovery reports it.
    address: String,
    /// Wakes the controllers after a write.
    wake: Notify,
    fault_counter: AtomicU64,
    shutdown: tokio::sync::watch::Receiver<bool>,
}

/// A running stand-in; dropping it without [`SandboxHandle::shutdown`] leaves it serving
/// until the runtime stops.
pub struct SandboxHandle {
    /// `https://127.0.0.1:PORT`: client-go sends bearer tokens only over TLS.
    pub url: String,
    pub token: String,
    /// The certificate authority that signed the serving certificate, PEM.
    pub ca_pem: String,
    shared: Arc<Shared>,
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl SandboxHandle {
    /// A kubeconfig whose current context points at the stand-in with its token.
    pub fn kubeconfig_yaml(&self, context_name: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: {context_name}\n  cluster:\n    server: {url}\n    \
             certificate-authority-data: {ca}\nusers:\n- name: {context_name}\n  user:\n    token: {token}\ncontexts:\n- name: {context_name}\n  context:\n    \
             cluster: {context_name}\n    user: {context_name}\n    namespace: default\ncurrent-context: {context_name}\n\
             preferences: {{}}\n",
            url = self.url,
            ca = ops::base64_encode(self.ca_pem.as_bytes()),
            token = self.token,
        )
    }

    pub fn write_kubeconfig(&self, path: &Path, context_name: &str) -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // A temporary file renamed into place: a reader (`sleak sandbox up` waits for the
        // file) never sees half of it.
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&temporary, self.kubeconfig_yaml(context_name))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            // The file carries the token.
            std::fs::set_permissions(&temporary, std::fs::Permissions::from_mode(0o600))?;
        }
        std::fs::rename(&temporary, path)
    }

    /// Stops serving, ends open watches and writes the state file one last time.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
        if let Some(path) = &self.shared.options.state_file {
            let snapshot = self
                .shared
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .snapshot();
            if let Err(error) = store::write_snapshot(path, &snapshot) {
                eprintln!("warning: cannot save the sandbox state: {error:#}");
            }
        }
    }
}

/// Starts the stand-in on the current tokio runtime.
pub async fn start(options: SandboxOptions) -> anyhow::Result<SandboxHandle> {
    start_with(options, FailurePatterns::default()).await
}

/// Starts the stand-in with failure patterns of its own.
pub async fn start_with(
    options: SandboxOptions,
    failures: FailurePatterns,
) -> anyhow::Result<SandboxHandle> {
    let store = match &options.state_file {
        Some(path) => Store::load(path)?,
        None => Store::new(),
    };
    let listener = tokio::net::TcpListener::bind(options.bind)
        .await
        .with_context(|| format!("cannot listen on `{}`", options.bind))?;
    let address = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let token = options
        .token
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared {
        store: Mutex::new(store),
        options,
        failures,
        token: token.clone(),
        address: address.to_string(),
        wake: Notify::new(),
        fault_counter: AtomicU64::new(0x2545_F491_4F6C_DD1D),
        shutdown: shutdown.clone(),
    });

    let tls = tls::generate()?;
    let app = axum::Router::new()
        .fallback(server::handle)
        .with_state(shared.clone());
    let acceptor = tokio_rustls::TlsAcceptor::from(tls.config);
    let server = tokio::spawn(serve(listener, acceptor, app, shutdown.clone()));
    let controllers = tokio::spawn(controllers::run(shared.clone(), shutdown.clone()));
    let mut tasks = vec![server, controllers];
    if shared.options.state_file.is_some() {
        tasks.push(tokio::spawn(persist(shared.clone(), shutdown)));
    }
    let host = if address.ip().is_unspecified() {
        std::net::IpAddr::from([127, 0, 0, 1])
    } else {
        address.ip()
    };
    Ok(SandboxHandle {
        url: format!("https://{}", SocketAddr::new(host, address.port())),
        token,
        ca_pem: tls.ca_pem,
        shared,
        stop,
        tasks,
    })
}

/// Accepts TLS connections and serves HTTP/1.1 on each until shutdown.
async fn serve(
    listener: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    app: axum::Router,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let acceptor = acceptor.clone();
                let service = hyper_util::service::TowerToHyperService::new(app.clone());
                connections.spawn(async move {
                    // A client that fails the handshake just goes away.
                    let Ok(stream) = acceptor.accept(stream).await else { return };
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = shutdown.changed() => break,
        }
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

/// Writes the state file shortly after changes, so a killed process loses at most a moment.
async fn persist(shared: Arc<Shared>, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    let Some(path) = shared.options.state_file.clone() else {
        return;
    };
    loop {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
            _ = shutdown.changed() => return,
        }
        let snapshot = {
            let mut store = shared
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if !store.dirty {
                continue;
            }
            store.dirty = false;
            store.snapshot()
        };
        let target = path.clone();
        let written =
            tokio::task::spawn_blocking(move || store::write_snapshot(&target, &snapshot)).await;
        if let Ok(Err(error)) = written {
            eprintln!("warning: cannot save the sandbox state: {error:#}");
        }
    }
}
