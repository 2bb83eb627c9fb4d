//! Shared by `dep` and `service`: which ProjectEnv a command means, and `--set KEY=VALUE`.

use crate::cli::{ListScopeArgs, ProjectEnvArgs};
use crate::error::UsageError;
use crate::output::Printer;
use crate::output::prompt::choose;
use crate::workspace::Workspace;
use crate::workspace::diagnostic::did_you_mean;
use crate::workspace::model::{Project, ProjectEnv};
use crate::workspace::structure::table_keys;

/// The project and environment: given, the only one, or asked on a terminal.
pub fn resolve(
    printer: &Printer,
    workspace: &Workspace,
    scope: ProjectEnvArgs,
) -> anyhow::Result<(String, String)> {
    let projects: Vec<String> = workspace
        .projects
        .iter()
        .map(|project| project.name.clone())
        .collect();
    let project = choose(printer, scope.project, "--project", "Project", &projects)?;
    let found = known_project(workspace, &project)?;
    let mut envs: Vec<String> = found
        .envs
        .iter()
        .map(|project_env| project_env.env.clone())
        .collect();
    if envs.is_empty() {
        envs = workspace
            .environments
            .iter()
            .map(|environment| environment.name.clone())
            .collect();
    }
    let env = choose(printer, scope.env, "--env", "Environment", &envs)?;
    Ok((project, env))
}

/// The project `name`; an unknown one is a usage error with the nearest name.
pub fn known_project<'a>(workspace: &'a Workspace, name: &str) -> anyhow::Result<&'a Project> {
    workspace.project(name).ok_or_else(|| {
        let names = workspace
            .projects
            .iter()
            .map(|project| project.name.as_str());
        let hint = match did_you_mean(name, names) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("add it with `sleak project add {name}`"),
        };
        UsageError::new(format!("unknown project `{name}`"))
            .with_hint(hint)
            .into()
    })
}

/// The ProjectEnv of `project` in `env`, or the error that says how to make it.
pub fn project_env<'w>(
    workspace: &'w Workspace,
    project: &str,
    env: &str,
) -> anyhow::Result<&'w ProjectEnv> {
    workspace
        .project_envs()
        .find(|found| found.project == project && found.env == env)
        .ok_or_else(|| {
            UsageError::new(format!(
                "the project `{project}` is not in the environment `{env}`"
            ))
            .with_hint(format!(
                "add it with `sleak project add {project} --env {env}`, or pick another `--env`"
            ))
            .into()
        })
}

/// Turns `KEY=VALUE` into a TOML value of the type the schema gives `KEY` in
/// `definition`, so that `--set engine_version=16.4` stays a string.
pub fn setting(definition: &str, pair: &str) -> anyhow::Result<(String, toml_edit::Value)> {
    let Some((key, raw)) = pair.split_once('=') else {
        return Err(UsageError::new(format!("`{pair}` is not KEY=VALUE"))
            .with_hint("write `--set key=value`, e.g. `--set multi_az=true`")
            .into());
    };
    let keys = table_keys(definition);
    let Some((_, kind)) = keys.iter().find(|(name, _)| name == key) else {
        let hint = match did_you_mean(key, keys.iter().map(|(name, _)| name.as_str())) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!(
                "known keys: {}",
                keys.iter()
                    .map(|(name, _)| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err(
            UsageError::new(format!("unknown key `{key}` in `--set {pair}`"))
                .with_hint(hint)
                .into(),
        );
    };
    let mut value = if kind == "string" {
        toml_edit::Value::from(raw)
    } else {
        raw.parse::<toml_edit::Value>().map_err(|_| {
            UsageError::new(format!("`{raw}` is not a TOML value for `{key}`")).with_hint(format!(
                "`{key}` takes {kind} values, e.g. `--set {key}={}`",
                example(kind)
            ))
        })?
    };
    // Drop the command line's spacing so the file gets toml_edit's usual `key = value`.
    value.decor_mut().clear();
    Ok((key.to_owned(), value))
}

fn example(kind: &str) -> &'static str {
    match kind {
        "integer" => "3",
        "boolean" => "true",
        "array" => "[\"a\", \"b\"]",
        "object" => "{ key = \"value\" }",
        _ => "value",
    }
}

/// `KEY=VALUE` pairs of `--var`.
pub fn variable(pair: &str) -> anyhow::Result<(String, String)> {
    pair.split_once('=')
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .ok_or_else(|| {
            UsageError::new(format!("`{pair}` is not KEY=VALUE"))
                .with_hint("write `--var LOG_LEVEL=info`")
                .into()
        })
}

/// The ProjectEnvs a `list` command shows: all, or those of `--project` and `--env`.
pub fn selected<'w>(
    workspace: &'w Workspace,
    args: &'w ListScopeArgs,
) -> impl Iterator<Item = &'w ProjectEnv> {
    workspace.project_envs().filter(move |project_env| {
        args.project
            .as_ref()
            .is_none_or(|project| &project_env.project == project)
            && args.env.as_ref().is_none_or(|env| &project_env.env == env)
    })
}
