//! Every malformed workspace under tests/fixtures/invalid/ is rejected by
//! `sleak validate` with exit code 2 and messages that point at `file:line:column` and
//! name the key path. The full message of each fixture is pinned by a snapshot.
//!
//! Fixtures are named for what is wrong with them; those named `syntax-*` are not valid
//! TOML, so their errors have a place in the file but no key path.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture's path relative to the crate root, with `/` separators, as the CLI
/// receives it and prints it.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Runs the real binary on a fixture, isolated from the user's environment.
fn sleak(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sleak"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the sleak binary runs")
}

fn fixture_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default()
}

fn is_syntax_fixture(path: &Path) -> bool {
    fixture_name(path).starts_with("syntax-")
}

/// Whether every error of this fixture must carry a key path.
fn expects_key_path(path: &Path) -> bool {
    !is_syntax_fixture(path)
}

/// `<relative path>:<line>:<column>` with both numbers present, at least once.
fn has_location(text: &str, file: &str) -> bool {
    let needle = format!("{file}:");
    text.match_indices(&needle).any(|(start, _)| {
        let rest = &text[start + needle.len()..];
        let mut parts = rest.splitn(3, ':');
        let is_number = |part: Option<&str>, whole: bool| {
            part.is_some_and(|part| {
                let digits: String = if whole {
                    part.to_owned()
                } else {
                    part.chars().take_while(char::is_ascii_digit).collect()
                };
                !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
            })
        };
        is_number(parts.next(), true) && is_number(parts.next(), false)
    })
}

fn fixture_count() -> usize {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    std::fs::read_dir(folder)
        .expect("tests/fixtures/invalid exists")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "toml"))
        .count()
}

#[test]
fn there_are_at_least_forty_invalid_fixtures() {
    let count = fixture_count();
    assert!(
        count >= 40,
        "only {count} fixtures in tests/fixtures/invalid"
    );
}

#[test]
fn every_invalid_workspace_is_rejected_with_its_location_and_key_path() {
    let home = tempfile::tempdir().expect("a temporary HOME");
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let file = relative(path);
        let output = sleak(home.path(), &["validate", "-C", &file, "--color", "never"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{file}: exit code\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(stdout.is_empty(), "{file}: stdout is not empty:\n{stdout}");
        assert!(
            !stderr.contains("panicked"),
            "{file}: sleak panicked:\n{stderr}"
        );
        assert!(
            has_location(&stderr, &file),
            "{file}: no `{file}:<line>:<column>` in:\n{stderr}"
        );
        if expects_key_path(path) {
            assert!(
                stderr.contains(" at `"),
                "{file}: no key path (` at `…``) in:\n{stderr}"
            );
        }
        insta::assert_snapshot!("message", stderr);
    });
}

#[test]
fn every_invalid_workspace_is_reported_as_json_data() {
    let home = tempfile::tempdir().expect("a temporary HOME");
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let file = relative(path);
        let output = sleak(
            home.path(),
            &[
                "validate", "-C", &file, "--color", "never", "--output", "json",
            ],
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{file}: exit code\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{file}: sleak panicked:\n{stderr}"
        );
        let document: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|error| panic!("{file}: stdout is not JSON ({error}):\n{stdout}"));
        assert_eq!(
            document["valid"],
            serde_json::Value::Bool(false),
            "{file}: {document}"
        );
        let errors = document["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no `errors` array in {document}"));
        assert!(!errors.is_empty(), "{file}: `errors` is empty");
        for error in errors {
            assert_eq!(
                error["file"].as_str(),
                Some(file.as_str()),
                "{file}: {error}"
            );
            for key in ["line", "column"] {
                assert!(
                    error[key].as_u64().is_some_and(|number| number >= 1),
                    "{file}: `{key}` is not a positive number in {error}"
                );
            }
            for key in ["path", "message"] {
                assert!(
                    error[key].is_string(),
                    "{file}: `{key}` is not a string in {error}"
                );
            }
            assert!(
                !error["message"].as_str().unwrap_or_default().is_empty(),
                "{file}: empty message in {error}"
            );
            if expects_key_path(path) {
                assert!(
                    !error["path"].as_str().unwrap_or_default().is_empty(),
                    "{file}: empty key path in {error}"
                );
            }
        }
    });
}
