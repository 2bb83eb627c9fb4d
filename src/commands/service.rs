//! `sleak service add|remove|list`.

use serde_json::json;

use super::{Context, scope};
use crate::cli::{ExposureArg, ListScopeArgs, ServiceAddArgs, ServiceCommand, ServiceKindArg};
use crate::output::prompt::choose;
use crate::workspace::edit::{Editor, set};
use crate::workspace::validate::service_kind_name;

pub fn run(context: &Context, command: ServiceCommand) -> anyhow::Result<()> {
    match command {
        ServiceCommand::Add(args) => add(context, *args),
        ServiceCommand::Remove(args) => {
            let workspace = context.load_workspace()?;
            let (project, env) = scope::resolve(&context.printer, &workspace, args.scope)?;
            let mut editor = Editor::open(&workspace.file)?;
            editor.remove_table(
                &["projects", &project, "envs", &env, "services", &args.name],
                "service",
            )?;
            editor.commit()?;
            context.printer.success(
                "Removed",
                &format!("service `{}` from {project}/{env}", args.name),
            );
            Ok(())
        }
        ServiceCommand::List(args) => list(context, args),
    }
}

fn add(context: &Context, args: ServiceAddArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let kinds: Vec<String> = ["web", "worker", "cron"].map(str::to_owned).to_vec();
    let kind = match args.kind {
        Some(ServiceKindArg::Web) => "web".to_owned(),
        Some(ServiceKindArg::Worker) => "worker".to_owned(),
        Some(ServiceKindArg::Cron) => "cron".to_owned(),
        None => choose(&context.printer, None, "--kind", "Kind of service", &kinds)?,
    };
    let (project, env) = scope::resolve(&context.printer, &workspace, args.scope)?;
    let mut settings = Vec::new();
    for pair in &args.settings {
        settings.push(scope::setting("ServiceToml", pair)?);
    }
    let mut variables = Vec::new();
    for pair in &args.variables {
        variables.push(scope::variable(pair)?);
    }
    let mut editor = Editor::open(&workspace.file)?;
    let table = editor.create_table(
        &["projects", &project, "envs", &env, "services", &args.name],
        "service",
    )?;
    set(table, "kind", kind.as_str());
    if let Some(image) = &args.image {
        set(table, "image", image.as_str());
    }
    if !args.command.is_empty() {
        set(
            table,
            "command",
            args.command
                .iter()
                .map(String::as_str)
                .collect::<toml_edit::Array>(),
        );
    }
    if let Some(port) = args.port {
        set(table, "port", i64::from(port));
    }
    if let Some(expose) = args.expose {
        let expose = match expose {
            ExposureArg::Public => "public",
            ExposureArg::Private => "private",
            ExposureArg::Internal => "internal",
        };
        set(table, "expose", expose);
    }
    if let Some(replicas) = args.replicas {
        set(table, "replicas", i64::from(replicas));
    }
    if let Some(schedule) = &args.schedule {
        set(table, "schedule", schedule.as_str());
    }
    if args.cpu.is_some() || args.memory.is_some() {
        let mut resources = toml_edit::InlineTable::new();
        if let Some(cpu) = &args.cpu {
            resources.insert("cpu", cpu.as_str().into());
        }
        if let Some(memory) = &args.memory {
            resources.insert("memory", memory.as_str().into());
        }
        set(table, "resources", resources);
    }
    if let Some(path) = &args.health_path {
        let mut health_check = toml_edit::InlineTable::new();
        health_check.insert("path", path.as_str().into());
        set(table, "health_check", health_check);
    }
    for (key, value) in settings {
        set(table, &key, value);
    }
    if !variables.is_empty() {
        let mut group = toml_edit::InlineTable::new();
        for (key, value) in &variables {
            group.insert(key, value.as_str().into());
        }
        set(table, "variables", group);
    }
    let updated = editor.commit()?;
    let hosts = updated
        .project_envs()
        .find(|project_env| project_env.project == project && project_env.env == env)
        .and_then(|project_env| {
            project_env
                .services
                .iter()
                .find(|service| service.name == args.name)
        })
        .map(|service| service.hosts.join(", "))
        .unwrap_or_default();
    let at = if hosts.is_empty() {
        String::new()
    } else {
        format!(" at {hosts}")
    };
    context.printer.success(
        "Added",
        &format!("{kind} service `{}` to {project}/{env}{at}", args.name),
    );
    Ok(())
}

fn list(context: &Context, args: ListScopeArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let selected = scope::selected(&workspace, &args);
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for project_env in selected {
        for service in &project_env.services {
            let kind = service_kind_name(service.kind);
            let image = service
                .image
                .clone()
                .unwrap_or_else(|| format!("(repository {})", project_env.project));
            let reach = match (&service.schedule, service.hosts.is_empty()) {
                (Some(schedule), _) => schedule.clone(),
                (None, false) => service.hosts.join(", "),
                (None, true) => String::new(),
            };
            rows.push(vec![
                project_env.project.clone(),
                project_env.env.clone(),
                service.name.clone(),
                kind.to_owned(),
                image,
                reach,
                service.replicas.to_string(),
            ]);
            items.push(json!({ "project": project_env.project, "env": project_env.env, "name": service.name, "kind": kind, "image": service.image, "hosts": service.hosts, "schedule": service.schedule, "replicas": service.replicas, "port": service.port }));
        }
    }
    if context.printer.json() {
        context.printer.data_json(&json!(items));
    } else {
        context.printer.table(
            &[
                "PROJECT",
                "ENV",
                "SERVICE",
                "KIND",
                "IMAGE",
                "HOSTS / SCHEDULE",
                "REPLICAS",
            ],
            rows,
        );
    }
    Ok(())
}
