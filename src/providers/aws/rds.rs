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

/// What sleak reads of a DB instance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DbInstance {
    pub identifier: String,
    pub arn: String,
    /// `creating`, `available`, `modifying`, `backing-up`, `deleting`, …
    pub status: String,
    pub engine: String,
    pub engine_version: String,
    pub instance_class: String,
    pub allocated_storage_gib: u32,
    /// The storage autoscaling ceiling; `None`: no autoscaling.
    pub max_allocated_storage_gib: Option<u32>,
    pub storage_type: String,
    pub encrypted: bool,
    pub publicly_accessible: bool,
    pub multi_az: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub subnet_group: Option<String>,
    /// VPC security group ids, sorted.
    pub security_groups: Vec<String>,
    pub database: Option<String>,
    pub username: Option<String>,
    pub endpoint: Option<(String, u16)>,
    /// The Secrets Manager secret RDS keeps the master password in.
    pub master_secret_arn: Option<String>,
    pub tags: Vec<(String, String)>,
}

fn clamp(value: Option<i32>) -> u32 {
    value.unwrap_or_default().max(0).unsigned_abs()
}

/// The DB instance `identifier`, if it exists.
pub async fn db_instance(
    config: &SdkConfig,
    identifier: &str,
) -> anyhow::Result<Option<DbInstance>> {
    let client = aws_sdk_rds::Client::new(config);
    let output = match client
        .describe_db_instances()
        .db_instance_identifier(identifier)
        .send()
        .await
    {
        Ok(output) => output,
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_instance_not_found_fault()) =>
        {
            return Ok(None);
        }
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the database `{identifier}`"),
            ));
        }
    };
    let Some(instance) = output.db_instances.unwrap_or_default().into_iter().next() else {
        return Ok(None);
    };
    let mut security_groups: Vec<String> = instance
        .vpc_security_groups
        .unwrap_or_default()
        .into_iter()
        .filter_map(|group| group.vpc_security_group_id)
        .collect();
    security_groups.sort();
    Ok(Some(DbInstance {
        identifier: instance.db_instance_identifier.unwrap_or_default(),
        arn: instance.db_instance_arn.unwrap_or_default(),
        status: instance.db_instance_status.unwrap_or_default(),
        engine: instance.engine.unwrap_or_default(),
        engine_version: instance.engine_version.unwrap_or_default(),
        instance_class: instance.db_instance_class.unwrap_or_default(),
        allocated_storage_gib: clamp(instance.allocated_storage),
        max_allocated_storage_gib: instance.max_allocated_storage.map(|gib| clamp(Some(gib))),
        storage_type: instance.storage_type.unwrap_or_default(),
        encrypted: instance.storage_encrypted.unwrap_or(false),
        publicly_accessible: instance.publicly_accessible.unwrap_or(false),
        multi_az: instance.multi_az.unwrap_or(false),
        backup_retention_days: clamp(instance.backup_retention_period),
        deletion_protection: instance.deletion_protection.unwrap_or(false),
        subnet_group: instance
            .db_subnet_group
            .and_then(|group| group.db_subnet_group_name),
        security_groups,
        database: instance.db_name,
        username: instance.master_username,
        endpoint: instance.endpoint.and_then(|endpoint| {
            Some((
                endpoint.address?,
                u16::try_from(endpoint.port?).unwrap_or_default(),
            ))
        }),
        master_secret_arn: instance
            .master_user_secret
            .and_then(|secret| secret.secret_arn),
        tags: instance
            .tag_list
            .unwrap_or_default()
            .into_iter()
            .filter_map(|tag| Some((tag.key?, tag.value?)))
            .collect(),
    }))
}

/// A DB instance to create.
#[derive(Debug, Clone)]
pub struct NewDbInstance<'a> {
    pub identifier: &'a str,
    pub engine: &'a str,
    pub engine_version: &'a str,
    pub instance_class: &'a str,
    pub storage_gib: u32,
    pub max_storage_gib: u32,
    pub multi_az: bool,
    pub backup_retention_days: u32,
    pub deletion_protection: bool,
    pub database: &'a str,
    pub username: &'a str,
    pub subnet_group: &'a str,
    pub security_groups: Vec<String>,
}

fn gib(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

/// Creates the DB instance: gp3, encrypted, private, its master password managed by RDS
/// in Secrets Manager (never seen by sleak at creation). Answers `false` when an
/// instance of that name already exists (a retried create whose first try worked, or
/// someone else's: the caller checks its tags).
pub async fn create_db_instance(
    config: &SdkConfig,
    new: &NewDbInstance<'_>,
    tags: &[(String, String)],
) -> anyhow::Result<bool> {
    let client = aws_sdk_rds::Client::new(config);
    let mut request = client
        .create_db_instance()
        .db_instance_identifier(new.identifier)
        .engine(new.engine)
        .engine_version(new.engine_version)
        .db_instance_class(new.instance_class)
        .allocated_storage(gib(new.storage_gib))
        .storage_type("gp3")
        .storage_encrypted(true)
        .publicly_accessible(false)
        .multi_az(new.multi_az)
        .backup_retention_period(gib(new.backup_retention_days))
        .deletion_protection(new.deletion_protection)
        .copy_tags_to_snapshot(true)
        .auto_minor_version_upgrade(true)
        .db_name(new.database)
        .master_username(new.username)
        .manage_master_user_password(true)
        .db_subnet_group_name(new.subnet_group)
        .set_vpc_security_group_ids(Some(new.security_groups.clone()))
        .set_tags(Some(
            tags.iter()
                .map(|(key, value)| Tag::builder().key(key).value(value).build())
                .collect(),
        ));
    if new.max_storage_gib > new.storage_gib {
        request = request.max_allocated_storage(gib(new.max_storage_gib));
    }
    match request.send().await {
        Ok(_) => Ok(true),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_instance_already_exists_fault()) =>
        {
            Ok(false)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not create the database `{}`", new.identifier),
        )),
    }
}

/// Changes to make to a DB instance, applied at once (not in the next maintenance
/// window: `apply` is when the user asked for them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DbModification {
    pub instance_class: Option<String>,
    pub storage_gib: Option<u32>,
    pub max_storage_gib: Option<u32>,
    pub multi_az: Option<bool>,
    pub backup_retention_days: Option<u32>,
    pub deletion_protection: Option<bool>,
    pub engine_version: Option<String>,
    pub security_groups: Option<Vec<String>>,
    pub publicly_accessible: Option<bool>,
}

pub async fn modify_db_instance(
    config: &SdkConfig,
    identifier: &str,
    change: &DbModification,
) -> anyhow::Result<()> {
    let client = aws_sdk_rds::Client::new(config);
    let mut request = client
        .modify_db_instance()
        .db_instance_identifier(identifier)
        .apply_immediately(true)
        .set_db_instance_class(change.instance_class.clone())
        .set_allocated_storage(change.storage_gib.map(gib))
        .set_max_allocated_storage(change.max_storage_gib.map(gib))
        .set_multi_az(change.multi_az)
        .set_backup_retention_period(change.backup_retention_days.map(gib))
        .set_deletion_protection(change.deletion_protection)
        .set_engine_version(change.engine_version.clone())
        .set_vpc_security_group_ids(change.security_groups.clone())
        .set_publicly_accessible(change.publicly_accessible);
    if change.storage_gib.is_some() {
        request = request.storage_type("gp3");
    }
    request.send().await.map_err(|error| {
        describe(
            error,
            &format!("could not change the database `{identifier}`"),
        )
    })?;
    Ok(())
}

/// Deletes the DB instance, after a final snapshot named `final_snapshot` unless `None`
/// (its automated backups are kept as RDS's retention says). Gone is done.
pub async fn delete_db_instance(
    config: &SdkConfig,
    identifier: &str,
    final_snapshot: Option<&str>,
) -> anyhow::Result<()> {
    let client = aws_sdk_rds::Client::new(config);
    let request = client
        .delete_db_instance()
        .db_instance_identifier(identifier)
        .delete_automated_backups(false);
    let request = match final_snapshot {
        Some(snapshot) => request
            .skip_final_snapshot(false)
            .final_db_snapshot_identifier(snapshot),
        None => request.skip_final_snapshot(true),
    };
    match request.send().await {
        Ok(_) => Ok(()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_instance_not_found_fault()) =>
        {
            Ok(())
        }
        // Already being deleted (a retried delete).
        Err(error)
            if error.as_service_error().is_some_and(|service| {
                service.is_invalid_db_instance_state_fault()
                    && service.meta().message().is_some_and(|message| {
                        message.contains("deleting") || message.contains("already being deleted")
                    })
            }) =>
        {
            Ok(())
        }
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_snapshot_already_exists_fault()) =>
        {
            anyhow::bail!(
                "the final snapshot `{}` of the database `{identifier}` already exists\nhint: \
                 keep it and remove the database with `--skip-final-snapshot`, or delete or \
                 rename that snapshot",
                final_snapshot.unwrap_or_default()
            )
        }
        Err(error) => {
            let protected = error.as_service_error().is_some_and(|service| {
                service.meta().message().is_some_and(|message| {
                    message.to_ascii_lowercase().contains("deletion protection")
                })
            });
            let described = describe(
                error,
                &format!("could not delete the database `{identifier}`"),
            );
            if protected {
                return Err(described.context(
                    "the database has deletion protection\nhint: set `deletion_protection = false` \
                     on the dependency and run `sleak apply`, then remove it",
                ));
            }
            Err(described)
        }
    }
}

/// Whether a snapshot of that name exists (a final snapshot taken by a delete whose
/// answer was lost).
pub async fn db_snapshot_exists(config: &SdkConfig, snapshot: &str) -> anyhow::Result<bool> {
    let client = aws_sdk_rds::Client::new(config);
    match client
        .describe_db_snapshots()
        .db_snapshot_identifier(snapshot)
        .send()
        .await
    {
        Ok(output) => Ok(!output.db_snapshots.unwrap_or_default().is_empty()),
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_db_snapshot_not_found_fault()) =>
        {
            Ok(false)
        }
        Err(error) => Err(describe(
            error,
            &format!("could not read the snapshot `{snapshot}`"),
        )),
    }
}
