//! `sleak kubeconfig` and `sleak eks-token`.

use super::Context;
use crate::cli::{EksTokenArgs, KubeconfigArgs};

/// `sleak kubeconfig <cluster>`.
pub fn kubeconfig(_context: &Context, _args: KubeconfigArgs) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}

/// `sleak eks-token --cluster-name NAME`.
pub fn eks_token(_context: &Context, _args: EksTokenArgs) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
