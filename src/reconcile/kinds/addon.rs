//! An EKS add-on: a pinned version as given, else EKS's default for the cluster's
//! Kubernetes version, taken when the add-on is installed and when that Kubernetes
//! version changes — not when EKS later publishes a newer default for the same one (that
//! is shown by `plan` and `status`, and taken by pinning it); with its IAM role where it
//! needs one.

use std::fmt;

use anyhow::Context as _;

use super::eks_cluster::{BUSY_RETRIES, minor};
use crate::providers::aws::eks::{self, AddonVersions, Updated};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

/// The tag on an add-on naming the Kubernetes version its version was chosen for: an
/// unpinned add-on moves to EKS's default when the cluster's version passes it.
pub const KUBERNETES_VERSION_TAG: &str = "sleak:kubernetes-version";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addon {
    /// Plan id of the EKS cluster.
    pub cluster: String,
    pub addon: String,
    /// Its key under `plugins` in sleak.toml (`kube_proxy`), for messages.
    pub plugin: String,
    /// Pinned; else the default for `kubernetes_version`.
    pub version: Option<String>,
    pub kubernetes_version: String,
    /// Plan id of its IAM role.
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Observed {
    pub version: String,
    pub role_arn: Option<String>,
    pub status: String,
    /// EKS's health issues, as `code: message`.
    pub issues: Vec<String>,
    pub arn: String,
    /// Its [`KUBERNETES_VERSION_TAG`]: the Kubernetes version its version was chosen for.
    pub kubernetes_tag: Option<String>,
    /// The control plane's version.
    pub control_plane: String,
    /// When unpinned: the versions EKS offers for the workspace's Kubernetes version.
    pub offered: Option<AddonVersions>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Move { from: String, to: String },
    SetRole,
    /// Only the tag: the version is already EKS's default for the new Kubernetes version.
    Follow { kubernetes: String },
    /// Its create failed (CREATE_FAILED, for good): deleted and made again.
    Recreate { issues: Vec<String> },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Move { from, to } => write!(f, "move from {from} to {to}"),
            Fix::SetRole => f.write_str("give it its IAM role"),
            Fix::Follow { kubernetes } => {
                write!(f, "record that its version follows Kubernetes {kubernetes}")
            }
            Fix::Recreate { issues } if issues.is_empty() => {
                f.write_str("make it again: its create failed")
            }
            Fix::Recreate { issues } => {
                write!(f, "make it again: its create failed ({})", issues.join("; "))
            }
        }
    }
}

/// What is read of an installed add-on.
fn observed_from(
    addon: &aws_sdk_eks::types::Addon,
    control_plane: &str,
    offered: Option<AddonVersions>,
) -> Observed {
    Observed {
        version: addon.addon_version().unwrap_or_default().to_owned(),
        role_arn: addon.service_account_role_arn().map(str::to_owned),
        status: addon.status().map(|status| status.as_str().to_owned()).unwrap_or_default(),
        issues: eks::addon_issues(addon),
        arn: addon.addon_arn().unwrap_or_default().to_owned(),
        kubernetes_tag: addon
            .tags()
            .and_then(|tags| tags.get(KUBERNETES_VERSION_TAG))
            .cloned(),
        control_plane: control_plane.to_owned(),
        offered,
    }
}

impl Observed {
    /// The Kubernetes version its version was chosen for: its tag, else (made before
    /// sleak tagged it) the control plane's.
    pub fn chosen_for(&self) -> &str {
        self.kubernetes_tag.as_deref().unwrap_or(&self.control_plane)
    }
}

impl Addon {
    /// The versions EKS offers for the workspace's Kubernetes version, read once per
    /// account, add-on and version.
    async fn versions(&self, cx: &Cx<'_>) -> anyhow::Result<AddonVersions> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let key = format!("{account_id}/{}/{}", self.addon, self.kubernetes_version);
        let (addon, version) = (self.addon.clone(), self.kubernetes_version.clone());
        let found = cx
            .memo(&key, || async move { eks::addon_versions(&config, &addon, &version).await })
            .await?;
        Ok(found.as_ref().clone())
    }

    /// The workspace name of its cluster (`cluster/<name>/eks-cluster`).
    fn cluster_name(&self) -> &str {
        self.cluster.split('/').nth(1).unwrap_or(&self.cluster)
    }

    /// Its tags: the workspace's, and the Kubernetes version its version is chosen for.
    fn tags(&self, cx: &Cx<'_>) -> Vec<(String, String)> {
        let mut tags = cx.tags();
        tags.push((KUBERNETES_VERSION_TAG.to_owned(), self.kubernetes_version.clone()));
        tags
    }

    /// Installs it and waits until it is ACTIVE.
    async fn create(&self, cx: &Cx<'_>, config: &aws_config::SdkConfig, cluster: &str) -> anyhow::Result<()> {
        let version = match &self.version {
            Some(version) => version.clone(),
            None => self.versions(cx).await?.default,
        };
        let role = match &self.role {
            Some(role) => Some(cx.refs.arn(role)?),
            None => None,
        };
        eks::create_addon(
            config,
            eks::AddonRequest {
                cluster,
                addon: &self.addon,
                version: &version,
                role_arn: role,
                token: &cx.token(""),
                tags: &self.tags(cx),
            },
        )
        .await?;
        eks::wait_addon(config, cluster, &self.addon, cx.on_wait).await
    }

    /// Makes the in-place fixes: one EKS update (version and role) followed until it
    /// ended Successful, then the tag. [`Updated::Busy`] when EKS refused the update
    /// because another one of the add-on or its cluster was in progress.
    async fn update(
        &self,
        cx: &Cx<'_>,
        config: &aws_config::SdkConfig,
        cluster: &str,
        observed: &Observed,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Updated> {
        let moved = changes.fix.iter().find_map(|fix| match fix {
            Fix::Move { to, .. } => Some(to.clone()),
            _ => None,
        });
        if moved.is_some() || changes.has_fix(|fix| *fix == Fix::SetRole) {
            // A role alone keeps the version installed: nothing moves that was not asked.
            let version = moved.clone().unwrap_or_else(|| observed.version.clone());
            let role = match &self.role {
                Some(role) => Some(cx.refs.arn(role)?),
                None => None,
            };
            if eks::update_addon(config, cluster, &self.addon, &version, role, cx.on_wait).await? == Updated::Busy {
                return Ok(Updated::Busy);
            }
        }
        let follows = changes.has_fix(|fix| matches!(fix, Fix::Follow { .. }));
        let tagged = observed.kubernetes_tag.as_deref() == Some(self.kubernetes_version.as_str());
        if (moved.is_some() || follows) && !tagged && !observed.arn.is_empty() {
            let tag = [(KUBERNETES_VERSION_TAG.to_owned(), self.kubernetes_version.clone())];
            eks::tag(config, &observed.arn, &tag).await?;
        }
        Ok(Updated::Done)
    }
}

impl Kind for Addon {
    const KIND: &'static str = "eks:addon";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        std::iter::once(self.cluster.as_str())
            .chain(self.role.as_deref())
            .collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(cluster) = cx.refs.find(&self.cluster) else {
            return Ok(None);
        };
        let Some(read) = cx.eks_cluster(cluster).await? else {
            return Ok(None);
        };
        let Some(installed) = read
            .addons
            .iter()
            .find(|candidate| candidate.addon_name() == Some(self.addon.as_str()))
        else {
            return Ok(None);
        };
        let offered = match self.version {
            None => Some(self.versions(cx).await?),
            Some(_) => None,
        };
        let control_plane = read.cluster.version().unwrap_or_default();
        Ok(Some(observed_from(installed, control_plane, offered)))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(&self.addon)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status == "CREATE_FAILED" {
            changes.replace.push(Fix::Recreate {
                issues: observed.issues.clone(),
            });
            return changes;
        }
        let installed = &observed.version;
        match (&self.version, &observed.offered) {
            (Some(pinned), _) if pinned != installed => changes.fix.push(Fix::Move {
                from: installed.clone(),
                to: pinned.clone(),
            }),
            (Some(_), _) | (None, None) => {}
            (None, Some(offered)) => {
                // EKS's default is taken when the Kubernetes version its version was
                // chosen for is passed (or it no longer fits); a default EKS moved since,
                // for the same Kubernetes version, is news, not a change.
                let behind = minor(observed.chosen_for()) < minor(&self.kubernetes_version);
                let fits = offered.compatible.contains(installed);
                if offered.default == *installed {
                    if behind {
                        changes.fix.push(Fix::Follow {
                            kubernetes: self.kubernetes_version.clone(),
                        });
                    }
                } else if behind || !fits {
                    changes.fix.push(Fix::Move {
                        from: installed.clone(),
                        to: offered.default.clone(),
                    });
                } else {
                    changes.info.push(format!(
                        "EKS's default version for Kubernetes {} is now {} (installed: {installed}); to move to it, pin it: `versions = {{ {} = \"{}\" }}` under [clusters.{}.plugins] in sleak.toml",
                        self.kubernetes_version,
                        offered.default,
                        self.plugin,
                        offered.default,
                        self.cluster_name(),
                    ));
                }
            }
        }
        if let Some(role) = &self.role {
            let wanted = refs.get(role).and_then(|role| role.arn.as_deref());
            if observed.role_arn.as_deref() != wanted {
                changes.fix.push(Fix::SetRole);
            }
        }
        if observed.status != "ACTIVE" && changes.fix.is_empty() {
            changes
                .settling
                .push(format!("wait until ACTIVE (now {})", observed.status));
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, changes: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let cluster = cx.refs.id(&self.cluster)?;
        let name = &self.addon;
        let Some(observed) = observed else {
            self.create(cx, &config, cluster).await?;
            return Ok(Output::id(name));
        };
        if let Some(fix) = changes.replace.iter().find(|fix| matches!(fix, Fix::Recreate { .. })) {
            (cx.on_wait)(&format!("add-on `{name}`: {fix}"));
            eks::delete_addon(&config, cluster, name, cx.on_wait).await?;
            self.create(cx, &config, cluster).await?;
            return Ok(Output::id(name));
        }
        let (mut observed, mut changes) = (observed.clone(), changes.clone());
        for _ in 0..=BUSY_RETRIES {
            // Being made or deleted: EKS takes no update before it is done.
            if matches!(observed.status.as_str(), "CREATING" | "DELETING") {
                eks::wait_addon(&config, cluster, name, cx.on_wait).await?;
            }
            if self.update(cx, &config, cluster, &observed, &changes).await? == Updated::Done {
                // ACTIVE and healthy; DEGRADED or failed is an error naming EKS's issues.
                eks::wait_addon(&config, cluster, name, cx.on_wait).await?;
                return Ok(Output::id(name));
            }
            // Another update ended meanwhile: what is left to do may have changed.
            let now = eks::describe_addon(&config, cluster, name)
                .await?
                .with_context(|| format!("the add-on `{name}` of `{cluster}` is gone"))?;
            let control_plane = eks::describe_cluster(&config, cluster)
                .await?
                .and_then(|cluster| cluster.version)
                .unwrap_or_default();
            observed = observed_from(&now, &control_plane, observed.offered.clone());
            changes = self.compare(cx.refs, &observed);
        }
        anyhow::bail!(
            "EKS refused the updates of the add-on `{name}` of `{cluster}` {} times: another update was in progress each time; run sleak again later",
            BUSY_RETRIES + 1
        )
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        eks::delete_addon(&cx.config().await?, cx.refs.id(&self.cluster)?, &output.id, cx.on_wait).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addon(version: Option<&str>) -> Addon {
        Addon {
            cluster: "cluster/dev/eks-cluster".into(),
            addon: "kube-proxy".into(),
            plugin: "kube_proxy".into(),
            version: version.map(str::to_owned),
            kubernetes_version: "1.33".into(),
            role: None,
        }
    }

    fn offered(default: &str, compatible: &[&str]) -> Option<AddonVersions> {
        Some(AddonVersions {
            default: default.into(),
            compatible: compatible.iter().map(|version| (*version).to_owned()).collect(),
        })
    }

    fn installed(version: &str, chosen_for: &str, offered: Option<AddonVersions>) -> Observed {
        Observed {
            version: version.into(),
            role_arn: None,
            status: "ACTIVE".into(),
            issues: vec![],
            arn: "arn:aws:eks:us-east-1:1:addon/dev/kube-proxy/x".into(),
            kubernetes_tag: Some(chosen_for.into()),
            control_plane: "1.33".into(),
            offered,
        }
    }

    #[test]
    fn an_unpinned_add_on_takes_the_default_only_when_its_kubernetes_version_changes() {
        let refs = Outputs::default();
        let both = &["v2", "v1"];
        // installed, chosen for, EKS's default, compatible → fixes, information
        type Case<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], Vec<Fix>, usize);
        let cases: [Case; 5] = [
            // EKS published a newer default for the same version: information only.
            ("v1", "1.33", "v2", both, vec![], 1),
            // The cluster's version moved on: take the new default.
            ("v1", "1.32", "v2", both, vec![Fix::Move { from: "v1".into(), to: "v2".into() }], 0),
            // What is installed no longer fits the version: take the default.
            ("v0", "1.33", "v2", both, vec![Fix::Move { from: "v0".into(), to: "v2".into() }], 0),
            // At the default already, the tag records the version it follows.
            ("v2", "1.32", "v2", both, vec![Fix::Follow { kubernetes: "1.33".into() }], 0),
            ("v2", "1.33", "v2", both, vec![], 0),
        ];
        for (version, chosen_for, default, compatible, fixes, info) in cases {
            let observed = installed(version, chosen_for, offered(default, compatible));
            let changes = addon(None).compare(&refs, &observed);
            assert_eq!(changes.fix, fixes, "{version} for {chosen_for}, default {default}");
            assert_eq!(changes.info.len(), info, "{version} for {chosen_for}: {:?}", changes.info);
            assert!(changes.settling.is_empty());
        }
        // Without the tag (made before sleak wrote it), the control plane's version counts.
        let mut untagged = installed("v1", "1.32", offered("v2", both));
        untagged.kubernetes_tag = None;
        assert!(addon(None).compare(&refs, &untagged).fix.is_empty());
        untagged.control_plane = "1.32".into();
        assert_eq!(addon(None).compare(&refs, &untagged).fix.len(), 1);
        let observed = installed("v1", "1.33", offered("v2", both));
        let info = &addon(None).compare(&refs, &observed).info[0];
        assert!(info.contains("now v2 (installed: v1)"), "{info}");
        assert!(info.contains("`versions = { kube_proxy = \"v2\" }` under [clusters.dev.plugins]"), "{info}");
    }

    #[test]
    fn a_pinned_add_on_moves_to_its_pin_only() {
        let refs = Outputs::default();
        let observed = installed("v1", "1.33", None);
        assert!(addon(Some("v1")).compare(&refs, &observed).fix.is_empty());
        assert_eq!(
            addon(Some("v2")).compare(&refs, &observed).fix,
            [Fix::Move { from: "v1".into(), to: "v2".into() }]
        );
    }

    #[test]
    fn a_failed_create_is_made_again_and_degraded_is_waited_on() {
        let refs = Outputs::default();
        let mut observed = installed("v1", "1.33", None);
        observed.status = "CREATE_FAILED".into();
        observed.issues = vec!["ConfigurationConflict: Conflicts found".into()];
        let changes = addon(Some("v1")).compare(&refs, &observed);
        assert_eq!(
            changes.describe().update,
            ["make it again: its create failed (ConfigurationConflict: Conflicts found)"]
        );
        observed.status = "DEGRADED".into();
        let changes = addon(Some("v1")).compare(&refs, &observed);
        assert_eq!(changes.settling, ["wait until ACTIVE (now DEGRADED)"]);
    }

    #[test]
    fn a_role_is_compared_by_its_arn() {
        let mut desired = addon(Some("v1"));
        desired.role = Some("role".into());
        let mut refs = Outputs::default();
        refs.insert("role".into(), Output::with_arn("r", "arn:aws:iam::1:role/r"));
        let mut observed = installed("v1", "1.33", None);
        observed.status = "CREATING".into();
        assert_eq!(desired.compare(&refs, &observed).fix, [Fix::SetRole]);
        observed.role_arn = Some("arn:aws:iam::1:role/r".into());
        let changes = desired.compare(&refs, &observed);
        assert!(changes.fix.is_empty());
        assert_eq!(changes.settling, ["wait until ACTIVE (now CREATING)"]);
    }
}
