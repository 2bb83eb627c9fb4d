//! `sleak validate`: the workspace checked, with its counts.

use serde_json::json;

use super::Context;
use crate::error::AlreadyReported;
use crate::workspace::{Workspace, WorkspaceError};

/// Loads the workspace; with `--output json`, a workspace error is printed as JSON data.
pub(super) fn load(context: &Context) -> anyhow::Result<Workspace> {
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
