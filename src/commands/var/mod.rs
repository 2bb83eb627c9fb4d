//! `sleak var set|unset|list|get|import|export|explain`: the variable groups of a
//! project's environment. Plain values are edited in sleak.toml (comments kept); secret
//! values go to Secrets Manager only, and sleak.toml gets their names. Precedence is
//! workspace/variables.rs's.
//!
//! - `mod.rs`: which group a command means, and the commands that write (`set`,
//!   `unset`, `import`);
//! - `show.rs`: the commands that read (`list`, `get`, `explain`, `export`);
//! - `remote.rs`: a group's Secrets Manager secret, and the cluster's dependency Secrets;
//! - `table.rs`: the edits of a group's table in sleak.toml.

pub(crate) mod remote;
mod show;
mod table;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context as _;

use super::{Context, block_on, scope};
use crate::cli::{VarCommand, VarGroupArgs, VarImportArgs, VarSetArgs, VarUnsetArgs};
use crate::error::UsageError;
use crate::workspace::diagnostic::did_you_mean;
use crate::workspace::edit::{Editor, write_atomically};
use crate::workspace::model::{ProjectEnv, Service};
use crate::workspace::{Workspace, dotenv, names};
use remote::{SecretStore, store_name};
use table::{add_secret_name, group_table, remove_plain, remove_secret_name, set_plain};

pub fn run(context: &Context, command: VarCommand) -> anyhow::Result<()> {
    match command {
        VarCommand::Set(args) => set(context, args),
        VarCommand::Unset(args) => unset(context, args),
        VarCommand::List(args) => show::list(context, args),
        VarCommand::Get(args) => show::get(context, args),
        VarCommand::Import(args) => import(context, args),
        VarCommand::Export(args) => show::export(context, args),
        VarCommand::Explain(args) => show::explain(context, args),
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
        super::scope::project_env(workspace, &self.project, &self.env)
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

fn quoted<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
