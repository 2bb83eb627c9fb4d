//! `sleak release`: the Helm chart of a ProjectEnv's services, written to a folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::json;

use super::{Context, block_on, scope};
use crate::cli::ReleaseArgs;
use crate::error::UsageError;
use crate::release::{chart, image};
use crate::render::service::{self, ReleaseInput};
use crate::workspace::names;

/// `sleak release -p <project> -e <env> --image-tag <tag>`.
pub fn release(context: &Context, args: ReleaseArgs) -> anyhow::Result<()> {
    let ReleaseArgs {
        scope,
        image_tag,
        out,
        repository,
    } = args;
    let workspace = context.load_workspace()?;
    let (project, env) = scope::resolve(&context.printer, &workspace, scope)?;
    let project_env = scope::project_env(&workspace, &project, &env)?;
    check_tag(&image_tag)?;
    let repository = match repository {
        Some(repository) => repository,
        None => block_on(image::repository_uri(context, &workspace, &project))??,
    };
    // A tag or digest belongs to `--image-tag`, not to the repository.
    let last_part = repository.rsplit('/').next().unwrap_or_default();
    let checked = names::image_reference(&repository).and_then(|()| {
        if last_part.contains([':', '@']) {
            Err("it names a tag or a digest".to_owned())
        } else {
            Ok(())
        }
    });
    if let Err(reason) = checked {
        return Err(UsageError::new(format!(
            "`{repository}` is not an image repository: {reason}"
        ))
        .with_hint("pass the repository without a tag, e.g. `--repository 123456789012.dkr.ecr.us-east-1.amazonaws.com/api`")
        .into());
    }
    let input = ReleaseInput {
        workspace: &workspace,
        project_env,
        repository,
        tag: image_tag,
        variables_checksum: chart::definitions_checksum(project_env),
    };
    // The files of `chart::files`, each service rendered when its file is written, so
    // that only one service's objects are in memory at a time.
    let project_image = input.project_image();
    let services = project_env.services.iter().map(|service| {
        chart::service_file(&service::rendered_service(&input, service), &project_image)
    });
    let hook = service::pre_deploy(&input).map(|job| chart::hook_file(&job, &project_image));
    let files = chart::metadata_files(&input)
        .into_iter()
        .chain(services)
        .chain(hook);
    let folder = out.unwrap_or_else(|| PathBuf::from(format!("{project}-{env}-chart")));
    let files = write_chart(&folder, files)?;

    let shown = context.display_path(&folder);
    let printer = &context.printer;
    printer.success(
        "Wrote",
        &format!(
            "the chart of {project}/{env} ({} files) to {shown}",
            files.len()
        ),
    );
    if printer.json() {
        printer.data_json(&json!({
            "chart": shown,
            "files": files,
        }));
    } else {
        printer.data(&shown);
    }
    Ok(())
}

/// A Docker tag: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`.
fn check_tag(tag: &str) -> anyhow::Result<()> {
    let valid = !tag.is_empty()
        && tag.len() <= 128
        && !tag.starts_with(['.', '-'])
        && tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if valid {
        Ok(())
    } else {
        Err(UsageError::new(format!("`{tag}` is not an image tag"))
            .with_hint("use up to 128 letters, digits, `_`, `.` and `-`, e.g. `--image-tag 1.4.0`")
            .into())
    }
}

/// Writes the chart's files (relative path, text) into `folder`, replacing the
/// templates of a chart written there before (a removed service leaves no template
/// behind), and gives their paths. A folder holding anything but a chart is left alone.
fn write_chart(
    folder: &Path,
    files: impl Iterator<Item = (String, String)>,
) -> anyhow::Result<Vec<String>> {
    let is_chart = folder.join("Chart.yaml").is_file();
    let is_empty = folder
        .read_dir()
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(true);
    if !is_chart && !is_empty {
        return Err(UsageError::new(format!(
            "`{}` is not empty and holds no chart",
            folder.display()
        ))
        .with_hint("choose another folder with `--out <dir>`")
        .into());
    }
    let templates = folder.join("templates");
    std::fs::create_dir_all(&templates)
        .with_context(|| format!("could not create `{}`", templates.display()))?;
    let mut written = Vec::new();
    for (path, text) in files {
        let file = folder.join(&path);
        write_if_changed(&file, &text)
            .with_context(|| format!("could not write `{}`", file.display()))?;
        written.push(path);
    }
    remove_stale_templates(folder, &templates, &written)?;
    Ok(written)
}

/// Writes `text` to `path` unless the file holds it already (a chart written again after
/// a change to a few services rewrites only their templates). A changed file is replaced
/// by a new one, not truncated: on ext4, truncating a file and writing it again costs
/// more than twice as much as a new file, and its close starts the writeback at once.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    match std::fs::read(path) {
        Ok(existing) if existing == text.as_bytes() => return Ok(()),
        Ok(_) => std::fs::remove_file(path)?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    std::fs::write(path, text)
}

/// Removes what `templates` holds besides the chart's `files` (the template of a service
/// removed since, anything else put there).
fn remove_stale_templates(folder: &Path, templates: &Path, files: &[String]) -> anyhow::Result<()> {
    let written: HashSet<PathBuf> = files.iter().map(|path| folder.join(path)).collect();
    let entries = templates
        .read_dir()
        .with_context(|| format!("could not read `{}`", templates.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("could not read `{}`", templates.display()))?
            .path();
        if written.contains(&path) {
            continue;
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.with_context(|| format!("could not remove `{}`", path.display()))?;
    }
    Ok(())
}
