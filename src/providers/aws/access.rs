//! Reaching the member accounts: the caller's configuration, and one per member account
//! through OrganizationAccountAccessRole, built once and shared.

use std::collections::HashMap;
use std::sync::Arc;

use aws_config::SdkConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_sdk_sts::config::SharedCredentialsProvider;
use tokio::sync::Mutex;

/// The role AWS Organizations creates in every account it creates.
pub const ACCOUNT_ACCESS_ROLE: &str = "OrganizationAccountAccessRole";

/// SDK configurations by account id.
#[derive(Clone)]
pub struct AccountAccess {
    base: SdkConfig,
    caller_account: String,
    configs: Arc<Mutex<HashMap<String, SdkConfig>>>,
}

impl AccountAccess {
    pub fn new(base: SdkConfig, caller_account: String) -> Self {
        Self {
            base,
            caller_account,
            configs: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The caller's own configuration (the organization's management account).
    pub fn base(&self) -> &SdkConfig {
        &self.base
    }

    pub fn caller_account(&self) -> &str {
        &self.caller_account
    }

    /// The configuration acting in `account_id`: the caller's own, or assumed through
    /// OrganizationAccountAccessRole.
    pub async fn config(&self, account_id: &str) -> SdkConfig {
        if account_id == self.caller_account {
            return self.base.clone();
        }
        let mut configs = self.configs.lock().await;
        if let Some(config) = configs.get(account_id) {
            return config.clone();
        }
        let config = assumed(&self.base, &account_access_role(account_id), "sleak").await;
        configs.insert(account_id.to_owned(), config.clone());
        config
    }
}

/// The ARN of OrganizationAccountAccessRole in `account_id`.
pub fn account_access_role(account_id: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/{ACCOUNT_ACCESS_ROLE}")
}

/// `base` acting as `role_arn`. The role is assumed on the first call that needs
/// credentials, and again before they expire.
pub async fn assumed(base: &SdkConfig, role_arn: &str, session_name: &str) -> SdkConfig {
    let provider = AssumeRoleProvider::builder(role_arn)
        .session_name(session_name)
        .configure(base)
        .build()
        .await;
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build()
}
