//! `sleak eks-token`: the credential plugin kubectl runs for EKS clusters.

use anyhow::Context as _;

use super::{Context, block_on};
use crate::cli::EksTokenArgs;
use crate::providers::aws::access::assumed;
use crate::providers::aws::{eks_token, load_sdk_config};

/// The session name CloudTrail shows for the role `eks-token --role-arn` assumes.
const TOKEN_SESSION_NAME: &str = "sleak-eks-token";

/// `sleak eks-token --cluster-name NAME`: a kubectl ExecCredential on stdout.
pub fn eks_token(context: &Context, args: EksTokenArgs) -> anyhow::Result<()> {
    let EksTokenArgs {
        cluster_name,
        role_arn,
    } = args;
    // No workspace: kubectl runs this from any folder, and passes `--region`.
    let settings = context.aws_settings(None);
    let token = block_on(async {
        let config = load_sdk_config(&settings).await?;
        match &role_arn {
            Some(role) => {
                let config = assumed(&config, role, TOKEN_SESSION_NAME).await;
                eks_token::token(&config, &cluster_name)
                    .await
                    .with_context(|| {
                        format!("could not assume the role `{role}` to sign the EKS token")
                    })
            }
            None => eks_token::token(&config, &cluster_name).await,
        }
    })??;
    context.printer.data(&token.exec_credential()?.to_string());
    Ok(())
}
