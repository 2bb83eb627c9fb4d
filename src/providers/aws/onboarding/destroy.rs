//! Deletes what onboarding made: each resource by its kind and cloud id, gone counting
//! as done, so an interrupted destroy is finished by running it again.

use super::Onboarding;
use crate::providers::aws::{ec2, iam, organizations, rds, route53};

impl Onboarding {
    /// Deletes one resource of `kind` in the account `account_id`.
    pub async fn delete(
        &self,
        kind: &str,
        account_id: &str,
        cloud_id: &str,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<()> {
        if kind == "organizations:account" {
            return organizations::close_account(self.access.base(), cloud_id).await;
        }
        let config = self.access.config(account_id).await;
        match kind {
            "route53:hosted-zone" => route53::delete_zone(&config, cloud_id).await,
            "rds:db-subnet-group" => rds::delete_db_subnet_group(&config, cloud_id).await,
            "iam:instance-profile" => iam::delete_instance_profile(&config, cloud_id).await,
            "iam:role" => iam::delete_role(&config, cloud_id).await,
            _ => ec2::delete(&config, kind, cloud_id, on_wait).await,
        }
    }
}
