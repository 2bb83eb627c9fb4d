//! EKS: clusters, managed node groups, add-ons and access entries, found by name.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_eks::Client;
use aws_sdk_eks::types::{
    AccessScope, AccessScopeType, AuthenticationMode, CapacityTypes, CreateAccessConfigRequest,
    LogSetup, LogType, Logging, NodegroupScalingConfig, ResolveConflicts, Taint, TaintEffect,
    UpdateLabelsPayload, UpdateStatus, UpdateTaintsPayload, VpcConfigRequest,
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
}

fn not_found<E: aws_sdk_eks::error::ProvideErrorMetadata>(error: &E) -> bool {
    error.code() == Some("ResourceNotFoundException")
}

/// Refused because the resource exists (a create) or is busy with another update.
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
    /// The cluster security group EKS made, which its managed nodes carry.
    pub security_group: Option<String>,
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
    let security_group = described
        .resources_vpc_config
        .as_ref()
        .and_then(|vpc| vpc.cluster_security_group_id.clone())
        .filter(|group| !group.is_empty());
    Ok(Some(ClusterEndpoint {
        security_group,
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

/// Whether a resource's tags say it is the one `wanted` describes: the same
/// `sleak:workspace` and `sleak:id`. A create that EKS refuses because the resource
/// exists (its first try took effect but its answer was lost, and the retry's token was
/// not honoured) counts as done only then.
pub fn ours(found: Option<&HashMap<String, String>>, wanted: &[(String, String)]) -> bool {
    found.is_some_and(|found| {
        super::tags::carries(
            found
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
            wanted,
        )
    })
}

/// The error for a create EKS refused because `what` exists and is not this workspace's.
fn not_ours(what: &str, found: Option<&HashMap<String, String>>) -> anyhow::Error {
    let tags = found
        .map(|tags| {
            let mut shown: Vec<String> = tags
                .iter()
                .filter(|(key, _)| key.starts_with("sleak:"))
                .map(|(key, value)| format!("{key}={value}"))
                .collect();
            shown.sort();
            shown
        })
        .unwrap_or_default();
    anyhow::anyhow!(
        "{what} already exists and is not this workspace's ({}): remove it or rename it in sleak.toml",
        if tags.is_empty() {
            "it has no sleak tags".to_owned()
        } else {
            format!("its tags say {}", tags.join(", "))
        }
    )
}

/// Creates the control plane; returns its name. The request token makes a retried
/// create answer as the first one did; should EKS refuse it as existing anyway, the
/// cluster it has must carry this workspace's tags.
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
        Err(error) if error.as_service_error().is_some_and(in_use) => {
            let found = describe_cluster(config, request.name).await?;
            let tags = found.as_ref().and_then(|cluster| cluster.tags());
            if ours(tags, request.tags) {
                Ok(request.name.to_owned())
            } else {
                Err(not_ours(
                    &format!("the EKS cluster `{}`", request.name),
                    tags,
                ))
            }
        }
        Err(error) => Err(describe(
            error,
            &format!("could not create the EKS cluster `{}`", request.name),
        )),
    }
}

/// The EKS cluster `name` as DescribeCluster gives it now; `None` when there is none.
pub async fn describe_cluster(
    config: &SdkConfig,
    name: &str,
) -> anyhow::Result<Option<aws_sdk_eks::types::Cluster>> {
    match Client::new(config)
        .describe_cluster()
        .name(name)
        .send()
        .await
    {
        Ok(output) => Ok(output.cluster),
        Err(error) if error.as_service_error().is_some_and(not_found) => Ok(None),
        Err(error) => Err(describe(
            error,
            &format!("could not read the EKS cluster `{name}`"),
        )),
    }
}

/// The node group `name` of `cluster` as EKS gives it now; `None` when there is none.
pub async fn describe_nodegroup(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
) -> anyhow::Result<Option<aws_sdk_eks::types::Nodegroup>> {
    match Client::new(config)
        .describe_nodegroup()
        .cluster_name(cluster)
        .nodegroup_name(name)
        .send()
        .await
    {
        Ok(output) => Ok(output.nodegroup),
        Err(error) if error.as_service_error().is_some_and(not_found) => Ok(None),
        Err(error) => Err(describe(
            error,
            &format!("could not read the node group `{name}` of `{cluster}`"),
        )),
    }
}

/// The add-on `addon` of `cluster` as EKS gives it now; `None` when there is none.
pub async fn describe_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
) -> anyhow::Result<Option<aws_sdk_eks::types::Addon>> {
    match Client::new(config)
        .describe_addon()
        .cluster_name(cluster)
        .addon_name(addon)
        .send()
        .await
    {
        Ok(output) => Ok(output.addon),
        Err(error) if error.as_service_error().is_some_and(not_found) => Ok(None),
        Err(error) => Err(describe(
            error,
            &format!("could not read the add-on `{addon}` of `{cluster}`"),
        )),
    }
}

// ---- updates ----------------------------------------------------------------------

/// The resource an EKS update is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOf<'a> {
    /// The control plane.
    Cluster,
    Nodegroup(&'a str),
    Addon(&'a str),
}

impl UpdateOf<'_> {
    /// "the EKS cluster `dev`", "the node group `general-…` of `dev`", for messages.
    pub fn describe(&self, cluster: &str) -> String {
        match self {
            UpdateOf::Cluster => format!("the EKS cluster `{cluster}`"),
            UpdateOf::Nodegroup(name) => format!("the node group `{name}` of `{cluster}`"),
            UpdateOf::Addon(name) => format!("the add-on `{name}` of `{cluster}`"),
        }
    }

    /// How long an update of it may take: a control plane 40 minutes, a rolling
    /// replacement of nodes an hour, an add-on 20 minutes.
    fn backoff(&self) -> Backoff {
        match self {
            UpdateOf::Cluster => Backoff::EKS_CLUSTER,
            UpdateOf::Nodegroup(_) => Backoff::EKS_NODEGROUP_UPDATE,
            UpdateOf::Addon(_) => Backoff::EKS_ADDON,
        }
    }

    fn nodegroup(&self) -> Option<String> {
        match self {
            UpdateOf::Nodegroup(name) => Some((*name).to_owned()),
            _ => None,
        }
    }

    fn addon(&self) -> Option<String> {
        match self {
            UpdateOf::Addon(name) => Some((*name).to_owned()),
            _ => None,
        }
    }
}

/// What became of an update sleak asked EKS for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Updated {
    /// EKS made it: the update ended Successful.
    Done,
    /// EKS refused it because another update of the resource (or of its cluster) was
    /// in progress — one a killed run left, or someone else's. That update was followed
    /// to its end: compare again before asking anew.
    Busy,
}

/// EKS's reasons for a failed update: `code: message (resources)`, joined.
fn update_errors(errors: &[aws_sdk_eks::types::ErrorDetail]) -> String {
    let reasons: Vec<String> = errors
        .iter()
        .map(|error| {
            let code = error
                .error_code()
                .map(|code| code.as_str().to_owned())
                .unwrap_or_else(|| "Unknown".to_owned());
            let message = error.error_message().unwrap_or("no message");
            let resources = error.resource_ids();
            if resources.is_empty() {
                format!("{code}: {message}")
            } else {
                format!("{code}: {message} ({})", resources.join(", "))
            }
        })
        .collect();
    if reasons.is_empty() {
        "EKS gave no reason".to_owned()
    } else {
        reasons.join("; ")
    }
}

async fn describe_update(
    client: &Client,
    cluster: &str,
    of: UpdateOf<'_>,
    id: &str,
) -> anyhow::Result<aws_sdk_eks::types::Update> {
    client
        .describe_update()
        .name(cluster)
        .update_id(id)
        .set_nodegroup_name(of.nodegroup())
        .set_addon_name(of.addon())
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!(
                    "could not read the update `{id}` of {}",
                    of.describe(cluster)
                ),
            )
        })?
        .update
        .context("EKS answered DescribeUpdate without the update")
}

/// Follows the update `id` of `of` with DescribeUpdate until it is no longer in
/// progress; returns it as it ended.
async fn follow_update(
    client: &Client,
    cluster: &str,
    of: UpdateOf<'_>,
    id: &str,
    what: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<aws_sdk_eks::types::Update> {
    let backoff = of.backoff();
    let started = std::time::Instant::now();
    wait::until_else(
        backoff,
        on_wait,
        || async {
            let update = describe_update(client, cluster, of, id).await?;
            Ok(match update.status() {
                Some(UpdateStatus::InProgress) | None => Poll::Pending(format!(
                    "{what} is in progress ({} so far)",
                    crate::output::progress::format_duration(started.elapsed())
                )),
                Some(_) => Poll::Ready(update),
            })
        },
        |_| {
            anyhow::anyhow!(
                "{what} was still in progress after {} minutes",
                backoff.minutes()
            )
        },
    )
    .await
}

/// Follows the update `id` that sleak asked for until it ends; a Failed or Cancelled
/// update is an error naming `what` and EKS's reasons.
pub async fn wait_update(
    config: &SdkConfig,
    cluster: &str,
    of: UpdateOf<'_>,
    id: &str,
    what: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let update = follow_update(&client, cluster, of, id, what, on_wait).await?;
    match update.status() {
        Some(UpdateStatus::Successful) => Ok(()),
        Some(UpdateStatus::Cancelled) => {
            anyhow::bail!("{what} was cancelled: {}", update_errors(update.errors()))
        }
        status => anyhow::bail!(
            "{what} {}: {}",
            match status {
                Some(UpdateStatus::Failed) => "failed".to_owned(),
                other => format!(
                    "ended {}",
                    other
                        .map(|status| status.as_str().to_owned())
                        .unwrap_or_default()
                ),
            },
            update_errors(update.errors())
        ),
    }
}

/// The ids of the updates of `of` (ListUpdates).
async fn list_updates(
    client: &Client,
    cluster: &str,
    of: UpdateOf<'_>,
) -> anyhow::Result<Vec<String>> {
    client
        .list_updates()
        .name(cluster)
        .set_nodegroup_name(of.nodegroup())
        .set_addon_name(of.addon())
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<String>, _>>()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not list the updates of {}", of.describe(cluster)),
            )
        })
}

/// Waits for the updates in progress of `of` and, for a node group or add-on, of its
/// cluster (ListUpdates, then DescribeUpdate until each has ended). Their outcome is
/// reported, not an error: they are not sleak's to judge; the caller compares again.
pub async fn wait_for_updates_in_progress(
    config: &SdkConfig,
    cluster: &str,
    of: UpdateOf<'_>,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let mut scopes = vec![UpdateOf::Cluster];
    if of != UpdateOf::Cluster {
        scopes.push(of);
    }
    for scope in scopes {
        for id in list_updates(&client, cluster, scope).await? {
            let update = describe_update(&client, cluster, scope, &id).await?;
            if update.status() != Some(&UpdateStatus::InProgress) {
                continue;
            }
            let kind = update
                .r#type()
                .map(|kind| kind.as_str().to_owned())
                .unwrap_or_else(|| "update".to_owned());
            let what = format!(
                "the {kind} `{id}` of {} (not this run's)",
                scope.describe(cluster)
            );
            on_wait(&format!("waiting for {what} to end"));
            let ended = follow_update(&client, cluster, scope, &id, &what, on_wait).await?;
            if ended.status() != Some(&UpdateStatus::Successful) {
                on_wait(&format!(
                    "{what} ended {}: {}",
                    ended
                        .status()
                        .map(|status| status.as_str().to_owned())
                        .unwrap_or_default(),
                    update_errors(ended.errors())
                ));
            }
        }
    }
    Ok(())
}

/// Follows what EKS answered an update request: the update to its end, or, when EKS
/// refused it because another update was in progress, that update to its end
/// ([`Updated::Busy`]: the caller compares again).
async fn follow_request<E>(
    config: &SdkConfig,
    cluster: &str,
    of: UpdateOf<'_>,
    what: &str,
    result: Result<
        Option<aws_sdk_eks::types::Update>,
        aws_sdk_eks::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
    >,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated>
where
    E: aws_sdk_eks::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match result {
        Ok(update) => {
            let id = update
                .and_then(|update| update.id)
                .with_context(|| format!("EKS started {what} without an update id"))?;
            wait_update(config, cluster, of, &id, what, on_wait).await?;
            Ok(Updated::Done)
        }
        Err(error) if error.as_service_error().is_some_and(in_use) => {
            on_wait(&format!(
                "EKS refused {what}: another update is in progress; waiting for it"
            ));
            wait_for_updates_in_progress(config, cluster, of, on_wait).await?;
            Ok(Updated::Busy)
        }
        Err(error) => Err(describe(error, &format!("could not start {what}"))),
    }
}

/// Sets the endpoint access of an existing cluster and waits for the update.
pub async fn update_cluster_endpoint(
    config: &SdkConfig,
    name: &str,
    (public, private, cidrs): (bool, bool, &[String]),
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
    let result = Client::new(config)
        .update_cluster_config()
        .name(name)
        .resources_vpc_config(endpoint_access(public, private, cidrs))
        .send()
        .await
        .map(|output| output.update);
    let what = format!("the endpoint access update of the EKS cluster `{name}`");
    follow_request(config, name, UpdateOf::Cluster, &what, result, on_wait).await
}

/// Sets the control-plane logging of an existing cluster and waits for the update.
pub async fn update_cluster_logging(
    config: &SdkConfig,
    name: &str,
    logs: &[String],
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
    let result = Client::new(config)
        .update_cluster_config()
        .name(name)
        .logging(logging(logs))
        .send()
        .await
        .map(|output| output.update);
    let what = format!("the logging update of the EKS cluster `{name}`");
    follow_request(config, name, UpdateOf::Cluster, &what, result, on_wait).await
}

/// Upgrades the control plane to `version` (one minor version at a time, as EKS
/// requires) and waits until the upgrade is Successful.
pub async fn update_cluster_version(
    config: &SdkConfig,
    name: &str,
    version: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
    let result = Client::new(config)
        .update_cluster_version()
        .name(name)
        .version(version)
        .send()
        .await
        .map(|output| output.update);
    let what = format!("the upgrade of the EKS cluster `{name}` to {version}");
    follow_request(config, name, UpdateOf::Cluster, &what, result, on_wait).await
}

/// What one describe says of something EKS makes: its status and health issues
/// (`code: message`), `None` once it is gone.
type Status = anyhow::Result<Option<(String, Vec<String>)>>;

/// What a describe answered: the resource's status and health issues, if it has them.
type Described<T, E> = Result<
    Option<(Option<T>, Vec<String>)>,
    aws_sdk_eks::error::SdkError<E, aws_smithy_runtime_api::http::Response>,
>;

fn status_of<T: AsRef<str>, E>(result: Described<T, E>, what: &str) -> Status
where
    E: aws_sdk_eks::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match result {
        Ok(found) => {
            let (status, issues) = found.unwrap_or((None, Vec::new()));
            Ok(Some((
                status
                    .map(|status| status.as_ref().to_owned())
                    .unwrap_or_default(),
                issues,
            )))
        }
        Err(error) if error.as_service_error().is_some_and(not_found) => Ok(None),
        Err(error) => Err(describe(error, &format!("could not read {what}"))),
    }
}

/// `code: message (resources)` of each health issue.
fn issue(code: Option<&str>, message: Option<&str>, resources: &[String]) -> String {
    let code = code.unwrap_or("Unknown");
    let message = message.unwrap_or("no message");
    if resources.is_empty() {
        format!("{code}: {message}")
    } else {
        format!("{code}: {message} ({})", resources.join(", "))
    }
}

async fn cluster_status(client: &Client, name: &str) -> Status {
    let result = client.describe_cluster().name(name).send().await;
    status_of(
        result.map(|output| {
            output.cluster.map(|cluster| {
                let issues = cluster
                    .health()
                    .map(|health| health.issues())
                    .unwrap_or_default()
                    .iter()
                    .map(|found| {
                        issue(
                            found.code().map(|code| code.as_str()),
                            found.message(),
                            found.resource_ids(),
                        )
                    })
                    .collect();
                (cluster.status, issues)
            })
        }),
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
        result.map(|output| {
            output.nodegroup.map(|nodegroup| {
                let issues = nodegroup
                    .health()
                    .map(|health| health.issues())
                    .unwrap_or_default()
                    .iter()
                    .map(|found| {
                        issue(
                            found.code().map(|code| code.as_str()),
                            found.message(),
                            found.resource_ids(),
                        )
                    })
                    .collect();
                (nodegroup.status, issues)
            })
        }),
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
        result.map(|output| {
            output.addon.map(|addon| {
                let issues = addon_issues(&addon);
                (addon.status, issues)
            })
        }),
        &format!("the add-on `{addon}`"),
    )
}

/// An add-on's health issues, as `code: message (resources)`.
pub fn addon_issues(addon: &aws_sdk_eks::types::Addon) -> Vec<String> {
    addon
        .health()
        .map(|health| health.issues())
        .unwrap_or_default()
        .iter()
        .map(|found| {
            issue(
                found.code().map(|code| code.as_str()),
                found.message(),
                found.resource_ids(),
            )
        })
        .collect()
}

/// Follows `what` until `status` says ACTIVE, failing on any of `failed` with its
/// health issues; `waiting` says what to show while it is some other status.
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
                match now.await? {
                    Some((status, _)) if status == "ACTIVE" => Ok(Poll::Ready(())),
                    Some((bad, issues)) if failed.contains(&bad.as_str()) => {
                        if issues.is_empty() {
                            anyhow::bail!("{what} is {bad}; EKS reports no health issue")
                        }
                        anyhow::bail!("{what} is {bad}: {}", issues.join("; "))
                    }
                    Some((other, _)) => Ok(Poll::Pending(other)),
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
                    Some((status, _)) => Poll::Pending(status),
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

/// Creates a managed node group; returns its name. As for clusters, a retried create
/// answered "in use" counts as done only when the group carries this workspace's tags.
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
        Err(error) if error.as_service_error().is_some_and(in_use) => {
            let found = describe_nodegroup(config, request.cluster, request.name).await?;
            let tags = found.as_ref().and_then(|nodegroup| nodegroup.tags());
            if ours(tags, request.tags) {
                Ok(request.name.to_owned())
            } else {
                Err(not_ours(
                    &format!("the node group `{}` of `{}`", request.name, request.cluster),
                    tags,
                ))
            }
        }
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
        &format!("the node group `{name}` of `{cluster}`"),
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

/// Changes a node group's scaling, labels and taints in place, and waits for the update.
#[allow(clippy::too_many_arguments)]
pub async fn update_nodegroup(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    scaling_config: Option<(u32, u32, u32)>,
    labels: Option<(BTreeMap<String, String>, Vec<String>)>,
    taints: Option<(Vec<Taint3>, Vec<Taint3>)>,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
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
    let result = request.send().await.map(|output| output.update);
    let what = format!("the update of the node group `{name}` of `{cluster}`");
    follow_request(
        config,
        cluster,
        UpdateOf::Nodegroup(name),
        &what,
        result,
        on_wait,
    )
    .await
}

/// Moves a node group's nodes to the control plane's Kubernetes version (a rolling
/// replacement of the nodes, honouring pod disruption budgets) and waits for it.
pub async fn update_nodegroup_version(
    config: &SdkConfig,
    cluster: &str,
    name: &str,
    version: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
    let result = Client::new(config)
        .update_nodegroup_version()
        .cluster_name(cluster)
        .nodegroup_name(name)
        .version(version)
        .send()
        .await
        .map(|output| output.update);
    let what = format!("the upgrade of the node group `{name}` of `{cluster}` to {version}");
    follow_request(
        config,
        cluster,
        UpdateOf::Nodegroup(name),
        &what,
        result,
        on_wait,
    )
    .await
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

/// The versions EKS offers of an add-on for one Kubernetes version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddonVersions {
    /// The one EKS recommends (its default), else the newest compatible one.
    pub default: String,
    /// Every version compatible with the Kubernetes version.
    pub compatible: Vec<String>,
}

/// The versions of `addon` EKS offers for `kubernetes_version` (DescribeAddonVersions).
pub async fn addon_versions(
    config: &SdkConfig,
    addon: &str,
    kubernetes_version: &str,
) -> anyhow::Result<AddonVersions> {
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
    let compatible: Vec<&aws_sdk_eks::types::AddonVersionInfo> = output
        .addons()
        .iter()
        .filter(|info| info.addon_name() == Some(addon))
        .flat_map(|info| info.addon_versions())
        .filter(|info| {
            info.compatibilities()
                .iter()
                .any(|compatibility| compatibility.cluster_version() == Some(kubernetes_version))
        })
        .collect();
    let default = compatible.iter().find(|info| {
        info.compatibilities().iter().any(|compatibility| {
            compatibility.cluster_version() == Some(kubernetes_version)
                && compatibility.default_version()
        })
    });
    let default = default
        .or_else(|| compatible.first())
        .and_then(|info| info.addon_version())
        .map(str::to_owned)
        .with_context(|| {
            format!(
                "EKS offers no version of the add-on `{addon}` for Kubernetes {kubernetes_version}"
            )
        })?;
    Ok(AddonVersions {
        default,
        compatible: compatible
            .iter()
            .filter_map(|info| info.addon_version())
            .map(str::to_owned)
            .collect(),
    })
}

/// What a new add-on is made of.
pub struct AddonRequest<'a> {
    pub cluster: &'a str,
    pub addon: &'a str,
    pub version: &'a str,
    pub role_arn: Option<&'a str>,
    pub token: &'a str,
    pub tags: &'a [(String, String)],
}

/// Installs an add-on. A retried create answered "in use" counts as done only when the
/// add-on carries this workspace's tags.
pub async fn create_addon(config: &SdkConfig, request: AddonRequest<'_>) -> anyhow::Result<()> {
    let (cluster, addon) = (request.cluster, request.addon);
    let result = Client::new(config)
        .create_addon()
        .cluster_name(cluster)
        .addon_name(addon)
        .addon_version(request.version)
        .set_service_account_role_arn(request.role_arn.map(str::to_owned))
        .resolve_conflicts(ResolveConflicts::Overwrite)
        .client_request_token(request.token)
        .set_tags(Some(tag_map(request.tags)))
        .send()
        .await;
    match result {
        Ok(_) => Ok(()),
        Err(error) if error.as_service_error().is_some_and(in_use) => {
            let found = describe_addon(config, cluster, addon).await?;
            let tags = found.as_ref().and_then(|found| found.tags());
            if ours(tags, request.tags) {
                Ok(())
            } else {
                Err(not_ours(
                    &format!("the add-on `{addon}` of `{cluster}`"),
                    tags,
                ))
            }
        }
        Err(error) => Err(describe(
            error,
            &format!("could not install the add-on `{addon}`"),
        )),
    }
}

/// Moves an add-on to another version or role, and waits for the update.
pub async fn update_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
    version: &str,
    role_arn: Option<&str>,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<Updated> {
    let result = Client::new(config)
        .update_addon()
        .cluster_name(cluster)
        .addon_name(addon)
        .addon_version(version)
        .set_service_account_role_arn(role_arn.map(str::to_owned))
        .resolve_conflicts(ResolveConflicts::Overwrite)
        .send()
        .await
        .map(|output| output.update);
    let what = format!("the update of the add-on `{addon}` of `{cluster}` to {version}");
    follow_request(
        config,
        cluster,
        UpdateOf::Addon(addon),
        &what,
        result,
        on_wait,
    )
    .await
}

/// Sets tags on an EKS resource (an add-on) by its ARN.
pub async fn tag(config: &SdkConfig, arn: &str, tags: &[(String, String)]) -> anyhow::Result<()> {
    Client::new(config)
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tag_map(tags)))
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not tag `{arn}`")))?;
    Ok(())
}

/// Waits until an add-on is ACTIVE; CREATE_FAILED, UPDATE_FAILED or DEGRADED is an
/// error with EKS's health issues.
pub async fn wait_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = Client::new(config);
    wait_active(
        &format!("the add-on `{addon}` of `{cluster}`"),
        Backoff::EKS_ADDON,
        &["CREATE_FAILED", "UPDATE_FAILED", "DEGRADED"],
        || addon_status(&client, cluster, addon),
        &|status| on_wait(&format!("add-on `{addon}` is {status}")),
    )
    .await
}

/// Deletes an add-on and waits until it is gone.
pub async fn delete_addon(
    config: &SdkConfig,
    cluster: &str,
    addon: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
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
    )?;
    wait_gone(
        &format!("the add-on `{addon}` of `{cluster}`"),
        Backoff::EKS_ADDON,
        || addon_status(&client, cluster, addon),
        &|| on_wait(&format!("add-on `{addon}` is being deleted")),
    )
    .await
}

/// Gives `principal` the access policy `policy` on the whole cluster. A retried create
/// of the access entry answered "in use" counts as done only when the entry carries this
/// workspace's tags.
pub async fn put_access_entry(
    config: &SdkConfig,
    cluster: &str,
    principal: &str,
    policy: &str,
    exists: bool,
    token: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = Client::new(config);
    if !exists {
        match client
            .create_access_entry()
            .cluster_name(cluster)
            .principal_arn(principal)
            .client_request_token(token)
            .set_tags(Some(tag_map(tags)))
            .send()
            .await
        {
            Ok(_) => {}
            Err(error) if error.as_service_error().is_some_and(in_use) => {
                let found = client
                    .describe_access_entry()
                    .cluster_name(cluster)
                    .principal_arn(principal)
                    .send()
                    .await
                    .map_err(|error| {
                        describe(
                            error,
                            &format!("could not read the access entry of `{principal}`"),
                        )
                    })?
                    .access_entry;
                let found_tags = found.as_ref().and_then(|entry| entry.tags());
                if !ours(found_tags, tags) {
                    return Err(not_ours(
                        &format!("the access entry of `{principal}` in `{cluster}`"),
                        found_tags,
                    ));
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn a_resource_is_ours_by_workspace_and_id() {
        let wanted = crate::providers::aws::tags::resource_tags("acme", "cluster/dev/eks-cluster");
        let same = tags(&[
            ("sleak:workspace", "acme"),
            ("sleak:id", "cluster/dev/eks-cluster"),
        ]);
        assert!(ours(Some(&same), &wanted));
        let other_id = tags(&[
            ("sleak:workspace", "acme"),
            ("sleak:id", "cluster/qa/eks-cluster"),
        ]);
        assert!(!ours(Some(&other_id), &wanted));
        let other_workspace = tags(&[
            ("sleak:workspace", "other"),
            ("sleak:id", "cluster/dev/eks-cluster"),
        ]);
        assert!(!ours(Some(&other_workspace), &wanted));
        assert!(!ours(Some(&tags(&[])), &wanted));
        assert!(!ours(None, &wanted));
        let message = not_ours("the EKS cluster `dev`", Some(&other_workspace)).to_string();
        assert!(message.contains("sleak:workspace=other"), "{message}");
        assert!(not_ours("x", None).to_string().contains("no sleak tags"));
    }

    #[test]
    fn update_errors_name_code_message_and_resources() {
        use aws_sdk_eks::types::{ErrorCode, ErrorDetail};
        let errors = [
            ErrorDetail::builder()
                .error_code(ErrorCode::NodeCreationFailure)
                .error_message("Instances failed to join the kubernetes cluster")
                .resource_ids("i-1")
                .build(),
            ErrorDetail::builder()
                .error_message("something else")
                .build(),
        ];
        assert_eq!(
            update_errors(&errors),
            "NodeCreationFailure: Instances failed to join the kubernetes cluster (i-1); Unknown: something else"
        );
        assert_eq!(update_errors(&[]), "EKS gave no reason");
    }
}
