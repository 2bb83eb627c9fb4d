//! `sleak dep add|remove|list`.

use serde_json::json;

use super::{Context, scope};
use crate::cli::{DepAddArgs, DepCommand, DependencyKindArg, ListScopeArgs};
use crate::output::prompt::choose;
use crate::workspace::edit::{Editor, set};

pub fn run(context: &Context, command: DepCommand) -> anyhow::Result<()> {
    match command {
        DepCommand::Add(args) => add(context, args),
        DepCommand::Remove(args) => {
            let workspace = context.load_workspace()?;
            let (project, env) = scope::resolve(&context.printer, &workspace, args.scope)?;
            let mut editor = Editor::open(&workspace.file)?;
            editor.remove_table(
                &[
                    "projects",
                    &project,
                    "envs",
                    &env,
                    "dependencies",
                    &args.name,
                ],
                "dependency",
            )?;
            editor.commit()?;
            context.printer.success(
                "Removed",
                &format!("dependency `{}` from {project}/{env}", args.name),
            );
            Ok(())
        }
        DepCommand::List(args) => list(context, args),
    }
}

fn kind_name(kind: DependencyKindArg) -> &'static str {
    match kind {
        DependencyKindArg::Postgres => "postgres",
        DependencyKindArg::Mysql => "mysql",
        DependencyKindArg::Mariadb => "mariadb",
        DependencyKindArg::S3 => "s3",
        DependencyKindArg::Redis => "redis",
        DependencyKindArg::Memcached => "memcached",
        DependencyKindArg::Sqs => "sqs",
    }
}

fn add(context: &Context, args: DepAddArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let kinds: Vec<String> = [
        "postgres",
        "mysql",
        "mariadb",
        "s3",
        "redis",
        "memcached",
        "sqs",
    ]
    .map(str::to_owned)
    .to_vec();
    let kind = match args.kind {
        Some(kind) => kind_name(kind).to_owned(),
        None => choose(
            &context.printer,
            None,
            "--kind",
            "Kind of dependency",
            &kinds,
        )?,
    };
    let (project, env) = scope::resolve(&context.printer, &workspace, args.scope)?;
    let mut settings = Vec::new();
    for pair in &args.settings {
        settings.push(scope::setting("DependencyToml", pair)?);
    }
    let mut editor = Editor::open(&workspace.file)?;
    let table = editor.create_table(
        &[
            "projects",
            &project,
            "envs",
            &env,
            "dependencies",
            &args.name,
        ],
        "dependency",
    )?;
    set(table, "kind", kind.as_str());
    let flags = [
        (
            "variable_prefix",
            args.variable_prefix.map(toml_edit::Value::from),
        ),
        (
            "engine_version",
            args.engine_version.map(toml_edit::Value::from),
        ),
        (
            "instance_class",
            args.instance_class.map(toml_edit::Value::from),
        ),
        (
            "storage_gib",
            args.storage_gib
                .map(|gib| toml_edit::Value::from(i64::from(gib))),
        ),
        ("bucket", args.bucket.map(toml_edit::Value::from)),
    ];
    for (key, value) in flags {
        if let Some(value) = value {
            set(table, key, value);
        }
    }
    for (key, value) in settings {
        set(table, &key, value);
    }
    let updated = editor.commit()?;
    let resource = updated
        .project_envs()
        .find(|project_env| project_env.project == project && project_env.env == env)
        .and_then(|project_env| {
            project_env
                .dependencies
                .iter()
                .find(|dependency| dependency.name == args.name)
        })
        .map(|dependency| dependency.resource_name.clone())
        .unwrap_or_default();
    context.printer.success(
        "Added",
        &format!(
            "{kind} dependency `{}` ({resource}) to {project}/{env}",
            args.name
        ),
    );
    Ok(())
}

fn list(context: &Context, args: ListScopeArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let selected = scope::selected(&workspace, &args);
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for project_env in selected {
        for dependency in &project_env.dependencies {
            let kind = crate::workspace::validate::dependency_kind_name(dependency.kind);
            rows.push(vec![
                project_env.project.clone(),
                project_env.env.clone(),
                dependency.name.clone(),
                kind.to_owned(),
                dependency.resource_name.clone(),
                format!("{}_*", dependency.variable_prefix),
            ]);
            items.push(json!({ "project": project_env.project, "env": project_env.env, "name": dependency.name, "kind": kind, "resource": dependency.resource_name, "variable_prefix": dependency.variable_prefix, "settings": dependency.settings }));
        }
    }
    if context.printer.json() {
        context.printer.data_json(&json!(items));
    } else {
        context.printer.table(
            &[
                "PROJECT",
                "ENV",
                "DEPENDENCY",
                "KIND",
                "RESOURCE",
                "VARIABLES",
            ],
            rows,
        );
    }
    Ok(())
}
