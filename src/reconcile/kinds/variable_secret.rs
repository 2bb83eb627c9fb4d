//! A variable group's Kubernetes Secret (`secrets-global`, `secrets-<service>`): the
//! values of the group's `secret_variables`, read at apply time from Secrets Manager in
//! the ProjectEnv's account and server-side applied as `sleak`. The desired form holds
//! names only; what is observed holds digests of values, never the values; comparisons,
//! plans and errors name keys, never values.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::Engine as _;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::error::HintedFailure;
use crate::providers::aws::secrets;
use crate::providers::kubernetes;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};
use crate::render::{self, Labels};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableSecret {
    /// `secrets-global` or `secrets-<service>`.
    pub name: String,
    pub namespace: String,
    /// The namespace's labels and `sleak.dev/variable-group`.
    pub labels: Labels,
    /// The group's `secret_variables`.
    pub keys: BTreeSet<String>,
    /// The Secrets Manager secret holding the values (a JSON object of strings).
    pub store: String,
    /// The plan id of the account holding it, `account/<name>`.
    pub account: String,
    /// The `sleak var` options naming the group: `-p api -e staging [-s web]`.
    pub scope: String,
}

/// What is read of the Secret and of its values in Secrets Manager: digests only.
#[derive(Clone, PartialEq, Eq)]
pub struct Observed {
    pub labels: BTreeMap<String, String>,
    /// The Secret's keys with a digest of each value.
    pub cluster: BTreeMap<String, String>,
    /// The values in Secrets Manager, as digests; `None` when they could not be read
    /// (no secret yet, or the account does not exist yet).
    pub stored: Option<BTreeMap<String, String>>,
}

impl fmt::Debug for Observed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observed")
            .field("labels", &self.labels)
            .field("cluster", &self.cluster.keys().collect::<Vec<_>>())
            .field(
                "stored",
                &self
                    .stored
                    .as_ref()
                    .map(|stored| stored.keys().collect::<Vec<_>>()),
            )
            .finish()
    }
}

/// What `apply` changes, by key name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Keys whose value differs from Secrets Manager's, or that the Secret lacks.
    Set(Vec<String>),
    /// Keys the Secret holds that the group no longer lists.
    Remove(Vec<String>),
    /// Labels that differ.
    Labels(Vec<String>),
    /// Names listed in `secret_variables` with no value in Secrets Manager: `apply`
    /// stops on them.
    NoValue { keys: Vec<String>, scope: String },
}

fn quoted(keys: &[String]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Set(keys) => write!(f, "set the keys {}", quoted(keys)),
            Fix::Remove(keys) => write!(f, "remove the keys {}", quoted(keys)),
            Fix::Labels(keys) => write!(f, "set the labels {}", quoted(keys)),
            Fix::NoValue { keys, scope } => write!(
                f,
                "no value in Secrets Manager for {} (set it with `sleak var set --secret {} {scope}`)",
                quoted(keys),
                keys.first().map_or("KEY", String::as_str)
            ),
        }
    }
}

fn digest(value: &[u8]) -> String {
    crate::hex::lower(&Sha256::digest(value))
}

impl VariableSecret {
    fn cloud_id(&self) -> String {
        format!("Secret/{}/{}", self.namespace, self.name)
    }

    /// The manifest naming the Secret (no data): for GET and delete.
    fn named(&self) -> Json {
        render::variables_secret(
            &self.name,
            &self.namespace,
            &self.labels,
            &BTreeMap::new(),
            &BTreeMap::new(),
        )
    }

    /// The values of the group's keys in Secrets Manager; an error names the keys that
    /// have none and how to set them.
    async fn values(&self, cx: &Cx<'_>) -> anyhow::Result<BTreeMap<String, String>> {
        let config = cx.config_of(&self.account).await?;
        let stored = secrets::get_map(&config, &self.store)
            .await?
            .unwrap_or_default();
        let missing: Vec<String> = self
            .keys
            .iter()
            .filter(|key| !stored.contains_key(*key))
            .cloned()
            .collect();
        if let Some(first) = missing.first() {
            return Err(HintedFailure::new(
                format!(
                    "the secret variable{} {} of `{}` {} no value in Secrets Manager (`{}`)",
                    if missing.len() == 1 { "" } else { "s" },
                    quoted(&missing),
                    self.name,
                    if missing.len() == 1 { "has" } else { "have" },
                    self.store
                ),
                format!(
                    "set it with `sleak var set --secret {first} {}` (the value is read from stdin), or remove the name from `secret_variables`",
                    self.scope
                ),
            )
            .into());
        }
        Ok(self
            .keys
            .iter()
            .filter_map(|key| stored.get(key).map(|value| (key.clone(), value.clone())))
            .collect())
    }
}

impl Kind for VariableSecret {
    const KIND: &'static str = "kubernetes:variable-secret";
    type Observed = Observed;
    type Fix = Fix;

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(connection) = cx.observe_connection().await? else {
            return Ok(None);
        };
        let Some(object) = kubernetes::get(&connection.client, &self.named()).await? else {
            return Ok(None);
        };
        let labels = object["metadata"]["labels"]
            .as_object()
            .map(|labels| {
                labels
                    .iter()
                    .map(|(key, value)| (key.clone(), value.as_str().unwrap_or("").to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let engine = base64::engine::general_purpose::STANDARD;
        let cluster = object["data"]
            .as_object()
            .map(|data| {
                data.iter()
                    .map(|(key, value)| {
                        let bytes = engine
                            .decode(value.as_str().unwrap_or_default())
                            .unwrap_or_default();
                        (key.clone(), digest(&bytes))
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Secrets Manager is read in the account as it is now; a failure to read leaves
        // the values unknown, and `apply` reads them again (and reports why it cannot).
        let stored = match cx.refs.find(&self.account) {
            Some(_) => match cx.config_of(&self.account).await {
                Ok(config) => secrets::get_map(&config, &self.store)
                    .await
                    .ok()
                    .flatten()
                    .map(|values| {
                        values
                            .iter()
                            .map(|(key, value)| (key.clone(), digest(value.as_bytes())))
                            .collect()
                    }),
                Err(_) => None,
            },
            None => None,
        };
        Ok(Some(Observed {
            labels,
            cluster,
            stored,
        }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(self.cloud_id())
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut fix = Vec::new();
        let empty = BTreeMap::new();
        let stored = observed.stored.as_ref().unwrap_or(&empty);
        let no_value: Vec<String> = self
            .keys
            .iter()
            .filter(|key| !stored.contains_key(*key))
            .cloned()
            .collect();
        if !no_value.is_empty() {
            fix.push(Fix::NoValue {
                keys: no_value,
                scope: self.scope.clone(),
            });
        }
        let set: Vec<String> = self
            .keys
            .iter()
            .filter(|key| {
                stored
                    .get(*key)
                    .is_some_and(|value| observed.cluster.get(*key) != Some(value))
            })
            .cloned()
            .collect();
        if !set.is_empty() {
            fix.push(Fix::Set(set));
        }
        let removed: Vec<String> = observed
            .cluster
            .keys()
            .filter(|key| !self.keys.contains(*key))
            .cloned()
            .collect();
        if !removed.is_empty() {
            fix.push(Fix::Remove(removed));
        }
        let labels: Vec<String> = self
            .labels
            .pairs()
            .filter(|(key, value)| observed.labels.get(*key).map(String::as_str) != Some(*value))
            .map(|(key, _)| key.to_owned())
            .collect();
        if !labels.is_empty() {
            fix.push(Fix::Labels(labels));
        }
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
        let values = self.values(cx).await?;
        let manifest = render::variables_secret(
            &self.name,
            &self.namespace,
            &self.labels,
            &BTreeMap::new(),
            &values,
        );
        let connection = cx.connection().await?;
        kubernetes::apply(&connection.client, &manifest).await?;
        Ok(Output::id(self.cloud_id()))
    }

    async fn delete(&self, cx: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        let connection = cx.connection().await?;
        kubernetes::delete(&connection.client, &self.named()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::model::ProjectEnv;

    fn desired(keys: &[&str]) -> VariableSecret {
        let project_env = ProjectEnv {
            project: "api".into(),
            env: "staging".into(),
            cluster: "dev".into(),
            namespace: "api-staging".into(),
            account: Some("development".into()),
            variables: BTreeMap::new(),
            secret_variables: BTreeSet::new(),
            dependencies: Vec::new(),
            services: Vec::new(),
        };
        VariableSecret {
            name: "secrets-global".into(),
            namespace: "api-staging".into(),
            labels: Labels::project_env("acme", &project_env)
                .with("sleak.dev/variable-group", "global"),
            keys: keys.iter().map(|key| (*key).to_owned()).collect(),
            store: "sleak/acme/api/staging/variables".into(),
            account: "account/development".into(),
            scope: "-p api -e staging".into(),
        }
    }

    fn digests(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), digest(value.as_bytes())))
            .collect()
    }

    fn observed(cluster: &[(&str, &str)], stored: Option<&[(&str, &str)]>) -> Observed {
        let labels = desired(&[])
            .labels
            .pairs()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        Observed {
            labels,
            cluster: digests(cluster),
            stored: stored.map(digests),
        }
    }

    #[test]
    fn changes_are_named_by_key_never_by_value() {
        let cases: [(&str, &[&str], Observed, Vec<&str>); 6] = [
            (
                "same values",
                &["A", "B"],
                observed(
                    &[("A", "s3cr3t-a"), ("B", "s3cr3t-b")],
                    Some(&[("A", "s3cr3t-a"), ("B", "s3cr3t-b")]),
                ),
                vec![],
            ),
            (
                "a value changed in Secrets Manager",
                &["A", "B"],
                observed(
                    &[("A", "s3cr3t-a"), ("B", "old-s3cr3t")],
                    Some(&[("A", "s3cr3t-a"), ("B", "s3cr3t-b")]),
                ),
                vec!["set the keys `B`"],
            ),
            (
                "a new name",
                &["A", "B"],
                observed(
                    &[("A", "s3cr3t-a")],
                    Some(&[("A", "s3cr3t-a"), ("B", "s3cr3t-b")]),
                ),
                vec!["set the keys `B`"],
            ),
            (
                "a name removed",
                &["A"],
                observed(
                    &[("A", "s3cr3t-a"), ("B", "s3cr3t-b")],
                    Some(&[("A", "s3cr3t-a"), ("B", "s3cr3t-b")]),
                ),
                vec!["remove the keys `B`"],
            ),
            (
                "no value in Secrets Manager",
                &["A", "C"],
                observed(&[("A", "s3cr3t-a")], Some(&[("A", "s3cr3t-a")])),
                vec![
                    "no value in Secrets Manager for `C` (set it with `sleak var set --secret C -p api -e staging`)",
                ],
            ),
            (
                "Secrets Manager unreadable",
                &["A"],
                observed(&[("A", "s3cr3t-a")], None),
                vec![
                    "no value in Secrets Manager for `A` (set it with `sleak var set --secret A -p api -e staging`)",
                ],
            ),
        ];
        for (label, keys, observed, expected) in cases {
            let changes = desired(keys).compare(&Outputs::default(), &observed);
            let shown: Vec<String> = changes.fix.iter().map(ToString::to_string).collect();
            assert_eq!(shown, expected, "{label}");
            let text = format!("{shown:?} {observed:?}");
            assert!(!text.contains("s3cr3t"), "{label}: {text}");
        }
    }

    #[test]
    fn a_missing_label_is_set() {
        let mut found = observed(&[("A", "x")], Some(&[("A", "x")]));
        found.labels.remove("sleak.dev/variable-group");
        let changes = desired(&["A"]).compare(&Outputs::default(), &found);
        assert_eq!(
            changes.fix,
            [Fix::Labels(vec!["sleak.dev/variable-group".into()])]
        );
    }
}
