//! The IAM OIDC provider of an EKS cluster's issuer, for IAM roles for service accounts.

use anyhow::Context as _;

use crate::providers::aws::{eks, iam};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcProvider {
    /// Plan id of the EKS cluster.
    pub cluster: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub arn: String,
}

impl Kind for OidcProvider {
    const KIND: &'static str = "iam:oidc-provider";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = NoFix;

    fn references(&self) -> Vec<&str> {
        vec![&self.cluster]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(name) = cx.refs.find(&self.cluster) else {
            return Ok(None);
        };
        let Some(read) = cx.eks_cluster(name).await? else {
            return Ok(None);
        };
        let Some(issuer) = read.issuer() else {
            return Ok(None);
        };
        let Some(providers) = cx.oidc_providers().await? else {
            return Ok(None);
        };
        let host = issuer.trim_start_matches("https://");
        Ok(providers
            .iter()
            .find(|arn| arn.ends_with(&format!(":oidc-provider/{host}")))
            .map(|arn| Observed { arn: arn.clone() }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::with_arn(&observed.arn, &observed.arn)
    }

    fn compare(&self, _: &Outputs, _: &Observed) -> Changes<NoFix> {
        Changes::default()
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        if let Some(observed) = observed {
            return Ok(self.output(observed));
        }
        let config = cx.config().await?;
        let name = cx.refs.id(&self.cluster)?;
        let issuer = eks::describe_endpoint(&config, name)
            .await?
            .with_context(|| format!("the EKS cluster `{name}` does not exist"))?
            .issuer
            .context("the EKS cluster has no OIDC issuer")?;
        let arn = iam::create_oidc_provider(&config, &issuer, &cx.tags()).await?;
        Ok(Output::with_arn(&arn, &arn))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        iam::delete_oidc_provider(&cx.config().await?, &output.id).await
    }
}
