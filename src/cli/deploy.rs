//! The arguments of the everyday commands: `deploy`, `rollback`, `releases`, `logs`, and
//! `status -p … -e …`.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{ProjectEnvArgs, parse_duration};

#[derive(Debug, Args)]
pub struct DeployArgs {
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Image tag to deploy [default: the HEAD commit of the git repository of the
    /// current folder, as `sleak build` tags it]
    #[arg(long, value_name = "TAG", conflicts_with = "release")]
    pub image_tag: Option<String>,
    /// Deploy a chart written by `sleak release` instead of rendering the workspace
    #[arg(long, value_name = "DIR")]
    pub release: Option<PathBuf>,
    /// Show what would change, object by object (server-side dry run); change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// If the deploy fails, put the previous revision back
    #[arg(long)]
    pub atomic: bool,
    /// Do not wait for the services to be ready
    #[arg(long)]
    pub no_wait: bool,
    /// How long the services may take to be ready
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Deploy even when nothing changed (a new revision of the same release)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RollbackArgs {
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Revision to put back [default: the one before the deployed one]
    pub revision: Option<u32>,
    /// Do not wait for the services to be ready
    #[arg(long)]
    pub no_wait: bool,
    /// How long the services may take to be ready
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Args)]
pub struct ReleasesArgs {
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Show at most this many revisions, the latest
    #[arg(long, default_value_t = 20)]
    pub max: usize,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The service whose pods' logs to show
    pub service: String,
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Keep streaming new lines
    #[arg(short, long)]
    pub follow: bool,
    /// Only lines newer than this (e.g. 10m, 1h)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub since: Option<Duration>,
    /// Lines from the end of each pod's log [default: all]
    #[arg(long, value_name = "LINES")]
    pub tail: Option<i64>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A project: show its services in the environment (with --env)
    #[arg(short, long)]
    pub project: Option<String>,
    /// An environment: show the project's services in it (with --project)
    #[arg(short, long)]
    pub env: Option<String>,
}
