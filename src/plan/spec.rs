//! Typed descriptions of the resources `sleak apply` creates. References to other
//! resources are plan ids, resolved to cloud ids when the resource is applied.

use ipnet::Ipv4Net;

use crate::workspace::model::SubnetTier;

/// What a resource is made of, for the executor. Resources without a spec are planned
/// but not yet applied by sleak (their step comes with a later command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Organization,
    Account {
        name: String,
        email: String,
    },
    Vpc {
        cidr: Ipv4Net,
    },
    InternetGateway {
        vpc: String,
    },
    Subnet {
        vpc: String,
        cidr: Ipv4Net,
        zone_index: u8,
        tier: SubnetTier,
    },
    /// A route table with its default route (`0.0.0.0/0`) to an internet or NAT gateway.
    RouteTable {
        vpc: String,
        default_target: String,
    },
    RouteTableAssociation {
        table: String,
        subnet: String,
    },
    ElasticIp,
    NatGateway {
        subnet: String,
        address: String,
    },
    /// Requested from the management account's VPC, accepted in the other account's.
    VpcPeering {
        requester_vpc: String,
        accepter_vpc: String,
        accepter_account: String,
    },
    /// A route through a peering connection.
    PeeringRoute {
        table: String,
        destination: Ipv4Net,
        peering: String,
    },
    SecurityGroup {
        vpc: String,
        name: String,
        description: String,
        ingress: Vec<IngressRule>,
    },
    IamRole {
        name: String,
        trusted_service: String,
        managed_policies: Vec<String>,
    },
    InstanceProfile {
        name: String,
        role: String,
    },
    Instance {
        name: String,
        instance_type: String,
        subnet: String,
        security_group: String,
        profile: String,
        volume_gib: u16,
        user_data: String,
    },
    /// An Elastic IP associated with an instance.
    InstanceAddress {
        instance: String,
    },
    DbSubnetGroup {
        name: String,
        subnets: Vec<String>,
    },
    HostedZone {
        domain: String,
    },
}

/// One ingress rule of a security group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IngressRule {
    pub protocol: String,
    pub port: u16,
    pub cidr: String,
}

impl Spec {
    /// The plan ids this resource refers to (a subset of its dependencies).
    pub fn references(&self) -> Vec<&str> {
        match self {
            Spec::Organization
            | Spec::Account { .. }
            | Spec::Vpc { .. }
            | Spec::ElasticIp
            | Spec::HostedZone { .. } => Vec::new(),
            Spec::InternetGateway { vpc }
            | Spec::Subnet { vpc, .. }
            | Spec::SecurityGroup { vpc, .. } => vec![vpc],
            Spec::RouteTable {
                vpc,
                default_target,
            } => vec![vpc, default_target],
            Spec::RouteTableAssociation { table, subnet } => vec![table, subnet],
            Spec::NatGateway { subnet, address } => vec![subnet, address],
            Spec::VpcPeering {
                requester_vpc,
                accepter_vpc,
                accepter_account,
            } => vec![requester_vpc, accepter_vpc, accepter_account],
            Spec::PeeringRoute { table, peering, .. } => vec![table, peering],
            Spec::IamRole { .. } => Vec::new(),
            Spec::InstanceProfile { role, .. } => vec![role],
            Spec::Instance {
                subnet,
                security_group,
                profile,
                ..
            } => vec![subnet, security_group, profile],
            Spec::InstanceAddress { instance } => vec![instance],
            Spec::DbSubnetGroup { subnets, .. } => subnets.iter().map(String::as_str).collect(),
        }
    }
}

/// Cloud-init user data of the VPN server: Pritunl and MongoDB from their own apt
/// repositories, started at boot. The initial setup key is read later through SSM.
pub fn pritunl_user_data(port: u16, protocol: &str) -> String {
    format!(
        r#"#!/bin/bash
# Installed by sleak: Pritunl VPN server (port {port}/{protocol}).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
. /etc/os-release
install -d -m 0755 /etc/apt/keyrings
curl -fsSL https://raw.githubusercontent.com/pritunl/pgp/master/pritunl_repo_pub.asc | gpg --dearmor -o /etc/apt/keyrings/pritunl.gpg
curl -fsSL https://www.mongodb.org/static/pgp/server-8.0.asc | gpg --dearmor -o /etc/apt/keyrings/mongodb.gpg
echo "deb [signed-by=/etc/apt/keyrings/pritunl.gpg] https://repo.pritunl.com/stable/apt $VERSION_CODENAME main" > /etc/apt/sources.list.d/pritunl.list
echo "deb [signed-by=/etc/apt/keyrings/mongodb.gpg] https://repo.mongodb.org/apt/ubuntu $VERSION_CODENAME/mongodb-org/8.0 multiverse" > /etc/apt/sources.list.d/mongodb-org.list
apt-get update
apt-get install -y pritunl mongodb-org wireguard wireguard-tools
sysctl -w net.ipv4.ip_forward=1
echo net.ipv4.ip_forward=1 > /etc/sysctl.d/99-sleak-vpn.conf
systemctl enable --now mongod pritunl
"#
    )
}
