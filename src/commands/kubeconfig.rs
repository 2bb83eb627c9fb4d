//! `sleak kubeconfig` and `sleak eks-token`: kubectl reaching a workspace's EKS cluster
//! with sleak (not the aws CLI) as its credential plugin.

use anyhow::Context as _;
use serde_json::json;

use super::{Context, block_on};
use crate::cli::KubeconfigArgs;
use crate::error::UsageError;
use crate::providers::aws::access::{AccountAccess, account_access_role};
use crate::providers::aws::eks::{self, ClusterEndpoint};
use crate::providers::aws::organizations;
use crate::providers::kubeconfig::{self, ExecContext, Merged};
use crate::workspace::Workspace;
use crate::workspace::model::ClusterSource;

/// `sleak kubeconfig <cluster>`.
pub fn kubeconfig(context: &Context, args: KubeconfigArgs) -> anyhow::Result<()> {
    let KubeconfigArgs {
        cluster: name,
        kubeconfig: path,
        alias,
        no_switch,
    } = args;
    let workspace = context.load_workspace()?;
    let cluster = workspace.cluster(&name).ok_or_else(|| {
        UsageError::new(format!("the workspace has no cluster `{name}`"))
            .with_hint("list the workspace's clusters with `sleak cluster list`")
    })?;
    let account = match &cluster.source {
        ClusterSource::Eks { account } => account.clone(),
        ClusterSource::Context { context: existing } => {
            return Err(UsageError::new(format!(
                "the cluster `{name}` is already the kubeconfig context `{existing}`"
            ))
            .with_hint(format!(
                "use that context as it is, e.g. `kubectl --context {existing} get namespaces`"
            ))
            .into());
        }
    };
    let path = match path {
        Some(path) => path,
        None => kubeconfig::default_path()?,
    };
    let command = std::env::current_exe()
        .context("could not find the path of the running sleak")?
        .to_string_lossy()
        .into_owned();
    let located = block_on(locate(context, &workspace, &name, &account))??;

    let mut args = vec![
        "eks-token".to_owned(),
        "--cluster-name".to_owned(),
        name.clone(),
        "--region".to_owned(),
        located.region.clone(),
    ];
    if let Some(role) = &located.role_arn {
        args.extend(["--role-arn".to_owned(), role.clone()]);
    }
    if let Some(profile) = &context.global.profile {
        args.extend(["--profile".to_owned(), profile.clone()]);
    }
    let entry = ExecContext {
        cluster_name: located.endpoint.arn.clone(),
        context_name: alias.unwrap_or_else(|| located.endpoint.arn.clone()),
        server: located.endpoint.endpoint.clone(),
        certificate_authority_data: located.endpoint.certificate_authority_data.clone(),
        command,
        args,
    };
    let existing = kubeconfig::read(&path)?;
    let mut document =
        kubeconfig::parse(existing.as_deref().unwrap_or_default(), &path).map_err(|error| {
            anyhow::Error::new(
                UsageError::new(format!("{error:#}"))
                    .with_hint("fix the file, or write to another one with `--kubeconfig <path>`"),
            )
        })?;
    let merged = kubeconfig::merge(&mut document, &entry, !no_switch).map_err(|error| {
        anyhow::Error::new(
            UsageError::new(format!("`{}`: {error}", path.display()))
                .with_hint("fix the file, or write to another one with `--kubeconfig <path>`"),
        )
    })?;
    let text = kubeconfig::render(&document)?;
    if existing.as_deref() != Some(text.as_str()) {
        kubeconfig::write_atomically(&path, &text)?;
    }

    let shown = context.display_path(&path);
    let printer = &context.printer;
    match merged {
        Merged::Added => printer.success(
            "Added",
            &format!("context {} to {shown}", entry.context_name),
        ),
        Merged::Updated => printer.success(
            "Updated",
            &format!("context {} in {shown}", entry.context_name),
        ),
        Merged::Unchanged => printer.status(&format!(
            "Context {} in {shown} is up to date",
            entry.context_name
        )),
    }
    if printer.json() {
        printer.data_json(&json!({
            "context": entry.context_name,
            "kubeconfig": path.display().to_string(),
            "cluster_arn": entry.cluster_name,
            "server": entry.server,
        }));
    }
    Ok(())
}

/// Where a workspace cluster runs and how to reach it.
struct Located {
    region: String,
    endpoint: ClusterEndpoint,
    /// The role kubectl's token is signed as, when the cluster is in another account.
    role_arn: Option<String>,
}

/// Finds the cluster's account in the organization and the cluster in it.
async fn locate(
    context: &Context,
    workspace: &Workspace,
    name: &str,
    account_name: &str,
) -> anyhow::Result<Located> {
    let region = workspace.organization.region.clone();
    let (config, preflight) = context.organization_config(workspace).await?;
    let accounts = organizations::list_accounts(&config).await?;
    let account = accounts
        .into_iter()
        .find(|account| account.name == account_name && account.active)
        .ok_or_else(|| {
            UsageError::new(format!(
                "the organization has no account `{account_name}` for the cluster `{name}`"
            ))
            .with_hint("create the account with `sleak onboard`")
        })?;
    let caller_account = preflight.caller.account.clone();
    let access = AccountAccess::new(config, caller_account.clone());
    let account_config = access.config(&account.id).await;
    let endpoint = eks::describe_endpoint(&account_config, name)
        .await?
        .ok_or_else(|| {
            UsageError::new(format!(
                "there is no EKS cluster `{name}` in the account `{account_name}` ({}, {region})",
                account.id
            ))
            .with_hint(format!("create it with `sleak cluster create {name}`"))
        })?;
    if endpoint.endpoint.is_empty() || endpoint.certificate_authority_data.is_empty() {
        return Err(UsageError::new(format!(
            "the EKS cluster `{name}` has no endpoint yet (status {})",
            endpoint.status
        ))
        .with_hint(format!(
            "run this again once it is ACTIVE; `sleak cluster create {name}` waits for it"
        ))
        .into());
    }
    let role_arn = (account.id != caller_account).then(|| account_access_role(&account.id));
    Ok(Located {
        region,
        endpoint,
        role_arn,
    })
}
