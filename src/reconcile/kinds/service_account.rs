//! A ProjectEnv's Kubernetes ServiceAccount `app`, annotated with the ARN of its IAM role
//! (IAM roles for service accounts). Unlike `kubernetes:object`, whose manifest is fixed
//! when the plan is made, its manifest is rendered from the role's output (`refs`) when
//! it is compared and applied, as the controllers' Helm values are; otherwise it is the
//! same server-side apply as `sleak`.

use serde_json::Value as Json;

use crate::providers::kubernetes;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};
use crate::reconcile::kinds::kube_object::{Fix, Observed};
use crate::render::{self, Labels};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceAccount {
    pub namespace: String,
    pub labels: Labels,
    /// Plan id of the IAM role.
    pub role: String,
}

impl ServiceAccount {
    fn manifest(&self, role_arn: &str) -> Json {
        render::service_account(&self.namespace, &self.labels, role_arn)
    }

    fn cloud_id(&self) -> String {
        format!(
            "ServiceAccount/{}/{}",
            self.namespace,
            render::SERVICE_ACCOUNT_NAME
        )
    }
}

impl Kind for ServiceAccount {
    const KIND: &'static str = "kubernetes:service-account";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.role]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(connection) = cx.observe_connection().await? else {
            return Ok(None);
        };
        // Read by kind, namespace and name: the annotation's value does not matter here.
        Ok(kubernetes::get(&connection.client, &self.manifest(""))
            .await?
            .map(|object| Observed { object }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(self.cloud_id())
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let fix = match refs.arn(&self.role) {
            Ok(arn) => kubernetes::differences(&self.manifest(arn), &observed.object)
                .into_iter()
                .map(Fix)
                .collect(),
            // The role is still to be made: its ARN goes in once it is.
            Err(_) => vec![Fix(format!(
                "set the annotation `{}`",
                render::ROLE_ARN_ANNOTATION
            ))],
        };
        Changes {
            fix,
            ..Changes::default()
        }
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        _: Option<&Observed>,
        _: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let connection = cx.connection().await?;
        kubernetes::apply(&connection.client, &self.manifest(cx.refs.arn(&self.role)?)).await?;
        Ok(Output::id(self.cloud_id()))
    }

    async fn delete(&self, cx: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        let connection = cx.connection().await?;
        kubernetes::delete(&connection.client, &self.manifest("")).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::kind::Output;
    use crate::workspace::model::ProjectEnv;

    const ROLE: &str = "project/api/env/staging/role";
    const ARN: &str = "arn:aws:iam::111111111111:role/acme-api-staging-app";

    fn service_account() -> ServiceAccount {
        let project_env = ProjectEnv {
            project: "api".into(),
            env: "staging".into(),
            cluster: "dev".into(),
            namespace: "api-staging".into(),
            account: Some("development".into()),
            variables: Default::default(),
            secret_variables: Default::default(),
            dependencies: Vec::new(),
            services: Vec::new(),
        };
        ServiceAccount {
            namespace: "api-staging".into(),
            labels: Labels::project_env("acme", &project_env),
            role: ROLE.into(),
        }
    }

    fn refs() -> Outputs {
        let mut refs = Outputs::default();
        refs.insert(ROLE.into(), Output::with_arn("acme-api-staging-app", ARN));
        refs
    }

    #[test]
    fn the_annotation_follows_the_role() {
        let desired = service_account();
        let as_made = Observed {
            object: desired.manifest(ARN),
        };
        let cases: Vec<(&str, Observed, Outputs, usize)> = vec![
            ("as made", as_made.clone(), refs(), 0),
            (
                "another role",
                Observed {
                    object: desired.manifest("arn:aws:iam::1:role/other"),
                },
                refs(),
                1,
            ),
            (
                "the role not made yet",
                as_made.clone(),
                Outputs::default(),
                1,
            ),
            (
                "annotation removed",
                Observed {
                    object: {
                        let mut object = as_made.object.clone();
                        object["metadata"]["annotations"] = serde_json::json!({});
                        object
                    },
                },
                refs(),
                1,
            ),
        ];
        for (case, observed, refs, fixes) in cases {
            let changes = desired.compare(&refs, &observed);
            assert_eq!(changes.fix.len(), fixes, "{case}: {:?}", changes.fix);
        }
    }
}
