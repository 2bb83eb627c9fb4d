//! An EKS control plane in the account's private subnets: endpoint access and logging
//! repaired in place, a version one minor ahead an upgrade, anything else drift.

use std::fmt;

use anyhow::Context as _;

use crate::providers::aws::eks::{self, Updated};
use crate::providers::wait::{self, Backoff, Poll};
use crate::reconcile::context::{Cx, role_arn};
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EksCluster {
    pub name: String,
    pub version: String,
    /// Plan ids of the control-plane role and the subnets.
    pub role: String,
    pub subnets: Vec<String>,
    pub endpoint_public: bool,
    pub endpoint_private: bool,
    pub public_cidrs: Vec<String>,
    pub logging: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Observed {
    pub status: String,
    pub version: String,
    pub endpoint_public: bool,
    pub endpoint_private: bool,
    /// Sorted.
    pub public_cidrs: Vec<String>,
    /// Enabled log types, sorted.
    pub logging: Vec<String>,
    /// The API server's URL.
    pub endpoint: Option<String>,
    /// The cluster security group EKS made (its managed nodes carry it).
    pub security_group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Upgrade {
        from: String,
        to: String,
    },
    EndpointAccess {
        public: bool,
        private: bool,
        cidrs: Vec<String>,
    },
    Logging(Vec<String>),
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Upgrade { from, to } => write!(f, "upgrade the control plane from {from} to {to}"),
            Fix::EndpointAccess {
                public,
                private,
                cidrs,
            } => write!(
                f,
                "set endpoint access to public={public} ({}) private={private}",
                cidrs.join(", ")
            ),
            Fix::Logging(logs) if logs.is_empty() => f.write_str("send control-plane logs: none"),
            Fix::Logging(logs) => write!(f, "send control-plane logs: {}", logs.join(", ")),
        }
    }
}

/// How many times `apply` asks EKS again after it refused an update because another
/// one was in progress (each time after that one ended and a new comparison).
pub const BUSY_RETRIES: usize = 5;

/// What is read of a cluster, from DescribeCluster.
fn observed_from(cluster: &aws_sdk_eks::types::Cluster) -> Observed {
    let vpc = cluster.resources_vpc_config();
    let mut public_cidrs: Vec<String> = vpc
        .map(|vpc| vpc.public_access_cidrs().to_vec())
        .unwrap_or_default();
    public_cidrs.sort();
    let mut logging: Vec<String> = cluster
        .logging()
        .map(|logging| logging.cluster_logging())
        .unwrap_or_default()
        .iter()
        .filter(|setup| setup.enabled() == Some(true))
        .flat_map(|setup| setup.types().iter().map(|kind| kind.as_str().to_owned()))
        .collect();
    logging.sort();
    logging.dedup();
    Observed {
        status: cluster
            .status()
            .map(|status| status.as_str().to_owned())
            .unwrap_or_default(),
        version: cluster.version().unwrap_or_default().to_owned(),
        endpoint_public: vpc.is_some_and(|vpc| vpc.endpoint_public_access()),
        endpoint_private: vpc.is_some_and(|vpc| vpc.endpoint_private_access()),
        public_cidrs,
        logging,
        endpoint: cluster.endpoint().map(str::to_owned),
        security_group: vpc
            .and_then(|vpc| vpc.cluster_security_group_id())
            .filter(|group| !group.is_empty())
            .map(str::to_owned),
    }
}

impl EksCluster {
    /// Makes the fixes one EKS update at a time (EKS takes one kind of change per
    /// request and refuses a second while one runs), each followed until it ended
    /// Successful: endpoint access and logging, then the upgrade. [`Updated::Busy`] when
    /// EKS refused one because another update was in progress (that one has ended since).
    async fn update(
        &self,
        config: &aws_config::SdkConfig,
        changes: &Changes<Fix>,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<Updated> {
        let name = &self.name;
        for fix in &changes.fix {
            let updated = match fix {
                Fix::EndpointAccess { .. } => {
                    let access = (
                        self.endpoint_public,
                        self.endpoint_private,
                        self.public_cidrs.as_slice(),
                    );
                    eks::update_cluster_endpoint(config, name, access, on_wait).await?
                }
                Fix::Logging(_) => {
                    eks::update_cluster_logging(config, name, &self.logging, on_wait).await?
                }
                Fix::Upgrade { .. } => continue,
            };
            if updated == Updated::Busy {
                return Ok(Updated::Busy);
            }
        }
        for fix in &changes.fix {
            if let Fix::Upgrade { to, .. } = fix {
                on_wait(&format!("upgrading the control plane of `{name}` to {to}"));
                // Node groups and add-ons wait for this step: none is touched before the
                // control plane's update ended Successful.
                if eks::update_cluster_version(config, name, to, on_wait).await? == Updated::Busy {
                    return Ok(Updated::Busy);
                }
            }
        }
        Ok(Updated::Done)
    }
}

/// The version a `major.minor` string stands for, to compare.
pub fn minor(version: &str) -> Option<(u32, u32)> {
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.split('.').next()?.parse().ok()?))
}

impl Kind for EksCluster {
    const KIND: &'static str = "eks:cluster";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        std::iter::once(self.role.as_str())
            .chain(self.subnets.iter().map(String::as_str))
            .collect()
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(read) = cx.eks_cluster(&self.name).await? else {
            return Ok(None);
        };
        Ok(Some(observed_from(&read.cluster)))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output {
            security_group: observed.security_group.clone(),
            ..Output::id(&self.name).at(observed.endpoint.clone(), None)
        }
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status != "ACTIVE" {
            changes
                .settling
                .push(format!("wait until ACTIVE (now {})", observed.status));
        }
        let (actual, version) = (&observed.version, &self.version);
        match (minor(actual), minor(version)) {
            (Some(have), Some(want)) if have < want => {
                if have.0 == want.0 && want.1 == have.1 + 1 {
                    changes.fix.push(Fix::Upgrade {
                        from: actual.clone(),
                        to: version.clone(),
                    });
                } else {
                    changes.drift.push(format!("version is {actual}, the workspace says {version}: EKS upgrades one minor version at a time, set {}.{} first", have.0, have.1 + 1));
                }
            }
            (Some(have), Some(want)) if have > want => changes.drift.push(format!(
                "version is {actual}, the workspace says {version}: EKS cannot downgrade"
            )),
            _ => {}
        }
        let mut cidrs = self.public_cidrs.clone();
        cidrs.sort();
        if observed.endpoint_public != self.endpoint_public
            || observed.endpoint_private != self.endpoint_private
            || (self.endpoint_public && observed.public_cidrs != cidrs)
        {
            changes.fix.push(Fix::EndpointAccess {
                public: self.endpoint_public,
                private: self.endpoint_private,
                cidrs,
            });
        }
        let mut logging = self.logging.clone();
        logging.sort();
        if observed.logging != logging {
            changes.fix.push(Fix::Logging(logging));
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let (account_id, config) = cx.config_if_exists().await.ok_or_else(|| {
            anyhow::anyhow!("the account `{}` does not exist yet", cx.resource.scope)
        })?;
        let name = &self.name;
        if observed.is_none() {
            let subnet_ids: Vec<String> = self
                .subnets
                .iter()
                .map(|subnet| cx.refs.id(subnet).map(str::to_owned))
                .collect::<anyhow::Result<_>>()?;
            let role_arn = role_arn(&account_id, cx.refs.id(&self.role)?);
            let token = cx.token("");
            let tags = cx.tags();
            // A new role takes a few seconds to be usable by EKS.
            wait::until(
                Backoff::EKS_ROLE,
                "the control-plane role",
                cx.on_wait,
                || async {
                    let request = eks::ClusterRequest {
                        name,
                        version: &self.version,
                        role_arn: &role_arn,
                        subnet_ids: &subnet_ids,
                        endpoint_public: self.endpoint_public,
                        endpoint_private: self.endpoint_private,
                        public_cidrs: &self.public_cidrs,
                        logging: &self.logging,
                        token: &token,
                        tags: &tags,
                    };
                    match eks::create_cluster(&config, request).await {
                        Ok(_) => Ok(Poll::Ready(())),
                        Err(error) if format!("{error:#}").contains("Role with arn") => {
                            (cx.on_wait)("waiting for the new control-plane role to reach EKS");
                            Ok(Poll::Retry(error))
                        }
                        Err(error) => Err(error),
                    }
                },
            )
            .await?;
            (cx.on_wait)(&format!(
                "control plane of `{name}` is CREATING (usually 10–15 min)"
            ));
            eks::wait_cluster(&config, name, cx.on_wait).await?;
            return endpoint_output(&config, name).await;
        }
        let mut changes = changes.clone();
        let mut status = observed
            .map(|observed| observed.status.clone())
            .unwrap_or_default();
        for _ in 0..=BUSY_RETRIES {
            // CREATING, or an update that is not ours with nothing for us to do: wait for
            // it. An update of ours while one runs is refused by EKS and waited for then.
            if status != "ACTIVE" && (status != "UPDATING" || changes.fix.is_empty()) {
                eks::wait_cluster(&config, name, cx.on_wait).await?;
            }
            match self.update(&config, &changes, cx.on_wait).await? {
                Updated::Done => return endpoint_output(&config, name).await,
                Updated::Busy => {
                    // Another update ended meanwhile: what is left to do may have changed.
                    let now = eks::describe_cluster(&config, name)
                        .await?
                        .with_context(|| format!("the EKS cluster `{name}` is gone"))?;
                    let observed = observed_from(&now);
                    changes = self.compare(cx.refs, &observed);
                    status = observed.status;
                }
            }
        }
        anyhow::bail!(
            "EKS refused the updates of the EKS cluster `{name}` {} times: another update was in progress each time; run sleak again later",
            BUSY_RETRIES + 1
        )
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        eks::delete_cluster(&cx.config().await?, &output.id, cx.on_wait).await
    }
}

/// The cluster's output, with the API server's URL as EKS gives it now.
async fn endpoint_output(config: &aws_config::SdkConfig, name: &str) -> anyhow::Result<Output> {
    let described = eks::describe_endpoint(config, name).await?;
    let security_group = described
        .as_ref()
        .and_then(|described| described.security_group.clone());
    let endpoint = described
        .map(|described| described.endpoint)
        .filter(|endpoint| !endpoint.is_empty());
    Ok(Output {
        security_group,
        ..Output::id(name).at(endpoint, None)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster() -> EksCluster {
        EksCluster {
            name: "dev".into(),
            version: "1.34".into(),
            role: "r".into(),
            subnets: vec![],
            endpoint_public: true,
            endpoint_private: true,
            public_cidrs: vec!["0.0.0.0/0".into()],
            logging: vec!["api".into()],
        }
    }

    fn observed(version: &str) -> Observed {
        Observed {
            status: "ACTIVE".into(),
            version: version.into(),
            endpoint_public: true,
            endpoint_private: true,
            public_cidrs: vec!["0.0.0.0/0".into()],
            logging: vec!["api".into()],
            endpoint: None,
            security_group: None,
        }
    }

    #[test]
    fn versions_compare_by_minor() {
        assert!(minor("1.32") < minor("1.33"));
        assert!(minor("1.9") < minor("1.10"));
        assert_eq!(minor("1.33.2"), Some((1, 33)));
        assert_eq!(minor("latest"), None);
    }

    #[test]
    fn one_minor_ahead_is_an_upgrade_more_or_back_is_drift() {
        let refs = Outputs::default();
        let cases: [(&str, &[&str], usize); 4] = [
            ("1.34", &[], 0),
            ("1.33", &["upgrade the control plane from 1.33 to 1.34"], 0),
            ("1.32", &[], 1),
            ("1.35", &[], 1),
        ];
        for (have, fixes, drift) in cases {
            let changes = cluster().compare(&refs, &observed(have));
            let shown: Vec<String> = changes.fix.iter().map(ToString::to_string).collect();
            assert_eq!(shown, fixes, "from {have}");
            assert_eq!(changes.drift.len(), drift, "from {have}");
        }
    }

    #[test]
    fn endpoint_logging_and_settling() {
        let refs = Outputs::default();
        let mut have = observed("1.34");
        have.status = "UPDATING".into();
        have.public_cidrs = vec!["10.0.0.0/8".into()];
        have.logging = vec![];
        let changes = cluster().compare(&refs, &have);
        assert_eq!(changes.settling, ["wait until ACTIVE (now UPDATING)"]);
        assert_eq!(
            changes.describe().update,
            [
                "wait until ACTIVE (now UPDATING)",
                "set endpoint access to public=true (0.0.0.0/0) private=true",
                "send control-plane logs: api",
            ]
        );
    }
}
