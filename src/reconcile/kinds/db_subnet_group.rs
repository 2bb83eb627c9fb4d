//! The account's DB subnet group over its persistence subnets (RDS).

use aws_config::SdkConfig;

use super::subnet_group::{SubnetGroup, SubnetGroupApi};
use crate::providers::aws::rds;

pub type DbSubnetGroup = SubnetGroup<Rds>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rds;

impl SubnetGroupApi for Rds {
    const KIND: &'static str = "rds:db-subnet-group";

    async fn read(config: &SdkConfig, name: &str) -> anyhow::Result<Option<Vec<String>>> {
        rds::db_subnet_group(config, name).await
    }

    async fn put(
        config: &SdkConfig,
        name: &str,
        subnets: &[String],
        tags: &[(String, String)],
        exists: bool,
    ) -> anyhow::Result<()> {
        if exists {
            rds::update_db_subnet_group(config, name, subnets).await
        } else {
            rds::create_db_subnet_group(config, name, subnets, tags).await
        }
    }

    async fn delete(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
        rds::delete_db_subnet_group(config, name).await
    }
}
