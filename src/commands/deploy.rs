//! `sleak deploy`, `rollback`, `releases`, `logs` and `status -p … -e …`: what app
//! developers run every day. The engine is in release/; this is where the workspace,
//! AWS (the image repository) and the cluster are put together.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use futures::StreamExt as _;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::CronJob;
use k8s_openapi::api::core::v1::{ConfigMap, Pod, Secret};
use kube::api::{Api, ListParams, LogParams};
use serde_json::{Value as Json, json};
use sha2::{Digest, Sha256};

use super::var::remote::{aws_access, cluster_client_with};
use super::{Context, block_on, scope};
use crate::cli::{DeployArgs, LogsArgs, ProjectEnvArgs, ReleasesArgs, RollbackArgs};
use crate::error::{HintedFailure, UsageError};
use crate::providers::aws::access::AccountAccess;
use crate::release::deploy::{self, Deployed, Options, Release};
use crate::release::record::{self, Record, Status};
use crate::release::rollout::Workload;
use crate::release::{chart, image};
use crate::render::service::{ReleaseInput, SourceKind, release as render_release};
use crate::workspace::Workspace;
use crate::workspace::model::{ProjectEnv, ServiceKind};

type Access = (AccountAccess, BTreeMap<String, String>);

/// The ProjectEnv a command works on, and its cluster.
struct Target {
    workspace: Workspace,
    project_env: ProjectEnv,
    client: kube::Client,
    access: Option<Access>,
}

/// Whether a service runs the project's own image (not an `image` of its own).
fn uses_repository(project_env: &ProjectEnv) -> bool {
    project_env
        .services
        .iter()
        .any(|service| service.image.is_none())
}

async fn open(context: &Context, scope: ProjectEnvArgs, need_aws: bool) -> anyhow::Result<Target> {
    let workspace = context.load_workspace()?;
    let (project, env) = scope::resolve(&context.printer, &workspace, scope)?;
    let project_env = scope::project_env(&workspace, &project, &env)?.clone();
    let eks = workspace
        .cluster(&project_env.cluster)
        .and_then(|cluster| cluster.account())
        .is_some();
    let access = if eks || need_aws {
        Some(aws_access(context, &workspace).await?)
    } else {
        None
    };
    let client = cluster_client_with(context, &workspace, &project_env, access.as_ref()).await?;
    Ok(Target {
        workspace,
        project_env,
        client,
        access,
    })
}

/// The tag `sleak build` gives the image of the current folder's git commit (with its
/// `-dirty-<hash>` suffix when the tree has changes); None outside a repository.
fn head_tag(folder: &Path) -> Option<String> {
    super::build::git_tag(folder, true).ok()
}

/// The ConfigMaps and Secrets the pods take their variables from, each once.
fn variable_sources(project_env: &ProjectEnv) -> Vec<(&'static str, String)> {
    let mut sources: Vec<(&'static str, String)> = Vec::new();
    for service in &project_env.services {
        for (kind, name) in crate::render::service::variable_sources(project_env, service) {
            let kind = match kind {
                SourceKind::Secret => "Secret",
                SourceKind::ConfigMap => "ConfigMap",
            };
            if !sources
                .iter()
                .any(|(seen, other)| *seen == kind && *other == name)
            {
                sources.push((kind, name));
            }
        }
    }
    sources
}

/// A SHA-256 of the data of every ConfigMap and Secret the pods read: changed by any
/// variable change, secret ones included (their values are hashed, never shown).
async fn variables_checksum(
    client: &kube::Client,
    project_env: &ProjectEnv,
) -> anyhow::Result<String> {
    let namespace = project_env.namespace.as_str();
    let config_maps: Api<ConfigMap> = Api::namespaced(client.clone(), namespace);
    let secrets: Api<Secret> = Api::namespaced(client.clone(), namespace);
    let sources = variable_sources(project_env);
    let read = futures::future::try_join_all(sources.iter().map(|(kind, name)| {
        let (config_maps, secrets) = (config_maps.clone(), secrets.clone());
        async move {
            let data: Option<BTreeMap<String, Vec<u8>>> = if *kind == "Secret" {
                secrets.get_opt(name).await?.map(|secret| {
                    secret
                        .data
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(key, value)| (key, value.0))
                        .collect()
                })
            } else {
                config_maps.get_opt(name).await?.map(|config_map| {
                    config_map
                        .data
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(key, value)| (key, value.into_bytes()))
                        .collect()
                })
            };
            anyhow::Ok((*kind, name.clone(), data))
        }
    }))
    .await
    .with_context(|| format!("could not read the variables of namespace {namespace}"))?;
    let mut hash = Sha256::new();
    let mut missing = Vec::new();
    for (kind, name, data) in read {
        let Some(data) = data else {
            missing.push(format!("{kind} {name}"));
            continue;
        };
        hash.update(format!("{kind}/{name}\n").as_bytes());
        for (key, value) in data {
            hash.update(key.as_bytes());
            hash.update(b"=");
            hash.update(&value);
            hash.update(b"\n");
        }
    }
    if !missing.is_empty() {
        return Err(HintedFailure::new(
            format!(
                "namespace {namespace} lacks what the services read their variables from: {}",
                missing.join(", ")
            ),
            format!(
                "create them with `sleak apply -p {} -e {}`",
                project_env.project, project_env.env
            ),
        )
        .into());
    }
    Ok(format!("{:x}", hash.finalize()))
}

/// The Deployments of a manifest: what a deploy waits for.
fn workloads(objects: &[Json]) -> Vec<Workload> {
    objects
        .iter()
        .filter(|object| object["kind"] == "Deployment")
        .map(|object| Workload {
            service: object["metadata"]["labels"]["app.kubernetes.io/name"]
                .as_str()
                .or(object["metadata"]["name"].as_str())
                .unwrap_or("")
                .to_owned(),
            deployment: object["metadata"]["name"].as_str().unwrap_or("").to_owned(),
        })
        .collect()
}

fn is_hook(object: &Json) -> bool {
    object["metadata"]["annotations"]["helm.sh/hook"].is_string()
}

/// The release of the workspace's rendering.
async fn rendered(context: &Context, target: &Target, tag: &str) -> anyhow::Result<Release> {
    let project_env = &target.project_env;
    let repository = match project_repository(target).await? {
        Some(repository) => {
            check_image(context, target, &repository, tag).await?;
            repository
        }
        None => String::new(),
    };
    let checksum = variables_checksum(&target.client, project_env).await?;
    let input = ReleaseInput {
        workspace: &target.workspace,
        project_env,
        repository,
        tag: tag.to_owned(),
        variables_checksum: checksum,
    };
    let rendered = render_release(&input);
    let manifest = chart::manifest(&rendered);
    let objects = record::manifest_objects(&manifest)?;
    let files = chart::files(&rendered, &input);
    let hook = rendered.pre_deploy.clone().map(|job| {
        let service = job["metadata"]["labels"]["app.kubernetes.io/name"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        (service, job)
    });
    Ok(Release {
        name: rendered.name.clone(),
        namespace: rendered.namespace.clone(),
        tag: tag.to_owned(),
        workloads: workloads(&objects),
        objects,
        manifest,
        hook,
        chart_metadata: chart::metadata(&input),
        templates: files
            .into_iter()
            .filter(|(path, _)| path.starts_with("templates/"))
            .collect(),
        chart_values: chart::values(&input),
    })
}

/// The release of a chart folder written by `sleak release` (and maybe edited since):
/// Helm renders it, as `helm template` does.
async fn from_chart(target: &Target, folder: &Path) -> anyhow::Result<Release> {
    let project_env = &target.project_env;
    let read = |name: &str| -> anyhow::Result<String> {
        std::fs::read_to_string(folder.join(name)).map_err(|error| {
            UsageError::new(format!(
                "could not read {}: {error}",
                folder.join(name).display()
            ))
            .with_hint("write the chart with `sleak release -p … -e … --out DIR`")
            .into()
        })
    };
    let metadata: Json = serde_saphyr::from_str(&read("Chart.yaml")?)
        .with_context(|| format!("{} is not a chart's Chart.yaml", folder.display()))?;
    let values: Json = serde_saphyr::from_str(&read("values.yaml")?).unwrap_or(json!({}));
    let mut templates = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(folder.join("templates"))
        .with_context(|| format!("{} has no templates folder", folder.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if let Some(name) = path.file_name().and_then(|name| name.to_str()) {
            templates.push((format!("templates/{name}"), std::fs::read_to_string(&path)?));
        }
    }
    let text = crate::providers::kubernetes::run_helm(&[
        "template".to_owned(),
        project_env.project.clone(),
        folder.display().to_string(),
        "--namespace".to_owned(),
        project_env.namespace.clone(),
    ])
    .await?;
    let mut manifest = String::new();
    let mut hook = None;
    for document in text
        .split("\n---\n")
        .map(|doc| doc.trim_start_matches("---\n"))
    {
        let object: Json = match serde_saphyr::from_str(document) {
            Ok(object) => object,
            Err(_) => continue,
        };
        if object.is_null() {
            continue;
        }
        if is_hook(&object) {
            let service = object["metadata"]["labels"]["app.kubernetes.io/name"]
                .as_str()
                .unwrap_or("")
                .to_owned();
            hook = Some((service, object));
        } else {
            manifest.push_str("---\n");
            manifest.push_str(document.trim_end());
            manifest.push('\n');
        }
    }
    let objects = record::manifest_objects(&manifest)?;
    let tag = metadata["appVersion"].as_str().unwrap_or("").to_owned();
    Ok(Release {
        name: project_env.project.clone(),
        namespace: project_env.namespace.clone(),
        tag,
        workloads: workloads(&objects),
        objects,
        manifest,
        hook,
        chart_metadata: metadata,
        templates,
        chart_values: values,
    })
}

/// A chart folder's images of the project's repository (its pods' containers, the
/// pre-deploy Job's too, as Helm rendered them) must be in the repository before the
/// cluster is touched, as with a rendered release; images of other registries are the
/// user's.
async fn check_chart_images(
    context: &Context,
    target: &Target,
    release: &Release,
) -> anyhow::Result<()> {
    let Some(repository) = project_repository(target).await? else {
        return Ok(());
    };
    let hook = release.hook.as_ref().map(|(_, job)| job);
    for tag in repository_tags(release.objects.iter().chain(hook), &repository) {
        check_image(context, target, &repository, &tag).await?;
    }
    Ok(())
}

/// The project's ECR repository URI, when the ProjectEnv runs images of it and the
/// organization is reachable (no AWS access: nothing to check).
async fn project_repository(target: &Target) -> anyhow::Result<Option<String>> {
    match &target.access {
        Some((access, accounts)) if uses_repository(&target.project_env) => {
            let repository = image::repository_uri_with(
                access,
                accounts,
                &target.workspace,
                &target.project_env.project,
            )
            .await?;
            Ok(Some(repository))
        }
        _ => Ok(None),
    }
}

/// The tags of `repository` that the containers and init containers of `objects` run
/// (`<repository>:<tag>`; an image by digest names no tag), each once, sorted.
fn repository_tags<'a>(
    objects: impl Iterator<Item = &'a Json>,
    repository: &str,
) -> std::collections::BTreeSet<String> {
    objects
        .map(pod_spec)
        .flat_map(|spec| {
            let containers = spec["containers"].as_array().into_iter().flatten();
            containers.chain(spec["initContainers"].as_array().into_iter().flatten())
        })
        .filter_map(|container| container["image"].as_str())
        .filter_map(|image| image.strip_prefix(repository)?.strip_prefix(':'))
        .map(str::to_owned)
        .collect()
}

/// The pod template's spec of a workload (a CronJob's through its job template); null
/// for an object that runs no pods.
fn pod_spec(object: &Json) -> &Json {
    if object["kind"] == "CronJob" {
        &object["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    } else {
        &object["spec"]["template"]["spec"]
    }
}

/// The image must be in the repository before the cluster is touched.
async fn check_image(
    context: &Context,
    target: &Target,
    repository: &str,
    tag: &str,
) -> anyhow::Result<()> {
    let Some((access, accounts)) = &target.access else {
        return Ok(());
    };
    let management = accounts
        .get(crate::workspace::model::MANAGEMENT_ACCOUNT)
        .context("the organization has no management account")?;
    let config = access.config(management).await;
    let name = repository
        .split_once('/')
        .map_or(repository, |(_, name)| name);
    if !crate::providers::aws::ecr::image_exists(&config, name, tag).await? {
        return Err(UsageError::new(format!(
            "there is no image `{tag}` in the repository {repository}"
        ))
        .with_hint(format!(
            "build and push it with `sleak build -p {}`, or pass an existing --image-tag",
            target.project_env.project
        ))
        .into());
    }
    context
        .printer
        .debug(&format!("image {repository}:{tag} is in ECR"));
    Ok(())
}

/// `https://host` of each web service that has hosts.
fn urls(project_env: &ProjectEnv) -> Vec<(String, String)> {
    project_env
        .services
        .iter()
        .filter(|service| service.kind == ServiceKind::Web)
        .filter_map(|service| {
            service
                .hosts
                .first()
                .map(|host| (service.name.clone(), format!("https://{host}")))
        })
        .collect()
}

/// `sleak deploy`.
pub fn deploy(context: &Context, args: DeployArgs) -> anyhow::Result<()> {
    let printer = &context.printer;
    block_on(async {
        let workspace = context.load_workspace()?;
        let (project, env) = scope::resolve(printer, &workspace, args.scope.clone())?;
        let pe = scope::project_env(&workspace, &project, &env)?.clone();
        let needs_repository = uses_repository(&pe);
        let tag = match (&args.image_tag, &args.release) {
            (Some(tag), _) => tag.clone(),
            (None, Some(_)) => String::new(),
            (None, None) => match head_tag(&context.current_dir) {
                Some(tag) => tag,
                None if !needs_repository => "unversioned".to_owned(),
                None => {
                    return Err(UsageError::new(
                        "which image tag? The current folder is not in a git repository",
                    )
                    .with_hint("pass --image-tag TAG (the tag `sleak build` pushed)")
                    .into());
                }
            },
        };
        let target = open(context, args.scope, needs_repository).await?;
        let release = match &args.release {
            Some(folder) => {
                let release = from_chart(&target, folder).await?;
                check_chart_images(context, &target, &release).await?;
                release
            }
            None => rendered(context, &target, &tag).await?,
        };
        let options = Options {
            dry_run: args.dry_run,
            atomic: args.atomic,
            wait: !args.no_wait,
            timeout: args.timeout,
            force: args.force,
            lock_timeout: context.global.lock_timeout,
            command: "sleak deploy".to_owned(),
        };
        let outcome = deploy::deploy(&target.client, &release, &options, printer).await?;
        let urls = urls(&target.project_env);
        match outcome {
            Deployed::Nothing { revision } => {
                if printer.json() {
                    printer.data_json(&json!({ "status": "unchanged", "release": release.name, "namespace": release.namespace, "revision": revision, "tag": release.tag }));
                } else {
                    printer.status(&format!(
                        "Nothing to deploy: revision {revision} of {} in {} is this release already (--force deploys it again)",
                        release.name, release.namespace
                    ));
                }
            }
            Deployed::DryRun(diffs) => {
                if printer.json() {
                    let objects: Vec<Json> = diffs
                        .iter()
                        .map(|diff| json!({ "object": diff.object, "action": diff.action, "diff": diff.lines }))
                        .collect();
                    printer.data_json(&json!({ "status": "dry-run", "release": release.name, "namespace": release.namespace, "objects": objects }));
                } else {
                    for diff in &diffs {
                        printer.data(&format!("{} {}", diff.action, diff.object));
                        for line in &diff.lines {
                            printer.data(&format!("    {line}"));
                        }
                    }
                    printer.status("Dry run: nothing was changed");
                }
            }
            Deployed::Done {
                revision,
                previous,
                recovered,
            } => {
                if printer.json() {
                    printer.data_json(&json!({
                        "status": "deployed", "release": release.name, "namespace": release.namespace,
                        "revision": revision, "previous": previous, "recovered": recovered, "tag": release.tag,
                        "urls": urls.iter().map(|(service, url)| json!({ "service": service, "url": url })).collect::<Vec<_>>(),
                    }));
                } else {
                    printer.success(
                        "Deployed",
                        &format!(
                            "{} {} to {} as revision {revision}",
                            release.name, release.tag, release.namespace
                        ),
                    );
                    for (service, url) in &urls {
                        printer.data(&format!("{service}: {url}"));
                    }
                }
            }
        }
        Ok(())
    })?
}

/// `sleak rollback`.
pub fn rollback(context: &Context, args: RollbackArgs) -> anyhow::Result<()> {
    let printer = &context.printer;
    block_on(async {
        let target = open(context, args.scope, false).await?;
        let namespace = target.project_env.namespace.clone();
        let name = target.project_env.project.clone();
        let lock = crate::release::lock::DeployLock::acquire(
            &target.client,
            &namespace,
            &name,
            "sleak rollback",
            context.global.lock_timeout,
            printer,
        )
        .await?;
        let result = rollback_locked(
            &target,
            &name,
            args.revision,
            args.no_wait,
            args.timeout,
            printer,
        )
        .await;
        lock.release().await;
        let (revision, to) = result?;
        if printer.json() {
            printer.data_json(&json!({ "status": "deployed", "release": name, "namespace": namespace, "revision": revision, "rolled_back_to": to }));
        } else {
            printer.success(
                "Rolled back",
                &format!("{name} in {namespace} to revision {to}, as revision {revision}"),
            );
        }
        Ok(())
    })?
}

async fn rollback_locked(
    target: &Target,
    name: &str,
    revision: Option<u32>,
    no_wait: bool,
    timeout: Duration,
    printer: &crate::output::Printer,
) -> anyhow::Result<(u32, u32)> {
    let namespace = &target.project_env.namespace;
    let history = record::history(&target.client, namespace, name).await?;
    let current = deploy::current(&history).cloned();
    let wanted = match revision {
        Some(revision) => history.iter().find(|record| record.version == revision),
        None => {
            let below = current.as_ref().map_or(u32::MAX, |record| record.version);
            history.iter().rev().find(|record| {
                record.version < below
                    && matches!(record.status, Status::Superseded | Status::Deployed)
            })
        }
    };
    let Some(wanted) = wanted.cloned() else {
        return Err(UsageError::new(match revision {
            Some(revision) => format!("{name} has no revision {revision} in {namespace}"),
            None => format!("{name} has no earlier revision to go back to in {namespace}"),
        })
        .with_hint("list them with `sleak releases -p … -e …`")
        .into());
    };
    let version = history.last().map_or(1, |record| record.version + 1);
    let live = match &current {
        Some(record) => record::manifest_objects(&record.manifest)?,
        None => Vec::new(),
    };
    let release = Release {
        name: name.to_owned(),
        namespace: namespace.clone(),
        tag: String::new(),
        objects: live,
        manifest: String::new(),
        hook: None,
        chart_metadata: json!({}),
        templates: Vec::new(),
        chart_values: json!({}),
        workloads: Vec::new(),
    };
    deploy::restore(&target.client, &release, &wanted, version, printer).await?;
    if !no_wait {
        let objects = record::manifest_objects(&wanted.manifest)?;
        let outcome = crate::release::rollout::wait(
            &target.client,
            namespace,
            name,
            &workloads(&objects),
            timeout,
            printer,
        )
        .await?;
        match outcome {
            crate::release::rollout::Outcome::Ready => {}
            crate::release::rollout::Outcome::Failed(failure) => {
                return Err(HintedFailure::new(
                    format!(
                        "revision {version} (revision {} put back) is not serving: {}",
                        wanted.version,
                        failure.describe()
                    ),
                    "see `sleak logs SERVICE -p … -e …`",
                )
                .into());
            }
            crate::release::rollout::Outcome::TimedOut(waiting) => {
                return Err(HintedFailure::new(
                    format!("revision {version} is not ready: {}", waiting.join(", ")),
                    "see `sleak status -p … -e …`",
                )
                .into());
            }
        }
    }
    Ok((version, wanted.version))
}

/// The images of a manifest's containers, `service=image`.
fn images(record: &Record) -> Vec<String> {
    let mut images = Vec::new();
    for object in record::manifest_objects(&record.manifest).unwrap_or_default() {
        let spec = pod_spec(&object);
        for container in spec["containers"].as_array().into_iter().flatten() {
            if let Some(image) = container["image"].as_str() {
                let short = image.rsplit('/').next().unwrap_or(image);
                let entry = format!("{}={short}", container["name"].as_str().unwrap_or(""));
                if !images.contains(&entry) {
                    images.push(entry);
                }
            }
        }
    }
    images
}

/// `sleak releases`.
pub fn releases(context: &Context, args: ReleasesArgs) -> anyhow::Result<()> {
    let printer = &context.printer;
    block_on(async {
        let target = open(context, args.scope, false).await?;
        let namespace = &target.project_env.namespace;
        let name = &target.project_env.project;
        let history = record::history(&target.client, namespace, name).await?;
        let shown: Vec<&Record> = history.iter().rev().take(args.max).collect();
        if printer.json() {
            let list: Vec<Json> = shown
                .iter()
                .map(|record| json!({ "revision": record.version, "updated": record.last_deployed, "status": record.status.as_str(), "images": images(record), "app_version": record.chart_metadata["appVersion"], "description": record.description }))
                .collect();
            printer
                .data_json(&json!({ "release": name, "namespace": namespace, "revisions": list }));
            return Ok(());
        }
        if shown.is_empty() {
            printer.status(&format!("{name} was never deployed to {namespace}"));
            return Ok(());
        }
        let rows = shown
            .iter()
            .map(|record| {
                vec![
                    record.version.to_string(),
                    record.last_deployed.clone(),
                    record.status.as_str().to_owned(),
                    images(record).join(" "),
                    record.description.clone(),
                ]
            })
            .collect();
        printer.table(
            &["REVISION", "UPDATED", "STATUS", "IMAGES", "DESCRIPTION"],
            rows,
        );
        Ok(())
    })?
}

/// `sleak status -p P -e E`: the services, ready over desired, image, URL, last deploy.
pub fn service_status(context: &Context, scope: ProjectEnvArgs) -> anyhow::Result<()> {
    let printer = &context.printer;
    block_on(async {
        let target = open(context, scope, false).await?;
        let pe = &target.project_env;
        let namespace = pe.namespace.as_str();
        let deployments: Api<Deployment> = Api::namespaced(target.client.clone(), namespace);
        let cron_jobs: Api<CronJob> = Api::namespaced(target.client.clone(), namespace);
        let selector =
            ListParams::default().labels(&format!("app.kubernetes.io/instance={}", pe.project));
        let (listed, crons, history) = futures::future::join3(
            deployments.list(&selector),
            cron_jobs.list(&selector),
            record::history(&target.client, namespace, &pe.project),
        )
        .await;
        let listed = listed.context("could not read the Deployments")?;
        let crons = crons.context("could not read the CronJobs")?;
        let history = history?;
        let last = history.last();
        let urls: BTreeMap<String, String> = urls(pe).into_iter().collect();
        let mut services = Vec::new();
        for service in &pe.services {
            let (ready, image, state) = match service.kind {
                ServiceKind::Cron => {
                    let found = crons
                        .items
                        .iter()
                        .find(|cron| cron.metadata.name.as_deref() == Some(&service.name));
                    let image = found
                        .and_then(|cron| cron.spec.as_ref())
                        .and_then(|spec| spec.job_template.spec.as_ref())
                        .and_then(|spec| spec.template.spec.as_ref())
                        .and_then(|spec| spec.containers.first())
                        .and_then(|container| container.image.clone());
                    let last_run = found
                        .and_then(|cron| cron.status.as_ref())
                        .and_then(|status| status.last_schedule_time.as_ref())
                        .map(|time| time.0.to_string());
                    let state = match (found, last_run) {
                        (None, _) => "not deployed".to_owned(),
                        (Some(_), Some(time)) => format!("last run {time}"),
                        (Some(_), None) => "scheduled".to_owned(),
                    };
                    (String::from("-"), image, state)
                }
                _ => {
                    let found = listed.items.iter().find(|deployment| {
                        deployment.metadata.name.as_deref() == Some(&service.name)
                    });
                    let image = found
                        .and_then(|deployment| deployment.spec.as_ref())
                        .and_then(|spec| spec.template.spec.as_ref())
                        .and_then(|spec| spec.containers.first())
                        .and_then(|container| container.image.clone());
                    let (ready, desired) = found.map_or((0, 0), |deployment| {
                        let desired = deployment
                            .spec
                            .as_ref()
                            .and_then(|spec| spec.replicas)
                            .unwrap_or(1);
                        let ready = deployment
                            .status
                            .as_ref()
                            .and_then(|status| status.ready_replicas)
                            .unwrap_or(0);
                        (ready, desired)
                    });
                    let state = match found {
                        None => "not deployed",
                        Some(_) if ready >= desired => "ready",
                        Some(_) => "starting",
                    };
                    (format!("{ready}/{desired}"), image, state.to_owned())
                }
            };
            services.push((service.name.clone(), service.kind, ready, image, state));
        }
        if printer.json() {
            let list: Vec<Json> = services
                .iter()
                .map(|(name, kind, ready, image, state)| json!({ "service": name, "kind": crate::workspace::validate::service_kind_name(*kind), "ready": ready, "image": image, "state": state, "url": urls.get(name) }))
                .collect();
            printer.data_json(&json!({
                "project": pe.project, "env": pe.env, "namespace": namespace, "services": list,
                "last_deploy": last.map(|record| json!({ "revision": record.version, "status": record.status.as_str(), "updated": record.last_deployed, "description": record.description })),
            }));
            return Ok(());
        }
        let rows = services
            .into_iter()
            .map(|(name, kind, ready, image, state)| {
                vec![
                    urls.get(&name)
                        .cloned()
                        .map_or(name.clone(), |_| name.clone()),
                    crate::workspace::validate::service_kind_name(kind).to_owned(),
                    ready,
                    state,
                    image.unwrap_or_else(|| "-".to_owned()),
                    urls.get(&name).cloned().unwrap_or_else(|| "-".to_owned()),
                ]
            })
            .collect();
        printer.table(&["SERVICE", "KIND", "READY", "STATE", "IMAGE", "URL"], rows);
        match last {
            Some(record) => printer.status(&format!(
                "Last deploy: revision {} {} at {} ({})",
                record.version,
                record.status.as_str(),
                record.last_deployed,
                record.description
            )),
            None => printer.status(&format!("{} was never deployed to {namespace}", pe.project)),
        }
        Ok(())
    })?
}

/// `sleak logs SERVICE`: every pod of the service, each line prefixed by its pod.
pub fn logs(context: &Context, args: LogsArgs) -> anyhow::Result<()> {
    let printer = &context.printer;
    block_on(async {
        let target = open(context, args.scope, false).await?;
        let pe = &target.project_env;
        if !pe
            .services
            .iter()
            .any(|service| service.name == args.service)
        {
            let names: Vec<&str> = pe
                .services
                .iter()
                .map(|service| service.name.as_str())
                .collect();
            return Err(UsageError::new(format!(
                "{}/{} has no service `{}`",
                pe.project, pe.env, args.service
            ))
            .with_hint(format!("its services: {}", names.join(", ")))
            .into());
        }
        let pods: Api<Pod> = Api::namespaced(target.client.clone(), &pe.namespace);
        let selector = format!(
            "app.kubernetes.io/instance={},app.kubernetes.io/name={}",
            pe.project, args.service
        );
        let listed = pods
            .list(&ListParams::default().labels(&selector))
            .await
            .context("could not list the service's pods")?;
        if listed.items.is_empty() {
            printer.status(&format!("{} has no pods in {}", args.service, pe.namespace));
            return Ok(());
        }
        let params = LogParams {
            follow: args.follow,
            since_seconds: args.since.map(|since| since.as_secs() as i64),
            tail_lines: args.tail,
            ..LogParams::default()
        };
        let names: Vec<String> = listed
            .items
            .iter()
            .filter_map(|pod| pod.metadata.name.clone())
            .collect();
        if !args.follow {
            let texts =
                futures::future::join_all(names.iter().map(|name| pods.logs(name, &params))).await;
            for (name, text) in names.iter().zip(texts) {
                match text {
                    Ok(text) => {
                        for line in text.lines() {
                            printer.data(&format!("[{name}] {line}"));
                        }
                    }
                    Err(error) => {
                        printer.warning(&format!("{name}: could not read its log: {error}"))
                    }
                }
            }
            return Ok(());
        }
        let mut streams = Vec::new();
        for name in &names {
            let stream = pods
                .log_stream(name, &params)
                .await
                .with_context(|| format!("could not follow the log of {name}"))?;
            let prefix = name.clone();
            let lines = futures::io::AsyncBufReadExt::lines(stream)
                .map(move |line| line.map(|line| format!("[{prefix}] {line}")));
            streams.push(lines.boxed());
        }
        let mut merged = futures::stream::select_all(streams);
        while let Some(line) = merged.next().await {
            match line {
                Ok(line) => printer.data(&line),
                Err(error) => {
                    printer.warning(&format!("a log stream ended: {error}"));
                }
            }
        }
        Ok(())
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charts_tags_are_those_of_the_projects_repository_in_every_pod_template() {
        let repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api";
        let deployment = json!({ "kind": "Deployment", "spec": { "template": { "spec": {
            "initContainers": [{ "image": format!("{repository}:v3") }],
            "containers": [
                { "image": format!("{repository}:v2") },
                { "image": "docker.io/library/nginx:1.27" },
                { "image": format!("{repository}-other:v9") },
                { "image": format!("{repository}@sha256:0123") },
            ],
        }}}});
        let cron_job = json!({ "kind": "CronJob", "spec": { "jobTemplate": { "spec": {
            "template": { "spec": { "containers": [{ "image": format!("{repository}:v2") }] } },
        }}}});
        let hook = json!({ "kind": "Job", "spec": { "template": { "spec": {
            "containers": [{ "image": format!("{repository}:v4") }],
        }}}});
        let service = json!({ "kind": "Service", "spec": { "ports": [{ "port": 80 }] } });
        let tags = repository_tags(
            [&deployment, &cron_job, &service, &hook].into_iter(),
            repository,
        );
        assert_eq!(
            tags.into_iter().collect::<Vec<_>>(),
            ["v2", "v3", "v4"],
            "each tag once; other registries, other repositories and digests are not checked"
        );
    }
}
