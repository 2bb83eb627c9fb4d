//! The commands that read the variable groups: `list`, `get`, `explain`, `export`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::remote::{SecretStore, cluster_client, read_dependency};
use super::{Target, quoted};
use crate::cli::{VarExplainArgs, VarExportArgs, VarGetArgs, VarGroupArgs};
use crate::commands::{Context, block_on};
use crate::error::HintedFailure;
use crate::workspace::diagnostic::did_you_mean;
use crate::workspace::dotenv;
use crate::workspace::model::ProjectEnv;
use crate::workspace::variables::{self, Definition, Group, MASK, PRECEDENCE, Resolved, Value};

/// Every definition the target sees, resolved.
fn resolved(
    project_env: &ProjectEnv,
    target: &Target,
) -> (Vec<Definition>, BTreeMap<String, Resolved>) {
    let definitions = variables::definitions(project_env, target.service(project_env));
    let resolved = variables::resolve(&definitions);
    (definitions, resolved)
}

pub(super) fn list(context: &Context, args: VarGroupArgs) -> anyhow::Result<()> {
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

pub(super) fn get(context: &Context, args: VarGetArgs) -> anyhow::Result<()> {
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

pub(super) fn explain(context: &Context, args: VarExplainArgs) -> anyhow::Result<()> {
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

pub(super) fn export(context: &Context, args: VarExportArgs) -> anyhow::Result<()> {
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
