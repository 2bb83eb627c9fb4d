//! A dependency's variable group: the Kubernetes Secret `dependency-<name>` in the
//! ProjectEnv's namespace, holding the variables that reach the dependency under its
//! prefix (docs/dependencies.md lists them per kind). Endpoints, names and ARNs come
//! from the resource's output; passwords and tokens are read from Secrets Manager only
//! when the Secret is written, and never leave it and the cluster.

use std::collections::BTreeMap;
use std::fmt;

use crate::providers::aws::secrets;
use crate::providers::kubernetes;
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};
use crate::render::{self, Labels};
use crate::workspace::model::DependencyKind;

/// The annotation holding the Secrets Manager version the credentials were read from.
pub const CREDENTIALS_VERSION: &str = "sleak.dev/credentials-version";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DependencySecret {
    pub name: String,
    pub namespace: String,
    pub labels: Labels,
    pub kind: DependencyKind,
    /// `<prefix>_` starts every key.
    pub prefix: String,
    /// Plan id of the resource (database, cache, bucket, queue).
    pub resource: String,
    /// Plan id of a queue's dead-letter queue.
    pub dead_letter: Option<String>,
    /// Plan id of the account holding the resource and its credentials.
    pub account: String,
    pub region: String,
    /// A database's name and user.
    pub database: Option<(String, String)>,
}

/// What was read of the Secret. Its values stay out of `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Observed {
    pub values: BTreeMap<String, String>,
    /// The credentials' version the Secret was written from.
    pub written_from: Option<String>,
    /// The credentials' current version in Secrets Manager.
    pub current: Option<String>,
}

impl fmt::Debug for Observed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Observed")
            .field("keys", &self.values.keys().collect::<Vec<_>>())
            .field("written_from", &self.written_from)
            .field("current", &self.current)
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Keys whose value differs or is missing (names only), and keys to remove.
    Keys {
        set: Vec<String>,
        remove: Vec<String>,
    },
    /// The password or token changed in Secrets Manager (a rotation).
    Rotated,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Keys { set, remove } => {
                let mut parts = Vec::new();
                if !set.is_empty() {
                    parts.push(format!("set {}", set.join(", ")));
                }
                if !remove.is_empty() {
                    parts.push(format!("remove {}", remove.join(", ")));
                }
                f.write_str(&parts.join("; "))
            }
            Fix::Rotated => f.write_str("take the rotated credentials"),
        }
    }
}

/// Percent-encodes what may not stand in the user or password part of a URL.
fn url_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The credentials a dependency's variables need from Secrets Manager.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub password: Option<String>,
    pub token: Option<String>,
}

impl DependencySecret {
    fn key(&self, suffix: &str) -> String {
        format!("{}_{suffix}", self.prefix)
    }

    fn has_credentials(&self) -> bool {
        matches!(
            self.kind,
            DependencyKind::Postgres
                | DependencyKind::Mysql
                | DependencyKind::Mariadb
                | DependencyKind::Redis
        )
    }

    /// Every variable, from the outputs of what it refers to and its credentials (when
    /// given). Without credentials, only the keys that hold none.
    pub fn values(
        &self,
        refs: &Outputs,
        credentials: Option<&Credentials>,
    ) -> anyhow::Result<BTreeMap<String, String>> {
        let output = refs
            .get(&self.resource)
            .ok_or_else(|| anyhow::anyhow!("`{}` does not exist yet", self.resource))?;
        let reached_at_host = !matches!(self.kind, DependencyKind::S3 | DependencyKind::Sqs);
        if reached_at_host && (output.endpoint.is_none() || output.port.is_none()) {
            anyhow::bail!("`{}` has no endpoint yet", self.resource);
        }
        let mut values = BTreeMap::new();
        let host = || output.endpoint.clone().unwrap_or_default();
        let port = || output.port.map(|port| port.to_string()).unwrap_or_default();
        match self.kind {
            DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb => {
                let (database, user) = self.database.clone().unwrap_or_default();
                values.insert(self.key("HOST"), host());
                values.insert(self.key("PORT"), port());
                values.insert(self.key("NAME"), database.clone());
                values.insert(self.key("USER"), user.clone());
                if let Some(password) =
                    credentials.and_then(|credentials| credentials.password.as_ref())
                {
                    let scheme = if self.kind == DependencyKind::Postgres {
                        "postgres"
                    } else {
                        "mysql"
                    };
                    values.insert(self.key("PASSWORD"), password.clone());
                    values.insert(
                        self.key("URL"),
                        format!(
                            "{scheme}://{}:{}@{}:{}/{database}",
                            url_part(&user),
                            url_part(password),
                            host(),
                            port()
                        ),
                    );
                }
            }
            DependencyKind::Redis => {
                values.insert(self.key("HOST"), host());
                values.insert(self.key("PORT"), port());
                if let Some(token) = credentials.and_then(|credentials| credentials.token.as_ref())
                {
                    values.insert(self.key("TOKEN"), token.clone());
                    values.insert(
                        self.key("URL"),
                        format!("rediss://:{}@{}:{}", url_part(token), host(), port()),
                    );
                }
            }
            DependencyKind::Memcached => {
                values.insert(self.key("HOST"), host());
                values.insert(self.key("PORT"), port());
                values.insert(
                    self.key("URL"),
                    format!("memcached://{}:{}", host(), port()),
                );
            }
            DependencyKind::S3 => {
                values.insert(self.key("BUCKET"), output.id.clone());
                values.insert(self.key("REGION"), self.region.clone());
                values.insert(self.key("ARN"), output.arn.clone().unwrap_or_default());
            }
            DependencyKind::Sqs => {
                values.insert(
                    self.key("QUEUE_URL"),
                    output.endpoint.clone().unwrap_or_default(),
                );
                values.insert(
                    self.key("QUEUE_ARN"),
                    output.arn.clone().unwrap_or_default(),
                );
                values.insert(self.key("REGION"), self.region.clone());
                if let Some(dead_letter) = &self.dead_letter {
                    values.insert(
                        self.key("DEAD_LETTER_QUEUE_URL"),
                        refs.endpoint(dead_letter)?.to_owned(),
                    );
                }
            }
        }
        Ok(values)
    }

    /// The keys that hold credentials (their values are compared by version only).
    fn credential_keys(&self) -> Vec<String> {
        match self.kind {
            DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb => {
                vec![self.key("PASSWORD"), self.key("URL")]
            }
            DependencyKind::Redis => vec![self.key("TOKEN"), self.key("URL")],
            _ => Vec::new(),
        }
    }

    fn manifest(
        &self,
        values: &BTreeMap<String, String>,
        version: Option<&str>,
    ) -> serde_json::Value {
        let annotations = version
            .map(|version| BTreeMap::from([(CREDENTIALS_VERSION.to_owned(), version.to_owned())]))
            .unwrap_or_default();
        render::variables_secret(
            &self.name,
            &self.namespace,
            &self.labels,
            &annotations,
            values,
        )
    }

    /// The credentials, read from the secret the resource's output names.
    async fn credentials(&self, cx: &Cx<'_>) -> anyhow::Result<(Credentials, Option<String>)> {
        if !self.has_credentials() {
            return Ok((Credentials::default(), None));
        }
        let secret = cx
            .refs
            .get(&self.resource)
            .and_then(|output| output.secret.clone())
            .ok_or_else(|| {
                anyhow::anyhow!("`{}` names no secret of its credentials", self.resource)
            })?;
        let config = cx.config_of(&self.account).await?;
        let version = secrets::current_version(&config, &secret).await?;
        let kept = secrets::get_map(&config, &secret).await?.ok_or_else(|| {
            anyhow::anyhow!(
                "the credentials of `{}` are not in Secrets Manager (`{secret}`)",
                self.resource
            )
        })?;
        let credentials = match self.kind {
            DependencyKind::Redis => Credentials {
                token: kept.get("token").cloned(),
                ..Credentials::default()
            },
            _ => Credentials {
                password: kept.get("password").cloned(),
                ..Credentials::default()
            },
        };
        Ok((credentials, version))
    }
}

impl Kind for DependencySecret {
    const KIND: &'static str = "kubernetes:dependency-secret";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        let mut references = vec![self.resource.as_str(), self.account.as_str()];
        references.extend(self.dead_letter.as_deref());
        references
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some(connection) = cx.observe_connection().await? else {
            return Ok(None);
        };
        let Some(object) =
            kubernetes::get(&connection.client, &self.manifest(&BTreeMap::new(), None)).await?
        else {
            return Ok(None);
        };
        let values = decode_data(&object["data"]);
        let written_from = object["metadata"]["annotations"][CREDENTIALS_VERSION]
            .as_str()
            .map(str::to_owned);
        let current = match cx
            .refs
            .get(&self.resource)
            .and_then(|output| output.secret.clone())
        {
            Some(secret) if self.has_credentials() => {
                secrets::current_version(&cx.config_of(&self.account).await?, &secret).await?
            }
            _ => None,
        };
        Ok(Some(Observed {
            values,
            written_from,
            current,
        }))
    }

    fn output(&self, _: &Observed) -> Output {
        Output::id(format!("Secret/{}/{}", self.namespace, self.name))
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        let Ok(wanted) = self.values(refs, None) else {
            // What it refers to is being made: apply writes it after.
            return changes;
        };
        let mut set: Vec<String> = wanted
            .iter()
            .filter(|(key, value)| observed.values.get(*key) != Some(value))
            .map(|(key, _)| key.clone())
            .collect();
        let credential_keys = self.credential_keys();
        set.extend(
            credential_keys
                .iter()
                .filter(|key| !observed.values.contains_key(*key))
                .cloned(),
        );
        let remove: Vec<String> = observed
            .values
            .keys()
            .filter(|key| !wanted.contains_key(*key) && !credential_keys.contains(key))
            .cloned()
            .collect();
        if !set.is_empty() || !remove.is_empty() {
            changes.fix.push(Fix::Keys { set, remove });
        }
        if self.has_credentials()
            && observed.current.is_some()
            && observed.current != observed.written_from
        {
            changes.fix.push(Fix::Rotated);
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        _: Option<&Observed>,
        _: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let (credentials, version) = self.credentials(cx).await?;
        let values = self.values(cx.refs, Some(&credentials))?;
        let connection = cx.connection().await?;
        kubernetes::apply(
            &connection.client,
            &self.manifest(&values, version.as_deref()),
        )
        .await?;
        Ok(Output::id(format!(
            "Secret/{}/{}",
            self.namespace, self.name
        )))
    }

    async fn delete(&self, cx: &Cx<'_>, _: &Output) -> anyhow::Result<()> {
        let connection = cx.connection().await?;
        kubernetes::delete(&connection.client, &self.manifest(&BTreeMap::new(), None)).await
    }
}

/// A Secret's `data` (base64 values) as text; values that are not UTF-8 are skipped.
fn decode_data(data: &serde_json::Value) -> BTreeMap<String, String> {
    use base64::Engine as _;
    data.as_object()
        .map(|object| {
            object
                .iter()
                .filter_map(|(key, value)| {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(value.as_str()?)
                        .ok()?;
                    Some((key.clone(), String::from_utf8(bytes).ok()?))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(kind: DependencyKind) -> DependencySecret {
        DependencySecret {
            name: "dependency-db".into(),
            namespace: "api-staging".into(),
            labels: Labels::default(),
            kind,
            prefix: "DB".into(),
            resource: "db".into(),
            dead_letter: None,
            account: "account/development".into(),
            region: "us-east-1".into(),
            database: Some(("app".into(), "app_user".into())),
        }
    }

    fn refs() -> Outputs {
        let mut refs = Outputs::default();
        refs.insert(
            "db".into(),
            Output {
                secret: Some("arn:secret".into()),
                ..Output::with_arn("api-staging-db", "arn:db")
                    .at(Some("db.example".into()), Some(5432))
            },
        );
        refs
    }

    #[test]
    fn a_database_url_escapes_its_credentials() {
        let credentials = Credentials {
            password: Some("p@ss:w/rd?#".into()),
            token: None,
        };
        let values = secret(DependencyKind::Postgres)
            .values(&refs(), Some(&credentials))
            .unwrap();
        assert_eq!(values["DB_HOST"], "db.example");
        assert_eq!(values["DB_PORT"], "5432");
        assert_eq!(values["DB_PASSWORD"], "p@ss:w/rd?#");
        assert_eq!(
            values["DB_URL"],
            "postgres://app_user:p%40ss%3Aw%2Frd%3F%23@db.example:5432/app"
        );
        let keys: Vec<&String> = values.keys().collect();
        let mut expected = vec![
            "DB_HOST",
            "DB_NAME",
            "DB_PASSWORD",
            "DB_PORT",
            "DB_URL",
            "DB_USER",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        let mysql = secret(DependencyKind::Mysql)
            .values(&refs(), Some(&credentials))
            .unwrap();
        assert!(mysql["DB_URL"].starts_with("mysql://"));
    }

    #[test]
    fn credentials_are_compared_by_version_and_never_shown() {
        let credentials = Credentials {
            password: Some("hunter2".into()),
            token: None,
        };
        let desired = secret(DependencyKind::Postgres);
        let values = desired.values(&refs(), Some(&credentials)).unwrap();
        let observed = Observed {
            values: values.clone(),
            written_from: Some("v1".into()),
            current: Some("v1".into()),
        };
        assert_eq!(desired.compare(&refs(), &observed), Changes::default());
        assert!(!format!("{observed:?}").contains("hunter2"));
        let rotated = Observed {
            current: Some("v2".into()),
            ..observed.clone()
        };
        assert_eq!(desired.compare(&refs(), &rotated).fix, vec![Fix::Rotated]);
        let mut moved = observed.clone();
        moved.values.insert("DB_HOST".into(), "old.example".into());
        moved.values.insert("DB_EXTRA".into(), "x".into());
        moved.values.remove("DB_PASSWORD");
        let changes = desired.compare(&refs(), &moved);
        assert_eq!(
            changes.fix,
            vec![Fix::Keys {
                set: vec!["DB_HOST".into(), "DB_PASSWORD".into()],
                remove: vec!["DB_EXTRA".into()]
            }]
        );
        let shown = changes.describe().update.join(" ");
        assert!(
            !shown.contains("hunter2") && !shown.contains("old.example"),
            "{shown}"
        );
    }

    #[test]
    fn buckets_and_queues_need_no_credentials() {
        let mut refs = Outputs::default();
        refs.insert(
            "db".into(),
            Output::with_arn("acme-files", "arn:aws:s3:::acme-files"),
        );
        let values = secret(DependencyKind::S3).values(&refs, None).unwrap();
        assert_eq!(values["DB_BUCKET"], "acme-files");
        assert_eq!(values["DB_ARN"], "arn:aws:s3:::acme-files");
        assert_eq!(values["DB_REGION"], "us-east-1");
        let mut queue = secret(DependencyKind::Sqs);
        queue.dead_letter = Some("dlq".into());
        refs.insert(
            "db".into(),
            Output::with_arn("jobs", "arn:sqs:jobs").at(Some("https://sqs/jobs".into()), None),
        );
        refs.insert(
            "dlq".into(),
            Output::with_arn("jobs-dlq", "arn:sqs:dlq")
                .at(Some("https://sqs/jobs-dlq".into()), None),
        );
        let values = queue.values(&refs, None).unwrap();
        assert_eq!(values["DB_QUEUE_URL"], "https://sqs/jobs");
        assert_eq!(values["DB_DEAD_LETTER_QUEUE_URL"], "https://sqs/jobs-dlq");
    }
}
