//! Builds the desired graph from a validated workspace. Pure: no I/O.

use std::collections::BTreeMap;

use serde_json::{Value as Json, json};

use super::catalog::{self, pritunl_user_data};
use super::{Graph, GraphBuilder, Provider, Resource};
use crate::reconcile::kinds::iam_role::{Grants, InlinePolicy, Trust};
use crate::reconcile::kinds::security_group::{GroupIngress, IngressRule};
use crate::reconcile::kinds::sqs_queue::{DEAD_LETTER_RETENTION_SECS, DeadLetter};
use crate::reconcile::kinds::{self as kind};
use crate::render;
use crate::workspace::model::*;
use crate::workspace::validate::dependency_kind_name;
use crate::workspace::variables::{GROUP_LABEL, Group, store_name};

/// Every resource the workspace describes, ordered for creation.
pub fn desired_graph(workspace: &Workspace) -> Graph {
    let mut builder = Builder {
        graph: GraphBuilder::default(),
        workspace,
    };
    builder.onboarding();
    for cluster in &workspace.clusters {
        builder.cluster(cluster);
    }
    for environment in &workspace.environments {
        builder.environment(environment);
    }
    for project in &workspace.projects {
        builder.project(project);
    }
    builder.graph.finish(&workspace.organization.name)
}

struct Builder<'w> {
    graph: GraphBuilder,
    workspace: &'w Workspace,
}

fn properties(value: Json) -> BTreeMap<String, Json> {
    match value {
        Json::Object(map) => map.into_iter().collect(),
        _ => BTreeMap::new(),
    }
}

/// A node group's name: the pool's name and a hash of what EKS cannot change in place
/// (instance types, capacity type, disk), so changing them makes a new group.
pub(crate) fn node_group_name(pool: &NodePool) -> String {
    use sha2::{Digest, Sha256};
    let immutable = format!(
        "{}|{:?}|{}",
        pool.instance_types.join(","),
        pool.capacity,
        pool.disk_gib
    );
    let digest = Sha256::digest(immutable.as_bytes());
    format!("{}-{}", pool.name, crate::hex::lower(&digest[..4]))
}

/// An IAM role name from its parts joined by `-`, at most 64 characters (IAM's limit):
/// a longer one keeps its first 55 characters and a hash of the whole.
pub(crate) fn iam_role_name(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let name = parts.join("-");
    if name.len() <= 64 {
        return name;
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash = crate::hex::lower(&digest[..4]);
    format!("{}-{hash}", name[..55].trim_end_matches('-'))
}

fn zone_letter(index: u8) -> char {
    (b'a' + index) as char
}

impl Builder<'_> {
    fn aws(
        &mut self,
        id: String,
        kind: &str,
        account: &str,
        name: Option<String>,
        depends_on: Vec<String>,
        props: Json,
    ) -> String {
        self.graph.add(Resource {
            id,
            kind: kind.to_owned(),
            provider: Provider::Aws,
            scope: account.to_owned(),
            namespace: None,
            name,
            depends_on,
            properties: properties(props),
            spec: None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn kube(
        &mut self,
        id: String,
        kind: &str,
        cluster: &str,
        namespace: Option<&str>,
        name: &str,
        depends_on: Vec<String>,
        props: Json,
    ) -> String {
        self.graph.add(Resource {
            id,
            kind: format!("kubernetes:{kind}"),
            provider: Provider::Kubernetes,
            scope: cluster.to_owned(),
            namespace: namespace.map(str::to_owned),
            name: Some(name.to_owned()),
            depends_on,
            properties: properties(props),
            spec: None,
        })
    }

    fn region(&self) -> &str {
        &self.workspace.organization.region
    }

    fn onboarding(&mut self) {
        let workspace = self.workspace;
        let organization = self.aws(
            "organization".into(),
            "organizations:organization",
            "root",
            None,
            vec![],
            json!({ "feature_set": "ALL" }),
        );
        self.graph.attach(&organization, kind::Organization);
        for account in &workspace.accounts {
            let account_id = self.aws(
                format!("account/{}", account.name),
                "organizations:account",
                "root",
                Some(account.name.clone()),
                vec![organization.clone()],
                json!({ "email": account.email, "role": "OrganizationAccountAccessRole" }),
            );
            self.graph.attach(
                &account_id,
                kind::Account {
                    name: account.name.clone(),
                    email: account.email.clone(),
                },
            );
            self.network(account, &account_id);
        }
        let management = MANAGEMENT_ACCOUNT;
        if workspace.account(management).is_some() {
            for account in workspace
                .accounts
                .iter()
                .filter(|account| account.name != management)
            {
                self.peering(management, account);
            }
            if let Some(vpn) = &workspace.vpn {
                self.vpn(vpn);
            }
            self.aws(
                format!("account/{management}/hosted-zone"),
                "route53:hosted-zone",
                management,
                Some(workspace.organization.domain.clone()),
                vec![format!("account/{management}")],
                json!({ "delegation": "set the zone's name servers at your registrar" }),
            );
            self.graph.attach(
                &format!("account/{management}/hosted-zone"),
                kind::HostedZone {
                    domain: workspace.organization.domain.clone(),
                },
            );
        }
    }

    fn network(&mut self, account: &Account, account_id: &str) {
        let name = &account.name;
        let network = &account.network;
        let vpc = self.aws(
            format!("account/{name}/vpc"),
            "ec2:vpc",
            name,
            None,
            vec![account_id.to_owned()],
            json!({ "cidr": network.cidr.to_string(), "dns_hostnames": true, "dns_support": true }),
        );
        self.graph.attach(&vpc, kind::Vpc { cidr: network.cidr });
        let gateway = self.aws(
            format!("account/{name}/internet-gateway"),
            "ec2:internet-gateway",
            name,
            None,
            vec![vpc.clone()],
            json!({}),
        );
        self.graph
            .attach(&gateway, kind::InternetGateway { vpc: vpc.clone() });
        let mut subnet_ids: BTreeMap<(SubnetTier, u8), String> = BTreeMap::new();
        for subnet in network.subnets() {
            let zone = format!("{}{}", self.region(), zone_letter(subnet.zone_index));
            let role_tag = match subnet.tier {
                SubnetTier::Public => json!({ "kubernetes.io/role/elb": "1" }),
                SubnetTier::Private => json!({ "kubernetes.io/role/internal-elb": "1" }),
                SubnetTier::Persistence => json!({}),
            };
            let id = self.aws(
                format!("account/{name}/subnet/{}-{}", subnet.tier.as_str(), zone_letter(subnet.zone_index)),
                "ec2:subnet",
                name,
                None,
                vec![vpc.clone()],
                json!({ "cidr": subnet.cidr.to_string(), "availability_zone": zone, "tier": subnet.tier.as_str(), "map_public_ip_on_launch": subnet.tier == SubnetTier::Public, "tags": role_tag }),
            );
            self.graph.attach(
                &id,
                kind::Subnet {
                    vpc: vpc.clone(),
                    cidr: subnet.cidr,
                    zone_index: subnet.zone_index,
                    tier: subnet.tier,
                },
            );
            subnet_ids.insert((subnet.tier, subnet.zone_index), id);
        }
        let public_routes = self.aws(
            format!("account/{name}/route-table/public"),
            "ec2:route-table",
            name,
            None,
            vec![vpc.clone(), gateway.clone()],
            json!({ "routes": [{ "destination": "0.0.0.0/0", "target": gateway }] }),
        );
        self.graph.attach(
            &public_routes,
            kind::RouteTable {
                vpc: vpc.clone(),
                default_target: gateway.clone(),
            },
        );
        for zone in 0..network.availability_zones {
            if let Some(subnet) = subnet_ids.get(&(SubnetTier::Public, zone)) {
                let association = self.aws(
                    format!(
                        "account/{name}/route-table/public/association/{}",
                        zone_letter(zone)
                    ),
                    "ec2:route-table-association",
                    name,
                    None,
                    vec![public_routes.clone(), subnet.clone()],
                    json!({ "subnet": subnet }),
                );
                self.graph.attach(
                    &association,
                    kind::RouteTableAssociation {
                        table: public_routes.clone(),
                        subnet: subnet.clone(),
                    },
                );
            }
        }
        let mut nat_ids = Vec::new();
        for zone in 0..network.nat_gateway_count() {
            let letter = zone_letter(zone);
            let address = self.aws(
                format!("account/{name}/eip/nat-{letter}"),
                "ec2:elastic-ip",
                name,
                None,
                vec![gateway.clone()],
                json!({ "domain": "vpc" }),
            );
            self.graph.attach(&address, kind::ElasticIp);
            let subnet = subnet_ids
                .get(&(SubnetTier::Public, zone))
                .cloned()
                .unwrap_or_default();
            let nat = self.aws(
                format!("account/{name}/nat-gateway/{letter}"),
                "ec2:nat-gateway",
                name,
                None,
                vec![subnet.clone(), address.clone(), gateway.clone()],
                json!({ "subnet": subnet, "elastic_ip": address }),
            );
            self.graph.attach(
                &nat,
                kind::NatGateway {
                    subnet: subnet.clone(),
                    address: address.clone(),
                },
            );
            nat_ids.push(nat);
        }
        for zone in 0..network.availability_zones {
            let letter = zone_letter(zone);
            let nat = nat_ids
                .get(zone as usize)
                .or(nat_ids.first())
                .cloned()
                .unwrap_or_default();
            let table = self.aws(
                format!("account/{name}/route-table/private-{letter}"),
                "ec2:route-table",
                name,
                None,
                vec![vpc.clone(), nat.clone()],
                json!({ "routes": [{ "destination": "0.0.0.0/0", "target": nat }] }),
            );
            self.graph.attach(
                &table,
                kind::RouteTable {
                    vpc: vpc.clone(),
                    default_target: nat.clone(),
                },
            );
            for tier in [SubnetTier::Private, SubnetTier::Persistence] {
                if let Some(subnet) = subnet_ids.get(&(tier, zone)) {
                    let association = self.aws(
                        format!(
                            "account/{name}/route-table/private-{letter}/association/{}",
                            tier.as_str()
                        ),
                        "ec2:route-table-association",
                        name,
                        None,
                        vec![table.clone(), subnet.clone()],
                        json!({ "subnet": subnet }),
                    );
                    self.graph.attach(
                        &association,
                        kind::RouteTableAssociation {
                            table: table.clone(),
                            subnet: subnet.clone(),
                        },
                    );
                }
            }
        }
        let persistence: Vec<String> = subnet_ids
            .iter()
            .filter(|((tier, _), _)| *tier == SubnetTier::Persistence)
            .map(|(_, id)| id.clone())
            .collect();
        let group = self.aws(
            format!("account/{name}/db-subnet-group"),
            "rds:db-subnet-group",
            name,
            Some(format!("{}-{name}", self.workspace.organization.name)),
            persistence.clone(),
            json!({ "subnets": persistence }),
        );
        self.graph.attach(
            &group,
            kind::DbSubnetGroup::new(
                format!("{}-{name}", self.workspace.organization.name),
                persistence,
            ),
        );
    }

    fn route_tables(&self, account: &Account) -> Vec<String> {
        let name = &account.name;
        std::iter::once(format!("account/{name}/route-table/public"))
            .chain(
                (0..account.network.availability_zones).map(|zone| {
                    format!("account/{name}/route-table/private-{}", zone_letter(zone))
                }),
            )
            .collect()
    }

    fn peering(&mut self, management: &str, account: &Account) {
        let Some(hub) = self.workspace.account(management) else {
            return;
        };
        let peering = self.aws(
            format!("peering/{management}-{}", account.name),
            "ec2:vpc-peering-connection",
            management,
            None,
            vec![format!("account/{management}/vpc"), format!("account/{}/vpc", account.name)],
            json!({ "requester": management, "accepter": account.name, "accepter_cidr": account.network.cidr.to_string() }),
        );
        self.graph.attach(
            &peering,
            kind::VpcPeering {
                requester_vpc: format!("account/{management}/vpc"),
                accepter_vpc: format!("account/{}/vpc", account.name),
                accepter_account: format!("account/{}", account.name),
            },
        );
        for (side, table, destination) in self
            .route_tables(hub)
            .into_iter()
            .map(|table| (management, table, account.network.cidr))
            .chain(
                self.route_tables(account)
                    .into_iter()
                    .map(|table| (account.name.as_str(), table, hub.network.cidr)),
            )
            .collect::<Vec<_>>()
        {
            let peer = if side == management {
                account.name.as_str()
            } else {
                management
            };
            let route = self.aws(format!("{table}/route/peering-{peer}"), "ec2:route", side, None, vec![table.clone(), peering.clone()], json!({ "route_table": table, "destination": destination.to_string(), "target": peering }));
            self.graph.attach(
                &route,
                kind::PeeringRoute {
                    table: table.clone(),
                    destination,
                    peering: peering.clone(),
                },
            );
        }
    }

    fn vpn(&mut self, vpn: &Vpn) {
        let account = MANAGEMENT_ACCOUNT;
        let prefix = format!("account/{account}/vpn");
        let protocol = match vpn.protocol {
            VpnProtocol::Udp => "udp",
            VpnProtocol::Tcp => "tcp",
        };
        let admin: Vec<String> = vpn.admin_cidrs.iter().map(ToString::to_string).collect();
        let group = self.aws(
            format!("{prefix}/security-group"),
            "ec2:security-group",
            account,
            Some(format!("{}-vpn", self.workspace.organization.name)),
            vec![format!("account/{account}/vpc")],
            json!({ "ingress": [
                { "protocol": protocol, "port": vpn.port, "cidrs": ["0.0.0.0/0"], "purpose": "vpn" },
                { "protocol": "tcp", "port": 443, "cidrs": admin, "purpose": "console" },
                { "protocol": "tcp", "port": 80, "cidrs": admin, "purpose": "console certificate" },
            ] }),
        );
        let mut ingress = vec![IngressRule {
            protocol: protocol.to_owned(),
            port: vpn.port,
            cidr: "0.0.0.0/0".to_owned(),
        }];
        for cidr in &admin {
            ingress.push(IngressRule {
                protocol: "tcp".to_owned(),
                port: 443,
                cidr: cidr.clone(),
            });
            ingress.push(IngressRule {
                protocol: "tcp".to_owned(),
                port: 80,
                cidr: cidr.clone(),
            });
        }
        let vpn_name = format!("{}-vpn", self.workspace.organization.name);
        self.graph.attach(
            &group,
            kind::SecurityGroup {
                vpc: format!("account/{account}/vpc"),
                name: vpn_name.clone(),
                description: "sleak: Pritunl VPN (VPN port open, console for admins only)"
                    .to_owned(),
                ingress,
                ingress_from: Vec::new(),
            },
        );
        let role = self.aws(format!("{prefix}/iam-role"), "iam:role", account, Some(format!("{}-vpn", self.workspace.organization.name)), vec![format!("account/{account}")], json!({ "trust": "ec2.amazonaws.com", "managed_policies": ["AmazonSSMManagedInstanceCore"] }));
        self.graph.attach(
            &role,
            kind::IamRole {
                name: vpn_name.clone(),
                trust: Trust::Service("ec2.amazonaws.com".to_owned()),
                managed_policies: vec![
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore".to_owned(),
                ],
                inline_policy: None,
            },
        );
        let profile = self.aws(
            format!("{prefix}/instance-profile"),
            "iam:instance-profile",
            account,
            Some(format!("{}-vpn", self.workspace.organization.name)),
            vec![role.clone()],
            json!({}),
        );
        self.graph.attach(
            &profile,
            kind::InstanceProfile {
                name: vpn_name.clone(),
                role,
            },
        );
        let instance = self.aws(
            format!("{prefix}/instance"),
            "ec2:instance",
            account,
            Some(format!("{}-vpn", self.workspace.organization.name)),
            vec![group.clone(), profile.clone(), format!("account/{account}/subnet/public-a")],
            json!({ "instance_type": vpn.instance_type, "ami": "latest Ubuntu 24.04 LTS (looked up)", "software": "pritunl + mongodb", "volume_gib": vpn.volume_gib, "source_dest_check": false }),
        );
        self.graph.attach(
            &instance,
            kind::Instance {
                name: vpn_name.clone(),
                instance_type: vpn.instance_type.clone(),
                subnet: format!("account/{account}/subnet/public-a"),
                security_group: group.clone(),
                profile: profile.clone(),
                volume_gib: vpn.volume_gib,
                user_data: pritunl_user_data(vpn.port, protocol),
            },
        );
        let address = self.aws(
            format!("{prefix}/eip"),
            "ec2:elastic-ip",
            account,
            None,
            vec![instance.clone()],
            json!({ "instance": instance }),
        );
        self.graph
            .attach(&address, kind::InstanceAddress { instance });
    }

    fn cluster(&mut self, cluster: &Cluster) {
        let name = &cluster.name;
        let prefix = format!("cluster/{name}");
        let Some(account) = cluster.account().map(str::to_owned) else {
            return;
        };
        let workspace_name = &self.workspace.organization.name;
        let managed = |policy: &str| format!("arn:aws:iam::aws:policy/{policy}");
        let control_role_name = format!("{workspace_name}-{name}-cluster");
        let control_role = self.aws(
            format!("{prefix}/iam-role/control-plane"),
            "iam:role",
            &account,
            Some(control_role_name.clone()),
            vec![format!("account/{account}")],
            json!({ "trust": "eks.amazonaws.com", "managed_policies": ["AmazonEKSClusterPolicy"] }),
        );
        self.graph.attach(
            &control_role,
            kind::IamRole {
                name: control_role_name,
                trust: Trust::Service("eks.amazonaws.com".to_owned()),
                managed_policies: vec![managed("AmazonEKSClusterPolicy")],
                inline_policy: None,
            },
        );
        let node_policies = [
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
            "AmazonSSMManagedInstanceCore",
        ];
        let node_role_name = format!("{workspace_name}-{name}-nodes");
        let node_role = self.aws(
            format!("{prefix}/iam-role/nodes"),
            "iam:role",
            &account,
            Some(node_role_name.clone()),
            vec![format!("account/{account}")],
            json!({ "trust": "ec2.amazonaws.com", "managed_policies": node_policies }),
        );
        self.graph.attach(
            &node_role,
            kind::IamRole {
                name: node_role_name,
                trust: Trust::Service("ec2.amazonaws.com".to_owned()),
                managed_policies: node_policies.iter().map(|policy| managed(policy)).collect(),
                inline_policy: None,
            },
        );
        let zones = self
            .workspace
            .account(&account)
            .map_or(2, |account| account.network.availability_zones);
        let subnets: Vec<String> = (0..zones)
            .map(|zone| format!("account/{account}/subnet/private-{}", zone_letter(zone)))
            .collect();
        let mut depends = vec![control_role.clone()];
        depends.extend(subnets.iter().cloned());
        let public_cidrs: Vec<String> = if cluster.endpoint.public {
            cluster
                .endpoint
                .public_cidrs
                .iter()
                .map(ToString::to_string)
                .collect()
        } else {
            Vec::new()
        };
        let eks = self.aws(
            format!("{prefix}/eks-cluster"),
            "eks:cluster",
            &account,
            Some(name.clone()),
            depends,
            json!({ "version": cluster.version, "endpoint_public": cluster.endpoint.public, "endpoint_private": cluster.endpoint.private, "public_cidrs": public_cidrs, "logging": cluster.logging, "subnets": "private" }),
        );
        self.graph.attach(
            &eks,
            kind::EksCluster {
                name: name.clone(),
                version: cluster.version.clone(),
                role: control_role.clone(),
                subnets: subnets.clone(),
                endpoint_public: cluster.endpoint.public,
                endpoint_private: cluster.endpoint.private,
                public_cidrs,
                logging: cluster.logging.clone(),
            },
        );
        let oidc = self.aws(
            format!("{prefix}/oidc-provider"),
            "iam:oidc-provider",
            &account,
            None,
            vec![eks.clone()],
            json!({ "client": "sts.amazonaws.com" }),
        );
        self.graph.attach(
            &oidc,
            kind::OidcProvider {
                cluster: eks.clone(),
            },
        );
        let admin_policy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
        let access = self.aws(
            format!("{prefix}/access-entry/admin"),
            "eks:access-entry",
            &account,
            None,
            vec![eks.clone()],
            json!({ "policy": "AmazonEKSClusterAdminPolicy", "principal": "the role sleak acts as in the account" }),
        );
        self.graph.attach(
            &access,
            kind::AccessEntry {
                cluster: eks.clone(),
                policy: admin_policy.to_owned(),
            },
        );
        let mut pools = Vec::new();
        for pool in &cluster.node_pools {
            let spot = pool.capacity == Capacity::Spot;
            let group_name = node_group_name(pool);
            // The label a service's `node_pool` selects (EKS's own names the node group,
            // whose name changes when the pool is replaced).
            let mut labels = pool.labels.clone();
            labels.insert(
                render::service::NODE_POOL_LABEL.to_owned(),
                pool.name.clone(),
            );
            let taints: Vec<(String, String, String)> = pool
                .taints
                .iter()
                .map(|taint| {
                    (
                        taint.key.clone(),
                        taint.value.clone(),
                        format!("{:?}", taint.effect),
                    )
                })
                .collect();
            let taint_list: Vec<Json> = taints
                .iter()
                .map(|(key, value, effect)| json!({ "key": key, "value": value, "effect": effect }))
                .collect();
            let id = self.aws(
                format!("{prefix}/node-pool/{}", pool.name),
                "eks:nodegroup",
                &account,
                Some(group_name.clone()),
                vec![eks.clone(), node_role.clone(), access.clone()],
                json!({ "instance_types": pool.instance_types, "capacity": if spot { "SPOT" } else { "ON_DEMAND" }, "min": pool.min, "max": pool.max, "desired": pool.desired, "disk_gib": pool.disk_gib, "labels": labels, "taints": taint_list }),
            );
            self.graph.attach(
                &id,
                kind::NodeGroup {
                    cluster: eks.clone(),
                    name: group_name,
                    role: node_role.clone(),
                    subnets: subnets.clone(),
                    instance_types: pool.instance_types.clone(),
                    spot,
                    min: pool.min,
                    max: pool.max,
                    desired: pool.desired,
                    disk_gib: pool.disk_gib,
                    labels,
                    taints,
                    kubernetes_version: cluster.version.clone(),
                },
            );
            pools.push(id);
        }
        let plugins = &cluster.plugins;
        // (workspace key, add-on, enabled, service account, managed policy, inline policy)
        type AddonRow<'a> = (
            &'a str,
            &'a str,
            bool,
            Option<(&'a str, &'a str)>,
            Option<String>,
            Option<Json>,
        );
        let addons: [AddonRow; 8] = [
            (
                "vpc_cni",
                "vpc-cni",
                plugins.vpc_cni,
                Some(("kube-system", "aws-node")),
                Some(managed("AmazonEKS_CNI_Policy")),
                None,
            ),
            (
                "kube_proxy",
                "kube-proxy",
                plugins.kube_proxy,
                None,
                None,
                None,
            ),
            ("coredns", "coredns", plugins.coredns, None, None, None),
            (
                "pod_identity_agent",
                "eks-pod-identity-agent",
                plugins.pod_identity_agent,
                None,
                None,
                None,
            ),
            (
                "ebs_csi_driver",
                "aws-ebs-csi-driver",
                plugins.ebs_csi_driver,
                Some(("kube-system", "ebs-csi-controller-sa")),
                Some(managed("service-role/AmazonEBSCSIDriverPolicy")),
                None,
            ),
            (
                "metrics_server",
                "metrics-server",
                plugins.metrics_server,
                None,
                None,
                None,
            ),
            (
                "cert_manager",
                "cert-manager",
                plugins.cert_manager,
                None,
                None,
                None,
            ),
            (
                "external_dns",
                "external-dns",
                plugins.external_dns,
                Some(("external-dns", "external-dns")),
                None,
                Some(catalog::external_dns_policy()),
            ),
        ];
        for (key, addon, enabled, service_account, managed_policy, inline_policy) in addons {
            if !enabled {
                continue;
            }
            let mut depends = vec![eks.clone()];
            // Add-ons that schedule pods need nodes; the networking ones come before nodes.
            if !matches!(addon, "vpc-cni" | "kube-proxy" | "eks-pod-identity-agent") {
                depends.extend(pools.iter().cloned());
            }
            let mut role = None;
            if let Some((namespace, service_account)) = service_account {
                let role_name = format!("{workspace_name}-{name}-{addon}");
                let id = self.aws(
                    format!("{prefix}/iam-role/{addon}"),
                    "iam:role",
                    &account,
                    Some(role_name.clone()),
                    vec![oidc.clone()],
                    json!({ "trust": format!("service account {namespace}/{service_account} through the cluster's OIDC provider"), "managed_policies": managed_policy.iter().collect::<Vec<_>>(), "inline_policy": inline_policy.is_some() }),
                );
                self.graph.attach(
                    &id,
                    kind::IamRole {
                        name: role_name,
                        trust: Trust::ServiceAccount {
                            oidc: oidc.clone(),
                            namespace: namespace.to_owned(),
                            service_account: service_account.to_owned(),
                        },
                        managed_policies: managed_policy.into_iter().collect(),
                        inline_policy: inline_policy.map(InlinePolicy::Document),
                    },
                );
                depends.push(id.clone());
                role = Some(id);
            }
            let pinned = plugins
                .versions
                .get(key)
                .or_else(|| plugins.versions.get(addon))
                .cloned();
            let shown = pinned
                .clone()
                .unwrap_or_else(|| format!("default for {}", cluster.version));
            let id = self.aws(
                format!("{prefix}/addon/{addon}"),
                "eks:addon",
                &account,
                Some(addon.to_owned()),
                depends,
                json!({ "version": shown }),
            );
            self.graph.attach(
                &id,
                kind::Addon {
                    cluster: eks.clone(),
                    addon: addon.to_owned(),
                    plugin: key.to_owned(),
                    version: pinned,
                    kubernetes_version: cluster.version.clone(),
                    role,
                },
            );
        }
        for chart in catalog::cluster_charts(plugins) {
            let role_name = format!("{workspace_name}-{name}-{}", chart.release);
            let role = self.aws(
                format!("{prefix}/iam-role/{}", chart.release),
                "iam:role",
                &account,
                Some(role_name.clone()),
                vec![oidc.clone()],
                json!({ "trust": format!("service account {}/{} through the cluster's OIDC provider", chart.namespace, chart.service_account), "inline_policy": true }),
            );
            self.graph.attach(
                &role,
                kind::IamRole {
                    name: role_name,
                    trust: Trust::ServiceAccount {
                        oidc: oidc.clone(),
                        namespace: chart.namespace.to_owned(),
                        service_account: chart.service_account.to_owned(),
                    },
                    managed_policies: Vec::new(),
                    inline_policy: Some(InlinePolicy::Document(chart.policy.clone())),
                },
            );
            let mut depends = vec![role.clone()];
            depends.extend(pools.iter().cloned());
            let version = plugins
                .versions
                .get(chart.key)
                .or_else(|| plugins.versions.get(chart.release))
                .cloned()
                .unwrap_or_else(|| chart.version.to_owned());
            let id = self.kube(
                format!("{prefix}/helm/{}", chart.release),
                "HelmRelease",
                name,
                Some(chart.namespace),
                chart.release,
                depends,
                json!({ "chart": chart.chart, "repository": chart.repository, "version": version }),
            );
            self.graph.attach(
                &id,
                kind::HelmChart {
                    cluster: name.clone(),
                    release: chart.release.to_owned(),
                    chart: chart.chart.to_owned(),
                    repository: chart.repository.to_owned(),
                    version,
                    namespace: chart.namespace.to_owned(),
                    role,
                    vpc: format!("account/{account}/vpc"),
                    values: chart.values,
                },
            );
        }
    }

    /// What a Kubernetes object in `cluster` waits for: the EKS cluster and its nodes.
    fn cluster_ready(&self, cluster: &str) -> Vec<String> {
        match self.workspace.cluster(cluster) {
            Some(found) if found.account().is_some() => {
                let mut depends = vec![format!("cluster/{cluster}/eks-cluster")];
                depends.extend(
                    found
                        .node_pools
                        .iter()
                        .map(|pool| format!("cluster/{cluster}/node-pool/{}", pool.name)),
                );
                depends
            }
            _ => Vec::new(),
        }
    }

    fn environment(&mut self, environment: &Environment) {
        let account = self
            .workspace
            .cluster(&environment.cluster)
            .and_then(Cluster::account)
            .unwrap_or(MANAGEMENT_ACCOUNT)
            .to_owned();
        let zone = self.aws(
            format!("environment/{}/hosted-zone", environment.name),
            "route53:hosted-zone",
            &account,
            Some(environment.fqdn.clone()),
            vec![format!("account/{account}")],
            json!({ "parent": self.workspace.organization.domain }),
        );
        self.graph.attach(
            &zone,
            kind::HostedZone {
                domain: environment.fqdn.clone(),
            },
        );
        let parent = format!("account/{MANAGEMENT_ACCOUNT}/hosted-zone");
        let delegation = self.aws(
            format!("environment/{}/delegation", environment.name),
            "route53:record-set",
            MANAGEMENT_ACCOUNT,
            Some(environment.fqdn.clone()),
            vec![zone.clone(), parent.clone()],
            json!({ "type": "NS", "zone": self.workspace.organization.domain }),
        );
        self.graph.attach(
            &delegation,
            kind::NsDelegation {
                name: environment.fqdn.clone(),
                zone: zone.clone(),
                zone_account: format!("account/{account}"),
                parent,
            },
        );
        self.certificate(environment, &zone, &account, &delegation);
    }

    /// The TLS certificate of an environment whose services take traffic by host, in the
    /// account of its load balancers (its cluster's, or the one it names), validated in
    /// its zone (in `zone_account`) once the zone is delegated.
    fn certificate(
        &mut self,
        environment: &Environment,
        zone: &str,
        zone_account: &str,
        delegation: &str,
    ) {
        let served = self.workspace.project_envs().any(|project_env| {
            project_env.env == environment.name
                && project_env
                    .services
                    .iter()
                    .any(|service| !service.hosts.is_empty())
        });
        let Some(account) = environment.account.as_deref().filter(|_| served) else {
            return;
        };
        let depends: Vec<String> = [
            format!("account/{account}"),
            format!("account/{zone_account}"),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .chain([zone.to_owned(), delegation.to_owned()])
        .collect();
        let wildcard = format!("*.{}", environment.fqdn);
        let certificate = self.aws(
            format!("environment/{}/certificate", environment.name),
            "acm:certificate",
            account,
            Some(environment.fqdn.clone()),
            depends,
            json!({ "names": [environment.fqdn, wildcard], "validation": "DNS", "zone": environment.fqdn }),
        );
        self.graph.attach(
            &certificate,
            kind::AcmCertificate {
                domain: environment.fqdn.clone(),
                zone: zone.to_owned(),
                zone_account: format!("account/{zone_account}"),
            },
        );
    }

    fn project(&mut self, project: &Project) {
        let workspace = self.workspace;
        let pull_accounts: Vec<String> = project
            .envs
            .iter()
            .filter_map(|project_env| {
                workspace
                    .cluster(&project_env.cluster)
                    .and_then(Cluster::account)
            })
            .map(str::to_owned)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        // Its policy names the accounts that pull: they must exist first.
        let depends: Vec<String> = std::iter::once(MANAGEMENT_ACCOUNT)
            .chain(pull_accounts.iter().map(String::as_str))
            .map(|account| format!("account/{account}"))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let repository = self.aws(
            format!("project/{}/ecr-repository", project.name),
            "ecr:repository",
            MANAGEMENT_ACCOUNT,
            Some(project.repository.name.clone()),
            depends,
            json!({ "scan_on_push": project.repository.scan_on_push, "immutable_tags": project.repository.immutable_tags, "lifecycle_keep_images": project.repository.keep_images, "pull_accounts": pull_accounts }),
        );
        self.graph.attach(
            &repository,
            kind::EcrRepository {
                name: project.repository.name.clone(),
                scan_on_push: project.repository.scan_on_push,
                immutable_tags: project.repository.immutable_tags,
                keep_images: project.repository.keep_images,
                pull_accounts: pull_accounts
                    .iter()
                    .filter(|account| account.as_str() != MANAGEMENT_ACCOUNT)
                    .map(|account| format!("account/{account}"))
                    .collect(),
            },
        );
        for project_env in &project.envs {
            self.project_env(project_env);
        }
    }

    fn project_env(&mut self, project_env: &ProjectEnv) {
        let prefix = format!("project/{}/env/{}", project_env.project, project_env.env);
        let cluster = project_env.cluster.as_str();
        let namespace_name = project_env.namespace.as_str();
        let labels = render::Labels::project_env(&self.workspace.organization.name, project_env);
        let namespace = self.kube(
            format!("{prefix}/namespace"),
            "Namespace",
            cluster,
            None,
            namespace_name,
            self.cluster_ready(cluster),
            json!({ "labels": labels.to_json() }),
        );
        self.graph.attach(
            &namespace,
            kind::KubeObject {
                manifest: render::namespace(namespace_name, &labels),
            },
        );
        let quota = self.kube(
            format!("{prefix}/resource-quota"),
            "ResourceQuota",
            cluster,
            Some(namespace_name),
            render::DEFAULT_OBJECT_NAME,
            vec![namespace.clone()],
            json!({ "hard": render::default_quota() }),
        );
        self.graph.attach(
            &quota,
            kind::KubeObject {
                manifest: render::resource_quota(namespace_name, &labels),
            },
        );
        let limits = self.kube(
            format!("{prefix}/limit-range"),
            "LimitRange",
            cluster,
            Some(namespace_name),
            render::DEFAULT_OBJECT_NAME,
            vec![namespace.clone()],
            json!({ "container": render::default_limits() }),
        );
        self.graph.attach(
            &limits,
            kind::KubeObject {
                manifest: render::limit_range(namespace_name, &labels),
            },
        );
        let mut secrets = self.variable_groups(project_env, None, &namespace);
        let mut grants = Grants::default();
        for dependency in &project_env.dependencies {
            secrets.push(self.dependency(project_env, dependency, &namespace, &mut grants));
        }
        let account = self
            .workspace
            .cluster(cluster)
            .and_then(Cluster::account)
            .map(str::to_owned);
        if let Some(account) = &account {
            self.identity(project_env, account, &namespace, &labels, grants);
        }
        // Services reach the cluster through `sleak deploy` (release/), not apply: the
        // plan holds only what their pods read, each service's variable group.
        for service in &project_env.services {
            self.variable_groups(project_env, Some(service), &namespace);
        }
    }

    /// The IAM role of a ProjectEnv on an EKS cluster, trusted by the service accounts of
    /// its namespace through the cluster's OIDC provider and granted its buckets and
    /// queues, and the ServiceAccount `app` bound to it. (A cluster you bring has no OIDC
    /// provider sleak knows: its ProjectEnvs get neither.)
    fn identity(
        &mut self,
        project_env: &ProjectEnv,
        account: &str,
        namespace: &str,
        labels: &render::Labels,
        grants: Grants,
    ) {
        let prefix = format!("project/{}/env/{}", project_env.project, project_env.env);
        let oidc = format!("cluster/{}/oidc-provider", project_env.cluster);
        let name = iam_role_name(&[
            &self.workspace.organization.name,
            &project_env.project,
            &project_env.env,
            render::SERVICE_ACCOUNT_NAME,
        ]);
        let mut depends = vec![oidc.clone()];
        depends.extend(grants.buckets.iter().chain(&grants.queues).cloned());
        let role = self.aws(
            format!("{prefix}/role"),
            "iam:role",
            account,
            Some(name.clone()),
            depends,
            json!({ "trust": format!("service accounts of {} through the cluster's OIDC provider", project_env.namespace), "buckets": grants.buckets, "queues": grants.queues }),
        );
        self.graph.attach(
            &role,
            kind::IamRole {
                name,
                trust: Trust::Namespace {
                    oidc,
                    namespace: project_env.namespace.clone(),
                },
                managed_policies: Vec::new(),
                inline_policy: Some(InlinePolicy::Grants(grants)),
            },
        );
        let service_account = self.kube(
            format!("{prefix}/service-account"),
            "ServiceAccount",
            &project_env.cluster,
            Some(&project_env.namespace),
            render::SERVICE_ACCOUNT_NAME,
            vec![namespace.to_owned(), role.clone()],
            json!({ "annotations": { (render::ROLE_ARN_ANNOTATION): "the ARN of the ProjectEnv's role" } }),
        );
        self.graph.attach(
            &service_account,
            kind::ServiceAccount {
                namespace: project_env.namespace.clone(),
                labels: labels.clone(),
                role,
            },
        );
    }

    fn dependency(
        &mut self,
        project_env: &ProjectEnv,
        dependency: &Dependency,
        namespace: &str,
        grants: &mut Grants,
    ) -> String {
        let prefix = format!(
            "project/{}/env/{}/dependency/{}",
            project_env.project, project_env.env, dependency.name
        );
        let cluster = project_env.cluster.as_str();
        // Validation asks for the account of an environment on a cluster you bring.
        let account = project_env
            .account
            .clone()
            .unwrap_or_else(|| MANAGEMENT_ACCOUNT.to_owned());
        let kind = dependency_kind_name(dependency.kind);
        let mut database_user = None;
        let resource = match &dependency.settings {
            DependencySettings::Database {
                engine_version,
                instance_class,
                storage_gib,
                multi_az,
                backup_retention_days,
                max_storage_gib,
                deletion_protection,
                database,
                username,
            } => {
                let port = if dependency.kind == DependencyKind::Postgres {
                    5432
                } else {
                    3306
                };
                let group = self.dependency_security_group(
                    &prefix,
                    &account,
                    project_env,
                    dependency,
                    port,
                );
                let engine_version = engine_version
                    .clone()
                    .or_else(|| default_engine_version(dependency.kind).map(str::to_owned))
                    .unwrap_or_default();
                let instance = self.aws(
                    format!("{prefix}/rds-instance"),
                    "rds:db-instance",
                    &account,
                    Some(dependency.resource_name.clone()),
                    vec![format!("account/{account}/db-subnet-group"), group.clone()],
                    json!({ "engine": kind, "engine_version": engine_version, "instance_class": instance_class, "storage_gib": storage_gib, "max_storage_gib": max_storage_gib, "storage": "gp3, encrypted", "multi_az": multi_az, "backup_retention_days": backup_retention_days, "deletion_protection": deletion_protection, "public": false, "database": database, "username": username, "password": "managed by RDS in Secrets Manager", "final_snapshot": true }),
                );
                self.graph.attach(
                    &instance,
                    kind::DbInstance {
                        identifier: dependency.resource_name.clone(),
                        engine: kind.to_owned(),
                        engine_version,
                        instance_class: instance_class.clone(),
                        storage_gib: *storage_gib,
                        max_storage_gib: *max_storage_gib,
                        multi_az: *multi_az,
                        backup_retention_days: *backup_retention_days,
                        deletion_protection: *deletion_protection,
                        database: database.clone(),
                        username: username.clone(),
                        subnet_group: format!("account/{account}/db-subnet-group"),
                        security_group: group,
                        final_snapshot: true,
                    },
                );
                database_user = Some((database.clone(), username.clone()));
                instance
            }
            DependencySettings::Bucket {
                versioning,
                public,
                cors_origins,
            } => {
                let bucket = self.aws(format!("{prefix}/s3-bucket"), "s3:bucket", &account, Some(dependency.resource_name.clone()), vec![format!("account/{account}")], json!({ "versioning": versioning, "public_read": public, "encryption": "AES256", "cors_origins": cors_origins, "noncurrent_versions_expire_days": kind::s3_bucket::NONCURRENT_DAYS }));
                self.graph.attach(
                    &bucket,
                    kind::S3Bucket {
                        name: dependency.resource_name.clone(),
                        versioning: *versioning,
                        public: *public,
                        cors_origins: cors_origins.clone(),
                    },
                );
                grants.buckets.push(bucket.clone());
                bucket
            }
            DependencySettings::Cache {
                engine_version,
                node_type,
                nodes,
            } => {
                let redis = dependency.kind == DependencyKind::Redis;
                let group = self.dependency_security_group(
                    &prefix,
                    &account,
                    project_env,
                    dependency,
                    if redis { 6379 } else { 11211 },
                );
                let persistence = self.subnets_of(&account, SubnetTier::Persistence);
                let subnets = self.aws(
                    format!("{prefix}/cache-subnet-group"),
                    "elasticache:subnet-group",
                    &account,
                    Some(dependency.resource_name.clone()),
                    persistence.clone(),
                    json!({ "subnets": "persistence" }),
                );
                self.graph.attach(
                    &subnets,
                    kind::CacheSubnetGroup::new(dependency.resource_name.clone(), persistence),
                );
                let engine_version = engine_version
                    .clone()
                    .or_else(|| default_engine_version(dependency.kind).map(str::to_owned))
                    .unwrap_or_default();
                let token_secret = redis.then(|| {
                    store_name(
                        &self.workspace.organization.name,
                        &project_env.project,
                        &project_env.env,
                        &format!("dependency/{}", dependency.name),
                    )
                });
                let cache = self.aws(
                    format!("{prefix}/cache"),
                    "elasticache:cache",
                    &account,
                    Some(dependency.resource_name.clone()),
                    vec![subnets.clone(), group.clone()],
                    json!({ "engine": kind, "engine_version": engine_version, "node_type": node_type, "nodes": nodes, "encrypted": redis, "auth_token": if redis { "generated, kept in Secrets Manager" } else { "none (memcached has none)" } }),
                );
                self.graph.attach(
                    &cache,
                    kind::Cache {
                        id: dependency.resource_name.clone(),
                        engine: kind.to_owned(),
                        engine_version,
                        node_type: node_type.clone(),
                        nodes: *nodes,
                        subnet_group: subnets,
                        security_group: group,
                        token_secret,
                    },
                );
                cache
            }
            DependencySettings::Queue {
                fifo,
                visibility_timeout_secs,
                dead_letter_max_receives,
            } => {
                let mut depends = vec![format!("account/{account}")];
                let mut dead_letter = None;
                // The queue, then its dead-letter queue, in the role's grants.
                let granted_at = grants.queues.len();
                if let Some(max_receives) = dead_letter_max_receives {
                    let dead_letter_name = match dependency.resource_name.strip_suffix(".fifo") {
                        Some(base) => format!("{base}-dlq.fifo"),
                        None => format!("{}-dlq", dependency.resource_name),
                    };
                    let id = self.aws(
                        format!("{prefix}/dead-letter-queue"),
                        "sqs:queue",
                        &account,
                        Some(dead_letter_name.clone()),
                        vec![format!("account/{account}")],
                        json!({ "fifo": fifo, "retention_days": DEAD_LETTER_RETENTION_SECS / 86_400 }),
                    );
                    self.graph.attach(
                        &id,
                        kind::SqsQueue {
                            name: dead_letter_name,
                            fifo: *fifo,
                            visibility_timeout_secs: None,
                            retention_secs: Some(DEAD_LETTER_RETENTION_SECS),
                            dead_letter: None,
                        },
                    );
                    grants.queues.push(id.clone());
                    depends.push(id.clone());
                    dead_letter = Some(DeadLetter {
                        queue: id,
                        max_receives: *max_receives,
                    });
                }
                let queue = self.aws(format!("{prefix}/queue"), "sqs:queue", &account, Some(dependency.resource_name.clone()), depends, json!({ "fifo": fifo, "visibility_timeout_secs": visibility_timeout_secs, "dead_letter_max_receives": dead_letter_max_receives, "encryption": "SQS-managed" }));
                self.graph.attach(
                    &queue,
                    kind::SqsQueue {
                        name: dependency.resource_name.clone(),
                        fifo: *fifo,
                        visibility_timeout_secs: Some(*visibility_timeout_secs),
                        retention_secs: None,
                        dead_letter,
                    },
                );
                grants.queues.insert(granted_at, queue.clone());
                queue
            }
        };
        let dead_letter = matches!(
            dependency.settings,
            DependencySettings::Queue {
                dead_letter_max_receives: Some(_),
                ..
            }
        )
        .then(|| format!("{prefix}/dead-letter-queue"));
        let mut depends = vec![resource.clone(), namespace.to_owned()];
        depends.extend(dead_letter.clone());
        let name = format!("dependency-{}", dependency.name);
        let secret = self.kube(
            format!("{prefix}/secret"),
            "Secret",
            cluster,
            Some(&project_env.namespace),
            &name,
            depends,
            json!({ "keys": dependency.variable_keys() }),
        );
        let labels = render::Labels::project_env(&self.workspace.organization.name, project_env)
            .with(
                GROUP_LABEL,
                &Group::Dependency(dependency.name.clone()).label(),
            );
        self.graph.attach(
            &secret,
            kind::DependencySecret {
                name,
                namespace: project_env.namespace.clone(),
                labels,
                kind: dependency.kind,
                prefix: dependency.variable_prefix.clone(),
                resource,
                dead_letter,
                account: format!("account/{account}"),
                region: self.region().to_owned(),
                database: database_user,
            },
        );
        secret
    }

    /// The plan ids of the account's subnets of `tier`.
    fn subnets_of(&self, account: &str, tier: SubnetTier) -> Vec<String> {
        self.workspace
            .account(account)
            .map(|found| {
                found
                    .network
                    .subnets()
                    .iter()
                    .filter(|subnet| subnet.tier == tier)
                    .map(|subnet| {
                        format!(
                            "account/{account}/subnet/{}-{}",
                            tier.as_str(),
                            zone_letter(subnet.zone_index)
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A database's or cache's security group: `port` open to the nodes of the
    /// ProjectEnv's cluster only — the members of its EKS cluster security group, which
    /// EKS gives every managed node. A cluster you bring has no group sleak knows: the
    /// port is open to the account's private subnets instead (where nodes run; not the
    /// public subnets, not the VPN).
    fn dependency_security_group(
        &mut self,
        prefix: &str,
        account: &str,
        project_env: &ProjectEnv,
        dependency: &Dependency,
        port: u16,
    ) -> String {
        let eks = self
            .workspace
            .cluster(&project_env.cluster)
            .and_then(Cluster::account)
            .is_some_and(|cluster_account| cluster_account == account);
        let cidrs: Vec<String> = if eks {
            Vec::new()
        } else {
            self.workspace
                .account(account)
                .map(|found| {
                    found
                        .network
                        .subnets()
                        .iter()
                        .filter(|subnet| subnet.tier == SubnetTier::Private)
                        .map(|subnet| subnet.cidr.to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        let cluster = format!("cluster/{}/eks-cluster", project_env.cluster);
        let mut depends = vec![format!("account/{account}/vpc")];
        let (from, ingress_from) = if eks {
            depends.push(cluster.clone());
            (
                json!({ "security_group_of": cluster }),
                vec![GroupIngress {
                    protocol: "tcp".to_owned(),
                    port,
                    from: cluster,
                }],
            )
        } else {
            (json!({ "cidrs": cidrs }), Vec::new())
        };
        let mut rule = json!({ "protocol": "tcp", "port": port, "purpose": "the cluster's nodes" });
        if let (Some(rule), Some(from)) = (rule.as_object_mut(), from.as_object()) {
            rule.extend(from.clone());
        }
        let group = self.aws(
            format!("{prefix}/security-group"),
            "ec2:security-group",
            account,
            Some(dependency.resource_name.clone()),
            depends,
            json!({ "ingress": [rule] }),
        );
        self.graph.attach(
            &group,
            kind::SecurityGroup {
                vpc: format!("account/{account}/vpc"),
                name: dependency.resource_name.clone(),
                description: format!(
                    "sleak: {} {} reached from the cluster's nodes only",
                    dependency_kind_name(dependency.kind),
                    dependency.name
                ),
                ingress: cidrs
                    .into_iter()
                    .map(|cidr| IngressRule {
                        protocol: "tcp".to_owned(),
                        port,
                        cidr,
                    })
                    .collect(),
                ingress_from,
            },
        );
        group
    }

    /// A variable group's objects: the ConfigMap `variables-<group>` of its plain values,
    /// and, when it has secret variables, the Secret `secrets-<group>` whose values
    /// `apply` reads from Secrets Manager. Returns their ids.
    fn variable_groups(
        &mut self,
        project_env: &ProjectEnv,
        service: Option<&Service>,
        namespace: &str,
    ) -> Vec<String> {
        use crate::workspace::variables::secret_store_name;
        let organization = &self.workspace.organization.name;
        let (prefix, group, plain, secret) = match service {
            None => (
                format!("project/{}/env/{}", project_env.project, project_env.env),
                Group::Global,
                &project_env.variables,
                &project_env.secret_variables,
            ),
            Some(service) => (
                format!(
                    "project/{}/env/{}/service/{}",
                    project_env.project, project_env.env, service.name
                ),
                Group::Service(service.name.clone()),
                &service.variables,
                &service.secret_variables,
            ),
        };
        let cluster = project_env.cluster.as_str();
        let ns = project_env.namespace.as_str();
        let labels = render::Labels::project_env(organization, project_env)
            .with(GROUP_LABEL, &group.label());
        let config_map_name = format!("variables-{}", group.object_suffix());
        let config_map = self.kube(
            format!("{prefix}/variables"),
            "ConfigMap",
            cluster,
            Some(ns),
            &config_map_name,
            vec![namespace.to_owned()],
            json!({ "keys": plain.keys().collect::<Vec<_>>(), "group": group.label() }),
        );
        self.graph.attach(
            &config_map,
            kind::KubeObject {
                manifest: render::config_map(&config_map_name, ns, &labels, plain),
            },
        );
        let mut ids = vec![config_map];
        // Validation asks for an account wherever there are secret variables.
        if let (false, Some(account)) = (secret.is_empty(), &project_env.account) {
            let service_name = service.map(|service| service.name.as_str());
            let store = secret_store_name(
                organization,
                &project_env.project,
                &project_env.env,
                service_name,
            );
            let secret_name = format!("secrets-{}", group.object_suffix());
            let id = self.kube(
                format!("{prefix}/secrets"),
                "Secret",
                cluster,
                Some(ns),
                &secret_name,
                vec![namespace.to_owned(), format!("account/{account}")],
                json!({ "keys": secret, "group": group.label(), "values_from": format!("Secrets Manager `{store}` in the account {account}") }),
            );
            let mut scope = format!("-p {} -e {}", project_env.project, project_env.env);
            if let Some(service) = service_name {
                scope.push_str(&format!(" -s {service}"));
            }
            self.graph.attach(
                &id,
                kind::VariableSecret {
                    name: secret_name,
                    namespace: ns.to_owned(),
                    labels,
                    keys: secret.clone(),
                    store,
                    account: format!("account/{account}"),
                    scope,
                },
            );
            ids.push(id);
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(types: &[&str], max: u32) -> NodePool {
        NodePool {
            name: "general".into(),
            instance_types: types.iter().map(|kind| (*kind).to_owned()).collect(),
            capacity: Capacity::OnDemand,
            min: 1,
            max,
            desired: 1,
            disk_gib: 50,
            labels: BTreeMap::new(),
            taints: Vec::new(),
        }
    }

    #[test]
    fn a_node_group_is_renamed_by_what_cannot_change_in_place_only() {
        let base = node_group_name(&pool(&["t3.large"], 4));
        assert!(base.starts_with("general-") && base.len() == "general-".len() + 8);
        assert_eq!(
            base,
            node_group_name(&pool(&["t3.large"], 9)),
            "scaling is in place"
        );
        assert_ne!(base, node_group_name(&pool(&["m6i.large"], 4)));
        let mut spot = pool(&["t3.large"], 4);
        spot.capacity = Capacity::Spot;
        assert_ne!(base, node_group_name(&spot));
    }
}
