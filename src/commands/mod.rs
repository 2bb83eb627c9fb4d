//! One module per command group: resolve settings, load the workspace, act, report.

mod apply;
mod build;
mod cluster;
mod demo;
mod dep;
mod deploy;
mod destroy;
mod doctor;
mod eks_token;
mod env;
mod flow;
mod init;
mod kubeconfig;
mod meta;
mod plan;
mod project;
mod release;
mod sandbox;
mod scope;
mod service;
mod status;
mod unlock;
mod validate;
mod var;
mod vpn;

use std::path::PathBuf;

use anyhow::Context as _;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::operations::Session;
use crate::output::Printer;
use crate::providers::aws::AwsSettings;
use crate::workspace::{self, Workspace};

/// What every command gets: the printer and the global options.
pub struct Context {
    pub printer: Printer,
    pub global: GlobalArgs,
    pub current_dir: PathBuf,
}

impl Context {
    pub fn new(global: GlobalArgs) -> anyhow::Result<Self> {
        let printer = Printer::new(global.output, global.quiet, global.verbose, global.color);
        let current_dir = std::env::current_dir().context("could not read the current folder")?;
        Ok(Self {
            printer,
            global,
            current_dir,
        })
    }

    /// The workspace file: `-C`, else the nearest sleak.toml upward.
    pub fn workspace_file(&self) -> anyhow::Result<PathBuf> {
        let explicit = self.global.workspace.as_deref();
        let file = workspace::find(explicit, &self.current_dir)?;
        // Messages name the file as the user would type it from here.
        Ok(match file.strip_prefix(&self.current_dir) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.to_owned(),
            _ => file,
        })
    }

    pub fn load_workspace(&self) -> anyhow::Result<Workspace> {
        let file = self.workspace_file()?;
        self.printer
            .debug(&format!("workspace: {}", file.display()));
        workspace::load(&file)
    }

    /// What `--profile` and `--region` say about AWS, with the workspace's home region
    /// as the last resort.
    pub fn aws_settings(&self, workspace_region: Option<&str>) -> AwsSettings {
        AwsSettings {
            profile: self.global.profile.clone(),
            region: self.global.region.clone(),
            workspace_region: workspace_region.map(str::to_owned),
        }
    }

    /// Opens a session on the workspace's organization: credentials, the one region,
    /// everything observed.
    pub async fn open_session(&self, workspace: Workspace) -> anyhow::Result<Session> {
        crate::operations::open_session(&self.printer, &self.aws_settings(None), workspace, None)
            .await
    }

    /// [`Self::open_session`] for a command that changes AWS: the workspace's lease is
    /// taken (waiting up to `--lock-timeout`) before anything is observed, and held in
    /// `session.lease`.
    pub async fn open_locked_session(
        &self,
        workspace: Workspace,
        command: &str,
    ) -> anyhow::Result<Session> {
        let lock = crate::operations::session::LockRequest {
            command: command.to_owned(),
            timeout: self.global.lock_timeout,
        };
        crate::operations::open_session(
            &self.printer,
            &self.aws_settings(None),
            workspace,
            Some(lock),
        )
        .await
    }

    /// The caller's configuration in the workspace's region, checked (preflight) and
    /// with an organization: what a command outside a session needs to reach a member
    /// account. No organization yet is a usage error that says to onboard.
    pub async fn organization_config(
        &self,
        workspace: &Workspace,
    ) -> anyhow::Result<(aws_config::SdkConfig, crate::operations::session::Preflight)> {
        let region = &workspace.organization.region;
        let config =
            crate::providers::aws::load_workspace_sdk_config(&self.aws_settings(None), region)
                .await?;
        let preflight = crate::operations::session::preflight(&config).await?;
        self.printer.debug(&format!(
            "acting as {} in account {} ({region})",
            preflight.caller.arn, preflight.caller.account
        ));
        if preflight.organization.is_none() {
            return Err(
                crate::error::UsageError::new("there is no organization yet")
                    .with_hint("build it and its accounts with `sleak onboard`")
                    .into(),
            );
        }
        Ok((config, preflight))
    }

    /// The workspace file shown relative to the current folder when it is below it.
    pub fn display_path(&self, path: &std::path::Path) -> String {
        path.strip_prefix(&self.current_dir)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let context = Context::new(cli.global)?;
    match cli.command {
        Command::Init(args) => init::run(&context, args),
        Command::Validate => validate::validate(&context),
        Command::Plan(args) => plan::plan(&context, args),
        Command::Onboard(args) => apply::onboard(&context, args),
        Command::Apply(args) => apply::apply(&context, args),
        Command::Status(args) => status::status(&context, args),
        Command::Deploy(args) => deploy::deploy(&context, args),
        Command::Rollback(args) => deploy::rollback(&context, args),
        Command::Releases(args) => deploy::releases(&context, args),
        Command::Logs(args) => deploy::logs(&context, args),
        Command::Destroy(args) => destroy::destroy(&context, args),
        Command::Vpn(args) => vpn::vpn(&context, args),
        Command::Doctor(args) => doctor::doctor(&context, args),
        Command::Unlock(args) => unlock::unlock(&context, args),
        Command::Cluster(command) => cluster::run(&context, command),
        Command::Kubeconfig(args) => kubeconfig::kubeconfig(&context, args),
        Command::EksToken(args) => eks_token::eks_token(&context, args),
        Command::Project(command) => project::run(&context, command),
        Command::Env(command) => env::run(&context, command),
        Command::Dep(command) => dep::run(&context, command),
        Command::Service(command) => service::run(&context, command),
        Command::Build(args) => build::build(&context, args),
        Command::Var(command) => var::run(&context, command),
        Command::Release(args) => release::release(&context, args),
        Command::Sandbox(command) => sandbox::run(&context, command),
        Command::Demo(args) => demo::demo(&context, args),
        Command::Whoami => meta::whoami(&context),
        Command::Schema => meta::schema(&context),
        Command::Completions(args) => meta::completions(&context, args),
    }
}

/// A current-thread runtime for commands that call AWS or Kubernetes; commands that
/// do not never pay for starting one.
pub fn block_on<F: std::future::Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    Ok(runtime.block_on(future))
}
