//! The clusters' Kubernetes API: EKS clusters with a natively built token (renewed before
//! it expires), or an existing cluster through a kubeconfig context. Objects are read
//! with GET and written with server-side apply as the field manager `sleak`; Helm charts
//! go through the real `helm` binary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use kube::api::{Api, DynamicObject, Patch, PatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::core::{ApiResource, GroupVersionKind};
use serde_json::{Value as Json, json};
use tokio::sync::Mutex;

use crate::error::UsageError;

/// The field manager of sleak's server-side applies.
pub const FIELD_MANAGER: &str = "sleak";

/// How sleak reaches one cluster's API. Its Debug form leaves the token out.
#[derive(Clone)]
pub enum Endpoint {
    /// An existing cluster: a context of the user's kubeconfig.
    Context { context: String },
    /// An EKS cluster: its API address, CA (base64 PEM) and a bearer token.
    Eks {
        server: String,
        ca_data: String,
        token: String,
        expires: Instant,
    },
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Endpoint::Context { context } => {
                f.debug_struct("Context").field("context", context).finish()
            }
            Endpoint::Eks {
                server, expires, ..
            } => f
                .debug_struct("Eks")
                .field("server", server)
                .field("token", &"** redacted **")
                .field("expires", expires)
                .finish(),
        }
    }
}

/// A connection to one cluster.
#[derive(Clone)]
pub struct Connection {
    pub cluster: String,
    pub client: kube::Client,
    pub endpoint: Endpoint,
}

/// Connections by cluster name, rebuilt when their token is about to expire.
#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<String, Connection>>,
}

/// The user's kubeconfig, as kubectl reads it: the files of `$KUBECONFIG` merged, else
/// ~/.kube/config.
fn read_kubeconfig() -> anyhow::Result<Kubeconfig> {
    Kubeconfig::read().map_err(|error| {
        UsageError::new(format!("could not read the kubeconfig: {error}"))
            .with_hint("set KUBECONFIG, or create ~/.kube/config (e.g. with `sleak sandbox kube`)")
            .into()
    })
}

impl Connections {
    /// The connection to `cluster`, opened by `open` when there is none or its token is
    /// within 2 minutes of expiring.
    pub async fn get<F, Fut>(&self, cluster: &str, open: F) -> anyhow::Result<Connection>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<Endpoint>>,
    {
        let mut connections = self.open.lock().await;
        if let Some(connection) = connections.get(cluster) {
            let fresh = match &connection.endpoint {
                Endpoint::Eks { expires, .. } => {
                    expires.saturating_duration_since(Instant::now()) > Duration::from_secs(120)
                }
                Endpoint::Context { .. } => true,
            };
            if fresh {
                return Ok(connection.clone());
            }
        }
        let endpoint = open().await?;
        let client = connect(&endpoint)
            .await
            .with_context(|| format!("could not connect to the cluster `{cluster}`"))?;
        let connection = Connection {
            cluster: cluster.to_owned(),
            client,
            endpoint,
        };
        connections.insert(cluster.to_owned(), connection.clone());
        Ok(connection)
    }
}

/// A client of the cluster at `endpoint`.
pub async fn connect(endpoint: &Endpoint) -> anyhow::Result<kube::Client> {
    let mut config = match endpoint {
        Endpoint::Context { context } => {
            let kubeconfig = read_kubeconfig()?;
            if !kubeconfig
                .contexts
                .iter()
                .any(|named| &named.name == context)
            {
                return Err(UsageError::new(format!(
                    "the kubeconfig has no context `{context}`"
                ))
                .with_hint("check `kubectl config get-contexts`, or fix the cluster's `context` in sleak.toml")
                .into());
            }
            kube::Config::from_custom_kubeconfig(
                kubeconfig,
                &KubeConfigOptions {
                    context: Some(context.clone()),
                    ..Default::default()
                },
            )
            .await?
        }
        Endpoint::Eks {
            server,
            ca_data,
            token,
            ..
        } => {
            let kubeconfig: Kubeconfig =
                serde_json::from_value(eks_kubeconfig(server, ca_data, token))?;
            kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default()).await?
        }
    };
    config.connect_timeout = Some(Duration::from_secs(10));
    config.read_timeout = Some(Duration::from_secs(60));
    Ok(kube::Client::try_from(config)?)
}

/// A kubeconfig for one EKS cluster with a static token (for kube-rs and Helm).
fn eks_kubeconfig(server: &str, ca_data: &str, token: &str) -> Json {
    json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{ "name": "eks", "cluster": { "server": server, "certificate-authority-data": ca_data } }],
        "users": [{ "name": "sleak", "user": { "token": token } }],
        "contexts": [{ "name": "eks", "context": { "cluster": "eks", "user": "sleak" } }],
        "current-context": "eks",
    })
}

/// The API resource of a manifest's kind (core kinds and the plural rule they follow).
fn api_resource(manifest: &Json) -> anyhow::Result<ApiResource> {
    let api_version = manifest["apiVersion"]
        .as_str()
        .context("the manifest has no apiVersion")?;
    let kind = manifest["kind"]
        .as_str()
        .context("the manifest has no kind")?;
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    let lower = kind.to_ascii_lowercase();
    let plural = if lower.ends_with('s') {
        format!("{lower}es")
    } else if let Some(stem) = lower.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{lower}s")
    };
    Ok(ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk(group, version, kind),
        &plural,
    ))
}

fn api(client: &kube::Client, manifest: &Json) -> anyhow::Result<Api<DynamicObject>> {
    let resource = api_resource(manifest)?;
    Ok(match manifest["metadata"]["namespace"].as_str() {
        Some(namespace) => Api::namespaced_with(client.clone(), namespace, &resource),
        None => Api::all_with(client.clone(), &resource),
    })
}

fn name(manifest: &Json) -> anyhow::Result<&str> {
    manifest["metadata"]["name"]
        .as_str()
        .context("the manifest has no name")
}

/// The object the manifest describes, as the cluster has it.
pub async fn get(client: &kube::Client, manifest: &Json) -> anyhow::Result<Option<Json>> {
    let object = api(client, manifest)?
        .get_opt(name(manifest)?)
        .await
        .with_context(|| {
            format!(
                "could not read the {} `{}`",
                manifest["kind"],
                name(manifest).unwrap_or("")
            )
        })?;
    Ok(object.map(|object| serde_json::to_value(object).unwrap_or(Json::Null)))
}

/// Server-side applies the manifest as sleak.
pub async fn apply(client: &kube::Client, manifest: &Json) -> anyhow::Result<()> {
    let params = PatchParams::apply(FIELD_MANAGER).force();
    api(client, manifest)?
        .patch(name(manifest)?, &params, &Patch::Apply(manifest))
        .await
        .with_context(|| {
            format!(
                "could not apply the {} `{}`",
                manifest["kind"].as_str().unwrap_or("object"),
                name(manifest).unwrap_or("")
            )
        })?;
    Ok(())
}

/// What differs between the wanted manifest and the object: labels and `spec` keys
/// sleak sets (keys others add are left alone).
pub fn differences(wanted: &Json, actual: &Json) -> Vec<String> {
    let mut changes = Vec::new();
    if let Some(labels) = wanted["metadata"]["labels"].as_object() {
        let missing: Vec<&String> = labels
            .iter()
            .filter(|(key, value)| &actual["metadata"]["labels"][key.as_str()] != *value)
            .map(|(key, _)| key)
            .collect();
        if !missing.is_empty() {
            changes.push(format!(
                "set the labels {}",
                missing
                    .iter()
                    .map(|key| format!("`{key}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if let Some(spec) = wanted.get("spec")
        && !contains(&actual["spec"], spec)
    {
        changes.push("set its spec".to_owned());
    }
    changes
}

/// Whether `actual` has every key and value of `wanted` (arrays compared whole).
fn contains(actual: &Json, wanted: &Json) -> bool {
    match (actual, wanted) {
        (Json::Object(actual), Json::Object(wanted)) => wanted
            .iter()
            .all(|(key, value)| actual.get(key).is_some_and(|found| contains(found, value))),
        (Json::Array(actual), Json::Array(wanted)) => {
            actual.len() == wanted.len()
                && actual
                    .iter()
                    .zip(wanted)
                    .all(|(found, value)| contains(found, value))
        }
        _ => actual == wanted,
    }
}

/// A Helm release as `helm list` shows it.
#[derive(Debug, Clone)]
pub struct Release {
    pub chart_version: String,
    pub status: String,
}

/// The `helm` binary: `$SLEAK_HELM`, else `helm` on PATH.
fn helm_binary() -> PathBuf {
    std::env::var_os("SLEAK_HELM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("helm"))
}

/// Where Helm finds the cluster: a kubeconfig file (temporary for EKS) and a context.
pub struct HelmTarget {
    kubeconfig: Option<PathBuf>,
    context: Option<String>,
    temporary: Option<PathBuf>,
}

impl Drop for HelmTarget {
    fn drop(&mut self) {
        if let Some(folder) = &self.temporary {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

impl HelmTarget {
    /// For EKS, a kubeconfig only the user can read, in a private temporary folder,
    /// removed when done: it carries a token.
    pub fn new(endpoint: &Endpoint) -> anyhow::Result<Self> {
        match endpoint {
            Endpoint::Context { context } => Ok(Self {
                kubeconfig: None,
                context: Some(context.clone()),
                temporary: None,
            }),
            Endpoint::Eks {
                server,
                ca_data,
                token,
                ..
            } => {
                let folder = private_temp_dir()?;
                let file = folder.join("kubeconfig");
                write_private(&file, &eks_kubeconfig(server, ca_data, token).to_string())?;
                Ok(Self {
                    kubeconfig: Some(file),
                    context: None,
                    temporary: Some(folder),
                })
            }
        }
    }

    fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if let Some(file) = &self.kubeconfig {
            args.push("--kubeconfig".to_owned());
            args.push(file.display().to_string());
        }
        if let Some(context) = &self.context {
            args.push("--kube-context".to_owned());
            args.push(context.clone());
        }
        args
    }

    fn folder(&self) -> anyhow::Result<PathBuf> {
        match &self.temporary {
            Some(folder) => Ok(folder.clone()),
            None => private_temp_dir(),
        }
    }
}

/// A new folder only the user can read, in the system's temporary folder.
fn private_temp_dir() -> anyhow::Result<PathBuf> {
    let folder = std::env::temp_dir().join(format!(
        "sleak-helm-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default()
    ));
    create_private_dir(&folder)?;
    Ok(folder)
}

fn create_private_dir(folder: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .mode(0o700)
        .recursive(true)
        .create(folder)
        .with_context(|| format!("could not create {}", folder.display()))
}

fn write_private(file: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut handle = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(file)
        .with_context(|| format!("could not write {}", file.display()))?;
    handle.write_all(text.as_bytes())?;
    Ok(())
}

async fn run_helm(args: &[String]) -> anyhow::Result<String> {
    let binary = helm_binary();
    let output = tokio::process::Command::new(&binary)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .map_err(|error| {
            anyhow::Error::new(
                UsageError::new(format!("could not run `{}`: {error}", binary.display()))
                    .with_hint("install Helm 3.8 or later (https://helm.sh/docs/intro/install/), or set SLEAK_HELM to its path"),
            )
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        anyhow::bail!(
            "helm {} failed: {}",
            args.first().map(String::as_str).unwrap_or_default(),
            stderr.trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The release `name` in `namespace`, if Helm has it.
pub async fn helm_release(
    target: &HelmTarget,
    namespace: &str,
    name: &str,
) -> anyhow::Result<Option<Release>> {
    let mut args = vec![
        "list".to_owned(),
        "--namespace".to_owned(),
        namespace.to_owned(),
        // `--all` is gone in Helm 4; these flags exist in Helm 3 and 4.
        "--deployed".to_owned(),
        "--failed".to_owned(),
        "--pending".to_owned(),
        "--filter".to_owned(),
        format!("^{name}$"),
        "--output".to_owned(),
        "json".to_owned(),
    ];
    args.extend(target.args());
    let listing: Json = serde_json::from_str(&run_helm(&args).await?).unwrap_or(Json::Null);
    let Some(release) = listing
        .as_array()
        .and_then(|releases| releases.iter().find(|release| release["name"] == name))
    else {
        return Ok(None);
    };
    let chart = release["chart"].as_str().unwrap_or_default();
    let chart_version = chart
        .rsplit_once('-')
        .map(|(_, version)| version.to_owned())
        .unwrap_or_default();
    Ok(Some(Release {
        chart_version,
        status: release["status"].as_str().unwrap_or_default().to_owned(),
    }))
}

/// What Helm installs a chart from: the chart's repository, or a local mirror
/// (`$SLEAK_CHART_MIRROR`: a folder holding `<chart>/` or `<chart>-<version>.tgz`) for
/// machines without internet access.
fn chart_source(chart: &str, repository: &str, version: &str) -> Vec<String> {
    if let Some(mirror) = std::env::var_os("SLEAK_CHART_MIRROR") {
        let mirror = PathBuf::from(mirror);
        let packaged = mirror.join(format!("{chart}-{version}.tgz"));
        let path = if packaged.exists() {
            packaged
        } else {
            mirror.join(chart)
        };
        return vec![path.display().to_string()];
    }
    if let Some(registry) = repository.strip_prefix("oci://") {
        return vec![
            format!("oci://{}/{chart}", registry.trim_end_matches('/')),
            "--version".to_owned(),
            version.to_owned(),
        ];
    }
    vec![
        chart.to_owned(),
        "--repo".to_owned(),
        repository.to_owned(),
        "--version".to_owned(),
        version.to_owned(),
    ]
}

/// `helm upgrade --install` of a chart with `values`.
pub async fn helm_install(
    target: &HelmTarget,
    release: &str,
    chart: &str,
    repository: &str,
    version: &str,
    namespace: &str,
    values: &Json,
) -> anyhow::Result<()> {
    let folder = target.folder()?;
    let values_file = folder.join(format!("{release}-values.json"));
    write_private(&values_file, &values.to_string())?;
    let mut args = vec![
        "upgrade".to_owned(),
        "--install".to_owned(),
        release.to_owned(),
    ];
    args.extend(chart_source(chart, repository, version));
    args.extend([
        "--namespace".to_owned(),
        namespace.to_owned(),
        "--create-namespace".to_owned(),
        "--values".to_owned(),
        values_file.display().to_string(),
        "--timeout".to_owned(),
        "10m".to_owned(),
    ]);
    args.extend(target.args());
    let result = run_helm(&args).await;
    if target.temporary.is_none() {
        let _ = std::fs::remove_dir_all(&folder);
    }
    result.map(|_| ())
}

/// `helm uninstall`; gone counts as done.
pub async fn helm_uninstall(
    target: &HelmTarget,
    release: &str,
    namespace: &str,
) -> anyhow::Result<()> {
    if helm_release(target, namespace, release).await?.is_none() {
        return Ok(());
    }
    let mut args = vec![
        "uninstall".to_owned(),
        release.to_owned(),
        "--namespace".to_owned(),
        namespace.to_owned(),
    ];
    args.extend(target.args());
    run_helm(&args).await.map(|_| ())
}

/// Deletes the object the manifest names; gone counts as done.
pub async fn delete(client: &kube::Client, manifest: &Json) -> anyhow::Result<()> {
    match api(client, manifest)?
        .delete(name(manifest)?, &Default::default())
        .await
    {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(status)) if status.code == 404 => Ok(()),
        Err(error) => Err(error)
            .with_context(|| format!("could not delete `{}`", name(manifest).unwrap_or(""))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_sleak_sets_is_compared() {
        let wanted = json!({ "metadata": { "labels": { "a": "1" } }, "spec": { "hard": { "pods": "100" } } });
        let same = json!({ "metadata": { "labels": { "a": "1", "other": "x" }, "uid": "u" }, "spec": { "hard": { "pods": "100", "extra": "1" } }, "status": {} });
        assert!(differences(&wanted, &same).is_empty());
        let changed =
            json!({ "metadata": { "labels": { "a": "2" } }, "spec": { "hard": { "pods": "10" } } });
        assert_eq!(
            differences(&wanted, &changed),
            ["set the labels `a`", "set its spec"]
        );
    }

    #[test]
    fn the_debug_form_of_an_endpoint_has_no_token() {
        let endpoint = Endpoint::Eks {
            server: "https://example".into(),
            ca_data: String::new(),
            token: "k8s-aws-v1.secret".into(),
            expires: Instant::now(),
        };
        assert!(!format!("{endpoint:?}").contains("secret"));
    }

    #[test]
    fn plural_names_of_core_kinds() {
        let plural = |kind: &str| {
            api_resource(&json!({ "apiVersion": "v1", "kind": kind }))
                .unwrap()
                .plural
        };
        assert_eq!(plural("Namespace"), "namespaces");
        assert_eq!(plural("ResourceQuota"), "resourcequotas");
        assert_eq!(plural("LimitRange"), "limitranges");
        assert_eq!(plural("Ingress"), "ingresses");
        assert_eq!(plural("NetworkPolicy"), "networkpolicies");
    }

    #[test]
    fn a_mirror_replaces_the_chart_repository() {
        assert_eq!(
            chart_source("karpenter", "oci://public.ecr.aws/karpenter", "1.6.3"),
            [
                "oci://public.ecr.aws/karpenter/karpenter",
                "--version",
                "1.6.3"
            ]
        );
        assert_eq!(
            chart_source(
                "cluster-autoscaler",
                "https://kubernetes.github.io/autoscaler",
                "9.50.1"
            )[..3],
            [
                "cluster-autoscaler",
                "--repo",
                "https://kubernetes.github.io/autoscaler"
            ]
        );
    }
}
