//! `sleak cluster create|list|status|delete`.

use super::Context;
use crate::cli::ClusterCommand;

pub fn run(_context: &Context, _command: ClusterCommand) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
