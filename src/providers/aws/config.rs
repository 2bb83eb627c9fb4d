//! Builds the AWS SdkConfig: profile, region chain, retries, timeouts and the endpoint
//! override (`AWS_ENDPOINT_URL`, read by aws-config itself, which is how tests point
//! sleak at moto without a code path of their own).

use std::time::Duration;

use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};

use crate::error::UsageError;

/// What the user said about AWS: `--profile`, `--region`, and the workspace's region.
#[derive(Debug, Clone, Default)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
    /// The workspace's `organization.region`, used when nothing else names a region.
    pub workspace_region: Option<String>,
}

/// Loads the SDK configuration. Region order: `--region`, then the SDK's chain
/// (AWS_REGION, the profile), then the workspace's home region.
pub async fn load_sdk_config(settings: &AwsSettings) -> anyhow::Result<SdkConfig> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(6))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(10))
                .operation_attempt_timeout(Duration::from_secs(60))
                .build(),
        );
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    let mut default_chain = aws_config::default_provider::region::DefaultRegionChain::builder();
    if let Some(profile) = &settings.profile {
        default_chain = default_chain.profile_name(profile);
    }
    let region = RegionProviderChain::first_try(settings.region.clone().map(Region::new))
        .or_else(default_chain.build())
        .or_else(settings.workspace_region.clone().map(Region::new));
    loader = loader.region(region);
    let config = loader.load().await;
    if config.region().is_none() {
        return Err(UsageError::new("no AWS region is configured")
            .with_hint("pass `--region us-east-1`, set AWS_REGION, or run inside a workspace")
            .into());
    }
    Ok(config)
}

/// The endpoint override in effect, if any (for display).
pub fn endpoint_override() -> Option<String> {
    std::env::var("AWS_ENDPOINT_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// Where the region of the user's environment comes from, with its value: `--region`,
/// then AWS_REGION / AWS_DEFAULT_REGION, then the profile.
pub async fn environment_region(settings: &AwsSettings) -> Option<(String, String)> {
    if let Some(region) = &settings.region {
        return Some((format!("`--region {region}`"), region.clone()));
    }
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Ok(region) = std::env::var(variable)
            && !region.is_empty()
        {
            return Some((format!("{variable}={region}"), region));
        }
    }
    let mut chain = aws_config::default_provider::region::DefaultRegionChain::builder();
    if let Some(profile) = &settings.profile {
        chain = chain.profile_name(profile);
    }
    let region = chain.build().region().await?.to_string();
    let profile = settings
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .unwrap_or_else(|| "default".to_owned());
    Some((
        format!("the profile `{profile}` (region = {region})"),
        region,
    ))
}

/// Loads the SDK configuration of a run on a workspace: one region for the whole run,
/// the workspace's `organization.region`. `--region`, the environment or the profile
/// naming another is a usage error rather than a run split across two regions.
pub async fn load_workspace_sdk_config(
    settings: &AwsSettings,
    workspace_region: &str,
) -> anyhow::Result<SdkConfig> {
    if let Some((source, region)) = environment_region(settings).await
        && region != workspace_region
    {
        return Err(UsageError::new(format!(
            "the workspace's region is {workspace_region} (`organization.region`), but {source} says {region}"
        ))
        .with_hint(format!(
            "sleak acts in one region per run: pass `--region {workspace_region}` (or unset the other region), or change `organization.region` if the workspace really lives in {region}"
        ))
        .into());
    }
    load_sdk_config(&AwsSettings {
        profile: settings.profile.clone(),
        region: Some(workspace_region.to_owned()),
        workspace_region: Some(workspace_region.to_owned()),
    })
    .await
}
