//! An EKS add-on: a pinned version as given, else EKS's default for the cluster's
//! Kubernetes version (read again at every plan); with its IAM role where it needs one.

use std::fmt;

use crate::providers::aws::eks;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addon {
    /// Plan id of the EKS cluster.
    pub cluster: String,
    pub addon: String,
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
    /// EKS's default version for the cluster's Kubernetes version, when unpinned.
    pub default_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Move { from: String, to: String },
    SetRole,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Move { from, to } => write!(f, "move from {from} to {to}"),
            Fix::SetRole => f.write_str("give it its IAM role"),
        }
    }
}

impl Addon {
    async fn default_version(&self, cx: &Cx<'_>) -> anyhow::Result<String> {
        let (account_id, config) = cx
            .config_if_exists()
            .await
            .ok_or_else(|| anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope))?;
        let key = format!("{account_id}/{}/{}", self.addon, self.kubernetes_version);
        let (addon, version) = (self.addon.clone(), self.kubernetes_version.clone());
        let found = cx
            .memo(&key, || async move { eks::default_addon_version(&config, &addon, &version).await })
            .await?;
        Ok(found.as_ref().clone())
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
        let default_version = match self.version {
            None => Some(self.default_version(cx).await?),
            Some(_) => None,
        };
        Ok(read
            .addons
            .iter()
            .find(|candidate| candidate.addon_name() == Some(self.addon.as_str()))
            .map(|installed| Observed {
                version: installed.addon_version().unwrap_or_default().to_owned(),
                role_arn: installed.service_account_role_arn().map(str::to_owned),
                status: installed.status().map(|status| status.as_str().to_owned()).unwrap_or_default(),
                default_version,
            }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(&self.addon)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if let Some(wanted) = self.version.as_ref().or(observed.default_version.as_ref())
            && *wanted != observed.version
        {
            changes.fix.push(Fix::Move {
                from: observed.version.clone(),
                to: wanted.clone(),
            });
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
        if observed.is_none() || !changes.only_settling() {
            let version = match &self.version {
                Some(version) => version.clone(),
                None => self.default_version(cx).await?,
            };
            let role = match &self.role {
                Some(role) => Some(cx.refs.arn(role)?),
                None => None,
            };
            eks::put_addon(&config, cluster, &self.addon, &version, role, observed.is_some(), &cx.tags())
                .await?;
        }
        eks::wait_addon(&config, cluster, &self.addon, cx.on_wait).await?;
        Ok(Output::id(&self.addon))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        eks::delete_addon(&cx.config().await?, cx.refs.id(&self.cluster)?, &output.id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addon(version: Option<&str>) -> Addon {
        Addon {
            cluster: "c".into(),
            addon: "coredns".into(),
            version: version.map(str::to_owned),
            kubernetes_version: "1.33".into(),
            role: None,
        }
    }

    #[test]
    fn unpinned_follows_the_default_pinned_stays() {
        let observed = Observed {
            version: "v1".into(),
            role_arn: None,
            status: "ACTIVE".into(),
            default_version: Some("v2".into()),
        };
        let refs = Outputs::default();
        assert_eq!(
            addon(None).compare(&refs, &observed).fix,
            [Fix::Move { from: "v1".into(), to: "v2".into() }]
        );
        let pinned = Observed { default_version: None, ..observed };
        assert!(addon(Some("v1")).compare(&refs, &pinned).fix.is_empty());
    }

    #[test]
    fn a_role_is_compared_by_its_arn() {
        let mut desired = addon(Some("v1"));
        desired.role = Some("role".into());
        let mut refs = Outputs::default();
        refs.insert("role".into(), Output::with_arn("r", "arn:aws:iam::1:role/r"));
        let mut observed = Observed {
            version: "v1".into(),
            role_arn: None,
            status: "CREATING".into(),
            default_version: None,
        };
        assert_eq!(desired.compare(&refs, &observed).fix, [Fix::SetRole]);
        observed.role_arn = Some("arn:aws:iam::1:role/r".into());
        let changes = desired.compare(&refs, &observed);
        assert!(changes.fix.is_empty());
        assert_eq!(changes.settling, ["wait until ACTIVE (now CREATING)"]);
    }
}
