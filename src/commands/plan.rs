//! `sleak plan`: the difference between the workspace and what exists; `--offline`
//! shows the whole desired graph without asking AWS.

use serde_json::json;

use super::{Context, block_on};
use crate::cli::PlanArgs;
use crate::plan::{Provider, desired_graph};
use crate::reconcile::{Change, Step, summary};

/// What a step would fix, or else how its resource drifted; then what is only
/// information (an add-on version EKS now recommends).
pub(super) fn step_detail(step: &Step) -> String {
    let mut detail = match &step.change {
        Change::Update(changes) => changes.clone(),
        _ => step.drift.clone(),
    };
    detail.extend(step.info.iter().map(|info| format!("info: {info}")));
    detail.join("; ")
}

/// `sleak plan`: the difference between the workspace and what exists; `--offline`
/// shows the whole desired graph without asking AWS.
pub fn plan(context: &Context, args: PlanArgs) -> anyhow::Result<()> {
    if args.offline {
        return offline(context);
    }
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    block_on(async {
        let session = context.open_session(workspace).await?;
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

/// `sleak plan --offline`: the whole desired graph, without asking AWS.
fn offline(context: &Context) -> anyhow::Result<()> {
    let workspace = super::validate::load(context)?;
    let graph = desired_graph(&workspace);
    if context.printer.json() {
        context.printer.data_json(&serde_json::to_value(&graph)?);
        return Ok(());
    }
    let rows = graph
        .resources
        .iter()
        .enumerate()
        .map(|(position, resource)| {
            let place = match (resource.provider, &resource.namespace) {
                (Provider::Aws, _) => format!("aws:{}", resource.scope),
                (Provider::Kubernetes, Some(namespace)) => {
                    format!("k8s:{}/{namespace}", resource.scope)
                }
                (Provider::Kubernetes, None) => format!("k8s:{}", resource.scope),
            };
            vec![
                (position + 1).to_string(),
                resource.id.clone(),
                resource.kind.clone(),
                place,
                resource.name.clone().unwrap_or_default(),
            ]
        })
        .collect();
    context
        .printer
        .table(&["#", "RESOURCE", "KIND", "IN", "NAME"], rows);
    let aws = graph
        .resources
        .iter()
        .filter(|resource| resource.provider == Provider::Aws)
        .count();
    let kubernetes = graph.resources.len() - aws;
    context.printer.status(&format!(
        "{} resources to create: {aws} in AWS, {kubernetes} in Kubernetes (planned offline from {})",
        graph.resources.len(),
        context.display_path(&workspace.file)
    ));
    Ok(())
}
