//! RDS: the DB subnet group of each account's persistence subnets.

use aws_config::SdkConfig;
use aws_sdk_rds::types::Tag;

use super::error::describe;

/// The subnet ids of the group, if it exists.
pub async fn db_subnet_group(
    config: &SdkConfig,
    name: &str,
) -> anyhow::Result<Option<Vec<String>>> {
    let client = aws_sdk_rds::Client::new(config);
    match client
        .describe_db_subnet_groups()
        .db_subnet_group_name(name)
        .send()
        .await
    {
        Ok(output) => Ok(output
            .db_subnet_groups
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
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_subnet_group_not_found_fault()) =>
        {
            Ok(None)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the DB subnet group `{name}`"),
        )),
    }
}

pub async fn create_db_subnet_group(
    config: &SdkConfig,
    name: &str,
    subnets: &[String],
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = aws_sdk_rds::Client::new(config);
    match client
        .create_db_subnet_group()
        .db_subnet_group_name(name)
        .db_subnet_group_description("sleak: databases and caches in the persistence subnets")
        .set_subnet_ids(Some(subnets.to_vec()))
        .set_tags(Some(
            tags.iter()
                .map(|(key, value)| Tag::builder().key(key).value(value).build())
                .collect(),
        ))
        .send()
        .await
    {
        Ok(_) => Ok(()),
        // A retry whose first try worked (the name is unique in the account and holds
        // the workspace's name): make its subnets ours.
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_subnet_group_already_exists_fault()) =>
        {
            update_db_subnet_group(config, name, subnets).await
        }
        Err(error) => Err(describe(
            error,
            &format!("could not create the DB subnet group `{name}`"),
        )),
    }
}

pub async fn update_db_subnet_group(
    config: &SdkConfig,
    name: &str,
    subnets: &[String],
) -> anyhow::Result<()> {
    let client = aws_sdk_rds::Client::new(config);
    client
        .modify_db_subnet_group()
        .db_subnet_group_name(name)
        .set_subnet_ids(Some(subnets.to_vec()))
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not update the DB subnet group `{name}`"),
            )
        })?;
    Ok(())
}

/// Deletes the DB subnet group; gone is done.
pub async fn delete_db_subnet_group(config: &SdkConfig, name: &str) -> anyhow::Result<()> {
    let client = aws_sdk_rds::Client::new(config);
    let result = client
        .delete_db_subnet_group()
        .db_subnet_group_name(name)
        .send()
        .await;
    super::error::deleted(
        result,
        &["DBSubnetGroupNotFoundFault"],
        &format!("could not delete the DB subnet group `{name}`"),
    )
}
