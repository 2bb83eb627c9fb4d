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
        let role = format!("arn:aws:iam::{account_id}:role/{ACCOUNT_ACCESS_ROLE}");
        let provider = AssumeRoleProvider::builder(role)
            .session_name("sleak")
            .configure(&self.base)
            .build()
            .await;
        let config = self
            .base
            .to_builder()
            .credentials_provider(SharedCredentialsProvider::new(provider))
            .build();
        configs.insert(account_id.to_owned(), config.clone());
        config
    }
}
