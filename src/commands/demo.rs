//! `sleak demo [DIR]`: the whole platform in the local sandbox. It writes a workspace
//! (sleak.toml.example adapted to the sandbox) into a fresh folder, starts the sandbox
//! when it is not running, and runs the flow a user would type — validate, plan, onboard,
//! a secret variable, apply, an image, deploy — each as a `sleak` process of its own with
//! the sandbox's environment, so that its progress is the real command's and the printed
//! commands work as shown. It ends with a table of what exists, read back from the
//! sandbox, and the next commands to try. A second run reuses the folder, changes
//! nothing and says so.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::Context as _;
use serde_json::{Value as Json, json};

use super::sandbox::{ENV_UNSET, SandboxEndpoints, ensure_up, env_vars, profiles};
use super::{Context, block_on};
use crate::cli::DemoArgs;
use crate::error::UsageError;
use crate::output::progress::format_duration;
use crate::providers::aws::access::AccountAccess;
use crate::providers::aws::{ecr, organizations, sts};
use crate::workspace::model::MANAGEMENT_ACCOUNT;

/// The demo's workspace, written once into its folder and never overwritten.
const WORKSPACE: &str = include_str!("demo/sleak.toml");
/// The first line of [`WORKSPACE`]: how a folder is recognised as a demo's.
const MARKER: &str = "# The sleak demo:";
/// The default folder, under the current one.
const DEFAULT_FOLDER: &str = "sleak-demo";
const PROJECT: &str = "api";
const ENV: &str = "staging";
/// The service whose group gets the demo's secret variable, and its name.
const SECRET_SERVICE: &str = "web";
const SECRET_KEY: &str = "SESSION_SECRET";
/// The tag of the image the demo registers in the sandbox's ECR.
const IMAGE_TAG: &str = "demo";

/// Variables of the user's shell that could send a child's AWS calls elsewhere than to
/// the sandbox (a role, container credentials, another workspace), beyond those
/// `sleak sandbox env` unsets: never passed on.
const VARIABLES_REMOVED: [&str; 7] = [
    "AWS_DEFAULT_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "SLEAK_WORKSPACE",
];

pub fn demo(context: &Context, args: DemoArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let folder = prepare_folder(context, args.dir)?;
    let (endpoints, sandbox_started) = ensure_up(context)?;
    let flow = Flow::new(context, &endpoints, &folder)?;
    let mut changed = sandbox_started || folder.created;

    flow.step(&["validate"], "the workspace: every problem at once")?;
    let pending = flow.pending_changes()?;
    if pending.is_empty() {
        context
            .printer
            .status("AWS and the cluster already match the workspace: nothing to onboard or apply");
    } else {
        context.printer.status(&format!(
            "{} to make: {}",
            count(pending.values().sum(), "change"),
            pending
                .iter()
                .map(|(action, n)| format!("{n} to {action}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        flow.step(
            &["onboard", "--yes"],
            "the organization, 3 accounts with their networks, the VPN and the DNS zone",
        )?;
    }
    if !flow.succeeds(&secret_args(&["var", "get"]))? {
        flow.set_secret()?;
        changed = true;
    }
    if !pending.is_empty() || !flow.pending_changes()?.is_empty() {
        flow.step(
            &["apply", "--yes"],
            "the ECR repository, the namespace, the dependencies with their Secrets, the variables",
        )?;
        changed = true;
    }
    if flow.register_image()? {
        changed = true;
    }
    let deployed = flow.deploy()?;
    changed |= deployed;

    let summary = flow.summary()?;
    if context.printer.json() {
        context.printer.data_json(&json!({
            "folder": folder.path,
            "changed": changed,
            "resources": summary,
        }));
    } else {
        context.printer.table(
            &["WHAT", "NAME", "WHERE", "ID", "STATE"],
            summary.iter().map(Row::cells).collect(),
        );
    }
    if changed {
        context.printer.success(
            "Finished",
            &format!(
                "the demo in {}: it runs in the sandbox",
                format_duration(started.elapsed())
            ),
        );
    } else {
        context
            .printer
            .status("Nothing changed: the demo was already in place.");
    }
    next_commands(context, &folder.path);
    Ok(())
}

/// The demo's folder and whether this run created it.
struct Folder {
    path: PathBuf,
    created: bool,
}

/// A new folder (DIR, or ./sleak-demo) with the demo's workspace; or the folder of an
/// earlier demo, reused as it is. Anything else there is never overwritten.
fn prepare_folder(context: &Context, dir: Option<PathBuf>) -> anyhow::Result<Folder> {
    let path = context
        .current_dir
        .join(dir.unwrap_or_else(|| PathBuf::from(DEFAULT_FOLDER)));
    let workspace = path.join("sleak.toml");
    if path.exists() {
        let is_demo =
            std::fs::read_to_string(&workspace).is_ok_and(|text| text.starts_with(MARKER));
        if is_demo {
            context.printer.status(&format!(
                "Using the demo workspace {} from an earlier run",
                workspace.display()
            ));
            return Ok(Folder {
                path,
                created: false,
            });
        }
        let empty = path
            .read_dir()
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(UsageError::new(format!(
                "`{}` exists and is not a sleak demo's folder",
                path.display()
            ))
            .with_hint(
                "sleak demo never overwrites: name a new folder, e.g. `sleak demo ./my-demo`",
            )
            .into());
        }
    }
    std::fs::create_dir_all(&path)
        .with_context(|| format!("could not create `{}`", path.display()))?;
    // Written only if absent: never over a file that appeared meanwhile.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&workspace)
        .with_context(|| format!("could not write `{}`", workspace.display()))?;
    file.write_all(WORKSPACE.as_bytes())
        .with_context(|| format!("could not write `{}`", workspace.display()))?;
    context.printer.success(
        "Wrote",
        &format!(
            "the demo workspace {} (sleak.toml.example, adapted to the sandbox)",
            workspace.display()
        ),
    );
    Ok(Folder {
        path,
        created: true,
    })
}

/// Runs the demo's steps as sleak processes pointed at the sandbox and the workspace.
struct Flow<'a> {
    context: &'a Context,
    endpoints: &'a SandboxEndpoints,
    sleak: PathBuf,
    workspace: PathBuf,
    folder: PathBuf,
    /// Step headers are numbered as they run.
    step: std::cell::Cell<usize>,
}

impl<'a> Flow<'a> {
    fn new(
        context: &'a Context,
        endpoints: &'a SandboxEndpoints,
        folder: &Folder,
    ) -> anyhow::Result<Self> {
        Ok(Self {
            context,
            endpoints,
            sleak: std::env::current_exe().context("could not find the sleak binary")?,
            workspace: folder.path.join("sleak.toml"),
            folder: folder.path.clone(),
            step: std::cell::Cell::new(0),
        })
    }

    /// `sleak args…` in the demo's folder with the sandbox's environment and nothing of
    /// the user's AWS set-up (profiles, sessions, config files).
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.sleak);
        command
            .current_dir(&self.folder)
            .arg("-C")
            .arg(&self.workspace);
        for name in ENV_UNSET.iter().chain(&VARIABLES_REMOVED) {
            command.env_remove(name);
        }
        // The sandbox's own aws files among them: nothing of ~/.aws applies.
        for (name, value) in env_vars(self.endpoints) {
            command.env(name, value);
        }
        if !self.context.printer.color {
            command.env("NO_COLOR", "1");
        }
        command.args(args);
        command
    }

    /// A numbered step: the command as the user would type it, then the command itself,
    /// its output on stderr (the demo's stdout is its final table).
    fn step(&self, args: &[&str], what: &str) -> anyhow::Result<()> {
        self.header(args, what);
        let status = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(stderr_handle()?)
            .status()
            .with_context(|| format!("could not run `sleak {}`", args.join(" ")))?;
        if !status.success() {
            anyhow::bail!(
                "`sleak {}` failed (see above); fix it and run `sleak demo` again, which resumes",
                args.join(" ")
            );
        }
        Ok(())
    }

    fn header(&self, args: &[&str], what: &str) {
        self.title(&format!("sleak {}", args.join(" ")), what);
    }

    fn title(&self, title: &str, what: &str) {
        self.step.set(self.step.get() + 1);
        let printer = &self.context.printer;
        printer.status("");
        printer.status(&format!(
            "{} {} — {what}",
            printer.bold(&format!("{}.", self.step.get())),
            printer.bold(title),
        ));
    }

    /// Whether `sleak args…` succeeds, its output discarded.
    fn succeeds(&self, args: &[&str]) -> anyhow::Result<bool> {
        let output = self
            .command(args)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not run `sleak {}`", args.join(" ")))?;
        Ok(output.status.success())
    }

    /// `sleak args… --output json`, which must succeed, parsed.
    fn json(&self, args: &[&str]) -> anyhow::Result<Json> {
        let output = self
            .command(args)
            .args(["--output", "json"])
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .with_context(|| format!("could not run `sleak {}`", args.join(" ")))?;
        if !output.status.success() {
            anyhow::bail!(
                "`sleak {}` failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim_end()
            );
        }
        serde_json::from_slice(&output.stdout)
            .with_context(|| format!("`sleak {} --output json` printed no JSON", args.join(" ")))
    }

    /// What `sleak plan` would change, counted by action (`create`, `update`, …).
    fn pending_changes(&self) -> anyhow::Result<BTreeMap<String, usize>> {
        let plan = self.json(&["plan"])?;
        let mut counts = BTreeMap::new();
        for step in plan["steps"].as_array().into_iter().flatten() {
            let action = step["action"].as_str().unwrap_or("change");
            if action != "no-change" {
                *counts.entry(action.to_owned()).or_default() += 1;
            }
        }
        Ok(counts)
    }

    /// A random value for the web service's secret variable, given on stdin so that it
    /// appears in no argument list, output or file but Secrets Manager.
    fn set_secret(&self) -> anyhow::Result<()> {
        let args = secret_args(&["var", "set", "--secret"]);
        self.header(
            &args,
            "a secret variable: its value in Secrets Manager only",
        );
        let mut child = self
            .command(&args)
            .stdin(Stdio::piped())
            .stdout(stderr_handle()?)
            .spawn()
            .context("could not run `sleak var set`")?;
        let value = random_secret()?;
        child
            .stdin
            .take()
            .context("no stdin for `sleak var set`")?
            .write_all(value.as_bytes())
            .context("could not give `sleak var set` its value")?;
        if !child.wait()?.success() {
            anyhow::bail!("`sleak var set {SECRET_KEY} --secret` failed (see above)");
        }
        Ok(())
    }

    /// The image the deploy runs, registered in the project's ECR repository in the
    /// sandbox (a manifest: the sandbox runs no containers, and on AWS `sleak build`
    /// pushes the real image). False when it was there already.
    fn register_image(&self) -> anyhow::Result<bool> {
        let created = block_on(register_image(self.endpoints, PROJECT, IMAGE_TAG))??;
        if created {
            self.title(
                &format!("the image {PROJECT}:{IMAGE_TAG}"),
                "in the project's ECR repository",
            );
            self.context.printer.success(
                "Registered",
                &format!("{PROJECT}:{IMAGE_TAG} in the sandbox's ECR: a manifest only (on AWS, `sleak build -p {PROJECT}` builds and pushes the image)"),
            );
        }
        Ok(created)
    }

    /// `sleak deploy`, whose progress shows; true when it made a revision.
    fn deploy(&self) -> anyhow::Result<bool> {
        let args = ["deploy", "-p", PROJECT, "-e", ENV, "--image-tag", IMAGE_TAG];
        self.header(
            &args,
            "the release (a Helm chart), its pre-deploy job, the rollout of every service",
        );
        let output = self
            .command(&args)
            .args(["--output", "json"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .output()
            .context("could not run `sleak deploy`")?;
        if !output.status.success() {
            anyhow::bail!(
                "`sleak deploy` failed (see above); fix it and run `sleak demo` again, which resumes"
            );
        }
        let result: Json =
            serde_json::from_slice(&output.stdout).context("`sleak deploy` printed no JSON")?;
        let unchanged = result["status"] == "unchanged";
        if unchanged {
            self.context.printer.status(&format!(
                "Nothing to deploy: revision {} already runs {PROJECT}:{IMAGE_TAG} with these variables",
                result["revision"]
            ));
        }
        Ok(!unchanged)
    }

    /// What exists now, read back from the sandbox through `sleak status`.
    fn summary(&self) -> anyhow::Result<Vec<Row>> {
        let status = self.json(&["status"])?;
        let services = self.json(&["status", "-p", PROJECT, "-e", ENV])?;
        Ok(summary_rows(&status, &services))
    }
}

/// `verb… SESSION_SECRET -p api -e staging -s web`: the demo's secret variable.
fn secret_args<'a>(verb: &[&'a str]) -> Vec<&'a str> {
    let mut args = verb.to_vec();
    args.extend([SECRET_KEY, "-p", PROJECT, "-e", ENV, "-s", SECRET_SERVICE]);
    args
}

/// One line of the final table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Row {
    what: String,
    name: String,
    #[serde(rename = "where")]
    place: String,
    id: String,
    state: String,
}

impl Row {
    fn cells(&self) -> Vec<String> {
        vec![
            self.what.clone(),
            self.name.clone(),
            self.place.clone(),
            self.id.clone(),
            self.state.clone(),
        ]
    }
}

/// The resources worth a line, by kind, with the word the table uses for them.
const SHOWN_KINDS: [(&str, &str); 12] = [
    ("organizations:organization", "organization"),
    ("organizations:account", "account"),
    ("ec2:vpc", "vpc"),
    ("ec2:instance", "vpn server"),
    ("route53:hosted-zone", "dns zone"),
    ("acm:certificate", "certificate"),
    ("ecr:repository", "repository"),
    ("kubernetes:Namespace", "namespace"),
    ("rds:db-instance", "database"),
    ("s3:bucket", "bucket"),
    ("elasticache:cache", "cache"),
    ("sqs:queue", "queue"),
];

fn summary_rows(status: &Json, services: &Json) -> Vec<Row> {
    let mut rows = Vec::new();
    for (kind, word) in SHOWN_KINDS {
        for resource in status["resources"].as_array().into_iter().flatten() {
            if resource["kind"] != kind {
                continue;
            }
            let id = resource["id"].as_str().unwrap_or_default();
            rows.push(Row {
                what: word.to_owned(),
                name: display_name(id),
                place: resource["account"].as_str().unwrap_or_default().to_owned(),
                id: short_id(resource["cloud_id"].as_str().unwrap_or("-")),
                state: resource["state"].as_str().unwrap_or_default().to_owned(),
            });
        }
    }
    let namespace = services["namespace"].as_str().unwrap_or_default();
    for service in services["services"].as_array().into_iter().flatten() {
        let kind = service["kind"].as_str().unwrap_or_default();
        let ready = service["ready"].as_str().unwrap_or("-");
        let state = service["state"].as_str().unwrap_or_default();
        rows.push(Row {
            what: format!("service ({kind})"),
            name: service["service"].as_str().unwrap_or_default().to_owned(),
            place: namespace.to_owned(),
            id: service["url"].as_str().unwrap_or("-").to_owned(),
            state: if ready == "-" {
                state.to_owned()
            } else {
                format!("{state} {ready}")
            },
        });
    }
    rows
}

/// An ARN's resource part (`certificate/…`): the rest is the account and region, which
/// the table shows already.
fn short_id(id: &str) -> String {
    match id.strip_prefix("arn:") {
        Some(arn) => arn.rsplit(':').next().unwrap_or(arn).to_owned(),
        None => id.to_owned(),
    }
}

/// `account/development/vpc` → `development`; `project/api/env/staging/dependency/db/…`
/// → `api/staging/db`: the names a user gave, not the plan's paths.
fn display_name(id: &str) -> String {
    let parts: Vec<&str> = id.split('/').collect();
    match parts.as_slice() {
        ["account", account, "vpn", ..] => format!("{account}/vpn"),
        ["account", account, ..] => (*account).to_owned(),
        ["environment", env, ..] => (*env).to_owned(),
        ["project", project, "env", env, "dependency", name, ..] => {
            format!("{project}/{env}/{name}")
        }
        ["project", project, "env", env, ..] => format!("{project}/{env}"),
        ["project", project, ..] => (*project).to_owned(),
        _ => id.to_owned(),
    }
}

fn next_commands(context: &Context, folder: &Path) {
    let printer = &context.printer;
    let shown = folder
        .strip_prefix(&context.current_dir)
        .unwrap_or(folder)
        .display()
        .to_string();
    printer.status("");
    printer.status("Next, try:");
    for line in [
        "eval \"$(sleak sandbox env)\"                # point sleak, aws, kubectl and helm at the sandbox"
            .to_owned(),
        format!("cd {shown}"),
        format!("sleak status -p {PROJECT} -e {ENV}                # services: ready, image, URL"),
        format!("sleak releases -p {PROJECT} -e {ENV}              # the Helm history"),
        format!("sleak logs web -p {PROJECT} -e {ENV}"),
        format!("sleak var list -p {PROJECT} -e {ENV} -s web        # what the pods read"),
        "kubectl get all -A; helm list -A".to_owned(),
        "aws ec2 describe-vpcs --query 'Vpcs[].[VpcId,CidrBlock]'".to_owned(),
        "sleak sandbox down                          # stop it all".to_owned(),
    ] {
        printer.status(&format!("  {line}"));
    }
}

/// Puts a manifest for `repository:tag` into the ECR repository of the management
/// account, as the sandbox's credentials reach it (the organization's access role).
/// Returns whether it was missing.
async fn register_image(
    endpoints: &SandboxEndpoints,
    repository: &str,
    tag: &str,
) -> anyhow::Result<bool> {
    let config = profiles::sdk_config(endpoints).await;
    let caller = sts::caller_identity(&config).await?.account;
    let management = organizations::list_accounts(&config)
        .await?
        .into_iter()
        .find(|account| account.active && account.name == MANAGEMENT_ACCOUNT)
        .context("the sandbox's organization has no management account")?;
    let access = AccountAccess::new(config, caller);
    let config = access.config(&management.id).await;
    if ecr::image_exists(&config, repository, tag).await? {
        return Ok(false);
    }
    aws_sdk_ecr::Client::new(&config)
        .put_image()
        .repository_name(repository)
        .image_tag(tag)
        .image_manifest(demo_manifest(tag).to_string())
        .image_manifest_media_type("application/vnd.oci.image.manifest.v1+json")
        .send()
        .await
        .with_context(|| format!("could not register the image `{repository}:{tag}`"))?;
    Ok(true)
}

/// An OCI image manifest with no layers: enough for ECR to hold a tag.
fn demo_manifest(tag: &str) -> Json {
    use sha2::Digest as _;
    let config = format!("{{\"sleak-demo\":\"{tag}\"}}");
    let digest = sha2::Sha256::digest(config.as_bytes());
    json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "size": config.len(),
            "digest": format!("sha256:{}", crate::hex::lower(&digest)),
        },
        "layers": [],
    })
}

/// 32 random characters from the operating system's generator.
fn random_secret() -> anyhow::Result<String> {
    use std::io::Read as _;
    let mut bytes = [0_u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut bytes))
        .context("could not read random bytes for the demo's secret")?;
    Ok(base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        bytes,
    ))
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A handle on this process's stderr for a child's stdout: the demo's stdout is its table.
fn stderr_handle() -> anyhow::Result<Stdio> {
    use std::os::fd::AsFd as _;
    let fd = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .context("could not share stderr with a child")?;
    Ok(Stdio::from(fd))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_starts_with_the_marker_and_is_valid() {
        assert!(WORKSPACE.starts_with(MARKER));
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("sleak.toml");
        std::fs::write(&file, WORKSPACE).unwrap();
        crate::workspace::load(&file).expect("the demo's workspace is valid");
    }

    #[test]
    fn arns_are_shortened_to_their_resource() {
        assert_eq!(
            short_id("arn:aws:acm:us-east-1:111:certificate/ab-12"),
            "certificate/ab-12"
        );
        assert_eq!(short_id("vpc-1"), "vpc-1");
    }

    #[test]
    fn names_are_the_users_not_the_plans() {
        assert_eq!(display_name("account/development/vpc"), "development");
        assert_eq!(
            display_name("account/management/vpn/instance"),
            "management/vpn"
        );
        assert_eq!(
            display_name("project/api/env/staging/dependency/db/rds-instance"),
            "api/staging/db"
        );
        assert_eq!(display_name("project/api/ecr-repository"), "api");
        assert_eq!(display_name("environment/staging/hosted-zone"), "staging");
        assert_eq!(display_name("organization"), "organization");
    }

    #[test]
    fn rows_come_from_status_in_a_fixed_order() {
        let status = json!({"resources": [
            {"id": "account/development/vpc", "kind": "ec2:vpc", "account": "development", "state": "ok", "cloud_id": "vpc-1"},
            {"id": "account/development", "kind": "organizations:account", "account": "root", "state": "ok", "cloud_id": "111"},
            {"id": "account/development/subnet/a", "kind": "ec2:subnet", "account": "development", "state": "ok", "cloud_id": "subnet-1"},
        ]});
        let services = json!({"namespace": "api-staging", "services": [
            {"service": "web", "kind": "web", "ready": "2/2", "state": "ready", "url": "https://web.staging.acme.dev"},
            {"service": "nightly", "kind": "cron", "ready": "-", "state": "scheduled", "url": null},
        ]});
        let rows = summary_rows(&status, &services);
        let cells: Vec<Vec<String>> = rows.iter().map(Row::cells).collect();
        assert_eq!(
            cells,
            [
                ["account", "development", "root", "111", "ok"],
                ["vpc", "development", "development", "vpc-1", "ok"],
                [
                    "service (web)",
                    "web",
                    "api-staging",
                    "https://web.staging.acme.dev",
                    "ready 2/2"
                ],
                ["service (cron)", "nightly", "api-staging", "-", "scheduled"],
            ]
        );
    }

    #[test]
    fn the_manifest_names_its_config_by_digest() {
        let manifest = demo_manifest("demo");
        let digest = manifest["config"]["digest"].as_str().unwrap();
        assert!(
            digest.starts_with("sha256:") && digest.len() == 71,
            "{digest}"
        );
        assert_eq!(manifest["layers"], json!([]));
    }

    #[test]
    fn secrets_are_random() {
        let first = random_secret().unwrap();
        assert_eq!(first.len(), 32);
        assert_ne!(first, random_secret().unwrap());
    }
}
