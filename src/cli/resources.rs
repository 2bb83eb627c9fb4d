//! Commands that edit the workspace's projects, environments, dependencies and services.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Add a project (an ECR repository, and a namespace in each environment it joins)
    Add(ProjectAddArgs),
    /// Remove a project and everything declared under it
    Remove(NameArgs),
    /// List the projects
    List,
}

#[derive(Debug, Args)]
pub struct ProjectAddArgs {
    /// Project name: lowercase letters, digits and `-`
    pub name: String,
    /// Environment the project is deployed to (repeatable)
    #[arg(long = "env", value_name = "ENV")]
    pub envs: Vec<String>,
    /// ECR repository name [default: the project name]
    #[arg(long, value_name = "NAME")]
    pub repository: Option<String>,
    /// Make pushed image tags immutable
    #[arg(long)]
    pub immutable_tags: bool,
    /// How many images the repository keeps [default: 30]
    #[arg(long, value_name = "N")]
    pub keep_images: Option<u32>,
}

#[derive(Debug, Args)]
pub struct NameArgs {
    /// The name to remove
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Add an environment: a subdomain of the domain, on a cluster
    Add(EnvAddArgs),
    /// Remove an environment (no project may still use it)
    Remove(NameArgs),
    /// List the environments
    List,
}

#[derive(Debug, Args)]
pub struct EnvAddArgs {
    /// Environment name: lowercase letters, digits and `-`
    pub name: String,
    /// Cluster the environment lives on
    #[arg(long)]
    pub cluster: Option<String>,
    /// Subdomain of the domain [default: the environment name]
    #[arg(long)]
    pub subdomain: Option<String>,
}

/// Which ProjectEnv a dependency or service belongs to.
#[derive(Debug, Clone, Args)]
pub struct ProjectEnvArgs {
    /// Project [default: the only project, or asked on a terminal]
    #[arg(short, long)]
    pub project: Option<String>,
    /// Environment [default: the only environment of the project, or asked on a terminal]
    #[arg(short, long)]
    pub env: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DepCommand {
    /// Add a dependency to a project in an environment
    Add(DepAddArgs),
    /// Delete a dependency's resources (a database after a final snapshot) and remove
    /// it from sleak.toml
    Remove(DepRemoveArgs),
    /// List dependencies: state, endpoint and Secret of each
    List(DepListArgs),
}

#[derive(Debug, Args)]
pub struct DepRemoveArgs {
    /// The dependency's name
    pub name: String,
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// The dependency's name again, to confirm without a prompt (needed with `--yes` too)
    #[arg(long, value_name = "NAME")]
    pub confirm: Option<String>,
    /// Delete a database without taking a final snapshot first
    #[arg(long)]
    pub skip_final_snapshot: bool,
    /// Show what would be deleted and stop
    #[arg(long)]
    pub dry_run: bool,
    /// Only remove it from sleak.toml, with no AWS call: what AWS and the cluster have of
    /// it stays, no longer managed by sleak
    #[arg(long, conflicts_with_all = ["confirm", "skip_final_snapshot", "dry_run"])]
    pub workspace_only: bool,
}

#[derive(Debug, Args)]
pub struct DepListArgs {
    #[command(flatten)]
    pub scope: ListScopeArgs,
    /// Only what sleak.toml says: no state or endpoint, no AWS call
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DependencyKindArg {
    Postgres,
    Mysql,
    Mariadb,
    S3,
    Redis,
    Memcached,
    Sqs,
}

#[derive(Debug, Args)]
pub struct DepAddArgs {
    /// Dependency name: lowercase letters, digits and `-`
    pub name: String,
    /// What the dependency is
    #[arg(long, value_enum)]
    pub kind: Option<DependencyKindArg>,
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Prefix of its connection variables [default: the name in upper case]
    #[arg(long, value_name = "PREFIX")]
    pub variable_prefix: Option<String>,
    /// Engine version (postgres, mysql, mariadb, redis, memcached)
    #[arg(long, value_name = "VERSION")]
    pub engine_version: Option<String>,
    /// Instance class (postgres, mysql, mariadb), e.g. db.t4g.micro
    #[arg(long, value_name = "CLASS")]
    pub instance_class: Option<String>,
    /// Allocated storage in GiB (postgres, mysql, mariadb)
    #[arg(long, value_name = "GIB")]
    pub storage_gib: Option<u32>,
    /// Bucket name (s3)
    #[arg(long, value_name = "NAME")]
    pub bucket: Option<String>,
    /// Set any other option of the dependency, as in sleak.toml (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub settings: Vec<String>,
    /// Then create it (and its Secret) at once, as `sleak apply` would
    #[arg(long)]
    pub apply: bool,
}

#[derive(Debug, Args)]
pub struct ScopedNameArgs {
    /// The name to remove
    pub name: String,
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
}

#[derive(Debug, Args)]
pub struct ListScopeArgs {
    /// Only this project
    #[arg(short, long)]
    pub project: Option<String>,
    /// Only this environment
    #[arg(short, long)]
    pub env: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Add a service to a project in an environment
    Add(Box<ServiceAddArgs>),
    /// Remove a service
    Remove(ScopedNameArgs),
    /// List services
    List(ListScopeArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServiceKindArg {
    Web,
    Worker,
    Cron,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExposureArg {
    Public,
    Private,
    Internal,
}

#[derive(Debug, Args)]
pub struct ServiceAddArgs {
    /// Service name: lowercase letters, digits and `-`
    pub name: String,
    /// What the service is
    #[arg(long, value_enum)]
    pub kind: Option<ServiceKindArg>,
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Container image [default: the project's repository at the release's tag]
    #[arg(long)]
    pub image: Option<String>,
    /// Port the container listens on (web)
    #[arg(long)]
    pub port: Option<u16>,
    /// Who can reach a web service
    #[arg(long, value_enum)]
    pub expose: Option<ExposureArg>,
    /// Number of pods (web, worker)
    #[arg(long)]
    pub replicas: Option<u32>,
    /// Cron schedule (cron), e.g. "0 3 * * *"
    #[arg(long)]
    pub schedule: Option<String>,
    /// CPU request, e.g. 250m
    #[arg(long)]
    pub cpu: Option<String>,
    /// Memory request, e.g. 512Mi
    #[arg(long)]
    pub memory: Option<String>,
    /// HTTP path of the health check (web), e.g. /healthz
    #[arg(long, value_name = "PATH")]
    pub health_path: Option<String>,
    /// A plain variable of this service (repeatable)
    #[arg(long = "var", value_name = "KEY=VALUE")]
    pub variables: Vec<String>,
    /// Set any other option of the service, as in sleak.toml (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub settings: Vec<String>,
    /// Command to run, after `--`: `sleak service add worker … -- bundle exec sidekiq`
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum VarCommand {
    /// Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS
    /// Secrets Manager
    ///
    /// Several at once: `sleak var set LOG_LEVEL=info WORKERS=4 -p api -e staging`. A key
    /// set plain that is secret in that group (or the reverse) moves, and sleak says so.
    /// With `--secret`, give the key alone to read its value from stdin, so it stays out
    /// of your shell history: `printf %s "$KEY" | sleak var set STRIPE_KEY --secret …`.
    Set(VarSetArgs),
    /// Remove variables from a group (plain or secret)
    Unset(VarUnsetArgs),
    /// List the variables of a project's environment, or the effective set of a service
    ///
    /// Every definition is shown with its group (`dependency:<name>`, `global`,
    /// `service:<name>`) and, when a narrower group beats it, which one. Secret values
    /// are masked; dependency values are made at apply time.
    List(VarGroupArgs),
    /// Print the effective value of one variable (a secret one masked unless `--reveal`)
    Get(VarGetArgs),
    /// Import variables from a .env file: all or nothing
    Import(VarImportArgs),
    /// Print the effective variables as a .env file, to run the app locally
    ///
    /// Secret values are written as commented-out placeholders unless `--reveal`;
    /// dependency variables are read from their Kubernetes Secrets when the cluster has
    /// them, and left out (saying so on stderr) otherwise.
    Export(VarExportArgs),
    /// Show every group that defines a variable, which one wins and why
    Explain(VarExplainArgs),
}

/// Which variable group a `var` command means.
#[derive(Debug, Clone, Args)]
pub struct VarGroupArgs {
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// The service's own group (or, for reads, the service's effective set) [default:
    /// the global group]
    #[arg(short, long, value_name = "SERVICE")]
    pub service: Option<String>,
}

#[derive(Debug, Args)]
pub struct VarSetArgs {
    /// `KEY=VALUE` pairs; with `--secret`, one `KEY` alone reads its value from stdin
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub pairs: Vec<String>,
    #[command(flatten)]
    pub group: VarGroupArgs,
    /// Keep the values in AWS Secrets Manager; sleak.toml gets only their names
    #[arg(long)]
    pub secret: bool,
}

#[derive(Debug, Args)]
pub struct VarUnsetArgs {
    /// The variables to remove
    #[arg(required = true, value_name = "KEY")]
    pub keys: Vec<String>,
    #[command(flatten)]
    pub group: VarGroupArgs,
}

#[derive(Debug, Args)]
pub struct VarGetArgs {
    /// The variable's name
    pub key: String,
    #[command(flatten)]
    pub group: VarGroupArgs,
    /// Print a secret value (to stdout only)
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct VarImportArgs {
    /// The .env file (`KEY=VALUE` lines, `export`, quotes, comments)
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    #[command(flatten)]
    pub group: VarGroupArgs,
    /// Keep the values in AWS Secrets Manager; sleak.toml gets only their names
    #[arg(long)]
    pub secret: bool,
}

#[derive(Debug, Args)]
pub struct VarExportArgs {
    #[command(flatten)]
    pub group: VarGroupArgs,
    /// Write secret values too (from Secrets Manager)
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct VarExplainArgs {
    /// The variable's name
    pub key: String,
    #[command(flatten)]
    pub group: VarGroupArgs,
}
