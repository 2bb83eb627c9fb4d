//! What `sleak var` reads and writes outside sleak.toml: a group's secret in Secrets
//! Manager (in the ProjectEnv's account), and the dependency Secrets of the cluster.

use std::collections::BTreeMap;

use anyhow::Context as _;
use aws_config::SdkConfig;
use serde_json::json;

use super::Target;
use crate::commands::Context;
use crate::error::UsageError;
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::tags::{idempotency_token, resource_tags};
use crate::providers::aws::{organizations, secrets};
use crate::workspace::Workspace;
use crate::workspace::model::{ClusterSource, ProjectEnv};
use crate::workspace::variables::{secret_store_id, secret_store_name};

/// A client of the ProjectEnv's cluster: its kubeconfig context, or its EKS endpoint
/// reached with the credentials of its account.
pub(crate) async fn cluster_client(
    context: &Context,
    workspace: &Workspace,
    project_env: &ProjectEnv,
) -> anyhow::Result<kube::Client> {
    cluster_client_with(context, workspace, project_env, None).await
}

/// [`cluster_client`] with the access to AWS a command already has.
pub(crate) async fn cluster_client_with(
    context: &Context,
    workspace: &Workspace,
    project_env: &ProjectEnv,
    access: Option<&(AccountAccess, BTreeMap<String, String>)>,
) -> anyhow::Result<kube::Client> {
    use crate::providers::kubernetes::{self, Endpoint};
    let cluster = workspace
        .cluster(&project_env.cluster)
        .with_context(|| format!("no cluster `{}`", project_env.cluster))?;
    match &cluster.source {
        ClusterSource::Context {
            context: kube_context,
        } => {
            kubernetes::connect(&Endpoint::Context {
                context: kube_context.clone(),
            })
            .await
        }
        ClusterSource::Eks { account } => {
            let (access, accounts) = match access {
                Some(access) => access.clone(),
                None => aws_access(context, workspace).await?,
            };
            let account_id = accounts
                .get(account)
                .with_context(|| format!("the organization has no account `{account}`"))?;
            let mut env = crate::reconcile::Env::new(
                access,
                &workspace.organization.name,
                &workspace.organization.region,
            );
            env.clusters = workspace
                .clusters
                .iter()
                .map(|cluster| (cluster.name.clone(), cluster.source.clone()))
                .collect();
            Ok(env
                .connection(&cluster.name, Some(account_id))
                .await?
                .client)
        }
    }
}

/// The values of a dependency's Kubernetes Secret `dependency-<name>`.
pub(super) async fn read_dependency(
    client: &kube::Client,
    project_env: &ProjectEnv,
    name: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    use base64::Engine as _;
    let manifest = json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": { "name": format!("dependency-{name}"), "namespace": project_env.namespace },
    });
    let object = crate::providers::kubernetes::get(client, &manifest)
        .await?
        .context("it does not exist yet (`sleak apply` makes it)")?;
    let engine = base64::engine::general_purpose::STANDARD;
    Ok(object["data"]
        .as_object()
        .map(|data| {
            data.iter()
                .filter_map(|(key, value)| {
                    let bytes = engine.decode(value.as_str()?).ok()?;
                    Some((key.clone(), String::from_utf8(bytes).ok()?))
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The caller's access to the organization's accounts, and the active accounts' ids by
/// name.
pub(crate) async fn aws_access(
    context: &Context,
    workspace: &Workspace,
) -> anyhow::Result<(AccountAccess, BTreeMap<String, String>)> {
    let (config, preflight) = context.organization_config(workspace).await?;
    let accounts = organizations::list_accounts(&config)
        .await?
        .iter()
        .filter(|account| account.active)
        .map(|account| (account.name.clone(), account.id.clone()))
        .collect();
    Ok((
        AccountAccess::new(config, preflight.caller.account.clone()),
        accounts,
    ))
}

pub(super) fn store_name(workspace: &Workspace, target: &Target) -> String {
    secret_store_name(
        &workspace.organization.name,
        &target.project,
        &target.env,
        target.service.as_deref(),
    )
}

/// The Secrets Manager secret of one group, in the ProjectEnv's account.
pub(super) struct SecretStore {
    config: SdkConfig,
    name: String,
    tags: Vec<(String, String)>,
    token: String,
}

impl SecretStore {
    pub(super) async fn open(
        context: &Context,
        workspace: &Workspace,
        project_env: &ProjectEnv,
        target: &Target,
    ) -> anyhow::Result<Self> {
        let Some(account) = project_env.account.as_deref() else {
            return Err(UsageError::new(format!(
                "no account holds the secret variables of {}: its environment is on a cluster you bring",
                target.place()
            ))
            .with_hint(format!(
                "set `account` (e.g. `account = \"development\"`) under `[environments.{}]`",
                target.env
            ))
            .into());
        };
        let (access, accounts) = aws_access(context, workspace).await?;
        let account_id = accounts.get(account).ok_or_else(|| {
            UsageError::new(format!(
                "the organization has no account `{account}` yet, where the secret variables of {} live",
                target.place()
            ))
            .with_hint("create it with `sleak onboard`")
        })?;
        let config = access.config(account_id).await;
        let id = secret_store_id(&target.project, &target.env, target.service.as_deref());
        let organization = &workspace.organization.name;
        Ok(Self {
            config,
            name: store_name(workspace, target),
            tags: resource_tags(organization, &id),
            token: idempotency_token(organization, &id),
        })
    }

    pub(super) async fn read(&self) -> anyhow::Result<Option<BTreeMap<String, String>>> {
        secrets::get_map(&self.config, &self.name).await
    }

    pub(super) async fn write(&self, values: &BTreeMap<String, String>) -> anyhow::Result<()> {
        secrets::put_map(
            &self.config,
            &self.name,
            "Secret variables of a sleak variable group (sleak var set --secret)",
            values,
            &self.tags,
            &self.token,
        )
        .await
        .map(|_| ())
    }
}
