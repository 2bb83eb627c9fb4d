//! IAM: roles and instance profiles, found by their deterministic names.

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_iam::types::Tag;

use super::error::describe;

fn iam_tags(tags: &[(String, String)]) -> Vec<Tag> {
    tags.iter()
        .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
        .collect()
}

/// The role's ARN and attached managed policy ARNs, if the role exists.
pub async fn get_role(
    config: &SdkConfig,
    name: &str,
) -> anyhow::Result<Option<(String, Vec<String>)>> {
    let client = aws_sdk_iam::Client::new(config);
    let role = match client.get_role().role_name(name).send().await {
        Ok(output) => output.role.context("IAM answered GetRole without a role")?,
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_entity_exception()) =>
        {
            return Ok(None);
        }
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the IAM role `{name}`"),
            ));
        }
    };
    let attached = client
        .list_attached_role_policies()
        .role_name(name)
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not list the policies of `{name}`")))?;
    let policies = attached
        .attached_policies
        .unwrap_or_default()
        .into_iter()
        .filter_map(|policy| policy.policy_arn)
        .collect();
    Ok(Some((role.arn, policies)))
}

/// Creates a role that `service` may assume, with `policies` attached.
pub async fn create_role(
    config: &SdkConfig,
    name: &str,
    service: &str,
    policies: &[String],
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_iam::Client::new(config);
    let trust = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Principal": { "Service": service }, "Action": "sts:AssumeRole" }],
    });
    let arn = match client
        .create_role()
        .role_name(name)
        .assume_role_policy_document(trust.to_string())
        .set_tags(Some(iam_tags(tags)))
        .send()
        .await
    {
        Ok(output) => output
            .role
            .map(|role| role.arn)
            .context("IAM answered CreateRole without a role")?,
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_entity_already_exists_exception()) =>
        {
            get_role(config, name)
                .await?
                .map(|(arn, _)| arn)
                .context("the role exists but cannot be read")?
        }
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not create the IAM role `{name}`"),
            ));
        }
    };
    attach_policies(config, name, policies).await?;
    Ok(arn)
}

pub async fn attach_policies(
    config: &SdkConfig,
    role: &str,
    policies: &[String],
) -> anyhow::Result<()> {
    let client = aws_sdk_iam::Client::new(config);
    for policy in policies {
        client
            .attach_role_policy()
            .role_name(role)
            .policy_arn(policy)
            .send()
            .await
            .map_err(|error| {
                describe(error, &format!("could not attach `{policy}` to `{role}`"))
            })?;
    }
    Ok(())
}

/// The instance profile's ARN and role names, if it exists.
pub async fn get_instance_profile(
    config: &SdkConfig,
    name: &str,
) -> anyhow::Result<Option<(String, Vec<String>)>> {
    let client = aws_sdk_iam::Client::new(config);
    match client
        .get_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
    {
        Ok(output) => {
            let profile = output
                .instance_profile
                .context("IAM answered without an instance profile")?;
            let roles = profile
                .roles
                .into_iter()
                .map(|role| role.role_name)
                .collect();
            Ok(Some((profile.arn, roles)))
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_entity_exception()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the instance profile `{name}`"),
        )),
    }
}

/// Creates the instance profile (when missing) and puts `role` in it.
pub async fn create_instance_profile(
    config: &SdkConfig,
    name: &str,
    role: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_iam::Client::new(config);
    let existing = get_instance_profile(config, name).await?;
    let (arn, roles) = match existing {
        Some(found) => found,
        None => {
            let output = client
                .create_instance_profile()
                .instance_profile_name(name)
                .set_tags(Some(iam_tags(tags)))
                .send()
                .await
                .map_err(|error| {
                    describe(
                        error,
                        &format!("could not create the instance profile `{name}`"),
                    )
                })?;
            (
                output
                    .instance_profile
                    .map(|profile| profile.arn)
                    .context("IAM answered without an instance profile")?,
                Vec::new(),
            )
        }
    };
    if !roles.iter().any(|existing| existing == role) {
        client
            .add_role_to_instance_profile()
            .instance_profile_name(name)
            .role_name(role)
            .send()
            .await
            .map_err(|error| {
                describe(
                    error,
                    &format!("could not put `{role}` in the instance profile `{name}`"),
                )
            })?;
    }
    Ok(arn)
}

/// Deletes the instance profile (after taking its roles out); gone is done.
pub async fn delete_instance_profile(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let client = aws_sdk_iam::Client::new(config);
    let Some((_, roles)) = get_instance_profile(config, name).await? else {
        return Ok(());
    };
    for role in roles {
        client
            .remove_role_from_instance_profile()
            .instance_profile_name(name)
            .role_name(&role)
            .send()
            .await
            .map_err(|error| {
                describe(error, &format!("could not take `{role}` out of `{name}`"))
            })?;
    }
    match client
        .delete_instance_profile()
        .instance_profile_name(name)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_entity_exception()) =>
        {
            Ok(())
        }
        Err(error) => Err(describe(
            error,
            &format!("could not delete the instance profile `{name}`"),
        )),
    }
}

/// Deletes the role after detaching its policies; gone is done.
pub async fn delete_role(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let client = aws_sdk_iam::Client::new(config);
    let Some((_, policies)) = get_role(config, name).await? else {
        return Ok(());
    };
    for policy in policies {
        client
            .detach_role_policy()
            .role_name(name)
            .policy_arn(&policy)
            .send()
            .await
            .map_err(|error| {
                describe(error, &format!("could not detach `{policy}` from `{name}`"))
            })?;
    }
    match client.delete_role().role_name(name).send().await {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_entity_exception()) =>
        {
            Ok(())
        }
        Err(error) => Err(describe(
            error,
            &format!("could not delete the IAM role `{name}`"),
        )),
    }
}
