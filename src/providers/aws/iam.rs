//! IAM: roles and instance profiles, found by their deterministic names.

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_iam::types::Tag;
use serde_json::Value as Json;

use super::error::describe;

fn iam_tags(tags: &[(String, String)]) -> Vec<Tag> {
    tags.iter()
        .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
        .collect()
}

/// What was read of a role.
#[derive(Debug, Clone, Default)]
pub struct RoleInfo {
    pub arn: String,
    /// Attached managed policy ARNs.
    pub policies: Vec<String>,
    /// The trust policy, decoded.
    pub trust: Option<Json>,
    /// Names of the inline policies.
    pub inline: Vec<String>,
    /// The inline policy `sleak`, decoded.
    pub sleak_policy: Option<Json>,
}

/// IAM returns policy documents URL-encoded.
fn decode_document(text: &str) -> Option<Json> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[index + 1..index + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            decoded.push(byte);
            index += 3;
            continue;
        }
        decoded.push(if bytes[index] == b'+' {
            b' '
        } else {
            bytes[index]
        });
        index += 1;
    }
    serde_json::from_slice(&decoded)
        .ok()
        .or_else(|| serde_json::from_str(text).ok())
}

/// The trust policy letting an AWS service assume a role.
pub fn service_trust(service: &str) -> Json {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Principal": { "Service": service }, "Action": "sts:AssumeRole" }],
    })
}

/// A trust policy letting identities of the cluster's OIDC provider assume a role
/// (IAM roles for service accounts), under `condition`, made from the issuer.
fn web_identity_trust(provider_arn: &str, condition: impl FnOnce(&str) -> Json) -> Json {
    let issuer = provider_arn
        .split_once(":oidc-provider/")
        .map_or(provider_arn, |(_, issuer)| issuer);
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Federated": provider_arn },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": condition(issuer),
        }],
    })
}

/// The trust policy letting one Kubernetes service account assume a role through the
/// cluster's OIDC provider (IAM roles for service accounts).
pub fn service_account_trust(provider_arn: &str, namespace: &str, service_account: &str) -> Json {
    web_identity_trust(provider_arn, |issuer| {
        serde_json::json!({ "StringEquals": {
            format!("{issuer}:sub"): format!("system:serviceaccount:{namespace}:{service_account}"),
            format!("{issuer}:aud"): "sts.amazonaws.com",
        } })
    })
}

/// The trust policy letting every service account of `namespace` assume a role through
/// the cluster's OIDC provider (a ProjectEnv's role: its pods, whatever their service
/// account).
pub fn namespace_trust(provider_arn: &str, namespace: &str) -> Json {
    web_identity_trust(provider_arn, |issuer| {
        serde_json::json!({
            "StringEquals": { format!("{issuer}:aud"): "sts.amazonaws.com" },
            "StringLike": { format!("{issuer}:sub"): format!("system:serviceaccount:{namespace}:*") },
        })
    })
}

/// Least privilege over `buckets` and `queues` (ARNs): list and locate the buckets,
/// read, write and delete their objects; send, receive and delete messages of the
/// queues. `None` when there is nothing to grant.
pub fn grants_policy(buckets: &[String], queues: &[String]) -> Option<Json> {
    let mut statements = Vec::new();
    if !buckets.is_empty() {
        statements.push(serde_json::json!({
            "Sid": "Buckets",
            "Effect": "Allow",
            "Action": ["s3:GetBucketLocation", "s3:ListBucket"],
            "Resource": buckets,
        }));
        statements.push(serde_json::json!({
            "Sid": "Objects",
            "Effect": "Allow",
            "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
            "Resource": buckets.iter().map(|arn| format!("{arn}/*")).collect::<Vec<_>>(),
        }));
    }
    if !queues.is_empty() {
        statements.push(serde_json::json!({
            "Sid": "Queues",
            "Effect": "Allow",
            "Action": [
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
                "sqs:SendMessage",
            ],
            "Resource": queues,
        }));
    }
    (!statements.is_empty())
        .then(|| serde_json::json!({ "Version": "2012-10-17", "Statement": statements }))
}

/// The role, if it exists.
pub async fn get_role(config: &SdkConfig, name: &str) -> anyhow::Result<Option<RoleInfo>> {
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
    let inline = client
        .list_role_policies()
        .role_name(name)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not list the inline policies of `{name}`"),
            )
        })?
        .policy_names;
    let sleak_policy = if inline.iter().any(|policy| policy == INLINE_POLICY) {
        client
            .get_role_policy()
            .role_name(name)
            .policy_name(INLINE_POLICY)
            .send()
            .await
            .map_err(|error| {
                describe(
                    error,
                    &format!("could not read the inline policy of `{name}`"),
                )
            })
            .map(|output| decode_document(&output.policy_document))?
    } else {
        None
    };
    Ok(Some(RoleInfo {
        arn: role.arn,
        policies,
        trust: role
            .assume_role_policy_document
            .as_deref()
            .and_then(decode_document),
        inline,
        sleak_policy,
    }))
}

/// Creates a role with `trust`, `policies` attached and the inline policy `sleak`.
pub async fn create_role(
    config: &SdkConfig,
    name: &str,
    trust: &Json,
    policies: &[String],
    inline: Option<&Json>,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_iam::Client::new(config);
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
            // A retry whose first try worked, or a run killed after it: ours only when
            // it carries this workspace's tags (role names are not reserved for sleak).
            ensure_ours(config, name, tags).await?;
            put_trust(config, name, trust).await?;
            get_role(config, name)
                .await?
                .map(|role| role.arn)
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
    if let Some(inline) = inline {
        put_inline_policy(config, name, inline).await?;
    }
    Ok(arn)
}

/// Fails unless the role `name` carries the `sleak:workspace` and `sleak:id` of `tags`.
async fn ensure_ours(
    config: &SdkConfig,
    name: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    use super::tags::WORKSPACE_TAG;
    let output = aws_sdk_iam::Client::new(config)
        .list_role_tags()
        .role_name(name)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not read the tags of the IAM role `{name}`"),
            )
        })?;
    let theirs: Vec<(String, String)> = output
        .tags
        .into_iter()
        .map(|tag| (tag.key, tag.value))
        .collect();
    let ours = super::tags::carries(
        theirs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
        tags,
    );
    if ours {
        return Ok(());
    }
    let workspace = tags
        .iter()
        .find(|(key, _)| key == WORKSPACE_TAG)
        .map_or("", |(_, value)| value.as_str());
    Err(crate::error::UsageError::new(format!(
        "the IAM role `{name}` exists but is not this workspace's (it lacks the tags sleak:workspace={workspace} and its sleak:id)"
    ))
    .with_hint(
        "rename or delete that role, or give the workspace another name (`organization.name`): sleak never takes over a role it did not make",
    )
    .into())
}

/// Replaces the role's trust policy.
pub async fn put_trust(config: &SdkConfig, name: &str, trust: &Json) -> anyhow::Result<()> {
    aws_sdk_iam::Client::new(config)
        .update_assume_role_policy()
        .role_name(name)
        .policy_document(trust.to_string())
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the trust policy of `{name}`"),
            )
        })?;
    Ok(())
}

/// Name of the inline policy sleak gives roles.
pub const INLINE_POLICY: &str = "sleak";

/// Creates or replaces the role's inline policy `sleak`.
pub async fn put_inline_policy(
    config: &SdkConfig,
    name: &str,
    document: &Json,
) -> anyhow::Result<()> {
    aws_sdk_iam::Client::new(config)
        .put_role_policy()
        .role_name(name)
        .policy_name(INLINE_POLICY)
        .policy_document(document.to_string())
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not set the inline policy of `{name}`"),
            )
        })?;
    Ok(())
}

/// Removes the role's inline policy `sleak`; gone already is done.
pub async fn delete_inline_policy(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let result = aws_sdk_iam::Client::new(config)
        .delete_role_policy()
        .role_name(name)
        .policy_name(INLINE_POLICY)
        .send()
        .await;
    super::error::deleted(
        result,
        &["NoSuchEntity"],
        &format!("could not delete the inline policy of `{name}`"),
    )
}

/// ARNs of the account's OIDC identity providers.
pub async fn oidc_providers(config: &SdkConfig) -> anyhow::Result<Vec<String>> {
    let output = aws_sdk_iam::Client::new(config)
        .list_open_id_connect_providers()
        .send()
        .await
        .map_err(|error| describe(error, "could not list the OIDC providers"))?;
    Ok(output
        .open_id_connect_provider_list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|provider| provider.arn)
        .collect())
}

/// The well-known thumbprint of the root CA of EKS OIDC issuers. IAM verifies EKS
/// issuers against its own trusted CAs, but the API still wants one.
const EKS_OIDC_THUMBPRINT: &str = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

/// Registers `issuer` as an OIDC provider trusted for `sts.amazonaws.com`; returns its ARN.
pub async fn create_oidc_provider(
    config: &SdkConfig,
    issuer: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_iam::Client::new(config);
    match client
        .create_open_id_connect_provider()
        .url(issuer)
        .client_id_list("sts.amazonaws.com")
        .thumbprint_list(EKS_OIDC_THUMBPRINT)
        .set_tags(Some(iam_tags(tags)))
        .send()
        .await
    {
        Ok(output) => output
            .open_id_connect_provider_arn
            .context("IAM answered without the provider's ARN"),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_entity_already_exists_exception()) =>
        {
            let host = issuer.trim_start_matches("https://");
            oidc_providers(config)
                .await?
                .into_iter()
                .find(|arn| arn.ends_with(&format!("oidc-provider/{host}")))
                .context("the OIDC provider exists but is not listed")
        }
        Err(error) => Err(describe(
            error,
            &format!("could not register the OIDC provider `{issuer}`"),
        )),
    }
}

pub async fn delete_oidc_provider(config: &SdkConfig, arn: &str) -> anyhow::Result<()> {
    let result = aws_sdk_iam::Client::new(config)
        .delete_open_id_connect_provider()
        .open_id_connect_provider_arn(arn)
        .send()
        .await;
    super::error::deleted(
        result,
        &["NoSuchEntity"],
        &format!("could not delete the OIDC provider `{arn}`"),
    )
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
        None => match client
            .create_instance_profile()
            .instance_profile_name(name)
            .set_tags(Some(iam_tags(tags)))
            .send()
            .await
        {
            Ok(output) => (
                output
                    .instance_profile
                    .map(|profile| profile.arn)
                    .context("IAM answered without an instance profile")?,
                Vec::new(),
            ),
            // A retry whose first try worked (the name is unique in the account).
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|service| service.is_entity_already_exists_exception()) =>
            {
                get_instance_profile(config, name)
                    .await?
                    .context("the instance profile exists but cannot be read")?
            }
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not create the instance profile `{name}`"),
                ));
            }
        },
    };
    if !roles.iter().any(|existing| existing == role) {
        let what = format!("could not put `{role}` in the instance profile `{name}`");
        match client
            .add_role_to_instance_profile()
            .instance_profile_name(name)
            .role_name(role)
            .send()
            .await
        {
            Ok(_) => {}
            // A profile holds one role: a retry whose first try worked is refused.
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|service| service.is_limit_exceeded_exception()) =>
            {
                let holds = get_instance_profile(config, name)
                    .await?
                    .is_some_and(|(_, roles)| roles.iter().any(|existing| existing == role));
                if !holds {
                    return Err(describe(error, &what));
                }
            }
            Err(error) => return Err(describe(error, &what)),
        }
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
    let result = client
        .delete_instance_profile()
        .instance_profile_name(name)
        .send()
        .await;
    super::error::deleted(
        result,
        &["NoSuchEntity"],
        &format!("could not delete the instance profile `{name}`"),
    )
}

/// Deletes the role after detaching its policies; gone is done.
pub async fn delete_role(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let client = aws_sdk_iam::Client::new(config);
    let Some(role) = get_role(config, name).await? else {
        return Ok(());
    };
    for inline in &role.inline {
        client
            .delete_role_policy()
            .role_name(name)
            .policy_name(inline)
            .send()
            .await
            .map_err(|error| {
                describe(
                    error,
                    &format!("could not delete the policy `{inline}` of `{name}`"),
                )
            })?;
    }
    for policy in role.policies {
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
    let result = client.delete_role().role_name(name).send().await;
    super::error::deleted(
        result,
        &["NoSuchEntity"],
        &format!("could not delete the IAM role `{name}`"),
    )
}
