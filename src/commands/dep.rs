//! `sleak dep add|remove|list`.

use serde_json::json;

use super::flow::{
    confirm_name, may_change, plan_and_apply, run_deletes, show_deletes, with_lease,
};
use super::{Context, block_on, scope};
use crate::cli::{
    ApplyArgs, DepAddArgs, DepCommand, DepListArgs, DepRemoveArgs, DependencyKindArg,
};
use crate::error::UsageError;
use crate::operations::Scope;
use crate::operations::destroy::delete_steps;
use crate::output::prompt::choose;
use crate::reconcile::Change;
use crate::reconcile::kinds::Spec;
use crate::workspace::edit::{Editor, set};
use crate::workspace::model::{Dependency, DependencyKind};

pub fn run(context: &Context, command: DepCommand) -> anyhow::Result<()> {
    match command {
        DepCommand::Add(args) => add(context, args),
        DepCommand::Remove(args) => remove(context, args),
        DepCommand::List(args) => list(context, args),
    }
}

/// The plan id every resource of a dependency starts with.
fn plan_prefix(project: &str, env: &str, name: &str) -> String {
    format!("project/{project}/env/{env}/dependency/{name}/")
}

/// The plan id of the dependency's cloud resource.
fn resource_id(project: &str, env: &str, dependency: &Dependency) -> String {
    let leaf = match dependency.kind {
        DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb => {
            "rds-instance"
        }
        DependencyKind::Redis | DependencyKind::Memcached => "cache",
        DependencyKind::S3 => "s3-bucket",
        DependencyKind::Sqs => "queue",
    };
    format!("{}{leaf}", plan_prefix(project, env, &dependency.name))
}

/// Deletes what AWS and the cluster have of the dependency (the Secret first, a
/// database after its final snapshot), then removes it from sleak.toml. Guarded as
/// `cluster delete` is: its name typed, or `--confirm NAME`.
fn remove(context: &Context, args: DepRemoveArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    let (project, env) = scope::resolve(printer, &workspace, args.scope)?;
    let project_env = workspace
        .project_envs()
        .find(|project_env| project_env.project == project && project_env.env == env)
        .expect("resolved");
    if !project_env
        .dependencies
        .iter()
        .any(|dependency| dependency.name == args.name)
    {
        let known: Vec<String> = project_env
            .dependencies
            .iter()
            .map(|dependency| format!("`{}`", dependency.name))
            .collect();
        return Err(
            UsageError::new(format!("{project}/{env} has no dependency `{}`", args.name))
                .with_hint(if known.is_empty() {
                    "it has none: `sleak dep list` shows them all".to_owned()
                } else {
                    format!("its dependencies: {}", known.join(", "))
                })
                .into(),
        );
    }
    let file = workspace.file.clone();
    let prefix = plan_prefix(&project, &env, &args.name);
    let label = format!("{project}/{env}/{}", args.name);
    if args.workspace_only {
        printer.warning(&format!(
            "what AWS and the cluster have of `{label}` stays: sleak no longer manages it"
        ));
    }
    let removed = args.workspace_only
        || block_on(async {
            let mut session = if may_change(context, args.dry_run) {
                context
                    .open_locked_session(workspace, &format!("sleak dep remove {label}"))
                    .await?
            } else {
                context.open_session(workspace).await?
            };
            if args.skip_final_snapshot {
                for resource in &mut session.graph.resources {
                    if let Some(Spec::DbInstance(database)) = &mut resource.spec {
                        database.final_snapshot = false;
                    }
                }
            }
            let lease = session.lease.take();
            with_lease(context, lease, async {
            let steps = delete_steps(&session, false, false, |resource| {
                resource.id.starts_with(&prefix)
            });
            if steps.is_empty() {
                printer.status(&format!("Nothing of dependency `{label}` exists."));
                return Ok::<_, anyhow::Error>(true);
            }
            show_deletes(context, &steps);
            let database = steps.iter().any(|step| step.kind == "rds:db-instance");
            printer.status(&format!(
                "{} resources of dependency `{label}` to delete{}.",
                steps.len(),
                match (database, args.skip_final_snapshot) {
                    (true, false) => ", the database after a final snapshot",
                    (true, true) => ", the database WITHOUT a final snapshot",
                    (false, _) => "",
                }
            ));
            if args.dry_run {
                printer.status("Dry run: nothing was deleted.");
                return Ok(false);
            }
            confirm_name(context, "dependency", &args.name, args.confirm.as_deref())?;
            run_deletes(context, &session, &steps, "Deleted")
                .await
                .map_err(|error| {
                    error.context(format!(
                        "stopped: what was deleted stays deleted; run `sleak dep remove {} -p {project} -e {env}` again to finish",
                        args.name
                    ))
                })?;
            Ok(true)
        })
        .await
        })??;
    if !removed {
        return Ok(());
    }
    let mut editor = Editor::open(&file)?;
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
    printer.success(
        "Removed",
        &format!("dependency `{}` from {project}/{env}", args.name),
    );
    Ok(())
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
    if args.apply {
        plan_and_apply(
            context,
            ApplyArgs {
                dry_run: false,
                parallelism: 32,
            },
            Scope::Dependency {
                project,
                env,
                name: args.name,
            },
        )?;
    } else {
        context
            .printer
            .status("Create it with `sleak apply` (or add it with `--apply`).");
    }
    Ok(())
}

/// Each dependency with its state, where it is reached and its Secret, read from AWS
/// and the cluster (`--offline`: only what sleak.toml says).
fn list(context: &Context, args: DepListArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let any = scope::selected(&workspace, &args.scope)
        .any(|project_env| !project_env.dependencies.is_empty());
    let session = if any && !args.offline {
        Some(block_on(context.open_session(workspace.clone()))??)
    } else {
        None
    };
    let selected = scope::selected(&workspace, &args.scope);
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for project_env in selected {
        for dependency in &project_env.dependencies {
            let kind = crate::workspace::validate::dependency_kind_name(dependency.kind);
            let resource = resource_id(&project_env.project, &project_env.env, dependency);
            let secret_id = format!(
                "{}secret",
                plan_prefix(&project_env.project, &project_env.env, &dependency.name)
            );
            let secret = format!("{}/dependency-{}", project_env.namespace, dependency.name);
            let (state, endpoint, secret_state) = match &session {
                None => (None, None, None),
                Some(session) => {
                    let step = |id: &str| session.steps.iter().find(|step| step.id == id);
                    let state = match step(&resource).map(|step| &step.change) {
                        None | Some(Change::Create) => "missing".to_owned(),
                        Some(Change::Update(changes)) => changes.join("; "),
                        Some(_) => "ready".to_owned(),
                    };
                    let output = session.observation.outputs.get(&resource);
                    let endpoint = output.map(|output| match (&output.endpoint, output.port) {
                        (Some(host), Some(port)) => format!("{host}:{port}"),
                        (Some(url), None) => url.clone(),
                        (None, _) => match dependency.kind {
                            DependencyKind::S3 => format!("s3://{}", output.id),
                            _ => String::new(),
                        },
                    });
                    let secret_state = match step(&secret_id).map(|step| &step.change) {
                        None | Some(Change::Create) => "not written",
                        Some(Change::Update(_)) => "out of date",
                        Some(_) => "written",
                    };
                    (Some(state), endpoint, Some(secret_state))
                }
            };
            rows.push(vec![
                project_env.project.clone(),
                project_env.env.clone(),
                dependency.name.clone(),
                kind.to_owned(),
                dependency.resource_name.clone(),
                state.clone().unwrap_or_else(|| "-".to_owned()),
                endpoint
                    .clone()
                    .filter(|endpoint| !endpoint.is_empty())
                    .unwrap_or_else(|| "-".to_owned()),
                match secret_state {
                    Some(written) => format!("{secret} ({written})"),
                    None => secret.clone(),
                },
            ]);
            items.push(json!({ "project": project_env.project, "env": project_env.env, "name": dependency.name, "kind": kind, "resource": dependency.resource_name, "state": state, "endpoint": endpoint, "secret": { "namespace": project_env.namespace, "name": format!("dependency-{}", dependency.name), "state": secret_state, "keys": dependency.variable_keys() }, "variable_prefix": dependency.variable_prefix, "settings": dependency.settings }));
        }
    }
    if context.printer.json() {
        context.printer.data_json(&json!(items));
    } else if rows.is_empty() {
        context
            .printer
            .status("No dependencies: add one with `sleak dep add <name> --kind <kind>`.");
    } else {
        context.printer.table(
            &[
                "PROJECT",
                "ENV",
                "DEPENDENCY",
                "KIND",
                "RESOURCE",
                "STATE",
                "ENDPOINT",
                "SECRET",
            ],
            rows,
        );
    }
    Ok(())
}
