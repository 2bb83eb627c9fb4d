//! `sleak validate` and `sleak plan`.

use serde_json::json;

use super::Context;
use crate::error::AlreadyReported;
use crate::plan::{Provider, desired_graph};
use crate::workspace::{Workspace, WorkspaceError};

/// Loads the workspace; with `--output json`, a workspace error is printed as JSON data.
fn load(context: &Context) -> anyhow::Result<Workspace> {
    match context.load_workspace() {
        Ok(workspace) => Ok(workspace),
        Err(error) if context.printer.json() => match error.downcast_ref::<WorkspaceError>() {
            Some(workspace_error) => {
                let mut document = workspace_error.to_json();
                document["valid"] = json!(false);
                context.printer.data_json(&document);
                eprintln!("{workspace_error}");
                Err(AlreadyReported(2).into())
            }
            None => Err(error),
        },
        Err(error) => Err(error),
    }
}

pub fn validate(context: &Context) -> anyhow::Result<()> {
    let workspace = load(context)?;
    let counts = counts(&workspace);
    let file = context.display_path(&workspace.file);
    if context.printer.json() {
        context.printer.data_json(&json!({
            "valid": true,
            "file": file,
            "counts": counts.iter().map(|(name, count)| (name.to_string(), json!(count))).collect::<serde_json::Map<_, _>>(),
        }));
    } else {
        let summary: Vec<String> = counts
            .iter()
            .map(|(name, count)| {
                format!(
                    "{count} {}",
                    if *count == 1 {
                        name.trim_end_matches('s')
                            .replace("dependencie", "dependency")
                    } else {
                        (*name).to_owned()
                    }
                )
            })
            .collect();
        context
            .printer
            .success("Valid", &format!("{file}: {}", summary.join(", ")));
    }
    Ok(())
}

fn counts(workspace: &Workspace) -> Vec<(&'static str, usize)> {
    let project_envs: Vec<_> = workspace.project_envs().collect();
    vec![
        ("accounts", workspace.accounts.len()),
        ("clusters", workspace.clusters.len()),
        ("environments", workspace.environments.len()),
        ("projects", workspace.projects.len()),
        (
            "dependencies",
            project_envs
                .iter()
                .map(|project_env| project_env.dependencies.len())
                .sum(),
        ),
        (
            "services",
            project_envs
                .iter()
                .map(|project_env| project_env.services.len())
                .sum(),
        ),
    ]
}

pub fn plan(context: &Context) -> anyhow::Result<()> {
    let workspace = load(context)?;
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
