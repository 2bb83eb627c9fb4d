//! Where a project's images live: its ECR repository in the management account.

use std::collections::BTreeMap;

use crate::commands::Context;
use crate::error::UsageError;
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::{ecr, organizations};
use crate::workspace::Workspace;
use crate::workspace::model::MANAGEMENT_ACCOUNT;

/// The URI of the project's ECR repository (e.g.
/// `123456789012.dkr.ecr.eu-west-1.amazonaws.com/api`), read from ECR in the management
/// account, reached from the caller's credentials as `sleak var` reaches member accounts.
pub async fn repository_uri(
    context: &Context,
    workspace: &Workspace,
    project: &str,
) -> anyhow::Result<String> {
    let (config, preflight) = context.organization_config(workspace).await?;
    let accounts = organizations::list_accounts(&config)
        .await?
        .into_iter()
        .filter(|account| account.active)
        .map(|account| (account.name, account.id))
        .collect();
    let access = AccountAccess::new(config, preflight.caller.account.clone());
    repository_uri_with(&access, &accounts, workspace, project).await
}

/// [`repository_uri`] with the access to the organization's accounts (by name) a command
/// already has.
pub async fn repository_uri_with(
    access: &AccountAccess,
    accounts: &BTreeMap<String, String>,
    workspace: &Workspace,
    project: &str,
) -> anyhow::Result<String> {
    let Some(found) = workspace.project(project) else {
        return Err(UsageError::new(format!("no project `{project}` in the workspace")).into());
    };
    let name = &found.repository.name;
    let management_id = accounts.get(MANAGEMENT_ACCOUNT).ok_or_else(|| {
        UsageError::new(format!(
            "the organization has no account `{MANAGEMENT_ACCOUNT}` yet, where the repository `{name}` lives"
        ))
        .with_hint("create it with `sleak onboard`, or pass `--repository <uri>`")
    })?;
    let management = access.config(management_id).await;
    match ecr::repository(&management, name).await? {
        Some(repository) => Ok(repository.uri),
        None => Err(UsageError::new(format!(
            "the ECR repository `{name}` of the project `{project}` does not exist yet"
        ))
        .with_hint("create it with `sleak apply`, or pass `--repository <uri>`")
        .into()),
    }
}
