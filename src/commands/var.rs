//! `sleak var set|unset|list|get|import|export|explain`: the variable groups of a
//! project's environment. Plain values are edited in sleak.toml (comments kept); secret
//! values go to Secrets Manager only, and sleak.toml gets their names. Precedence is
//! workspace/variables.rs's.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;
use aws_config::SdkConfig;
use serde_json::json;
use toml_edit::{Array, DocumentMut, InlineTable, Item, TableLike};

use super::{Context, block_on, scope};
use crate::cli::{
    VarCommand, VarExplainArgs, VarExportArgs, VarGetArgs, VarGroupArgs, VarImportArgs, VarSetArgs,
    VarUnsetArgs,
};
use crate::error::{HintedFailure, UsageError};
use crate::operations::session::preflight;
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::tags::{idempotency_token, resource_tags};
use crate::providers::aws::{load_workspace_sdk_config, organizations, secrets};
use crate::workspace::diagnostic::did_you_mean;
use crate::workspace::edit::{Editor, write_atomically};
use crate::workspace::model::{ClusterSource, ProjectEnv, Service};
use crate::workspace::variables::{
    self, Definition, Group, MASK, PRECEDENCE, Resolved, Value, secret_store_id, secret_store_name,
};
use crate::workspace::{Workspace, dotenv, names};

pub fn run(context: &Context, command: VarCommand) -> anyhow::Result<()> {
    match command {
        VarCommand::Set(args) => set(context, args),
        VarCommand::Unset(args) => unset(context, args),
        VarCommand::List(args) => list(context, args),
        VarCommand::Get(args) => get(context, args),
        VarCommand::Import(args) => import(context, args),
        VarCommand::Export(args) => export(context, args),
        VarCommand::Explain(args) => explain(context, args),
    }
}

/// The group a command means: a ProjectEnv, and perhaps one of its services.
struct Target {
    project: String,
    env: String,
    service: Option<String>,
}

impl Target {
    fn resolve(
        context: &Context,
        workspace: &Workspace,
        args: VarGroupArgs,
    ) -> anyhow::Result<Self> {
        let (project, env) = scope::resolve(&context.printer, workspace, args.scope)?;
        let target = Self {
            project,
            env,
            service: args.service,
        };
        let project_env = target.project_env(workspace)?;
        if let Some(service) = &target.service
            && !project_env
                .services
                .iter()
                .any(|found| &found.name == service)
        {
            let names: Vec<&str> = project_env
                .services
                .iter()
                .map(|found| found.name.as_str())
                .collect();
            let hint = match did_you_mean(service, names.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!(
                    "list the services with `sleak service list -p {} -e {}`",
                    target.project, target.env
                ),
            };
            return Err(
                UsageError::new(format!("{} has no service `{service}`", target.place()))
                    .with_hint(hint)
                    .into(),
            );
        }
        Ok(target)
    }

    fn project_env<'w>(&self, workspace: &'w Workspace) -> anyhow::Result<&'w ProjectEnv> {
        workspace
            .project_envs()
            .find(|found| found.project == self.project && found.env == self.env)
            .ok_or_else(|| {
                UsageError::new(format!(
                    "the project `{}` is not in the environment `{}`",
                    self.project, self.env
                ))
                .with_hint(format!(
                    "add it with `sleak project add {} --env {}`, or pick another `--env`",
                    self.project, self.env
                ))
                .into()
            })
    }

    fn service<'w>(&self, project_env: &'w ProjectEnv) -> Option<&'w Service> {
        let name = self.service.as_deref()?;
        project_env
            .services
            .iter()
            .find(|service| service.name == name)
    }

    /// `api/staging`.
    fn place(&self) -> String {
        format!("{}/{}", self.project, self.env)
    }

    /// `the global group of api/staging`, `the group of service web in api/staging`.
    fn describe(&self) -> String {
        match &self.service {
            Some(service) => format!("the group of service `{service}` in {}", self.place()),
            None => format!("the global group of {}", self.place()),
        }
    }

    /// The options naming this group again: `-p api -e staging [-s web]`.
    fn options(&self) -> String {
        let mut options = format!("-p {} -e {}", self.project, self.env);
        if let Some(service) = &self.service {
            options.push_str(&format!(" -s {service}"));
        }
        options
    }

    /// The key path of the group's table in sleak.toml.
    fn table_keys(&self) -> Vec<&str> {
        let mut keys = vec!["projects", &self.project, "envs", &self.env];
        if let Some(service) = &self.service {
            keys.extend(["services", service.as_str()]);
        }
        keys
    }
}

/// The plain values and secret names of one group, as the model has them.
fn group_of<'w>(
    project_env: &'w ProjectEnv,
    service: Option<&'w Service>,
) -> (&'w BTreeMap<String, String>, &'w BTreeSet<String>) {
    match service {
        Some(service) => (&service.variables, &service.secret_variables),
        None => (&project_env.variables, &project_env.secret_variables),
    }
}

fn check_key(key: &str, given: &str) -> Result<(), UsageError> {
    names::env_var(key).map_err(|reason| {
        UsageError::new(format!(
            "`{key}` in `{given}` is not a valid variable name: {reason}"
        ))
        .with_hint(format!(
            "use letters, digits and `_`, e.g. `{}`",
            crate::workspace::validate::suggest_env_var(key)
        ))
    })
}

/// What `set` and `import` write: each key with its value, plain or secret.
struct Assignment {
    key: String,
    value: String,
}

fn set(context: &Context, args: VarSetArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let mut assignments = Vec::new();
    let mut from_stdin = None;
    for pair in &args.pairs {
        match pair.split_once('=') {
            Some((key, value)) => {
                check_key(key, pair)?;
                assignments.push(Assignment {
                    key: key.to_owned(),
                    value: value.to_owned(),
                });
            }
            None if args.secret => {
                check_key(pair, pair)?;
                if from_stdin.replace(pair.clone()).is_some() {
                    return Err(UsageError::new(
                        "only one `KEY` without a value can be read from stdin",
                    )
                    .with_hint("give the others as `KEY=VALUE`, or set them one at a time")
                    .into());
                }
            }
            None => {
                return Err(UsageError::new(format!("`{pair}` is not KEY=VALUE"))
                    .with_hint(format!(
                        "write `sleak var set {pair}=<value>`; for a secret, `--secret` reads a lone `{pair}`'s value from stdin"
                    ))
                    .into());
            }
        }
    }
    if let Some(key) = from_stdin {
        let value = read_secret_value(context, &key)?;
        assignments.push(Assignment { key, value });
    }
    write_assignments(context, &workspace, &target, assignments, args.secret)
}

/// A secret value from stdin: piped (one trailing newline dropped), or typed without
/// echo on a terminal.
fn read_secret_value(context: &Context, key: &str) -> anyhow::Result<String> {
    let printer = &context.printer;
    if printer.stdin_is_terminal {
        if !printer.stderr_is_terminal {
            return Err(UsageError::new(format!(
                "no value for `{key}`: stdin is a terminal but stderr is not, so sleak cannot ask"
            ))
            .with_hint(format!(
                "pipe it: `printf %s \"$VALUE\" | sleak var set {key} --secret …`"
            ))
            .into());
        }
        let theme = dialoguer::theme::SimpleTheme;
        let value = dialoguer::Password::with_theme(&theme)
            .with_prompt(format!("Value of {key}"))
            .allow_empty_password(true)
            .interact()?;
        return Ok(value);
    }
    let mut value =
        std::io::read_to_string(std::io::stdin()).context("could not read the value from stdin")?;
    if value.ends_with('\n') {
        value.pop();
        if value.ends_with('\r') {
            value.pop();
        }
    }
    if value.is_empty() {
        return Err(UsageError::new(format!("no value for `{key}` on stdin"))
            .with_hint(format!(
                "pipe it: `printf %s \"$VALUE\" | sleak var set {key} --secret …`, or give `{key}=VALUE`"
            ))
            .into());
    }
    Ok(value)
}

/// Writes `assignments` to the target group: plain ones into sleak.toml, secret ones
/// into Secrets Manager (their names into sleak.toml). A key that changes between
/// plain and secret moves, and is said to.
fn write_assignments(
    context: &Context,
    workspace: &Workspace,
    target: &Target,
    assignments: Vec<Assignment>,
    secret: bool,
) -> anyhow::Result<()> {
    let project_env = target.project_env(workspace)?;
    let (plain, secret_names) = group_of(project_env, target.service(project_env));
    let mut editor = Editor::open(&workspace.file)?;
    let mut moved = Vec::new();
    {
        let table = group_table(&mut editor.document, &target.table_keys())?;
        for assignment in &assignments {
            let key = assignment.key.as_str();
            if secret {
                if plain.contains_key(key) {
                    moved.push(format!("`{key}` from plain to secret"));
                }
                remove_plain(table, key);
                add_secret_name(table, key);
            } else {
                if secret_names.contains(key) {
                    moved.push(format!("`{key}` from secret to plain"));
                }
                remove_secret_name(table, key);
                set_plain(table, key, &assignment.value);
            }
        }
    }
    editor.check()?;
    // Secrets Manager first: a name in sleak.toml without its value would fail apply.
    let to_plain: Vec<&str> = assignments
        .iter()
        .map(|assignment| assignment.key.as_str())
        .filter(|key| !secret && secret_names.contains(*key))
        .collect();
    let store_name = store_name(workspace, target);
    if secret || !to_plain.is_empty() {
        block_on(async {
            let store = SecretStore::open(context, workspace, project_env, target).await?;
            let mut values = store.read().await?.unwrap_or_default();
            for key in &to_plain {
                values.remove(*key);
            }
            if secret {
                for assignment in &assignments {
                    values.insert(assignment.key.clone(), assignment.value.clone());
                }
            }
            store.write(&values).await
        })??;
    }
    write_atomically(&editor.path, &editor.document.to_string())?;
    let keys = quoted(assignments.iter().map(|assignment| assignment.key.as_str()));
    let printer = &context.printer;
    for moved in moved {
        printer.status(&format!("Moved {moved} in {}", target.describe()));
    }
    let file = context.display_path(&workspace.file);
    if secret {
        printer.success(
            "Set",
            &format!(
                "secret {keys} in {}: the value in Secrets Manager (`{store_name}`), the name in {file}",
                target.describe()
            ),
        );
    } else {
        printer.success("Set", &format!("{keys} in {} ({file})", target.describe()));
    }
    printer.status("Run `sleak apply` to update the cluster");
    Ok(())
}

fn unset(context: &Context, args: VarUnsetArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let project_env = target.project_env(&workspace)?;
    let (plain, secret_names) = group_of(project_env, target.service(project_env));
    for key in &args.keys {
        if !plain.contains_key(key) && !secret_names.contains(key) {
            let known = plain.keys().chain(secret_names.iter()).map(String::as_str);
            let hint = match did_you_mean(key, known) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("list them with `sleak var list {}`", target.options()),
            };
            return Err(UsageError::new(format!(
                "`{key}` is not a variable of {}",
                target.describe()
            ))
            .with_hint(hint)
            .into());
        }
    }
    let mut editor = Editor::open(&workspace.file)?;
    {
        let table = group_table(&mut editor.document, &target.table_keys())?;
        for key in &args.keys {
            remove_plain(table, key);
            remove_secret_name(table, key);
        }
    }
    editor.check()?;
    let secret_keys: Vec<&String> = args
        .keys
        .iter()
        .filter(|key| secret_names.contains(*key))
        .collect();
    if !secret_keys.is_empty() {
        block_on(async {
            let store = SecretStore::open(context, &workspace, project_env, &target).await?;
            if let Some(mut values) = store.read().await? {
                for key in &secret_keys {
                    values.remove(*key);
                }
                store.write(&values).await?;
            }
            Ok::<_, anyhow::Error>(())
        })??;
    }
    write_atomically(&editor.path, &editor.document.to_string())?;
    context.printer.success(
        "Removed",
        &format!(
            "{} from {}",
            quoted(args.keys.iter().map(String::as_str)),
            target.describe()
        ),
    );
    context
        .printer
        .status("Run `sleak apply` to update the cluster");
    Ok(())
}

fn import(context: &Context, args: VarImportArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let shown = context.display_path(&args.file);
    let text = std::fs::read_to_string(&args.file).map_err(|error| {
        UsageError::new(format!("could not read `{shown}`: {error}"))
            .with_hint("give the path of a .env file")
    })?;
    let parsed = dotenv::parse(&text).map_err(|error| {
        UsageError::new(format!("{shown}:{}: {}", error.line, error.message))
            .with_hint("fix that line and import again; nothing was imported")
    })?;
    for entry in &parsed.entries {
        check_key(&entry.key, &format!("{shown}:{}", entry.line)).map_err(|error| {
            UsageError::new(format!("{shown}:{}: {error}", entry.line))
                .with_hint("fix that line and import again; nothing was imported")
        })?;
    }
    if parsed.entries.is_empty() {
        return Err(UsageError::new(format!("`{shown}` holds no variables"))
            .with_hint("write `KEY=VALUE` lines")
            .into());
    }
    for (key, line) in &parsed.overridden {
        context.printer.warning(&format!(
            "{shown}:{line}: `{key}` is given again later in the file; the last one wins"
        ));
    }
    let count = parsed.entries.len();
    let assignments = parsed
        .entries
        .into_iter()
        .map(|entry| Assignment {
            key: entry.key,
            value: entry.value,
        })
        .collect();
    write_assignments(context, &workspace, &target, assignments, args.secret)?;
    context.printer.status(&format!(
        "Imported {count} variable{} from {shown}",
        if count == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// Every definition the target sees, resolved.
fn resolved(
    project_env: &ProjectEnv,
    target: &Target,
) -> (Vec<Definition>, BTreeMap<String, Resolved>) {
    let definitions = variables::definitions(project_env, target.service(project_env));
    let resolved = variables::resolve(&definitions);
    (definitions, resolved)
}

fn list(context: &Context, args: VarGroupArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args)?;
    let project_env = target.project_env(&workspace)?;
    let (_, resolved) = resolved(project_env, &target);
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for (key, entry) in &resolved {
        let winner = &entry.winner;
        for definition in entry.overridden.iter().chain([winner]) {
            let overridden_by = (definition != winner).then(|| winner.group.source());
            rows.push(vec![
                key.clone(),
                definition.value.shown(),
                definition.group.source(),
                overridden_by
                    .as_ref()
                    .map_or_else(|| "no".to_owned(), |by| format!("by {by}")),
            ]);
            items.push(definition_json(definition, overridden_by));
        }
    }
    if context.printer.json() {
        context.printer.data_json(&json!(items));
    } else if rows.is_empty() {
        context.printer.status(&format!(
            "No variables in {}: set one with `sleak var set KEY=VALUE {}`",
            target.place(),
            target.options()
        ));
    } else {
        context
            .printer
            .table(&["KEY", "VALUE", "SOURCE", "OVERRIDDEN"], rows);
    }
    Ok(())
}

/// A definition as JSON: secret values masked, dependency values named.
fn definition_json(definition: &Definition, overridden_by: Option<String>) -> serde_json::Value {
    let (value, dependency) = match &definition.value {
        Value::Plain(value) => (json!(value), None),
        Value::Secret => (json!(MASK), None),
        Value::Dependency(name) => (serde_json::Value::Null, Some(name.clone())),
    };
    json!({
        "key": definition.key,
        "value": value,
        "secret": definition.value.is_secret(),
        "source": definition.group.source(),
        "dependency": dependency,
        "overridden_by": overridden_by,
    })
}

fn lookup<'r>(
    resolved: &'r BTreeMap<String, Resolved>,
    key: &str,
    target: &Target,
) -> anyhow::Result<&'r Resolved> {
    resolved.get(key).ok_or_else(|| {
        let hint = match did_you_mean(key, resolved.keys().map(String::as_str)) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("list them with `sleak var list {}`", target.options()),
        };
        let whom = match &target.service {
            Some(service) => format!("the service `{service}` of {}", target.place()),
            None => target.place(),
        };
        HintedFailure::new(format!("no group of {whom} defines `{key}`"), hint).into()
    })
}

fn get(context: &Context, args: VarGetArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let project_env = target.project_env(&workspace)?;
    let (_, resolved) = resolved(project_env, &target);
    let winner = &lookup(&resolved, &args.key, &target)?.winner;
    let printer = &context.printer;
    let (shown, revealed) = match &winner.value {
        Value::Secret if args.reveal => {
            let owner = owner_target(&target, &winner.group);
            let values = block_on(async {
                let store = SecretStore::open(context, &workspace, project_env, &owner).await?;
                store.read().await
            })??
            .unwrap_or_default();
            let value = values.get(&args.key).cloned().ok_or_else(|| {
                HintedFailure::new(
                    format!(
                        "`{}` is listed as secret in {} but Secrets Manager has no value for it",
                        args.key,
                        owner.describe()
                    ),
                    format!(
                        "set it with `sleak var set {} --secret {}`",
                        args.key,
                        owner.options()
                    ),
                )
            })?;
            (value, true)
        }
        Value::Secret => {
            printer.status(&format!(
                "`{}` is secret ({}): pass `--reveal` to print its value",
                args.key,
                winner.group.source()
            ));
            (MASK.to_owned(), false)
        }
        Value::Dependency(name) => {
            printer.status(&format!(
                "`{}` is made by the dependency `{name}` when it is applied (the Kubernetes Secret `dependency-{name}`)",
                args.key
            ));
            (winner.value.shown(), false)
        }
        Value::Plain(value) => (value.clone(), false),
    };
    if printer.json() {
        let mut item = definition_json(winner, None);
        item["value"] = json!(shown);
        item["revealed"] = json!(revealed);
        printer.data_json(&item);
    } else {
        printer.data(&shown);
    }
    Ok(())
}

/// The group that owns a secret definition, as a target (a service's or the global).
fn owner_target(target: &Target, group: &Group) -> Target {
    Target {
        project: target.project.clone(),
        env: target.env.clone(),
        service: match group {
            Group::Service(name) => Some(name.clone()),
            _ => None,
        },
    }
}

fn explain(context: &Context, args: VarExplainArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let project_env = target.project_env(&workspace)?;
    let (_, resolved) = resolved(project_env, &target);
    let entry = lookup(&resolved, &args.key, &target)?;
    let winner = &entry.winner;
    let why = if entry.overridden.is_empty() {
        format!(
            "{} wins: it is the only group that defines `{}`",
            winner.group.source(),
            args.key
        )
    } else {
        format!("{} wins: {PRECEDENCE}", winner.group.source())
    };
    let definitions: Vec<&Definition> = entry.overridden.iter().chain([winner]).collect();
    let printer = &context.printer;
    if printer.json() {
        printer.data_json(&json!({
            "key": args.key,
            "project": target.project,
            "env": target.env,
            "service": target.service,
            "definitions": definitions.iter().map(|definition| {
                let mut item = definition_json(definition, (*definition != winner).then(|| winner.group.source()));
                item["wins"] = json!(*definition == winner);
                item
            }).collect::<Vec<_>>(),
            "winner": winner.group.source(),
            "why": why,
        }));
        return Ok(());
    }
    let rows = definitions
        .iter()
        .enumerate()
        .map(|(index, definition)| {
            vec![
                (index + 1).to_string(),
                definition.group.source(),
                definition.value.shown(),
                if *definition == winner {
                    "wins".to_owned()
                } else {
                    format!("overridden by {}", winner.group.source())
                },
            ]
        })
        .collect();
    printer.table(&["PRECEDENCE", "GROUP", "VALUE", "RESULT"], rows);
    printer.data(&why);
    Ok(())
}

fn export(context: &Context, args: VarExportArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let target = Target::resolve(context, &workspace, args.group)?;
    let project_env = target.project_env(&workspace)?;
    let (_, resolved) = resolved(project_env, &target);
    let printer = &context.printer;
    let secret_owners: BTreeSet<Option<String>> = resolved
        .values()
        .filter(|entry| entry.winner.value.is_secret())
        .map(|entry| owner_target(&target, &entry.winner.group).service)
        .collect();
    let dependencies: BTreeSet<String> = resolved
        .values()
        .filter_map(|entry| match &entry.winner.value {
            Value::Dependency(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    // Secret values (with --reveal), by owning group; dependency values, by dependency.
    let mut secret_values: BTreeMap<Option<String>, BTreeMap<String, String>> = BTreeMap::new();
    let mut dependency_values: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    if (args.reveal && !secret_owners.is_empty()) || !dependencies.is_empty() {
        block_on(async {
            if args.reveal {
                for owner in &secret_owners {
                    let owner_target = Target {
                        project: target.project.clone(),
                        env: target.env.clone(),
                        service: owner.clone(),
                    };
                    let store =
                        SecretStore::open(context, &workspace, project_env, &owner_target).await?;
                    secret_values.insert(owner.clone(), store.read().await?.unwrap_or_default());
                }
            }
            if !dependencies.is_empty() {
                let which = match dependencies.len() {
                    1 => "the dependency",
                    _ => "the dependencies",
                };
                let quoted_names = quoted(dependencies.iter().map(String::as_str));
                match cluster_client(context, &workspace, project_env).await {
                    Ok(client) => {
                        for name in &dependencies {
                            match read_dependency(&client, project_env, name).await {
                                Ok(values) => {
                                    dependency_values.insert(name.clone(), values);
                                }
                                Err(error) => printer.warning(&format!(
                                    "left out the variables of the dependency `{name}`: could not read the Kubernetes Secret `dependency-{name}` ({error:#})"
                                )),
                            }
                        }
                    }
                    Err(error) => printer.warning(&format!(
                        "left out the variables of {which} {quoted_names}: could not reach the cluster `{}` ({error:#})",
                        project_env.cluster
                    )),
                }
            }
            Ok::<_, anyhow::Error>(())
        })??;
    }
    let mut out = String::new();
    let mut masked = 0;
    for (key, entry) in &resolved {
        match &entry.winner.value {
            Value::Plain(value) => out.push_str(&dotenv::write([(key.as_str(), value.as_str())])),
            Value::Secret => {
                let owner = owner_target(&target, &entry.winner.group).service;
                match secret_values.get(&owner).and_then(|values| values.get(key)) {
                    Some(value) => {
                        out.push_str(&dotenv::write([(key.as_str(), value.as_str())]));
                    }
                    None => {
                        if args.reveal {
                            printer.warning(&format!(
                                "Secrets Manager has no value for the secret `{key}`: set it with `sleak var set {key} --secret {}`",
                                owner_target(&target, &entry.winner.group).options()
                            ));
                        }
                        masked += 1;
                        out.push_str(&format!(
                            "# {key}=  (secret, {}: `sleak var export --reveal` writes it)\n",
                            entry.winner.group.source()
                        ));
                    }
                }
            }
            Value::Dependency(name) => {
                if let Some(value) = dependency_values
                    .get(name)
                    .and_then(|values| values.get(key))
                {
                    out.push_str(&dotenv::write([(key.as_str(), value.as_str())]));
                }
            }
        }
    }
    if masked > 0 && !args.reveal {
        printer.status(&format!(
            "{masked} secret value{} written as commented-out placeholders: pass `--reveal` to write {}",
            if masked == 1 { " is" } else { "s are" },
            if masked == 1 { "it" } else { "them" }
        ));
    }
    let text = out.strip_suffix('\n').unwrap_or(&out);
    if !text.is_empty() {
        printer.data(text);
    }
    Ok(())
}

/// A client of the ProjectEnv's cluster: its kubeconfig context, or its EKS endpoint
/// reached with the credentials of its account.
async fn cluster_client(
    context: &Context,
    workspace: &Workspace,
    project_env: &ProjectEnv,
) -> anyhow::Result<kube::Client> {
    use crate::providers::kubernetes::{self, Endpoint};
    let cluster = workspace
        .cluster(&project_env.cluster)
        .with_context(|| format!("no cluster `{}`", project_env.cluster))?;
    match &cluster.source {
        ClusterSource::Context {
            context: kube_context,
        } => {
            kubernetes::connect(&Endpoint::Context {
                context: kube_context.clone(),
            })
            .await
        }
        ClusterSource::Eks { account } => {
            let (access, accounts) = aws_access(context, workspace).await?;
            let account_id = accounts
                .get(account)
                .with_context(|| format!("the organization has no account `{account}`"))?;
            let mut env = crate::reconcile::Env::new(
                access,
                &workspace.organization.name,
                &workspace.organization.region,
            );
            env.clusters = workspace
                .clusters
                .iter()
                .map(|cluster| (cluster.name.clone(), cluster.source.clone()))
                .collect();
            Ok(env
                .connection(&cluster.name, Some(account_id))
                .await?
                .client)
        }
    }
}

/// The values of a dependency's Kubernetes Secret `dependency-<name>`.
async fn read_dependency(
    client: &kube::Client,
    project_env: &ProjectEnv,
    name: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    use base64::Engine as _;
    let manifest = json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": { "name": format!("dependency-{name}"), "namespace": project_env.namespace },
    });
    let object = crate::providers::kubernetes::get(client, &manifest)
        .await?
        .context("it does not exist yet (`sleak apply` makes it)")?;
    let engine = base64::engine::general_purpose::STANDARD;
    Ok(object["data"]
        .as_object()
        .map(|data| {
            data.iter()
                .filter_map(|(key, value)| {
                    let bytes = engine.decode(value.as_str()?).ok()?;
                    Some((key.clone(), String::from_utf8(bytes).ok()?))
                })
                .collect()
        })
        .unwrap_or_default())
}

/// The caller's access to the organization's accounts, and the active accounts' ids by
/// name.
async fn aws_access(
    context: &Context,
    workspace: &Workspace,
) -> anyhow::Result<(AccountAccess, BTreeMap<String, String>)> {
    let region = &workspace.organization.region;
    let config = load_workspace_sdk_config(&context.aws_settings(None), region).await?;
    let preflight = preflight(&config).await?;
    context.printer.debug(&format!(
        "acting as {} in account {} ({region})",
        preflight.caller.arn, preflight.caller.account
    ));
    if preflight.organization.is_none() {
        return Err(UsageError::new("there is no organization yet")
            .with_hint("build it and its accounts with `sleak onboard`")
            .into());
    }
    let accounts = organizations::list_accounts(&config)
        .await?
        .iter()
        .filter(|account| account.active)
        .map(|account| (account.name.clone(), account.id.clone()))
        .collect();
    Ok((
        AccountAccess::new(config, preflight.caller.account.clone()),
        accounts,
    ))
}

fn store_name(workspace: &Workspace, target: &Target) -> String {
    secret_store_name(
        &workspace.organization.name,
        &target.project,
        &target.env,
        target.service.as_deref(),
    )
}

/// The Secrets Manager secret of one group, in the ProjectEnv's account.
struct SecretStore {
    config: SdkConfig,
    name: String,
    tags: Vec<(String, String)>,
    token: String,
}

impl SecretStore {
    async fn open(
        context: &Context,
        workspace: &Workspace,
        project_env: &ProjectEnv,
        target: &Target,
    ) -> anyhow::Result<Self> {
        let Some(account) = project_env.account.as_deref() else {
            return Err(UsageError::new(format!(
                "no account holds the secret variables of {}: its environment is on a cluster you bring",
                target.place()
            ))
            .with_hint(format!(
                "set `account` (e.g. `account = \"development\"`) under `[environments.{}]`",
                target.env
            ))
            .into());
        };
        let (access, accounts) = aws_access(context, workspace).await?;
        let account_id = accounts.get(account).ok_or_else(|| {
            UsageError::new(format!(
                "the organization has no account `{account}` yet, where the secret variables of {} live",
                target.place()
            ))
            .with_hint("create it with `sleak onboard`")
        })?;
        let config = access.config(account_id).await;
        let id = secret_store_id(&target.project, &target.env, target.service.as_deref());
        let organization = &workspace.organization.name;
        Ok(Self {
            config,
            name: store_name(workspace, target),
            tags: resource_tags(organization, &id),
            token: idempotency_token(organization, &id),
        })
    }

    async fn read(&self) -> anyhow::Result<Option<BTreeMap<String, String>>> {
        secrets::get_map(&self.config, &self.name).await
    }

    async fn write(&self, values: &BTreeMap<String, String>) -> anyhow::Result<()> {
        secrets::put_map(
            &self.config,
            &self.name,
            "Secret variables of a sleak variable group (sleak var set --secret)",
            values,
            &self.tags,
            &self.token,
        )
        .await
        .map(|_| ())
    }
}

/// The table of the group at `keys` (a ProjectEnv's or a service's), however it is
/// written (a `[header]` table, dotted keys or an inline table).
fn group_table<'d>(
    document: &'d mut DocumentMut,
    keys: &[&str],
) -> anyhow::Result<&'d mut dyn TableLike> {
    let missing = || anyhow::anyhow!("`{}` is not a table in the workspace", keys.join("."));
    let mut item: &mut Item = document.as_item_mut();
    for key in keys {
        item = item
            .as_table_like_mut()
            .and_then(|table| table.get_mut(key))
            .ok_or_else(missing)?;
    }
    if let Item::Table(table) = item
        && table.is_implicit()
        && !table.is_dotted()
    {
        // A table known only through its sub-tables gets a header once it holds values.
        table.set_implicit(false);
    }
    item.as_table_like_mut().ok_or_else(missing)
}

fn set_plain(table: &mut dyn TableLike, key: &str, value: &str) {
    if table
        .get("variables")
        .and_then(Item::as_table_like)
        .is_none()
    {
        table.insert("variables", toml_edit::value(InlineTable::new()));
    }
    if let Some(variables) = table.get_mut("variables").and_then(Item::as_table_like_mut) {
        match variables.get_mut(key) {
            // Keep the key's place and decoration; change only the value.
            Some(Item::Value(existing)) => {
                let decor = existing.decor().clone();
                *existing = toml_edit::Value::from(value);
                *existing.decor_mut() = decor;
            }
            _ => {
                variables.insert(key, toml_edit::value(value));
            }
        }
    }
    // An inline table holds no comments: laying it out again loses nothing.
    if let Some(Item::Value(toml_edit::Value::InlineTable(inline))) = table.get_mut("variables") {
        inline.fmt();
    }
}

fn remove_plain(table: &mut dyn TableLike, key: &str) {
    let Some(variables) = table.get_mut("variables").and_then(Item::as_table_like_mut) else {
        return;
    };
    variables.remove(key);
    if variables.is_empty() {
        table.remove("variables");
    } else if let Some(Item::Value(toml_edit::Value::InlineTable(inline))) =
        table.get_mut("variables")
    {
        inline.fmt();
    }
}

fn add_secret_name(table: &mut dyn TableLike, key: &str) {
    if table
        .get("secret_variables")
        .and_then(Item::as_array)
        .is_none()
    {
        table.insert("secret_variables", toml_edit::value(Array::new()));
    }
    if let Some(names) = table
        .get_mut("secret_variables")
        .and_then(Item::as_array_mut)
        && !names.iter().any(|name| name.as_str() == Some(key))
    {
        names.push(key);
        names.fmt();
    }
}

fn remove_secret_name(table: &mut dyn TableLike, key: &str) {
    let Some(names) = table
        .get_mut("secret_variables")
        .and_then(Item::as_array_mut)
    else {
        return;
    };
    names.retain(|name| name.as_str() != Some(key));
    names.fmt();
    if names.is_empty() {
        table.remove("secret_variables");
    }
}

fn quoted<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
