//! What sleak puts into the resources it plans: the VPN server's cloud-init, the
//! controllers' charts and policies, the namespaces' default quota and limits.

use crate::reconcile::kinds::helm_chart::ChartValues;

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
    /// Its values, made when applied from the outputs of earlier steps.
    pub values: ChartValues,
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
            values: ChartValues::LoadBalancerController,
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
            values: ChartValues::Karpenter,
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
            values: ChartValues::ClusterAutoscaler,
        }),
        Autoscaler::None => {}
    }
    charts
}
