//! A subnet's association with its route table (untagged: found inside the table).

use crate::providers::aws::ec2;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, NoFix, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTableAssociation {
    /// Plan ids of the route table and the subnet.
    pub table: String,
    pub subnet: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub id: String,
}

impl Kind for RouteTableAssociation {
    const KIND: &'static str = "ec2:route-table-association";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = NoFix;

    fn references(&self) -> Vec<&str> {
        vec![&self.table, &self.subnet]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let (Some(table_id), Some(subnet_id)) = (cx.refs.find(&self.table), cx.refs.find(&self.subnet)) else {
            return Ok(None);
        };
        let Some(ec2) = cx.ec2().await? else {
            return Ok(None);
        };
        Ok(ec2
            .route_tables
            .iter()
            .find(|table| table.route_table_id.as_deref() == Some(table_id))
            .and_then(|table| {
                table
                    .associations
                    .as_deref()
                    .unwrap_or_default()
                    .iter()
                    .find(|association| association.subnet_id.as_deref() == Some(subnet_id))
            })
            .map(|association| Observed {
                id: association.route_table_association_id.clone().unwrap_or_default(),
            }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::id(&observed.id)
    }

    fn compare(&self, _: &Outputs, _: &Observed) -> Changes<NoFix> {
        Changes::default()
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<NoFix>) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        Ok(Output::id(
            ec2::associate_route_table(&config, cx.refs.id(&self.table)?, cx.refs.id(&self.subnet)?)
                .await?,
        ))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        ec2::delete(&cx.config().await?, Self::KIND, &output.id, cx.on_wait).await
    }
}
