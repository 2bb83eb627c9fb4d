//! EC2: what sleak finds in an account (by its tags), and the calls that create and
//! change networks and the VPN server. Every create tags at creation time, so a run
//! killed right after a create finds the resource again by its tags.

use anyhow::Context;
use aws_config::SdkConfig;
use aws_sdk_ec2::types::{
    Address, AttributeBooleanValue, BlockDeviceMapping, DomainType, EbsBlockDevice, Filter,
    HttpTokensState, IamInstanceProfileSpecification, Instance, InstanceMetadataOptionsRequest,
    InstanceType, InternetGateway, IpPermission, IpRange, NatGateway, ResourceType, RouteTable,
    SecurityGroup, Subnet, Tag, TagSpecification, VolumeType, Vpc, VpcPeeringConnection,
};

use super::error::describe;
use super::once::{self, code_of, create_once};
use super::tags::{ID_TAG, WORKSPACE_TAG};
use crate::providers::wait::{self, Backoff, Poll};

/// Everything of one workspace in one account's EC2, found by the workspace tag.
#[derive(Debug, Default, Clone)]
pub struct Ec2Snapshot {
    pub vpcs: Vec<Vpc>,
    /// Whether DNS support and host names are on, by VPC id.
    pub vpc_dns: std::collections::HashMap<String, bool>,
    pub subnets: Vec<Subnet>,
    pub internet_gateways: Vec<InternetGateway>,
    pub route_tables: Vec<RouteTable>,
    pub addresses: Vec<Address>,
    pub nat_gateways: Vec<NatGateway>,
    pub peerings: Vec<VpcPeeringConnection>,
    pub security_groups: Vec<SecurityGroup>,
    pub instances: Vec<Instance>,
}

macro_rules! all_pages {
    ($request:expr, $field:ident, $what:expr) => {{
        let mut items = Vec::new();
        let mut pages = $request.into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|error| describe(error, $what))?;
            items.extend(page.$field.unwrap_or_default());
        }
        items
    }};
}

fn workspace_filter(workspace: &str) -> Filter {
    Filter::builder()
        .name(format!("tag:{WORKSPACE_TAG}"))
        .values(workspace)
        .build()
}

/// Reads every EC2 resource of `workspace` in the account of `config`, the describe
/// calls running concurrently.
pub async fn snapshot(config: &SdkConfig, workspace: &str) -> anyhow::Result<Ec2Snapshot> {
    let client = aws_sdk_ec2::Client::new(config);
    let filter = workspace_filter(workspace);
    let vpcs = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_vpcs().filters(filter.clone()),
            vpcs,
            "could not list VPCs"
        ))
    };
    let subnets = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_subnets().filters(filter.clone()),
            subnets,
            "could not list subnets"
        ))
    };
    let gateways = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_internet_gateways().filters(filter.clone()),
            internet_gateways,
            "could not list internet gateways"
        ))
    };
    let tables = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_route_tables().filters(filter.clone()),
            route_tables,
            "could not list route tables"
        ))
    };
    let nats = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_nat_gateways().filter(filter.clone()),
            nat_gateways,
            "could not list NAT gateways"
        ))
    };
    let peerings = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client
                .describe_vpc_peering_connections()
                .filters(filter.clone()),
            vpc_peering_connections,
            "could not list VPC peerings"
        ))
    };
    let groups = async {
        Ok::<_, anyhow::Error>(all_pages!(
            client.describe_security_groups().filters(filter.clone()),
            security_groups,
            "could not list security groups"
        ))
    };
    let instances = async {
        let reservations = all_pages!(
            client.describe_instances().filters(filter.clone()),
            reservations,
            "could not list instances"
        );
        Ok::<_, anyhow::Error>(
            reservations
                .into_iter()
                .flat_map(|reservation| reservation.instances.unwrap_or_default())
                .collect::<Vec<_>>(),
        )
    };
    let addresses = async {
        let output = client
            .describe_addresses()
            .filters(filter.clone())
            .send()
            .await
            .map_err(|error| describe(error, "could not list Elastic IPs"))?;
        Ok::<_, anyhow::Error>(output.addresses.unwrap_or_default())
    };
    let (
        vpcs,
        subnets,
        internet_gateways,
        route_tables,
        nat_gateways,
        peerings,
        security_groups,
        instances,
        addresses,
    ) = tokio::try_join!(
        vpcs, subnets, gateways, tables, nats, peerings, groups, instances, addresses
    )?;
    let live_nat = |nat: &NatGateway| {
        !matches!(
            nat.state.as_ref().map(|state| state.as_str()),
            Some("deleted" | "deleting" | "failed")
        )
    };
    let live_peering = |peering: &VpcPeeringConnection| {
        !matches!(
            peering
                .status
                .as_ref()
                .and_then(|status| status.code.as_ref())
                .map(|code| code.as_str()),
            Some("deleted" | "deleting" | "rejected" | "failed" | "expired")
        )
    };
    let live_instance = |instance: &Instance| {
        !matches!(
            instance
                .state
                .as_ref()
                .and_then(|state| state.name.as_ref())
                .map(|name| name.as_str()),
            Some("terminated" | "shutting-down")
        )
    };
    let dns = futures::future::try_join_all(vpcs.iter().filter_map(|vpc| vpc.vpc_id.clone()).map(
        |vpc_id| async move {
            let enabled = vpc_dns_enabled(config, &vpc_id).await?;
            Ok::<_, anyhow::Error>((vpc_id, enabled))
        },
    ))
    .await?;
    Ok(Ec2Snapshot {
        vpc_dns: dns.into_iter().collect(),
        vpcs,
        subnets,
        internet_gateways,
        route_tables,
        addresses,
        nat_gateways: nat_gateways.into_iter().filter(live_nat).collect(),
        peerings: peerings.into_iter().filter(live_peering).collect(),
        security_groups,
        instances: instances.into_iter().filter(live_instance).collect(),
    })
}

/// The value of `key` among EC2 tags.
pub fn tag<'a>(tags: Option<&'a [Tag]>, key: &str) -> Option<&'a str> {
    tags?
        .iter()
        .find(|tag| tag.key.as_deref() == Some(key))
        .and_then(|tag| tag.value.as_deref())
}

/// The sleak id of a tagged resource.
pub fn sleak_id(tags: Option<&[Tag]>) -> Option<&str> {
    tag(tags, ID_TAG)
}

/// An EC2 resource of a snapshot: its tags and its id.
pub trait Tagged {
    fn tags(&self) -> Option<&[Tag]>;
    fn cloud_id(&self) -> Option<&str>;
}

macro_rules! tagged {
    ($($ty:ty => $id:ident),* $(,)?) => {
        $(impl Tagged for $ty {
            fn tags(&self) -> Option<&[Tag]> {
                self.tags.as_deref()
            }
            fn cloud_id(&self) -> Option<&str> {
                self.$id.as_deref()
            }
        })*
    };
}

tagged!(
    Vpc => vpc_id,
    Subnet => subnet_id,
    InternetGateway => internet_gateway_id,
    RouteTable => route_table_id,
    Address => allocation_id,
    NatGateway => nat_gateway_id,
    VpcPeeringConnection => vpc_peering_connection_id,
    SecurityGroup => group_id,
    Instance => instance_id,
);

/// Filters for the resource that carries `tags`' `sleak:id` and `sleak:workspace`: how a
/// create whose answer was lost finds what its first try made. `None` when `tags` have
/// no `sleak:id` (then nothing can tell a copy of ours from another).
fn identity_filters(tags: &[(String, String)]) -> Option<Vec<Filter>> {
    tags.iter().any(|(key, _)| key == ID_TAG).then(|| {
        tags.iter()
            .filter(|(key, _)| key == ID_TAG || key == WORKSPACE_TAG)
            .map(|(key, value)| {
                Filter::builder()
                    .name(format!("tag:{key}"))
                    .values(value)
                    .build()
            })
            .collect()
    })
}

/// The `find` of a [`create_once`]: the id of the resource `filters` (from
/// [`identity_filters`], and what else narrows it) select among `$field` of `$request`,
/// checked to carry `tags`' identity; `Ok(None)` without filters.
macro_rules! find_tagged {
    ($filters:expr, $tags:expr, $request:expr, $field:ident, $what:expr) => {
        || async {
            let Some(filters) = $filters else {
                return Ok(None);
            };
            let output = $request
                .set_filters(Some(filters))
                .send()
                .await
                .map_err(|error| describe(error, $what))?;
            Ok(first_id(output.$field, $tags).map(Some))
        }
    };
}

/// [`identity_filters`] and the VPC: what finds a subnet, route table or security group.
fn in_vpc(tags: &[(String, String)], vpc_id: &str) -> Option<Vec<Filter>> {
    identity_filters(tags).map(|mut filters| {
        filters.push(Filter::builder().name("vpc-id").values(vpc_id).build());
        filters
    })
}

/// The id of the resource of `items` a lost create made (the first, if ever several):
/// one carrying every tag of `tags` that [`identity_filters`] filters on. Checked here
/// too, as not every EC2 implementation applies tag filters to every describe.
fn first_id<T: Tagged>(items: Option<Vec<T>>, tags: &[(String, String)]) -> Option<String> {
    let identity: Vec<&(String, String)> = tags
        .iter()
        .filter(|(key, _)| key == ID_TAG || key == WORKSPACE_TAG)
        .collect();
    items?
        .iter()
        .filter(|item| {
            identity
                .iter()
                .all(|(key, value)| tag(item.tags(), key) == Some(value.as_str()))
        })
        .find_map(|item| item.cloud_id().map(str::to_owned))
}

/// The first of `items` carrying the `sleak:id` tag `id` (a later one is a duplicate).
pub fn by_sleak_id<'a, T: Tagged>(items: &'a [T], id: &str) -> Option<&'a T> {
    items.iter().find(|item| sleak_id(item.tags()) == Some(id))
}

/// (`sleak:id`, cloud id) of each of `items` carrying a `sleak:id` tag.
pub fn sleak_ids<T: Tagged>(items: &[T]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|item| {
            Some((
                sleak_id(item.tags())?.to_owned(),
                item.cloud_id().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// Tags for a resource created now: workspace, id, a readable Name, and `extra`.
pub fn tag_specification(
    resource_type: ResourceType,
    tags: &[(String, String)],
) -> TagSpecification {
    TagSpecification::builder()
        .resource_type(resource_type)
        .set_tags(Some(
            tags.iter()
                .map(|(key, value)| Tag::builder().key(key).value(value).build())
                .collect(),
        ))
        .build()
}

/// Availability zones of the region, in name order.
pub async fn availability_zones(config: &SdkConfig) -> anyhow::Result<Vec<String>> {
    let client = aws_sdk_ec2::Client::new(config);
    let output = client
        .describe_availability_zones()
        .filters(Filter::builder().name("state").values("available").build())
        .send()
        .await
        .map_err(|error| describe(error, "could not list availability zones"))?;
    let mut zones: Vec<String> = output
        .availability_zones
        .unwrap_or_default()
        .into_iter()
        .filter(|zone| {
            zone.zone_type
                .as_deref()
                .is_none_or(|kind| kind == "availability-zone")
        })
        .filter_map(|zone| zone.zone_name)
        .collect();
    zones.sort();
    Ok(zones)
}

pub async fn create_vpc(
    config: &SdkConfig,
    cidr: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    let vpc_id = create_once(
        "could not create the VPC",
        &[],
        || async {
            once.create_vpc()
                .cidr_block(cidr)
                .tag_specifications(tag_specification(ResourceType::Vpc, tags))
                .send()
                .await
                .map(|output| output.vpc.and_then(|vpc| vpc.vpc_id))
        },
        find_tagged!(
            identity_filters(tags),
            tags,
            client.describe_vpcs(),
            vpcs,
            "could not look for the VPC"
        ),
    )
    .await?
    .context("EC2 answered CreateVpc without an id")?;
    enable_vpc_dns(config, &vpc_id).await?;
    Ok(vpc_id)
}

/// Turns on DNS support and host names (one attribute per call, as the API requires).
pub async fn enable_vpc_dns(config: &SdkConfig, vpc_id: &str) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    let enabled = || AttributeBooleanValue::builder().value(true).build();
    let hostnames = client
        .modify_vpc_attribute()
        .vpc_id(vpc_id)
        .enable_dns_hostnames(enabled())
        .send();
    let support = client
        .modify_vpc_attribute()
        .vpc_id(vpc_id)
        .enable_dns_support(enabled())
        .send();
    let (hostnames, support) = tokio::join!(hostnames, support);
    hostnames.map_err(|error| describe(error, "could not enable DNS host names in the VPC"))?;
    support.map_err(|error| describe(error, "could not enable DNS in the VPC"))?;
    Ok(())
}

/// Whether DNS support and DNS host names are both on.
pub async fn vpc_dns_enabled(config: &SdkConfig, vpc_id: &str) -> anyhow::Result<bool> {
    use aws_sdk_ec2::types::VpcAttributeName;
    let client = aws_sdk_ec2::Client::new(config);
    let hostnames = client
        .describe_vpc_attribute()
        .vpc_id(vpc_id)
        .attribute(VpcAttributeName::EnableDnsHostnames)
        .send();
    let support = client
        .describe_vpc_attribute()
        .vpc_id(vpc_id)
        .attribute(VpcAttributeName::EnableDnsSupport)
        .send();
    let (hostnames, support) = tokio::join!(hostnames, support);
    let hostnames =
        hostnames.map_err(|error| describe(error, "could not read the VPC's DNS host names"))?;
    let support =
        support.map_err(|error| describe(error, "could not read the VPC's DNS support"))?;
    let on =
        |value: Option<&AttributeBooleanValue>| value.and_then(|value| value.value) == Some(true);
    Ok(on(hostnames.enable_dns_hostnames.as_ref()) && on(support.enable_dns_support.as_ref()))
}

/// Gives instances launched in the subnet a public IP.
pub async fn map_public_ips(config: &SdkConfig, subnet_id: &str) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    client
        .modify_subnet_attribute()
        .subnet_id(subnet_id)
        .map_public_ip_on_launch(AttributeBooleanValue::builder().value(true).build())
        .send()
        .await
        .map_err(|error| describe(error, "could not make the subnet public"))?;
    Ok(())
}

pub async fn create_internet_gateway(
    config: &SdkConfig,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    create_once(
        "could not create the internet gateway",
        &[],
        || async {
            once.create_internet_gateway()
                .tag_specifications(tag_specification(ResourceType::InternetGateway, tags))
                .send()
                .await
                .map(|output| {
                    output
                        .internet_gateway
                        .and_then(|gateway| gateway.internet_gateway_id)
                })
        },
        find_tagged!(
            identity_filters(tags),
            tags,
            client.describe_internet_gateways(),
            internet_gateways,
            "could not look for the internet gateway"
        ),
    )
    .await?
    .context("EC2 answered CreateInternetGateway without an id")
}

pub async fn attach_internet_gateway(
    config: &SdkConfig,
    gateway_id: &str,
    vpc_id: &str,
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    match client
        .attach_internet_gateway()
        .internet_gateway_id(gateway_id)
        .vpc_id(vpc_id)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        // A retry whose first try worked: attached to this VPC is done.
        Err(error) if code_of(&error) == Some("Resource.AlreadyAssociated") => {
            let attached = client
                .describe_internet_gateways()
                .internet_gateway_ids(gateway_id)
                .send()
                .await
                .map_err(|error| describe(error, "could not read the internet gateway"))?
                .internet_gateways
                .unwrap_or_default()
                .iter()
                .flat_map(|gateway| gateway.attachments())
                .any(|attachment| attachment.vpc_id() == Some(vpc_id));
            if attached {
                Ok(())
            } else {
                Err(describe(error, "could not attach the internet gateway"))
            }
        }
        Err(error) => Err(describe(error, "could not attach the internet gateway")),
    }
}

pub async fn create_subnet(
    config: &SdkConfig,
    vpc_id: &str,
    cidr: &str,
    zone: &str,
    public: bool,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    // A retried create whose first try worked meets its own CIDR: InvalidSubnet.Conflict.
    let subnet_id = create_once(
        "could not create a subnet",
        &["InvalidSubnet.Conflict"],
        || async {
            once.create_subnet()
                .vpc_id(vpc_id)
                .cidr_block(cidr)
                .availability_zone(zone)
                .tag_specifications(tag_specification(ResourceType::Subnet, tags))
                .send()
                .await
                .map(|output| output.subnet.and_then(|subnet| subnet.subnet_id))
        },
        find_tagged!(
            in_vpc(tags, vpc_id),
            tags,
            client.describe_subnets(),
            subnets,
            "could not look for the subnet"
        ),
    )
    .await?
    .context("EC2 answered CreateSubnet without an id")?;
    if public {
        client
            .modify_subnet_attribute()
            .subnet_id(&subnet_id)
            .map_public_ip_on_launch(AttributeBooleanValue::builder().value(true).build())
            .send()
            .await
            .map_err(|error| describe(error, "could not make the subnet public"))?;
    }
    Ok(subnet_id)
}

pub async fn create_route_table(
    config: &SdkConfig,
    vpc_id: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    create_once(
        "could not create a route table",
        &[],
        || async {
            once.create_route_table()
                .vpc_id(vpc_id)
                .tag_specifications(tag_specification(ResourceType::RouteTable, tags))
                .send()
                .await
                .map(|output| output.route_table.and_then(|table| table.route_table_id))
        },
        find_tagged!(
            in_vpc(tags, vpc_id),
            tags,
            client.describe_route_tables(),
            route_tables,
            "could not look for the route table"
        ),
    )
    .await?
    .context("EC2 answered CreateRouteTable without an id")
}

/// Where a route leads.
#[derive(Debug, Clone, Copy)]
pub enum RouteTarget<'a> {
    Gateway(&'a str),
    NatGateway(&'a str),
    Peering(&'a str),
}

impl<'a> RouteTarget<'a> {
    /// From the cloud id's prefix: `igw-`, `nat-`, `pcx-`.
    pub fn from_id(id: &'a str) -> Self {
        if id.starts_with("nat-") {
            RouteTarget::NatGateway(id)
        } else if id.starts_with("pcx-") {
            RouteTarget::Peering(id)
        } else {
            RouteTarget::Gateway(id)
        }
    }
}

/// Creates the route, or replaces it when one to the same destination exists.
pub async fn put_route(
    config: &SdkConfig,
    table_id: &str,
    destination: &str,
    target: RouteTarget<'_>,
    replace: bool,
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    if replace {
        let request = client
            .replace_route()
            .route_table_id(table_id)
            .destination_cidr_block(destination);
        let request = match target {
            RouteTarget::Gateway(id) => request.gateway_id(id),
            RouteTarget::NatGateway(id) => request.nat_gateway_id(id),
            RouteTarget::Peering(id) => request.vpc_peering_connection_id(id),
        };
        request.send().await.map_err(|error| {
            describe(
                error,
                &format!("could not replace the route to {destination}"),
            )
        })?;
        return Ok(());
    }
    let request = client
        .create_route()
        .route_table_id(table_id)
        .destination_cidr_block(destination);
    let request = match target {
        RouteTarget::Gateway(id) => request.gateway_id(id),
        RouteTarget::NatGateway(id) => request.nat_gateway_id(id),
        RouteTarget::Peering(id) => request.vpc_peering_connection_id(id),
    };
    match request.send().await {
        Ok(_) => Ok(()),
        // Made by a run that was killed before it heard back: the route is there.
        Err(error) if code_of(&error) == Some("RouteAlreadyExists") => Ok(()),
        Err(error) => Err(describe(
            error,
            &format!("could not create the route to {destination}"),
        )),
    }
}

pub async fn associate_route_table(
    config: &SdkConfig,
    table_id: &str,
    subnet_id: &str,
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let what = "could not associate a subnet with its route table";
    match client
        .associate_route_table()
        .route_table_id(table_id)
        .subnet_id(subnet_id)
        .send()
        .await
    {
        Ok(output) => output
            .association_id
            .context("EC2 answered AssociateRouteTable without an id"),
        // A retry whose first try worked: the subnet is this table's already.
        Err(error) if code_of(&error) == Some("Resource.AlreadyAssociated") => {
            let association = client
                .describe_route_tables()
                .route_table_ids(table_id)
                .send()
                .await
                .map_err(|error| describe(error, "could not read the route table"))?
                .route_tables
                .unwrap_or_default()
                .iter()
                .flat_map(|table| table.associations())
                .find(|association| association.subnet_id() == Some(subnet_id))
                .and_then(|association| association.route_table_association_id.clone());
            association.ok_or_else(|| describe(error, what))
        }
        Err(error) => Err(describe(error, what)),
    }
}

pub async fn allocate_address(
    config: &SdkConfig,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    create_once(
        "could not allocate an Elastic IP",
        &[],
        || async {
            once.allocate_address()
                .domain(DomainType::Vpc)
                .tag_specifications(tag_specification(ResourceType::ElasticIp, tags))
                .send()
                .await
                .map(|output| output.allocation_id)
        },
        find_tagged!(
            identity_filters(tags),
            tags,
            client.describe_addresses(),
            addresses,
            "could not look for the Elastic IP"
        ),
    )
    .await?
    .context("EC2 answered AllocateAddress without an allocation id")
}

pub async fn associate_address(
    config: &SdkConfig,
    allocation_id: &str,
    instance_id: &str,
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    client
        .associate_address()
        .allocation_id(allocation_id)
        .instance_id(instance_id)
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                "could not associate the Elastic IP with the VPN server",
            )
        })?;
    Ok(())
}

pub async fn create_nat_gateway(
    config: &SdkConfig,
    subnet_id: &str,
    allocation_id: &str,
    client_token: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let output = client
        .create_nat_gateway()
        .subnet_id(subnet_id)
        .allocation_id(allocation_id)
        .client_token(client_token)
        .tag_specifications(tag_specification(ResourceType::Natgateway, tags))
        .send()
        .await
        .map_err(|error| describe(error, "could not create a NAT gateway"))?;
    output
        .nat_gateway
        .and_then(|nat| nat.nat_gateway_id)
        .context("EC2 answered CreateNatGateway without an id")
}

/// Waits until a NAT gateway is available (a few minutes on AWS).
pub async fn wait_nat_gateway(
    config: &SdkConfig,
    nat_id: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    wait::until(
        Backoff::NAT_GATEWAY,
        &format!("the NAT gateway `{nat_id}` to be available"),
        on_wait,
        || async {
            let output = client
                .describe_nat_gateways()
                .nat_gateway_ids(nat_id)
                .send()
                .await
                .map_err(|error| describe(error, "could not follow the NAT gateway"))?;
            let state = output
                .nat_gateways
                .unwrap_or_default()
                .into_iter()
                .next()
                .and_then(|nat| nat.state);
            match state.as_ref().map(|state| state.as_str()) {
                Some("available") => Ok(Poll::Ready(())),
                Some("failed" | "deleted" | "deleting") => {
                    anyhow::bail!("the NAT gateway `{nat_id}` failed to start")
                }
                _ => Ok(Poll::Pending(format!(
                    "waiting for NAT gateway {nat_id} to be available"
                ))),
            }
        },
    )
    .await
}

pub async fn create_peering(
    config: &SdkConfig,
    vpc_id: &str,
    peer_vpc_id: &str,
    peer_account: &str,
    peer_region: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    create_once(
        "could not request the VPC peering",
        &[],
        || async {
            once.create_vpc_peering_connection()
                .vpc_id(vpc_id)
                .peer_vpc_id(peer_vpc_id)
                .peer_owner_id(peer_account)
                .peer_region(peer_region)
                .tag_specifications(tag_specification(ResourceType::VpcPeeringConnection, tags))
                .send()
                .await
                .map(|output| {
                    output
                        .vpc_peering_connection
                        .and_then(|peering| peering.vpc_peering_connection_id)
                })
        },
        || async {
            let Some(filters) = identity_filters(tags) else {
                return Ok(None);
            };
            let output = client
                .describe_vpc_peering_connections()
                .set_filters(Some(filters))
                .send()
                .await
                .map_err(|error| describe(error, "could not look for the VPC peering"))?;
            let live = output.vpc_peering_connections.map(|peerings| {
                peerings
                    .into_iter()
                    .filter(|peering| {
                        !matches!(
                            peering
                                .status
                                .as_ref()
                                .and_then(|status| status.code.as_ref())
                                .map(|code| code.as_str()),
                            Some("deleted" | "deleting" | "failed" | "rejected" | "expired")
                        )
                    })
                    .collect::<Vec<_>>()
            });
            Ok(first_id(live, tags).map(Some))
        },
    )
    .await?
    .context("EC2 answered CreateVpcPeeringConnection without an id")
}

/// Accepts a peering in the accepter's account.
pub async fn accept_peering(accepter: &SdkConfig, peering_id: &str) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(accepter);
    match client
        .accept_vpc_peering_connection()
        .vpc_peering_connection_id(peering_id)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        // A retry whose first try worked: the peering is past pending-acceptance.
        Err(error) if code_of(&error) == Some("InvalidStateTransition") => {
            match peering_status(accepter, peering_id).await?.as_deref() {
                Some("active" | "provisioning") => Ok(()),
                _ => Err(describe(error, "could not accept the VPC peering")),
            }
        }
        Err(error) => Err(describe(error, "could not accept the VPC peering")),
    }
}

/// The status code of a peering as the accepter sees it.
pub async fn peering_status(
    config: &SdkConfig,
    peering_id: &str,
) -> anyhow::Result<Option<String>> {
    let client = aws_sdk_ec2::Client::new(config);
    let output = client
        .describe_vpc_peering_connections()
        .vpc_peering_connection_ids(peering_id)
        .send()
        .await
        .map_err(|error| describe(error, "could not read the VPC peering"))?;
    Ok(output
        .vpc_peering_connections
        .unwrap_or_default()
        .into_iter()
        .next()
        .and_then(|peering| peering.status)
        .and_then(|status| status.code)
        .map(|code| code.as_str().to_owned()))
}

pub async fn create_security_group(
    config: &SdkConfig,
    vpc_id: &str,
    name: &str,
    description: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let client = aws_sdk_ec2::Client::new(config);
    let once = aws_sdk_ec2::Client::new(&once::without_retries(config));
    // The name is unique in the VPC: a retry whose first try worked meets
    // InvalidGroup.Duplicate, success when the group is the one tagged as ours.
    create_once(
        "could not create the security group",
        &["InvalidGroup.Duplicate"],
        || async {
            once.create_security_group()
                .vpc_id(vpc_id)
                .group_name(name)
                .description(description)
                .tag_specifications(tag_specification(ResourceType::SecurityGroup, tags))
                .send()
                .await
                .map(|output| output.group_id)
        },
        find_tagged!(
            in_vpc(tags, vpc_id),
            tags,
            client.describe_security_groups(),
            security_groups,
            "could not look for the security group"
        ),
    )
    .await?
    .context("EC2 answered CreateSecurityGroup without an id")
}

/// An ingress rule as (protocol, port, cidr).
pub type Rule = (String, u16, String);

/// The single-port ingress rules of a security group, from IPv4 ranges or from other
/// security groups (their `sg-…` id in place of a CIDR).
pub fn ingress_rules(group: &SecurityGroup) -> Vec<Rule> {
    let mut rules = Vec::new();
    for permission in group.ip_permissions.as_deref().unwrap_or_default() {
        let protocol = permission.ip_protocol.clone().unwrap_or_default();
        let from = permission.from_port.unwrap_or(-1);
        let to = permission.to_port.unwrap_or(-1);
        let sources = permission
            .ip_ranges
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|range| range.cidr_ip.clone().unwrap_or_default())
            .chain(
                permission
                    .user_id_group_pairs
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(|pair| pair.group_id.clone().unwrap_or_default()),
            );
        for cidr in sources {
            if from == to && from >= 0 {
                rules.push((protocol.clone(), from as u16, cidr));
            } else {
                // A port range or all ports: never one of sleak's rules, always revoked.
                rules.push((format!("{protocol}:{from}-{to}"), 0, cidr));
            }
        }
    }
    rules.sort();
    rules
}

fn permission(rule: &Rule) -> IpPermission {
    let (protocol, port, cidr) = rule;
    let (protocol, from, to) = match protocol.split_once(':') {
        Some((protocol, range)) => {
            let (from, to) = range.split_once('-').unwrap_or(("-1", "-1"));
            (
                protocol.to_owned(),
                from.parse().unwrap_or(-1),
                to.parse().unwrap_or(-1),
            )
        }
        None => (protocol.clone(), i32::from(*port), i32::from(*port)),
    };
    let permission = IpPermission::builder()
        .ip_protocol(protocol)
        .from_port(from)
        .to_port(to);
    // A source that is a security group (`sg-…`): its members, wherever their addresses.
    if cidr.starts_with("sg-") {
        return permission
            .user_id_group_pairs(
                aws_sdk_ec2::types::UserIdGroupPair::builder()
                    .group_id(cidr)
                    .description("managed by sleak")
                    .build(),
            )
            .build();
    }
    permission
        .ip_ranges(
            IpRange::builder()
                .cidr_ip(cidr)
                .description("managed by sleak")
                .build(),
        )
        .build()
}

pub async fn authorize_ingress(
    config: &SdkConfig,
    group_id: &str,
    rules: &[Rule],
) -> anyhow::Result<()> {
    if rules.is_empty() {
        return Ok(());
    }
    let client = aws_sdk_ec2::Client::new(config);
    let what = "could not open the security group's ports";
    match client
        .authorize_security_group_ingress()
        .group_id(group_id)
        .set_ip_permissions(Some(rules.iter().map(permission).collect()))
        .send()
        .await
    {
        Ok(_) => Ok(()),
        // Some rule is there already (a retry whose first try worked, or a run killed
        // midway): EC2 added none of them; add those missing.
        Err(error) if code_of(&error) == Some("InvalidPermission.Duplicate") => {
            let present: Vec<Rule> = client
                .describe_security_groups()
                .group_ids(group_id)
                .send()
                .await
                .map_err(|error| describe(error, "could not read the security group"))?
                .security_groups
                .unwrap_or_default()
                .iter()
                .flat_map(ingress_rules)
                .collect();
            let missing: Vec<Rule> = rules
                .iter()
                .filter(|rule| !present.contains(rule))
                .cloned()
                .collect();
            if missing.len() == rules.len() {
                return Err(describe(error, what));
            }
            Box::pin(authorize_ingress(config, group_id, &missing)).await
        }
        Err(error) => Err(describe(error, what)),
    }
}

pub async fn revoke_ingress(
    config: &SdkConfig,
    group_id: &str,
    rules: &[Rule],
) -> anyhow::Result<()> {
    if rules.is_empty() {
        return Ok(());
    }
    let client = aws_sdk_ec2::Client::new(config);
    client
        .revoke_security_group_ingress()
        .group_id(group_id)
        .set_ip_permissions(Some(rules.iter().map(permission).collect()))
        .send()
        .await
        .map_err(|error| describe(error, "could not close ports of the security group"))?;
    Ok(())
}

/// What the VPN server is started with.
pub struct InstanceRequest<'a> {
    pub image_id: &'a str,
    pub instance_type: &'a str,
    pub subnet_id: &'a str,
    pub security_group_id: &'a str,
    pub instance_profile: &'a str,
    pub volume_gib: u16,
    pub user_data: &'a str,
    pub client_token: &'a str,
    pub tags: &'a [(String, String)],
}

pub async fn run_instance(
    config: &SdkConfig,
    request: InstanceRequest<'_>,
) -> anyhow::Result<String> {
    use base64::Engine as _;
    let client = aws_sdk_ec2::Client::new(config);
    let output = client
        .run_instances()
        .image_id(request.image_id)
        .instance_type(InstanceType::from(request.instance_type))
        .min_count(1)
        .max_count(1)
        .subnet_id(request.subnet_id)
        .security_group_ids(request.security_group_id)
        .iam_instance_profile(
            IamInstanceProfileSpecification::builder()
                .name(request.instance_profile)
                .build(),
        )
        .user_data(base64::engine::general_purpose::STANDARD.encode(request.user_data))
        .block_device_mappings(
            BlockDeviceMapping::builder()
                .device_name("/dev/sda1")
                .ebs(
                    EbsBlockDevice::builder()
                        .volume_size(i32::from(request.volume_gib))
                        .volume_type(VolumeType::Gp3)
                        .encrypted(true)
                        .delete_on_termination(true)
                        .build(),
                )
                .build(),
        )
        .metadata_options(
            InstanceMetadataOptionsRequest::builder()
                .http_tokens(HttpTokensState::Required)
                .build(),
        )
        .client_token(request.client_token)
        .tag_specifications(tag_specification(ResourceType::Instance, request.tags))
        .tag_specifications(tag_specification(ResourceType::Volume, request.tags))
        .send()
        .await
        .map_err(|error| describe(error, "could not start the VPN server"))?;
    let instance_id = output
        .instances
        .unwrap_or_default()
        .into_iter()
        .next()
        .and_then(|instance| instance.instance_id)
        .context("EC2 answered RunInstances without an instance")?;
    // The VPN forwards its clients' traffic into the VPCs.
    client
        .modify_instance_attribute()
        .instance_id(&instance_id)
        .source_dest_check(AttributeBooleanValue::builder().value(false).build())
        .send()
        .await
        .map_err(|error| describe(error, "could not let the VPN server forward traffic"))?;
    Ok(instance_id)
}

/// The newest Canonical Ubuntu LTS image: the public SSM parameter where AWS has it,
/// else the newest Canonical `amd64-server` image by creation date.
pub async fn ubuntu_image(config: &SdkConfig) -> anyhow::Result<String> {
    let ssm = aws_sdk_ssm::Client::new(config);
    let parameter =
        "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";
    if let Ok(output) = ssm.get_parameter().name(parameter).send().await
        && let Some(value) = output.parameter.and_then(|parameter| parameter.value)
    {
        return Ok(value);
    }
    let client = aws_sdk_ec2::Client::new(config);
    let output = client
        .describe_images()
        .owners("099720109477")
        .filters(
            Filter::builder()
                .name("name")
                .values("ubuntu/images/*-amd64-server-*")
                .build(),
        )
        .filters(Filter::builder().name("state").values("available").build())
        .send()
        .await
        .map_err(|error| describe(error, "could not look up an Ubuntu image"))?;
    output
        .images
        .unwrap_or_default()
        .into_iter()
        .filter(|image| image.image_id.is_some())
        .max_by(|a, b| a.creation_date.cmp(&b.creation_date))
        .and_then(|image| image.image_id)
        .context("no Canonical Ubuntu image is available in this region")
}

/// Adds tags to existing resources (the accepter side of a peering).
pub async fn create_tags(
    config: &SdkConfig,
    resource_id: &str,
    tags: &[(String, String)],
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    client
        .create_tags()
        .resources(resource_id)
        .set_tags(Some(
            tags.iter()
                .map(|(key, value)| Tag::builder().key(key).value(value).build())
                .collect(),
        ))
        .send()
        .await
        .map_err(|error| describe(error, "could not tag a resource"))?;
    Ok(())
}

/// Whether an EC2 error means the thing is already gone.
fn is_gone(code: Option<&str>) -> bool {
    code.is_some_and(|code| {
        code.ends_with(".NotFound")
            || code.ends_with("NotFound")
            || code == "InvalidAllocationID.NotFound"
            || code == "InvalidAssociationID.NotFound"
    })
}

/// Runs a delete, treating "not found" as done, retrying while dependencies linger
/// (`DependencyViolation`, an address still in use) for up to a few minutes
/// ([`Backoff::EC2_DEPENDENCIES`]).
macro_rules! delete_call {
    ($request:expr, $what:expr) => {
        wait::until_else(
            Backoff::EC2_DEPENDENCIES,
            &|_| {},
            || async {
                match $request.send().await {
                    Ok(_) => Ok(Poll::Ready(())),
                    Err(error) => {
                        let code = error
                            .as_service_error()
                            .and_then(|service| {
                                aws_sdk_ec2::error::ProvideErrorMetadata::code(service)
                            })
                            .map(str::to_owned);
                        if is_gone(code.as_deref()) {
                            return Ok(Poll::Ready(()));
                        }
                        let lingering = matches!(
                            code.as_deref(),
                            Some(
                                "DependencyViolation"
                                    | "InvalidIPAddress.InUse"
                                    | "AuthFailure"
                                    | "InvalidState"
                            )
                        );
                        if lingering {
                            Ok(Poll::Retry(describe(error, $what)))
                        } else {
                            Err(describe(error, $what))
                        }
                    }
                }
            },
            |_| anyhow::anyhow!($what),
        )
        .await
    };
}

/// Deletes one EC2 resource by its cloud id; `kind` is the plan kind.
pub async fn delete(
    config: &SdkConfig,
    kind: &str,
    cloud_id: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    let client = aws_sdk_ec2::Client::new(config);
    match kind {
        "ec2:instance" => {
            delete_call!(
                client.terminate_instances().instance_ids(cloud_id),
                "could not terminate the instance"
            )?;
            wait_gone(&client, cloud_id, on_wait).await
        }
        "ec2:elastic-ip" => {
            let output = client
                .describe_addresses()
                .allocation_ids(cloud_id)
                .send()
                .await;
            if let Ok(output) = output
                && let Some(association) = output
                    .addresses
                    .unwrap_or_default()
                    .into_iter()
                    .find_map(|address| address.association_id)
            {
                delete_call!(
                    client.disassociate_address().association_id(&association),
                    "could not disassociate the Elastic IP"
                )?;
            }
            delete_call!(
                client.release_address().allocation_id(cloud_id),
                "could not release the Elastic IP"
            )
        }
        "ec2:nat-gateway" => {
            delete_call!(
                client.delete_nat_gateway().nat_gateway_id(cloud_id),
                "could not delete the NAT gateway"
            )?;
            wait::until_else(
                Backoff::EC2_GONE,
                on_wait,
                || async {
                    let output = client
                        .describe_nat_gateways()
                        .nat_gateway_ids(cloud_id)
                        .send()
                        .await;
                    let state = output
                        .ok()
                        .and_then(|output| {
                            output.nat_gateways.unwrap_or_default().into_iter().next()
                        })
                        .and_then(|nat| nat.state);
                    Ok(
                        if matches!(
                            state.as_ref().map(|state| state.as_str()),
                            None | Some("deleted" | "failed")
                        ) {
                            Poll::Ready(())
                        } else {
                            Poll::Pending(format!(
                                "waiting for NAT gateway {cloud_id} to be deleted"
                            ))
                        },
                    )
                },
                |_| anyhow::anyhow!("the NAT gateway `{cloud_id}` was not deleted in time"),
            )
            .await
        }
        "ec2:vpc-peering-connection" => delete_call!(
            client
                .delete_vpc_peering_connection()
                .vpc_peering_connection_id(cloud_id),
            "could not delete the VPC peering"
        ),
        "ec2:route" => {
            let Some((table, destination)) = cloud_id.split_once(':') else {
                return Ok(());
            };
            delete_call!(
                client
                    .delete_route()
                    .route_table_id(table)
                    .destination_cidr_block(destination),
                "could not delete the route"
            )
        }
        "ec2:route-table-association" => delete_call!(
            client.disassociate_route_table().association_id(cloud_id),
            "could not disassociate the route table"
        ),
        "ec2:route-table" => {
            // Associations made outside sleak would block the delete.
            if let Ok(output) = client
                .describe_route_tables()
                .route_table_ids(cloud_id)
                .send()
                .await
            {
                for association in output
                    .route_tables
                    .unwrap_or_default()
                    .into_iter()
                    .flat_map(|table| table.associations.unwrap_or_default())
                {
                    if association.main != Some(true)
                        && let Some(id) = association.route_table_association_id
                    {
                        delete_call!(
                            client.disassociate_route_table().association_id(&id),
                            "could not disassociate the route table"
                        )?;
                    }
                }
            }
            delete_call!(
                client.delete_route_table().route_table_id(cloud_id),
                "could not delete the route table"
            )
        }
        "ec2:security-group" => delete_call!(
            client.delete_security_group().group_id(cloud_id),
            "could not delete the security group"
        ),
        "ec2:subnet" => delete_call!(
            client.delete_subnet().subnet_id(cloud_id),
            "could not delete the subnet"
        ),
        "ec2:internet-gateway" => {
            if let Ok(output) = client
                .describe_internet_gateways()
                .internet_gateway_ids(cloud_id)
                .send()
                .await
            {
                for attachment in output
                    .internet_gateways
                    .unwrap_or_default()
                    .into_iter()
                    .flat_map(|gateway| gateway.attachments.unwrap_or_default())
                {
                    if let Some(vpc) = attachment.vpc_id {
                        delete_call!(
                            client
                                .detach_internet_gateway()
                                .internet_gateway_id(cloud_id)
                                .vpc_id(&vpc),
                            "could not detach the internet gateway"
                        )?;
                    }
                }
            }
            delete_call!(
                client
                    .delete_internet_gateway()
                    .internet_gateway_id(cloud_id),
                "could not delete the internet gateway"
            )
        }
        "ec2:vpc" => delete_call!(
            client.delete_vpc().vpc_id(cloud_id),
            "could not delete the VPC"
        ),
        other => anyhow::bail!("sleak does not know how to delete `{other}` resources"),
    }
}

async fn wait_gone(
    client: &aws_sdk_ec2::Client,
    instance_id: &str,
    on_wait: &(dyn Fn(&str) + Sync),
) -> anyhow::Result<()> {
    wait::until_else(
        Backoff::EC2_GONE,
        on_wait,
        || async {
            let output = client
                .describe_instances()
                .instance_ids(instance_id)
                .send()
                .await;
            let state = output
                .ok()
                .and_then(|output| {
                    output
                        .reservations
                        .unwrap_or_default()
                        .into_iter()
                        .flat_map(|reservation| reservation.instances.unwrap_or_default())
                        .next()
                })
                .and_then(|instance| instance.state)
                .and_then(|state| state.name);
            Ok(
                if matches!(
                    state.as_ref().map(|state| state.as_str()),
                    None | Some("terminated")
                ) {
                    Poll::Ready(())
                } else {
                    Poll::Pending(format!("waiting for instance {instance_id} to terminate"))
                },
            )
        },
        |_| anyhow::anyhow!("the instance `{instance_id}` did not terminate in time"),
    )
    .await
}
