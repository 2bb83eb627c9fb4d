//! EKS: clusters, managed node groups, add-ons and access entries, found by name.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_eks::Client;
use aws_sdk_eks::types::{
    AccessScope, AccessScopeType, AuthenticationMode, CapacityTypes, CreateAccessConfigRequest,
    LogSetup, LogType, Logging, NodegroupScalingConfig, ResolveConflicts, Taint, TaintEffect,
    UpdateLabelsPayload, UpdateTaintsPayload, VpcConfigRequest,
};

use super::error::describe;
use crate::providers::wait::{self, Backoff, Poll};

/// The control-plane log types EKS knows.
pub const LOG_TYPES: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

/// What was read of one EKS cluster and everything in it.
#[derive(Debug, Clone)]
pub struct ClusterRead {
    pub cluster: aws_sdk_eks::types::Cluster,
    pub nodegroups: Vec<aws_sdk_eks::types::Nodegroup>,
    pub addons: Vec<aws_sdk_eks::types::Addon>,
    /// Access entries by principal ARN, with their associated access policy ARNs.
    pub access_entries: BTreeMap<String, Vec<String>>,
}

impl ClusterRead {
    pub fn status(&self) -> String {
        self.cluster
            .status()
            .map(|status| status.as_str().to_owned())
            .unwrap_or_default()
    }

    /// The OIDC issuer URL of the cluster, for IAM roles for service accounts.
    pub fn issuer(&self) -> Option<&str> {
        self.cluster.identity()?.oidc()?.issuer()
    }

    /// Log types that are enabled.
    pub fn enabled_logs(&self) -> Vec<String> {
        let mut enabled: Vec<String> = self
            .cluster
            .logging()
            .map(|logging| logging.cluster_logging())
            .unwrap_or_default()
            .iter()
            .filter(|setup| setup.enabled() == Some(true))
            .flat_map(|setup| setup.types().iter().map(|kind| kind.as_str().to_owned()))
            .collect();
        enabled.sort();
        enabled.dedup();
        enabled
    }
}

fn not_found<E: aws_sdk_eks::error::ProvideErrorMetadata>(error: &E) -> bool {
    error.code() == Some("ResourceNotFoundException")
}

/// Made already (by an earlier, interrupted run): the create is done.
fn in_use<E: aws_sdk_eks::error::ProvideErrorMetadata>(error: &E) -> bool {
    error.code() == Some("ResourceInUseException")
}

/// Reads the cluster `name` with its node groups, add-ons and access entries; `None`
/// when there is no such cluster.
pub async fn read_cluster(config: &SdkConfig, name: &str) -> anyhow::Result<Option<ClusterRead>> {
    let client = Client::new(config);
    let cluster = match client.describe_cluster().name(name).send().await {
        Ok(output) => output
            .cluster
            .context("EKS answered DescribeCluster without a cluster")?,
        Err(error) if error.as_service_error().is_some_and(not_found) => return Ok(None),
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the EKS cluster `{name}`"),
            ));
        }
    };
    let names = client
        .list_nodegroups()
        .cluster_name(name)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<String>, _>>()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not list the node groups of `{name}`"),
            )
        })?;
    let mut nodegroups = Vec::new();
    for nodegroup in names {
        match client
            .describe_nodegroup()
            .cluster_name(name)
            .nodegroup_name(&nodegroup)
            .send()
            .await
        {
            Ok(output) => nodegroups.extend(output.nodegroup),
            Err(error) if error.as_service_error().is_some_and(not_found) => {}
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not read the node group `{nodegroup}`"),
                ));
            }
        }
    }
    let addons = read_addons(&client, name).await?;
    let access_entries = read_access_entries(&client, name).await?;
    Ok(Some(ClusterRead {
        cluster,
        nodegroups,
        addons,
        access_entries,
    }))
}

async fn read_addons(
    client: &Client,
    cluster: &str,
) -> anyhow::Result<Vec<aws_sdk_eks::types::Addon>> {
    let names = client
        .list_addons()
        .cluster_name(cluster)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<String>, _>>()
        .await
        .map_err(|error| describe(error, &format!("could not list the add-ons of `{cluster}`")))?;
    let mut addons = Vec::new();
    for addon in names {
        match client
            .describe_addon()
            .cluster_name(cluster)
            .addon_name(&addon)
            .send()
            .await
        {
            Ok(output) => addons.extend(output.addon),
            Err(error) if error.as_service_error().is_some_and(not_found) => {}
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not read the add-on `{addon}` of `{cluster}`"),
                ));
            }
        }
    }
    Ok(addons)
}

async fn read_access_entries(
    client: &Client,
    cluster: &str,
) -> anyhow::Result<BTreeMap<String, Vec<String>>> {
    let principals = client
        .list_access_entries()
        .cluster_name(cluster)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<String>, _>>()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not list the access entries of `{cluster}`"),
            )
        })?;
    let mut entries = BTreeMap::new();
    for principal in principals {
        let policies = client
            .list_associated_access_policies()
            .cluster_name(cluster)
            .principal_arn(&principal)
            .send()
            .await
            .map_err(|error| {
                describe(
                    error,
                    &format!("could not list the access policies of `{principal}`"),
                )
            })?
            .associated_access_policies
            .unwrap_or_default()
            .into_iter()
            .filter_map(|policy| policy.policy_arn)
            .collect();
        entries.insert(principal, policies);
    }
    Ok(entries)
}

/// Where an EKS cluster's API is, as DescribeCluster reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterEndpoint {
    pub arn: String,
    /// `https://…eks.amazonaws.com`; empty while the cluster is being created.
    pub endpoint: String,
    /// The cluster's certificate authority: base64 of its PEM, as kubeconfig wants it.
    pub certificate_authority_data: String,
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`, `FAILED`.
    pub status: String,
    pub version: String,
    /// The OIDC issuer, for IAM roles for service accounts.
    pub issuer: Option<String>,
}

/// The endpoint of the EKS cluster `cluster`, or `None` when there is no such cluster.
pub async fn describe_endpoint(
    config: &SdkConfig,
    cluster: &str,
) -> anyhow::Result<Option<ClusterEndpoint>> {
    let client = Client::new(config);
    let output = match client.describe_cluster().name(cluster).send().await {
        Ok(output) => output,
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_resource_not_found_exception()) =>
        {
            return Ok(None);
        }
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not describe the EKS cluster `{cluster}`"),
            ));
        }
    };
    let described = output
        .cluster
        .context("EKS answered DescribeCluster without a cluster")?;
    Ok(Some(ClusterEndpoint {
        arn: described
            .arn
            .context("EKS answered DescribeCluster without the cluster's ARN")?,
        endpoint: described.endpoint.unwrap_or_default(),
        certificate_authority_data: described
            .certificate_authority
            .and_then(|authority| authority.data)
            .unwrap_or_default(),
        status: described
            .status
            .map(|status| status.as_str().to_owned())
            .unwrap_or_default(),
        version: described.version.unwrap_or_default(),
        issuer: described
            .identity
            .and_then(|identity| identity.oidc)
            .and_then(|oidc| oidc.issuer),
    }))
}

/// What a new cluster is made of.
pub struct ClusterRequest<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub role_arn: &'a str,
    pub subnet_ids: &'a [String],
    pub endpoint_public: bool,
    pub endpoint_private: bool,
    pub public_cidrs: &'a [String],
    pub logging: &'a [String],
    pub token: &'a str,
    pub tags: &'a [(String, String)],
}

fn logging(enabled: &[String]) -> Logging {
    let (on, off): (Vec<&str>, Vec<&str>) = LOG_TYPES
        .iter()
        .partition(|kind| enabled.iter().any(|wanted| wanted == *kind));
    let mut setups = Vec::new();
    for (types, state) in [(on, true), (off, false)] {
        if !types.is_empty() {
            setups.push(
                LogSetup::builder()
                    .set_types(Some(types.into_iter().map(LogType::from).collect()))
                    .enabled(state)
                    .build(),
            );
        }
    }
    Logging::builder().set_cluster_logging(Some(setups)).build()
}

fn endpoint_access(public: bool, private: bool, cidrs: &[String]) -> VpcConfigRequest {
    let mut request = VpcConfigRequest::builder()
        .endpoint_public_access(public)
        .endpoint_private_access(private);
    if public {
        request = request.set_public_access_cidrs(Some(cidrs.to_vec()));
    }
    request.build()
}

fn tag_map(tags: &[(String, String)]) -> HashMap<String, String> {
    tags.iter().cloned().collect()
}

/// Creates the control plane; returns its name. The request token makes a retried
/// create (after a crash) a no-op.
pub async fn create_cluster(
    config: &SdkConfig,
    request: ClusterRequest<'_>,
) -> anyhow::Result<String> {
    let client = Client::new(config);
    let vpc = VpcConfigRequest::builder()
        .set_subnet_ids(Some(request.subnet_ids.to_vec()))
        .endpoint_public_access(request.endpoint_public)
        .endpoint_private_access(request.endpoint_private)
        .set_public_access_cidrs(
            request
                .endpoint_public
                .then(|| request.public_cidrs.to_vec()),
        )
        .build();
    let result = client
        .create_cluster()
        .name(request.name)
        .version(request.version)
        .role_arn(request.role_arn)
        .resources_vpc_config(vpc)
        .logging(logging(request.logging))
        .access_config(
            CreateAccessConfigRequest::builder()
                .authentication_mode(AuthenticationMode::ApiAndConfigMap)
                .bootstrap_cluster_creator_admin_permissions(false)
                .build(),
        )
        .client_request_token(request.token)
        .set_tags(Some(tag_map(request.tags)))
        .send()
        .await;
    match result {
        Ok(_) => Ok(request.name.to_owned()),
        // Created by an earlier, interrupted run.
        Err(error) if error.as_service_error().is_some_and(in_use) => Ok(request.name.to_owned()),
        Err(error) => Err(describe(
            error,
            &format!("could not create the EKS cluster `{}`", request.name),
        )),
    }
}

/// Changes the endpoint access and logging of an existing cluster.
pub async fn update_cluster_config(
    config: &SdkConfig,
    name: &str,
    endpoint: Option<(bool, bool, &[String])>,
    logs: Option<&[String]>,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    // EKS takes one kind of change per update.
    if let Some((public, private, cidrs)) = endpoint {
        client
            .update_cluster_config()
            .name(name)
            .resources_vpc_config(endpoint_access(public, private, cidrs))
            .send()
            .await
            .map_err(|error| {
                describe(error, &format!("could not update the endpoint of `{name}`"))
            })?;
        wait_cluster(config, name, &|_| {}).await?;
    }
    if let Some(logs) = logs {
        client
            .update_cluster_config()
            .name(name)
            .logging(logging(logs))
            .send()
            .await
            .map_err(|error| {
                describe(error, &format!("could not update the logging of `{name}`"))
            })?;
        wait_cluster(config, name, &|_| {}).await?;
    }
    Ok(())
}

/// Upgrades the control plane to `version` (one minor version at a time, as EKS requires).
pub async fn update_cluster_version(
    config: &SdkConfig,
    name: &str,
    version: &str,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    client
        .update_cluster_version()
        .name(name)
        .version(version)
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not upgrade `{name}` to {version}")))?;
    Ok(())
}

/// What one describe says of something EKS makes: its status, `None` once it is gone.
type Status = anyhow::Result<Option<String>>;

fn status_of<T: AsRef<str>, E>(
    result: Result<
        Option<T>,
        aws_sdk_eks::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
    >,
    what: &str,
) -> Status
where
    E: aws_sdk_eks::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match result {
        Ok(status) => Ok(Some(
            status
                .map(|status| status.as_ref().to_owned())
                .unwrap_or_default(),
        )),
        Err(error) if error.as_service_error().is_some_and(not_found) => Ok(None),
        Err(error) => Err(describe(error, &format!("could not read {what}"))),
    }
}

async fn cluster_status(client: &Client, name: &str) -> Status {
    let result = client.describe_cluster().name(name).send().await;
    status_of(
        result.map(|output| output.cluster.and_then(|cluster| cluster.status)),
        &format!("the EKS cluster `{name}`"),
    )
}

async fn nodegroup_status(client: &Client, cluster: &str, name: &str) -> Status {
    let result = client
        .describe_nodegroup()
        .cluster_name(cluster)
        .nodegroup_name(name)
        .send()
        .await;
    status_of(
        result.map(|output| output.nodegroup.and_then(|nodegroup| nodegroup.status)),
        &format!("the node group `{name}`"),
    )
}

async fn addon_status(client: &Client, cluster: &str, addon: &str) -> Status {
    let result = client
        .describe_addon()
        .cluster_name(cluster)
        .addon_name(addon)
        .send()
        .await;
    status_of(
        result.map(|output| output.addon.and_then(|addon| addon.status)),
        &format!("the add-on `{addon}`"),
    )
}

/// Follows `what` until `status` says ACTIVE, failing on any of `failed`; `waiting` says
/// what to show while it is some other status.
async fn wait_active<F, Fut>(
    what: &str,
    backoff: Backoff,
    failed: &[&str],
    mut status: F,
    waiting: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Status>,
{
    wait::until_else(
        backoff,
        waiting,
        || {
            let now = status();
            async move {
                match now.await?.as_deref() {
                    Some("ACTIVE") => Ok(Poll::Ready(())),
                    Some(bad) if failed.contains(&bad) => {
                        anyhow::bail!("{what} is {bad}: see its health issues in the EKS console")
                    }
                    Some(other) => Ok(Poll::Pending(other.to_owned())),
                    None => anyhow::bail!("{what} does not exist"),
                }
            }
        },
        |_| anyhow::anyhow!("{what} was not ACTIVE after {} minutes", backoff.minutes()),
    )
    .await
}

/// Follows `what` until `status` says it is gone.
async fn wait_gone<F, Fut>(
    what: &str,
    backoff: Backoff,
    mut status: F,
    waiting: &(dyn Fn() + Sync),
) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Status>,
{
    wait::until_else(
        backoff,
        &|_| waiting(),
        || {
            let now = status();
            async move {
                Ok(match now.await? {
                    None => Poll::Ready(()),
                    Some(status) => Poll::Pending(status),
                })
            }
        },
        |_| anyhow::anyhow!("{what} was still there after {} minutes", backoff.minutes()),
    )
    .await
}

/// Waits until the control plane is ACTIVE (a new one takes 10 to 15 minutes).
pub async fn wait_cluster(
    config: &SdkConfig,
    name: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let started = std::time::Instant::now();
    wait_active(
        &format!("the EKS cluster `{name}`"),
        Backoff::EKS_CLUSTER,
        &["FAILED"],
        || cluster_status(&client, name),
        &|status| {
            on_wait(&format!(
                "control plane of `{name}` is {status} ({} so far; usually 10–15 min)",
                crate::output::progress::format_duration(started.elapsed())
            ))
        },
    )
    .await
}

/// Deletes the control plane and waits until it is gone.
pub async fn delete_cluster(
    config: &SdkConfig,
    name: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let result = client.delete_cluster().name(name).send().await;
    super::error::deleted(
        result,
        &["ResourceNotFoundException"],
        &format!("could not delete the EKS cluster `{name}`"),
    )?;
    wait_gone(
        &format!("the EKS cluster `{name}`"),
        Backoff::EKS_CLUSTER_DELETE,
        || cluster_status(&client, name),
        &|| on_wait(&format!("control plane of `{name}` is being deleted")),
    )
    .await
}

/// What a new managed node group is made of.
pub struct NodegroupRequest<'a> {
    pub cluster: &'a str,
    pub name: &'a str,
    pub role_arn: &'a str,
    pub subnet_ids: &'a [String],
    pub instance_types: &'a [String],
    pub spot: bool,
    pub min: u32,
    pub max: u32,
    pub desired: u32,
    pub disk_gib: u32,
    pub labels: &'a BTreeMap<String, String>,
    pub taints: &'a [(String, String, String)],
    pub kubernetes_version: &'a str,
    pub token: &'a str,
    pub tags: &'a [(String, String)],
}

fn taint(key: &str, value: &str, effect: &str) -> Taint {
    let effect = match effect {
        "NoExecute" => TaintEffect::NoExecute,
        "PreferNoSchedule" => TaintEffect::PreferNoSchedule,
        _ => TaintEffect::NoSchedule,
    };
    let mut builder = Taint::builder().key(key).effect(effect);
    if !value.is_empty() {
        builder = builder.value(value);
    }
    builder.build()
}

/// The Kubernetes spelling of an EKS taint effect (`NO_SCHEDULE` → `NoSchedule`).
pub fn taint_effect(effect: &TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoExecute => "NoExecute",
        TaintEffect::PreferNoSchedule => "PreferNoSchedule",
        _ => "NoSchedule",
    }
}

fn scaling(min: u32, max: u32, desired: u32) -> NodegroupScalingConfig {
    NodegroupScalingConfig::builder()
        .min_size(min as i32)
        .max_size(max as i32)
        .desired_size(desired as i32)
        .build()
}

pub async fn create_nodegroup(
    config: &SdkConfig,
    request: NodegroupRequest<'_>,
) -> anyhow::Result<String> {
    let client = Client::new(config);
    let result = client
        .create_nodegroup()
        .cluster_name(request.cluster)
        .nodegroup_name(request.name)
        .node_role(request.role_arn)
        .set_subnets(Some(request.subnet_ids.to_vec()))
        .set_instance_types(Some(request.instance_types.to_vec()))
        .capacity_type(if request.spot {
            CapacityTypes::Spot
        } else {
            CapacityTypes::OnDemand
        })
        .scaling_config(scaling(request.min, request.max, request.desired))
        .disk_size(request.disk_gib as i32)
        .version(request.kubernetes_version)
        .set_labels(Some(request.labels.clone().into_iter().collect()))
        .set_taints(Some(
            request
                .taints
                .iter()
                .map(|(key, value, effect)| taint(key, value, effect))
                .collect(),
        ))
        .client_request_token(request.token)
        .set_tags(Some(tag_map(request.tags)))
        .send()
        .await;
    match result {
        Ok(_) => Ok(request.name.to_owned()),
        Err(error) if error.as_service_error().is_some_and(in_use) => Ok(request.name.to_owned()),
        Err(error) => Err(describe(
            error,
            &format!("could not create the node group `{}`", request.name),
        )),
    }
}

/// Waits until the node group is ACTIVE (about 5 minutes for a new one).
pub async fn wait_nodegroup(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    wait_active(
        &format!("the node group `{name}`"),
        Backoff::EKS_NODEGROUP,
        &["CREATE_FAILED", "DEGRADED"],
        || nodegroup_status(&client, cluster, name),
        &|status| {
            on_wait(&format!(
                "node group `{name}` is {status} (usually about 5 min)"
            ))
        },
    )
    .await
}

/// A taint as (key, value, Kubernetes effect).
pub type Taint3 = (String, String, String);

/// Changes a node group's scaling, labels and taints in place.
#[allow(clippy::too_many_arguments)]
pub async fn update_nodegroup(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    scaling_config: Option<(u32, u32, u32)>,
    labels: Option<(BTreeMap<String, String>, Vec<String>)>,
    taints: Option<(Vec<Taint3>, Vec<Taint3>)>,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let mut request = client
        .update_nodegroup_config()
        .cluster_name(cluster)
        .nodegroup_name(name);
    if let Some((min, max, desired)) = scaling_config {
        request = request.scaling_config(scaling(min, max, desired));
    }
    if let Some((add, remove)) = labels {
        request = request.labels(
            UpdateLabelsPayload::builder()
                .set_add_or_update_labels((!add.is_empty()).then(|| add.into_iter().collect()))
                .set_remove_labels((!remove.is_empty()).then_some(remove))
                .build(),
        );
    }
    if let Some((add, remove)) = taints {
        let convert = |list: Vec<(String, String, String)>| -> Option<Vec<Taint>> {
            (!list.is_empty()).then(|| {
                list.iter()
                    .map(|(key, value, effect)| taint(key, value, effect))
                    .collect()
            })
        };
        request = request.taints(
            UpdateTaintsPayload::builder()
                .set_add_or_update_taints(convert(add))
                .set_remove_taints(convert(remove))
                .build(),
        );
    }
    request
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not update the node group `{name}`")))?;
    Ok(())
}

/// Moves a node group's nodes to the control plane's Kubernetes version (a rolling
/// replacement of the nodes, honouring pod disruption budgets).
pub async fn update_nodegroup_version(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    version: &str,
) -> anyhow::Result<()> {
    Client::new(config)
        .update_nodegroup_version()
        .cluster_name(cluster)
        .nodegroup_name(name)
        .version(version)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not upgrade the node group `{name}` to {version}"),
            )
        })?;
    Ok(())
}

/// Deletes a node group (EKS cordons and drains its nodes, honouring pod disruption
/// budgets) and waits until it is gone.
pub async fn delete_nodegroup(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let result = client
        .delete_nodegroup()
        .cluster_name(cluster)
        .nodegroup_name(name)
        .send()
        .await;
    super::error::deleted(
        result,
        &["ResourceNotFoundException"],
        &format!("could not delete the node group `{name}`"),
    )?;
    wait_gone(
        &format!("the node group `{name}`"),
        Backoff::EKS_NODEGROUP,
        || nodegroup_status(&client, cluster, name),
        &|| {
            on_wait(&format!(
                "node group `{name}` is draining and being deleted"
            ))
        },
    )
    .await
}

/// The add-on version EKS recommends for a Kubernetes version (its default), else the
/// newest compatible one.
pub async fn default_addon_version(
    config: &SdkConfig,
    addon: &str,
    kubernetes_version: &str,
) -> anyhow::Result<String> {
    let client = Client::new(config);
    let output = client
        .describe_addon_versions()
        .addon_name(addon)
        .kubernetes_version(kubernetes_version)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not look up the versions of the add-on `{addon}`"),
            )
        })?;
    let versions: Vec<&aws_sdk_eks::types::AddonVersionInfo> = output
        .addons()
        .iter()
        .filter(|info| info.addon_name() == Some(addon))
        .flat_map(|info| info.addon_versions())
        .collect();
    let compatible = |info: &&&aws_sdk_eks::types::AddonVersionInfo| {
        info.compatibilities()
            .iter()
            .any(|compatibility| compatibility.cluster_version() == Some(kubernetes_version))
    };
    let default = versions.iter().filter(compatible).find(|info| {
        info.compatibilities().iter().any(|compatibility| {
            compatibility.cluster_version() == Some(kubernetes_version)
                && compatibility.default_version()
        })
    });
    default
        .or_else(|| versions.iter().find(compatible))
        .and_then(|info| info.addon_version())
        .map(str::to_owned)
        .with_context(|| {
            format!(
                "EKS offers no version of the add-on `{addon}` for Kubernetes {kubernetes_version}"
            )
        })
}

/// Installs an add-on, or moves it to another version or role.
pub async fn put_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
    version: &str,
    role_arn: Option<&str>,
    exists: bool,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = Client::new(config);
    if exists {
        client
            .update_addon()
            .cluster_name(cluster)
            .addon_name(addon)
            .addon_version(version)
            .set_service_account_role_arn(role_arn.map(str::to_owned))
            .resolve_conflicts(ResolveConflicts::Overwrite)
            .send()
            .await
            .map(|_| ())
            .map_err(|error| describe(error, &format!("could not update the add-on `{addon}`")))
    } else {
        client
            .create_addon()
            .cluster_name(cluster)
            .addon_name(addon)
            .addon_version(version)
            .set_service_account_role_arn(role_arn.map(str::to_owned))
            .resolve_conflicts(ResolveConflicts::Overwrite)
            .set_tags(Some(tag_map(tags)))
            .send()
            .await
            .map(|_| ())
            .or_else(|error| {
                if error.as_service_error().is_some_and(in_use) {
                    Ok(())
                } else {
                    Err(describe(
                        error,
                        &format!("could not install the add-on `{addon}`"),
                    ))
                }
            })
    }
}

/// Waits until an add-on is ACTIVE.
pub async fn wait_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    wait_active(
        &format!("the add-on `{addon}`"),
        Backoff::EKS_ADDON,
        &["CREATE_FAILED", "UPDATE_FAILED", "DEGRADED"],
        || addon_status(&client, cluster, addon),
        &|status| on_wait(&format!("add-on `{addon}` is {status}")),
    )
    .await
}

pub async fn delete_addon(config: &SdkConfig, cluster: &str, addon: &str) -> anyhow::Result<()> {
    let client = Client::new(config);
    let result = client
        .delete_addon()
        .cluster_name(cluster)
        .addon_name(addon)
        .send()
        .await;
    super::error::deleted(
        result,
        &["ResourceNotFoundException"],
        &format!("could not delete the add-on `{addon}`"),
    )
}

/// Gives `principal` the access policy `policy` on the whole cluster.
pub async fn put_access_entry(
    config: &SdkConfig,
    cluster: &str,
    principal: &str,
    policy: &str,
    exists: bool,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = Client::new(config);
    if !exists {
        match client
            .create_access_entry()
            .cluster_name(cluster)
            .principal_arn(principal)
            .set_tags(Some(tag_map(tags)))
            .send()
            .await
        {
            Ok(_) => {}
            Err(error) if error.as_service_error().is_some_and(in_use) => {}
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not give `{principal}` access to `{cluster}`"),
                ));
            }
        }
    }
    client
        .associate_access_policy()
        .cluster_name(cluster)
        .principal_arn(principal)
        .policy_arn(policy)
        .access_scope(
            AccessScope::builder()
                .r#type(AccessScopeType::Cluster)
                .build(),
        )
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not associate `{policy}` with `{principal}`"),
            )
        })?;
    Ok(())
}

pub async fn delete_access_entry(
    config: &SdkConfig,
    cluster: &str,
    principal: &str,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let result = client
        .delete_access_entry()
        .cluster_name(cluster)
        .principal_arn(principal)
        .send()
        .await;
    super::error::deleted(
        result,
        &["ResourceNotFoundException"],
        &format!("could not remove the access of `{principal}`"),
    )
}
