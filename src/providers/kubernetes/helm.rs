//! Helm charts through the real `helm` binary: where Helm finds the cluster, installs,
//! uninstalls and the listing of releases.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value as Json;

use super::connect::eks_kubeconfig;
use super::{Endpoint, Release};
use crate::error::UsageError;

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

pub async fn run_helm(args: &[String]) -> anyhow::Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
