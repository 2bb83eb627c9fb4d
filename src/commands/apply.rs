//! `sleak onboard`, `sleak apply`, `sleak plan` (against what exists) and `sleak status`.

use std::collections::HashMap;

use serde_json::json;

use super::{Context, block_on};
use crate::cli::{ApplyArgs, PlanArgs};
use crate::error::UsageError;
use crate::output::progress::{Progress, format_duration};
use crate::plan::{Graph, desired_graph};
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::load_sdk_config;
use crate::providers::aws::onboarding::{Onboarding, Snapshots, preflight};
use crate::reconcile::executor::{Event, execute};
use crate::reconcile::{Change, Observation, Step, diff, summary};
use crate::workspace::Workspace;

/// A connection to the workspace's AWS organization, with what exists observed.
pub struct Session {
    pub workspace: Workspace,
    pub graph: Graph,
    pub onboarding: Onboarding,
    pub observation: Observation,
    pub snapshots: Snapshots,
    pub steps: Vec<Step>,
}

/// Connects with the user's credentials, checks them, and observes every resource.
pub async fn open_session(context: &Context, workspace: Workspace) -> anyhow::Result<Session> {
    let config =
        load_sdk_config(&context.aws_settings(Some(&workspace.organization.region))).await?;
    let region = config
        .region()
        .map(ToString::to_string)
        .unwrap_or_else(|| workspace.organization.region.clone());
    let preflight = preflight(&config).await?;
    context.printer.status(&format!(
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
    let mut onboarding = Onboarding::new(access, &workspace.organization.name, &region);
    onboarding.caller_arn = preflight.caller.arn.clone();
    onboarding.clusters = workspace
        .clusters
        .iter()
        .map(|cluster| (cluster.name.clone(), cluster.source.clone()))
        .collect();
    let graph = desired_graph(&workspace);
    let (observation, snapshots) = onboarding.observe(&graph, &preflight).await?;
    for warning in &observation.warnings {
        context.printer.warning(warning);
    }
    let steps = diff(&graph, &observation);
    Ok(Session {
        workspace,
        graph,
        onboarding,
        observation,
        snapshots,
        steps,
    })
}

/// What a step would fix, or else how its resource drifted.
fn step_detail(step: &Step) -> String {
    match &step.change {
        Change::Update(changes) => changes.join("; "),
        _ => step.drift.join("; "),
    }
}

fn change_rows(steps: &[Step]) -> Vec<Vec<String>> {
    steps
        .iter()
        .filter(|step| step.change.mutates())
        .map(|step| {
            let detail = match &step.change {
                Change::Update(changes) => changes.join("; "),
                _ => String::new(),
            };
            vec![
                step.change.verb().to_owned(),
                step.id.clone(),
                step.kind.clone(),
                step.scope.clone(),
                detail,
            ]
        })
        .collect()
}

/// What a command applies of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything: `sleak apply`.
    All,
    /// The organization, accounts, networks, VPN and domain: `sleak onboard`.
    Onboarding,
    /// One cluster's resources: `sleak cluster create`.
    Cluster(String),
}

impl Scope {
    pub fn contains(&self, id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Onboarding => {
                !(id.starts_with("cluster/")
                    || id.starts_with("environment/")
                    || id.starts_with("project/"))
            }
            Scope::Cluster(name) => id.starts_with(&format!("cluster/{name}/")),
        }
    }

    fn command(&self) -> String {
        match self {
            Scope::All => "sleak apply".to_owned(),
            Scope::Onboarding => "sleak onboard".to_owned(),
            Scope::Cluster(name) => format!("sleak cluster create {name}"),
        }
    }
}

/// The steps of `scope`, with the steps they depend on that already exist (they give
/// their cloud ids). A missing dependency outside the scope is an error naming the
/// command that makes it.
pub fn scoped_steps(steps: &[Step], scope: &Scope) -> anyhow::Result<Vec<Step>> {
    if *scope == Scope::All {
        return Ok(steps.to_vec());
    }
    let by_id: HashMap<&str, &Step> = steps.iter().map(|step| (step.id.as_str(), step)).collect();
    let mut wanted: std::collections::HashSet<&str> = steps
        .iter()
        .filter(|step| scope.contains(&step.id))
        .map(|step| step.id.as_str())
        .collect();
    let mut queue: Vec<&str> = wanted.iter().copied().collect();
    let mut missing = Vec::new();
    while let Some(id) = queue.pop() {
        for dependency in &by_id[id].depends_on {
            let Some(step) = by_id.get(dependency.as_str()) else {
                continue;
            };
            if scope.contains(dependency) {
                continue;
            }
            if step.change == Change::Create {
                missing.push(dependency.clone());
            }
            if wanted.insert(dependency.as_str()) {
                queue.push(dependency.as_str());
            }
        }
    }
    if !missing.is_empty() {
        missing.sort();
        missing.dedup();
        let onboarding = missing.iter().all(|id| Scope::Onboarding.contains(id));
        return Err(UsageError::new(format!(
            "{} needs what does not exist yet: {}",
            scope.command(),
            missing.join(", ")
        ))
        .with_hint(if onboarding {
            "run `sleak onboard` first"
        } else {
            "run `sleak apply` to create everything in order"
        })
        .into());
    }
    Ok(steps
        .iter()
        .filter(|step| wanted.contains(step.id.as_str()))
        .map(|step| {
            let mut step = step.clone();
            // Dependencies outside the scope are only read for their ids.
            if !scope.contains(&step.id) {
                step.change = Change::NoChange;
            }
            step
        })
        .collect())
}

/// `sleak onboard`, `sleak apply` and `sleak cluster create`: plan against what exists,
/// confirm, apply.
pub fn apply(context: &Context, args: ApplyArgs, scope: Scope) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    let onboarding_only = scope == Scope::Onboarding;
    block_on(async {
        let mut session = open_session(context, workspace).await?;
        session.steps = scoped_steps(&session.steps, &scope)?;
        let (creates, updates, unchanged) = summary(&session.steps);
        for step in session.steps.iter().filter(|step| !step.drift.is_empty()) {
            printer.warning(&format!(
                "{} has drifted: {}",
                step.id,
                step.drift.join("; ")
            ));
        }
        if creates + updates == 0 {
            printer.success(
                "Nothing to do:",
                &format!("all {unchanged} resources are up to date"),
            );
            if onboarding_only {
                let zone = session
                    .observation
                    .found
                    .get(ZONE_ID)
                    .map(|found| found.cloud_id.clone());
                let account = session.snapshots.account_ids.get("management").cloned();
                show_delegation(context, &session, zone, account).await;
            }
            return Ok(());
        }
        if !printer.json() {
            let header = ["ACTION", "RESOURCE", "KIND", "ACCOUNT", "CHANGES"];
            let rows = change_rows(&session.steps);
            // The plan is status here (data is the event stream): it goes to stderr.
            let mut table = comfy_table::Table::new();
            table
                .load_style(comfy_table::presets::NOTHING)
                .set_header(header.to_vec())
                .force_no_tty();
            for row in rows {
                table.add_row(row);
            }
            if !printer.quiet {
                eprintln!(
                    "{}",
                    table
                        .to_string()
                        .lines()
                        .map(str::trim_end)
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
        printer.status(&format!(
            "Plan: {creates} to create, {updates} to update, {unchanged} unchanged."
        ));
        if args.dry_run {
            printer.status("Dry run: nothing was changed.");
            return Ok(());
        }
        confirm(
            context,
            &format!(
                "Apply these changes to the AWS organization of `{}`?",
                session.workspace.organization.name
            ),
        )?;
        let started = std::time::Instant::now();
        let total = creates + updates;
        let progress = Progress::new(printer, total, "applying");
        let events = |event: Event| progress.event(event);
        let resources: HashMap<&str, &crate::plan::Resource> = session
            .graph
            .resources
            .iter()
            .map(|resource| (resource.id.as_str(), resource))
            .collect();
        let onboarding = &session.onboarding;
        let result = execute(&session.steps, args.parallelism, &events, |step, ids| {
            let resource = resources.get(step.id.as_str()).copied();
            let events = &events;
            async move {
                let resource =
                    resource.ok_or_else(|| anyhow::anyhow!("`{}` is not in the plan", step.id))?;
                let on_wait = |message: &str| {
                    events(Event::Waiting {
                        id: step.id.clone(),
                        message: message.to_owned(),
                    })
                };
                onboarding.apply(resource, step, &ids, &on_wait).await
            }
        })
        .await;
        progress.finish();
        match result {
            Ok(ids) => {
                printer.success(
                    "Applied",
                    &format!("{total} changes in {}", format_duration(started.elapsed())),
                );
                if onboarding_only {
                    // The ids applying returned are enough: no second observation.
                    let zone = ids.get(ZONE_ID).cloned();
                    let account = ids.get("account/management").cloned();
                    show_delegation(context, &session, zone, account).await;
                }
                Ok(())
            }
            Err(error) => Err(error.context(format!(
                "stopped after {}: what was applied stays; run `{}` again to resume",
                format_duration(started.elapsed()),
                scope.command()
            ))),
        }
    })?
}

/// Asks before changing anything, unless `--yes`; refuses without a terminal.
pub fn confirm(context: &Context, question: &str) -> anyhow::Result<()> {
    if context.global.yes {
        return Ok(());
    }
    let printer = &context.printer;
    if !printer.stdin_is_terminal || !printer.stderr_is_terminal {
        return Err(UsageError::new(
            "refusing to change AWS without confirmation: not on a terminal",
        )
        .with_hint("pass `--yes` to apply without asking, or `--dry-run` to only see the plan")
        .into());
    }
    let confirmed = dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(question)
        .default(false)
        .interact()?;
    if confirmed {
        Ok(())
    } else {
        Err(UsageError::new("cancelled: nothing was changed").into())
    }
}

/// The plan id of the domain's hosted zone.
const ZONE_ID: &str = "account/management/hosted-zone";

/// The name servers to set at the registrar.
async fn show_delegation(
    context: &Context,
    session: &Session,
    zone_id: Option<String>,
    account_id: Option<String>,
) {
    let domain = &session.workspace.organization.domain;
    let (Some(zone_id), Some(account_id)) = (zone_id, account_id) else {
        return;
    };
    let config = session.onboarding.access.config(&account_id).await;
    match crate::providers::aws::route53::name_servers(&config, &zone_id).await {
        Ok(servers) if !servers.is_empty() => {
            context.printer.status(&format!(
                "Delegate `{domain}` to AWS: at your registrar, set its name servers to"
            ));
            for server in servers {
                context.printer.status(&format!("  {server}"));
            }
            context
                .printer
                .status("then check the delegation with `sleak doctor`.");
        }
        Ok(_) => {}
        Err(error) => context.printer.warning(&format!(
            "could not read the name servers of `{domain}`: {error:#}"
        )),
    }
}

/// `sleak plan`: the difference between the workspace and what exists; `--offline`
/// shows the whole desired graph without asking AWS.
pub fn plan(context: &Context, args: PlanArgs) -> anyhow::Result<()> {
    if args.offline {
        return super::plan::plan(context);
    }
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    block_on(async {
        let session = open_session(context, workspace).await?;
        let pending = session
            .graph
            .resources
            .iter()
            .filter(|resource| resource.spec.is_none())
            .count();
        if printer.json() {
            printer.data_json(&json!({
                "workspace": session.workspace.organization.name,
                "steps": session.steps,
                "orphans": session.observation.orphans,
                "not_yet_applied": pending,
            }));
            return Ok(());
        }
        let mut rows: Vec<Vec<String>> = session
            .steps
            .iter()
            .map(|step| {
                let detail = step_detail(step);
                vec![
                    step.change.verb().to_owned(),
                    step.id.clone(),
                    step.kind.clone(),
                    step.scope.clone(),
                    step.cloud_id.clone().unwrap_or_default(),
                    detail,
                ]
            })
            .collect();
        for orphan in &session.observation.orphans {
            rows.push(vec![
                "delete".to_owned(),
                orphan.id.clone(),
                orphan.kind.clone(),
                orphan.account.clone(),
                orphan.cloud_id.clone(),
                "not in the workspace: `sleak destroy` sweeps it".to_owned(),
            ]);
        }
        printer.table(
            &[
                "ACTION", "RESOURCE", "KIND", "ACCOUNT", "CLOUD ID", "DETAIL",
            ],
            rows,
        );
        let (creates, updates, unchanged) = summary(&session.steps);
        printer.status(&format!(
            "{creates} to create, {updates} to update, {} to delete, {unchanged} unchanged; {pending} dependency and service resources come with later commands (`sleak plan --offline` lists them)",
            session.observation.orphans.len()
        ));
        Ok(())
    })?
}

/// `sleak status`: every onboarding resource per account, present, missing or drifted.
pub fn status(context: &Context) -> anyhow::Result<()> {
    status_of(context, None)
}

/// `sleak status`, or `sleak cluster status NAME` with `cluster`: the cluster's resources
/// and the Kubernetes objects in it.
pub fn status_of(context: &Context, cluster: Option<&str>) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    block_on(async {
        let mut session = open_session(context, workspace).await?;
        if let Some(cluster) = cluster {
            let prefix = format!("cluster/{cluster}/");
            session.steps.retain(|step| {
                step.id.starts_with(&prefix)
                    || (step.scope == cluster && step.kind.starts_with("kubernetes:"))
            });
            session.observation.orphans.clear();
        }
        let state = |step: &Step| -> &'static str {
            match (&step.change, step.drift.is_empty()) {
                (Change::Create, _) => "missing",
                (Change::Delete, _) => "orphan",
                (Change::Update(_), _) => "changed",
                (Change::NoChange, false) => "drifted",
                (Change::NoChange, true) => "ok",
            }
        };
        if printer.json() {
            let resources: Vec<_> = session
                .steps
                .iter()
                .map(|step| {
                    let changes = match &step.change {
                        Change::Update(changes) => changes.clone(),
                        _ => Vec::new(),
                    };
                    json!({ "id": step.id, "kind": step.kind, "account": step.scope, "state": state(step), "cloud_id": step.cloud_id, "changes": changes, "drift": step.drift })
                })
                .collect();
            printer.data_json(&json!({ "workspace": session.workspace.organization.name, "resources": resources, "orphans": session.observation.orphans }));
            return Ok(());
        }
        let mut rows: Vec<Vec<String>> = session
            .steps
            .iter()
            .map(|step| {
                let detail = step_detail(step);
                vec![
                    step.scope.clone(),
                    step.id.clone(),
                    step.kind.clone(),
                    state(step).to_owned(),
                    step.cloud_id.clone().unwrap_or_default(),
                    detail,
                ]
            })
            .collect();
        for orphan in &session.observation.orphans {
            rows.push(vec![
                orphan.account.clone(),
                orphan.id.clone(),
                orphan.kind.clone(),
                "orphan".to_owned(),
                orphan.cloud_id.clone(),
                "tagged by sleak, not in the workspace".to_owned(),
            ]);
        }
        rows.sort_by(|a, b| a[0].cmp(&b[0]));
        printer.table(
            &["ACCOUNT", "RESOURCE", "KIND", "STATE", "CLOUD ID", "DETAIL"],
            rows,
        );
        Ok(())
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(id: &str, change: Change, depends_on: &[&str]) -> Step {
        Step {
            id: id.into(),
            kind: "test".into(),
            scope: "a".into(),
            change,
            cloud_id: None,
            drift: Vec::new(),
            depends_on: depends_on.iter().map(|id| (*id).to_owned()).collect(),
            facts: Default::default(),
        }
    }

    #[test]
    fn a_cluster_scope_takes_its_existing_dependencies_read_only() {
        let steps = vec![
            step("account/dev", Change::NoChange, &[]),
            step(
                "account/dev/subnet/private-a",
                Change::Update(vec!["x".into()]),
                &["account/dev"],
            ),
            step(
                "cluster/dev/eks-cluster",
                Change::Create,
                &["account/dev/subnet/private-a"],
            ),
            step(
                "cluster/other/eks-cluster",
                Change::Create,
                &["account/dev"],
            ),
        ];
        let scoped = scoped_steps(&steps, &Scope::Cluster("dev".into())).unwrap();
        let ids: Vec<(&str, bool)> = scoped
            .iter()
            .map(|step| (step.id.as_str(), step.change.mutates()))
            .collect();
        assert_eq!(
            ids,
            [
                ("account/dev", false),
                ("account/dev/subnet/private-a", false),
                ("cluster/dev/eks-cluster", true)
            ]
        );
    }

    #[test]
    fn a_missing_dependency_outside_the_scope_says_what_to_run() {
        let steps = vec![
            step("account/dev", Change::Create, &[]),
            step("cluster/dev/eks-cluster", Change::Create, &["account/dev"]),
        ];
        let error = scoped_steps(&steps, &Scope::Cluster("dev".into())).unwrap_err();
        let usage = error.downcast_ref::<UsageError>().expect("a usage error");
        assert!(format!("{usage:?}").contains("sleak onboard"), "{usage:?}");
    }
}
