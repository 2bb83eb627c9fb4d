//! `sleak unlock`: shows the workspace's lease, or removes one left behind by a run that
//! is gone (a lease not renewed is also taken over on its own after its time to live).

use super::flow::confirm;
use super::{Context, block_on};
use crate::cli::UnlockArgs;
use crate::operations::lease::Place;
use crate::operations::session::preflight;
use crate::providers::aws::load_workspace_sdk_config;

pub fn unlock(context: &Context, args: UnlockArgs) -> anyhow::Result<()> {
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    let region = workspace.organization.region.clone();
    let name = workspace.organization.name.clone();
    block_on(async {
        let config = load_workspace_sdk_config(&context.aws_settings(None), &region).await?;
        let caller = preflight(&config).await?.caller;
        let place = Place::new(&config, &caller.account, &region, &name);
        let current = match place.read().await {
            Ok(current) => current,
            // Not a lease sleak can read (written by hand, or by another version): it
            // still locks the workspace, and removing it is what unlock is for.
            Err(error) => {
                printer.warning(&format!("{error:#}"));
                if args.show {
                    return Ok(());
                }
                confirm(context, "Remove the unreadable workspace lease?")?;
                place.remove().await?;
                printer.success("Unlocked:", &format!("removed the lease of `{name}`"));
                return Ok(());
            }
        };
        if printer.json() {
            let holder = current.as_ref().map(|(holder, _)| holder);
            printer.data(&serde_json::to_string_pretty(&serde_json::json!({
                "workspace": name,
                "lease": format!("s3://{}/{}", place.bucket, place.key),
                "holder": holder,
            }))?);
        }
        let Some((holder, _)) = current else {
            printer.success(
                "Not locked:",
                &format!("no run holds the lease of `{name}`"),
            );
            return Ok(());
        };
        if !printer.json() {
            printer.data(&format!("locked by {}", holder.describe()));
        }
        if args.show {
            return Ok(());
        }
        printer.warning(&format!(
            "removing the lease lets another run change `{name}` while {} may still be running",
            holder.describe()
        ));
        confirm(context, "Remove the workspace lease?")?;
        place.remove().await?;
        printer.success("Unlocked:", &format!("removed the lease of `{name}`"));
        Ok(())
    })?
}
