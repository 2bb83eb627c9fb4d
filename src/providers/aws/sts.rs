//! STS: who the credentials belong to.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_sts::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_sts::config::{ConfigBag, Intercept, RuntimeComponents};

use super::error::describe_at;
use serde::Serialize;

/// The caller behind the credentials.
#[derive(Debug, Clone, Serialize)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
    pub user_id: String,
}

/// GetCallerIdentity is the first call of every run that reaches AWS, so it is the one
/// that meets an endpoint that does not answer. Its HTTP exchange gets short limits and
/// a single retry, so that is reported in seconds, instead of after the minutes of
/// retries the ordinary configuration allows longer calls. Finding the credentials (SSO,
/// a role, a credential process that may wait for an MFA code) is not bounded by these.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// From sending the request to the first byte of the answer; STS answers in milliseconds.
const READ_TIMEOUT: Duration = Duration::from_secs(4);
/// The ordinary configuration's attempt timeout, kept: it also bounds finding credentials.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

pub async fn caller_identity(config: &SdkConfig) -> anyhow::Result<CallerIdentity> {
    let client = aws_sdk_sts::Client::new(config);
    let endpoint = RecordEndpoint::default();
    let output = client
        .get_caller_identity()
        .customize()
        .config_override(
            aws_sdk_sts::config::Builder::default()
                .timeout_config(
                    TimeoutConfig::builder()
                        .connect_timeout(CONNECT_TIMEOUT)
                        .read_timeout(READ_TIMEOUT)
                        .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                        .build(),
                )
                .retry_config(
                    RetryConfig::standard()
                        .with_max_attempts(2)
                        .with_initial_backoff(Duration::from_millis(200)),
                ),
        )
        .interceptor(endpoint.clone())
        .send()
        .await
        .map_err(|error| {
            describe_at(
                error,
                "could not ask STS who the credentials belong to",
                endpoint.url().as_deref(),
            )
        })?;
    Ok(CallerIdentity {
        account: output
            .account
            .context("STS answered without an account id")?,
        arn: output.arn.context("STS answered without an ARN")?,
        user_id: output.user_id.unwrap_or_default(),
    })
}

/// Remembers the URL a request went to, so a failure to reach it can name it.
#[derive(Debug, Clone, Default)]
struct RecordEndpoint(Arc<Mutex<Option<String>>>);

impl RecordEndpoint {
    fn url(&self) -> Option<String> {
        self.0.lock().ok().and_then(|url| url.clone())
    }
}

impl Intercept for RecordEndpoint {
    fn name(&self) -> &'static str {
        "RecordEndpoint"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        if let Ok(mut url) = self.0.lock() {
            *url = Some(context.request().uri().to_owned());
        }
        Ok(())
    }
}
