//! Finds what exists of each desired resource: EC2 by the `sleak:id` tag, IAM and RDS
//! by their deterministic names, hosted zones by their CallerReference.

use std::collections::{BTreeSet, HashMap, HashSet};

use futures::future::try_join_all;

use super::platform::PlatformRead;
use super::{Onboarding, Preflight};
use crate::error::UsageError;
use crate::plan::{Graph, Resource, Spec};
use crate::providers::aws::ec2::{self, Ec2Snapshot, sleak_id};
use crate::providers::aws::route53::HostedZone;
use crate::providers::aws::tags::idempotency_token;
use crate::providers::aws::{iam, organizations, rds, route53};
use crate::reconcile::{Found, Observation, Orphan};

/// What was read in each account, by account name.
#[derive(Debug, Default, Clone)]
pub struct Snapshots {
    pub account_ids: HashMap<String, String>,
    pub ec2: HashMap<String, Ec2Snapshot>,
    pub roles: HashMap<String, Option<iam::RoleInfo>>,
    pub profiles: HashMap<String, Option<(String, Vec<String>)>>,
    pub db_subnet_groups: HashMap<String, Option<Vec<String>>>,
    pub zones: HashMap<String, Vec<HostedZone>>,
    /// Clusters, OIDC providers and repositories, by account name.
    pub platform: HashMap<String, PlatformRead>,
}

/// An instance profile by name: its ARN and roles.
type NamedIam = (String, Option<(String, Vec<String>)>);

/// Everything read in one account.
struct AccountRead {
    name: String,
    ec2: Ec2Snapshot,
    roles: Vec<(String, Option<iam::RoleInfo>)>,
    platform: PlatformRead,
    profiles: Vec<NamedIam>,
    db_subnet_groups: Vec<(String, Option<Vec<String>>)>,
    zones: Option<Vec<HostedZone>>,
}

impl Onboarding {
    /// Observes every resource of `graph` that has a spec.
    pub async fn observe(
        &self,
        graph: &Graph,
        preflight: &Preflight,
    ) -> anyhow::Result<(Observation, Snapshots)> {
        let mut observation = Observation::default();
        let mut snapshots = Snapshots::default();
        let Some(organization) = &preflight.organization else {
            return Ok((observation, snapshots));
        };
        let mut found = Found::at(&organization.id);
        if !organization.all_features {
            found.drift.push(
                "the organization runs with consolidated billing only, not all features".to_owned(),
            );
        }
        observation.found.insert("organization".to_owned(), found);
        let accounts = organizations::list_accounts(self.access.base()).await?;
        for resource in &graph.resources {
            let Some(Spec::Account { name, email }) = &resource.spec else {
                continue;
            };
            let Some(account) = accounts
                .iter()
                .find(|account| &account.name == name && account.active)
            else {
                continue;
            };
            if !account.email.eq_ignore_ascii_case(email) {
                return Err(UsageError::new(format!(
                    "the organization has an account named `{name}` ({}) with the e-mail address `{}`, but the workspace says `{email}`",
                    account.id, account.email
                ))
                .with_hint(format!("set `email = \"{}\"` under `[accounts.{name}]` to adopt it, or rename the account in sleak.toml", account.email))
                .into());
            }
            snapshots
                .account_ids
                .insert(name.clone(), account.id.clone());
            observation
                .found
                .insert(resource.id.clone(), Found::at(&account.id));
        }
        let reads = snapshots
            .account_ids
            .iter()
            .map(|(name, id)| self.read_account(graph, name, id));
        for read in try_join_all(reads).await? {
            for (name, role) in read.roles {
                snapshots
                    .roles
                    .insert(format!("{}/{name}", read.name), role);
            }
            for (name, profile) in read.profiles {
                snapshots
                    .profiles
                    .insert(format!("{}/{name}", read.name), profile);
            }
            for (name, group) in read.db_subnet_groups {
                snapshots
                    .db_subnet_groups
                    .insert(format!("{}/{name}", read.name), group);
            }
            if let Some(zones) = read.zones {
                snapshots.zones.insert(read.name.clone(), zones);
            }
            snapshots.platform.insert(read.name.clone(), read.platform);
            snapshots.ec2.insert(read.name, read.ec2);
        }
        for resource in &graph.resources {
            if let Some(spec) = &resource.spec
                && let Some(found) =
                    self.match_resource(resource, spec, &snapshots, &observation, graph)
            {
                observation.found.insert(resource.id.clone(), found);
            }
        }
        self.observe_late(graph, &mut observation, &snapshots.account_ids)
            .await?;
        observation.orphans = orphans(graph, &snapshots);
        Ok((observation, snapshots))
    }

    async fn read_account(
        &self,
        graph: &Graph,
        name: &str,
        account_id: &str,
    ) -> anyhow::Result<AccountRead> {
        let config = self.access.config(account_id).await;
        let in_account = |resource: &&Resource| resource.scope == name;
        let mut role_names = BTreeSet::new();
        let mut profile_names = BTreeSet::new();
        let mut group_names = BTreeSet::new();
        let mut wants_zones = false;
        let mut zone_domains: BTreeSet<String> = BTreeSet::new();
        for resource in graph.resources.iter().filter(in_account) {
            match &resource.spec {
                Some(Spec::IamRole { name, .. }) => {
                    role_names.insert(name.clone());
                }
                Some(Spec::InstanceProfile { name, .. }) => {
                    profile_names.insert(name.clone());
                }
                Some(Spec::DbSubnetGroup { name, .. }) => {
                    group_names.insert(name.clone());
                }
                Some(Spec::HostedZone { domain }) => {
                    wants_zones = true;
                    zone_domains.insert(domain.trim_end_matches('.').to_owned());
                }
                _ => {}
            }
        }
        let ec2 = ec2::snapshot(&config, &self.workspace);
        let roles =
            try_join_all(role_names.iter().map(|role| {
                let config = config.clone();
                async move {
                    Ok::<_, anyhow::Error>((role.clone(), iam::get_role(&config, role).await?))
                }
            }));
        let profiles = try_join_all(profile_names.iter().map(|profile| {
            let config = config.clone();
            async move {
                Ok::<_, anyhow::Error>((
                    profile.clone(),
                    iam::get_instance_profile(&config, profile).await?,
                ))
            }
        }));
        let groups = try_join_all(group_names.iter().map(|group| {
            let config = config.clone();
            async move {
                Ok::<_, anyhow::Error>((group.clone(), rds::db_subnet_group(&config, group).await?))
            }
        }));
        let zones = async {
            if !wants_zones {
                return Ok::<_, anyhow::Error>(None);
            }
            let mut zones = route53::list_zones(&config).await?;
            // Tags of the zones sleak may own: a run killed between creating and tagging
            // a zone leaves it untagged, and the next run must finish the job.
            for zone in zones
                .iter_mut()
                .filter(|zone| zone_domains.contains(zone.name.trim_end_matches('.')))
            {
                zone.tags = Some(route53::zone_tags(&config, &zone.id).await?);
            }
            Ok(Some(zones))
        };
        let platform = self.read_platform(graph, name, &config);
        let (ec2, roles, profiles, db_subnet_groups, zones, platform) =
            tokio::try_join!(ec2, roles, profiles, groups, zones, platform)?;
        Ok(AccountRead {
            name: name.to_owned(),
            ec2,
            roles,
            profiles,
            db_subnet_groups,
            zones,
            platform,
        })
    }

    fn match_resource(
        &self,
        resource: &Resource,
        spec: &Spec,
        snapshots: &Snapshots,
        observation: &Observation,
        graph: &Graph,
    ) -> Option<Found> {
        let id = resource.id.as_str();
        let account = resource.scope.as_str();
        let resolved = |reference: &str| {
            observation
                .found
                .get(reference)
                .map(|found| found.cloud_id.clone())
        };
        let ec2 = snapshots.ec2.get(account);
        match spec {
            Spec::Organization | Spec::Account { .. } => None,
            Spec::NsDelegation { .. } | Spec::KubeObject { .. } | Spec::HelmChart { .. } => None,
            Spec::EksCluster { .. }
            | Spec::OidcProvider { .. }
            | Spec::AccessEntry { .. }
            | Spec::NodeGroup { .. }
            | Spec::Addon { .. }
            | Spec::EcrRepository { .. } => self.match_platform(
                resource,
                spec,
                snapshots.platform.get(account),
                snapshots.account_ids.get(account).map(String::as_str),
                observation,
                graph,
            ),
            Spec::Vpc { cidr } => {
                let vpc = ec2?
                    .vpcs
                    .iter()
                    .find(|vpc| sleak_id(vpc.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(vpc.vpc_id.clone().unwrap_or_default());
                let actual = vpc.cidr_block.clone().unwrap_or_default();
                if actual != cidr.to_string() {
                    found.drift.push(format!("CIDR is {actual}, the workspace says {cidr} (a VPC's CIDR cannot change: destroy and re-create it)"));
                }
                if ec2?.vpc_dns.get(&found.cloud_id) != Some(&true) {
                    found
                        .fixable
                        .push("enable DNS support and host names".to_owned());
                }
                Some(found)
            }
            Spec::InternetGateway { vpc } => {
                let gateway = ec2?
                    .internet_gateways
                    .iter()
                    .find(|gateway| sleak_id(gateway.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(gateway.internet_gateway_id.clone().unwrap_or_default());
                let vpc_id = resolved(vpc);
                let attached = gateway
                    .attachments
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .any(|attachment| attachment.vpc_id.is_some() && attachment.vpc_id == vpc_id);
                if !attached {
                    found.fixable.push("attach to the VPC".to_owned());
                }
                Some(found)
            }
            Spec::Subnet { cidr, tier, .. } => {
                let subnet = ec2?
                    .subnets
                    .iter()
                    .find(|subnet| sleak_id(subnet.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(subnet.subnet_id.clone().unwrap_or_default());
                let actual = subnet.cidr_block.clone().unwrap_or_default();
                if actual != cidr.to_string() {
                    found
                        .drift
                        .push(format!("CIDR is {actual}, the workspace says {cidr}"));
                }
                if *tier == crate::workspace::model::SubnetTier::Public
                    && subnet.map_public_ip_on_launch != Some(true)
                {
                    found
                        .fixable
                        .push("give launched instances a public IP".to_owned());
                }
                Some(found)
            }
            Spec::RouteTable { default_target, .. } => {
                let table = ec2?
                    .route_tables
                    .iter()
                    .find(|table| sleak_id(table.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(table.route_table_id.clone().unwrap_or_default());
                let default_route = table
                    .routes
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|route| route.destination_cidr_block.as_deref() == Some("0.0.0.0/0"));
                let target = resolved(default_target);
                match default_route {
                    Some(route) => {
                        found
                            .facts
                            .insert("default_route".to_owned(), "present".to_owned());
                        let actual = route
                            .nat_gateway_id
                            .clone()
                            .or_else(|| route.gateway_id.clone());
                        let blackhole =
                            route.state.as_ref().map(|state| state.as_str()) == Some("blackhole");
                        if target.is_none() || actual != target || blackhole {
                            found
                                .fixable
                                .push("point the default route at its gateway".to_owned());
                        }
                    }
                    None => found.fixable.push("add the default route".to_owned()),
                }
                Some(found)
            }
            Spec::RouteTableAssociation { table, subnet } => {
                let table_id = resolved(table)?;
                let subnet_id = resolved(subnet)?;
                let table = ec2?.route_tables.iter().find(|candidate| {
                    candidate.route_table_id.as_deref() == Some(table_id.as_str())
                })?;
                let association = table
                    .associations
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|association| {
                        association.subnet_id.as_deref() == Some(subnet_id.as_str())
                    })?;
                Some(Found::at(
                    association
                        .route_table_association_id
                        .clone()
                        .unwrap_or_default(),
                ))
            }
            Spec::ElasticIp => {
                let address = ec2?
                    .addresses
                    .iter()
                    .find(|address| sleak_id(address.tags.as_deref()) == Some(id))?;
                Some(Found::at(address.allocation_id.clone().unwrap_or_default()))
            }
            Spec::NatGateway { .. } => {
                let nat = ec2?
                    .nat_gateways
                    .iter()
                    .find(|nat| sleak_id(nat.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(nat.nat_gateway_id.clone().unwrap_or_default());
                if nat.state.as_ref().map(|state| state.as_str()) == Some("pending") {
                    found.fixable.push("wait until available".to_owned());
                }
                Some(found)
            }
            Spec::VpcPeering { .. } => {
                let peering = ec2?
                    .peerings
                    .iter()
                    .find(|peering| sleak_id(peering.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(
                    peering
                        .vpc_peering_connection_id
                        .clone()
                        .unwrap_or_default(),
                );
                let status = peering
                    .status
                    .as_ref()
                    .and_then(|status| status.code.as_ref())
                    .map(|code| code.as_str().to_owned())
                    .unwrap_or_default();
                if status != "active" {
                    found
                        .fixable
                        .push(format!("accept the peering (now {status})"));
                }
                Some(found)
            }
            Spec::PeeringRoute {
                table,
                destination,
                peering,
            } => {
                let table_id = resolved(table)?;
                let table = ec2?.route_tables.iter().find(|candidate| {
                    candidate.route_table_id.as_deref() == Some(table_id.as_str())
                })?;
                let route = table
                    .routes
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|route| {
                        route.destination_cidr_block.as_deref()
                            == Some(destination.to_string().as_str())
                    })?;
                let mut found = Found::at(format!("{table_id}:{destination}"));
                found.facts.insert("route".to_owned(), "present".to_owned());
                if resolved(peering).is_none()
                    || route.vpc_peering_connection_id != resolved(peering)
                {
                    found.fixable.push("route through the peering".to_owned());
                }
                Some(found)
            }
            Spec::SecurityGroup { ingress, .. } => {
                let group = ec2?
                    .security_groups
                    .iter()
                    .find(|group| sleak_id(group.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(group.group_id.clone().unwrap_or_default());
                let actual: BTreeSet<ec2::Rule> = ec2::ingress_rules(group).into_iter().collect();
                let wanted: BTreeSet<ec2::Rule> = ingress
                    .iter()
                    .map(|rule| (rule.protocol.clone(), rule.port, rule.cidr.clone()))
                    .collect();
                let missing: Vec<String> = wanted
                    .difference(&actual)
                    .map(|(protocol, port, cidr)| format!("open {protocol} {port} to {cidr}"))
                    .collect();
                let extra: Vec<String> = actual
                    .difference(&wanted)
                    .map(|(protocol, port, cidr)| format!("close {protocol} {port} from {cidr}"))
                    .collect();
                found.fixable.extend(missing);
                found.fixable.extend(extra);
                Some(found)
            }
            Spec::IamRole {
                name,
                trust,
                managed_policies,
                inline_policy,
            } => {
                let role = snapshots
                    .roles
                    .get(&format!("{account}/{name}"))?
                    .as_ref()?;
                let mut found = Found::at(name.clone());
                for policy in managed_policies {
                    if !role.policies.contains(policy) {
                        found.fixable.push(format!("attach {policy}"));
                    }
                }
                let wanted_trust = match trust {
                    crate::plan::spec::Trust::Service(service) => Some(iam::service_trust(service)),
                    crate::plan::spec::Trust::ServiceAccount {
                        oidc,
                        namespace,
                        service_account,
                    } => resolved(oidc).map(|provider| {
                        iam::service_account_trust(&provider, namespace, service_account)
                    }),
                };
                if let Some(wanted) = wanted_trust
                    && role.trust.as_ref() != Some(&wanted)
                {
                    found.fixable.push("set the trust policy".to_owned());
                }
                if inline_policy.is_some() && role.sleak_policy.as_ref() != inline_policy.as_ref() {
                    found.fixable.push("set the role's own policy".to_owned());
                }
                Some(found)
            }
            Spec::InstanceProfile { name, role } => {
                let (_, roles) = snapshots
                    .profiles
                    .get(&format!("{account}/{name}"))?
                    .as_ref()?;
                let mut found = Found::at(name.clone());
                let role_name = resolved(role);
                if role_name.is_none()
                    || !roles
                        .iter()
                        .any(|existing| Some(existing) == role_name.as_ref())
                {
                    found.fixable.push("put the role in the profile".to_owned());
                }
                Some(found)
            }
            Spec::Instance { instance_type, .. } => {
                let instance = ec2?
                    .instances
                    .iter()
                    .find(|instance| sleak_id(instance.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(instance.instance_id.clone().unwrap_or_default());
                let actual = instance
                    .instance_type
                    .as_ref()
                    .map(|kind| kind.as_str().to_owned())
                    .unwrap_or_default();
                if &actual != instance_type {
                    found.drift.push(format!(
                        "instance type is {actual}, the workspace says {instance_type}"
                    ));
                }
                Some(found)
            }
            Spec::InstanceAddress { instance } => {
                let address = ec2?
                    .addresses
                    .iter()
                    .find(|address| sleak_id(address.tags.as_deref()) == Some(id))?;
                let mut found = Found::at(address.allocation_id.clone().unwrap_or_default());
                if resolved(instance).is_none() || address.instance_id != resolved(instance) {
                    found
                        .fixable
                        .push("associate with the VPN server".to_owned());
                }
                Some(found)
            }
            Spec::DbSubnetGroup { name, subnets } => {
                let actual = snapshots
                    .db_subnet_groups
                    .get(&format!("{account}/{name}"))?
                    .as_ref()?;
                let mut found = Found::at(name.clone());
                let mut wanted: Vec<String> = subnets
                    .iter()
                    .filter_map(|subnet| resolved(subnet))
                    .collect();
                wanted.sort();
                if &wanted != actual || wanted.len() != subnets.len() {
                    found.fixable.push("set the persistence subnets".to_owned());
                }
                Some(found)
            }
            Spec::HostedZone { domain } => {
                let zones = snapshots.zones.get(account)?;
                let token = idempotency_token(&self.workspace, id);
                let fqdn = format!("{}.", domain.trim_end_matches('.'));
                let zone = zones
                    .iter()
                    .find(|zone| zone.caller_reference == token)
                    .or_else(|| {
                        // A zone the user made before sleak is adopted when it is the only one.
                        let named: Vec<&HostedZone> =
                            zones.iter().filter(|zone| zone.name == fqdn).collect();
                        (named.len() == 1).then(|| named[0])
                    })?;
                let mut found = Found::at(zone.id.clone());
                let tagged = zone.tags.as_ref().is_some_and(|tags| {
                    tags.iter().any(|(key, value)| {
                        key == crate::providers::aws::tags::ID_TAG && value == id
                    })
                });
                if !tagged {
                    found.fixable.push("tag the zone".to_owned());
                }
                Some(found)
            }
        }
    }
}

/// EC2 resources carrying the workspace's tag whose id the workspace no longer has, and
/// duplicates of a resource (only the first is used).
fn orphans(graph: &Graph, snapshots: &Snapshots) -> Vec<Orphan> {
    let wanted: HashSet<&str> = graph
        .resources
        .iter()
        .map(|resource| resource.id.as_str())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut orphans = Vec::new();
    let mut names: Vec<&String> = snapshots.ec2.keys().collect();
    names.sort();
    for account in names {
        let ec2 = &snapshots.ec2[account];
        let mut consider =
            |kind: &str, tags: Option<&[aws_sdk_ec2::types::Tag]>, cloud_id: Option<&String>| {
                let Some(id) = sleak_id(tags) else { return };
                let first = seen.insert(format!("{account}/{id}"));
                if !wanted.contains(id) || !first {
                    orphans.push(Orphan {
                        id: id.to_owned(),
                        kind: kind.to_owned(),
                        account: account.clone(),
                        cloud_id: cloud_id.cloned().unwrap_or_default(),
                    });
                }
            };
        for instance in &ec2.instances {
            consider(
                "ec2:instance",
                instance.tags.as_deref(),
                instance.instance_id.as_ref(),
            );
        }
        for nat in &ec2.nat_gateways {
            consider(
                "ec2:nat-gateway",
                nat.tags.as_deref(),
                nat.nat_gateway_id.as_ref(),
            );
        }
        for address in &ec2.addresses {
            consider(
                "ec2:elastic-ip",
                address.tags.as_deref(),
                address.allocation_id.as_ref(),
            );
        }
        for peering in &ec2.peerings {
            consider(
                "ec2:vpc-peering-connection",
                peering.tags.as_deref(),
                peering.vpc_peering_connection_id.as_ref(),
            );
        }
        for group in &ec2.security_groups {
            consider(
                "ec2:security-group",
                group.tags.as_deref(),
                group.group_id.as_ref(),
            );
        }
        for table in &ec2.route_tables {
            consider(
                "ec2:route-table",
                table.tags.as_deref(),
                table.route_table_id.as_ref(),
            );
        }
        for gateway in &ec2.internet_gateways {
            consider(
                "ec2:internet-gateway",
                gateway.tags.as_deref(),
                gateway.internet_gateway_id.as_ref(),
            );
        }
        for subnet in &ec2.subnets {
            consider(
                "ec2:subnet",
                subnet.tags.as_deref(),
                subnet.subnet_id.as_ref(),
            );
        }
        for vpc in &ec2.vpcs {
            consider("ec2:vpc", vpc.tags.as_deref(), vpc.vpc_id.as_ref());
        }
    }
    orphans
}
