//! Kubeconfig files: where kubectl reads them, and adding a cluster, user and context to
//! one as `aws eks update-kubeconfig` does, keeping everything else in it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde_json::{Map, Value, json};

/// The file kubectl writes to: the first path of $KUBECONFIG, else ~/.kube/config.
pub fn default_path() -> anyhow::Result<PathBuf> {
    if let Some(list) = std::env::var_os("KUBECONFIG")
        && let Some(first) = std::env::split_paths(&list).find(|path| !path.as_os_str().is_empty())
    {
        return Ok(first);
    }
    let home = directories::BaseDirs::new().context("no home folder to find ~/.kube/config in")?;
    Ok(home.home_dir().join(".kube").join("config"))
}

/// A cluster reached with a token that kubectl gets by running a command.
#[derive(Debug, Clone)]
pub struct ExecContext {
    /// Names the `clusters` and `users` entries.
    pub cluster_name: String,
    /// Names the `contexts` entry.
    pub context_name: String,
    pub server: String,
    /// Base64 of the certificate authority's PEM.
    pub certificate_authority_data: String,
    pub command: String,
    pub args: Vec<String>,
}

/// What merging did to the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// The context is new.
    Added,
    /// The context existed and something changed.
    Updated,
    /// The file already said all of it.
    Unchanged,
}

/// The document of an empty kubeconfig, with the keys in kubectl's order.
fn empty_config() -> Value {
    json!({
        "apiVersion": "v1",
        "clusters": [],
        "contexts": [],
        "current-context": "",
        "kind": "Config",
        "preferences": {},
        "users": [],
    })
}

/// The text of a kubeconfig file, `None` when there is none yet.
pub fn read(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("could not read `{}`", path.display())),
    }
}

/// A kubeconfig as a document that keeps every key, known or not; an empty file is an
/// empty kubeconfig.
pub fn parse(text: &str, path: &Path) -> anyhow::Result<Value> {
    if text.trim().is_empty() {
        return Ok(empty_config());
    }
    let document: Value = serde_saphyr::from_str(text)
        .with_context(|| format!("`{}` is not a YAML kubeconfig", path.display()))?;
    match document {
        Value::Object(_) => Ok(document),
        Value::Null => Ok(empty_config()),
        _ => bail!(
            "`{}` is not a kubeconfig: its top level is not a mapping",
            path.display()
        ),
    }
}

/// The document as YAML, the same text for the same document.
pub fn render(document: &Value) -> anyhow::Result<String> {
    let mut options = serde_saphyr::SerializerOptions::default();
    // Long single-line values (certificate data, tokens) stay plain scalars: a folded
    // block would make some readers append a newline.
    options.prefer_block_scalars = false;
    serde_saphyr::to_string_with_options(document, options)
        .context("could not write the kubeconfig as YAML")
}

/// Adds or replaces, by name, the cluster, user and context of `entry`, and makes the
/// context current when `switch`; every other entry and key is kept.
pub fn merge(document: &mut Value, entry: &ExecContext, switch: bool) -> anyhow::Result<Merged> {
    let before = document.clone();
    let object = document
        .as_object_mut()
        .context("the kubeconfig's top level is not a mapping")?;
    let cluster = json!({
        "name": entry.cluster_name,
        "cluster": {
            "server": entry.server,
            "certificate-authority-data": entry.certificate_authority_data,
        },
    });
    let user = json!({
        "name": entry.cluster_name,
        "user": {
            "exec": {
                "apiVersion": "client.authentication.k8s.io/v1beta1",
                "command": entry.command,
                "args": entry.args,
                "interactiveMode": "Never",
            },
        },
    });
    let context = json!({
        "name": entry.context_name,
        "context": {
            "cluster": entry.cluster_name,
            "user": entry.cluster_name,
        },
    });
    upsert(object, "clusters", cluster)?;
    upsert(object, "users", user)?;
    let existed = upsert(object, "contexts", context)?;
    if switch {
        object.insert("current-context".into(), json!(entry.context_name));
    }
    Ok(if *document == before {
        Merged::Unchanged
    } else if existed {
        Merged::Updated
    } else {
        Merged::Added
    })
}

/// Replaces the item of `document[list]` named like `item`, or appends it; true when one
/// was there.
fn upsert(document: &mut Map<String, Value>, list: &str, item: Value) -> anyhow::Result<bool> {
    let slot = document.entry(list).or_insert_with(|| json!([]));
    if slot.is_null() {
        *slot = json!([]);
    }
    let Some(items) = slot.as_array_mut() else {
        bail!("the kubeconfig's `{list}` is not a list");
    };
    let name = &item["name"];
    match items.iter_mut().find(|existing| &existing["name"] == name) {
        Some(existing) => {
            *existing = item;
            Ok(true)
        }
        None => {
            items.push(item);
            Ok(false)
        }
    }
}

/// Writes `text` to `path` through a temporary file and a rename, readable by its owner
/// only (it says how to get credentials). A symbolic link is followed, not replaced.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let target = match std::fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(_) => path.to_owned(),
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("could not create `{}`", folder.display()))?;
    let file_name = target
        .file_name()
        .with_context(|| format!("`{}` is not a file path", path.display()))?;
    let temporary = folder.join(format!(
        ".{}.sleak-{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            // `mode` applies only to a file it creates; a leftover keeps its own.
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("could not write `{}`", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> ExecContext {
        ExecContext {
            cluster_name: "arn:aws:eks:us-east-1:111122223333:cluster/dev".into(),
            context_name: "arn:aws:eks:us-east-1:111122223333:cluster/dev".into(),
            server: "https://ABC.gr7.us-east-1.eks.amazonaws.com".into(),
            certificate_authority_data: "LS0tLS1CRUdJTi".repeat(100),
            command: "/usr/local/bin/sleak".into(),
            args: vec![
                "eks-token".into(),
                "--cluster-name".into(),
                "dev".into(),
                "--region".into(),
                "us-east-1".into(),
            ],
        }
    }

    const EXISTING: &str = "\
apiVersion: v1
kind: Config
clusters:
- name: kind-local
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
contexts:
- name: kind-local
  context:
    cluster: kind-local
    user: kind-local
    namespace: web
current-context: kind-local
users:
- name: kind-local
  user:
    token: abc
extensions:
- name: something-unknown
  extension:
    port: 7
";

    #[test]
    fn merging_adds_the_entries_and_keeps_everything_else() {
        let path = Path::new("config");
        let mut document = parse(EXISTING, path).unwrap();
        assert_eq!(merge(&mut document, &entry(), true).unwrap(), Merged::Added);
        let text = render(&document).unwrap();
        let reread = parse(&text, path).unwrap();
        assert_eq!(reread, document, "the YAML round-trips:\n{text}");
        assert_eq!(reread["clusters"].as_array().unwrap().len(), 2);
        assert_eq!(
            reread["clusters"][0]["cluster"]["insecure-skip-tls-verify"],
            true
        );
        assert_eq!(reread["contexts"][0]["context"]["namespace"], "web");
        assert_eq!(reread["extensions"][0]["extension"]["port"], 7);
        assert_eq!(reread["current-context"], entry().context_name);
        assert_eq!(
            reread["users"][1]["user"]["exec"]["args"][2], "dev",
            "{text}"
        );
        assert_eq!(
            reread["clusters"][1]["cluster"]["certificate-authority-data"],
            entry().certificate_authority_data
        );
    }

    #[test]
    fn merging_again_changes_nothing_and_a_change_is_an_update() {
        let path = Path::new("config");
        let mut document = parse(EXISTING, path).unwrap();
        merge(&mut document, &entry(), true).unwrap();
        let text = render(&document).unwrap();
        let mut again = parse(&text, path).unwrap();
        assert_eq!(
            merge(&mut again, &entry(), true).unwrap(),
            Merged::Unchanged
        );
        assert_eq!(render(&again).unwrap(), text);
        let mut moved = entry();
        moved.server = "https://XYZ.gr7.us-east-1.eks.amazonaws.com".into();
        assert_eq!(merge(&mut again, &moved, true).unwrap(), Merged::Updated);
        assert_eq!(again["clusters"].as_array().unwrap().len(), 2);
        assert_eq!(again["clusters"][1]["cluster"]["server"], moved.server);
    }

    #[test]
    fn without_switch_the_current_context_stays() {
        let mut document = parse(EXISTING, Path::new("config")).unwrap();
        merge(&mut document, &entry(), false).unwrap();
        assert_eq!(document["current-context"], "kind-local");
    }

    #[test]
    fn an_empty_file_becomes_a_whole_kubeconfig() {
        let mut document = parse("\n", Path::new("config")).unwrap();
        merge(&mut document, &entry(), true).unwrap();
        let text = render(&document).unwrap();
        assert!(text.starts_with("apiVersion: v1\nclusters:\n"), "{text}");
        assert!(text.contains("kind: Config\n"), "{text}");
        assert!(text.contains("preferences: {}\n"), "{text}");
    }

    #[test]
    fn a_list_that_is_not_a_list_is_refused() {
        let mut document = parse("clusters: 3\n", Path::new("config")).unwrap();
        let error = merge(&mut document, &entry(), true).unwrap_err();
        assert!(
            error.to_string().contains("`clusters` is not a list"),
            "{error}"
        );
        assert!(parse("- a\n", Path::new("config")).is_err());
    }

    #[test]
    fn writing_replaces_the_file_with_owner_only_permissions() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("new/folder/config");
        write_atomically(&path, "a: 1\n").unwrap();
        write_atomically(&path, "a: 2\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a: 2\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["config"]);
    }
}
