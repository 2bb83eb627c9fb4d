//! A Kubernetes object sleak renders (see `render/`), server-side applied as `sleak`;
//! only the labels and spec keys sleak sets are compared.

use std::fmt;

use serde_json::Value as Json;

use crate::providers::kubernetes;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubeObject {
    pub manifest: Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub object: Json,
}

/// A difference in a key sleak sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix(pub String);

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl KubeObject {
    /// A readable id of the object: `Kind/namespace/name`.
    fn cloud_id(&self) -> String {
        let manifest = &self.manifest;
        let kind = manifest["kind"].as_str().unwrap_or_default();
        let name = manifest["metadata"]["name"].as_str().unwrap_or_default();
        match manifest["metadata"]["namespace"].as_str() {
            Some(namespace) => format!("{kind}/{namespace}/{name}"),
            None => format!("{kind}/{name}"),
        }
    }
}

impl Kind for KubeObject {
    const KIND: &'static str = "kubernetes:object";
    type Observed = Observed;
    type Fix = Fix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(connection) = cx.observe_connection().await? else {
            return Ok(None);
        };
        Ok(kubernetes::get(&connection.client, &self.manifest)
            .await?
            .map(|object| Observed { object }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(self.cloud_id())
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        Changes {
            fix: kubernetes::differences(&self.manifest, &observed.object)
                .into_iter()
                .map(Fix)
                .collect(),
            ..Changes::default()
        }
    }

    async fn apply(&self, cx: &Cx<'_>, _: Option<&Observed>, _: &Changes<Fix>) -> anyhow::Result<Output> {
        let connection = cx.connection().await?;
        kubernetes::apply(&connection.client, &self.manifest).await?;
        Ok(Output::id(self.cloud_id()))
    }

    async fn delete(&self, cx: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        let connection = cx.connection().await?;
        kubernetes::delete(&connection.client, &self.manifest).await
    }
}
