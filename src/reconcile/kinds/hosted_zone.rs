//! A Route53 hosted zone, created with a CallerReference derived from its plan id; a zone
//! the user made before sleak is adopted when it is the only one of its name.

use std::fmt;

use crate::providers::aws::route53;
use crate::providers::aws::tags::ID_TAG;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostedZone {
    pub domain: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
    /// Whether it carries its `sleak:id` tag.
    pub tagged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Tag,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tag the zone")
    }
}

impl Kind for HostedZone {
    const KIND: &'static str = "route53:hosted-zone";
    type Observed = Observed;
    type Fix = Fix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(zones) = cx.hosted_zones(&self.domain).await? else {
            return Ok(None);
        };
        let token = cx.token("");
        let fqdn = format!("{}.", self.domain.trim_end_matches('.'));
        let zone = zones.iter().find(|zone| zone.caller_reference == token).or_else(|| {
            let named: Vec<&route53::HostedZone> = zones.iter().filter(|zone| zone.name == fqdn).collect();
            (named.len() == 1).then(|| named[0])
        });
        Ok(zone.map(|zone| Observed {
            id: zone.id.clone(),
            tagged: zone.tags.as_ref().is_some_and(|tags| {
                tags.iter().any(|(key, value)| key == ID_TAG && value == cx.id())
            }),
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if !observed.tagged {
            changes.fix.push(Fix::Tag);
        }
        changes
    }

    async fn apply(&self, cx: &Cx<'_>, observed: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        match observed {
            Some(zone) => {
                route53::tag_zone(&config, &zone.id, &cx.tags()).await?;
                Ok(Output::id(&zone.id))
            }
            None => Ok(Output::id(
                route53::create_zone(&config, &self.domain, &cx.token(""), &cx.tags()).await?,
            )),
        }
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        route53::delete_zone(&cx.config().await?, &output.id).await
    }
}
