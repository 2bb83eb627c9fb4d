//! SSM: running a command on an instance without SSH.

use anyhow::Context;
use aws_config::SdkConfig;

use super::error::describe;
use crate::providers::wait::{self, Backoff, Poll};

/// Runs `command` with AWS-RunShellScript on the instance and returns its standard output.
pub async fn run_shell(
    config: &SdkConfig,
    instance_id: &str,
    command: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<String> {
    let client = aws_sdk_ssm::Client::new(config);
    let sent = client
        .send_command()
        .instance_ids(instance_id)
        .document_name("AWS-RunShellScript")
        .parameters("commands", vec![command.to_owned()])
        .send()
        .await
        .map_err(|error| describe(error, "could not send the command through SSM"))?;
    let command_id = sent
        .command
        .and_then(|command| command.command_id)
        .context("SSM answered without a command id")?;
    wait::until_else(
        Backoff::SSM_COMMAND,
        on_wait,
        || async {
            match client
                .get_command_invocation()
                .command_id(&command_id)
                .instance_id(instance_id)
                .send()
                .await
            {
                Ok(invocation) => match invocation.status.as_ref().map(|status| status.as_str()) {
                    Some("Success") => Ok(Poll::Ready(
                        invocation.standard_output_content.unwrap_or_default(),
                    )),
                    Some("Failed" | "Cancelled" | "TimedOut") => {
                        anyhow::bail!(
                            "the command failed on the instance: {}",
                            invocation.standard_error_content.unwrap_or_default().trim()
                        );
                    }
                    _ => Ok(Poll::Pending("waiting for the command to finish".to_owned())),
                },
                Err(error)
                    if error
                        .as_service_error()
                        .is_some_and(|service| service.is_invocation_does_not_exist()) =>
                {
                    Ok(Poll::Pending(
                        "waiting for SSM to deliver the command".to_owned(),
                    ))
                }
                Err(error) => Err(describe(error, "could not read the command's result")),
            }
        },
        |_| {
            anyhow::anyhow!(
                "the command did not finish within a few minutes; is the SSM agent running on the instance?"
            )
        },
    )
    .await
}
