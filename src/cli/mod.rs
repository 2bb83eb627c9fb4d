//! The command line: clap types only, no behaviour.

mod deploy;
pub mod docs;
mod resources;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use deploy::*;
pub use resources::*;

/// sleak: the SleakOps platform on your own AWS, from a TOML workspace.
///
/// sleak builds an AWS organization with management, development and production
/// accounts, their networks, a VPN and DNS; EKS clusters; and deploys your projects'
/// services with their databases, buckets, caches and queues. The workspace file,
/// sleak.toml, says what you want; sleak plans and applies it.
#[derive(Debug, Parser)]
#[command(
    name = "sleak",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The workspace: a sleak.toml file or a folder holding one [default: the nearest
    /// sleak.toml in the current folder or above]
    #[arg(
        short = 'C',
        long = "workspace",
        global = true,
        value_name = "PATH",
        env = "SLEAK_WORKSPACE"
    )]
    pub workspace: Option<PathBuf>,
    /// AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// AWS region to call [default: AWS_REGION, the profile's region, or the workspace's
    /// `organization.region`]
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Output format of data on stdout
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// Answer yes to every confirmation
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print only data and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// When to use colors (`auto` colors a terminal unless NO_COLOR is set)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// How long a command that changes AWS waits for another run's workspace lease
    /// (`30s`, `5m`, `1h`; `0` fails at once)
    #[arg(long, global = true, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    pub lock_timeout: std::time::Duration,
}

/// `90`, `90s`, `5m`, `1h`, `1h30m`: a duration for humans.
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(seconds));
    }
    let mut total = 0u64;
    let mut digits = String::new();
    for character in text.chars() {
        if character.is_ascii_digit() {
            digits.push(character);
            continue;
        }
        let unit = match character {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => {
                return Err(format!(
                    "`{text}` is not a duration: use e.g. 30s, 5m or 1h"
                ));
            }
        };
        let value: u64 = digits
            .parse()
            .map_err(|_| format!("`{text}` is not a duration: use e.g. 30s, 5m or 1h"))?;
        total = total.saturating_add(value.saturating_mul(unit));
        digits.clear();
    }
    if !digits.is_empty() || text.is_empty() {
        return Err(format!(
            "`{text}` is not a duration: use e.g. 30s, 5m or 1h"
        ));
    }
    Ok(std::time::Duration::from_secs(total))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables and text for people
    Text,
    /// JSON for scripts
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when stderr is a terminal and NO_COLOR is not set
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a sleak.toml in the current folder
    Init(InitArgs),
    /// Check sleak.toml and report every problem in it
    Validate,
    /// Show what applying the workspace would change in AWS (`--offline`: every resource
    /// the workspace describes, in the order sleak creates them, without asking AWS)
    ///
    /// Besides changes, the DETAIL column shows information that is not a change
    /// (`info: …`): a newer default version EKS now offers for an unpinned EKS add-on.
    /// `apply` leaves it alone; to take it, pin the version in sleak.toml (`versions = {
    /// kube_proxy = "…" }` under `[clusters.<name>.plugins]`) and apply.
    Plan(PlanArgs),
    /// Build the organization, its accounts, their networks, the VPN and the DNS zone
    Onboard(ApplyArgs),
    /// Make AWS match the workspace: create what is missing, fix what differs
    Apply(ApplyArgs),
    /// Show every resource sleak manages, per account: ok, missing, changed or drifted
    ///
    /// The DETAIL column (and `info` in JSON) also shows what is not a change: a newer
    /// default version EKS now offers for an unpinned EKS add-on, taken by pinning it in
    /// sleak.toml (`versions = { kube_proxy = "…" }` under `[clusters.<name>.plugins]`).
    ///
    /// With `-p PROJECT -e ENV`: the project's services in the environment instead —
    /// ready pods over desired, image, URL — and its last deploy.
    Status(StatusArgs),
    /// Delete what sleak built, in reverse order, and sweep its orphaned resources
    Destroy(DestroyArgs),
    /// Show the VPN server: console address, state, and how to get its setup key
    Vpn(VpnArgs),
    /// Check credentials, the organization, every resource, the VPN and the domain's delegation
    Doctor(DoctorArgs),
    /// Show the workspace's lease (the run changing AWS now), or remove one left behind
    Unlock(UnlockArgs),
    /// Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)
    #[command(subcommand)]
    Cluster(ClusterCommand),
    /// Add a cluster's context to your kubeconfig, as `aws eks update-kubeconfig` does
    Kubeconfig(KubeconfigArgs),
    /// Print an EKS authentication token as a kubectl exec credential
    EksToken(EksTokenArgs),
    /// Add, remove and list projects
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Add, remove and list environments
    #[command(subcommand)]
    Env(EnvCommand),
    /// Add, remove and list dependencies (databases, buckets, caches, queues)
    #[command(subcommand)]
    Dep(DepCommand),
    /// Add, remove and list services (web services, workers, cron jobs)
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Build a project's image from its Dockerfile and push it to the project's ECR
    /// repository
    ///
    /// The builder is docker, podman or buildah, the first on PATH (SLEAK_BUILDER names
    /// one). The tag is the context's git commit (12 characters); uncommitted changes are
    /// refused unless `--allow-dirty`, which ends the tag in `-dirty-<hash of the changes>`.
    /// The platform follows the node pools of the project's clusters: Graviton types
    /// (m6g, c7g, t4g…) build linux/arm64, others linux/amd64, both a multi-platform image
    /// (docker buildx only). Prints the image reference.
    Build(BuildArgs),
    /// Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS
    /// Secrets Manager
    ///
    /// Groups, by precedence: a dependency's variables < the global group (the project's
    /// environment) < a service's own. What a person sets beats what sleak generated; the
    /// narrower scope beats the wider.
    #[command(subcommand)]
    Var(VarCommand),
    /// Write the Helm chart of a project's services in an environment
    ///
    /// The chart holds every object of the services (Deployments, Services, Ingresses,
    /// autoscalers, CronJobs, the pre-deploy Job) for one image tag; `helm template` and
    /// `helm install` take it as it is.
    Release(ReleaseArgs),
    /// Deploy a project's services to an environment, as a new Helm-compatible revision
    ///
    /// Checks the image tag exists in the project's ECR repository, takes the
    /// environment's deploy lock, runs the pre-deploy job, server-side applies every
    /// object, deletes what the previous revision had and this one has not, and waits for
    /// the services, failing fast on crash loops, image pull errors, missing
    /// configuration, OOM kills and unschedulable pods. `helm list|history|rollback`
    /// see the revisions.
    Deploy(DeployArgs),
    /// Put a previous revision of a project's deploy back, as a new revision
    Rollback(RollbackArgs),
    /// List the revisions of a project's deploys to an environment
    Releases(ReleasesArgs),
    /// Show the logs of a service's pods, each line prefixed by its pod
    Logs(LogsArgs),
    /// Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept
    #[command(subcommand)]
    Sandbox(SandboxCommand),
    /// Run the whole platform in the local sandbox: a workspace, onboarding, a cluster,
    /// dependencies, variables, services and a deploy
    ///
    /// Writes a workspace (sleak.toml.example adapted to the sandbox) into a new folder,
    /// starts `sleak sandbox up` when needed, and runs each step as the sleak command you
    /// would type, against the sandbox only: never your AWS account. Ends with a table of
    /// what exists and the commands to try next. Running it again reuses the folder and
    /// changes nothing.
    Demo(DemoArgs),
    /// Show the AWS identity and account sleak would act as
    Whoami,
    /// Print the JSON Schema of sleak.toml, for editors
    Schema,
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Workspace name: lowercase letters, digits and `-` (tags and prefixes every resource)
    #[arg(long)]
    pub name: Option<String>,
    /// Domain the environments are subdomains of, e.g. acme.dev
    #[arg(long)]
    pub domain: Option<String>,
    /// Home AWS region of every account
    #[arg(long, value_name = "REGION")]
    pub home_region: Option<String>,
    /// Base e-mail address of the accounts (plus-addressed per account)
    #[arg(long)]
    pub email: Option<String>,
    /// CIDR allowed to reach the VPN console (repeatable)
    #[arg(long = "admin-cidr", value_name = "CIDR")]
    pub admin_cidrs: Vec<String>,
    /// Folder to create sleak.toml in [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReleaseArgs {
    #[command(flatten)]
    pub scope: ProjectEnvArgs,
    /// Image tag to deploy: services without their own `image` run the project's
    /// repository at this tag
    #[arg(long, value_name = "TAG")]
    pub image_tag: String,
    /// Folder to write the chart to [default: ./<project>-<env>-chart]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Image repository URI [default: the project's ECR repository, looked up in the
    /// management account]
    #[arg(long, value_name = "URI")]
    pub repository: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The project whose image to build [default: the only one]
    #[arg(short, long)]
    pub project: Option<String>,
    /// The Dockerfile [default: Dockerfile in the build context]
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// The folder sent to the builder [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub context: Option<PathBuf>,
    /// The image's tag [default: the context's git commit, 12 characters]
    #[arg(long)]
    pub tag: Option<String>,
    /// Build a tree with uncommitted changes (the tag ends in `-dirty-<hash>`)
    #[arg(long)]
    pub allow_dirty: bool,
    /// Build only: no login, no push
    #[arg(long)]
    pub no_push: bool,
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Only show who holds the lease
    #[arg(long)]
    pub show: bool,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Plan from the workspace alone, without asking AWS what exists
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Show the plan and stop
    #[arg(long)]
    pub dry_run: bool,
    /// How many independent changes run at once (they mostly wait on AWS)
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub parallelism: usize,
}

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins
    Create(ClusterCreateArgs),
    /// List the workspace's clusters with their state in AWS
    List,
    /// Show every resource of one cluster: ok, missing, changed or drifted
    ///
    /// The DETAIL column (and `info` in JSON) also shows what is not a change: a newer
    /// default version EKS now offers for an unpinned EKS add-on, taken by pinning it in
    /// sleak.toml (`versions = { kube_proxy = "…" }` under `[clusters.<name>.plugins]`).
    Status(ClusterNameArgs),
    /// Delete a cluster's node pools, plugins, control plane and roles, and remove it from sleak.toml
    Delete(ClusterDeleteArgs),
}

#[derive(Debug, Args)]
pub struct ClusterCreateArgs {
    /// Cluster name: lowercase letters, digits and `-`
    pub name: String,
    /// Account to create the EKS cluster in, when the cluster is not in sleak.toml yet
    #[arg(long, conflicts_with = "context")]
    pub account: Option<String>,
    /// Bring your own cluster: the kubeconfig context to use instead of creating EKS
    #[arg(long)]
    pub context: Option<String>,
    /// Kubernetes version of a new cluster, e.g. 1.33
    #[arg(long = "kubernetes-version", value_name = "VERSION")]
    pub kubernetes_version: Option<String>,
    /// Instance type of a new cluster's first node pool (`general`)
    #[arg(long, value_name = "TYPE", default_value = "t3.large")]
    pub node_type: String,
    /// Show the plan and stop
    #[arg(long)]
    pub dry_run: bool,
    /// How many independent changes run at once
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub parallelism: usize,
}

#[derive(Debug, Args)]
pub struct ClusterNameArgs {
    /// Cluster name, as in sleak.toml
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ClusterDeleteArgs {
    /// Cluster name, as in sleak.toml
    pub name: String,
    /// The cluster's name again, to confirm without a prompt (needed with `--yes` too)
    #[arg(long, value_name = "NAME")]
    pub confirm: Option<String>,
    /// Show what would be deleted and stop
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct KubeconfigArgs {
    /// Cluster name, as in sleak.toml
    pub cluster: String,
    /// Kubeconfig file to write [default: $KUBECONFIG's first file, else ~/.kube/config]
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// Name of the context [default: the cluster's ARN, as `aws eks update-kubeconfig`]
    #[arg(long, value_name = "NAME")]
    pub alias: Option<String>,
    /// Do not make it the current context
    #[arg(long)]
    pub no_switch: bool,
}

#[derive(Debug, Args)]
pub struct EksTokenArgs {
    /// Name of the EKS cluster (its name in AWS)
    #[arg(long = "cluster-name", value_name = "NAME")]
    pub cluster_name: String,
    /// Role to assume before signing, e.g. the member account's OrganizationAccountAccessRole
    #[arg(long, value_name = "ARN")]
    pub role_arn: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The demo's folder: a new one, or an earlier demo's (never anything else)
    /// [default: ./sleak-demo]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background
    ///
    /// Each part gets a free port; their records, logs and the kubeconfig go to sandbox/ in
    /// the data folder. moto runs with `SLEAK_SANDBOX_PYTHON` (default `python3`) when that
    /// Python has it, else from a virtual environment in sandbox/moto-venv that pip installs
    /// `moto[server]` into once. Returns once both answer (within 30 s); when both run
    /// already it says so, and when only one runs it starts the other. Then point a shell at
    /// them with `eval "$(sleak sandbox env)"`.
    Up,
    /// Stop what `sleak sandbox up` started, and say what was stopped
    ///
    /// SIGTERM, then SIGKILL after 5 s. A record whose process has ended, or whose pid now
    /// names another process (after a `kill -9` or a reboot: the start time differs), is
    /// removed without anything being signalled.
    Down,
    /// Show each part of the sandbox: its PID, URL and whether it answers
    ///
    /// Exits with 1 when a part is not running (like `systemctl is-active`), 0 when both run.
    Status,
    /// Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox
    ///
    /// Use as `eval "$(sleak sandbox env)"` (fish: `sleak sandbox env --shell fish | source`).
    Env(SandboxEnvArgs),
    /// Serve a Kubernetes API stand-in and write a kubeconfig for it
    Kube(SandboxKubeArgs),
    /// Stop the stand-in started with `sleak sandbox kube --background`
    Stop,
}

#[derive(Debug, Args)]
pub struct SandboxEnvArgs {
    /// The shell whose syntax to print
    #[arg(long, value_enum, default_value_t = EnvShell::Sh)]
    pub shell: EnvShell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnvShell {
    /// sh, bash, zsh: `export NAME='value'`
    Sh,
    /// fish: `set -gx NAME 'value'`
    Fish,
}

#[derive(Debug, Args)]
pub struct SandboxKubeArgs {
    /// Run in the background and return once it serves; prints the kubeconfig path
    #[arg(long)]
    pub background: bool,
    /// Port to listen on (0: a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Where to write the kubeconfig [default: sandbox/kubeconfig in the data folder]
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,
    /// Name of the kubeconfig context
    #[arg(long, default_value = "sleak-sandbox")]
    pub context: String,
    /// Keep the cluster's objects across restarts, in the data folder
    #[arg(long)]
    pub persist: bool,
    /// Milliseconds a new pod takes to become ready
    #[arg(long, value_name = "MS", default_value_t = 2000)]
    pub ready_delay_ms: u64,
    /// Workloads whose image contains this text never become ready (CrashLoopBackOff)
    #[arg(long, value_name = "TEXT", default_value = "crashloop")]
    pub failure_pattern: String,
    /// Milliseconds added to every request
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Share of requests (0 to 1) answered with an injected 500 or 429
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub fault_rate: f64,
    /// Also accept EKS tokens (`sleak eks-token`, `aws eks get-token`), checked by form and
    /// age only: the stand-in cannot verify their signature
    #[arg(long)]
    pub accept_eks_tokens: bool,
}

#[derive(Debug, Args)]
pub struct DestroyArgs {
    /// The workspace's name, to confirm without a prompt (`--yes` is not enough)
    #[arg(long, value_name = "NAME")]
    pub confirm: Option<String>,
    /// Also close the member accounts (AWS keeps them suspended for 90 days)
    #[arg(long)]
    pub close_accounts: bool,
    /// Show what would be deleted and stop
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct VpnArgs {
    /// Fetch Pritunl's initial setup key from the server through SSM and print it
    #[arg(long)]
    pub setup_key: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// DNS resolver to ask for the domain's name servers [default: the system's]
    #[arg(long, value_name = "IP:PORT")]
    pub resolver: Option<std::net::SocketAddr>,
    /// Skip the public DNS lookup
    #[arg(long)]
    pub offline: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::parse_duration;

    #[test]
    fn durations_for_humans() {
        let ok = |text: &str, seconds: u64| {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(seconds)),
                "{text}"
            );
        };
        ok("0", 0);
        ok("90", 90);
        ok("30s", 30);
        ok("5m", 300);
        ok("1h30m", 5400);
        ok(" 2m ", 120);
        for bad in ["", "m", "5x", "1.5m", "-1", "10m5"] {
            let error = parse_duration(bad).unwrap_err();
            assert!(error.contains("not a duration"), "{bad}: {error}");
        }
    }
}
