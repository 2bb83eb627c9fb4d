//! A session: the user's credentials checked, the organization and every resource of
//! the workspace observed, and the steps that would make it right.

use crate::error::UsageError;
use crate::output::Printer;
use crate::plan::{Graph, desired_graph};
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::organizations::{self, OrganizationInfo};
use crate::providers::aws::sts::{self, CallerIdentity};
use crate::providers::aws::{AwsSettings, load_workspace_sdk_config};
use crate::reconcile::{Env, Observation, Step, diff, observe};
use crate::workspace::Workspace;

/// A connection to the workspace's AWS organization, with what exists observed.
pub struct Session {
    pub workspace: Workspace,
    pub graph: Graph,
    pub env: Env,
    pub observation: Observation,
    pub steps: Vec<Step>,
}

/// Who is calling, and the organization as it is.
#[derive(Debug, Clone)]
pub struct Preflight {
    pub caller: CallerIdentity,
    pub organization: Option<OrganizationInfo>,
}

/// Checks that the credentials may onboard: they must belong to the organization's
/// management account, or to an account in no organization (which becomes it).
pub async fn preflight(config: &aws_config::SdkConfig) -> anyhow::Result<Preflight> {
    let caller = sts::caller_identity(config).await?;
    let organization = organizations::describe_organization(config).await?;
    if let Some(organization) = &organization
        && organization.management_account_id != caller.account
    {
        return Err(UsageError::new(format!(
            "the credentials belong to account {}, a member of organization {} whose management account is {}",
            caller.account, organization.id, organization.management_account_id
        ))
        .with_hint(format!(
            "run sleak with credentials of the management account {} (e.g. `--profile <its profile>`)",
            organization.management_account_id
        ))
        .into());
    }
    Ok(Preflight {
        caller,
        organization,
    })
}

/// Connects with the user's credentials in the workspace's region, checks them, and
/// observes every resource.
pub async fn open_session(
    printer: &Printer,
    settings: &AwsSettings,
    workspace: Workspace,
) -> anyhow::Result<Session> {
    let region = workspace.organization.region.clone();
    let config = load_workspace_sdk_config(settings, &region).await?;
    let preflight = preflight(&config).await?;
    printer.status(&format!(
        "Acting as {} in account {} ({}); organization: {}",
        preflight.caller.arn,
        preflight.caller.account,
        region,
        preflight.organization.as_ref().map_or_else(
            || "none yet, sleak creates it".to_owned(),
            |organization| organization.id.clone()
        ),
    ));
    let access = AccountAccess::new(config, preflight.caller.account.clone());
    let mut env = Env::new(access, &workspace.organization.name, &region);
    env.caller_arn = preflight.caller.arn.clone();
    env.organization = preflight.organization.clone();
    env.clusters = workspace
        .clusters
        .iter()
        .map(|cluster| (cluster.name.clone(), cluster.source.clone()))
        .collect();
    let graph = desired_graph(&workspace);
    let observation = observe(&env, &graph).await?;
    for warning in &observation.warnings {
        printer.warning(warning);
    }
    let steps = diff(&graph, &observation);
    Ok(Session {
        workspace,
        graph,
        env,
        observation,
        steps,
    })
}
