//! ElastiCache: the caches of dependencies — Redis replication groups (encrypted in
//! transit and at rest, with an AUTH token), Memcached clusters, and the cache subnet
//! groups over the account's persistence subnets.

use aws_config::SdkConfig;
use aws_sdk_elasticache::Client;
use aws_sdk_elasticache::error::ProvideErrorMetadata;
use aws_sdk_elasticache::types::Tag;

use super::error::describe;

fn tag_list(tags: &[(String, String)]) -> Option<Vec<Tag>> {
    Some(
        tags.iter()
            .map(|(key, value)| Tag::builder().key(key).value(value).build())
            .collect(),
    )
}

fn count(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// The subnet ids of the cache subnet group, sorted, if it exists.
pub async fn cache_subnet_group(
    config: &SdkConfig,
    name: &str,
) -> anyhow::Result<Option<Vec<String>>> {
    let client = Client::new(config);
    match client
        .describe_cache_subnet_groups()
        .cache_subnet_group_name(name)
        .send()
        .await
    {
        Ok(output) => Ok(output
            .cache_subnet_groups
            .unwrap_or_default()
            .into_iter()
            .next()
            .map(|group| {
                let mut subnets: Vec<String> = group
                    .subnets
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|subnet| subnet.subnet_identifier)
                    .collect();
                subnets.sort();
                subnets
            })),
        Err(error) if error.code() == Some("CacheSubnetGroupNotFoundFault") => Ok(None),
        Err(error) => Err(describe(
            error,
            &format!("could not read the cache subnet group `{name}`"),
        )),
    }
}

/// Creates the group, or sets its subnets (a retried create: the name is unique in the
/// account and derived from the dependency's).
pub async fn put_cache_subnet_group(
    config: &SdkConfig,
    name: &str,
    subnets: &[String],
    tags: &[(String, String)],
    exists: bool,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let what = || format!("could not write the cache subnet group `{name}`");
    if !exists {
        match client
            .create_cache_subnet_group()
            .cache_subnet_group_name(name)
            .cache_subnet_group_description("sleak: a cache in the persistence subnets")
            .set_subnet_ids(Some(subnets.to_vec()))
            .set_tags(tag_list(tags))
            .send()
            .await
        {
            Ok(_) => return Ok(()),
            // A retried create whose first try worked: done if it has the subnets.
            Err(error) if error.code() == Some("CacheSubnetGroupAlreadyExists") => {
                let mut wanted = subnets.to_vec();
                wanted.sort();
                if cache_subnet_group(config, name).await? == Some(wanted) {
                    return Ok(());
                }
            }
            Err(error) => return Err(describe(error, &what())),
        }
    }
    client
        .modify_cache_subnet_group()
        .cache_subnet_group_name(name)
        .set_subnet_ids(Some(subnets.to_vec()))
        .send()
        .await
        .map_err(|error| describe(error, &what()))?;
    Ok(())
}

pub async fn delete_cache_subnet_group(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let client = Client::new(config);
    let result = client
        .delete_cache_subnet_group()
        .cache_subnet_group_name(name)
        .send()
        .await;
    super::error::deleted(
        result,
        &["CacheSubnetGroupNotFoundFault"],
        &format!("could not delete the cache subnet group `{name}`"),
    )
}

/// What sleak reads of a cache: a Redis replication group or a Memcached cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cache {
    pub id: String,
    pub arn: String,
    /// `creating`, `available`, `modifying`, `deleting`, …
    pub status: String,
    pub node_type: String,
    pub nodes: u32,
    pub transit_encryption: bool,
    pub at_rest_encryption: bool,
    pub auth_token: bool,
    /// Security group ids, sorted (Memcached; a replication group's are its members').
    pub security_groups: Vec<String>,
    pub endpoint: Option<(String, u16)>,
    pub tags: Vec<(String, String)>,
}

fn endpoint(endpoint: Option<&aws_sdk_elasticache::types::Endpoint>) -> Option<(String, u16)> {
    let endpoint = endpoint?;
    Some((
        endpoint.address()?.to_owned(),
        u16::try_from(endpoint.port()?).unwrap_or_default(),
    ))
}

async fn tags_of(client: &Client, arn: &str) -> anyhow::Result<Vec<(String, String)>> {
    if arn.is_empty() {
        return Ok(Vec::new());
    }
    let output = client
        .list_tags_for_resource()
        .resource_name(arn)
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not read the tags of `{arn}`")))?;
    Ok(output
        .tag_list
        .unwrap_or_default()
        .into_iter()
        .filter_map(|tag| Some((tag.key?, tag.value?)))
        .collect())
}

/// The Redis replication group `id`, if it exists.
pub async fn replication_group(config: &SdkConfig, id: &str) -> anyhow::Result<Option<Cache>> {
    let client = Client::new(config);
    let output = match client
        .describe_replication_groups()
        .replication_group_id(id)
        .send()
        .await
    {
        Ok(output) => output,
        Err(error) if error.code() == Some("ReplicationGroupNotFoundFault") => return Ok(None),
        Err(error) => return Err(describe(error, &format!("could not read the cache `{id}`"))),
    };
    let Some(group) = output
        .replication_groups
        .unwrap_or_default()
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let arn = group.arn().unwrap_or_default().to_owned();
    Ok(Some(Cache {
        id: group.replication_group_id().unwrap_or_default().to_owned(),
        status: group.status().unwrap_or_default().to_owned(),
        node_type: group.cache_node_type().unwrap_or_default().to_owned(),
        nodes: u32::try_from(group.member_clusters().len()).unwrap_or(u32::MAX),
        transit_encryption: group.transit_encryption_enabled().unwrap_or(false),
        at_rest_encryption: group.at_rest_encryption_enabled().unwrap_or(false),
        auth_token: group.auth_token_enabled().unwrap_or(false),
        security_groups: Vec::new(),
        endpoint: endpoint(
            group
                .node_groups()
                .first()
                .and_then(|node_group| node_group.primary_endpoint()),
        ),
        tags: tags_of(&client, &arn).await?,
        arn,
    }))
}

/// The Memcached cluster `id`, if it exists.
pub async fn cache_cluster(config: &SdkConfig, id: &str) -> anyhow::Result<Option<Cache>> {
    let client = Client::new(config);
    let output = match client
        .describe_cache_clusters()
        .cache_cluster_id(id)
        .send()
        .await
    {
        Ok(output) => output,
        Err(error) if error.code() == Some("CacheClusterNotFound") => return Ok(None),
        Err(error) => return Err(describe(error, &format!("could not read the cache `{id}`"))),
    };
    let Some(cluster) = output.cache_clusters.unwrap_or_default().into_iter().next() else {
        return Ok(None);
    };
    let arn = cluster.arn().unwrap_or_default().to_owned();
    let mut security_groups: Vec<String> = cluster
        .security_groups()
        .iter()
        .filter_map(|group| group.security_group_id().map(str::to_owned))
        .collect();
    security_groups.sort();
    Ok(Some(Cache {
        id: cluster.cache_cluster_id().unwrap_or_default().to_owned(),
        status: cluster
            .cache_cluster_status()
            .unwrap_or_default()
            .to_owned(),
        node_type: cluster.cache_node_type().unwrap_or_default().to_owned(),
        nodes: cluster
            .num_cache_nodes()
            .map_or(0, |nodes| nodes.max(0).unsigned_abs()),
        transit_encryption: cluster.transit_encryption_enabled().unwrap_or(false),
        at_rest_encryption: cluster.at_rest_encryption_enabled().unwrap_or(false),
        auth_token: cluster.auth_token_enabled().unwrap_or(false),
        security_groups,
        endpoint: endpoint(cluster.configuration_endpoint()),
        tags: tags_of(&client, &arn).await?,
        arn,
    }))
}

/// A cache to create.
#[derive(Debug, Clone)]
pub struct NewCache<'a> {
    pub id: &'a str,
    pub engine_version: &'a str,
    pub node_type: &'a str,
    pub nodes: u32,
    pub subnet_group: &'a str,
    pub security_group: &'a str,
}

/// Creates the Redis replication group: encrypted in transit and at rest, AUTH token
/// required, a replica per extra node with automatic failover across zones. `false`
/// when one of that id exists (the caller checks it is ours).
pub async fn create_replication_group(
    config: &SdkConfig,
    new: &NewCache<'_>,
    auth_token: &str,
    tags: &[(String, String)],
) -> anyhow::Result<bool> {
    let client = Client::new(config);
    let failover = new.nodes > 1;
    match client
        .create_replication_group()
        .replication_group_id(new.id)
        .replication_group_description("sleak dependency")
        .engine("redis")
        .engine_version(new.engine_version)
        .cache_node_type(new.node_type)
        .num_cache_clusters(count(new.nodes))
        .automatic_failover_enabled(failover)
        .multi_az_enabled(failover)
        .transit_encryption_enabled(true)
        .at_rest_encryption_enabled(true)
        .auth_token(auth_token)
        .cache_subnet_group_name(new.subnet_group)
        .security_group_ids(new.security_group)
        .set_tags(tag_list(tags))
        .send()
        .await
    {
        Ok(_) => Ok(true),
        Err(error) if error.code() == Some("ReplicationGroupAlreadyExists") => Ok(false),
        Err(error) => Err(describe(
            error,
            &format!("could not create the cache `{}`", new.id),
        )),
    }
}

/// Creates the Memcached cluster. `false` when one of that id exists.
pub async fn create_cache_cluster(
    config: &SdkConfig,
    new: &NewCache<'_>,
    tags: &[(String, String)],
) -> anyhow::Result<bool> {
    let client = Client::new(config);
    match client
        .create_cache_cluster()
        .cache_cluster_id(new.id)
        .engine("memcached")
        .engine_version(new.engine_version)
        .cache_node_type(new.node_type)
        .num_cache_nodes(count(new.nodes))
        .az_mode(if new.nodes > 1 {
            aws_sdk_elasticache::types::AzMode::CrossAz
        } else {
            aws_sdk_elasticache::types::AzMode::SingleAz
        })
        .cache_subnet_group_name(new.subnet_group)
        .security_group_ids(new.security_group)
        .set_tags(tag_list(tags))
        .send()
        .await
    {
        Ok(_) => Ok(true),
        Err(error) if error.code() == Some("CacheClusterAlreadyExists") => Ok(false),
        Err(error) => Err(describe(
            error,
            &format!("could not create the cache `{}`", new.id),
        )),
    }
}

/// Changes the node type of a replication group, or its number of nodes (replicas).
pub async fn resize_replication_group(
    config: &SdkConfig,
    id: &str,
    node_type: Option<&str>,
    nodes: Option<(u32, u32)>,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let what = || format!("could not change the cache `{id}`");
    if let Some(node_type) = node_type {
        client
            .modify_replication_group()
            .replication_group_id(id)
            .cache_node_type(node_type)
            .apply_immediately(true)
            .send()
            .await
            .map_err(|error| describe(error, &what()))?;
    }
    if let Some((have, want)) = nodes {
        // Replicas are the nodes after the primary.
        let replicas = count(want.saturating_sub(1));
        if want > have {
            client
                .increase_replica_count()
                .replication_group_id(id)
                .new_replica_count(replicas)
                .apply_immediately(true)
                .send()
                .await
                .map_err(|error| describe(error, &what()))?;
        } else {
            client
                .decrease_replica_count()
                .replication_group_id(id)
                .new_replica_count(replicas)
                .apply_immediately(true)
                .send()
                .await
                .map_err(|error| describe(error, &what()))?;
        }
    }
    Ok(())
}

/// Changes the number of nodes of a Memcached cluster.
pub async fn resize_cache_cluster(
    config: &SdkConfig,
    id: &str,
    have: u32,
    want: u32,
) -> anyhow::Result<()> {
    let client = Client::new(config);
    let mut request = client
        .modify_cache_cluster()
        .cache_cluster_id(id)
        .num_cache_nodes(count(want))
        .apply_immediately(true);
    if want < have {
        // Memcached removes the named nodes: the last ones.
        for node in (want + 1)..=have {
            request = request.cache_node_ids_to_remove(format!("{node:04}"));
        }
    }
    request
        .send()
        .await
        .map_err(|error| describe(error, &format!("could not change the cache `{id}`")))?;
    Ok(())
}

/// Deletes the cache (a replication group, or a Memcached cluster); gone or already
/// being deleted is done.
pub async fn delete_cache(config: &SdkConfig, id: &str, redis: bool) -> anyhow::Result<()> {
    let client = Client::new(config);
    let what = format!("could not delete the cache `{id}`");
    let result = if redis {
        client
            .delete_replication_group()
            .replication_group_id(id)
            .retain_primary_cluster(false)
            .send()
            .await
            .map(|_| ())
            .map_err(|error| (error.code().map(str::to_owned), describe(error, &what)))
    } else {
        client
            .delete_cache_cluster()
            .cache_cluster_id(id)
            .send()
            .await
            .map(|_| ())
            .map_err(|error| (error.code().map(str::to_owned), describe(error, &what)))
    };
    match result {
        Ok(()) => Ok(()),
        Err((Some(code), _))
            if [
                "ReplicationGroupNotFoundFault",
                "CacheClusterNotFound",
                "InvalidReplicationGroupState",
                "InvalidCacheClusterState",
            ]
            .contains(&code.as_str()) =>
        {
            Ok(())
        }
        Err((_, error)) => Err(error),
    }
}
