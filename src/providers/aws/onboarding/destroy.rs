//! Deletes what onboarding made: each resource by its kind and cloud id, gone counting
//! as done, so an interrupted destroy is finished by running it again.

use super::Onboarding;
use crate::plan::Resource;
use crate::providers::aws::{ec2, ecr, eks, iam, organizations, rds, route53};
use crate::workspace::model::ClusterSource;

impl Onboarding {
    /// Deletes one resource of the plan; `account_ids` holds the accounts' ids by name.
    pub async fn delete_resource(
        &self,
        resource: &Resource,
        account_ids: &std::collections::HashMap<String, String>,
        cloud_id: &str,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<()> {
        if super::is_kubernetes(resource) {
            let account_id = match self.clusters.get(&resource.scope) {
                Some(ClusterSource::Eks { account }) => {
                    account_ids.get(account).map(String::as_str)
                }
                _ => None,
            };
            return self.delete_kube(resource, account_id).await;
        }
        let account_id = account_ids
            .get(&resource.scope)
            .map(String::as_str)
            .unwrap_or_else(|| self.access.caller_account());
        // `cluster/<name>/…`: the EKS cluster is named like the workspace's cluster.
        let cluster = resource.id.split('/').nth(1).unwrap_or_default();
        let config = self.access.config(account_id).await;
        match resource.kind.as_str() {
            "eks:cluster" => eks::delete_cluster(&config, cloud_id, on_wait).await,
            "eks:nodegroup" => eks::delete_nodegroup(&config, cluster, cloud_id, on_wait).await,
            "eks:addon" => eks::delete_addon(&config, cluster, cloud_id).await,
            "eks:access-entry" => eks::delete_access_entry(&config, cluster, cloud_id).await,
            "iam:oidc-provider" => iam::delete_oidc_provider(&config, cloud_id).await,
            "ecr:repository" => ecr::delete_repository(&config, cloud_id).await,
            "route53:record-set" => match cloud_id.split_once('/') {
                Some((zone, name)) => route53::delete_ns_record(&config, zone, name).await,
                None => Ok(()),
            },
            kind => self.delete(kind, account_id, cloud_id, on_wait).await,
        }
    }

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
