//! A cache's subnet group over the account's persistence subnets (ElastiCache).

use aws_config::SdkConfig;

use super::subnet_group::{SubnetGroup, SubnetGroupApi};
use crate::providers::aws::elasticache;

pub type CacheSubnetGroup = SubnetGroup<ElastiCache>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElastiCache;

impl SubnetGroupApi for ElastiCache {
    const KIND: &'static str = "elasticache:subnet-group";

    async fn read(config: &SdkConfig, name: &str) -> anyhow::Result<Option<Vec<String>>> {
        elasticache::cache_subnet_group(config, name).await
    }

    async fn put(
        config: &SdkConfig,
        name: &str,
        subnets: &[String],
        tags: &[(String, String)],
        exists: bool,
    ) -> anyhow::Result<()> {
        elasticache::put_cache_subnet_group(config, name, subnets, tags, exists).await
    }

    async fn delete(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
        elasticache::delete_cache_subnet_group(config, name).await
    }
}
