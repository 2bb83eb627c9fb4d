//! Builds the AWS SdkConfig: profile, region chain, retries, timeouts and the endpoint
//! override (`AWS_ENDPOINT_URL`, read by aws-config itself, which is how tests point
//! sleak at moto without a code path of their own). The credentials the SDK finds are
//! wrapped so that finding none, a profile that does not exist or an expired SSO session
//! is a usage error naming where sleak looked and what to do.

use std::error::Error as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use aws_config::meta::ProviderChainError;
use aws_config::meta::region::RegionProviderChain;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};

use crate::error::{UsageError, with_alternative_without_aws};

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
    let lookup = CredentialLookup::new(settings.profile.as_deref());
    if config.region().is_none() {
        // A profile that does not exist has no region either: name the real mistake.
        if let Some(missing) = lookup.missing_profile() {
            return Err(missing.into());
        }
        return Err(UsageError::new("no AWS region is configured")
            .with_hint("pass `--region us-east-1`, set AWS_REGION, or run inside a workspace")
            .into());
    }
    Ok(explain_credentials(config, lookup))
}

/// The configuration with its credentials provider wrapped in one that explains failures.
fn explain_credentials(config: SdkConfig, lookup: CredentialLookup) -> SdkConfig {
    let Some(inner) = config.credentials_provider() else {
        return config;
    };
    let explained = ExplainedCredentials {
        inner,
        lookup: Arc::new(lookup),
    };
    config
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(explained))
        .build()
}

/// The SDK's credentials provider, with its failures turned into a [`UsageError`] (the
/// source of the [`CredentialsError`], where `error::describe` and the exit code find it)
/// when sleak can say what is wrong: no credentials anywhere, a profile that does not
/// exist, an SSO session to renew. Other failures pass through unchanged.
#[derive(Debug)]
struct ExplainedCredentials {
    inner: SharedCredentialsProvider,
    lookup: Arc<CredentialLookup>,
}

impl ProvideCredentials for ExplainedCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.inner
                .provide_credentials()
                .await
                .map_err(|error| self.lookup.explain(error))
        })
    }

    fn fallback_on_interrupt(&self) -> Option<Credentials> {
        self.inner.fallback_on_interrupt()
    }
}

/// One of the AWS shared files: the path as the user would write it, and where it is.
#[derive(Debug, Clone)]
struct SharedFile {
    shown: String,
    path: Option<PathBuf>,
}

impl SharedFile {
    /// `variable` (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) when set, else
    /// `~/.aws/<name>`, as aws-config resolves them.
    fn resolve(variable: &str, name: &str) -> Self {
        let home = std::env::var_os("HOME")
            .or_else(|| std::env::var_os("USERPROFILE"))
            .map(PathBuf::from);
        match std::env::var(variable)
            .ok()
            .filter(|value| !value.is_empty())
        {
            Some(value) => {
                let path = match value.strip_prefix("~/") {
                    Some(rest) => home.map(|home| home.join(rest)),
                    None => Some(PathBuf::from(&value)),
                };
                Self { shown: value, path }
            }
            None => Self {
                shown: format!("~/.aws/{name}"),
                path: home.map(|home| home.join(".aws").join(name)),
            },
        }
    }

    /// The file's sections: their names and the keys set in each.
    fn sections(&self) -> Vec<(String, Vec<String>)> {
        let text = self
            .path
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix('[') {
                if let Some((name, _)) = rest.split_once(']') {
                    sections.push((
                        name.split_whitespace().collect::<Vec<_>>().join(" "),
                        vec![],
                    ));
                }
            } else if let Some((key, _)) = line.split_once('=')
                && !line.starts_with(['#', ';'])
                && let Some((_, keys)) = sections.last_mut()
            {
                keys.push(key.trim().to_owned());
            }
        }
        sections
    }
}

/// Where the SDK looks for credentials, for the messages when it finds none.
#[derive(Debug, Clone)]
pub struct CredentialLookup {
    /// The profile in effect: `--profile`, AWS_PROFILE, or `default`.
    profile: String,
    /// How the profile was chosen (`--profile`, AWS_PROFILE), or None for `default`.
    chosen_by: Option<&'static str>,
    config: SharedFile,
    credentials: SharedFile,
}

/// A profile as the shared files define it: its name and the keys it sets.
struct Profile {
    name: String,
    keys: Vec<String>,
}

impl CredentialLookup {
    /// The lookup of a run given `--profile` (or not), read from the environment.
    pub fn new(profile_flag: Option<&str>) -> Self {
        let from_env = std::env::var("AWS_PROFILE")
            .ok()
            .filter(|value| !value.is_empty());
        let (profile, chosen_by) = match (profile_flag, from_env) {
            (Some(profile), _) => (profile.to_owned(), Some("`--profile`")),
            (None, Some(profile)) => (profile, Some("AWS_PROFILE")),
            (None, None) => ("default".to_owned(), None),
        };
        Self {
            profile,
            chosen_by,
            config: SharedFile::resolve("AWS_CONFIG_FILE", "config"),
            credentials: SharedFile::resolve("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        }
    }

    /// The profiles of both files, in file order, each once (its keys merged).
    fn profiles(&self) -> Vec<Profile> {
        let mut profiles: Vec<Profile> = Vec::new();
        let config = self
            .config
            .sections()
            .into_iter()
            .filter_map(|(section, keys)| {
                // In the config file a profile is `[default]` or `[profile NAME]`;
                // `[sso-session ...]` and `[services ...]` are not profiles.
                let name = match section.strip_prefix("profile ") {
                    Some(name) => name.trim().to_owned(),
                    None if section == "default" => section,
                    None => return None,
                };
                Some((name, keys))
            });
        for (name, keys) in config.chain(self.credentials.sections()) {
            match profiles.iter_mut().find(|profile| profile.name == name) {
                Some(profile) => profile.keys.extend(keys),
                None => profiles.push(Profile { name, keys }),
            }
        }
        profiles
    }

    fn files(&self) -> String {
        format!("{} and {}", self.config.shown, self.credentials.shown)
    }

    /// The profiles that exist, for a hint: "`a`, `b`".
    fn profile_list(profiles: &[Profile]) -> String {
        profiles
            .iter()
            .map(|profile| format!("`{}`", profile.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The error for a profile chosen by name that neither file defines, if it is so.
    pub fn missing_profile(&self) -> Option<UsageError> {
        let chosen_by = self.chosen_by?;
        let profiles = self.profiles();
        if profiles.iter().any(|profile| profile.name == self.profile) {
            return None;
        }
        let name = &self.profile;
        let existing = if profiles.is_empty() {
            format!(
                "neither file defines any profile: create it with `aws configure --profile {name}` (keys) or `aws configure sso --profile {name}` (SSO)"
            )
        } else {
            format!(
                "the profiles there are {}: pass one with `--profile NAME`, or create `{name}` with `aws configure --profile {name}` or `aws configure sso --profile {name}`",
                Self::profile_list(&profiles)
            )
        };
        Some(
            UsageError::new(format!(
                "the AWS profile `{name}` (from {chosen_by}) is not in {} or {}",
                self.config.shown, self.credentials.shown
            ))
            .with_hint(with_alternative_without_aws(existing)),
        )
    }

    /// The error for no credentials anywhere: where the SDK looked, and the fixes.
    pub fn not_found(&self, profile_detail: Option<String>) -> UsageError {
        let name = &self.profile;
        let profiles = self.profiles();
        let profile_state = match profiles.iter().find(|profile| &profile.name == name) {
            None => "there is no such profile".to_owned(),
            Some(_) => profile_detail.unwrap_or_else(|| "it holds none".to_owned()),
        };
        let metadata = if std::env::var("AWS_EC2_METADATA_DISABLED")
            .is_ok_and(|value| value.eq_ignore_ascii_case("true"))
        {
            "instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"
        } else {
            "instance metadata"
        };
        let message = format!(
            "no AWS credentials found: sleak looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, in the profile `{name}` of {} for keys, SSO, a role or a credential process ({profile_state}), for a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), container credentials and {metadata}",
            self.files()
        );
        let others: Vec<Profile> = profiles
            .into_iter()
            .filter(|profile| &profile.name != name)
            .collect();
        let profile_fix = if others.is_empty() {
            "set AWS_PROFILE or pass `--profile NAME` to use a profile".to_owned()
        } else {
            format!(
                "set AWS_PROFILE or pass `--profile NAME` to use a profile ({} exist)",
                Self::profile_list(&others)
            )
        };
        UsageError::new(message).with_hint(with_alternative_without_aws(format!(
            "{profile_fix}, run `aws sso login --profile NAME` for an SSO profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)"
        )))
    }

    /// The error for an SSO profile whose session is missing or expired, if `chain` (the
    /// SDK's error text) says so.
    fn sso_session(&self, chain: &str) -> Option<UsageError> {
        let name = &self.profile;
        let profiles = self.profiles();
        let profile = profiles.iter().find(|profile| &profile.name == name)?;
        let uses_sso = profile
            .keys
            .iter()
            .any(|key| key == "sso_session" || key == "sso_start_url");
        if !uses_sso {
            return None;
        }
        let message = if chain.contains("SSO token has expired") {
            format!("the SSO session of the AWS profile `{name}` has expired")
        } else if chain.contains("cached SSO token") || chain.contains("sso/cache") {
            format!(
                "the AWS profile `{name}` signs in with SSO, but there is no SSO session: nobody logged in yet, or the login was cleared"
            )
        } else if chain.contains("UnauthorizedException")
            || chain.contains("Session token not found")
        {
            format!(
                "AWS SSO refused the session of the AWS profile `{name}`: it has expired or was revoked"
            )
        } else {
            return None;
        };
        Some(
            UsageError::new(message).with_hint(with_alternative_without_aws(format!(
                "run `aws sso login --profile {name}`, then run sleak again"
            ))),
        )
    }

    /// The SDK's credentials error, with a [`UsageError`] inside when sleak knows what it
    /// means.
    fn explain(&self, error: CredentialsError) -> CredentialsError {
        let mut chain = String::new();
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(cause) = source {
            chain.push_str(&cause.to_string());
            chain.push('\n');
            source = cause.source();
        }
        match &error {
            CredentialsError::CredentialsNotLoaded(_) => {
                let usage = self
                    .missing_profile()
                    .unwrap_or_else(|| self.not_found(profile_attempt(&error)));
                CredentialsError::not_loaded(usage)
            }
            _ => match self.sso_session(&chain) {
                Some(usage) => CredentialsError::provider_error(usage),
                None => error,
            },
        }
    }
}

/// What the profile provider of the SDK's chain said, when it says more than "no
/// profiles" (e.g. "profile `ops` did not contain credential information").
fn profile_attempt(error: &CredentialsError) -> Option<String> {
    let chain = error
        .source()?
        .downcast_ref::<ProviderChainError<CredentialsError>>()?;
    let attempt = chain
        .attempts()
        .iter()
        .find(|attempt| attempt.name() == "Profile")?;
    let mut deepest: &(dyn std::error::Error + 'static) = attempt.error();
    while let Some(cause) = deepest.source() {
        deepest = cause;
    }
    let text = deepest.to_string();
    (!text.is_empty() && !text.contains("No profiles were defined")).then_some(text)
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
