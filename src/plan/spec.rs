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
        trust: Trust,
        managed_policies: Vec<String>,
        /// The role's own policy (inline, named `sleak`), a JSON document.
        inline_policy: Option<serde_json::Value>,
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
    /// The OIDC provider of an EKS cluster, for IAM roles for service accounts.
    OidcProvider {
        cluster: String,
    },
    EksCluster {
        name: String,
        version: String,
        role: String,
        subnets: Vec<String>,
        endpoint_public: bool,
        endpoint_private: bool,
        public_cidrs: Vec<String>,
        logging: Vec<String>,
    },
    /// Cluster-admin access for the principal sleak acts as in the cluster's account.
    AccessEntry {
        cluster: String,
        policy: String,
    },
    /// A managed node group. `name` carries a hash of what cannot change in place, so a
    /// change of instance types makes a new group, created before the old one goes.
    NodeGroup {
        cluster: String,
        name: String,
        role: String,
        subnets: Vec<String>,
        instance_types: Vec<String>,
        spot: bool,
        min: u32,
        max: u32,
        desired: u32,
        disk_gib: u32,
        labels: std::collections::BTreeMap<String, String>,
        /// (key, value, effect) with the Kubernetes effect spelling.
        taints: Vec<(String, String, String)>,
        /// Kubernetes version of the nodes: the control plane's, once it has it.
        kubernetes_version: String,
    },
    /// An EKS add-on; `version` pinned, else the default for `kubernetes_version`.
    Addon {
        cluster: String,
        addon: String,
        version: Option<String>,
        kubernetes_version: String,
        role: Option<String>,
    },
    /// A Helm chart installed into an EKS cluster by sleak (controllers with IAM roles).
    HelmChart {
        cluster: String,
        release: String,
        chart: String,
        repository: String,
        version: String,
        namespace: String,
        role: String,
        values: serde_json::Value,
    },
    EcrRepository {
        name: String,
        scan_on_push: bool,
        immutable_tags: bool,
        keep_images: u32,
        /// Plan ids of the accounts whose clusters pull from it.
        pull_accounts: Vec<String>,
    },
    /// The NS record in `parent` delegating `name` to the zone `zone`.
    NsDelegation {
        name: String,
        zone: String,
        zone_account: String,
        parent: String,
    },
    /// A Kubernetes object, server-side applied.
    KubeObject {
        manifest: serde_json::Value,
    },
}

/// Who may assume an IAM role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// An AWS service, e.g. `ec2.amazonaws.com`.
    Service(String),
    /// A Kubernetes service account, through the cluster's OIDC provider (a plan id).
    ServiceAccount {
        oidc: String,
        namespace: String,
        service_account: String,
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
            | Spec::HostedZone { .. }
            | Spec::KubeObject { .. } => Vec::new(),
            Spec::IamRole {
                trust: Trust::ServiceAccount { oidc, .. },
                ..
            } => vec![oidc],
            Spec::OidcProvider { cluster } | Spec::AccessEntry { cluster, .. } => vec![cluster],
            Spec::EksCluster { role, subnets, .. } => std::iter::once(role.as_str())
                .chain(subnets.iter().map(String::as_str))
                .collect(),
            Spec::NodeGroup {
                cluster,
                role,
                subnets,
                ..
            } => [cluster.as_str(), role.as_str()]
                .into_iter()
                .chain(subnets.iter().map(String::as_str))
                .collect(),
            Spec::Addon { cluster, role, .. } => std::iter::once(cluster.as_str())
                .chain(role.as_deref())
                .collect(),
            Spec::HelmChart { role, .. } => vec![role],
            Spec::EcrRepository { pull_accounts, .. } => {
                pull_accounts.iter().map(String::as_str).collect()
            }
            Spec::NsDelegation {
                zone,
                zone_account,
                parent,
                ..
            } => vec![zone, zone_account, parent],
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

/// The inline policy of ExternalDNS: records of the environments' hosted zones.
pub fn external_dns_policy() -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            { "Effect": "Allow", "Action": ["route53:ChangeResourceRecordSets"], "Resource": ["arn:aws:route53:::hostedzone/*"] },
            { "Effect": "Allow", "Action": ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResources"], "Resource": ["*"] },
        ],
    })
}

/// A controller sleak installs into an EKS cluster with Helm, with its IAM role.
#[derive(Debug, Clone)]
pub struct ClusterChart {
    /// Key of `plugins.versions` that pins it.
    pub key: &'static str,
    pub release: &'static str,
    pub chart: &'static str,
    /// A Helm repository URL, or an `oci://` reference to the chart's parent.
    pub repository: &'static str,
    /// The chart version sleak installs unless `plugins.versions` pins another.
    pub version: &'static str,
    pub namespace: &'static str,
    pub service_account: &'static str,
    pub policy: serde_json::Value,
    /// Values; `${ROLE_ARN}` and `${VPC_ID}` are filled in when applied.
    values: serde_json::Value,
}

impl ClusterChart {
    pub fn values(&self, cluster: &str, region: &str) -> serde_json::Value {
        let text = self
            .values
            .to_string()
            .replace("${CLUSTER}", cluster)
            .replace("${REGION}", region);
        serde_json::from_str(&text).unwrap_or_else(|_| self.values.clone())
    }
}

/// The charts a cluster's plugins ask for: the AWS Load Balancer Controller and the
/// node autoscaler.
pub fn cluster_charts(plugins: &crate::workspace::model::Plugins) -> Vec<ClusterChart> {
    use crate::workspace::model::Autoscaler;
    use serde_json::json;
    let mut charts = Vec::new();
    if plugins.load_balancer_controller {
        charts.push(ClusterChart {
            key: "load_balancer_controller",
            release: "aws-load-balancer-controller",
            chart: "aws-load-balancer-controller",
            repository: "https://aws.github.io/eks-charts",
            version: "1.13.4",
            namespace: "kube-system",
            service_account: "aws-load-balancer-controller",
            policy: json!({
                "Version": "2012-10-17",
                "Statement": [
                    { "Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "Resource": "*", "Condition": { "StringEquals": { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } } },
                    { "Effect": "Allow", "Action": ["ec2:Describe*", "ec2:GetCoipPoolUsage", "ec2:GetSecurityGroupsForVpc", "elasticloadbalancing:Describe*", "acm:ListCertificates", "acm:DescribeCertificate", "iam:ListServerCertificates", "iam:GetServerCertificate", "cognito-idp:DescribeUserPoolClient", "waf-regional:*WebACL*", "wafv2:*WebACL*", "shield:*Protection*", "shield:GetSubscriptionState"], "Resource": "*" },
                    { "Effect": "Allow", "Action": ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DeleteTags"], "Resource": "*" },
                    { "Effect": "Allow", "Action": ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:ModifyRule"], "Resource": "*" },
                ],
            }),
            values: json!({
                "clusterName": "${CLUSTER}",
                "region": "${REGION}",
                "vpcId": "${VPC_ID}",
                "serviceAccount": { "create": true, "name": "aws-load-balancer-controller", "annotations": { "eks.amazonaws.com/role-arn": "${ROLE_ARN}" } },
            }),
        });
    }
    match plugins.autoscaler {
        Autoscaler::Karpenter => charts.push(ClusterChart {
            key: "karpenter",
            release: "karpenter",
            chart: "karpenter",
            repository: "oci://public.ecr.aws/karpenter",
            version: "1.6.3",
            namespace: "kube-system",
            service_account: "karpenter",
            policy: json!({
                "Version": "2012-10-17",
                "Statement": [
                    { "Effect": "Allow", "Action": ["ec2:CreateFleet", "ec2:CreateLaunchTemplate", "ec2:CreateTags", "ec2:DeleteLaunchTemplate", "ec2:RunInstances", "ec2:TerminateInstances", "ec2:Describe*", "pricing:GetProducts", "ssm:GetParameter", "eks:DescribeCluster"], "Resource": "*" },
                    { "Effect": "Allow", "Action": ["iam:PassRole", "iam:GetInstanceProfile", "iam:CreateInstanceProfile", "iam:TagInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], "Resource": "*" },
                ],
            }),
            values: json!({
                "settings": { "clusterName": "${CLUSTER}" },
                "serviceAccount": { "name": "karpenter", "annotations": { "eks.amazonaws.com/role-arn": "${ROLE_ARN}" } },
            }),
        }),
        Autoscaler::ClusterAutoscaler => charts.push(ClusterChart {
            key: "cluster_autoscaler",
            release: "cluster-autoscaler",
            chart: "cluster-autoscaler",
            repository: "https://kubernetes.github.io/autoscaler",
            version: "9.50.1",
            namespace: "kube-system",
            service_account: "cluster-autoscaler",
            policy: json!({
                "Version": "2012-10-17",
                "Statement": [
                    { "Effect": "Allow", "Action": ["autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions", "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup"], "Resource": "*" },
                    { "Effect": "Allow", "Action": ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"], "Resource": "*" },
                ],
            }),
            values: json!({
                "autoDiscovery": { "clusterName": "${CLUSTER}" },
                "awsRegion": "${REGION}",
                "rbac": { "serviceAccount": { "name": "cluster-autoscaler", "annotations": { "eks.amazonaws.com/role-arn": "${ROLE_ARN}" } } },
            }),
        }),
        Autoscaler::None => {}
    }
    charts
}

/// The ResourceQuota every ProjectEnv namespace gets: room for a handful of services,
/// a ceiling on a runaway one.
pub fn default_quota() -> serde_json::Value {
    serde_json::json!({
        "requests.cpu": "8",
        "requests.memory": "16Gi",
        "limits.cpu": "16",
        "limits.memory": "32Gi",
        "pods": "100",
        "services.loadbalancers": "4",
        "persistentvolumeclaims": "20",
    })
}

/// The LimitRange every ProjectEnv namespace gets: defaults for containers that set no
/// requests or limits.
pub fn default_limits() -> serde_json::Value {
    serde_json::json!({
        "type": "Container",
        "default": { "cpu": "500m", "memory": "512Mi" },
        "defaultRequest": { "cpu": "100m", "memory": "128Mi" },
    })
}
