//! Clusters, repositories, environment zones and the Kubernetes objects of ProjectEnvs:
//! what exists of them (observe) and how each is made right (apply).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use aws_config::SdkConfig;
use serde_json::Value as Json;

use super::Onboarding;
use crate::plan::{Graph, Provider, Resource, Spec};
use crate::providers::aws::ecr::{self, Repository};
use crate::providers::aws::eks::{self, ClusterRead};
use crate::providers::aws::tags::{ID_TAG, idempotency_token};
use crate::providers::aws::{eks_token, iam, route53};
use crate::providers::kubernetes::{self, Connection, Endpoint, HelmTarget};
use crate::reconcile::{Change, Found, Observation, Step};
use crate::workspace::model::ClusterSource;

/// What was read of the platform in one account.
#[derive(Debug, Default, Clone)]
pub struct PlatformRead {
    /// EKS clusters by name.
    pub clusters: HashMap<String, Option<ClusterRead>>,
    /// ARNs of the OIDC providers.
    pub oidc: Vec<String>,
    /// ECR repositories by name.
    pub repositories: HashMap<String, Option<Repository>>,
    /// Default add-on versions by `cluster/addon`.
    pub addon_defaults: HashMap<String, String>,
}

/// The Kubernetes spelling of sorted taints, for comparing.
type TaintSet = Vec<(String, String, String)>;

fn sorted_taints(taints: &[(String, String, String)]) -> TaintSet {
    let mut taints = taints.to_vec();
    taints.sort();
    taints
}

fn nodegroup_taints(nodegroup: &aws_sdk_eks::types::Nodegroup) -> TaintSet {
    sorted_taints(
        &nodegroup
            .taints()
            .iter()
            .map(|taint| {
                (
                    taint.key().unwrap_or_default().to_owned(),
                    taint.value().unwrap_or_default().to_owned(),
                    taint
                        .effect()
                        .map(eks::taint_effect)
                        .unwrap_or("NoSchedule")
                        .to_owned(),
                )
            })
            .collect::<Vec<_>>(),
    )
}

fn role_arn(account_id: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/{name}")
}

/// The IAM principal of an ARN: an assumed-role session maps to its role.
fn principal_of(arn: &str) -> String {
    // arn:aws:sts::123:assumed-role/Role/session → arn:aws:iam::123:role/Role
    if let Some(rest) = arn.strip_prefix("arn:aws:sts::")
        && let Some((account, path)) = rest.split_once(":assumed-role/")
    {
        let role = path.split('/').next().unwrap_or(path);
        return format!("arn:aws:iam::{account}:role/{role}");
    }
    arn.to_owned()
}

/// The version a `major.minor` string stands for, to compare.
fn minor(version: &str) -> Option<(u32, u32)> {
    let (major, minor) = version.split_once('.')?;
    Some((major.parse().ok()?, minor.split('.').next()?.parse().ok()?))
}

impl Onboarding {
    /// The principal sleak acts as in `account_id`: the caller in its own account, else
    /// the account's OrganizationAccountAccessRole.
    pub fn admin_principal(&self, account_id: &str) -> String {
        if account_id == self.access.caller_account() {
            principal_of(&self.caller_arn)
        } else {
            crate::providers::aws::access::account_access_role(account_id)
        }
    }

    /// Reads the clusters, OIDC providers and repositories `graph` wants in the account.
    pub(super) async fn read_platform(
        &self,
        graph: &Graph,
        account: &str,
        config: &SdkConfig,
    ) -> anyhow::Result<PlatformRead> {
        let mut read = PlatformRead::default();
        let mut wants_oidc = false;
        for resource in graph
            .resources
            .iter()
            .filter(|resource| resource.scope == account)
        {
            match &resource.spec {
                Some(Spec::EksCluster { name, .. }) => {
                    let cluster = eks::read_cluster(config, name).await?;
                    read.clusters.insert(name.clone(), cluster);
                }
                Some(Spec::OidcProvider { .. }) => wants_oidc = true,
                Some(Spec::EcrRepository { name, .. }) => {
                    let repository = ecr::repository(config, name).await?;
                    read.repositories.insert(name.clone(), repository);
                }
                _ => {}
            }
        }
        if wants_oidc {
            read.oidc = iam::oidc_providers(config).await?;
        }
        // Default add-on versions, for the add-ons of clusters that exist.
        for resource in graph
            .resources
            .iter()
            .filter(|resource| resource.scope == account)
        {
            if let Some(Spec::Addon {
                cluster,
                addon,
                version: None,
                kubernetes_version,
                ..
            }) = &resource.spec
            {
                let name = cluster_name(graph, cluster);
                if read.clusters.get(&name).is_some_and(Option::is_some) {
                    let version =
                        eks::default_addon_version(config, addon, kubernetes_version).await?;
                    read.addon_defaults
                        .insert(format!("{name}/{addon}"), version);
                }
            }
        }
        Ok(read)
    }

    /// Matches a cluster, repository or role of the platform against what was read.
    pub(super) fn match_platform(
        &self,
        resource: &Resource,
        spec: &Spec,
        read: Option<&PlatformRead>,
        account_id: Option<&str>,
        observation: &Observation,
        graph: &Graph,
    ) -> Option<Found> {
        let id = resource.id.as_str();
        let resolved = |reference: &str| {
            observation
                .found
                .get(reference)
                .map(|found| found.cloud_id.clone())
        };
        let read = read?;
        let cluster_of = |cluster: &str| -> Option<&ClusterRead> {
            let name = cluster_name(graph, cluster);
            read.clusters.get(&name)?.as_ref()
        };
        match spec {
            Spec::EksCluster {
                name,
                version,
                endpoint_public,
                endpoint_private,
                public_cidrs,
                logging,
                ..
            } => {
                let cluster = read.clusters.get(name)?.as_ref()?;
                let mut found = Found::at(name.clone());
                let status = cluster.status();
                if status != "ACTIVE" {
                    found
                        .fixable
                        .push(format!("wait until ACTIVE (now {status})"));
                }
                let actual = cluster.cluster.version().unwrap_or_default().to_owned();
                match (minor(&actual), minor(version)) {
                    (Some(have), Some(want)) if have < want => {
                        if have.0 == want.0 && want.1 == have.1 + 1 {
                            found.fixable.push(format!(
                                "upgrade the control plane from {actual} to {version}"
                            ));
                            found.facts.insert("upgrade".to_owned(), version.clone());
                        } else {
                            found.drift.push(format!("version is {actual}, the workspace says {version}: EKS upgrades one minor version at a time, set {}.{} first", have.0, have.1 + 1));
                        }
                    }
                    (Some(have), Some(want)) if have > want => found.drift.push(format!(
                        "version is {actual}, the workspace says {version}: EKS cannot downgrade"
                    )),
                    _ => {}
                }
                let vpc = cluster.cluster.resources_vpc_config();
                let public = vpc.is_some_and(|vpc| vpc.endpoint_public_access());
                let private = vpc.is_some_and(|vpc| vpc.endpoint_private_access());
                let mut cidrs: Vec<String> = vpc
                    .map(|vpc| vpc.public_access_cidrs().to_vec())
                    .unwrap_or_default();
                cidrs.sort();
                let mut wanted_cidrs = public_cidrs.clone();
                wanted_cidrs.sort();
                if public != *endpoint_public
                    || private != *endpoint_private
                    || (*endpoint_public && cidrs != wanted_cidrs)
                {
                    found.fixable.push(format!(
                        "set endpoint access to public={endpoint_public} ({}) private={endpoint_private}",
                        wanted_cidrs.join(", ")
                    ));
                    found
                        .facts
                        .insert("endpoint".to_owned(), "present".to_owned());
                }
                let mut wanted_logs = logging.clone();
                wanted_logs.sort();
                if cluster.enabled_logs() != wanted_logs {
                    found.fixable.push(format!(
                        "send control-plane logs: {}",
                        if wanted_logs.is_empty() {
                            "none".to_owned()
                        } else {
                            wanted_logs.join(", ")
                        }
                    ));
                    found
                        .facts
                        .insert("logging".to_owned(), "present".to_owned());
                }
                Some(found)
            }
            Spec::OidcProvider { cluster } => {
                let issuer = cluster_of(cluster)?.issuer()?;
                let host = issuer.trim_start_matches("https://");
                let arn = read
                    .oidc
                    .iter()
                    .find(|arn| arn.ends_with(&format!(":oidc-provider/{host}")))?;
                Some(Found::at(arn.clone()))
            }
            Spec::AccessEntry { cluster, policy } => {
                let principal = self.admin_principal(account_id?);
                let policies = cluster_of(cluster)?.access_entries.get(&principal)?;
                let mut found = Found::at(principal.clone());
                if !policies.iter().any(|existing| existing == policy) {
                    found.fixable.push(format!(
                        "associate {}",
                        policy.rsplit('/').next().unwrap_or(policy)
                    ));
                }
                Some(found)
            }
            Spec::NodeGroup {
                cluster,
                name,
                instance_types,
                min,
                max,
                labels,
                taints,
                kubernetes_version,
                ..
            } => {
                let cluster = cluster_of(cluster)?;
                let ours: Vec<&aws_sdk_eks::types::Nodegroup> = cluster
                    .nodegroups
                    .iter()
                    .filter(|group| {
                        group
                            .tags()
                            .and_then(|tags| tags.get(ID_TAG))
                            .is_some_and(|tag| tag == id)
                            || group.nodegroup_name() == Some(name.as_str())
                    })
                    .collect();
                let current = ours
                    .iter()
                    .find(|group| group.nodegroup_name() == Some(name.as_str()));
                let old: Vec<&&aws_sdk_eks::types::Nodegroup> = ours
                    .iter()
                    .filter(|group| group.nodegroup_name() != Some(name.as_str()))
                    .collect();
                let mut found = match (current, old.first()) {
                    (Some(group), _) => Found::at(group.nodegroup_name().unwrap_or_default()),
                    (None, Some(group)) => Found::at(group.nodegroup_name().unwrap_or_default()),
                    (None, None) => return None,
                };
                if !old.is_empty() {
                    let names: Vec<&str> = old
                        .iter()
                        .filter_map(|group| group.nodegroup_name())
                        .collect();
                    let types: Vec<String> = old
                        .iter()
                        .map(|group| group.instance_types().join(","))
                        .collect();
                    found.fixable.push(format!(
                        "replace node group {} ({}) with {name} ({}): the new group first, then the old one drained and deleted",
                        names.join(", "),
                        types.join("; "),
                        instance_types.join(",")
                    ));
                    found.facts.insert("replace".to_owned(), names.join(","));
                }
                if let Some(group) = current {
                    let status = group
                        .status()
                        .map(|status| status.as_str().to_owned())
                        .unwrap_or_default();
                    if status != "ACTIVE" {
                        found
                            .fixable
                            .push(format!("wait until ACTIVE (now {status})"));
                    }
                    let scaling = group.scaling_config();
                    let have_min = scaling.and_then(|scaling| scaling.min_size()).unwrap_or(-1);
                    let have_max = scaling.and_then(|scaling| scaling.max_size()).unwrap_or(-1);
                    let have_desired = scaling
                        .and_then(|scaling| scaling.desired_size())
                        .unwrap_or(-1);
                    if have_min != *min as i32 || have_max != *max as i32 {
                        found.fixable.push(format!(
                            "scale from {have_min}–{have_max} to {min}–{max} nodes"
                        ));
                        found
                            .facts
                            .insert("desired".to_owned(), have_desired.max(0).to_string());
                        found
                            .facts
                            .insert("scaling".to_owned(), "present".to_owned());
                    }
                    let have_labels: BTreeMap<String, String> = group
                        .labels()
                        .map(|labels| labels.clone().into_iter().collect())
                        .unwrap_or_default();
                    if &have_labels != labels {
                        found.fixable.push("set the node labels".to_owned());
                        found.facts.insert(
                            "labels".to_owned(),
                            serde_json::to_string(&have_labels).unwrap_or_default(),
                        );
                    }
                    // Nodes follow the control plane: in the same run when the control
                    // plane is at the wanted version or is upgraded to it first (one minor).
                    let nodes = group.version().unwrap_or_default();
                    let control_plane = minor(cluster.cluster.version().unwrap_or_default());
                    let wanted = minor(kubernetes_version);
                    let reachable = match (control_plane, wanted) {
                        (Some(have), Some(want)) => {
                            have == want || (have.0 == want.0 && have.1 + 1 == want.1)
                        }
                        _ => false,
                    };
                    if reachable && minor(nodes).is_some() && minor(nodes) < wanted {
                        found.fixable.push(format!(
                            "upgrade the nodes from {nodes} to {kubernetes_version}"
                        ));
                        found
                            .facts
                            .insert("upgrade".to_owned(), kubernetes_version.clone());
                    }
                    let have_taints = nodegroup_taints(group);
                    if have_taints != sorted_taints(taints) {
                        found.fixable.push("set the node taints".to_owned());
                        found.facts.insert(
                            "taints".to_owned(),
                            serde_json::to_string(&have_taints).unwrap_or_default(),
                        );
                    }
                }
                Some(found)
            }
            Spec::Addon {
                cluster,
                addon,
                version,
                role,
                ..
            } => {
                let name = cluster_name(graph, cluster);
                let found_cluster = read.clusters.get(&name)?.as_ref()?;
                let installed = found_cluster
                    .addons
                    .iter()
                    .find(|candidate| candidate.addon_name() == Some(addon.as_str()))?;
                let mut found = Found::at(addon.clone());
                let wanted = version
                    .clone()
                    .or_else(|| read.addon_defaults.get(&format!("{name}/{addon}")).cloned());
                let actual = installed.addon_version().unwrap_or_default();
                if let Some(wanted) = &wanted
                    && wanted != actual
                {
                    found
                        .fixable
                        .push(format!("move from {actual} to {wanted}"));
                }
                let wanted_role = role
                    .as_deref()
                    .and_then(&resolved)
                    .zip(account_id)
                    .map(|(role, account)| role_arn(account, &role));
                if role.is_some() && installed.service_account_role_arn() != wanted_role.as_deref()
                {
                    found.fixable.push("give it its IAM role".to_owned());
                }
                let status = installed
                    .status()
                    .map(|status| status.as_str().to_owned())
                    .unwrap_or_default();
                if status != "ACTIVE" && found.fixable.is_empty() {
                    found
                        .fixable
                        .push(format!("wait until ACTIVE (now {status})"));
                }
                Some(found)
            }
            Spec::EcrRepository {
                name,
                scan_on_push,
                immutable_tags,
                keep_images,
                pull_accounts,
            } => {
                let repository = read.repositories.get(name)?.as_ref()?;
                let mut found = Found::at(name.clone());
                if repository.scan_on_push != *scan_on_push {
                    found
                        .fixable
                        .push(format!("set scan on push to {scan_on_push}"));
                }
                if repository.immutable_tags != *immutable_tags {
                    found.fixable.push(format!(
                        "make tags {}",
                        if *immutable_tags {
                            "immutable"
                        } else {
                            "mutable"
                        }
                    ));
                }
                if repository.lifecycle_policy.as_ref()
                    != Some(&ecr::lifecycle_policy(*keep_images))
                {
                    found
                        .fixable
                        .push(format!("keep the newest {keep_images} images"));
                }
                let accounts: Option<Vec<String>> = pull_accounts
                    .iter()
                    .map(|account| resolved(account))
                    .collect();
                let wanted = match accounts {
                    Some(accounts) if !accounts.is_empty() => Some(ecr::pull_policy(&accounts)),
                    Some(_) => None,
                    None => Some(Json::Null),
                };
                if repository.repository_policy != wanted {
                    found
                        .fixable
                        .push("let the clusters' accounts pull".to_owned());
                }
                Some(found)
            }
            _ => None,
        }
    }

    /// Observes what needs other resources observed first: delegation records, and the
    /// Kubernetes side of clusters that exist.
    pub(super) async fn observe_late(
        &self,
        graph: &Graph,
        observation: &mut Observation,
        account_ids: &HashMap<String, String>,
    ) -> anyhow::Result<()> {
        // Clusters that could not be reached: their objects stay unobserved (to create).
        let mut unreachable: HashSet<String> = HashSet::new();
        for resource in &graph.resources {
            let Some(spec) = &resource.spec else { continue };
            if unreachable.contains(&resource.scope) {
                continue;
            }
            let found = match spec {
                Spec::NsDelegation {
                    name,
                    zone,
                    zone_account,
                    parent,
                } => {
                    let (Some(zone_id), Some(parent_id), Some(child_account), Some(parent_account)) = (
                        observation
                            .found
                            .get(zone)
                            .map(|found| found.cloud_id.clone()),
                        observation
                            .found
                            .get(parent)
                            .map(|found| found.cloud_id.clone()),
                        observation
                            .found
                            .get(zone_account)
                            .map(|found| found.cloud_id.clone()),
                        account_ids.get(&resource.scope),
                    ) else {
                        continue;
                    };
                    let parent_config = self.access.config(parent_account).await;
                    let Some(mut actual) =
                        route53::ns_record(&parent_config, &parent_id, name).await?
                    else {
                        continue;
                    };
                    let child_config = self.access.config(&child_account).await;
                    let mut wanted: Vec<String> = route53::name_servers(&child_config, &zone_id)
                        .await?
                        .into_iter()
                        .map(|server| server.trim_end_matches('.').to_owned())
                        .collect();
                    wanted.sort();
                    actual.sort();
                    let mut found = Found::at(format!("{parent_id}/{name}"));
                    if actual != wanted {
                        found
                            .fixable
                            .push("point the NS record at the zone's name servers".to_owned());
                    }
                    Some(found)
                }
                Spec::KubeObject { .. } | Spec::HelmChart { .. } => {
                    match self
                        .observe_in_cluster(resource, spec, observation, account_ids)
                        .await
                    {
                        Ok(found) => found,
                        Err(error) => {
                            observation.warnings.push(format!(
                                "could not reach the cluster `{}`: {error:#}",
                                resource.scope
                            ));
                            unreachable.insert(resource.scope.clone());
                            continue;
                        }
                    }
                }
                _ => continue,
            };
            if let Some(found) = found {
                observation.found.insert(resource.id.clone(), found);
            }
        }
        Ok(())
    }

    /// What a cluster has of a Kubernetes object or Helm release.
    async fn observe_in_cluster(
        &self,
        resource: &Resource,
        spec: &Spec,
        observation: &Observation,
        account_ids: &HashMap<String, String>,
    ) -> anyhow::Result<Option<Found>> {
        let Some(connection) = self
            .observe_connection(&resource.scope, observation, account_ids)
            .await?
        else {
            return Ok(None);
        };
        match spec {
            Spec::KubeObject { manifest } => Ok(kubernetes::get(&connection.client, manifest)
                .await?
                .map(|object| {
                    let mut found = Found::at(kube_id(manifest));
                    found.fixable = kubernetes::differences(manifest, &object);
                    found
                })),
            Spec::HelmChart {
                release,
                namespace,
                version,
                ..
            } => {
                let target = HelmTarget::new(&connection.endpoint)?;
                Ok(kubernetes::helm_release(&target, namespace, release)
                    .await?
                    .map(|found_release| {
                        let mut found = Found::at(format!("{namespace}/{release}"));
                        if found_release.status != "deployed" {
                            found
                                .fixable
                                .push(format!("install again (now {})", found_release.status));
                        } else if &found_release.chart_version != version {
                            found.fixable.push(format!(
                                "move from chart {} to {version}",
                                found_release.chart_version
                            ));
                        }
                        found
                    }))
            }
            _ => Ok(None),
        }
    }

    /// The connection to a cluster while observing: `None` for an EKS cluster that does
    /// not exist (or is not ACTIVE) yet, whose objects are all to create.
    async fn observe_connection(
        &self,
        cluster: &str,
        observation: &Observation,
        account_ids: &HashMap<String, String>,
    ) -> anyhow::Result<Option<Connection>> {
        match self.clusters.get(cluster) {
            Some(ClusterSource::Eks { account }) => {
                let eks_id = format!("cluster/{cluster}/eks-cluster");
                let ready = observation
                    .found
                    .get(&eks_id)
                    .is_some_and(|found| found.fixable.iter().all(|fix| !fix.starts_with("wait")));
                let Some(account_id) = account_ids.get(account) else {
                    return Ok(None);
                };
                if !ready {
                    return Ok(None);
                }
                Ok(Some(self.connection(cluster, Some(account_id)).await?))
            }
            Some(ClusterSource::Context { .. }) => Ok(Some(self.connection(cluster, None).await?)),
            None => Ok(None),
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

    /// Applies a platform resource in AWS; `None` when the spec is not one of them.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn apply_platform(
        &self,
        resource: &Resource,
        step: &Step,
        ids: &HashMap<String, String>,
        config: &SdkConfig,
        account_id: &str,
        tags: &[(String, String)],
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<Option<String>> {
        let lookup = |reference: &str| super::created(ids, reference);
        let existing = step.cloud_id.clone();
        let fact = |name: &str| step.facts.get(name).cloned();
        let Some(spec) = &resource.spec else {
            return Ok(None);
        };
        let result = match spec {
            Spec::EksCluster {
                name,
                version,
                role,
                subnets,
                endpoint_public,
                endpoint_private,
                public_cidrs,
                logging,
            } => {
                match existing {
                    None => {
                        let subnet_ids: Vec<String> = subnets
                            .iter()
                            .map(|subnet| lookup(subnet))
                            .collect::<anyhow::Result<_>>()?;
                        let role_arn = role_arn(account_id, &lookup(role)?);
                        let token = idempotency_token(&self.workspace, &resource.id);
                        // A new role takes a few seconds to be usable by EKS.
                        let mut attempt = 0;
                        loop {
                            let request = eks::ClusterRequest {
                                name,
                                version,
                                role_arn: &role_arn,
                                subnet_ids: &subnet_ids,
                                endpoint_public: *endpoint_public,
                                endpoint_private: *endpoint_private,
                                public_cidrs,
                                logging,
                                token: &token,
                                tags,
                            };
                            match eks::create_cluster(config, request).await {
                                Ok(_) => break,
                                Err(error)
                                    if attempt < 6
                                        && format!("{error:#}").contains("Role with arn") =>
                                {
                                    attempt += 1;
                                    on_wait("waiting for the new control-plane role to reach EKS");
                                    tokio::time::sleep(Duration::from_secs(3)).await;
                                }
                                Err(error) => return Err(error),
                            }
                        }
                        on_wait(&format!(
                            "control plane of `{name}` is CREATING (usually 10–15 min)"
                        ));
                        eks::wait_cluster(config, name, on_wait).await?;
                    }
                    Some(_) => {
                        eks::wait_cluster(config, name, on_wait).await?;
                        let endpoint = fact("endpoint").map(|_| {
                            (*endpoint_public, *endpoint_private, public_cidrs.as_slice())
                        });
                        let logs = fact("logging").map(|_| logging.as_slice());
                        eks::update_cluster_config(config, name, endpoint, logs).await?;
                        if let Some(version) = fact("upgrade") {
                            eks::update_cluster_version(config, name, &version).await?;
                            eks::wait_cluster(config, name, on_wait).await?;
                        }
                    }
                }
                name.clone()
            }
            Spec::OidcProvider { cluster } => {
                let name = lookup(cluster)?;
                let issuer = eks::describe_endpoint(config, &name)
                    .await?
                    .with_context(|| format!("the EKS cluster `{name}` does not exist"))?
                    .issuer
                    .context("the EKS cluster has no OIDC issuer")?;
                iam::create_oidc_provider(config, &issuer, tags).await?
            }
            Spec::AccessEntry { cluster, policy } => {
                let principal = self.admin_principal(account_id);
                eks::put_access_entry(
                    config,
                    &lookup(cluster)?,
                    &principal,
                    policy,
                    existing.is_some(),
                    tags,
                )
                .await?;
                principal
            }
            Spec::NodeGroup {
                cluster,
                name,
                role,
                subnets,
                instance_types,
                spot,
                min,
                max,
                desired,
                disk_gib,
                labels,
                taints,
                kubernetes_version,
            } => {
                let cluster = lookup(cluster)?;
                let replacing: Vec<String> = fact("replace")
                    .map(|names| names.split(',').map(str::to_owned).collect())
                    .unwrap_or_default();
                let current_exists = existing.as_deref() == Some(name.as_str());
                if !current_exists {
                    let subnet_ids: Vec<String> = subnets
                        .iter()
                        .map(|subnet| lookup(subnet))
                        .collect::<anyhow::Result<_>>()?;
                    let role_arn = role_arn(account_id, &lookup(role)?);
                    let token =
                        idempotency_token(&self.workspace, &format!("{}/{name}", resource.id));
                    eks::create_nodegroup(
                        config,
                        eks::NodegroupRequest {
                            cluster: &cluster,
                            name,
                            role_arn: &role_arn,
                            subnet_ids: &subnet_ids,
                            instance_types,
                            spot: *spot,
                            min: *min,
                            max: *max,
                            desired: *desired,
                            disk_gib: *disk_gib,
                            labels,
                            taints,
                            kubernetes_version,
                            token: &token,
                            tags,
                        },
                    )
                    .await?;
                } else {
                    let scaling = fact("scaling").map(|_| {
                        let have: u32 = fact("desired")
                            .and_then(|value| value.parse().ok())
                            .unwrap_or(*desired);
                        (*min, *max, have.clamp(*min, (*max).max(*min)))
                    });
                    let label_change = fact("labels").map(|have| {
                        let have: BTreeMap<String, String> =
                            serde_json::from_str(&have).unwrap_or_default();
                        let remove: Vec<String> = have
                            .keys()
                            .filter(|key| !labels.contains_key(*key))
                            .cloned()
                            .collect();
                        (labels.clone(), remove)
                    });
                    let taint_change = fact("taints").map(|have| {
                        let have: TaintSet = serde_json::from_str(&have).unwrap_or_default();
                        let remove: TaintSet = have
                            .into_iter()
                            .filter(|(key, _, effect)| {
                                !taints.iter().any(|(wanted, _, wanted_effect)| {
                                    wanted == key && wanted_effect == effect
                                })
                            })
                            .collect();
                        (taints.clone(), remove)
                    });
                    if scaling.is_some() || label_change.is_some() || taint_change.is_some() {
                        eks::update_nodegroup(
                            config,
                            &cluster,
                            name,
                            scaling,
                            label_change,
                            taint_change,
                        )
                        .await?;
                    }
                }
                eks::wait_nodegroup(config, &cluster, name, on_wait).await?;
                if current_exists && let Some(version) = fact("upgrade") {
                    on_wait(&format!("rolling the nodes of `{name}` to {version}"));
                    eks::update_nodegroup_version(config, &cluster, name, &version).await?;
                    eks::wait_nodegroup(config, &cluster, name, on_wait).await?;
                }
                // The new group serves before the old one is drained and deleted.
                for old in replacing
                    .iter()
                    .filter(|old| !old.is_empty() && *old != name)
                {
                    on_wait(&format!(
                        "draining and deleting the replaced node group `{old}`"
                    ));
                    eks::delete_nodegroup(config, &cluster, old, on_wait).await?;
                }
                name.clone()
            }
            Spec::Addon {
                cluster,
                addon,
                version,
                kubernetes_version,
                role,
            } => {
                let cluster = lookup(cluster)?;
                let version = match version {
                    Some(version) => version.clone(),
                    None => eks::default_addon_version(config, addon, kubernetes_version).await?,
                };
                let role = match role {
                    Some(role) => Some(role_arn(account_id, &lookup(role)?)),
                    None => None,
                };
                if !step.change.mutates()
                    || matches!(&step.change, Change::Update(changes) if changes.iter().all(|change| change.starts_with("wait")))
                {
                    eks::wait_addon(config, &cluster, addon, on_wait).await?;
                } else {
                    eks::put_addon(
                        config,
                        &cluster,
                        addon,
                        &version,
                        role.as_deref(),
                        existing.is_some(),
                        tags,
                    )
                    .await?;
                    eks::wait_addon(config, &cluster, addon, on_wait).await?;
                }
                addon.clone()
            }
            Spec::EcrRepository {
                name,
                scan_on_push,
                immutable_tags,
                keep_images,
                pull_accounts,
            } => {
                let accounts: Vec<String> = pull_accounts
                    .iter()
                    .map(|account| lookup(account))
                    .collect::<anyhow::Result<_>>()?;
                let lifecycle = ecr::lifecycle_policy(*keep_images);
                let policy = (!accounts.is_empty()).then(|| ecr::pull_policy(&accounts));
                ecr::put_repository(
                    config,
                    ecr::RepositorySettings {
                        name,
                        scan_on_push: *scan_on_push,
                        immutable_tags: *immutable_tags,
                        lifecycle: &lifecycle,
                        policy: policy.as_ref(),
                    },
                    existing.is_some(),
                    tags,
                )
                .await?;
                name.clone()
            }
            Spec::NsDelegation {
                name,
                zone,
                zone_account,
                parent,
            } => {
                let zone_id = lookup(zone)?;
                let parent_id = lookup(parent)?;
                let child_config = self.access.config(&lookup(zone_account)?).await;
                let servers: Vec<String> = route53::name_servers(&child_config, &zone_id)
                    .await?
                    .into_iter()
                    .map(|server| server.trim_end_matches('.').to_owned())
                    .collect();
                if servers.is_empty() {
                    anyhow::bail!("the hosted zone of `{name}` has no name servers yet");
                }
                route53::put_ns_record(config, &parent_id, name, &servers).await?;
                format!("{parent_id}/{name}")
            }
            _ => return Ok(None),
        };
        Ok(Some(result))
    }

    /// Applies a Kubernetes object or Helm chart in its cluster.
    pub async fn apply_kube(
        &self,
        resource: &Resource,
        ids: &HashMap<String, String>,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<String> {
        let cluster = resource.scope.as_str();
        // EKS clusters are reached with the credentials of their account.
        let account = match self.clusters.get(cluster) {
            Some(ClusterSource::Eks { account }) => Some(account.as_str()),
            _ => None,
        };
        let account_id = match account {
            Some(account) => Some(super::created(ids, &format!("account/{account}"))?),
            None => None,
        };
        let connection = self.connection(cluster, account_id.as_deref()).await?;
        match &resource.spec {
            Some(Spec::KubeObject { manifest }) => {
                kubernetes::apply(&connection.client, manifest).await?;
                Ok(kube_id(manifest))
            }
            Some(Spec::HelmChart {
                release,
                chart,
                repository,
                version,
                namespace,
                role,
                values,
                ..
            }) => {
                let account_id =
                    account_id.context("charts are installed into EKS clusters only")?;
                let role = role_arn(&account_id, &super::created(ids, role)?);
                let vpc = ids
                    .get(&format!("account/{}/vpc", account.unwrap_or_default()))
                    .cloned()
                    .unwrap_or_default();
                let values: Json = serde_json::from_str(
                    &values
                        .to_string()
                        .replace("${ROLE_ARN}", &role)
                        .replace("${VPC_ID}", &vpc),
                )?;
                on_wait(&format!(
                    "helm upgrade --install {release} ({chart} {version})"
                ));
                let target = HelmTarget::new(&connection.endpoint)?;
                kubernetes::helm_install(
                    &target, release, chart, repository, version, namespace, &values,
                )
                .await?;
                Ok(format!("{namespace}/{release}"))
            }
            _ => anyhow::bail!(
                "`{}` is not a Kubernetes resource sleak applies",
                resource.id
            ),
        }
    }

    /// Deletes a Kubernetes object or Helm release of a cluster.
    pub async fn delete_kube(
        &self,
        resource: &Resource,
        account_id: Option<&str>,
    ) -> anyhow::Result<()> {
        let connection = self.connection(&resource.scope, account_id).await?;
        match &resource.spec {
            Some(Spec::KubeObject { manifest }) => {
                kubernetes::delete(&connection.client, manifest).await
            }
            Some(Spec::HelmChart {
                release, namespace, ..
            }) => {
                let target = HelmTarget::new(&connection.endpoint)?;
                kubernetes::helm_uninstall(&target, release, namespace).await
            }
            _ => Ok(()),
        }
    }
}

/// A readable id of a Kubernetes object: `Kind/namespace/name`.
fn kube_id(manifest: &Json) -> String {
    let kind = manifest["kind"].as_str().unwrap_or_default();
    let name = manifest["metadata"]["name"].as_str().unwrap_or_default();
    match manifest["metadata"]["namespace"].as_str() {
        Some(namespace) => format!("{kind}/{namespace}/{name}"),
        None => format!("{kind}/{name}"),
    }
}

/// The EKS name of the cluster a plan id (`cluster/<name>/eks-cluster`) stands for.
fn cluster_name(graph: &Graph, cluster: &str) -> String {
    graph
        .get(cluster)
        .and_then(|resource| resource.name.clone())
        .unwrap_or_default()
}

/// Whether a resource is applied in a cluster rather than in AWS.
pub fn is_kubernetes(resource: &Resource) -> bool {
    resource.provider == Provider::Kubernetes
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

    #[test]
    fn versions_compare_by_minor() {
        assert!(minor("1.32") < minor("1.33"));
        assert!(minor("1.9") < minor("1.10"));
        assert_eq!(minor("1.33.2"), Some((1, 33)));
        assert_eq!(minor("latest"), None);
    }
}
