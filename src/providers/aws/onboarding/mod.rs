//! Onboarding in AWS: what exists of the organization, accounts, networks, VPN and DNS
//! (observe), and how each missing or different resource is made right (apply).

mod apply;
mod destroy;
mod observe;
mod platform;

use std::collections::HashMap;
use std::sync::Arc;

use aws_config::SdkConfig;
use tokio::sync::Mutex;

use super::access::AccountAccess;
use super::organizations::{self, OrganizationInfo};
use super::sts::{self, CallerIdentity};
use crate::error::UsageError;
use crate::providers::kubernetes::Connections;
use crate::workspace::model::ClusterSource;

pub use observe::Snapshots;
pub use platform::is_kubernetes;

/// Who is calling, and the organization as it is.
#[derive(Debug, Clone)]
pub struct Preflight {
    pub caller: CallerIdentity,
    pub organization: Option<OrganizationInfo>,
}

/// Checks that the credentials may onboard: they must belong to the organization's
/// management account, or to an account in no organization (which becomes it).
pub async fn preflight(config: &SdkConfig) -> anyhow::Result<Preflight> {
    let caller = sts::caller_identity(config).await?;
    let organization = organizations::describe_organization(config).await?;
    if let Some(organization) = &organization
        && organization.management_account_id != caller.account
    {
        return Err(UsageError::new(format!(
            "the credentials belong to account {}, a member of organization {} whose management account is {}",
            caller.account, organization.id, organization.management_account_id
        ))
        .with_hint(format!(
            "run sleak with credentials of the management account {} (e.g. `--profile <its profile>`)",
            organization.management_account_id
        ))
        .into());
    }
    Ok(Preflight {
        caller,
        organization,
    })
}

/// The cloud id of the resource `reference` (a plan id) that an earlier step made.
pub(crate) fn created(ids: &HashMap<String, String>, reference: &str) -> anyhow::Result<String> {
    use anyhow::Context as _;
    ids.get(reference)
        .cloned()
        .with_context(|| format!("`{reference}` does not exist yet"))
}

/// The AWS side of onboarding for one workspace.
pub struct Onboarding {
    pub access: AccountAccess,
    pub workspace: String,
    pub region: String,
    /// The caller's ARN, whose role gets cluster-admin access in its own account.
    pub caller_arn: String,
    /// How each workspace cluster is reached.
    pub clusters: HashMap<String, ClusterSource>,
    connections: Connections,
    zones: Arc<Mutex<HashMap<String, Vec<String>>>>,
    image: Arc<Mutex<Option<String>>>,
}

impl Onboarding {
    pub fn new(access: AccountAccess, workspace: &str, region: &str) -> Self {
        Self {
            access,
            workspace: workspace.to_owned(),
            region: region.to_owned(),
            caller_arn: String::new(),
            clusters: HashMap::new(),
            connections: Connections::default(),
            zones: Arc::new(Mutex::new(HashMap::new())),
            image: Arc::new(Mutex::new(None)),
        }
    }

    /// Availability zones of the account, looked up once.
    async fn zones(&self, account_id: &str, config: &SdkConfig) -> anyhow::Result<Vec<String>> {
        let mut zones = self.zones.lock().await;
        if let Some(found) = zones.get(account_id) {
            return Ok(found.clone());
        }
        let found = super::ec2::availability_zones(config).await?;
        zones.insert(account_id.to_owned(), found.clone());
        Ok(found)
    }

    /// The VPN server's image, looked up once.
    async fn image(&self, config: &SdkConfig) -> anyhow::Result<String> {
        let mut image = self.image.lock().await;
        if let Some(found) = image.as_ref() {
            return Ok(found.clone());
        }
        let found = super::ec2::ubuntu_image(config).await?;
        *image = Some(found.clone());
        Ok(found)
    }
}
