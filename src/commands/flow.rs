//! What several commands share: planning a scope and applying it with a confirmation
//! and progress (`onboard`, `apply`, `cluster create`), and deleting with a typed
//! confirmation (`destroy`, `cluster delete`).

use super::{Context, block_on};
use crate::cli::ApplyArgs;
use crate::error::UsageError;
use crate::operations::apply::apply_steps;
use crate::operations::destroy::delete_steps_run;
use crate::operations::lease::Lease;
use crate::operations::{Scope, Session, scoped_steps};
use crate::output::progress::{Progress, format_duration};
use crate::reconcile::executor::Event;
use crate::reconcile::{Change, Step, summary};

fn change_rows(steps: &[Step]) -> Vec<Vec<String>> {
    steps
        .iter()
        .filter(|step| step.change.mutates())
        .map(|step| {
            let detail = match &step.change {
                Change::Update(changes) => changes.join("; "),
                _ => String::new(),
            };
            vec![
                step.change.verb().to_owned(),
                step.id.clone(),
                step.kind.clone(),
                step.scope.clone(),
                detail,
            ]
        })
        .collect()
}

/// Plans `scope` against what exists, shows the changes, confirms, and applies them
/// with progress: `sleak onboard`, `sleak apply` and `sleak cluster create`.
pub fn plan_and_apply(context: &Context, args: ApplyArgs, scope: Scope) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    block_on(async {
        let mut session = if may_change(context, args.dry_run) {
            context
                .open_locked_session(workspace, &scope.command())
                .await?
        } else {
            context.open_session(workspace).await?
        };
        let lease = session.lease.take();
        with_lease(
            context,
            lease,
            plan_and_apply_in(context, &args, &scope, &mut session),
        )
        .await
    })?
}

/// Whether the command may change AWS: not a dry run, and either `--yes` or a person at
/// a terminal to confirm. Only then is the workspace's lease taken (a refusal changes
/// nothing, so it needs none).
pub fn may_change(context: &Context, dry_run: bool) -> bool {
    let printer = &context.printer;
    !dry_run && (context.global.yes || (printer.stdin_is_terminal && printer.stderr_is_terminal))
}

/// Runs `work` while holding `lease`: stops it when the lease is lost (taken over by
/// another run after this one could not renew it), and releases the lease after.
pub async fn with_lease<T>(
    context: &Context,
    lease: Option<Lease>,
    work: impl Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let Some(mut lease) = lease else {
        return work.await;
    };
    let result = tokio::select! {
        result = work => result,
        reason = lease.lost() => Err(anyhow::anyhow!(
            "{reason}: stopped, so that two runs never change the workspace at once; what was done stays, run the command again to resume"
        )),
    };
    if let Err(error) = lease.release().await {
        context.printer.warning(&format!(
            "could not release the workspace lease (it expires on its own): {error:#}"
        ));
    }
    result
}

async fn plan_and_apply_in(
    context: &Context,
    args: &ApplyArgs,
    scope: &Scope,
    session: &mut Session,
) -> anyhow::Result<()> {
    let printer = &context.printer;
    let onboarding_only = *scope == Scope::Onboarding;
    {
        session.steps = scoped_steps(&session.steps, scope)?;
        let (creates, updates, unchanged) = summary(&session.steps);
        for step in session.steps.iter().filter(|step| !step.drift.is_empty()) {
            printer.warning(&format!(
                "{} has drifted: {}",
                step.id,
                step.drift.join("; ")
            ));
        }
        // Information only: `apply` leaves these alone.
        for step in &session.steps {
            for info in &step.info {
                printer.status(&format!("note: {}: {info}", step.id));
            }
        }
        if creates + updates == 0 {
            printer.success(
                "Nothing to do:",
                &format!("all {unchanged} resources are up to date"),
            );
            if onboarding_only {
                let zone = session.observation.outputs.find(ZONE_ID).map(str::to_owned);
                let account = session
                    .observation
                    .outputs
                    .find("account/management")
                    .map(str::to_owned);
                show_delegation(context, session, zone, account).await;
            }
            return Ok(());
        }
        if !printer.json() {
            let header = ["ACTION", "RESOURCE", "KIND", "ACCOUNT", "CHANGES"];
            let rows = change_rows(&session.steps);
            // The plan is status here (data is the event stream): it goes to stderr.
            let mut table = comfy_table::Table::new();
            table
                .load_style(comfy_table::presets::NOTHING)
                .set_header(header.to_vec())
                .force_no_tty();
            for row in rows {
                table.add_row(row);
            }
            if !printer.quiet {
                eprintln!(
                    "{}",
                    table
                        .to_string()
                        .lines()
                        .map(str::trim_end)
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
        printer.status(&format!(
            "Plan: {creates} to create, {updates} to update, {unchanged} unchanged."
        ));
        if args.dry_run {
            printer.status("Dry run: nothing was changed.");
            return Ok(());
        }
        confirm(
            context,
            &format!(
                "Apply these changes to the AWS organization of `{}`?",
                session.workspace.organization.name
            ),
        )?;
        let started = std::time::Instant::now();
        let total = creates + updates;
        let progress = Progress::new(printer, total, "applying");
        let events = |event: Event| progress.event(event);
        let result = apply_steps(session, &session.steps, args.parallelism, &events).await;
        progress.finish();
        match result {
            Ok(ids) => {
                printer.success(
                    "Applied",
                    &format!("{total} changes in {}", format_duration(started.elapsed())),
                );
                if onboarding_only {
                    // The ids applying returned are enough: no second observation.
                    let zone = ids.find(ZONE_ID).map(str::to_owned);
                    let account = ids.find("account/management").map(str::to_owned);
                    show_delegation(context, session, zone, account).await;
                }
                Ok(())
            }
            Err(error) => Err(error.context(format!(
                "stopped after {}: what was applied stays; run `{}` again to resume",
                format_duration(started.elapsed()),
                scope.command()
            ))),
        }
    }
}

/// Asks before changing anything, unless `--yes`; refuses without a terminal.
pub fn confirm(context: &Context, question: &str) -> anyhow::Result<()> {
    if context.global.yes {
        return Ok(());
    }
    let printer = &context.printer;
    if !printer.stdin_is_terminal || !printer.stderr_is_terminal {
        return Err(UsageError::new(
            "refusing to change AWS without confirmation: not on a terminal",
        )
        .with_hint("pass `--yes` to apply without asking, or `--dry-run` to only see the plan")
        .into());
    }
    let confirmed = dialoguer::Confirm::with_theme(&dialoguer::theme::SimpleTheme)
        .with_prompt(question)
        .default(false)
        .interact()?;
    if confirmed {
        Ok(())
    } else {
        Err(UsageError::new("cancelled: nothing was changed").into())
    }
}

/// The plan id of the domain's hosted zone.
const ZONE_ID: &str = "account/management/hosted-zone";

/// The name servers to set at the registrar.
async fn show_delegation(
    context: &Context,
    session: &Session,
    zone_id: Option<String>,
    account_id: Option<String>,
) {
    let domain = &session.workspace.organization.domain;
    let (Some(zone_id), Some(account_id)) = (zone_id, account_id) else {
        return;
    };
    let config = session.env.access.config(&account_id).await;
    match crate::providers::aws::route53::name_servers(&config, &zone_id).await {
        Ok(servers) if !servers.is_empty() => {
            context.printer.status(&format!(
                "Delegate `{domain}` to AWS: at your registrar, set its name servers to"
            ));
            for server in servers {
                context.printer.status(&format!("  {server}"));
            }
            context
                .printer
                .status("then check the delegation with `sleak doctor`.");
        }
        Ok(_) => {}
        Err(error) => context.printer.warning(&format!(
            "could not read the name servers of `{domain}`: {error:#}"
        )),
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
    let started = std::time::Instant::now();
    let progress = Progress::new(printer, steps.len(), "destroying");
    let events = |event: Event| progress.event(event);
    let result = delete_steps_run(session, steps, &events).await;
    progress.finish();
    result?;
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
