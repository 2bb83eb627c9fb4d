//! The AWS Organization, created with all features when the caller's account has none.

use crate::providers::aws::organizations;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    pub all_features: bool,
}

impl Kind for Organization {
    const KIND: &'static str = "organizations:organization";
    type Observed = Observed;
    type Fix = NoFix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        // Preflight read it already.
        Ok(cx.env.organization.as_ref().map(|organization| Observed {
            id: organization.id.clone(),
            all_features: organization.all_features,
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<NoFix> {
        let mut changes = Changes::default();
        if !observed.all_features {
            changes.drift.push(
                "the organization runs with consolidated billing only, not all features".to_owned(),
            );
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        let organization = organizations::create_organization(cx.env.access.base()).await?;
        Ok(Output::id(organization.id))
    }

    async fn delete(&self, _: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        anyhow::bail!("sleak never deletes the organization")
    }
}
