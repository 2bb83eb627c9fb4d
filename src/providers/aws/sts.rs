//! STS: who the credentials belong to.

use anyhow::Context;
use aws_config::SdkConfig;

use super::error::describe;
use serde::Serialize;

/// The caller behind the credentials.
#[derive(Debug, Clone, Serialize)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

pub async fn caller_identity(config: &SdkConfig) -> anyhow::Result<CallerIdentity> {
    let client = aws_sdk_sts::Client::new(config);
    let output = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|error| describe(error, "could not ask STS who the credentials belong to"))?;
    Ok(CallerIdentity {
        account: output
            .account
            .context("STS answered without an account id")?,
        arn: output.arn.context("STS answered without an ARN")?,
        user_id: output.user_id.unwrap_or_default(),
    })
}
