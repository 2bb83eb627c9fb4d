//! Creates or fixes one resource. Every create carries its tags (or a deterministic
//! name or token), so a step interrupted at any point is found again by the next run.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::Context;
use aws_config::SdkConfig;

use super::Onboarding;
use crate::plan::spec::Trust;
use crate::plan::{Resource, Spec};
use crate::providers::aws::ec2::{self, InstanceRequest, RouteTarget};
use crate::providers::aws::tags::{idempotency_token, resource_tags};
use crate::providers::aws::{iam, organizations, rds, route53};
use crate::reconcile::{Change, Step};
use crate::workspace::model::SubnetTier;

impl Onboarding {
    /// Applies `step` of `resource`; `ids` holds the cloud ids of what it refers to.
    /// Returns the resource's cloud id.
    pub async fn apply(
        &self,
        resource: &Resource,
        step: &Step,
        ids: &HashMap<String, String>,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<String> {
        let spec = resource
            .spec
            .as_ref()
            .context("this resource is not built by `sleak apply`")?;
        let id = resource.id.as_str();
        let tags = resource_tags(&self.workspace, id);
        let lookup = |reference: &str| super::created(ids, reference);
        if let Spec::Organization = spec {
            return Ok(organizations::create_organization(self.access.base())
                .await?
                .id);
        }
        if let Spec::Account { name, email } = spec {
            return organizations::create_account(self.access.base(), name, email, &tags, on_wait)
                .await;
        }
        if super::is_kubernetes(resource) {
            return self.apply_kube(resource, ids, on_wait).await;
        }
        let account_id = lookup(&format!("account/{}", resource.scope))?;
        let config = self.access.config(&account_id).await;
        if let Some(cloud_id) = self
            .apply_platform(resource, step, ids, &config, &account_id, &tags, on_wait)
            .await?
        {
            return Ok(cloud_id);
        }
        let existing = step.cloud_id.clone();
        let updating = matches!(step.change, Change::Update(_));
        match spec {
            Spec::Organization | Spec::Account { .. } => unreachable!("handled above"),
            Spec::EksCluster { .. }
            | Spec::OidcProvider { .. }
            | Spec::AccessEntry { .. }
            | Spec::NodeGroup { .. }
            | Spec::Addon { .. }
            | Spec::EcrRepository { .. }
            | Spec::NsDelegation { .. }
            | Spec::KubeObject { .. }
            | Spec::HelmChart { .. } => unreachable!("applied above"),
            Spec::Vpc { cidr } => match existing {
                Some(vpc) => {
                    ec2::enable_vpc_dns(&config, &vpc).await?;
                    Ok(vpc)
                }
                None => ec2::create_vpc(&config, &cidr.to_string(), &tags).await,
            },
            Spec::InternetGateway { vpc } => {
                let gateway = match existing {
                    Some(gateway) => gateway,
                    None => ec2::create_internet_gateway(&config, &tags).await?,
                };
                ec2::attach_internet_gateway(&config, &gateway, &lookup(vpc)?).await?;
                Ok(gateway)
            }
            Spec::Subnet {
                vpc,
                cidr,
                zone_index,
                tier,
            } => {
                if let Some(subnet) = existing {
                    ec2::map_public_ips(&config, &subnet).await?;
                    return Ok(subnet);
                }
                let zones = self.zones(&account_id, &config).await?;
                let zone = zones.get(usize::from(*zone_index)).with_context(|| {
                    format!(
                        "the region has {} availability zones, the account asks for more",
                        zones.len()
                    )
                })?;
                let mut tags = tags.clone();
                match tier {
                    SubnetTier::Public => {
                        tags.push(("kubernetes.io/role/elb".to_owned(), "1".to_owned()))
                    }
                    SubnetTier::Private => {
                        tags.push(("kubernetes.io/role/internal-elb".to_owned(), "1".to_owned()))
                    }
                    SubnetTier::Persistence => {}
                }
                tags.push(("sleak:tier".to_owned(), tier.as_str().to_owned()));
                ec2::create_subnet(
                    &config,
                    &lookup(vpc)?,
                    &cidr.to_string(),
                    zone,
                    *tier == SubnetTier::Public,
                    &tags,
                )
                .await
            }
            Spec::RouteTable {
                vpc,
                default_target,
            } => {
                let table = match existing {
                    Some(table) => table,
                    None => ec2::create_route_table(&config, &lookup(vpc)?, &tags).await?,
                };
                let target = lookup(default_target)?;
                let replace =
                    updating && step_fact(step, "default_route") && step.cloud_id.is_some();
                ec2::put_route(
                    &config,
                    &table,
                    "0.0.0.0/0",
                    RouteTarget::from_id(&target),
                    replace,
                )
                .await?;
                Ok(table)
            }
            Spec::RouteTableAssociation { table, subnet } => {
                ec2::associate_route_table(&config, &lookup(table)?, &lookup(subnet)?).await
            }
            Spec::ElasticIp => ec2::allocate_address(&config, &tags).await,
            Spec::NatGateway { subnet, address } => {
                let nat = match existing {
                    Some(nat) => nat,
                    None => {
                        let token = idempotency_token(&self.workspace, id);
                        ec2::create_nat_gateway(
                            &config,
                            &lookup(subnet)?,
                            &lookup(address)?,
                            &token,
                            &tags,
                        )
                        .await?
                    }
                };
                ec2::wait_nat_gateway(&config, &nat, on_wait).await?;
                Ok(nat)
            }
            Spec::VpcPeering {
                requester_vpc,
                accepter_vpc,
                accepter_account,
            } => {
                let accepter_id = lookup(accepter_account)?;
                let peering = match existing {
                    Some(peering) => peering,
                    None => {
                        ec2::create_peering(
                            &config,
                            &lookup(requester_vpc)?,
                            &lookup(accepter_vpc)?,
                            &accepter_id,
                            &self.region,
                            &tags,
                        )
                        .await?
                    }
                };
                let accepter = self.access.config(&accepter_id).await;
                self.accept_peering(&accepter, &peering, on_wait).await?;
                ec2::create_tags(&accepter, &peering, &tags).await?;
                Ok(peering)
            }
            Spec::PeeringRoute {
                table,
                destination,
                peering,
            } => {
                let table_id = lookup(table)?;
                let replace = updating && step_fact(step, "route");
                ec2::put_route(
                    &config,
                    &table_id,
                    &destination.to_string(),
                    RouteTarget::Peering(&lookup(peering)?),
                    replace,
                )
                .await?;
                Ok(format!("{table_id}:{destination}"))
            }
            Spec::SecurityGroup {
                vpc,
                name,
                description,
                ingress,
            } => {
                let wanted: Vec<ec2::Rule> = ingress
                    .iter()
                    .map(|rule| (rule.protocol.clone(), rule.port, rule.cidr.clone()))
                    .collect();
                match existing {
                    None => {
                        let group = ec2::create_security_group(
                            &config,
                            &lookup(vpc)?,
                            name,
                            description,
                            &tags,
                        )
                        .await?;
                        ec2::authorize_ingress(&config, &group, &wanted).await?;
                        Ok(group)
                    }
                    Some(group) => {
                        let snapshot = ec2::snapshot(&config, &self.workspace).await?;
                        let actual = snapshot
                            .security_groups
                            .iter()
                            .find(|candidate| candidate.group_id.as_deref() == Some(group.as_str()))
                            .map(ec2::ingress_rules)
                            .unwrap_or_default();
                        let missing: Vec<ec2::Rule> = wanted
                            .iter()
                            .filter(|rule| !actual.contains(rule))
                            .cloned()
                            .collect();
                        let extra: Vec<ec2::Rule> = actual
                            .iter()
                            .filter(|rule| !wanted.contains(rule))
                            .cloned()
                            .collect();
                        ec2::revoke_ingress(&config, &group, &extra).await?;
                        ec2::authorize_ingress(&config, &group, &missing).await?;
                        Ok(group)
                    }
                }
            }
            Spec::IamRole {
                name,
                trust,
                managed_policies,
                inline_policy,
            } => {
                let trust = match trust {
                    Trust::Service(service) => iam::service_trust(service),
                    Trust::ServiceAccount {
                        oidc,
                        namespace,
                        service_account,
                    } => iam::service_account_trust(&lookup(oidc)?, namespace, service_account),
                };
                if existing.is_some() {
                    iam::put_trust(&config, name, &trust).await?;
                    iam::attach_policies(&config, name, managed_policies).await?;
                    if let Some(inline) = inline_policy {
                        iam::put_inline_policy(&config, name, inline).await?;
                    }
                } else {
                    iam::create_role(
                        &config,
                        name,
                        &trust,
                        managed_policies,
                        inline_policy.as_ref(),
                        &tags,
                    )
                    .await?;
                }
                Ok(name.clone())
            }
            Spec::InstanceProfile { name, role } => {
                iam::create_instance_profile(&config, name, &lookup(role)?, &tags).await?;
                Ok(name.clone())
            }
            Spec::Instance {
                instance_type,
                subnet,
                security_group,
                profile,
                volume_gib,
                user_data,
                ..
            } => {
                let image = self.image(&config).await?;
                let subnet_id = lookup(subnet)?;
                let group_id = lookup(security_group)?;
                let profile_name = lookup(profile)?;
                let token = idempotency_token(&self.workspace, id);
                let request = || InstanceRequest {
                    image_id: &image,
                    instance_type,
                    subnet_id: &subnet_id,
                    security_group_id: &group_id,
                    instance_profile: &profile_name,
                    volume_gib: *volume_gib,
                    user_data,
                    client_token: &token,
                    tags: &tags,
                };
                // A new instance profile takes a few seconds to be usable by EC2.
                let mut attempt = 0;
                loop {
                    match ec2::run_instance(&config, request()).await {
                        Ok(instance) => return Ok(instance),
                        Err(error)
                            if attempt < 8 && format!("{error:#}").contains("instance profile") =>
                        {
                            attempt += 1;
                            on_wait("waiting for the new instance profile to reach EC2");
                            tokio::time::sleep(Duration::from_secs(2)).await;
                        }
                        Err(error) => return Err(error),
                    }
                }
            }
            Spec::InstanceAddress { instance } => {
                let allocation = match existing {
                    Some(allocation) => allocation,
                    None => ec2::allocate_address(&config, &tags).await?,
                };
                ec2::associate_address(&config, &allocation, &lookup(instance)?).await?;
                Ok(allocation)
            }
            Spec::DbSubnetGroup { name, subnets } => {
                let subnet_ids: Vec<String> = subnets
                    .iter()
                    .map(|subnet| lookup(subnet))
                    .collect::<anyhow::Result<_>>()?;
                if existing.is_some() {
                    rds::update_db_subnet_group(&config, name, &subnet_ids).await?;
                } else {
                    rds::create_db_subnet_group(&config, name, &subnet_ids, &tags).await?;
                }
                Ok(name.clone())
            }
            Spec::HostedZone { domain } => match existing {
                Some(zone) => {
                    route53::tag_zone(&config, &zone, &tags).await?;
                    Ok(zone)
                }
                None => {
                    let token = idempotency_token(&self.workspace, id);
                    route53::create_zone(&config, domain, &token, &tags).await
                }
            },
        }
    }

    /// Accepts the peering in the accepter's account and waits until it is active.
    async fn accept_peering(
        &self,
        accepter: &SdkConfig,
        peering: &str,
        on_wait: &(dyn Fn(&str) + Sync),
    ) -> anyhow::Result<()> {
        let mut delay = Duration::from_millis(200);
        for _ in 0..40 {
            match ec2::peering_status(accepter, peering).await?.as_deref() {
                Some("active") => return Ok(()),
                Some("pending-acceptance") => ec2::accept_peering(accepter, peering).await?,
                Some("failed" | "rejected" | "expired" | "deleted") => {
                    anyhow::bail!("the VPC peering `{peering}` failed")
                }
                _ => {}
            }
            on_wait(&format!("waiting for VPC peering {peering} to be active"));
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(10));
        }
        anyhow::bail!("the VPC peering `{peering}` did not become active")
    }
}

/// Whether observation recorded `fact` for this step (e.g. that a route already exists).
fn step_fact(step: &Step, fact: &str) -> bool {
    step.facts.get(fact).is_some_and(|value| value == "present")
}
