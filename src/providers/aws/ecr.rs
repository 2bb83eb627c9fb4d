//! ECR: the projects' image repositories in the management account, found by name.

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_ecr::Client;
use aws_sdk_ecr::error::ProvideErrorMetadata;
use aws_sdk_ecr::types::{ImageScanningConfiguration, ImageTagMutability, Tag};
use serde_json::{Value as Json, json};

use super::error::describe;

/// What was read of one repository.
#[derive(Debug, Clone)]
pub struct Repository {
    pub arn: String,
    pub uri: String,
    pub scan_on_push: bool,
    pub immutable_tags: bool,
    pub lifecycle_policy: Option<Json>,
    pub repository_policy: Option<Json>,
}

fn missing<E: ProvideErrorMetadata>(error: &E) -> bool {
    matches!(
        error.code(),
        Some(
            "RepositoryNotFoundException"
                | "LifecyclePolicyNotFoundException"
                | "RepositoryPolicyNotFoundException"
        )
    )
}

/// The lifecycle policy keeping the newest `keep` images.
pub fn lifecycle_policy(keep: u32) -> Json {
    json!({
        "rules": [{
            "rulePriority": 1,
            "description": format!("sleak: keep the newest {keep} images"),
            "selection": { "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": keep },
            "action": { "type": "expire" },
        }]
    })
}

/// The repository policy letting the clusters' accounts pull images.
pub fn pull_policy(account_ids: &[String]) -> Json {
    let principals: Vec<String> = account_ids
        .iter()
        .map(|id| format!("arn:aws:iam::{id}:root"))
        .collect();
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "SleakClusterPull",
            "Effect": "Allow",
            "Principal": { "AWS": principals },
            "Action": ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        }]
    })
}

fn parse(text: Option<String>) -> Option<Json> {
    text.and_then(|text| serde_json::from_str(&text).ok())
}

pub async fn repository(config: &SdkConfig, name: &str) -> anyhow::Result<Option<Repository>> {
    let client = Client::new(config);
    let found = match client
        .describe_repositories()
        .repository_names(name)
        .send()
        .await
    {
        Ok(output) => output.repositories.unwrap_or_default().into_iter().next(),
        Err(error) if error.as_service_error().is_some_and(missing) => None,
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the ECR repository `{name}`"),
            ));
        }
    };
    let Some(found) = found else {
        return Ok(None);
    };
    let lifecycle_policy = match client
        .get_lifecycle_policy()
        .repository_name(name)
        .send()
        .await
    {
        Ok(output) => parse(output.lifecycle_policy_text),
        Err(error) if error.as_service_error().is_some_and(missing) => None,
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the lifecycle policy of `{name}`"),
            ));
        }
    };
    let repository_policy = match client
        .get_repository_policy()
        .repository_name(name)
        .send()
        .await
    {
        Ok(output) => parse(output.policy_text),
        Err(error) if error.as_service_error().is_some_and(missing) => None,
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the policy of `{name}`"),
            ));
        }
    };
    Ok(Some(Repository {
        arn: found.repository_arn.unwrap_or_default(),
        uri: found.repository_uri.unwrap_or_default(),
        scan_on_push: found
            .image_scanning_configuration
            .is_some_and(|scanning| scanning.scan_on_push),
        immutable_tags: found
            .image_tag_mutability
            .is_some_and(|mutability| mutability == ImageTagMutability::Immutable),
        lifecycle_policy,
        repository_policy,
    }))
}

/// What a repository should be.
pub struct RepositorySettings<'a> {
    pub name: &'a str,
    pub scan_on_push: bool,
    pub immutable_tags: bool,
    pub lifecycle: &'a Json,
    pub policy: Option<&'a Json>,
}

fn mutability(immutable: bool) -> ImageTagMutability {
    if immutable {
        ImageTagMutability::Immutable
    } else {
        ImageTagMutability::Mutable
    }
}

/// Creates the repository if it is missing, then sets every setting; returns its URI.
pub async fn put_repository(
    config: &SdkConfig,
    settings: RepositorySettings<'_>,
    exists: bool,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = Client::new(config);
    let name = settings.name;
    if !exists {
        let tags: Vec<Tag> = tags
            .iter()
            .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
            .collect();
        match client
            .create_repository()
            .repository_name(name)
            .image_tag_mutability(mutability(settings.immutable_tags))
            .image_scanning_configuration(
                ImageScanningConfiguration::builder()
                    .scan_on_push(settings.scan_on_push)
                    .build(),
            )
            .set_tags(Some(tags))
            .send()
            .await
        {
            Ok(_) => {}
            Err(error)
                if error.as_service_error().is_some_and(|service| {
                    service.code() == Some("RepositoryAlreadyExistsException")
                }) => {}
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not create the ECR repository `{name}`"),
                ));
            }
        }
    } else {
        client
            .put_image_tag_mutability()
            .repository_name(name)
            .image_tag_mutability(mutability(settings.immutable_tags))
            .send()
            .await
            .map_err(|error| {
                describe(
                    error,
                    &format!("could not set the tag mutability of `{name}`"),
                )
            })?;
        client
            .put_image_scanning_configuration()
            .repository_name(name)
            .image_scanning_configuration(
                ImageScanningConfiguration::builder()
                    .scan_on_push(settings.scan_on_push)
                    .build(),
            )
            .send()
            .await
            .map_err(|error| describe(error, &format!("could not set the scanning of `{name}`")))?;
    }
    client
        .put_lifecycle_policy()
        .repository_name(name)
        .lifecycle_policy_text(settings.lifecycle.to_string())
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the lifecycle policy of `{name}`"),
            )
        })?;
    match settings.policy {
        Some(policy) => {
            client
                .set_repository_policy()
                .repository_name(name)
                .policy_text(policy.to_string())
                .send()
                .await
                .map_err(|error| {
                    describe(error, &format!("could not set the policy of `{name}`"))
                })?;
        }
        None => match client
            .delete_repository_policy()
            .repository_name(name)
            .send()
            .await
        {
            Ok(_) => {}
            Err(error) if error.as_service_error().is_some_and(missing) => {}
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not remove the policy of `{name}`"),
                ));
            }
        },
    }
    let found = repository(config, name)
        .await?
        .with_context(|| format!("the ECR repository `{name}` vanished after its creation"))?;
    Ok(found.uri)
}

/// Deletes the repository with its images.
pub async fn delete_repository(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let result = Client::new(config)
        .delete_repository()
        .repository_name(name)
        .force(true)
        .send()
        .await;
    super::error::deleted(
        result,
        &["RepositoryNotFoundException"],
        &format!("could not delete the ECR repository `{name}`"),
    )
}

/// Whether the repository holds an image tagged `tag`; a repository that does not exist
/// is an error naming it (the deploy engine cannot deploy from it).
pub async fn image_exists(config: &SdkConfig, repository: &str, tag: &str) -> anyhow::Result<bool> {
    let result = Client::new(config)
        .describe_images()
        .repository_name(repository)
        .image_ids(
            aws_sdk_ecr::types::ImageIdentifier::builder()
                .image_tag(tag)
                .build(),
        )
        .send()
        .await;
    match result {
        Ok(output) => Ok(!output.image_details.unwrap_or_default().is_empty()),
        Err(error) => match error.as_service_error().and_then(|service| service.code()) {
            Some("ImageNotFoundException") => Ok(false),
            Some("RepositoryNotFoundException") => Err(crate::error::UsageError::new(format!(
                "there is no ECR repository `{repository}`"
            ))
            .with_hint("create it with `sleak apply`")
            .into()),
            _ => Err(describe(
                error,
                &format!("could not look for the image `{repository}:{tag}`"),
            )),
        },
    }
}

/// A registry password: its Debug and Display never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The password itself, for the one place it belongs (a login's stdin).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// Where the account's images are pushed, and the credentials of a login there.
#[derive(Debug, Clone)]
pub struct Registry {
    /// The registry's host, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`.
    pub host: String,
    pub username: String,
    pub password: Password,
}

impl Registry {
    /// The URI of the repository `name` in this registry.
    pub fn repository_uri(&self, name: &str) -> String {
        format!("{}/{name}", self.host)
    }
}

/// The account's registry and a login token (valid 12 hours), from GetAuthorizationToken.
pub async fn registry(config: &SdkConfig) -> anyhow::Result<Registry> {
    let output = Client::new(config)
        .get_authorization_token()
        .send()
        .await
        .map_err(|error| describe(error, "could not get an ECR login token"))?;
    let data = output
        .authorization_data
        .unwrap_or_default()
        .into_iter()
        .next()
        .context("ECR answered GetAuthorizationToken without authorization data")?;
    let endpoint = data
        .proxy_endpoint
        .context("ECR's authorization data has no proxy endpoint")?;
    let token = data
        .authorization_token
        .context("ECR's authorization data has no token")?;
    let (username, password) = decode_token(&token)?;
    Ok(Registry {
        host: registry_host(&endpoint),
        username,
        password,
    })
}

/// `https://123.dkr.ecr.us-east-1.amazonaws.com/` → `123.dkr.ecr.us-east-1.amazonaws.com`.
pub fn registry_host(proxy_endpoint: &str) -> String {
    let host = proxy_endpoint
        .strip_prefix("https://")
        .or_else(|| proxy_endpoint.strip_prefix("http://"))
        .unwrap_or(proxy_endpoint);
    host.trim_end_matches('/').to_owned()
}

/// An authorization token is base64 of `user:password`.
fn decode_token(token: &str) -> anyhow::Result<(String, Password)> {
    use base64::Engine as _;
    // Errors never quote the token: it is a credential.
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .map_err(|_| anyhow::anyhow!("ECR's login token is not base64"))?;
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("ECR's login token is not text"))?;
    let (username, password) = text
        .split_once(':')
        .context("ECR's login token is not `user:password`")?;
    Ok((username.to_owned(), Password(password.to_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_host_is_the_proxy_endpoint_without_scheme_or_slash() {
        assert_eq!(
            registry_host("https://123456789012.dkr.ecr.us-east-1.amazonaws.com"),
            "123456789012.dkr.ecr.us-east-1.amazonaws.com"
        );
        assert_eq!(registry_host("https://host.example/"), "host.example");
    }

    #[test]
    fn a_token_splits_into_user_and_password_which_debug_hides() {
        use base64::Engine as _;
        let token = base64::engine::general_purpose::STANDARD.encode("AWS:s3cr3t:with:colons");
        let (username, password) = decode_token(&token).unwrap();
        assert_eq!(username, "AWS");
        assert_eq!(password.expose(), "s3cr3t:with:colons");
        let registry = Registry {
            host: "host".into(),
            username,
            password,
        };
        let debug = format!("{registry:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("***"), "{debug}");
        assert!(decode_token("not base64!").is_err());
    }
}
