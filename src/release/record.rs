//! Helm release records (the Secret storage driver of Helm 3 and 4): written so that the real
//! `helm list/history/get/rollback/uninstall` work on sleak's deploys, read back so that sleak
//! sees what Helm wrote. The format is in /work/shared/reference/helm-release-storage.md.

use std::io::{Read as _, Write as _};

use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use k8s_openapi::api::core::v1::Secret;
use kube::api::{Api, DeleteParams, ListParams, PostParams};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json, json};

/// The Secret type Helm gives its records.
pub const SECRET_TYPE: &str = "helm.sh/release.v1";
/// The owner label of every Helm record.
const OWNER: &str = "helm";
/// Helm gunzips a record only when it starts with these bytes.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A release's status, as Helm spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unknown,
    Deployed,
    Uninstalled,
    Superseded,
    Failed,
    Uninstalling,
    PendingInstall,
    PendingUpgrade,
    PendingRollback,
}

impl Status {
    /// Whether an operation on the release is (or was left) in progress: Helm refuses to
    /// touch a release whose last revision is pending.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Self::PendingInstall | Self::PendingUpgrade | Self::PendingRollback
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Deployed => "deployed",
            Self::Uninstalled => "uninstalled",
            Self::Superseded => "superseded",
            Self::Failed => "failed",
            Self::Uninstalling => "uninstalling",
            Self::PendingInstall => "pending-install",
            Self::PendingUpgrade => "pending-upgrade",
            Self::PendingRollback => "pending-rollback",
        }
    }

    fn parse(text: &str) -> Self {
        serde_json::from_value(json!(text)).unwrap_or(Self::Unknown)
    }
}

/// One revision of a release.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub name: String,
    pub namespace: String,
    pub version: u32,
    pub status: Status,
    /// RFC 3339.
    pub first_deployed: String,
    /// RFC 3339.
    pub last_deployed: String,
    pub description: String,
    /// Chart.yaml as JSON.
    pub chart_metadata: Json,
    /// (`templates/web.yaml`, text)
    pub templates: Vec<(String, String)>,
    /// values.yaml as JSON.
    pub chart_values: Json,
    /// User-supplied values (may be `{}`).
    pub config: Json,
    pub manifest: String,
    /// Helm hook objects as Helm stores them, kept as they are.
    pub hooks: Vec<Json>,
    /// `ssa` when sleak writes (server-side apply); `None` is Helm's client-side apply.
    pub apply_method: Option<String>,
    /// Fields Helm wrote that sleak does not model, kept on rewrite. Top-level fields are
    /// kept by name; the unmodelled fields of `info` and `chart` under `extra["info"]` and
    /// `extra["chart"]` (a chart's template entries with fields besides `name` and `data`
    /// under `extra["chart"]["templates"]`, matched by name).
    pub extra: Map<String, Json>,
}

/// The name of the Secret holding a revision.
pub fn secret_name(release: &str, version: u32) -> String {
    format!("sh.helm.release.v1.{release}.v{version}")
}

/// The release JSON Helm stores.
fn release_json(record: &Record) -> Json {
    let mut extra = record.extra.clone();
    let mut info = take_object(&mut extra, "info");
    info.insert("first_deployed".into(), json!(record.first_deployed));
    info.insert("last_deployed".into(), json!(record.last_deployed));
    info.insert("description".into(), json!(record.description));
    info.insert("status".into(), json!(record.status.as_str()));

    let mut chart = take_object(&mut extra, "chart");
    let template_extras = chart
        .remove("templates")
        .and_then(|templates| match templates {
            Json::Array(items) => Some(items),
            _ => None,
        })
        .unwrap_or_default();
    let templates: Vec<Json> = record
        .templates
        .iter()
        .map(|(name, text)| {
            let mut entry = template_extras
                .iter()
                .find(|kept| kept["name"] == name.as_str())
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default();
            entry.insert("name".into(), json!(name));
            entry.insert("data".into(), json!(STANDARD.encode(text.as_bytes())));
            Json::Object(entry)
        })
        .collect();
    chart.insert("metadata".into(), record.chart_metadata.clone());
    chart.insert("templates".into(), Json::Array(templates));
    chart.insert("values".into(), record.chart_values.clone());

    let mut release = Map::new();
    release.insert("name".into(), json!(record.name));
    release.insert("info".into(), Json::Object(info));
    release.insert("chart".into(), Json::Object(chart));
    // Helm omits empty user values.
    if record.config.as_object().is_none_or(|map| !map.is_empty()) {
        release.insert("config".into(), record.config.clone());
    }
    release.insert("manifest".into(), json!(record.manifest));
    release.insert("hooks".into(), Json::Array(record.hooks.clone()));
    release.insert("version".into(), json!(record.version));
    release.insert("namespace".into(), json!(record.namespace));
    if let Some(method) = &record.apply_method {
        release.insert("apply_method".into(), json!(method));
    }
    for (key, value) in extra {
        release.entry(key).or_insert(value);
    }
    Json::Object(release)
}

fn take_object(map: &mut Map<String, Json>, key: &str) -> Map<String, Json> {
    match map.remove(key) {
        Some(Json::Object(inner)) => inner,
        _ => Map::new(),
    }
}

fn record_from_json(release: Json) -> anyhow::Result<Record> {
    let Json::Object(mut release) = release else {
        bail!("the release record is not a JSON object");
    };
    let text = |map: &mut Map<String, Json>, key: &str| -> String {
        match map.remove(key) {
            Some(Json::String(value)) => value,
            _ => String::new(),
        }
    };
    let name = text(&mut release, "name");
    let namespace = text(&mut release, "namespace");
    let version = release
        .remove("version")
        .and_then(|v| v.as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .context("the release record has no revision (`version`)")?;
    let mut info = take_object(&mut release, "info");
    let status = Status::parse(&text(&mut info, "status"));
    let first_deployed = text(&mut info, "first_deployed");
    let last_deployed = text(&mut info, "last_deployed");
    let description = text(&mut info, "description");

    let mut chart = take_object(&mut release, "chart");
    let chart_metadata = chart.remove("metadata").unwrap_or(Json::Null);
    let chart_values = chart.remove("values").unwrap_or_else(|| json!({}));
    let mut templates = Vec::new();
    let mut template_extras = Vec::new();
    if let Some(Json::Array(entries)) = chart.remove("templates") {
        for entry in entries {
            let Json::Object(mut entry) = entry else {
                continue;
            };
            let name = text(&mut entry, "name");
            let data = text(&mut entry, "data");
            let bytes = STANDARD
                .decode(data.as_bytes())
                .with_context(|| format!("the template `{name}` is not base64"))?;
            templates.push((name.clone(), String::from_utf8_lossy(&bytes).into_owned()));
            if !entry.is_empty() {
                entry.insert("name".into(), json!(name));
                template_extras.push(Json::Object(entry));
            }
        }
    }
    if !template_extras.is_empty() {
        chart.insert("templates".into(), Json::Array(template_extras));
    }

    let config = match release.remove("config") {
        Some(Json::Null) | None => json!({}),
        Some(config) => config,
    };
    let manifest = text(&mut release, "manifest");
    let hooks = match release.remove("hooks") {
        Some(Json::Array(hooks)) => hooks,
        _ => Vec::new(),
    };
    let apply_method = match release.remove("apply_method") {
        Some(Json::String(method)) if !method.is_empty() => Some(method),
        _ => None,
    };
    let mut extra = release;
    if !info.is_empty() {
        extra.insert("info".into(), Json::Object(info));
    }
    if !chart.is_empty() {
        extra.insert("chart".into(), Json::Object(chart));
    }
    Ok(Record {
        name,
        namespace,
        version,
        status,
        first_deployed,
        last_deployed,
        description,
        chart_metadata,
        templates,
        chart_values,
        config,
        manifest,
        hooks,
        apply_method,
        extra,
    })
}

/// gzip at the best level with no name and no time: the same record gives the same bytes.
fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// The Secret (as JSON, for server-side apply or create) holding the record.
pub fn to_secret(record: &Record, modified: bool) -> anyhow::Result<Json> {
    let payload = serde_json::to_vec(&release_json(record))?;
    let compressed = gzip(&payload).context("could not compress the release record")?;
    // The record is base64 text; the Secret's `data` adds the second layer.
    let inner = STANDARD.encode(compressed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let mut labels = Map::new();
    labels.insert("name".into(), json!(record.name));
    labels.insert("owner".into(), json!(OWNER));
    labels.insert("status".into(), json!(record.status.as_str()));
    labels.insert("version".into(), json!(record.version.to_string()));
    labels.insert(
        if modified { "modifiedAt" } else { "createdAt" }.into(),
        json!(now.to_string()),
    );
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {
            "name": secret_name(&record.name, record.version),
            "namespace": record.namespace,
            "labels": labels,
        },
        "type": SECRET_TYPE,
        "data": {"release": STANDARD.encode(inner.as_bytes())},
    }))
}

/// The record a Secret holds; gzip or plain JSON payloads, as Helm reads them.
pub fn from_secret(secret: &Json) -> anyhow::Result<Record> {
    let name = secret["metadata"]["name"].as_str().unwrap_or("a Secret");
    let data = secret["data"]["release"]
        .as_str()
        .with_context(|| format!("`{name}` holds no release record (`data.release`)"))?;
    let inner = STANDARD
        .decode(data.trim())
        .with_context(|| format!("`{name}`: `data.release` is not base64"))?;
    let mut bytes = STANDARD
        .decode(inner.trim_ascii())
        .with_context(|| format!("`{name}`: the release record is not base64"))?;
    if bytes.starts_with(&GZIP_MAGIC) {
        let mut plain = Vec::with_capacity(bytes.len() * 4);
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut plain)
            .with_context(|| format!("`{name}`: the release record is not valid gzip"))?;
        bytes = plain;
    }
    let release: Json = serde_json::from_slice(&bytes)
        .with_context(|| format!("`{name}`: the release record is not JSON"))?;
    record_from_json(release).with_context(|| format!("could not read the record `{name}`"))
}

fn secrets(client: &kube::Client, namespace: &str) -> Api<Secret> {
    Api::namespaced(client.clone(), namespace)
}

fn selector(release: &str) -> ListParams {
    ListParams::default().labels(&format!("owner={OWNER},name={release}"))
}

/// All revisions of a release in a namespace, sorted by version.
pub async fn history(
    client: &kube::Client,
    namespace: &str,
    release: &str,
) -> anyhow::Result<Vec<Record>> {
    let list = secrets(client, namespace)
        .list(&selector(release))
        .await
        .with_context(|| {
            format!("could not list the records of the release `{release}` in `{namespace}`")
        })?;
    let mut records = list
        .items
        .iter()
        .filter(|secret| secret.type_.as_deref() == Some(SECRET_TYPE))
        .map(|secret| from_secret(&serde_json::to_value(secret)?))
        .collect::<anyhow::Result<Vec<Record>>>()?;
    records.sort_by_key(|record| record.version);
    Ok(records)
}

fn typed_secret(record: &Record, modified: bool) -> anyhow::Result<Secret> {
    Ok(serde_json::from_value(to_secret(record, modified)?)?)
}

/// Creates a revision's Secret; `Ok(false)` when it already exists (another deploy took the
/// revision), never overwriting it.
pub async fn create(client: &kube::Client, record: &Record) -> anyhow::Result<bool> {
    let secret = typed_secret(record, false)?;
    match secrets(client, &record.namespace)
        .create(&PostParams::default(), &secret)
        .await
    {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(status)) if status.code == 409 => Ok(false),
        Err(error) => Err(error).with_context(|| {
            format!(
                "could not record revision {} of the release `{}`",
                record.version, record.name
            )
        }),
    }
}

/// Rewrites an existing revision (status change, description), with `modifiedAt`.
pub async fn update(client: &kube::Client, record: &Record) -> anyhow::Result<()> {
    let api = secrets(client, &record.namespace);
    let name = secret_name(&record.name, record.version);
    let context = || {
        format!(
            "could not update revision {} of the release `{}`",
            record.version, record.name
        )
    };
    let current = api.get(&name).await.with_context(context)?;
    let mut secret = typed_secret(record, true)?;
    secret.metadata.resource_version = current.metadata.resource_version;
    api.replace(&name, &PostParams::default(), &secret)
        .await
        .with_context(context)?;
    Ok(())
}

/// Deletes every revision of a release (what `helm uninstall` does after the objects).
pub async fn delete_all(
    client: &kube::Client,
    namespace: &str,
    release: &str,
) -> anyhow::Result<()> {
    let api = secrets(client, namespace);
    let list = api.list(&selector(release)).await.with_context(|| {
        format!("could not list the records of the release `{release}` in `{namespace}`")
    })?;
    for secret in list.items {
        let Some(name) = secret.metadata.name else {
            continue;
        };
        match api.delete(&name, &DeleteParams::default()).await {
            Ok(_) => {}
            Err(kube::Error::Api(status)) if status.code == 404 => {}
            Err(error) => {
                return Err(error).with_context(|| format!("could not delete the record `{name}`"));
            }
        }
    }
    Ok(())
}

/// The objects of a manifest text (`---`-separated YAML documents with `# Source:`
/// comments); empty documents are skipped.
pub fn manifest_objects(manifest: &str) -> anyhow::Result<Vec<Json>> {
    let mut documents = vec![String::new()];
    for line in manifest.lines() {
        if line.trim_end() == "---" || line.starts_with("--- ") {
            documents.push(String::new());
        } else if let Some(current) = documents.last_mut() {
            current.push_str(line);
            current.push('\n');
        }
    }
    let mut objects = Vec::new();
    for document in documents {
        let meaningful = document
            .lines()
            .any(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'));
        if !meaningful {
            continue;
        }
        let source = document
            .lines()
            .find_map(|line| line.trim().strip_prefix("# Source: "))
            .unwrap_or("the manifest")
            .to_owned();
        let object: Json = serde_saphyr::from_str(&document)
            .with_context(|| format!("`{source}` is not valid YAML"))?;
        if !object.is_null() {
            objects.push(object);
        }
    }
    Ok(objects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            name: "shop".into(),
            namespace: "apps".into(),
            version: 2,
            status: Status::Deployed,
            first_deployed: "2026-11-30T10:00:00Z".into(),
            last_deployed: "2026-11-30T11:00:00Z".into(),
            description: "Upgrade complete".into(),
            chart_metadata: json!({"apiVersion": "v2", "name": "shop", "version": "0.1.0", "appVersion": "1.0", "type": "application"}),
            templates: vec![(
                "templates/web.yaml".into(),
                "kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n".into(),
            )],
            chart_values: json!({"image": "web:1", "replicas": 1}),
            config: json!({}),
            manifest: "---\n# Source: shop/templates/web.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\ndata:\n  a: \"1\"\n".into(),
            hooks: vec![json!({"name": "shop-migrate", "kind": "Job", "events": ["pre-install"]})],
            apply_method: Some("ssa".into()),
            extra: Map::new(),
        }
    }

    #[test]
    fn a_record_survives_its_secret() {
        let record = record();
        let secret = to_secret(&record, false).unwrap();
        assert_eq!(secret["metadata"]["name"], "sh.helm.release.v1.shop.v2");
        assert_eq!(secret["type"], "helm.sh/release.v1");
        let labels = &secret["metadata"]["labels"];
        assert_eq!(
            (
                &labels["name"],
                &labels["owner"],
                &labels["status"],
                &labels["version"]
            ),
            (
                &json!("shop"),
                &json!("helm"),
                &json!("deployed"),
                &json!("2")
            )
        );
        assert!(labels["createdAt"].is_string() && labels.get("modifiedAt").is_none());
        assert_eq!(from_secret(&secret).unwrap(), record);

        let modified = to_secret(&record, true).unwrap();
        let labels = &modified["metadata"]["labels"];
        assert!(labels["modifiedAt"].is_string() && labels.get("createdAt").is_none());
    }

    #[test]
    fn the_payload_is_base64_of_gzip_and_deterministic() {
        let record = record();
        let payload = |secret: &Json| {
            STANDARD
                .decode(secret["data"]["release"].as_str().unwrap())
                .unwrap()
        };
        let first = payload(&to_secret(&record, false).unwrap());
        let gzipped = STANDARD.decode(&first).unwrap();
        assert!(gzipped.starts_with(&GZIP_MAGIC), "{:x?}", &gzipped[..4]);
        assert_eq!(first, payload(&to_secret(&record, true).unwrap()));
    }

    #[test]
    fn plain_json_payloads_are_read_as_helm_reads_them() {
        let release = release_json(&record());
        let inner = STANDARD.encode(serde_json::to_vec(&release).unwrap());
        let secret =
            json!({"metadata": {"name": "x"}, "data": {"release": STANDARD.encode(inner)}});
        assert_eq!(from_secret(&secret).unwrap(), record());
    }

    #[test]
    fn fields_sleak_does_not_model_are_kept_on_rewrite() {
        let mut release = release_json(&record());
        release["info"]["notes"] = json!("Visit the shop");
        release["info"]["deleted"] = json!("");
        release["chart"]["lock"] = Json::Null;
        release["chart"]["files"] = json!([{"name": "README.md", "data": "aGk="}]);
        release["chart"]["templates"][0]["modtime"] = json!("2026-11-30T10:00:00Z");
        release["labels"] = json!({"team": "shop"});
        let read = record_from_json(release.clone()).unwrap();
        assert_eq!(read.extra["labels"], json!({"team": "shop"}));
        assert_eq!(read.extra["info"]["notes"], "Visit the shop");
        assert_eq!(release_json(&read), release);
    }

    /// A record Helm 4.1.4 wrote (`helm install notes` against the stand-in, see
    /// tests/release_records.rs), with notes, a hook and template modification times.
    const HELM_RECORD: &str = include_str!("../../tests/fixtures/helm/notes.v1.secret.json");

    fn payload(secret: &Json) -> Json {
        let inner = STANDARD
            .decode(secret["data"]["release"].as_str().unwrap())
            .unwrap();
        let gzipped = STANDARD.decode(inner).unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(gzipped.as_slice())
            .read_to_end(&mut plain)
            .unwrap();
        serde_json::from_slice(&plain).unwrap()
    }

    #[test]
    fn a_record_helm_wrote_decodes_and_re_encodes_unchanged() {
        let secret: Json = serde_json::from_str(HELM_RECORD).unwrap();
        let record = from_secret(&secret).unwrap();
        assert_eq!(
            (
                record.name.as_str(),
                record.namespace.as_str(),
                record.version
            ),
            ("notes", "shop", 1)
        );
        assert_eq!(record.status, Status::Deployed);
        assert_eq!(record.description, "Install complete");
        assert_eq!(record.config, json!({"greeting": "hi"}));
        assert_eq!(record.chart_metadata["version"], "0.2.0");
        assert_eq!(record.apply_method.as_deref(), Some("ssa"));
        assert_eq!(record.hooks[0]["events"], json!(["post-install"]));
        assert_eq!(record.extra["info"]["notes"], "Say hi\n");
        assert!(record.extra["chart"]["templates"][0]["modtime"].is_string());
        assert_eq!(
            manifest_objects(&record.manifest).unwrap()[0]["data"]["greeting"],
            "hi"
        );
        let again = to_secret(&record, true).unwrap();
        assert_eq!(payload(&again), payload(&secret));
    }

    #[test]
    fn empty_user_values_are_left_out_as_helm_leaves_them() {
        let release = release_json(&record());
        assert!(release.get("config").is_none());
        let mut with_values = record();
        with_values.config = json!({"replicas": 3});
        assert_eq!(release_json(&with_values)["config"], json!({"replicas": 3}));
    }

    #[test]
    fn a_manifest_splits_into_its_objects() {
        let manifest = "---\n# Source: shop/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n# Source: shop/templates/empty.yaml\n---\n# Source: shop/templates/b.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n";
        let objects = manifest_objects(manifest).unwrap();
        let names: Vec<&str> = objects
            .iter()
            .map(|o| o["metadata"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["a", "b"]);
        let broken =
            manifest_objects("---\n# Source: shop/templates/x.yaml\nkind: [\n").unwrap_err();
        assert!(format!("{broken:#}").contains("shop/templates/x.yaml"));
    }

    #[test]
    fn pending_statuses_are_the_three_pending_ones() {
        assert!(Status::PendingRollback.is_pending());
        assert!(!Status::Deployed.is_pending());
        assert_eq!(Status::PendingInstall.as_str(), "pending-install");
        assert_eq!(Status::parse("pending-upgrade"), Status::PendingUpgrade);
        assert_eq!(
            serde_json::to_value(Status::PendingUpgrade).unwrap(),
            "pending-upgrade"
        );
    }
}
