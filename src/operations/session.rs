//! A session: the user's credentials checked, the organization and every resource of
//! the workspace observed, and the steps that would make it right.

use std::time::Duration;

use super::lease::{Lease, Place};
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
    /// The workspace's lease, for a command that changes AWS ([`LockRequest`]).
    pub lease: Option<Lease>,
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

/// What a command that changes AWS asks of the workspace's lease.
#[derive(Debug, Clone)]
pub struct LockRequest {
    /// What the lease says the holder runs: `sleak onboard`, …
    pub command: String,
    /// How long to wait for another run's lease (`--lock-timeout`).
    pub timeout: Duration,
}

/// Connects with the user's credentials in the workspace's region, checks them, takes
/// the workspace's lease when `lock` asks for it, and observes every resource.
pub async fn open_session(
    printer: &Printer,
    settings: &AwsSettings,
    workspace: Workspace,
    lock: Option<LockRequest>,
) -> anyhow::Result<Session> {
    let region = workspace.organization.region.clone();
    let config = load_workspace_sdk_config(settings, &region).await?;
    let mut preflight = preflight(&config).await?;
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
    // Before anything is observed: a run waiting here must see what the holder made.
    let lease = match lock {
        Some(lock) => {
            let place = Place::new(
                &config,
                &preflight.caller.account,
                &region,
                &workspace.organization.name,
            );
            let last = std::sync::Mutex::new(String::new());
            let on_wait = |message: &str| {
                let mut last = last.lock().expect("last message");
                if *last != message {
                    printer.status(message);
                    *last = message.to_owned();
                }
            };
            let say = |message: &str| printer.warning(message);
            Some(
                Lease::acquire(
                    place,
                    &region,
                    &workspace.organization.name,
                    &lock.command,
                    lock.timeout,
                    &on_wait,
                    &say,
                )
                .await?,
            )
        }
        None => None,
    };
    let observed = async {
        if lease.is_some() {
            // A run that held the lease before this one may have created the organization.
            preflight.organization = organizations::describe_organization(&config).await?;
        }
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
        Ok::<_, anyhow::Error>((env, graph, observation))
    }
    .await;
    let (env, graph, observation) = match observed {
        Ok(observed) => observed,
        Err(error) => {
            // Failed before the command could use it: nobody is to wait for it.
            if let Some(lease) = lease {
                let _ = lease.release().await;
            }
            return Err(error);
        }
    };
    for warning in &observation.warnings {
        printer.warning(warning);
    }
    let steps = diff(&graph, &observation);
    Ok(Session {
        lease,
        workspace,
        graph,
        env,
        observation,
        steps,
    })
}
