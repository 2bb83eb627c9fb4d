//! Route53: hosted zones, found by the CallerReference sleak gives them.

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_route53::types::{Tag, TagResourceType};

use super::error::describe;

#[derive(Debug, Clone)]
pub struct HostedZone {
    pub id: String,
    pub name: String,
    pub caller_reference: String,
    /// Read only for zones sleak may own (`None` when not read).
    pub tags: Option<Vec<(String, String)>>,
}

/// Every hosted zone of the account.
pub async fn list_zones(config: &SdkConfig) -> anyhow::Result<Vec<HostedZone>> {
    let client = aws_sdk_route53::Client::new(config);
    let mut zones = Vec::new();
    let mut pages = client.list_hosted_zones().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|error| describe(error, "could not list hosted zones"))?;
        for zone in page.hosted_zones {
            zones.push(HostedZone {
                id: zone.id.trim_start_matches("/hostedzone/").to_owned(),
                name: zone.name,
                caller_reference: zone.caller_reference,
                tags: None,
            });
        }
    }
    Ok(zones)
}

/// The tags of a zone.
pub async fn zone_tags(config: &SdkConfig, zone_id: &str) -> anyhow::Result<Vec<(String, String)>> {
    let client = aws_sdk_route53::Client::new(config);
    let output = client
        .list_tags_for_resource()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id(zone_id)
        .send()
        .await
        .map_err(|error| describe(error, "could not read the hosted zone's tags"))?;
    Ok(output
        .resource_tag_set
        .and_then(|set| set.tags)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|tag| Some((tag.key?, tag.value.unwrap_or_default())))
        .collect())
}

/// Puts `tags` on a zone (a zone made by a run killed before it could tag it).
pub async fn tag_zone(
    config: &SdkConfig,
    zone_id: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = aws_sdk_route53::Client::new(config);
    client
        .change_tags_for_resource()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id(zone_id)
        .set_add_tags(Some(
            tags.iter()
                .map(|(key, value)| Tag::builder().key(key).value(value).build())
                .collect(),
        ))
        .send()
        .await
        .map_err(|error| describe(error, "could not tag the hosted zone"))?;
    Ok(())
}

/// Creates a public hosted zone for `domain` and tags it.
pub async fn create_zone(
    config: &SdkConfig,
    domain: &str,
    caller_reference: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_route53::Client::new(config);
    let what = format!("could not create the hosted zone `{domain}`");
    let id = match client
        .create_hosted_zone()
        .name(domain)
        .caller_reference(caller_reference)
        .send()
        .await
    {
        Ok(output) => output
            .hosted_zone
            .map(|zone| zone.id)
            .context("Route53 answered without a zone")?
            .trim_start_matches("/hostedzone/")
            .to_owned(),
        // The CallerReference makes the create idempotent: a retry whose first try
        // worked is refused, and the zone is the one with our reference.
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_hosted_zone_already_exists()) =>
        {
            let zones = list_zones(config).await?;
            match zones
                .into_iter()
                .find(|zone| zone.caller_reference == caller_reference)
            {
                Some(zone) => zone.id,
                None => return Err(describe(error, &what)),
            }
        }
        Err(error) => return Err(describe(error, &what)),
    };
    tag_zone(config, &id, tags).await?;
    Ok(id)
}

/// The zone's name servers, to set at the registrar.
pub async fn name_servers(config: &SdkConfig, zone_id: &str) -> anyhow::Result<Vec<String>> {
    let client = aws_sdk_route53::Client::new(config);
    let output = client
        .get_hosted_zone()
        .id(zone_id)
        .send()
        .await
        .map_err(|error| describe(error, "could not read the hosted zone"))?;
    Ok(output
        .delegation_set
        .map(|set| set.name_servers)
        .unwrap_or_default())
}

/// Deletes the zone after removing its records other than its own NS and SOA.
pub async fn delete_zone(config: &SdkConfig, zone_id: &str) -> anyhow::Result<()> {
    use aws_sdk_route53::types::{Change, ChangeAction, ChangeBatch, RrType};
    let client = aws_sdk_route53::Client::new(config);
    let zone = match client.get_hosted_zone().id(zone_id).send().await {
        Ok(output) => output
            .hosted_zone
            .context("Route53 answered without a zone")?,
        Err(error)
            if error
                .as_service_error()
                .is_some_and(|service| service.is_no_such_hosted_zone()) =>
        {
            return Ok(());
        }
        Err(error) => return Err(describe(error, "could not read the hosted zone")),
    };
    let mut changes = Vec::new();
    let mut start: Option<(String, RrType)> = None;
    loop {
        let mut request = client.list_resource_record_sets().hosted_zone_id(zone_id);
        if let Some((name, kind)) = &start {
            request = request
                .start_record_name(name)
                .start_record_type(kind.clone());
        }
        let page = request
            .send()
            .await
            .map_err(|error| describe(error, "could not list the zone's records"))?;
        for record in page.resource_record_sets {
            let apex = record.name == zone.name;
            if apex && matches!(record.r#type, RrType::Ns | RrType::Soa) {
                continue;
            }
            changes.push(
                Change::builder()
                    .action(ChangeAction::Delete)
                    .resource_record_set(record)
                    .build()
                    .context("a record change")?,
            );
        }
        match (
            page.is_truncated,
            page.next_record_name,
            page.next_record_type,
        ) {
            (true, Some(name), Some(kind)) => start = Some((name, kind)),
            _ => break,
        }
    }
    if !changes.is_empty() {
        client
            .change_resource_record_sets()
            .hosted_zone_id(zone_id)
            .change_batch(
                ChangeBatch::builder()
                    .set_changes(Some(changes))
                    .build()
                    .context("a change batch")?,
            )
            .send()
            .await
            .map_err(|error| describe(error, "could not empty the hosted zone"))?;
    }
    let result = client.delete_hosted_zone().id(zone_id).send().await;
    super::error::deleted(
        result,
        &["NoSuchHostedZone"],
        "could not delete the hosted zone",
    )
}

/// The NS record `name` of the zone, if there is one: its name servers, sorted, without
/// trailing dots.
pub async fn ns_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
) -> anyhow::Result<Option<Vec<String>>> {
    record(config, zone_id, name, aws_sdk_route53::types::RrType::Ns).await
}

/// Creates or replaces the NS record `name` with `servers` (delegation of a subdomain).
pub async fn put_ns_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
    servers: &[String],
) -> anyhow::Result<()> {
    let record = Record {
        name,
        kind: aws_sdk_route53::types::RrType::Ns,
        ttl: 172_800,
        values: servers,
    };
    change_record(config, zone_id, &record, false, &format!("delegate {name}")).await
}

/// Removes the NS record `name` (gone already counts as done).
pub async fn delete_ns_record(config: &SdkConfig, zone_id: &str, name: &str) -> anyhow::Result<()> {
    delete_record(config, zone_id, name, aws_sdk_route53::types::RrType::Ns).await
}

/// The CNAME record `name` of the zone, if there is one: its target without the
/// trailing dot.
pub async fn cname_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
) -> anyhow::Result<Option<String>> {
    Ok(
        record(config, zone_id, name, aws_sdk_route53::types::RrType::Cname)
            .await?
            .and_then(|values| values.into_iter().next()),
    )
}

/// Creates or replaces the CNAME record `name` pointing at `target`.
pub async fn put_cname_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
    target: &str,
    why: &str,
) -> anyhow::Result<()> {
    let values = [target.trim_end_matches('.').to_owned()];
    let record = Record {
        name,
        kind: aws_sdk_route53::types::RrType::Cname,
        ttl: 300,
        values: &values,
    };
    change_record(config, zone_id, &record, false, why).await
}

/// Removes the CNAME record `name` (gone already counts as done).
pub async fn delete_cname_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
) -> anyhow::Result<()> {
    delete_record(config, zone_id, name, aws_sdk_route53::types::RrType::Cname).await
}

/// The values of the record `name` of type `kind`, sorted, without trailing dots.
async fn record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
    kind: aws_sdk_route53::types::RrType,
) -> anyhow::Result<Option<Vec<String>>> {
    Ok(read_record(config, zone_id, name, kind)
        .await?
        .map(|(values, _)| values))
}

/// The values of the record `name` of type `kind` and its TTL.
async fn read_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
    kind: aws_sdk_route53::types::RrType,
) -> anyhow::Result<Option<(Vec<String>, i64)>> {
    let client = aws_sdk_route53::Client::new(config);
    let fqdn = format!("{}.", name.trim_end_matches('.'));
    let page = client
        .list_resource_record_sets()
        .hosted_zone_id(zone_id)
        .start_record_name(&fqdn)
        .start_record_type(kind.clone())
        .max_items(1)
        .send()
        .await
        .map_err(|error| describe(error, "could not read the zone's records"))?;
    let Some(record) = page
        .resource_record_sets
        .into_iter()
        .find(|record| record.name.eq_ignore_ascii_case(&fqdn) && record.r#type == kind)
    else {
        return Ok(None);
    };
    let mut values: Vec<String> = record
        .resource_records
        .unwrap_or_default()
        .into_iter()
        .map(|value| value.value.trim_end_matches('.').to_owned())
        .collect();
    values.sort();
    Ok(Some((values, record.ttl.unwrap_or(300))))
}

/// One record set to write.
struct Record<'a> {
    name: &'a str,
    kind: aws_sdk_route53::types::RrType,
    ttl: i64,
    /// Host names, without the trailing dot.
    values: &'a [String],
}

async fn delete_record(
    config: &SdkConfig,
    zone_id: &str,
    name: &str,
    kind: aws_sdk_route53::types::RrType,
) -> anyhow::Result<()> {
    // A delete names the record exactly as it is, TTL included.
    let Some((values, ttl)) = read_record(config, zone_id, name, kind.clone()).await? else {
        return Ok(());
    };
    let record = Record {
        name,
        kind,
        ttl,
        values: &values,
    };
    change_record(config, zone_id, &record, true, &format!("remove {name}")).await
}

async fn change_record(
    config: &SdkConfig,
    zone_id: &str,
    record: &Record<'_>,
    delete: bool,
    why: &str,
) -> anyhow::Result<()> {
    use aws_sdk_route53::types::{
        Change, ChangeAction, ChangeBatch, ResourceRecord, ResourceRecordSet,
    };
    let client = aws_sdk_route53::Client::new(config);
    let name = record.name;
    let values = record
        .values
        .iter()
        .map(|value| ResourceRecord::builder().value(format!("{value}.")).build())
        .collect::<Result<Vec<_>, _>>()
        .context("a resource record")?;
    let set = ResourceRecordSet::builder()
        .name(format!("{}.", name.trim_end_matches('.')))
        .r#type(record.kind.clone())
        .ttl(record.ttl)
        .set_resource_records(Some(values))
        .build()
        .context("a record set")?;
    let action = if delete {
        ChangeAction::Delete
    } else {
        ChangeAction::Upsert
    };
    client
        .change_resource_record_sets()
        .hosted_zone_id(zone_id)
        .change_batch(
            ChangeBatch::builder()
                .comment(format!("sleak: {why}"))
                .changes(
                    Change::builder()
                        .action(action)
                        .resource_record_set(set)
                        .build()
                        .context("a record change")?,
                )
                .build()
                .context("a change batch")?,
        )
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!(
                    "could not write the {} record of `{name}`",
                    record.kind.as_str()
                ),
            )
        })?;
    Ok(())
}
