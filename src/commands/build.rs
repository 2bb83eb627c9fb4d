//! `sleak build`: a project's image built from a Dockerfile with docker, podman or
//! buildah, tagged with the git commit of its context, and pushed to the project's ECR
//! repository in the management account.
//!
//! The tag is the first 12 characters of `git rev-parse HEAD` in the context folder. A
//! tree with uncommitted changes is refused unless `--allow-dirty`, which appends
//! `-dirty-<first 8 hex characters of the SHA-256 of the changes>`: the same changes give
//! the same tag. `--tag` names the tag instead (no git needed, no dirty check).
//!
//! The platform follows the node pools of the clusters the project runs on: Graviton
//! instance types (`m6g`, `c7g`, `t4g`…) are `linux/arm64`, the others `linux/amd64`.
//! Both at once is a multi-platform image, which only `docker buildx` builds and pushes
//! in one step; podman and buildah are refused then.

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{Context, block_on, scope};
use crate::cli::BuildArgs;
use crate::error::UsageError;
use crate::output::prompt::choose;
use crate::providers::aws::ecr;
use crate::workspace::Workspace;

/// The programs that build images, in the order they are looked for.
pub const BUILDERS: [&str; 3] = ["docker", "podman", "buildah"];

/// One of [`BUILDERS`], found as `program`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Builder {
    pub name: &'static str,
    pub program: PathBuf,
}

pub fn build(context: &Context, args: BuildArgs) -> anyhow::Result<()> {
    let BuildArgs {
        project,
        file,
        context: build_context,
        tag,
        allow_dirty,
        no_push,
    } = args;
    let workspace = context.load_workspace()?;
    let printer = &context.printer;
    let projects: Vec<String> = workspace
        .projects
        .iter()
        .map(|project| project.name.clone())
        .collect();
    let project = choose(printer, project, "--project", "Project", &projects)?;
    let found = scope::known_project(&workspace, &project)?;
    let repository = found.repository.name.clone();
    let builder = find_builder(std::env::var_os("SLEAK_BUILDER"), std::env::var_os("PATH"))?;
    printer.debug(&format!("builder: {}", builder.program.display()));
    let build_context = match build_context {
        Some(folder) => context.current_dir.join(folder),
        None => context.current_dir.clone(),
    };
    if !build_context.is_dir() {
        return Err(UsageError::new(format!(
            "the build context `{}` is not a folder",
            context.display_path(&build_context)
        ))
        .with_hint("name an existing folder with `--context`")
        .into());
    }
    let dockerfile = match file {
        Some(file) => context.current_dir.join(file),
        None => build_context.join("Dockerfile"),
    };
    if !dockerfile.is_file() {
        return Err(UsageError::new(format!(
            "there is no Dockerfile at `{}`",
            context.display_path(&dockerfile)
        ))
        .with_hint("name it with `--file`, or the folder holding it with `--context`")
        .into());
    }
    let tag = match tag {
        Some(tag) if !is_valid_tag(&tag) => {
            return Err(UsageError::new(format!("`{tag}` is not an image tag"))
                .with_hint("a tag is up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`")
                .into());
        }
        Some(tag) => tag,
        None => git_tag(&build_context, allow_dirty)?,
    };
    let platforms = project_platforms(&workspace, &project);
    let platform = platforms.join(",");
    if platforms.len() > 1 && builder.name != "docker" {
        return Err(UsageError::new(format!(
            "the clusters of `{project}` run both amd64 and arm64 nodes, and `{}` cannot build and push a multi-platform image in one step",
            builder.name
        ))
        .with_hint("install docker with buildx (and name it with SLEAK_BUILDER=docker), or give the node pools one architecture")
        .into());
    }
    let uri = block_on(async {
        let (config, _) = context.organization_config(&workspace).await?;
        if ecr::repository(&config, &repository).await?.is_none() {
            return Err(anyhow::Error::from(
                UsageError::new(format!("there is no ECR repository `{repository}` yet"))
                    .with_hint("create it with `sleak apply`"),
            ));
        }
        let registry = ecr::registry(&config).await?;
        if !no_push {
            login(&builder, &registry)?;
        }
        anyhow::Ok(registry.repository_uri(&repository))
    })??;
    let image = format!("{uri}:{tag}");
    let steps = commands(&platforms, &dockerfile, &build_context, &image, !no_push);
    for step in steps {
        printer.status(&format!("{} {}", builder.name, shown(&step)));
        run_step(&builder, &step)?;
    }
    if printer.json() {
        printer.data_json(
            &json!({ "image": image, "repository": uri, "tag": tag, "platform": platform }),
        );
    } else {
        printer.data(&image);
    }
    Ok(())
}

/// A tag registries accept: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
pub fn is_valid_tag(tag: &str) -> bool {
    let allowed = |character: char| character.is_ascii_alphanumeric() || "_.-".contains(character);
    !tag.is_empty() && tag.len() <= 128 && tag.chars().all(allowed) && !tag.starts_with(['.', '-'])
}

/// The builder SLEAK_BUILDER names (a name or a path), else the first of [`BUILDERS`] on
/// `path`. None is a usage error naming all three.
pub fn find_builder(named: Option<OsString>, path: Option<OsString>) -> anyhow::Result<Builder> {
    let path = path.unwrap_or_default();
    if let Some(named) = named.filter(|named| !named.is_empty()) {
        let named = PathBuf::from(named);
        let file_name = named
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        let Some(name) = BUILDERS.iter().find(|builder| **builder == file_name) else {
            return Err(UsageError::new(format!(
                "SLEAK_BUILDER names `{}`, which is not docker, podman or buildah",
                named.display()
            ))
            .with_hint("set SLEAK_BUILDER to docker, podman or buildah, or unset it")
            .into());
        };
        let program = if named.components().count() > 1 {
            named.is_file().then_some(named.clone())
        } else {
            on_path(name, &path)
        };
        return program.map(|program| Builder { name, program }).ok_or_else(|| {
            UsageError::new(format!("SLEAK_BUILDER names `{}`, which is not installed", named.display()))
                .with_hint("install it, or unset SLEAK_BUILDER to use docker, podman or buildah, whichever is on PATH")
                .into()
        });
    }
    BUILDERS
        .iter()
        .find_map(|name| on_path(name, &path).map(|program| Builder { name, program }))
        .ok_or_else(|| {
            UsageError::new("no image builder found: none of docker, podman or buildah is on PATH")
                .with_hint("install one of them (https://docs.docker.com/get-docker/ or https://podman.io)")
                .into()
        })
}

/// The executable file `name` in one of the folders of `path`.
fn on_path(name: &str, path: &OsString) -> Option<PathBuf> {
    std::env::split_paths(path)
        .filter(|folder| !folder.as_os_str().is_empty())
        .map(|folder| folder.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|metadata| metadata.is_file() && metadata.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Whether an EC2 instance type runs on Graviton (arm64): its family has a `g` right
/// after the generation digit (`m6g`, `c7gn`, `t4g`, `r8g`, `im4gn`), or is `a1`.
pub fn is_graviton(instance_type: &str) -> bool {
    let family = instance_type
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if family == "a1" {
        return true;
    }
    let Some(digit) = family.find(|character: char| character.is_ascii_digit()) else {
        return false;
    };
    let after = family[digit..].trim_start_matches(|character: char| character.is_ascii_digit());
    digit > 0 && after.starts_with('g')
}

/// The platforms of the project's image: those of the node pools of the clusters its
/// environments run on, `linux/amd64` first; `linux/amd64` when none is known.
pub fn project_platforms(workspace: &Workspace, project: &str) -> Vec<&'static str> {
    let instance_types: Vec<&str> = workspace
        .project(project)
        .into_iter()
        .flat_map(|project| project.envs.iter())
        .filter_map(|project_env| workspace.cluster(&project_env.cluster))
        .flat_map(|cluster| cluster.node_pools.iter())
        .flat_map(|pool| pool.instance_types.iter().map(String::as_str))
        .collect();
    platforms(&instance_types)
}

/// `linux/amd64`, `linux/arm64` or both, for these instance types.
pub fn platforms(instance_types: &[&str]) -> Vec<&'static str> {
    let arm = instance_types.iter().any(|kind| is_graviton(kind));
    let amd = instance_types.iter().any(|kind| !is_graviton(kind));
    match (amd, arm) {
        (_, false) => vec!["linux/amd64"],
        (false, true) => vec!["linux/arm64"],
        (true, true) => vec!["linux/amd64", "linux/arm64"],
    }
}

/// The commands after the login: build then push, or one `docker buildx build --push`
/// for several platforms.
pub fn commands(
    platforms: &[&str],
    dockerfile: &Path,
    build_context: &Path,
    image: &str,
    push: bool,
) -> Vec<Vec<OsString>> {
    let platform = platforms.join(",");
    let mut build: Vec<OsString> = Vec::new();
    if platforms.len() > 1 {
        build.extend(["buildx".into(), "build".into()]);
    } else {
        build.push("build".into());
    }
    build.extend([
        "--platform".into(),
        platform.into(),
        "-f".into(),
        dockerfile.into(),
        "-t".into(),
        image.into(),
    ]);
    if platforms.len() > 1 && push {
        build.push("--push".into());
    }
    build.push(build_context.into());
    let mut steps = vec![build];
    if platforms.len() == 1 && push {
        steps.push(vec!["push".into(), image.into()]);
    }
    steps
}

/// A command's arguments as one line, for people.
fn shown(step: &[OsString]) -> String {
    step.iter()
        .map(|argument| argument.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<builder> login`, the password on stdin only.
fn login(builder: &Builder, registry: &ecr::Registry) -> anyhow::Result<()> {
    let mut child = Command::new(&builder.program)
        .args([
            "login",
            "--username",
            &registry.username,
            "--password-stdin",
            &registry.host,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not run `{}`", builder.program.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A builder that exits without reading says why below.
        let _ = stdin.write_all(registry.password.expose().as_bytes());
    }
    let output = child
        .wait_with_output()
        .with_context(|| format!("could not run `{} login`", builder.name))?;
    if !output.status.success() {
        let said =
            String::from_utf8_lossy(&output.stderr).replace(registry.password.expose(), "***");
        anyhow::bail!(
            "`{} login` to `{}` failed ({}): {}",
            builder.name,
            registry.host,
            output.status,
            said.trim()
        );
    }
    Ok(())
}

/// Runs one builder command, its output on stderr (stdout is sleak's data).
fn run_step(builder: &Builder, step: &[OsString]) -> anyhow::Result<()> {
    let mut command = Command::new(&builder.program);
    command
        .args(step)
        .stdin(Stdio::null())
        .stdout(stderr_stdio());
    let status = command
        .status()
        .with_context(|| format!("could not run `{}`", builder.program.display()))?;
    if !status.success() {
        anyhow::bail!(
            "`{} {}` failed ({status})",
            builder.name,
            step.first()
                .map(|verb| verb.to_string_lossy())
                .unwrap_or_default()
        );
    }
    Ok(())
}

#[cfg(unix)]
fn stderr_stdio() -> Stdio {
    use std::os::fd::AsFd as _;
    std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map_or_else(|_| Stdio::inherit(), Stdio::from)
}

#[cfg(not(unix))]
fn stderr_stdio() -> Stdio {
    Stdio::inherit()
}

/// `git …` in `folder`: its stdout, or `None` when git fails (not a repository).
fn git(folder: &Path, args: &[&str]) -> anyhow::Result<Option<Vec<u8>>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => Ok(Some(output.stdout)),
        Ok(_) => Ok(None),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).context("could not run git"),
    }
}

/// The tag of the commit of `folder`, refusing uncommitted changes unless
/// `allow_dirty`.
pub(crate) fn git_tag(folder: &Path, allow_dirty: bool) -> anyhow::Result<String> {
    let not_a_repository = || {
        anyhow::Error::from(
            UsageError::new(format!(
                "`{}` is not in a git repository with a commit",
                folder.display()
            ))
            .with_hint("name the image's tag with `--tag`"),
        )
    };
    let head = git(folder, &["rev-parse", "HEAD"])?.ok_or_else(not_a_repository)?;
    let head = String::from_utf8_lossy(&head).trim().to_owned();
    let short: String = head.chars().take(12).collect();
    let status =
        git(folder, &["status", "--porcelain", "--", "."])?.ok_or_else(not_a_repository)?;
    if status.iter().all(u8::is_ascii_whitespace) {
        return Ok(short);
    }
    if !allow_dirty {
        return Err(UsageError::new(format!(
            "`{}` has uncommitted changes: the commit `{short}` would not say what the image holds",
            folder.display()
        ))
        .with_hint("commit them, or build anyway with `--allow-dirty` (the tag then ends in `-dirty-<hash of the changes>`)")
        .into());
    }
    Ok(format!("{short}-dirty-{}", changes_hash(folder, &status)?))
}

/// A short hash of the uncommitted changes: the diff against HEAD and the untracked
/// files' names and contents.
fn changes_hash(folder: &Path, status: &[u8]) -> anyhow::Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(status);
    hasher.update(git(folder, &["diff", "HEAD", "--binary", "--", "."])?.unwrap_or_default());
    let untracked = git(
        folder,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            ".",
        ],
    )?
    .unwrap_or_default();
    for name in untracked
        .split(|byte| *byte == 0)
        .filter(|name| !name.is_empty())
    {
        hasher.update(name);
        let path = folder.join(String::from_utf8_lossy(name).as_ref());
        hasher.update(std::fs::read(&path).unwrap_or_default());
    }
    let digest = hasher.finalize();
    Ok(crate::hex::lower(&digest[..4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graviton_families_have_a_g_after_the_generation() {
        for arm in [
            "m6g.large",
            "c7g.xlarge",
            "t4g.small",
            "r8g.2xlarge",
            "c6gn.large",
            "m7gd.large",
            "im4gn.large",
            "is4gen.large",
            "a1.medium",
            "g5g.xlarge",
            "hpc7g.4xlarge",
            "M6G.LARGE",
        ] {
            assert!(is_graviton(arm), "{arm}");
        }
        for amd in [
            "t3.large",
            "m5.large",
            "c7i.large",
            "m7a.large",
            "g5.xlarge",
            "inf1.xlarge",
            "trn1.2xlarge",
            "x2iedn.xlarge",
            "",
            "weird",
        ] {
            assert!(!is_graviton(amd), "{amd}");
        }
    }

    #[test]
    fn the_builder_is_the_first_on_path_unless_sleak_builder_names_one() {
        use std::os::unix::fs::PermissionsExt as _;
        let folder = tempfile::tempdir().unwrap();
        for name in ["podman", "buildah"] {
            let file = folder.path().join(name);
            std::fs::write(&file, "#!/bin/sh\n").unwrap();
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = Some(folder.path().as_os_str().to_owned());
        let found = find_builder(None, path.clone()).unwrap();
        assert_eq!(
            (found.name, found.program),
            ("podman", folder.path().join("podman"))
        );
        let named = find_builder(Some("buildah".into()), path.clone()).unwrap();
        assert_eq!(named.name, "buildah");
        let missing = find_builder(Some("docker".into()), path.clone()).unwrap_err();
        assert!(missing.to_string().contains("not installed"), "{missing}");
        let other = find_builder(Some("nerdctl".into()), path).unwrap_err();
        assert!(
            other.to_string().contains("not docker, podman or buildah"),
            "{other}"
        );
        let none = find_builder(None, Some(OsString::new()))
            .unwrap_err()
            .to_string();
        for name in BUILDERS {
            assert!(none.contains(name), "{none}");
        }
    }

    #[test]
    fn tags_are_what_registries_accept() {
        for good in ["v1.2.3", "3f9c2a1b7d4e-dirty-0a1b2c3d", "_x", "A"] {
            assert!(is_valid_tag(good), "{good}");
        }
        for bad in ["", "-x", ".x", "a:b", "a/b", "é", &"x".repeat(129)] {
            assert!(!is_valid_tag(bad), "{bad}");
        }
    }

    #[test]
    fn platforms_follow_the_instance_types() {
        assert_eq!(platforms(&[]), ["linux/amd64"]);
        assert_eq!(platforms(&["t3.large", "m5.large"]), ["linux/amd64"]);
        assert_eq!(platforms(&["t4g.large", "m7g.large"]), ["linux/arm64"]);
        assert_eq!(
            platforms(&["t4g.large", "t3.large"]),
            ["linux/amd64", "linux/arm64"]
        );
    }

    fn strings(steps: Vec<Vec<OsString>>) -> Vec<String> {
        steps.iter().map(|step| shown(step)).collect()
    }

    #[test]
    fn one_platform_builds_then_pushes() {
        let steps = commands(
            &["linux/arm64"],
            Path::new("ctx/Dockerfile"),
            Path::new("ctx"),
            "host/api:abc",
            true,
        );
        assert_eq!(
            strings(steps),
            [
                "build --platform linux/arm64 -f ctx/Dockerfile -t host/api:abc ctx",
                "push host/api:abc"
            ]
        );
        let steps = commands(
            &["linux/amd64"],
            Path::new("Dockerfile"),
            Path::new("."),
            "host/api:abc",
            false,
        );
        assert_eq!(
            strings(steps),
            ["build --platform linux/amd64 -f Dockerfile -t host/api:abc ."]
        );
    }

    #[test]
    fn two_platforms_build_and_push_with_buildx() {
        let steps = commands(
            &["linux/amd64", "linux/arm64"],
            Path::new("Dockerfile"),
            Path::new("."),
            "host/api:abc",
            true,
        );
        assert_eq!(
            strings(steps),
            [
                "buildx build --platform linux/amd64,linux/arm64 -f Dockerfile -t host/api:abc --push ."
            ]
        );
    }
}
