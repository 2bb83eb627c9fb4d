//! The raw shape of `sleak.toml`: serde types that mirror the file, with defaults and docs.
//!
//! These types say what the file may contain; `validate` turns them into the checked
//! `model`. The doc comments here are the documentation of every key: they become the
//! JSON Schema (`sleak schema`) and docs/workspace.md.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A sleak workspace: everything sleak builds in your AWS organization and clusters.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceToml {
    /// The AWS organization and the domain the workspace serves.
    pub organization: OrganizationToml,
    /// AWS accounts of the organization, by name. When absent: `management`,
    /// `development` and `production`. An account named `management` is required: it
    /// holds the VPN, the domain's hosted zone and the ECR repositories.
    #[serde(default)]
    pub accounts: BTreeMap<String, AccountToml>,
    /// The Pritunl VPN server in the management account.
    #[serde(default)]
    pub vpn: VpnToml,
    /// Kubernetes clusters, by name: EKS clusters sleak creates, or existing clusters
    /// reached through a kubeconfig context.
    #[serde(default)]
    pub clusters: BTreeMap<String, ClusterToml>,
    /// Environments, by name: each is the subdomain `<subdomain>.<domain>` and lives on
    /// one cluster.
    #[serde(default)]
    pub environments: BTreeMap<String, EnvironmentToml>,
    /// Projects, by name: each gets an ECR repository in the management account and one
    /// namespace per environment it is deployed to.
    #[serde(default)]
    pub projects: BTreeMap<String, ProjectToml>,
}

/// The AWS organization and the domain the workspace serves.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationToml {
    /// Short name of the workspace: tags every resource (`sleak:workspace`) and prefixes
    /// globally unique names such as S3 buckets. Lowercase letters, digits and hyphens.
    pub name: String,
    /// The domain whose subdomains the environments serve, e.g. `acme.dev`. sleak creates
    /// its hosted zone in the management account; you delegate it at your registrar.
    pub domain: String,
    /// Home region of every account, e.g. `us-east-1`.
    pub region: String,
    /// Base e-mail address for the accounts: an account without its own `email` gets
    /// `<local>+<account>@<domain>` from this address.
    pub email: String,
}

/// One AWS account of the organization.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountToml {
    /// Root e-mail address of the account; unique across AWS. Default: derived from
    /// `organization.email` by plus-addressing.
    pub email: Option<String>,
    /// The account's VPC and subnets.
    #[serde(default)]
    pub network: NetworkToml,
}

/// The VPC of one account.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkToml {
    /// IPv4 CIDR of the VPC, a prefix from /16 to /24; must not overlap another account's.
    /// Default: `10.0.0.0/16` for management, `10.1.0.0/16` for development,
    /// `10.2.0.0/16` for production; required for any other account.
    pub cidr: Option<String>,
    /// Number of availability zones (2 to 6) with a public, a private and a persistence
    /// subnet each. Default: 3 in production, 2 elsewhere.
    pub availability_zones: Option<u8>,
    /// NAT gateways: `per-zone` (one per availability zone, survives a zone outage) or
    /// `shared` (one for the VPC, cheaper). Default: `per-zone` in production, `shared`
    /// elsewhere.
    pub nat: Option<NatMode>,
}

/// How many NAT gateways a VPC gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NatMode {
    /// One NAT gateway in each availability zone.
    PerZone,
    /// One NAT gateway for the whole VPC.
    Shared,
}

/// The Pritunl VPN server in the management account.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VpnToml {
    /// Whether sleak runs the VPN server at all.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// EC2 instance type of the server.
    #[serde(default = "default_vpn_instance_type")]
    pub instance_type: String,
    /// Port the VPN listens on, open to the world.
    #[serde(default = "default_vpn_port")]
    pub port: u16,
    /// Protocol of the VPN port: `udp` or `tcp`.
    #[serde(default)]
    pub protocol: VpnProtocol,
    /// CIDRs allowed to reach the Pritunl web console (HTTPS). Nothing else is: there is
    /// no SSH from the world; use SSM to reach the instance.
    #[serde(default)]
    pub admin_cidrs: Vec<String>,
    /// Size of the root volume, in GiB.
    #[serde(default = "default_vpn_volume")]
    pub volume_gib: u16,
}

impl Default for VpnToml {
    fn default() -> Self {
        Self {
            enabled: true,
            instance_type: default_vpn_instance_type(),
            port: default_vpn_port(),
            protocol: VpnProtocol::default(),
            admin_cidrs: Vec::new(),
            volume_gib: default_vpn_volume(),
        }
    }
}

/// Transport protocol of the VPN port.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VpnProtocol {
    /// UDP, the usual choice for OpenVPN.
    #[default]
    Udp,
    /// TCP, for networks that block UDP.
    Tcp,
}

/// A Kubernetes cluster.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClusterToml {
    /// Account the EKS cluster is created in. Required unless `context` is set.
    pub account: Option<String>,
    /// Bring your own cluster: the kubeconfig context to use instead of creating EKS.
    pub context: Option<String>,
    /// Kubernetes version of the control plane, e.g. `1.33`.
    #[serde(default = "default_kubernetes_version")]
    pub version: String,
    /// Who can reach the cluster's API endpoint.
    #[serde(default)]
    pub endpoint: EndpointToml,
    /// Control-plane log types sent to CloudWatch: any of `api`, `audit`,
    /// `authenticator`, `controllerManager`, `scheduler`.
    #[serde(default = "default_cluster_logging")]
    pub logging: Vec<String>,
    /// Node pools, by name: EKS managed node groups.
    #[serde(default)]
    pub node_pools: BTreeMap<String, NodePoolToml>,
    /// Plugins installed in the cluster.
    #[serde(default)]
    pub plugins: PluginsToml,
}

/// Access to the cluster's API endpoint.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointToml {
    /// Whether the endpoint is reachable from the internet (limited to `public_cidrs`).
    /// Set to false for clusters reached only through the VPN.
    #[serde(default = "default_true")]
    pub public: bool,
    /// Whether the endpoint is reachable from inside the VPC and through the VPN.
    #[serde(default = "default_true")]
    pub private: bool,
    /// CIDRs allowed to reach the public endpoint.
    #[serde(default = "default_public_cidrs")]
    pub public_cidrs: Vec<String>,
}

impl Default for EndpointToml {
    fn default() -> Self {
        Self {
            public: true,
            private: true,
            public_cidrs: default_public_cidrs(),
        }
    }
}

/// A node pool: an EKS managed node group.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodePoolToml {
    /// EC2 instance types of the nodes, e.g. `["t3.large"]`. Changing them replaces the
    /// pool: the new pool is created first, then the old one drained and deleted.
    pub instance_types: Vec<String>,
    /// `on-demand` or `spot` capacity.
    #[serde(default)]
    pub capacity: Capacity,
    /// Minimum number of nodes.
    #[serde(default = "default_pool_min")]
    pub min: u32,
    /// Maximum number of nodes.
    #[serde(default = "default_pool_max")]
    pub max: u32,
    /// Number of nodes to start with. Default: `min`.
    pub desired: Option<u32>,
    /// Root disk of each node, in GiB.
    #[serde(default = "default_pool_disk")]
    pub disk_gib: u32,
    /// Kubernetes labels put on every node of the pool, besides
    /// `sleak.dev/node-pool = "<pool>"`, which sleak adds (a service's `node_pool`
    /// selects it).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Kubernetes taints put on every node of the pool.
    #[serde(default)]
    pub taints: Vec<TaintToml>,
}

/// Purchase option of a node pool's instances.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// On-demand instances.
    #[default]
    OnDemand,
    /// Spot instances: cheaper, may be reclaimed.
    Spot,
}

/// A Kubernetes taint on the nodes of a pool.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaintToml {
    /// Taint key, a Kubernetes label key.
    pub key: String,
    /// Taint value, a Kubernetes label value.
    #[serde(default)]
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: TaintEffect,
}

/// What a taint does to pods that do not tolerate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum TaintEffect {
    /// New pods are not scheduled on the node.
    NoSchedule,
    /// The scheduler avoids the node.
    PreferNoSchedule,
    /// Running pods are evicted.
    NoExecute,
}

/// Plugins installed in a cluster. EKS add-ons are installed through the EKS API with
/// versions resolved for the cluster version; the rest are installed into the cluster.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginsToml {
    /// Amazon VPC CNI (EKS add-on `vpc-cni`).
    #[serde(default = "default_true")]
    pub vpc_cni: bool,
    /// CoreDNS (EKS add-on `coredns`).
    #[serde(default = "default_true")]
    pub coredns: bool,
    /// kube-proxy (EKS add-on `kube-proxy`).
    #[serde(default = "default_true")]
    pub kube_proxy: bool,
    /// EBS CSI driver for persistent volumes (EKS add-on `aws-ebs-csi-driver`).
    #[serde(default = "default_true")]
    pub ebs_csi_driver: bool,
    /// EKS Pod Identity agent (EKS add-on `eks-pod-identity-agent`).
    #[serde(default = "default_true")]
    pub pod_identity_agent: bool,
    /// Metrics server, needed by autoscaling on CPU and memory (EKS add-on).
    #[serde(default = "default_true")]
    pub metrics_server: bool,
    /// cert-manager, for TLS certificates of web services (EKS add-on).
    #[serde(default = "default_true")]
    pub cert_manager: bool,
    /// ExternalDNS, keeping the environments' hosted zones in sync (EKS add-on).
    #[serde(default = "default_true")]
    pub external_dns: bool,
    /// AWS Load Balancer Controller, for ingresses and load balancers.
    #[serde(default = "default_true")]
    pub load_balancer_controller: bool,
    /// Node autoscaling: `karpenter`, `cluster-autoscaler` or `none`.
    #[serde(default)]
    pub autoscaler: Autoscaler,
    /// Pinned versions by plugin name (e.g. `{ coredns = "v1.11.4-eksbuild.2" }`).
    /// An unpinned EKS add-on gets EKS's default version for the cluster version when it
    /// is installed, and again when the cluster's Kubernetes version changes. A newer
    /// default that EKS publishes later for the same Kubernetes version changes nothing:
    /// `sleak plan` and `sleak status` show it as information (`info: …`), and pinning
    /// it here is how to take it.
    #[serde(default)]
    pub versions: BTreeMap<String, String>,
}

impl Default for PluginsToml {
    fn default() -> Self {
        Self {
            vpc_cni: true,
            coredns: true,
            kube_proxy: true,
            ebs_csi_driver: true,
            pod_identity_agent: true,
            metrics_server: true,
            cert_manager: true,
            external_dns: true,
            load_balancer_controller: true,
            autoscaler: Autoscaler::default(),
            versions: BTreeMap::new(),
        }
    }
}

/// Which node autoscaler a cluster runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Autoscaler {
    /// Karpenter.
    #[default]
    Karpenter,
    /// The Kubernetes Cluster Autoscaler.
    ClusterAutoscaler,
    /// No node autoscaling.
    None,
}

/// An environment: a subdomain of the domain, on one cluster.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentToml {
    /// Cluster the environment's namespaces live on.
    pub cluster: String,
    /// Subdomain of the domain, e.g. `staging` for `staging.acme.dev`. Default: the
    /// environment's name.
    pub subdomain: Option<String>,
    /// Account holding the environment's dependencies and secret variables. Default:
    /// its cluster's account; required when the cluster is one you bring (`context`)
    /// and a project has dependencies or secret variables there.
    pub account: Option<String>,
}

/// A project: one application, with its ECR repository.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectToml {
    /// The project's ECR repository in the management account.
    #[serde(default)]
    pub repository: RepositoryToml,
    /// The project in each environment it is deployed to (a ProjectEnv), by
    /// environment name.
    #[serde(default)]
    pub envs: BTreeMap<String, ProjectEnvToml>,
}

/// A project's ECR repository.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RepositoryToml {
    /// Repository name. Default: the project's name.
    pub name: Option<String>,
    /// Whether pushed tags are immutable.
    #[serde(default)]
    pub immutable_tags: bool,
    /// Whether images are scanned for vulnerabilities on push.
    #[serde(default = "default_true")]
    pub scan_on_push: bool,
    /// How many images the lifecycle policy keeps.
    #[serde(default = "default_keep_images")]
    pub keep_images: u32,
}

impl Default for RepositoryToml {
    fn default() -> Self {
        Self {
            name: None,
            immutable_tags: false,
            scan_on_push: true,
            keep_images: default_keep_images(),
        }
    }
}

/// A project in one environment: one Kubernetes namespace with its dependencies,
/// services and variables.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectEnvToml {
    /// Kubernetes namespace. Default: `<project>-<environment>`. sleak labels it and
    /// gives it a ResourceQuota and a LimitRange named `sleak-default`.
    pub namespace: Option<String>,
    /// Plain (non-secret) variables given to every service: the global variable group.
    /// They beat a dependency's variable of the same name; a service's own beat them.
    /// Secret values are never written here (see `secret_variables`).
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Names of the global group's secret variables. Only the names are written here,
    /// for review and validation: the values live in AWS Secrets Manager in the
    /// environment's account (the secret `sleak/<organization>/<project>/<environment>/variables`),
    /// set with `sleak var set --secret`, and `sleak apply` copies them into the
    /// Kubernetes Secret `secrets-global`. A name may not also be a plain variable.
    #[serde(default)]
    pub secret_variables: Vec<String>,
    /// Cloud resources the services use, by name: each also yields a Kubernetes Secret
    /// with its connection variables.
    #[serde(default)]
    pub dependencies: BTreeMap<String, DependencyToml>,
    /// Web services, workers and cron jobs, by name.
    #[serde(default)]
    pub services: BTreeMap<String, ServiceToml>,
}

/// A dependency: a cloud resource plus a Secret holding its connection variables.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DependencyToml {
    /// What the dependency is.
    pub kind: DependencyKind,
    /// Prefix of its connection variables (`<PREFIX>_HOST`, …). Default: the
    /// dependency's name in upper case with `-` as `_`.
    pub variable_prefix: Option<String>,
    /// Engine version (postgres, mysql, mariadb, redis, memcached). Default: the
    /// engine's current default.
    pub engine_version: Option<String>,
    /// Instance class (postgres, mysql, mariadb), e.g. `db.t4g.micro`.
    pub instance_class: Option<String>,
    /// Allocated storage in GiB (postgres, mysql, mariadb; 20 to 65536).
    pub storage_gib: Option<u32>,
    /// Standby in a second zone (postgres, mysql, mariadb).
    pub multi_az: Option<bool>,
    /// Days of automated backups (postgres, mysql, mariadb; 0 to 35).
    pub backup_retention_days: Option<u32>,
    /// Name of the database created in the instance (postgres, mysql, mariadb).
    pub database: Option<String>,
    /// Master user name (postgres, mysql, mariadb).
    pub username: Option<String>,
    /// Ceiling in GiB up to which RDS grows the storage by itself (postgres, mysql,
    /// mariadb). Default: 4 × `storage_gib`, at most 65536; equal to `storage_gib`
    /// turns storage autoscaling off.
    pub max_storage_gib: Option<u32>,
    /// Refuse to delete the database until this is turned off (postgres, mysql,
    /// mariadb). Default: on in production environments (named `production`, `prod` or
    /// `prd`), off elsewhere.
    pub deletion_protection: Option<bool>,
    /// Bucket name (s3). Default: `<organization>-<project>-<environment>-<name>`.
    pub bucket: Option<String>,
    /// Keep every version of every object (s3). Default: on in environments named
    /// `production`, `prod` or `prd`, off elsewhere. Noncurrent versions expire after 30
    /// days.
    pub versioning: Option<bool>,
    /// Allow anonymous reads of the bucket's objects (s3; listing stays private, ACLs
    /// stay blocked).
    pub public: Option<bool>,
    /// Origins browsers may call the bucket from, e.g. `["https://app.acme.dev"]`
    /// (s3; CORS for GET, HEAD, PUT and POST). Default: none.
    pub cors_origins: Option<Vec<String>>,
    /// Node type (redis, memcached), e.g. `cache.t4g.micro`.
    pub node_type: Option<String>,
    /// Number of cache nodes (redis, memcached; 1 to 20).
    pub nodes: Option<u32>,
    /// First-in-first-out queue (sqs).
    pub fifo: Option<bool>,
    /// Visibility timeout in seconds (sqs; 0 to 43200).
    pub visibility_timeout_secs: Option<u32>,
    /// Receives before a message moves to the dead-letter queue (sqs; 1 to 1000).
    /// Unset: no dead-letter queue.
    pub dead_letter_max_receives: Option<u32>,
}

/// Kinds of dependency.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DependencyKind {
    /// RDS PostgreSQL.
    Postgres,
    /// RDS MySQL.
    Mysql,
    /// RDS MariaDB.
    Mariadb,
    /// An S3 bucket.
    S3,
    /// ElastiCache Redis (Valkey-compatible).
    Redis,
    /// ElastiCache Memcached.
    Memcached,
    /// An SQS queue.
    Sqs,
}

/// A service: a web service, a worker or a cron job.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceToml {
    /// `web` (serves HTTP at `<service>.<subdomain>.<domain>`), `worker` (runs
    /// continuously) or `cron` (runs on a schedule).
    pub kind: ServiceKind,
    /// Container image. Default: the project's ECR repository, at the tag of the release.
    pub image: Option<String>,
    /// Command run in the container, as an argument list. Default: the image's.
    pub command: Option<Vec<String>>,
    /// Port the container listens on (web only). Default: 8080.
    pub port: Option<u16>,
    /// Who can reach a web service: `public` (internet), `private` (through the VPN) or
    /// `internal` (inside the cluster only). Default: `public`.
    pub expose: Option<Exposure>,
    /// Extra host names served by a web service, besides
    /// `<service>.<subdomain>.<domain>`.
    pub aliases: Option<Vec<String>>,
    /// Number of pods (web, worker). Default: 1.
    pub replicas: Option<u32>,
    /// Cron schedule (cron only), five fields or a macro such as `@daily`, in UTC.
    pub schedule: Option<String>,
    /// CPU and memory of each pod.
    #[serde(default)]
    pub resources: ResourcesToml,
    /// Horizontal pod autoscaling (web, worker).
    pub autoscaling: Option<AutoscalingToml>,
    /// HTTP health check (web).
    pub health_check: Option<HealthCheckToml>,
    /// Node pool the pods run on, by name: a pool of the environment's cluster (an EKS
    /// cluster of the workspace). The pods select the pool's nodes and tolerate its
    /// taints. On a cluster you bring, the pods select the nodes labelled
    /// `sleak.dev/node-pool=<name>`. Default: any node without a taint.
    pub node_pool: Option<String>,
    /// Command run once before each deploy of the project in this environment, as an
    /// argument list, e.g. `["bin/rails", "db:migrate"]`: a Job with this service's image,
    /// variables and identity, which must succeed before the services are updated. At
    /// most one service of a project's environment sets it.
    pub pre_deploy: Option<Vec<String>>,
    /// What a cron job does when its previous run is still going (cron only): `forbid`
    /// (skip the new run), `allow` (run both) or `replace` (stop the old one). Default:
    /// `forbid`.
    pub concurrency_policy: Option<ConcurrencyPolicy>,
    /// Finished runs of a cron job kept for inspection (cron only). Default: 3.
    pub history_limit: Option<u32>,
    /// Failed runs of a cron job kept for inspection (cron only). Default: 1.
    pub failed_history_limit: Option<u32>,
    /// Plain (non-secret) variables of this service only: its variable group, which
    /// beats the global group and the dependencies' variables.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Names of this service's secret variables: the values live in AWS Secrets Manager
    /// (the secret `sleak/<organization>/<project>/<environment>/service/<service>/variables`),
    /// set with `sleak var set --secret -s <service>`; `sleak apply` copies them into
    /// the Kubernetes Secret `secrets-<service>`. A name may not also be a plain variable
    /// of the service.
    #[serde(default)]
    pub secret_variables: Vec<String>,
}

/// Kinds of service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    /// A web service: Deployment, Service and, unless internal, Ingress.
    Web,
    /// A worker: a Deployment without a Service.
    Worker,
    /// A cron job: a CronJob.
    Cron,
}

/// What a cron job does when its previous run is still going.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ConcurrencyPolicy {
    /// Skip the new run.
    #[default]
    Forbid,
    /// Run both.
    Allow,
    /// Stop the running one and start the new one.
    Replace,
}

/// Who can reach a web service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Exposure {
    /// From the internet.
    Public,
    /// Through the VPN only.
    Private,
    /// From inside the cluster only.
    Internal,
}

/// CPU and memory of each pod of a service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourcesToml {
    /// CPU request, in Kubernetes quantity syntax (`250m`, `1`).
    #[serde(default = "default_cpu")]
    pub cpu: String,
    /// Memory request, in Kubernetes quantity syntax (`512Mi`, `1Gi`).
    #[serde(default = "default_memory")]
    pub memory: String,
    /// CPU limit. Default: 130 % of the request.
    pub cpu_limit: Option<String>,
    /// Memory limit. Default: 130 % of the request.
    pub memory_limit: Option<String>,
}

impl Default for ResourcesToml {
    fn default() -> Self {
        Self {
            cpu: default_cpu(),
            memory: default_memory(),
            cpu_limit: None,
            memory_limit: None,
        }
    }
}

/// Horizontal pod autoscaling of a service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoscalingToml {
    /// Minimum number of pods.
    pub min: u32,
    /// Maximum number of pods.
    pub max: u32,
    /// Target average CPU use, in percent of the request.
    pub cpu_percent: Option<u32>,
    /// Target average memory use, in percent of the request.
    pub memory_percent: Option<u32>,
}

/// HTTP health check of a web service.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthCheckToml {
    /// Path probed with HTTP GET, e.g. `/healthz`.
    pub path: String,
    /// Seconds before the first probe.
    #[serde(default = "default_initial_delay")]
    pub initial_delay_secs: u32,
    /// Seconds between probes.
    #[serde(default = "default_period")]
    pub period_secs: u32,
}

fn default_true() -> bool {
    true
}
fn default_vpn_instance_type() -> String {
    "t3.medium".to_owned()
}
fn default_vpn_port() -> u16 {
    1194
}
fn default_vpn_volume() -> u16 {
    20
}
pub(crate) fn default_kubernetes_version() -> String {
    "1.33".to_owned()
}
fn default_cluster_logging() -> Vec<String> {
    vec!["api".into(), "audit".into(), "authenticator".into()]
}
fn default_public_cidrs() -> Vec<String> {
    vec!["0.0.0.0/0".into()]
}
fn default_pool_min() -> u32 {
    1
}
fn default_pool_max() -> u32 {
    3
}
fn default_pool_disk() -> u32 {
    50
}
fn default_keep_images() -> u32 {
    30
}
fn default_cpu() -> String {
    "250m".to_owned()
}
fn default_memory() -> String {
    "512Mi".to_owned()
}
fn default_initial_delay() -> u32 {
    10
}
fn default_period() -> u32 {
    10
}
