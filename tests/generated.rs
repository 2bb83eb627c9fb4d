//! The committed generated files (docs/cli.md, docs/workspace.md, completions/) must
//! match what the code generates now. `SLEAK_BLESS=1 cargo test --test generated`
//! rewrites them.

mod common;

use sleak::cli::docs::{COMPLETION_FILES, cli_markdown, completion_script};
use sleak::workspace::docs::workspace_markdown;

fn check(relative: &str, expected: &str) {
    let path = common::crate_root().join(relative);
    if std::env::var_os("SLEAK_BLESS").is_some() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, expected).expect("write generated file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{relative} is stale: run `SLEAK_BLESS=1 cargo test --test generated` and commit the result"
    );
}

#[test]
fn cli_reference_is_current() {
    check("docs/cli.md", &cli_markdown());
}

#[test]
fn workspace_reference_is_current() {
    check("docs/workspace.md", &workspace_markdown());
}

#[test]
fn completions_are_current() {
    for (file, shell) in COMPLETION_FILES {
        check(&format!("completions/{file}"), &completion_script(shell));
    }
}

#[test]
fn workspace_reference_documents_every_key_of_the_example() {
    // Every key path used in the example must appear in docs/workspace.md.
    let reference = workspace_markdown();
    let example =
        std::fs::read_to_string(common::crate_root().join("sleak.toml.example")).expect("example");
    let document: toml_edit::DocumentMut = example.parse().expect("example parses");
    let mut missing = Vec::new();
    collect_keys(document.as_item(), "", "", &mut missing, &reference);
    // The walk must have looked at the example's keys, not skipped them all.
    assert!(
        CHECKED.load(std::sync::atomic::Ordering::Relaxed) > 60,
        "too few keys checked"
    );
    assert!(
        missing.is_empty(),
        "keys of sleak.toml.example missing from docs/workspace.md: {missing:?}"
    );
}

static CHECKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Map keys (names the user chose) become `<name>` as the reference writes them.
const MAPS: [&str; 7] = [
    "accounts",
    "clusters",
    "environments",
    "projects",
    "node_pools",
    "envs",
    "services",
];
/// Tables whose keys are the user's own (variables, labels, versions): not documented one by one.
const FREE_TABLES: [&str; 3] = ["variables", "labels", "versions"];

fn collect_keys(
    item: &toml_edit::Item,
    prefix: &str,
    parent: &str,
    missing: &mut Vec<String>,
    reference: &str,
) {
    if FREE_TABLES.contains(&parent) {
        return;
    }
    if let Some(array) = item.as_array() {
        for element in array.iter() {
            if let Some(table) = element.as_inline_table() {
                let item = toml_edit::Item::Value(toml_edit::Value::InlineTable(table.clone()));
                collect_keys(&item, &format!("{prefix}[]"), "[]", missing, reference);
            }
        }
        return;
    }
    let Some(table) = item.as_table_like() else {
        return;
    };
    for (key, child) in table.iter() {
        let is_map_entry = MAPS.contains(&parent) || parent == "dependencies";
        let segment = if is_map_entry { "<name>" } else { key };
        let path = if prefix.is_empty() {
            segment.to_owned()
        } else {
            format!("{prefix}.{segment}")
        };
        if !is_map_entry {
            CHECKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if !reference.contains(&format!("### `{path}`")) {
                missing.push(path.clone());
            }
        }
        collect_keys(child, &path, segment, missing, reference);
    }
}
