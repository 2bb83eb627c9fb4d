//! AWS Organizations: the organization and its member accounts.

use anyhow::{Context, bail};
use aws_config::SdkConfig;
use aws_sdk_organizations::types::{CreateAccountState, OrganizationFeatureSet, Tag};

use super::error::describe;
use crate::providers::wait::{self, Backoff, Poll};

#[derive(Debug, Clone)]
pub struct OrganizationInfo {
    pub id: String,
    pub management_account_id: String,
    pub all_features: bool,
}

#[derive(Debug, Clone)]
pub struct MemberAccount {
    pub id: String,
    pub name: String,
    pub email: String,
    pub active: bool,
}

/// The organization the caller belongs to, if any.
pub async fn describe_organization(config: &SdkConfig) -> anyhow::Result<Option<OrganizationInfo>> {
    let client = aws_sdk_organizations::Client::new(config);
    match client.describe_organization().send().await {
        Ok(output) => {
            let organization = output
                .organization
                .context("Organizations answered without an organization")?;
            Ok(Some(OrganizationInfo {
                id: organization.id.unwrap_or_default(),
                management_account_id: organization.master_account_id.unwrap_or_default(),
                all_features: organization.feature_set == Some(OrganizationFeatureSet::All),
            }))
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_aws_organizations_not_in_use_exception()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(error, "could not describe the organization")),
    }
}

/// Creates the organization with all features; an organization made meanwhile is kept.
pub async fn create_organization(config: &SdkConfig) -> anyhow::Result<OrganizationInfo> {
    let client = aws_sdk_organizations::Client::new(config);
    match client
        .create_organization()
        .feature_set(OrganizationFeatureSet::All)
        .send()
        .await
    {
        // The answer describes the new organization: no second call.
        Ok(output) => {
            if let Some(organization) = output.organization
                && let (Some(id), Some(management_account_id)) =
                    (organization.id, organization.master_account_id)
            {
                return Ok(OrganizationInfo {
                    id,
                    management_account_id,
                    all_features: organization.feature_set == Some(OrganizationFeatureSet::All),
                });
            }
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_already_in_organization_exception()) => {}
        Err(error) => return Err(describe(error, "could not create the organization")),
    }
    describe_organization(config)
        .await?
        .context("the organization was created but cannot be described")
}

/// Every account of the organization.
pub async fn list_accounts(config: &SdkConfig) -> anyhow::Result<Vec<MemberAccount>> {
    let client = aws_sdk_organizations::Client::new(config);
    let mut accounts = Vec::new();
    let mut pages = client.list_accounts().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page =
            page.map_err(|error| describe(error, "could not list the organization's accounts"))?;
        for account in page.accounts.unwrap_or_default() {
            accounts.push(MemberAccount {
                id: account.id.unwrap_or_default(),
                name: account.name.unwrap_or_default(),
                email: account.email.unwrap_or_default(),
                active: account.state.as_ref().map(|state| state.as_str()) != Some("CLOSED")
                    && account.status.as_ref().map(|status| status.as_str()) != Some("SUSPENDED"),
            });
        }
    }
    Ok(accounts)
}

/// Creates a member account and follows the request to completion; a request for the
/// same account already in progress (a previous run killed midway) is followed instead.
pub async fn create_account(
    config: &SdkConfig,
    name: &str,
    email: &str,
    tags: &[(String, String)],
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<String> {
    let client = aws_sdk_organizations::Client::new(config);
    let in_progress = client
        .list_create_account_status()
        .states(CreateAccountState::InProgress)
        .send()
        .await
        .map_err(|error| describe(error, "could not list account creations in progress"))?;
    let pending = in_progress
        .create_account_statuses
        .unwrap_or_default()
        .into_iter()
        .find(|status| status.account_name.as_deref() == Some(name))
        .and_then(|status| status.id);
    let request_id = match pending {
        Some(id) => id,
        None => {
            let tags: Vec<Tag> = tags
                .iter()
                .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
                .collect();
            let output = client
                .create_account()
                .account_name(name)
                .email(email)
                .role_name(super::access::ACCOUNT_ACCESS_ROLE)
                .set_tags(Some(tags))
                .send()
                .await
                .map_err(|error| {
                    describe(error, &format!("could not create the account `{name}`"))
                })?;
            output
                .create_account_status
                .and_then(|status| status.id)
                .context("Organizations answered CreateAccount without a request id")?
        }
    };
    wait::until(
        Backoff::ACCOUNT,
        &format!("AWS to create the account `{name}`"),
        on_wait,
        || async {
            let status = client
                .describe_create_account_status()
                .create_account_request_id(&request_id)
                .send()
                .await
                .map_err(|error| {
                    describe(
                        error,
                        &format!("could not follow the creation of account `{name}`"),
                    )
                })?
                .create_account_status
                .context("Organizations answered without a status")?;
            match status.state {
                Some(CreateAccountState::Succeeded) => status
                    .account_id
                    .context("the account was created without an id")
                    .map(Poll::Ready),
                Some(CreateAccountState::Failed) => {
                    let reason = status
                        .failure_reason
                        .map(|reason| reason.as_str().to_owned())
                        .unwrap_or_else(|| "no reason given".to_owned());
                    if reason == "EMAIL_ALREADY_EXISTS" {
                        return adopt_by_email(config, name, email).await.map(Poll::Ready);
                    }
                    bail!("AWS could not create the account `{name}`: {reason}");
                }
                _ => Ok(Poll::Pending(format!(
                    "waiting for AWS to create account `{name}`"
                ))),
            }
        },
    )
    .await
}

/// The account `name` with `email` that a CreateAccount refused with
/// EMAIL_ALREADY_EXISTS met: made by an earlier try of this request whose answer was lost
/// (the SDK retried it), or by a run at the same time. An account of another name with
/// that e-mail is an error.
async fn adopt_by_email(config: &SdkConfig, name: &str, email: &str) -> anyhow::Result<String> {
    let accounts = list_accounts(config).await?;
    match accounts
        .iter()
        .find(|account| account.email.eq_ignore_ascii_case(email))
    {
        Some(account) if account.name == name => Ok(account.id.clone()),
        Some(account) => Err(crate::error::UsageError::new(format!(
            "AWS could not create the account `{name}`: its e-mail address `{email}` belongs to the account `{}` ({})",
            account.name, account.id
        ))
        .with_hint(format!(
            "every AWS account needs its own e-mail address: change `email` under `[accounts.{name}]` in sleak.toml"
        ))
        .into()),
        None => bail!(
            "AWS could not create the account `{name}`: its e-mail address `{email}` is used by an AWS account outside this organization; change `email` under `[accounts.{name}]` in sleak.toml"
        ),
    }
}

/// Closes a member account (AWS keeps it suspended for 90 days, then deletes it).
pub async fn close_account(config: &SdkConfig, account_id: &str) -> anyhow::Result<()> {
    let client = aws_sdk_organizations::Client::new(config);
    match client.close_account().account_id(account_id).send().await {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_account_already_closed_exception()) =>
        {
            Ok(())
        }
        Err(error) => Err(describe(
            error,
            &format!("could not close the account {account_id}"),
        )),
    }
}
