//! `sleak project add|remove|list`.

use serde_json::json;

use super::Context;
use crate::cli::{ProjectAddArgs, ProjectCommand};
use crate::workspace::edit::{Editor, set};

pub fn run(context: &Context, command: ProjectCommand) -> anyhow::Result<()> {
    match command {
        ProjectCommand::Add(args) => add(context, args),
        ProjectCommand::Remove(args) => {
            let file = context.workspace_file()?;
            let mut editor = Editor::open(&file)?;
            editor.remove_table(&["projects", &args.name], "project")?;
            editor.commit()?;
            context.printer.success(
                "Removed",
                &format!(
                    "project `{}` from {}",
                    args.name,
                    context.display_path(&file)
                ),
            );
            Ok(())
        }
        ProjectCommand::List => list(context),
    }
}

fn add(context: &Context, args: ProjectAddArgs) -> anyhow::Result<()> {
    let file = context.workspace_file()?;
    let mut editor = Editor::open(&file)?;
    let table = editor.create_table(&["projects", &args.name], "project")?;
    let custom_repository =
        args.repository.is_some() || args.immutable_tags || args.keep_images.is_some();
    if custom_repository {
        let mut repository = toml_edit::InlineTable::new();
        if let Some(name) = &args.repository {
            repository.insert("name", name.as_str().into());
        }
        if args.immutable_tags {
            repository.insert("immutable_tags", true.into());
        }
        if let Some(keep) = args.keep_images {
            repository.insert("keep_images", i64::from(keep).into());
        }
        set(table, "repository", repository);
    }
    for env in &args.envs {
        editor.create_table(
            &["projects", &args.name, "envs", env],
            "environment of the project",
        )?;
    }
    editor.commit()?;
    let envs = if args.envs.is_empty() {
        String::new()
    } else {
        format!(" in {}", args.envs.join(", "))
    };
    context.printer.success(
        "Added",
        &format!(
            "project `{}`{envs} to {}",
            args.name,
            context.display_path(&file)
        ),
    );
    Ok(())
}

fn list(context: &Context) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    if context.printer.json() {
        let projects: Vec<_> = workspace
            .projects
            .iter()
            .map(|project| {
                json!({
                    "name": project.name,
                    "repository": project.repository.name,
                    "environments": project.envs.iter().map(|project_env| json!({ "env": project_env.env, "namespace": project_env.namespace, "cluster": project_env.cluster })).collect::<Vec<_>>(),
                    "services": project.envs.iter().map(|project_env| project_env.services.len()).sum::<usize>(),
                    "dependencies": project.envs.iter().map(|project_env| project_env.dependencies.len()).sum::<usize>(),
                })
            })
            .collect();
        context.printer.data_json(&json!(projects));
        return Ok(());
    }
    let rows = workspace
        .projects
        .iter()
        .map(|project| {
            vec![
                project.name.clone(),
                project.repository.name.clone(),
                project
                    .envs
                    .iter()
                    .map(|project_env| project_env.env.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                project
                    .envs
                    .iter()
                    .map(|project_env| project_env.services.len())
                    .sum::<usize>()
                    .to_string(),
                project
                    .envs
                    .iter()
                    .map(|project_env| project_env.dependencies.len())
                    .sum::<usize>()
                    .to_string(),
            ]
        })
        .collect();
    context.printer.table(
        &[
            "PROJECT",
            "REPOSITORY",
            "ENVIRONMENTS",
            "SERVICES",
            "DEPENDENCIES",
        ],
        rows,
    );
    Ok(())
}
