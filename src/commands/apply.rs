//! `sleak onboard` and `sleak apply`: plan against what exists, confirm, apply (the flow
//! is in flow.rs, shared with `sleak cluster create`).

use super::Context;
use super::flow::plan_and_apply;
use crate::cli::ApplyArgs;
use crate::operations::Scope;

/// `sleak onboard`: the organization, accounts, networks, VPN and domain only.
pub fn onboard(context: &Context, args: ApplyArgs) -> anyhow::Result<()> {
    plan_and_apply(context, args, Scope::Onboarding)
}

/// `sleak apply`: everything the workspace describes.
pub fn apply(context: &Context, args: ApplyArgs) -> anyhow::Result<()> {
    plan_and_apply(context, args, Scope::All)
}
