//! `sleak destroy`: deletes what onboarding built, in reverse order, sweeping resources
//! tagged for the workspace that it no longer describes. Accounts stay unless
//! `--close-accounts`; the organization always stays.

use std::collections::HashMap;

use super::apply::{Session, open_session};
use super::{Context, block_on};
use crate::cli::DestroyArgs;
use crate::error::UsageError;
use crate::output::progress::{Progress, format_duration};
use crate::reconcile::executor::{Event, execute};
use crate::reconcile::{Change, Step};

/// Orphans go first, and among them what holds others goes last.
fn orphan_rank(kind: &str) -> u8 {
    match kind {
        "ec2:instance" => 0,
        "ec2:nat-gateway" | "ec2:vpc-peering-connection" => 1,
        "ec2:elastic-ip" => 2,
        "ec2:security-group" | "ec2:route-table" => 3,
        "ec2:internet-gateway" => 4,
        "ec2:subnet" => 5,
        _ => 6,
    }
}

pub fn destroy(context: &Context, args: DestroyArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let name = workspace.organization.name.clone();
    let printer = &context.printer;
    block_on(async {
        let session = open_session(context, workspace).await?;
        let steps = delete_steps(&session, args.close_accounts, true, |_| true);
        if steps.is_empty() {
            printer.success(
                "Nothing to destroy:",
                &format!("no resource of `{name}` exists"),
            );
            return Ok(());
        }
        show_deletes(context, &steps);
        let accounts_note = if args.close_accounts {
            "the member accounts will be CLOSED"
        } else {
            "the accounts and the organization stay"
        };
        printer.status(&format!(
            "{} resources to delete; {accounts_note}.",
            steps.len()
        ));
        if args.dry_run {
            printer.status("Dry run: nothing was deleted.");
            return Ok(());
        }
        confirm_name(context, "workspace", &name, args.confirm.as_deref())?;
        run_deletes(context, &session, &steps, "Destroyed")
            .await
            .map_err(|error| error.context("destroy stopped: run `sleak destroy` again to finish"))
    })?
}

/// The delete steps of the found resources `wanted` selects, dependents first; with
/// `sweep`, the orphans too.
pub fn delete_steps(
    session: &Session,
    close_accounts: bool,
    sweep: bool,
    wanted: impl Fn(&crate::plan::Resource) -> bool,
) -> Vec<Step> {
    {
        let found = &session.observation.found;
        // Deleting resource X waits for every found resource that depends on X.
        let mut steps: Vec<Step> = Vec::new();
        let mut dependents: HashMap<&str, Vec<String>> = HashMap::new();
        for resource in &session.graph.resources {
            for dependency in &resource.depends_on {
                dependents
                    .entry(dependency.as_str())
                    .or_default()
                    .push(resource.id.clone());
            }
        }
        let no_orphans = Vec::new();
        let orphans = if sweep {
            &session.observation.orphans
        } else {
            &no_orphans
        };
        let orphan_ids: Vec<(String, String, u8)> = orphans
            .iter()
            .map(|orphan| {
                (
                    format!("orphan/{}/{}", orphan.account, orphan.cloud_id),
                    orphan.account.clone(),
                    orphan_rank(&orphan.kind),
                )
            })
            .collect();
        for resource in session.graph.resources.iter().rev() {
            let Some(existing) = found.get(&resource.id) else {
                continue;
            };
            let keep = resource.kind == "organizations:organization"
                || (resource.kind == "organizations:account" && !close_accounts);
            if keep || resource.spec.is_none() || !wanted(resource) {
                continue;
            }
            let mut depends_on: Vec<String> = dependents
                .get(resource.id.as_str())
                .into_iter()
                .flatten()
                .filter(|dependent| found.contains_key(dependent.as_str()))
                .cloned()
                .collect();
            // Swept orphans may sit in this account's VPC: they go first.
            depends_on.extend(
                orphan_ids
                    .iter()
                    .filter(|(_, account, _)| account == &resource.scope)
                    .map(|(id, _, _)| id.clone()),
            );
            if resource.kind == "organizations:account" {
                // An account closes after everything in it, and its peerings, are gone.
                let name = resource.id.trim_start_matches("account/");
                let inside = format!("account/{name}/");
                depends_on.extend(
                    found
                        .keys()
                        .filter(|id| {
                            (id.starts_with(&inside)
                                || (id.starts_with("peering/") && id.contains(name)))
                                && session
                                    .graph
                                    .get(id)
                                    .is_some_and(|other| other.spec.is_some())
                        })
                        .cloned(),
                );
            }
            steps.push(Step {
                id: resource.id.clone(),
                kind: resource.kind.clone(),
                scope: resource.scope.clone(),
                change: Change::Delete,
                cloud_id: Some(existing.cloud_id.clone()),
                drift: Vec::new(),
                depends_on,
                facts: Default::default(),
            });
        }
        for (orphan, (id, account, rank)) in orphans.iter().zip(&orphan_ids) {
            let depends_on = orphan_ids
                .iter()
                .filter(|(_, other_account, other_rank)| {
                    other_account == account && other_rank < rank
                })
                .map(|(other, _, _)| other.clone())
                .collect();
            steps.push(Step {
                id: id.clone(),
                kind: orphan.kind.clone(),
                scope: orphan.account.clone(),
                change: Change::Delete,
                cloud_id: Some(orphan.cloud_id.clone()),
                drift: Vec::new(),
                depends_on,
                facts: Default::default(),
            });
        }
        steps
    }
}

/// The delete steps as a table, on stdout (they are what the command shows).
pub fn show_deletes(context: &Context, steps: &[Step]) {
    let printer = &context.printer;
    let rows: Vec<Vec<String>> = steps
        .iter()
        .map(|step| {
            vec![
                "delete".to_owned(),
                step.id.clone(),
                step.kind.clone(),
                step.scope.clone(),
                step.cloud_id.clone().unwrap_or_default(),
            ]
        })
        .collect();
    if !printer.json() {
        printer.table(&["ACTION", "RESOURCE", "KIND", "ACCOUNT", "CLOUD ID"], rows);
    }
}

/// Deletes, in order, independent ones in parallel.
pub async fn run_deletes(
    context: &Context,
    session: &Session,
    steps: &[Step],
    done: &str,
) -> anyhow::Result<()> {
    let printer = &context.printer;
    {
        let started = std::time::Instant::now();
        let progress = Progress::new(printer, steps.len(), "destroying");
        let events = |event: Event| progress.event(event);
        let account_ids: HashMap<String, String> = session.snapshots.account_ids.clone();
        let onboarding = &session.onboarding;
        let result = execute(steps, 8, &events, |step, _ids| {
            let account_id = account_ids
                .get(&step.scope)
                .cloned()
                .unwrap_or_else(|| onboarding.access.caller_account().to_owned());
            let events = &events;
            let resource = session.graph.get(&step.id);
            let account_ids = &account_ids;
            async move {
                let cloud_id = step.cloud_id.clone().unwrap_or_default();
                let on_wait = |message: &str| {
                    events(Event::Waiting {
                        id: step.id.clone(),
                        message: message.to_owned(),
                    })
                };
                match resource {
                    Some(resource) => {
                        onboarding
                            .delete_resource(resource, account_ids, &cloud_id, &on_wait)
                            .await?
                    }
                    None => {
                        onboarding
                            .delete(&step.kind, &account_id, &cloud_id, &on_wait)
                            .await?
                    }
                }
                Ok(cloud_id)
            }
        })
        .await;
        progress.finish();
        match result {
            Ok(_) => {
                printer.success(
                    done,
                    &format!(
                        "{} resources in {}",
                        steps.len(),
                        format_duration(started.elapsed())
                    ),
                );
                Ok(())
            }
            Err(error) => Err(error),
        }
    }
}

/// Deleting asks for the name of what goes, typed, or `--confirm NAME`; `--yes` is not
/// enough.
pub fn confirm_name(
    context: &Context,
    what: &str,
    name: &str,
    given: Option<&str>,
) -> anyhow::Result<()> {
    if let Some(given) = given {
        return if given == name {
            Ok(())
        } else {
            Err(UsageError::new(format!(
                "`--confirm {given}` does not match the {what} `{name}`"
            ))
            .with_hint(format!("pass `--confirm {name}`"))
            .into())
        };
    }
    let printer = &context.printer;
    if !printer.stdin_is_terminal || !printer.stderr_is_terminal {
        return Err(
            UsageError::new("refusing to destroy without confirmation: not on a terminal")
                .with_hint(format!("pass `--confirm {name}`"))
                .into(),
        );
    }
    let typed: String = dialoguer::Input::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(format!("Type the {what} name `{name}` to delete it"))
        .interact_text()?;
    if typed.trim() == name {
        Ok(())
    } else {
        Err(UsageError::new("the name does not match: nothing was deleted").into())
    }
}
