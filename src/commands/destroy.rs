//! `sleak destroy`: deletes what onboarding built, in reverse order, sweeping resources
//! tagged for the workspace that it no longer describes. Accounts stay unless
//! `--close-accounts`; the organization always stays.

use super::flow::{confirm_name, may_change, run_deletes, show_deletes, with_lease};
use super::{Context, block_on};
use crate::cli::DestroyArgs;
use crate::operations::Session;
use crate::operations::destroy::delete_steps;

pub fn destroy(context: &Context, args: DestroyArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let name = workspace.organization.name.clone();
    block_on(async {
        let mut session = if may_change(context, args.dry_run) {
            context
                .open_locked_session(workspace, "sleak destroy")
                .await?
        } else {
            context.open_session(workspace).await?
        };
        let lease = session.lease.take();
        with_lease(context, lease, destroy_in(context, &args, &name, &session)).await
    })?
}

async fn destroy_in(
    context: &Context,
    args: &DestroyArgs,
    name: &str,
    session: &Session,
) -> anyhow::Result<()> {
    let printer = &context.printer;
    {
        let steps = delete_steps(session, args.close_accounts, true, |_| true);
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
        confirm_name(context, "workspace", name, args.confirm.as_deref())?;
        run_deletes(context, session, &steps, "Destroyed")
            .await
            .map_err(|error| error.context("destroy stopped: run `sleak destroy` again to finish"))
    }
}
