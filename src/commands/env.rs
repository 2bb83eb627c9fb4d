//! `sleak env add|remove|list`.

use serde_json::json;

use super::Context;
use crate::cli::{EnvAddArgs, EnvCommand};
use crate::output::prompt::choose;
use crate::workspace::edit::{Editor, set};

pub fn run(context: &Context, command: EnvCommand) -> anyhow::Result<()> {
    match command {
        EnvCommand::Add(args) => add(context, args),
        EnvCommand::Remove(args) => {
            let file = context.workspace_file()?;
            let mut editor = Editor::open(&file)?;
            editor.remove_table(&["environments", &args.name], "environment")?;
            editor.commit()?;
            context.printer.success(
                "Removed",
                &format!(
                    "environment `{}` from {}",
                    args.name,
                    context.display_path(&file)
                ),
            );
            Ok(())
        }
        EnvCommand::List => list(context),
    }
}

fn add(context: &Context, args: EnvAddArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let clusters: Vec<String> = workspace
        .clusters
        .iter()
        .map(|cluster| cluster.name.clone())
        .collect();
    let cluster = choose(
        &context.printer,
        args.cluster,
        "--cluster",
        "Cluster of the environment",
        &clusters,
    )?;
    let mut editor = Editor::open(&workspace.file)?;
    let table = editor.create_table(&["environments", &args.name], "environment")?;
    set(table, "cluster", cluster.as_str());
    if let Some(subdomain) = &args.subdomain {
        set(table, "subdomain", subdomain.as_str());
    }
    let updated = editor.commit()?;
    let fqdn = updated
        .environment(&args.name)
        .map(|environment| environment.fqdn.clone())
        .unwrap_or_default();
    context.printer.success(
        "Added",
        &format!(
            "environment `{}` ({fqdn}) on cluster `{cluster}`",
            args.name
        ),
    );
    Ok(())
}

fn list(context: &Context) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let projects_of = |env: &str| -> Vec<String> {
        workspace
            .project_envs()
            .filter(|project_env| project_env.env == env)
            .map(|project_env| project_env.project.clone())
            .collect()
    };
    if context.printer.json() {
        let environments: Vec<_> = workspace
            .environments
            .iter()
            .map(|environment| json!({ "name": environment.name, "cluster": environment.cluster, "domain": environment.fqdn, "projects": projects_of(&environment.name) }))
            .collect();
        context.printer.data_json(&json!(environments));
        return Ok(());
    }
    let rows = workspace
        .environments
        .iter()
        .map(|environment| {
            vec![
                environment.name.clone(),
                environment.cluster.clone(),
                environment.fqdn.clone(),
                projects_of(&environment.name).join(", "),
            ]
        })
        .collect();
    context
        .printer
        .table(&["ENVIRONMENT", "CLUSTER", "DOMAIN", "PROJECTS"], rows);
    Ok(())
}
