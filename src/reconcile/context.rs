//! What every kind's observe, apply and delete get: the run's environment (who acts,
//! in which region, the account access and cluster connections), the resource, the
//! outputs of what it refers to, and shared reads made once per run.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use aws_config::SdkConfig;
use tokio::sync::OnceCell;

use super::graph::Resource;
use super::kind::Outputs;
use crate::providers::aws::access::{self, AccountAccess};
use crate::providers::aws::ec2::{self, Ec2Snapshot};
use crate::providers::aws::eks::{self, ClusterRead};
use crate::providers::aws::organizations::{self, MemberAccount, OrganizationInfo};
use crate::providers::aws::route53::{self, HostedZone};
use crate::providers::aws::tags::{idempotency_token, resource_tags};
use crate::providers::aws::{eks_token, iam};
use crate::providers::kubernetes::{Connection, Connections, Endpoint};
use crate::workspace::model::ClusterSource;

type Cell = Arc<OnceCell<Arc<dyn Any + Send + Sync>>>;

/// Reads made once per run and shared by every resource that needs them, keyed by
/// their type and a key (an account id, a cluster name).
#[derive(Default)]
pub struct Memo {
    cells: Mutex<HashMap<(TypeId, String), Cell>>,
}

impl Memo {
    /// The value of `key`, made by `init` the first time it is asked for. A failed
    /// `init` is not remembered: the next caller tries again.
    pub async fn get<T, F, Fut>(&self, key: &str, init: F) -> anyhow::Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        let cell = {
            let mut cells = self
                .cells
                .lock()
                .unwrap_or_else(|poison| poison.into_inner());
            cells
                .entry((TypeId::of::<T>(), key.to_owned()))
                .or_default()
                .clone()
        };
        let value = cell
            .get_or_try_init(|| async {
                let value: Arc<dyn Any + Send + Sync> = Arc::new(init().await?);
                Ok::<_, anyhow::Error>(value)
            })
            .await?
            .clone();
        value
            .downcast::<T>()
            .map_err(|_| anyhow::anyhow!("a shared read of `{key}` has another type"))
    }
}

/// Everything a run shares: one per command.
pub struct Env {
    pub access: AccountAccess,
    pub workspace: String,
    /// The one region of the run: connections and everything the plan writes.
    pub region: String,
    /// The caller's ARN, whose role gets cluster-admin access in its own account.
    pub caller_arn: String,
    /// The organization as preflight found it; `None` before onboarding made it.
    pub organization: Option<OrganizationInfo>,
    /// How each workspace cluster is reached.
    pub clusters: HashMap<String, ClusterSource>,
    pub memo: Memo,
    connections: Connections,
    /// Clusters that did not answer while observing.
    unreachable: Mutex<HashSet<String>>,
}

/// A cluster that did not answer while observing: its objects show as to create.
#[derive(Debug, thiserror::Error)]
#[error("could not reach the cluster `{cluster}`: {reason}")]
pub struct Unreachable {
    pub cluster: String,
    pub reason: String,
}

impl Env {
    pub fn new(access: AccountAccess, workspace: &str, region: &str) -> Self {
        Self {
            access,
            workspace: workspace.to_owned(),
            region: region.to_owned(),
            caller_arn: String::new(),
            organization: None,
            clusters: HashMap::new(),
            memo: Memo::default(),
            connections: Connections::default(),
            unreachable: Mutex::new(HashSet::new()),
        }
    }

    /// The principal sleak acts as in `account_id`: the caller in its own account, else
    /// the account's OrganizationAccountAccessRole.
    pub fn admin_principal(&self, account_id: &str) -> String {
        if account_id == self.access.caller_account() {
            principal_of(&self.caller_arn)
        } else {
            access::account_access_role(account_id)
        }
    }

    /// The connection to a workspace cluster: its kubeconfig context, or its EKS endpoint
    /// with a fresh token made with the credentials of `account_id`.
    pub async fn connection(
        &self,
        cluster: &str,
        account_id: Option<&str>,
    ) -> anyhow::Result<Connection> {
        let source = self
            .clusters
            .get(cluster)
            .with_context(|| format!("`{cluster}` is not a cluster of the workspace"))?
            .clone();
        let account_id = account_id.map(str::to_owned);
        self.connections
            .get(cluster, || async move {
                match source {
                    ClusterSource::Context { context } => Ok(Endpoint::Context { context }),
                    ClusterSource::Eks { .. } => {
                        let account_id =
                            account_id.context("the cluster's account does not exist yet")?;
                        let config = self.access.config(&account_id).await;
                        let described = eks::describe_endpoint(&config, cluster)
                            .await?
                            .with_context(|| format!("there is no EKS cluster `{cluster}`"))?;
                        let (server, ca_data) =
                            (described.endpoint, described.certificate_authority_data);
                        let token = eks_token::token(&config, cluster).await?;
                        let remaining = token
                            .expires_at
                            .duration_since(SystemTime::now())
                            .unwrap_or(Duration::ZERO);
                        Ok(Endpoint::Eks {
                            server,
                            ca_data,
                            token: token.token,
                            expires: Instant::now() + remaining,
                        })
                    }
                }
            })
            .await
    }

    fn is_unreachable(&self, cluster: &str) -> bool {
        self.unreachable
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .contains(cluster)
    }

    pub(crate) fn mark_unreachable(&self, cluster: &str) {
        self.unreachable
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .insert(cluster.to_owned());
    }
}

/// The IAM principal of an ARN: an assumed-role session maps to its role.
pub fn principal_of(arn: &str) -> String {
    // arn:aws:sts::123:assumed-role/Role/session → arn:aws:iam::123:role/Role
    if let Some(rest) = arn.strip_prefix("arn:aws:sts::")
        && let Some((account, path)) = rest.split_once(":assumed-role/")
    {
        let role = path.split('/').next().unwrap_or(path);
        return format!("arn:aws:iam::{account}:role/{role}");
    }
    arn.to_owned()
}

/// The ARN of the role `name` in `account_id`.
pub fn role_arn(account_id: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/{name}")
}

/// One resource's view of the run.
pub struct Cx<'a> {
    pub env: &'a Env,
    pub resource: &'a Resource,
    /// Outputs of what exists or was made so far.
    pub refs: &'a Outputs,
    /// Reports what a long step waits for.
    pub on_wait: &'a (dyn Fn(&str) + Sync),
}

impl Cx<'_> {
    /// The resource's plan id, also its `sleak:id` tag.
    pub fn id(&self) -> &str {
        &self.resource.id
    }

    /// The tags every resource carries.
    pub fn tags(&self) -> Vec<(String, String)> {
        resource_tags(&self.env.workspace, &self.resource.id)
    }

    /// A request token that is the same on every run, for idempotent creates.
    pub fn token(&self, suffix: &str) -> String {
        idempotency_token(
            &self.env.workspace,
            &format!("{}{suffix}", self.resource.id),
        )
    }

    /// The id of the account the resource lives in, once it exists.
    pub fn account_id(&self) -> Option<&str> {
        self.refs.find(&format!("account/{}", self.resource.scope))
    }

    /// Credentials in the resource's account, which must exist.
    pub async fn config(&self) -> anyhow::Result<SdkConfig> {
        let account_id = self
            .account_id()
            .with_context(|| format!("the account `{}` does not exist yet", self.resource.scope))?;
        Ok(self.env.access.config(account_id).await)
    }

    /// Credentials in the resource's account when it exists (else nothing of it can).
    pub async fn config_if_exists(&self) -> Option<(String, SdkConfig)> {
        let account_id = self.account_id()?.to_owned();
        let config = self.env.access.config(&account_id).await;
        Some((account_id, config))
    }

    /// Credentials in the account named by the plan id `account`.
    pub async fn config_of(&self, account: &str) -> anyhow::Result<SdkConfig> {
        let account_id = self.refs.id(account)?;
        Ok(self.env.access.config(account_id).await)
    }

    pub async fn memo<T, F, Fut>(&self, key: &str, init: F) -> anyhow::Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<T>>,
    {
        self.env.memo.get(key, init).await
    }

    // Shared reads.

    /// The organization's accounts.
    pub async fn accounts(&self) -> anyhow::Result<Arc<Vec<MemberAccount>>> {
        let base = self.env.access.base().clone();
        self.memo("organization", || async move {
            organizations::list_accounts(&base).await
        })
        .await
    }

    /// Everything of the workspace in the account's EC2; `None` before the account.
    pub async fn ec2(&self) -> anyhow::Result<Option<Arc<Ec2Snapshot>>> {
        let Some((account_id, config)) = self.config_if_exists().await else {
            return Ok(None);
        };
        let workspace = self.env.workspace.clone();
        Ok(Some(
            self.memo(&account_id, || async move {
                ec2::snapshot(&config, &workspace).await
            })
            .await?,
        ))
    }

    /// The account's availability zones.
    pub async fn availability_zones(&self) -> anyhow::Result<Arc<Vec<String>>> {
        let (account_id, config) = self
            .config_if_exists()
            .await
            .context("the account does not exist yet")?;
        self.memo(&format!("zones/{account_id}"), || async move {
            ec2::availability_zones(&config).await
        })
        .await
    }

    /// The account's hosted zones, with the tags of those named in `domains`.
    pub async fn hosted_zones(&self, domain: &str) -> anyhow::Result<Option<Arc<Vec<HostedZone>>>> {
        let Some((account_id, config)) = self.config_if_exists().await else {
            return Ok(None);
        };
        let domain = domain.trim_end_matches('.').to_owned();
        let zones = self
            .memo(
                &account_id,
                || async move { route53::list_zones(&config).await },
            )
            .await?;
        let (account_id, config) = self
            .config_if_exists()
            .await
            .context("the account does not exist yet")?;
        // Tags of the zones sleak may own: a run killed between creating and tagging a
        // zone leaves it untagged, and the next run must finish the job.
        let tagged = self
            .memo(&format!("{account_id}/{domain}"), || async move {
                let mut zones = zones.as_ref().clone();
                for zone in zones
                    .iter_mut()
                    .filter(|zone| zone.name.trim_end_matches('.') == domain)
                {
                    zone.tags = Some(route53::zone_tags(&config, &zone.id).await?);
                }
                Ok(zones)
            })
            .await?;
        Ok(Some(tagged))
    }

    /// ARNs of the account's OIDC providers.
    pub async fn oidc_providers(&self) -> anyhow::Result<Option<Arc<Vec<String>>>> {
        let Some((account_id, config)) = self.config_if_exists().await else {
            return Ok(None);
        };
        Ok(Some(
            self.memo(&format!("oidc/{account_id}"), || async move {
                iam::oidc_providers(&config).await
            })
            .await?,
        ))
    }

    /// The EKS cluster `name` of the account, with its node groups, add-ons and access
    /// entries; `None` when it (or the account) does not exist.
    pub async fn eks_cluster(&self, name: &str) -> anyhow::Result<Option<Arc<ClusterRead>>> {
        let Some((account_id, config)) = self.config_if_exists().await else {
            return Ok(None);
        };
        let cluster = name.to_owned();
        let read: Arc<Option<Arc<ClusterRead>>> = self
            .memo(&format!("{account_id}/{name}"), || async move {
                Ok(eks::read_cluster(&config, &cluster).await?.map(Arc::new))
            })
            .await?;
        Ok(read.as_ref().clone())
    }

    /// The connection to the resource's cluster (its scope), with the credentials of the
    /// cluster's account for EKS clusters.
    pub async fn connection(&self) -> anyhow::Result<Connection> {
        let cluster = self.resource.scope.as_str();
        let account_id = self.cluster_account_id()?;
        self.env.connection(cluster, account_id.as_deref()).await
    }

    /// While observing: the connection to the resource's cluster, `None` for an EKS
    /// cluster that does not exist or is not ACTIVE yet (its objects are all to
    /// create). A cluster that does not answer is [`Unreachable`].
    pub async fn observe_connection(&self) -> anyhow::Result<Option<Connection>> {
        let cluster = self.resource.scope.as_str();
        if self.env.is_unreachable(cluster) {
            return Err(self.unreachable("it did not answer before"));
        }
        let account_id = match self.env.clusters.get(cluster) {
            Some(ClusterSource::Eks { account }) => {
                let Some(account_id) = self.refs.find(&format!("account/{account}")) else {
                    return Ok(None);
                };
                let config = self.env.access.config(account_id).await;
                let account_id = account_id.to_owned();
                let name = cluster.to_owned();
                let read: Arc<Option<Arc<ClusterRead>>> = self
                    .memo(&format!("{account_id}/{cluster}"), || async move {
                        Ok(eks::read_cluster(&config, &name).await?.map(Arc::new))
                    })
                    .await?;
                let active = read
                    .as_ref()
                    .as_ref()
                    .is_some_and(|read| read.status() == "ACTIVE");
                if !active {
                    return Ok(None);
                }
                Some(account_id)
            }
            Some(ClusterSource::Context { .. }) => None,
            None => return Ok(None),
        };
        // One attempt per cluster and run, shared by all its objects (a failure too).
        let env = self.env;
        let attempt: Arc<Result<Connection, String>> = self
            .memo(&format!("connection/{cluster}"), || async move {
                Ok(env
                    .connection(cluster, account_id.as_deref())
                    .await
                    .map_err(|error| format!("{error:#}")))
            })
            .await?;
        match attempt.as_ref() {
            Ok(connection) => Ok(Some(connection.clone())),
            Err(reason) => {
                self.env.mark_unreachable(cluster);
                Err(self.unreachable(reason))
            }
        }
    }

    fn unreachable(&self, reason: &str) -> anyhow::Error {
        Unreachable {
            cluster: self.resource.scope.clone(),
            reason: reason.to_owned(),
        }
        .into()
    }

    /// The id of the account of the resource's cluster, for EKS clusters.
    pub fn cluster_account_id(&self) -> anyhow::Result<Option<String>> {
        match self.env.clusters.get(&self.resource.scope) {
            Some(ClusterSource::Eks { account }) => Ok(Some(
                self.refs.id(&format!("account/{account}"))?.to_owned(),
            )),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assumed_role_session_maps_to_its_role() {
        assert_eq!(
            principal_of("arn:aws:sts::123456789012:assumed-role/Admin/alice"),
            "arn:aws:iam::123456789012:role/Admin"
        );
        assert_eq!(
            principal_of("arn:aws:iam::123456789012:user/alice"),
            "arn:aws:iam::123456789012:user/alice"
        );
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_shared_read_is_made_once_and_a_failure_is_tried_again() {
        let memo = Memo::default();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let failed: anyhow::Result<Arc<u32>> = memo
            .get("k", || async {
                calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                anyhow::bail!("lost")
            })
            .await;
        assert!(failed.is_err());
        for _ in 0..3 {
            let value = memo
                .get("k", || async {
                    calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    Ok(7u32)
                })
                .await
                .unwrap();
            assert_eq!(*value, 7);
        }
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
        // Another type under the same key is another read.
        let text = memo
            .get("k", || async { Ok("x".to_owned()) })
            .await
            .unwrap();
        assert_eq!(text.as_str(), "x");
    }
}
