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

/// Where Helm finds the cluster: a kubeconfig (made for EKS, as it carries a token) or a
/// context of the user's own.
///
/// The EKS kubeconfig never stays on disk under a name. On Linux it is written to a
/// private file that is unlinked at once; the open file is each `helm`'s standard input,
/// and Helm reads `--kubeconfig /dev/stdin`, which Linux opens afresh (offset 0) from the
/// unlinked file however many times client-go reads it. A sleak killed at any moment
/// leaves no token behind. Elsewhere (`/dev/stdin` shares the offset there) it is a file
/// in a private folder, removed when done.
pub struct HelmTarget {
    kubeconfig: Option<Kubeconfig>,
    context: Option<String>,
}

enum Kubeconfig {
    /// The unlinked file Helm reads as its standard input.
    #[cfg(target_os = "linux")]
    Unlinked(std::fs::File),
    /// A file in a private folder of its own, removed with the target.
    #[cfg_attr(target_os = "linux", allow(dead_code))]
    Folder { file: PathBuf, folder: PathBuf },
}

impl Drop for HelmTarget {
    fn drop(&mut self) {
        if let Some(Kubeconfig::Folder { folder, .. }) = &self.kubeconfig {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

impl HelmTarget {
    pub fn new(endpoint: &Endpoint) -> anyhow::Result<Self> {
        match endpoint {
            Endpoint::Context { context } => Ok(Self {
                kubeconfig: None,
                context: Some(context.clone()),
            }),
            Endpoint::Eks {
                server,
                ca_data,
                token,
                ..
            } => {
                let text = eks_kubeconfig(server, ca_data, token).to_string();
                Ok(Self {
                    kubeconfig: Some(Kubeconfig::write(&std::env::temp_dir(), &text)?),
                    context: None,
                })
            }
        }
    }

    fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        match &self.kubeconfig {
            #[cfg(target_os = "linux")]
            Some(Kubeconfig::Unlinked(_)) => {
                args.push("--kubeconfig".to_owned());
                args.push("/dev/stdin".to_owned());
            }
            Some(Kubeconfig::Folder { file, .. }) => {
                args.push("--kubeconfig".to_owned());
                args.push(file.display().to_string());
            }
            None => {}
        }
        if let Some(context) = &self.context {
            args.push("--kube-context".to_owned());
            args.push(context.clone());
        }
        args
    }

    /// What `helm`'s standard input is: the kubeconfig, or nothing.
    fn stdin(&self) -> anyhow::Result<std::process::Stdio> {
        match &self.kubeconfig {
            #[cfg(target_os = "linux")]
            Some(Kubeconfig::Unlinked(file)) => Ok(file.try_clone()?.into()),
            _ => Ok(std::process::Stdio::null()),
        }
    }

    /// `helm` with this target's flags and standard input.
    async fn run(&self, mut args: Vec<String>) -> anyhow::Result<String> {
        args.extend(self.args());
        run_helm_with(&args, self.stdin()?).await
    }
}

impl Kubeconfig {
    #[cfg(target_os = "linux")]
    fn write(temporary: &Path, text: &str) -> anyhow::Result<Self> {
        use std::io::Write;
        let folder = private_temp_dir_in(temporary)?;
        let path = folder.join("kubeconfig");
        let written = (|| -> anyhow::Result<std::fs::File> {
            let mut file = open_private(&path)?;
            file.write_all(text.as_bytes())?;
            Ok(file)
        })();
        // Unlinked before anything else happens, whatever the write did.
        let _ = std::fs::remove_dir_all(&folder);
        Ok(Self::Unlinked(written?))
    }

    #[cfg(not(target_os = "linux"))]
    fn write(temporary: &Path, text: &str) -> anyhow::Result<Self> {
        let folder = private_temp_dir_in(temporary)?;
        let file = folder.join("kubeconfig");
        if let Err(error) = write_private(&file, text) {
            let _ = std::fs::remove_dir_all(&folder);
            return Err(error);
        }
        Ok(Self::Folder { file, folder })
    }
}

/// The prefix of the folders sleak makes in the system's temporary folder.
const TEMP_PREFIX: &str = "sleak-helm-";

/// A new folder only the user can read, in the system's temporary folder, named after
/// this process. Old folders that ended processes left there (a sleak killed while Helm
/// installed a chart leaves its values, never a token) are removed first.
fn private_temp_dir() -> anyhow::Result<PathBuf> {
    private_temp_dir_in(&std::env::temp_dir())
}

fn private_temp_dir_in(temporary: &Path) -> anyhow::Result<PathBuf> {
    sweep_temp_dirs(temporary);
    let folder = temporary.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default()
    ));
    create_private_dir(&folder)?;
    Ok(folder)
}

/// Removes the `sleak-helm-<pid>-<time>` folders over an hour old whose process is gone
/// (by /proc on Linux; elsewhere, folders over a day old). The hour keeps a folder safe
/// from a sleak in another PID namespace that shares this temporary folder (a Helm
/// install waits 10 minutes at most). Only the user's own folders can go; failures are
/// ignored.
fn sweep_temp_dirs(temporary: &Path) {
    let Ok(entries) = std::fs::read_dir(temporary) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(TEMP_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let age = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .unwrap_or_default();
        if pid != std::process::id()
            && age > std::time::Duration::from_secs(3600)
            && process_gone(pid, age)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_gone(pid: u32, _age: std::time::Duration) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_gone(_pid: u32, age: std::time::Duration) -> bool {
    age > std::time::Duration::from_secs(24 * 3600)
}

fn create_private_dir(folder: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .mode(0o700)
        .recursive(true)
        .create(folder)
        .with_context(|| format!("could not create {}", folder.display()))
}

/// A new file only the user can read and write.
fn open_private(file: &Path) -> anyhow::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(file)
        .with_context(|| format!("could not write {}", file.display()))
}

fn write_private(file: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    open_private(file)?.write_all(text.as_bytes())?;
    Ok(())
}

pub async fn run_helm(args: &[String]) -> anyhow::Result<String> {
    run_helm_with(args, std::process::Stdio::null()).await
}

async fn run_helm_with(args: &[String], stdin: std::process::Stdio) -> anyhow::Result<String> {
    let binary = helm_binary();
    let output = tokio::process::Command::new(&binary)
        .args(args)
        .stdin(stdin)
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
    let args = vec![
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
    let listing: Json = serde_json::from_str(&target.run(args).await?).unwrap_or(Json::Null);
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
    // The values, in a private folder of their own, removed when Helm is done.
    let folder = private_temp_dir()?;
    let values_file = folder.join(format!("{release}-values.json"));
    if let Err(error) = write_private(&values_file, &values.to_string()) {
        let _ = std::fs::remove_dir_all(&folder);
        return Err(error);
    }
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
    let result = target.run(args).await;
    let _ = std::fs::remove_dir_all(&folder);
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
    let args = vec![
        "uninstall".to_owned(),
        release.to_owned(),
        "--namespace".to_owned(),
        namespace.to_owned(),
    ];
    target.run(args).await.map(|_| ())
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

    #[cfg(target_os = "linux")]
    #[test]
    fn the_kubeconfig_has_no_name_and_reads_whole_through_proc_as_often_as_asked() {
        use std::os::fd::AsRawFd;
        let temporary = tempfile::tempdir().unwrap();
        let text = eks_kubeconfig("https://example.test", "Q0E=", "k8s-aws-v1.secret").to_string();
        let Kubeconfig::Unlinked(file) = Kubeconfig::write(temporary.path(), &text).unwrap() else {
            panic!("not unlinked");
        };
        // Nothing under a name: no folder, no file.
        assert_eq!(std::fs::read_dir(temporary.path()).unwrap().count(), 0);
        // What `helm --kubeconfig /dev/stdin` does, twice: each open starts at 0.
        let path = format!("/proc/self/fd/{}", file.as_raw_fd());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // Only the user may open it.
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn the_sweep_removes_old_folders_of_ended_processes_only() {
        let temporary = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 24 * 3600);
        // A PID no process has (above the kernel's maximum, 2^22).
        let ended = 4_194_305_u32;
        let folder = |name: String, aged: bool| {
            let path = temporary.path().join(name);
            std::fs::create_dir(&path).unwrap();
            std::fs::write(path.join("values.json"), "{}").unwrap();
            if aged {
                std::fs::File::open(&path)
                    .unwrap()
                    .set_modified(old)
                    .unwrap();
            }
            path
        };
        let gone = folder(format!("{TEMP_PREFIX}{ended}-1"), true);
        let recent = folder(format!("{TEMP_PREFIX}{ended}-2"), false);
        let ours = folder(format!("{TEMP_PREFIX}{}-3", std::process::id()), true);
        let other = folder("sleak-helmet-1-1".to_owned(), true);
        let made = private_temp_dir_in(temporary.path()).unwrap();
        assert!(!gone.exists());
        assert!(recent.exists() && ours.exists() && other.exists() && made.exists());
        #[cfg(target_os = "linux")]
        {
            // A process that runs: its folder stays, however old.
            let parent = std::os::unix::process::parent_id();
            let alive = folder(format!("{TEMP_PREFIX}{parent}-4"), true);
            sweep_temp_dirs(temporary.path());
            assert!(alive.exists());
        }
    }
}
