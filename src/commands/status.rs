//! `sleak status` and `sleak cluster status`: every resource, present, missing, changed
//! or drifted, and the orphans.

use serde_json::json;

use super::{Context, block_on};
use crate::reconcile::{Change, Step};

/// `sleak status`: every onboarding resource per account, present, missing or drifted.
/// With `-p`/`-e`: a project's services in an environment instead.
pub fn status(context: &Context, args: crate::cli::StatusArgs) -> anyhow::Result<()> {
    if args.project.is_some() || args.env.is_some() {
        let scope = crate::cli::ProjectEnvArgs {
            project: args.project,
            env: args.env,
        };
        return super::deploy::service_status(context, scope);
    }
    status_of(context, None)
}

/// `sleak status`, or `sleak cluster status NAME` with `cluster`: the cluster's resources
/// and the Kubernetes objects in it.
pub fn status_of(context: &Context, cluster: Option<&str>) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    block_on(async {
        let mut session = context.open_session(workspace).await?;
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
                    json!({ "id": step.id, "kind": step.kind, "account": step.scope, "state": state(step), "cloud_id": step.cloud_id, "changes": changes, "drift": step.drift, "info": step.info })
                })
                .collect();
            printer.data_json(&json!({ "workspace": session.workspace.organization.name, "resources": resources, "orphans": session.observation.orphans }));
            return Ok(());
        }
        let mut rows: Vec<Vec<String>> = session
            .steps
            .iter()
            .map(|step| {
                let detail = super::plan::step_detail(step);
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
