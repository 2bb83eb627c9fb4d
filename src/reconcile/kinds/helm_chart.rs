//! A Helm chart sleak installs into an EKS cluster (the controllers with IAM roles),
//! through the real `helm` binary.

use std::fmt;

use serde_json::{Value as Json, json};

use crate::providers::kubernetes::{self, HelmTarget};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelmChart {
    /// The workspace cluster (also the EKS cluster's name).
    pub cluster: String,
    pub release: String,
    pub chart: String,
    /// A Helm repository URL, or an `oci://` reference to the chart's parent.
    pub repository: String,
    pub version: String,
    pub namespace: String,
    /// Plan ids of the chart's IAM role and of the cluster's VPC.
    pub role: String,
    pub vpc: String,
    pub values: ChartValues,
}

/// Which controller's values the chart gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartValues {
    LoadBalancerController,
    Karpenter,
    ClusterAutoscaler,
}

/// What the values are made of: outputs of earlier steps and the run's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartInputs<'a> {
    pub cluster: &'a str,
    pub region: &'a str,
    pub vpc_id: &'a str,
    pub role_arn: &'a str,
}

impl ChartValues {
    pub fn render(self, inputs: &ChartInputs<'_>) -> Json {
        let ChartInputs {
            cluster,
            region,
            vpc_id,
            role_arn,
        } = *inputs;
        let annotations = json!({ "eks.amazonaws.com/role-arn": role_arn });
        match self {
            ChartValues::LoadBalancerController => json!({
                "clusterName": cluster,
                "region": region,
                "vpcId": vpc_id,
                "serviceAccount": { "create": true, "name": "aws-load-balancer-controller", "annotations": annotations },
            }),
            ChartValues::Karpenter => json!({
                "settings": { "clusterName": cluster },
                "serviceAccount": { "name": "karpenter", "annotations": annotations },
            }),
            ChartValues::ClusterAutoscaler => json!({
                "autoDiscovery": { "clusterName": cluster },
                "awsRegion": region,
                "rbac": { "serviceAccount": { "name": "cluster-autoscaler", "annotations": annotations } },
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub status: String,
    pub chart_version: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Reinstall { status: String },
    Move { from: String, to: String },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Reinstall { status } => write!(f, "install again (now {status})"),
            Fix::Move { from, to } => write!(f, "move from chart {from} to {to}"),
        }
    }
}

impl HelmChart {
    fn cloud_id(&self) -> String {
        format!("{}/{}", self.namespace, self.release)
    }
}

impl Kind for HelmChart {
    const KIND: &'static str = "helm:release";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.role, &self.vpc]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(connection) = cx.observe_connection().await? else {
            return Ok(None);
        };
        let target = HelmTarget::new(&connection.endpoint)?;
        Ok(kubernetes::helm_release(&target, &self.namespace, &self.release)
            .await?
            .map(|release| Observed {
                status: release.status,
                chart_version: release.chart_version,
            }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(self.cloud_id())
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status != "deployed" {
            changes.fix.push(Fix::Reinstall {
                status: observed.status.clone(),
            });
        } else if observed.chart_version != self.version {
            changes.fix.push(Fix::Move {
                from: observed.chart_version.clone(),
                to: self.version.clone(),
            });
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        if cx.cluster_account_id()?.is_none() {
            anyhow::bail!("charts are installed into EKS clusters only");
        }
        let connection = cx.connection().await?;
        let values = self.values.render(&ChartInputs {
            cluster: &self.cluster,
            region: &cx.env.region,
            vpc_id: cx.refs.id(&self.vpc)?,
            role_arn: cx.refs.arn(&self.role)?,
        });
        (cx.on_wait)(&format!(
            "helm upgrade --install {} ({} {})",
            self.release, self.chart, self.version
        ));
        let target = HelmTarget::new(&connection.endpoint)?;
        kubernetes::helm_install(
            &target,
            &self.release,
            &self.chart,
            &self.repository,
            &self.version,
            &self.namespace,
            &values,
        )
        .await?;
        Ok(Output::id(self.cloud_id()))
    }

    async fn delete(&self, cx: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        let connection = cx.connection().await?;
        let target = HelmTarget::new(&connection.endpoint)?;
        kubernetes::helm_uninstall(&target, &self.release, &self.namespace).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_carry_the_outputs_of_earlier_steps() {
        let inputs = ChartInputs {
            cluster: "dev",
            region: "eu-west-1",
            vpc_id: "vpc-1",
            role_arn: "arn:aws:iam::1:role/r",
        };
        let values = ChartValues::LoadBalancerController.render(&inputs);
        assert_eq!(values["vpcId"], "vpc-1");
        assert_eq!(values["region"], "eu-west-1");
        assert_eq!(
            values["serviceAccount"]["annotations"]["eks.amazonaws.com/role-arn"],
            "arn:aws:iam::1:role/r"
        );
        let values = ChartValues::ClusterAutoscaler.render(&inputs);
        assert_eq!(values["awsRegion"], "eu-west-1");
        assert_eq!(values["autoDiscovery"]["clusterName"], "dev");
        let values = ChartValues::Karpenter.render(&inputs);
        assert_eq!(values["settings"]["clusterName"], "dev");
    }
}
