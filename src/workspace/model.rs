//! The validated workspace: every default resolved, every name checked, every
//! reference known to point somewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ipnet::Ipv4Net;
use serde::Serialize;

pub use super::schema::{
    Autoscaler, AutoscalingToml as Autoscaling, Capacity, ConcurrencyPolicy, DependencyKind,
    Exposure, HealthCheckToml as HealthCheck, NatMode, PluginsToml as Plugins, ServiceKind,
    TaintToml as Taint, VpnProtocol,
};

/// The name of the account that holds the VPN, the domain's zone and the repositories.
pub const MANAGEMENT_ACCOUNT: &str = "management";

#[derive(Debug, Clone, Serialize)]
pub struct Workspace {
    pub file: PathBuf,
    pub organization: Organization,
    pub accounts: Vec<Account>,
    pub vpn: Option<Vpn>,
    pub clusters: Vec<Cluster>,
    pub environments: Vec<Environment>,
    pub projects: Vec<Project>,
}

impl Workspace {
    pub fn account(&self, name: &str) -> Option<&Account> {
        self.accounts.iter().find(|account| account.name == name)
    }

    pub fn cluster(&self, name: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|cluster| cluster.name == name)
    }

    pub fn environment(&self, name: &str) -> Option<&Environment> {
        self.environments
            .iter()
            .find(|environment| environment.name == name)
    }

    pub fn project(&self, name: &str) -> Option<&Project> {
        self.projects.iter().find(|project| project.name == name)
    }

    /// Every ProjectEnv of every project, in name order.
    pub fn project_envs(&self) -> impl Iterator<Item = &ProjectEnv> {
        self.projects.iter().flat_map(|project| project.envs.iter())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    pub name: String,
    pub domain: String,
    pub region: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub name: String,
    pub email: String,
    pub network: Network,
}

#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub cidr: Ipv4Net,
    pub availability_zones: u8,
    pub nat: NatMode,
}

impl Network {
    /// The subnets of the VPC: the VPC is cut in 16 equal blocks; public subnets take
    /// blocks 0.., private 4.., persistence (databases, caches) 8...
    pub fn subnets(&self) -> Vec<Subnet> {
        let prefix = self.cidr.prefix_len() + 4;
        let blocks: Vec<Ipv4Net> = self
            .cidr
            .subnets(prefix)
            .map(|subnets| subnets.collect())
            .unwrap_or_default();
        let mut subnets = Vec::new();
        for (tier, offset) in [
            (SubnetTier::Public, 0),
            (SubnetTier::Private, 4),
            (SubnetTier::Persistence, 8),
        ] {
            for zone in 0..self.availability_zones {
                if let Some(cidr) = blocks.get(offset + zone as usize) {
                    subnets.push(Subnet {
                        tier,
                        zone_index: zone,
                        cidr: *cidr,
                    });
                }
            }
        }
        subnets
    }

    pub fn nat_gateway_count(&self) -> u8 {
        match self.nat {
            NatMode::PerZone => self.availability_zones,
            NatMode::Shared => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubnetTier {
    Public,
    Private,
    Persistence,
}

impl SubnetTier {
    pub fn as_str(self) -> &'static str {
        match self {
            SubnetTier::Public => "public",
            SubnetTier::Private => "private",
            SubnetTier::Persistence => "persistence",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Subnet {
    pub tier: SubnetTier,
    pub zone_index: u8,
    pub cidr: Ipv4Net,
}

#[derive(Debug, Clone, Serialize)]
pub struct Vpn {
    pub instance_type: String,
    pub port: u16,
    pub protocol: VpnProtocol,
    pub admin_cidrs: Vec<Ipv4Net>,
    pub volume_gib: u16,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub name: String,
    pub source: ClusterSource,
    pub version: String,
    pub endpoint: Endpoint,
    pub logging: Vec<String>,
    pub node_pools: Vec<NodePool>,
    pub plugins: Plugins,
}

impl Cluster {
    pub fn account(&self) -> Option<&str> {
        match &self.source {
            ClusterSource::Eks { account } => Some(account),
            ClusterSource::Context { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum ClusterSource {
    /// An EKS cluster sleak creates in an account.
    Eks { account: String },
    /// An existing cluster reached through a kubeconfig context.
    Context { context: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    pub public: bool,
    pub private: bool,
    pub public_cidrs: Vec<Ipv4Net>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodePool {
    pub name: String,
    pub instance_types: Vec<String>,
    pub capacity: Capacity,
    pub min: u32,
    pub max: u32,
    pub desired: u32,
    pub disk_gib: u32,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Environment {
    pub name: String,
    pub cluster: String,
    pub subdomain: String,
    /// `<subdomain>.<domain>`.
    pub fqdn: String,
    /// The account of its dependencies and secret variables: its cluster's, or the one
    /// it names (a cluster you bring has none).
    pub account: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub name: String,
    pub repository: Repository,
    pub envs: Vec<ProjectEnv>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Repository {
    pub name: String,
    pub immutable_tags: bool,
    pub scan_on_push: bool,
    pub keep_images: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectEnv {
    pub project: String,
    pub env: String,
    pub cluster: String,
    pub namespace: String,
    /// The account of its dependencies and secret variables (its environment's).
    pub account: Option<String>,
    /// Plain values of the global group.
    pub variables: BTreeMap<String, String>,
    /// Names of the global group's secret variables (values in Secrets Manager).
    pub secret_variables: BTreeSet<String>,
    pub dependencies: Vec<Dependency>,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dependency {
    pub name: String,
    pub kind: DependencyKind,
    /// The cloud name of the resource: RDS identifier, bucket, cache id or queue name.
    pub resource_name: String,
    pub variable_prefix: String,
    pub settings: DependencySettings,
}

/// Whether an environment's name says it is production (`production`, `prod`, `prd`):
/// such environments get safer defaults (multi-AZ databases, deletion protection,
/// bucket versioning).
pub fn is_production(env: &str) -> bool {
    matches!(env, "production" | "prod" | "prd")
}

/// The engine version a dependency gets when the workspace names none: RDS's and
/// ElastiCache's current defaults when this release was made (moto cannot tell them,
/// and a release must not change a version under a running database by itself).
pub fn default_engine_version(kind: DependencyKind) -> Option<&'static str> {
    match kind {
        DependencyKind::Postgres => Some("17.4"),
        DependencyKind::Mysql => Some("8.0.41"),
        DependencyKind::Mariadb => Some("11.4.5"),
        DependencyKind::Redis => Some("7.1"),
        DependencyKind::Memcached => Some("1.6.22"),
        DependencyKind::S3 | DependencyKind::Sqs => None,
    }
}

impl Dependency {
    /// The variables of the dependency's Secret, each `<prefix>_<suffix>`: the suffixes
    /// by kind (docs/dependencies.md lists them).
    pub fn variable_suffixes(&self) -> &'static [&'static str] {
        match (&self.kind, &self.settings) {
            (DependencyKind::Redis, _) => &["HOST", "PORT", "TOKEN", "URL"],
            (DependencyKind::Memcached, _) => &["HOST", "PORT", "URL"],
            (DependencyKind::S3, _) => &["BUCKET", "REGION", "ARN"],
            (
                DependencyKind::Sqs,
                DependencySettings::Queue {
                    dead_letter_max_receives: Some(_),
                    ..
                },
            ) => &["QUEUE_URL", "QUEUE_ARN", "REGION", "DEAD_LETTER_QUEUE_URL"],
            (DependencyKind::Sqs, _) => &["QUEUE_URL", "QUEUE_ARN", "REGION"],
            (DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb, _) => {
                &["HOST", "PORT", "NAME", "USER", "PASSWORD", "URL"]
            }
        }
    }

    /// The names of the variables of its Secret.
    pub fn variable_keys(&self) -> Vec<String> {
        self.variable_suffixes()
            .iter()
            .map(|suffix| format!("{}_{suffix}", self.variable_prefix))
            .collect()
    }
}

/// Settings of a dependency with its kind's defaults resolved.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum DependencySettings {
    Database {
        engine_version: Option<String>,
        instance_class: String,
        storage_gib: u32,
        multi_az: bool,
        backup_retention_days: u32,
        /// Storage autoscaling ceiling (equal to `storage_gib`: none).
        max_storage_gib: u32,
        deletion_protection: bool,
        database: String,
        username: String,
    },
    Bucket {
        versioning: bool,
        public: bool,
        /// Origins allowed by the bucket's CORS rule; empty: no CORS.
        cors_origins: Vec<String>,
    },
    Cache {
        engine_version: Option<String>,
        node_type: String,
        nodes: u32,
    },
    Queue {
        fifo: bool,
        visibility_timeout_secs: u32,
        dead_letter_max_receives: Option<u32>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    pub name: String,
    pub kind: ServiceKind,
    /// None: the project's repository at the release's tag.
    pub image: Option<String>,
    pub command: Option<Vec<String>>,
    pub port: Option<u16>,
    pub expose: Option<Exposure>,
    /// Host names of a web service that is not internal: its own first, then aliases.
    pub hosts: Vec<String>,
    pub replicas: u32,
    pub schedule: Option<String>,
    pub resources: Resources,
    pub autoscaling: Option<Autoscaling>,
    pub health_check: Option<HealthCheck>,
    /// The node pool of its pods, by name (a pool of the ProjectEnv's EKS cluster).
    pub node_pool: Option<String>,
    /// The command of the pre-deploy Job (at most one service of a ProjectEnv has one).
    pub pre_deploy: Option<Vec<String>>,
    /// Cron only: what to do when the previous run is still going, and how many
    /// finished and failed runs to keep.
    pub concurrency_policy: ConcurrencyPolicy,
    pub history_limit: u32,
    pub failed_history_limit: u32,
    pub variables: BTreeMap<String, String>,
    /// Names of its secret variables (values in Secrets Manager).
    pub secret_variables: BTreeSet<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Resources {
    pub cpu: String,
    pub memory: String,
    pub cpu_limit: String,
    pub memory_limit: String,
}
