//! Turns the raw file into the validated model: names, references, CIDRs, schedules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ipnet::Ipv4Net;

use super::cron;
use super::diagnostic::{Diagnostic, KeyPath};
use super::model::*;
use super::names;
use super::schema::*;
use crate::render::service::PRE_DEPLOY_SUFFIX;

/// The three accounts of the reference architecture, with their default CIDRs.
pub const DEFAULT_ACCOUNTS: [(&str, &str); 3] = [
    ("management", "10.0.0.0/16"),
    ("development", "10.1.0.0/16"),
    ("production", "10.2.0.0/16"),
];

/// EKS add-ons sleak knows, by their `plugins` key; used for `plugins.versions`.
pub const PLUGIN_NAMES: [&str; 11] = [
    "vpc_cni",
    "coredns",
    "kube_proxy",
    "ebs_csi_driver",
    "pod_identity_agent",
    "metrics_server",
    "cert_manager",
    "external_dns",
    "load_balancer_controller",
    "karpenter",
    "cluster_autoscaler",
];

const LOG_TYPES: [&str; 5] = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

pub fn validate(file: &Path, raw: &WorkspaceToml) -> (Workspace, Vec<Diagnostic>) {
    let mut validator = Validator::default();
    let workspace = validator.workspace(file, raw);
    (workspace, validator.diagnostics)
}

#[derive(Default)]
struct Validator {
    diagnostics: Vec<Diagnostic>,
    /// Names already reported invalid: names derived from them are not checked again.
    invalid_names: BTreeSet<String>,
}

impl Validator {
    fn error(&mut self, path: KeyPath, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(path, message).with_hint(hint));
    }

    /// Checks a name the user chose; false when it is invalid, so that names derived
    /// from it are not reported a second time.
    fn name(
        &mut self,
        path: &KeyPath,
        what: &str,
        result: Result<(), String>,
        name: &str,
        max: usize,
    ) -> bool {
        match result {
            Ok(()) => true,
            Err(reason) => {
                self.invalid_names.insert(name.to_owned());
                self.diagnostics.push(
                    Diagnostic::new(
                        path.clone(),
                        format!("`{name}` is not a valid {what}: {reason}"),
                    )
                    .with_hint(format!("rename it, e.g. `{}`", suggest_label(name, max)))
                    .at_key(),
                );
                false
            }
        }
    }

    fn value(
        &mut self,
        path: &KeyPath,
        what: &str,
        result: Result<(), String>,
        value: &str,
        hint: &str,
    ) {
        if let Err(reason) = result {
            self.error(
                path.clone(),
                format!("`{value}` is not a valid {what}: {reason}"),
                hint,
            );
        }
    }

    fn cidr(&mut self, path: &KeyPath, text: &str) -> Option<Ipv4Net> {
        match text.parse::<Ipv4Net>() {
            Ok(net) if net.network() != net.addr() => {
                self.error(
                    path.clone(),
                    format!("`{text}` is not a network address: its host bits are set"),
                    format!("use `{}`", net.trunc()),
                );
                None
            }
            Ok(net) => Some(net),
            Err(_) => {
                let hint = match text.split_once('/') {
                    None if text.parse::<std::net::Ipv4Addr>().is_ok() => format!("did you mean `{text}/32` (that address alone)?"),
                    Some((address, prefix)) if address.parse::<std::net::Ipv4Addr>().is_ok() => {
                        format!("the prefix length `/{prefix}` must be a number from 0 to 32")
                    }
                    _ => "write an address and a prefix length, e.g. `10.3.0.0/16` or `203.0.113.7/32`".to_owned(),
                };
                self.error(path.clone(), format!("`{text}` is not an IPv4 CIDR"), hint);
                None
            }
        }
    }

    fn workspace(&mut self, file: &Path, raw: &WorkspaceToml) -> Workspace {
        let organization = self.organization(&raw.organization);
        let accounts = self.accounts(raw, &organization);
        let vpn = self.vpn(&raw.vpn);
        let clusters = self.clusters(raw);
        let environments = self.environments(raw, &organization);
        let projects = self.projects(raw, &organization, &environments, &clusters);
        Workspace {
            file: file.to_owned(),
            organization,
            accounts,
            vpn,
            clusters,
            environments,
            projects,
        }
    }

    fn organization(&mut self, raw: &OrganizationToml) -> Organization {
        let path = KeyPath::of(&["organization"]);
        self.value(
            &path.key("name"),
            "workspace name",
            names::dns_label_starting_with_letter(&raw.name, 24),
            &raw.name,
            "use up to 24 lowercase letters, digits and `-`, starting with a letter, e.g. `acme`",
        );
        self.value(
            &path.key("domain"),
            "domain",
            names::domain(&raw.domain),
            &raw.domain,
            "write the domain in lowercase, without a trailing dot, e.g. `acme.dev`",
        );
        self.value(
            &path.key("region"),
            "AWS region",
            names::aws_region(&raw.region),
            &raw.region,
            "use a region code such as `us-east-1` or `eu-west-1`",
        );
        self.value(
            &path.key("email"),
            "e-mail address",
            names::email(&raw.email),
            &raw.email,
            "use an address you receive mail at, e.g. `aws@acme.dev`",
        );
        Organization {
            name: raw.name.clone(),
            domain: raw.domain.clone(),
            region: raw.region.clone(),
            email: raw.email.clone(),
        }
    }

    fn accounts(&mut self, raw: &WorkspaceToml, organization: &Organization) -> Vec<Account> {
        let defaulted: BTreeMap<String, AccountToml> = if raw.accounts.is_empty() {
            DEFAULT_ACCOUNTS
                .iter()
                .map(|(name, _)| ((*name).to_owned(), AccountToml::default()))
                .collect()
        } else {
            raw.accounts.clone()
        };
        if !defaulted.contains_key(MANAGEMENT_ACCOUNT) {
            self.error(
                KeyPath::of(&["accounts"]),
                "no `management` account",
                "add `[accounts.management]`: it holds the VPN, the domain's hosted zone and the ECR repositories",
            );
        }
        let mut accounts = Vec::new();
        let mut emails: BTreeMap<String, String> = BTreeMap::new();
        let mut cidrs: Vec<(String, Ipv4Net)> = Vec::new();
        for (name, account) in &defaulted {
            let path = KeyPath::of(&["accounts", name]);
            self.name(
                &path,
                "account name",
                names::dns_label_starting_with_letter(name, 50),
                name,
                50,
            );
            let email = match &account.email {
                Some(email) => {
                    self.value(
                        &path.key("email"),
                        "e-mail address",
                        names::email(email),
                        email,
                        "use an address you receive mail at",
                    );
                    email.clone()
                }
                None => plus_address(&organization.email, name),
            };
            // Derived from an invalid organization address: that one error is enough.
            let derived_from_invalid =
                account.email.is_none() && names::email(&organization.email).is_err();
            if derived_from_invalid {
            } else if let Some(other) = emails.insert(email.to_ascii_lowercase(), name.clone()) {
                self.error(
                    path.key("email"),
                    format!(
                        "accounts `{other}` and `{name}` have the same e-mail address `{email}`"
                    ),
                    "every AWS account needs its own root e-mail address",
                );
            }
            let default_cidr = DEFAULT_ACCOUNTS
                .iter()
                .find(|(default_name, _)| default_name == name)
                .map(|(_, cidr)| *cidr);
            let network_path = path.key("network");
            let cidr = match (&account.network.cidr, default_cidr) {
                (Some(text), _) => self.cidr(&network_path.key("cidr"), text),
                (None, Some(text)) => text.parse().ok(),
                (None, None) => {
                    self.error(
                        network_path.clone(),
                        format!("account `{name}` has no `network.cidr`"),
                        format!("add `cidr = \"10.{}.0.0/16\"` under `[accounts.{name}.network]`, not overlapping other accounts", 3 + accounts.len()),
                    );
                    None
                }
            };
            if let Some(cidr) = cidr {
                if !(16..=24).contains(&cidr.prefix_len()) {
                    self.error(
                        network_path.key("cidr"),
                        format!(
                            "a VPC of `/{}` is not supported: use a prefix from /16 to /24",
                            cidr.prefix_len()
                        ),
                        "a /16 such as `10.3.0.0/16` leaves room for every subnet",
                    );
                }
                for (other, other_cidr) in &cidrs {
                    if other_cidr.contains(&cidr.network()) || cidr.contains(&other_cidr.network())
                    {
                        // Point at a CIDR written in the file, not at a default one.
                        let at = if account.network.cidr.is_none()
                            && defaulted
                                .get(other)
                                .is_some_and(|other| other.network.cidr.is_some())
                        {
                            KeyPath::of(&["accounts", other, "network", "cidr"])
                        } else {
                            network_path.key("cidr")
                        };
                        self.error(
                            at,
                            format!("the CIDR `{cidr}` of account `{name}` overlaps `{other_cidr}` of account `{other}`"),
                            "peered VPCs need distinct address ranges: pick another block, e.g. the next free /16",
                        );
                    }
                }
                cidrs.push((name.clone(), cidr));
            }
            let production = name == "production";
            let availability_zones =
                account
                    .network
                    .availability_zones
                    .unwrap_or(if production { 3 } else { 2 });
            if !(2..=6).contains(&availability_zones) {
                self.error(
                    network_path.key("availability_zones"),
                    format!("{availability_zones} availability zones are not supported"),
                    "use 2 to 6: EKS and RDS need subnets in at least 2 zones",
                );
            }
            let nat = account.network.nat.unwrap_or(if production {
                NatMode::PerZone
            } else {
                NatMode::Shared
            });
            accounts.push(Account {
                name: name.clone(),
                email,
                network: Network {
                    cidr: cidr.unwrap_or_else(|| {
                        Ipv4Net::new(std::net::Ipv4Addr::UNSPECIFIED, 16).unwrap_or_default()
                    }),
                    availability_zones,
                    nat,
                },
            });
        }
        accounts
    }

    fn vpn(&mut self, raw: &VpnToml) -> Option<Vpn> {
        let path = KeyPath::of(&["vpn"]);
        self.value(
            &path.key("instance_type"),
            "instance type",
            names::instance_type(&raw.instance_type),
            &raw.instance_type,
            "use an EC2 instance type such as `t3.medium`",
        );
        if raw.port == 0 || raw.port == 443 {
            self.error(
                path.key("port"),
                format!("port {} cannot be the VPN port", raw.port),
                "443 serves the Pritunl console; the usual VPN port is 1194",
            );
        }
        if raw.volume_gib < 8 {
            self.error(
                path.key("volume_gib"),
                format!("a root volume of {} GiB is too small", raw.volume_gib),
                "use at least 8 GiB; 20 is the default",
            );
        }
        let mut admin_cidrs = Vec::new();
        for (index, text) in raw.admin_cidrs.iter().enumerate() {
            if let Some(net) = self.cidr(&path.key("admin_cidrs").index(index), text) {
                admin_cidrs.push(net);
            }
        }
        if raw.enabled && raw.admin_cidrs.is_empty() {
            self.error(
                path.clone(),
                "the VPN console is reachable from nowhere: `vpn.admin_cidrs` is empty",
                "add the address you administer from, e.g. `admin_cidrs = [\"203.0.113.7/32\"]` under `[vpn]`, or set `enabled = false`",
            );
        }
        raw.enabled.then(|| Vpn {
            instance_type: raw.instance_type.clone(),
            port: raw.port,
            protocol: raw.protocol,
            admin_cidrs,
            volume_gib: raw.volume_gib,
        })
    }

    fn clusters(&mut self, raw: &WorkspaceToml) -> Vec<Cluster> {
        let account_names = account_names(raw);
        let mut clusters = Vec::new();
        for (name, cluster) in &raw.clusters {
            let path = KeyPath::of(&["clusters", name]);
            self.name(
                &path,
                "cluster name",
                names::dns_label_starting_with_letter(name, 40),
                name,
                40,
            );
            let source = match (&cluster.account, &cluster.context) {
                (Some(account), None) => {
                    if !account_names.contains(account) {
                        self.unknown_reference(
                            &path.key("account"),
                            "account",
                            account,
                            account_names.iter(),
                        );
                    }
                    ClusterSource::Eks {
                        account: account.clone(),
                    }
                }
                (None, Some(context)) => {
                    if !cluster.node_pools.is_empty() {
                        self.error(
                            path.key("node_pools"),
                            format!("cluster `{name}` uses the kubeconfig context `{context}`: sleak does not manage its nodes"),
                            "remove `node_pools`, or replace `context` with `account` to have sleak create an EKS cluster",
                        );
                    }
                    ClusterSource::Context {
                        context: context.clone(),
                    }
                }
                (Some(_), Some(_)) => {
                    self.error(
                        path.key("context"),
                        format!("cluster `{name}` has both `account` and `context`"),
                        "use `account` for an EKS cluster sleak creates, or `context` for an existing cluster, not both",
                    );
                    ClusterSource::Context {
                        context: String::new(),
                    }
                }
                (None, None) => {
                    self.error(
                        path.clone(),
                        format!("cluster `{name}` has neither `account` nor `context`"),
                        "add `account = \"development\"` to create an EKS cluster there, or `context = \"<kubeconfig context>\"` to use an existing cluster",
                    );
                    ClusterSource::Context {
                        context: String::new(),
                    }
                }
            };
            self.kubernetes_version(&path.key("version"), &cluster.version);
            if !cluster.endpoint.public && !cluster.endpoint.private {
                self.error(
                    path.key("endpoint"),
                    "the cluster endpoint is neither public nor private",
                    "set `private = true` to reach it through the VPN",
                );
            }
            let mut public_cidrs = Vec::new();
            for (index, text) in cluster.endpoint.public_cidrs.iter().enumerate() {
                if let Some(net) =
                    self.cidr(&path.key("endpoint").key("public_cidrs").index(index), text)
                {
                    public_cidrs.push(net);
                }
            }
            for (index, log_type) in cluster.logging.iter().enumerate() {
                if !LOG_TYPES.contains(&log_type.as_str()) {
                    let hint = match super::diagnostic::did_you_mean(log_type, LOG_TYPES) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => format!("use any of `{}`", LOG_TYPES.join("`, `")),
                    };
                    self.error(
                        path.key("logging").index(index),
                        format!("`{log_type}` is not a control-plane log type"),
                        hint,
                    );
                }
            }
            let is_eks = matches!(source, ClusterSource::Eks { .. });
            if is_eks && cluster.node_pools.is_empty() {
                self.error(
                    path.clone(),
                    format!("EKS cluster `{name}` has no node pool"),
                    format!("add `[clusters.{name}.node_pools.general]` with `instance_types = [\"t3.large\"]`"),
                );
            }
            let node_pools = cluster
                .node_pools
                .iter()
                .map(|(pool_name, pool)| {
                    self.node_pool(&path.key("node_pools").key(pool_name), pool_name, pool)
                })
                .collect();
            for plugin in cluster.plugins.versions.keys() {
                if !PLUGIN_NAMES.contains(&plugin.as_str()) {
                    let hint = match super::diagnostic::did_you_mean(plugin, PLUGIN_NAMES) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => format!("plugins are `{}`", PLUGIN_NAMES.join("`, `")),
                    };
                    self.diagnostics.push(
                        Diagnostic::new(
                            path.key("plugins").key("versions").key(plugin),
                            format!("unknown plugin `{plugin}`"),
                        )
                        .with_hint(hint)
                        .at_key(),
                    );
                }
            }
            clusters.push(Cluster {
                name: name.clone(),
                source,
                version: cluster.version.clone(),
                endpoint: Endpoint {
                    public: cluster.endpoint.public,
                    private: cluster.endpoint.private,
                    public_cidrs,
                },
                logging: cluster.logging.clone(),
                node_pools,
                plugins: cluster.plugins.clone(),
            });
        }
        clusters
    }

    fn kubernetes_version(&mut self, path: &KeyPath, version: &str) {
        let minor = version
            .strip_prefix("1.")
            .and_then(|minor| minor.parse::<u32>().ok());
        match minor {
            Some(28..=40) => {}
            _ => self.error(
                path.clone(),
                format!("`{version}` is not a Kubernetes version EKS offers"),
                "use a `1.<minor>` version from `1.28` on, e.g. `1.33`",
            ),
        }
    }

    fn node_pool(&mut self, path: &KeyPath, name: &str, raw: &NodePoolToml) -> NodePool {
        self.name(
            path,
            "node pool name",
            names::dns_label_starting_with_letter(name, 63),
            name,
            63,
        );
        if raw.instance_types.is_empty() {
            self.error(
                path.key("instance_types"),
                "a node pool needs at least one instance type",
                "e.g. `instance_types = [\"t3.large\"]`",
            );
        }
        for (index, instance_type) in raw.instance_types.iter().enumerate() {
            self.value(
                &path.key("instance_types").index(index),
                "instance type",
                names::instance_type(instance_type),
                instance_type,
                "use an EC2 instance type such as `t3.large`",
            );
        }
        let desired = raw.desired.unwrap_or(raw.min);
        if raw.max == 0 {
            self.error(
                path.key("max"),
                "a node pool of at most 0 nodes runs nothing",
                "set `max` to 1 or more",
            );
        }
        if raw.min > raw.max {
            self.error(
                path.key("min"),
                format!("`min` ({}) is greater than `max` ({})", raw.min, raw.max),
                "make `min` at most `max`",
            );
        } else if desired < raw.min || desired > raw.max {
            self.error(
                path.key("desired"),
                format!(
                    "`desired` ({desired}) is outside `min`..`max` ({}..{})",
                    raw.min, raw.max
                ),
                "pick a number between `min` and `max`",
            );
        }
        if !(20..=16384).contains(&raw.disk_gib) {
            self.error(
                path.key("disk_gib"),
                format!("a disk of {} GiB is not supported", raw.disk_gib),
                "use 20 to 16384 GiB; 50 is the default",
            );
        }
        for (key, value) in &raw.labels {
            let label_path = path.key("labels").key(key);
            if let Err(reason) = names::label_key(key) {
                self.diagnostics.push(
                    Diagnostic::new(
                        label_path.clone(),
                        format!("`{key}` is not a valid label key: {reason}"),
                    )
                    .with_hint("use a key such as `role` or `example.com/role`")
                    .at_key(),
                );
            }
            self.value(
                &label_path,
                "label value",
                names::label_value(value),
                value,
                "use up to 63 letters, digits, `-`, `_` and `.`",
            );
        }
        for (index, taint) in raw.taints.iter().enumerate() {
            let taint_path = path.key("taints").index(index);
            self.value(
                &taint_path.key("key"),
                "taint key",
                names::label_key(&taint.key),
                &taint.key,
                "use a key such as `dedicated`",
            );
            self.value(
                &taint_path.key("value"),
                "taint value",
                names::label_value(&taint.value),
                &taint.value,
                "use up to 63 letters, digits, `-`, `_` and `.`",
            );
        }
        NodePool {
            name: name.to_owned(),
            instance_types: raw.instance_types.clone(),
            capacity: raw.capacity,
            min: raw.min,
            max: raw.max,
            desired,
            disk_gib: raw.disk_gib,
            labels: raw.labels.clone(),
            taints: raw.taints.clone(),
        }
    }

    fn environments(
        &mut self,
        raw: &WorkspaceToml,
        organization: &Organization,
    ) -> Vec<Environment> {
        let account_names = account_names(raw);
        let mut environments = Vec::new();
        let mut fqdns: BTreeMap<String, String> = BTreeMap::new();
        for (name, environment) in &raw.environments {
            let path = KeyPath::of(&["environments", name]);
            self.name(
                &path,
                "environment name",
                names::dns_label_starting_with_letter(name, 30),
                name,
                30,
            );
            if !raw.clusters.contains_key(&environment.cluster) {
                self.unknown_reference(
                    &path.key("cluster"),
                    "cluster",
                    &environment.cluster,
                    raw.clusters.keys(),
                );
            }
            let subdomain = environment
                .subdomain
                .clone()
                .unwrap_or_else(|| name.clone());
            if environment.subdomain.is_some() {
                self.value(
                    &path.key("subdomain"),
                    "subdomain",
                    names::dns_name(&subdomain),
                    &subdomain,
                    "use lowercase letters, digits and `-`, e.g. `staging`",
                );
            }
            let fqdn = format!("{subdomain}.{}", organization.domain);
            if let Some(other) = fqdns.insert(fqdn.clone(), name.clone()) {
                // Point at a `subdomain` written in the file.
                let other_explicit = raw
                    .environments
                    .get(&other)
                    .is_some_and(|other| other.subdomain.is_some());
                let at = match (environment.subdomain.is_some(), other_explicit) {
                    (true, _) => path.key("subdomain"),
                    (false, true) => KeyPath::of(&["environments", &other, "subdomain"]),
                    (false, false) => path.clone(),
                };
                self.error(
                    at,
                    format!("environments `{other}` and `{name}` both use `{fqdn}`"),
                    "give each environment its own `subdomain`",
                );
            }
            let cluster_account = raw
                .clusters
                .get(&environment.cluster)
                .and_then(|cluster| cluster.account.clone());
            let account = match (&environment.account, cluster_account) {
                (Some(account), _) if !account_names.contains(account) => {
                    self.unknown_reference(
                        &path.key("account"),
                        "account",
                        account,
                        account_names.iter(),
                    );
                    None
                }
                (Some(account), Some(cluster_account)) if *account != cluster_account => {
                    self.error(
                        path.key("account"),
                        format!(
                            "the cluster `{}` is in the account `{cluster_account}`: the environment's dependencies live there too",
                            environment.cluster
                        ),
                        "remove `account` (it is only for clusters you bring with `context`)",
                    );
                    Some(cluster_account)
                }
                (Some(account), _) => Some(account.clone()),
                (None, cluster_account) => cluster_account,
            };
            environments.push(Environment {
                name: name.clone(),
                cluster: environment.cluster.clone(),
                subdomain,
                fqdn,
                account,
            });
        }
        environments
    }

    fn projects(
        &mut self,
        raw: &WorkspaceToml,
        organization: &Organization,
        environments: &[Environment],
        clusters: &[Cluster],
    ) -> Vec<Project> {
        let mut projects = Vec::new();
        let mut repositories: BTreeMap<String, String> = BTreeMap::new();
        let mut namespaces: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut hosts: BTreeMap<String, KeyPath> = BTreeMap::new();
        for (name, project) in &raw.projects {
            let path = KeyPath::of(&["projects", name]);
            self.name(
                &path,
                "project name",
                names::dns_label_starting_with_letter(name, 24),
                name,
                24,
            );
            let repository_name = project
                .repository
                .name
                .clone()
                .unwrap_or_else(|| name.clone());
            let repository_derived_from_invalid =
                project.repository.name.is_none() && self.invalid_names.contains(name);
            if !repository_derived_from_invalid {
                self.value(
                    &path.key("repository").key("name"),
                    "ECR repository name",
                    names::ecr_repository(&repository_name),
                    &repository_name,
                    "use lowercase letters, digits, `-`, `_`, `.` and `/`",
                );
            }
            if let Some(other) = repositories.insert(repository_name.clone(), name.clone()) {
                self.error(path.key("repository").key("name"), format!("projects `{other}` and `{name}` both use the ECR repository `{repository_name}`"), "give one of them its own `repository.name`");
            }
            if project.repository.keep_images == 0 {
                self.error(
                    path.key("repository").key("keep_images"),
                    "keeping 0 images would delete every image",
                    "keep at least 1 image; 30 is the default",
                );
            }
            let mut envs = Vec::new();
            for (env_name, project_env) in &project.envs {
                let env_path = path.key("envs").key(env_name);
                let Some(environment) = environments
                    .iter()
                    .find(|environment| &environment.name == env_name)
                else {
                    let known: Vec<&String> = raw.environments.keys().collect();
                    let hint = match super::diagnostic::did_you_mean(
                        env_name,
                        known.iter().map(|name| name.as_str()),
                    ) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => format!(
                            "add `[environments.{env_name}]` with its `cluster`, or use one of: {}",
                            list_or_none(known.iter())
                        ),
                    };
                    self.diagnostics.push(
                        Diagnostic::new(env_path, format!("unknown environment `{env_name}`"))
                            .with_hint(hint)
                            .at_key(),
                    );
                    continue;
                };
                let cluster = clusters
                    .iter()
                    .find(|cluster| cluster.name == environment.cluster);
                let project_env = self.project_env(
                    &env_path,
                    organization,
                    name,
                    (environment, cluster),
                    project_env,
                    &mut hosts,
                );
                // Where the first secret variable is: the global group's, or a service's.
                let secrets_at = if project_env.secret_variables.is_empty() {
                    project_env
                        .services
                        .iter()
                        .find(|service| !service.secret_variables.is_empty())
                        .map(|service| {
                            env_path
                                .key("services")
                                .key(&service.name)
                                .key("secret_variables")
                        })
                } else {
                    Some(env_path.key("secret_variables"))
                };
                if project_env.account.is_none()
                    && let Some(secrets_at) = secrets_at
                    && project_env.dependencies.is_empty()
                    && clusters
                        .iter()
                        .any(|cluster| cluster.name == environment.cluster)
                {
                    self.error(
                        secrets_at,
                        format!(
                            "the environment `{env_name}` is on the cluster `{}`, which you bring: no account holds its secret variables",
                            environment.cluster
                        ),
                        format!(
                            "set `account` (e.g. `account = \"development\"`) under `[environments.{env_name}]`"
                        ),
                    );
                }
                if project_env.account.is_none()
                    && let Some(first) = project_env.dependencies.first()
                    && clusters
                        .iter()
                        .any(|cluster| cluster.name == environment.cluster)
                {
                    self.error(
                        env_path.key("dependencies").key(&first.name),
                        format!(
                            "the environment `{env_name}` is on the cluster `{}`, which you bring: no account holds its dependencies",
                            environment.cluster
                        ),
                        format!(
                            "set `account` (e.g. `account = \"development\"`) under `[environments.{env_name}]`"
                        ),
                    );
                }
                if clusters
                    .iter()
                    .any(|cluster| cluster.name == environment.cluster)
                {
                    let key = (environment.cluster.clone(), project_env.namespace.clone());
                    let owner = format!("{name}/{env_name}");
                    if let Some(other) = namespaces.insert(key, owner.clone()) {
                        self.error(env_path.key("namespace"), format!("`{other}` and `{owner}` both use the namespace `{}` on cluster `{}`", project_env.namespace, environment.cluster), "give one of them its own `namespace`");
                    }
                }
                envs.push(project_env);
            }
            projects.push(Project {
                name: name.clone(),
                repository: Repository {
                    name: repository_name,
                    immutable_tags: project.repository.immutable_tags,
                    scan_on_push: project.repository.scan_on_push,
                    keep_images: project.repository.keep_images,
                },
                envs,
            });
        }
        projects
    }

    fn project_env(
        &mut self,
        path: &KeyPath,
        organization: &Organization,
        project: &str,
        (environment, cluster): (&Environment, Option<&Cluster>),
        raw: &ProjectEnvToml,
        hosts: &mut BTreeMap<String, KeyPath>,
    ) -> ProjectEnv {
        let namespace = raw
            .namespace
            .clone()
            .unwrap_or_else(|| format!("{project}-{}", environment.name));
        let namespace_result = names::dns_label(&namespace, 63);
        if raw.namespace.is_some() {
            self.value(
                &path.key("namespace"),
                "namespace",
                namespace_result,
                &namespace,
                "use up to 63 lowercase letters, digits and `-`",
            );
        } else if let Err(reason) = namespace_result
            && !self.derived_from_invalid(&[project, &environment.name])
        {
            let hint = if reason.contains("characters long") {
                "set a shorter `namespace`"
            } else {
                "set `namespace` to a valid name"
            };
            self.error(
                path.clone(),
                format!("the default namespace `{namespace}` is not valid: {reason}"),
                hint,
            );
        }
        self.variables(&path.key("variables"), &raw.variables);
        let secret_variables = self.secret_variables(path, &raw.variables, &raw.secret_variables);
        let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
        let mut keys: BTreeMap<String, String> = BTreeMap::new();
        let dependencies = raw
            .dependencies
            .iter()
            .map(|(name, dependency)| {
                let dependency = self.dependency(
                    &path.key("dependencies").key(name),
                    organization,
                    project,
                    &environment.name,
                    name,
                    dependency,
                );
                let prefix_taken = prefixes.contains_key(&dependency.variable_prefix);
                for key in dependency.variable_keys() {
                    match keys.insert(key.clone(), name.clone()) {
                        Some(other) if !prefix_taken => {
                            self.error(
                                path.key("dependencies").key(name),
                                format!("dependencies `{other}` and `{name}` both produce the variable `{key}`"),
                                format!("set a `variable_prefix` on `{name}` (or `{other}`) that no other dependency's variables start with"),
                            );
                            break;
                        }
                        _ => {}
                    }
                }
                if let Some(other) =
                    prefixes.insert(dependency.variable_prefix.clone(), name.clone())
                {
                    let explicit = raw.dependencies.get(name).is_some_and(|raw| raw.variable_prefix.is_some());
                    let (at, origin) = if explicit {
                        (path.key("dependencies").key(name).key("variable_prefix"), "")
                    } else {
                        (path.key("dependencies").key(name), " (its default prefix)")
                    };
                    self.error(
                        at,
                        format!(
                            "dependencies `{other}` and `{name}` both use the variable prefix `{}`{origin}",
                            dependency.variable_prefix
                        ),
                        "set a distinct `variable_prefix` on one of them",
                    );
                }
                dependency
            })
            .collect();
        let services = raw
            .services
            .iter()
            .map(|(name, service)| {
                self.service(
                    &path.key("services").key(name),
                    (environment, cluster),
                    name,
                    service,
                    hosts,
                )
            })
            .collect();
        let mut pre_deploys = raw
            .services
            .iter()
            .filter(|(_, service)| service.pre_deploy.is_some())
            .map(|(name, _)| name);
        if let (Some(first), Some(second)) = (pre_deploys.next(), pre_deploys.next()) {
            self.error(
                path.key("services").key(second).key("pre_deploy"),
                format!("services `{first}` and `{second}` both set `pre_deploy`"),
                "run every pre-deploy step from one command of one service",
            );
        }
        ProjectEnv {
            project: project.to_owned(),
            env: environment.name.clone(),
            cluster: environment.cluster.clone(),
            namespace,
            account: environment.account.clone(),
            variables: raw.variables.clone(),
            secret_variables,
            dependencies,
            services,
        }
    }

    /// The names of `secret_variables` under `path`: each a variable name, listed once,
    /// and not also a plain variable of the same group.
    fn secret_variables(
        &mut self,
        path: &KeyPath,
        plain: &BTreeMap<String, String>,
        secret: &[String],
    ) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for (index, key) in secret.iter().enumerate() {
            let at = path.key("secret_variables").index(index);
            if let Err(reason) = names::env_var(key) {
                self.error(
                    at.clone(),
                    format!("`{key}` is not a valid variable name: {reason}"),
                    format!(
                        "use letters, digits and `_`, e.g. `{}`",
                        suggest_env_var(key)
                    ),
                );
                continue;
            }
            if plain.contains_key(key) {
                self.error(
                    at,
                    format!("`{key}` is both a plain and a secret variable of the same group"),
                    "keep one: remove it from `variables` to keep it secret, or from `secret_variables` to make it plain",
                );
            }
            if !names.insert(key.clone()) {
                self.error(
                    path.key("secret_variables").index(index),
                    format!("`{key}` is listed twice in `secret_variables`"),
                    "remove one of them",
                );
            }
        }
        names
    }

    fn variables(&mut self, path: &KeyPath, variables: &BTreeMap<String, String>) {
        for key in variables.keys() {
            if let Err(reason) = names::env_var(key) {
                self.diagnostics.push(
                    Diagnostic::new(
                        path.key(key),
                        format!("`{key}` is not a valid variable name: {reason}"),
                    )
                    .with_hint(format!(
                        "use letters, digits and `_`, e.g. `{}`",
                        suggest_env_var(key)
                    ))
                    .at_key(),
                );
            }
        }
    }

    fn dependency(
        &mut self,
        path: &KeyPath,
        organization: &Organization,
        project: &str,
        env: &str,
        name: &str,
        raw: &DependencyToml,
    ) -> Dependency {
        self.name(
            path,
            "dependency name",
            names::dns_label_starting_with_letter(name, 30),
            name,
            30,
        );
        let kind_name = dependency_kind_name(raw.kind);
        let applicable = applicable_dependency_options(raw.kind);
        for (option, present) in dependency_options(raw) {
            if present && !applicable.contains(&option) {
                self.diagnostics.push(
                    Diagnostic::new(
                        path.key(option),
                        format!("`{option}` is not an option of a `{kind_name}` dependency"),
                    )
                    .with_hint(format!(
                        "`{kind_name}` takes: {}",
                        applicable
                            .iter()
                            .map(|o| format!("`{o}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .at_key(),
                );
            }
        }
        let variable_prefix = raw
            .variable_prefix
            .clone()
            .unwrap_or_else(|| name.to_ascii_uppercase().replace('-', "_"));
        if raw.variable_prefix.is_some() {
            self.value(
                &path.key("variable_prefix"),
                "variable prefix",
                names::env_var(&variable_prefix),
                &variable_prefix,
                "use letters, digits and `_`, e.g. `DB`",
            );
        }
        let qualified = format!("{project}-{env}-{name}");
        let (resource_name, settings) = match raw.kind {
            DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb => {
                self.derived_name(
                    path,
                    &[project, env, name],
                    "RDS identifier",
                    &qualified,
                    names::rds_identifier(&qualified),
                );
                let storage_gib = raw.storage_gib.unwrap_or(20);
                if !(20..=65536).contains(&storage_gib) {
                    self.error(
                        path.key("storage_gib"),
                        format!("{storage_gib} GiB of storage is not supported"),
                        "use 20 to 65536 GiB",
                    );
                }
                let max_storage_gib = raw
                    .max_storage_gib
                    .unwrap_or_else(|| storage_gib.saturating_mul(4).min(65536));
                if raw.max_storage_gib.is_some()
                    && !(storage_gib..=65536).contains(&max_storage_gib)
                {
                    self.error(
                        path.key("max_storage_gib"),
                        format!("a ceiling of {max_storage_gib} GiB is below the storage or above what RDS allows"),
                        format!("use {storage_gib} (no autoscaling) to 65536 GiB"),
                    );
                }
                let production = is_production(env);
                let backup_retention_days = raw.backup_retention_days.unwrap_or(7);
                if backup_retention_days > 35 {
                    self.error(
                        path.key("backup_retention_days"),
                        format!("{backup_retention_days} days of backups is more than RDS keeps"),
                        "use 0 to 35 days",
                    );
                }
                let database = raw
                    .database
                    .clone()
                    .unwrap_or_else(|| name.replace('-', "_"));
                let identifier_rule = |text: &str| -> Result<(), String> {
                    if text.is_empty()
                        || text.len() > 63
                        || !text.starts_with(|c: char| c.is_ascii_alphabetic())
                        || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        Err("use up to 63 letters, digits and `_`, starting with a letter".into())
                    } else {
                        Ok(())
                    }
                };
                self.value(
                    &path.key("database"),
                    "database name",
                    identifier_rule(&database),
                    &database,
                    "e.g. `app`",
                );
                let username = raw.username.clone().unwrap_or_else(|| "app".to_owned());
                self.value(
                    &path.key("username"),
                    "user name",
                    identifier_rule(&username),
                    &username,
                    "e.g. `app`",
                );
                if ["rdsadmin", "admin", "root", "postgres", "mysql"].contains(&username.as_str())
                    && raw.kind != DependencyKind::Postgres
                {
                    self.error(
                        path.key("username"),
                        format!("`{username}` is reserved by the engine"),
                        "use another user name, e.g. `app`",
                    );
                }
                let instance_class = raw
                    .instance_class
                    .clone()
                    .unwrap_or_else(|| "db.t4g.micro".to_owned());
                if !instance_class.starts_with("db.")
                    || names::instance_type(
                        &instance_class["db.".len().min(instance_class.len())..],
                    )
                    .is_err()
                {
                    self.error(
                        path.key("instance_class"),
                        format!("`{instance_class}` is not an RDS instance class"),
                        "use a class such as `db.t4g.micro`",
                    );
                }
                (
                    qualified,
                    DependencySettings::Database {
                        engine_version: raw.engine_version.clone(),
                        instance_class,
                        storage_gib,
                        multi_az: raw.multi_az.unwrap_or(production),
                        backup_retention_days,
                        max_storage_gib,
                        deletion_protection: raw.deletion_protection.unwrap_or(production),
                        database,
                        username,
                    },
                )
            }
            DependencyKind::S3 => {
                let bucket = raw
                    .bucket
                    .clone()
                    .unwrap_or_else(|| format!("{}-{qualified}", organization.name));
                let bucket_check = names::s3_bucket(&bucket);
                if raw.bucket.is_none() {
                    self.derived_name(
                        path,
                        &[project, env, name],
                        "default S3 bucket name",
                        &bucket,
                        bucket_check,
                    );
                } else if let Err(reason) = bucket_check {
                    let (at, hint) = (
                        path.key("bucket"),
                        "use 3 to 63 lowercase letters, digits, `.` and `-`",
                    );
                    self.error(
                        at,
                        format!("`{bucket}` is not a valid S3 bucket name: {reason}"),
                        hint,
                    );
                }
                let cors_origins = raw.cors_origins.clone().unwrap_or_default();
                for (index, origin) in cors_origins.iter().enumerate() {
                    self.value(
                        &path.key("cors_origins").index(index),
                        "CORS origin",
                        cors_origin(origin),
                        origin,
                        "use an origin such as `https://app.acme.dev` (scheme and host, no path)",
                    );
                }
                (
                    bucket,
                    DependencySettings::Bucket {
                        versioning: raw.versioning.unwrap_or_else(|| is_production_name(env)),
                        public: raw.public.unwrap_or(false),
                        cors_origins,
                    },
                )
            }
            DependencyKind::Redis | DependencyKind::Memcached => {
                self.derived_name(
                    path,
                    &[project, env, name],
                    "ElastiCache id",
                    &qualified,
                    names::elasticache_id(&qualified),
                );
                let nodes = raw.nodes.unwrap_or(1);
                if !(1..=20).contains(&nodes) {
                    self.error(
                        path.key("nodes"),
                        format!("{nodes} cache nodes are not supported"),
                        "use 1 to 20 nodes",
                    );
                }
                let node_type = raw
                    .node_type
                    .clone()
                    .unwrap_or_else(|| "cache.t4g.micro".to_owned());
                if !node_type.starts_with("cache.") {
                    self.error(
                        path.key("node_type"),
                        format!("`{node_type}` is not an ElastiCache node type"),
                        "use a type such as `cache.t4g.micro`",
                    );
                }
                (
                    qualified,
                    DependencySettings::Cache {
                        engine_version: raw.engine_version.clone(),
                        node_type,
                        nodes,
                    },
                )
            }
            DependencyKind::Sqs => {
                let fifo = raw.fifo.unwrap_or(false);
                let queue = if fifo {
                    format!("{qualified}.fifo")
                } else {
                    qualified
                };
                self.derived_name(
                    path,
                    &[project, env, name],
                    "queue name",
                    &queue,
                    names::sqs_queue(&queue, fifo),
                );
                let visibility_timeout_secs = raw.visibility_timeout_secs.unwrap_or(30);
                if visibility_timeout_secs > 43_200 {
                    self.error(
                        path.key("visibility_timeout_secs"),
                        format!("a visibility timeout of {visibility_timeout_secs} s is too long"),
                        "use 0 to 43200 seconds (12 hours)",
                    );
                }
                if let Some(receives) = raw.dead_letter_max_receives
                    && !(1..=1000).contains(&receives)
                {
                    self.error(
                        path.key("dead_letter_max_receives"),
                        format!("{receives} receives is out of range"),
                        "use 1 to 1000",
                    );
                }
                (
                    queue,
                    DependencySettings::Queue {
                        fifo,
                        visibility_timeout_secs,
                        dead_letter_max_receives: raw.dead_letter_max_receives,
                    },
                )
            }
        };
        Dependency {
            name: name.to_owned(),
            kind: raw.kind,
            resource_name,
            variable_prefix,
            settings,
        }
    }

    fn service(
        &mut self,
        path: &KeyPath,
        (environment, cluster): (&Environment, Option<&Cluster>),
        name: &str,
        raw: &ServiceToml,
        hosts_seen: &mut BTreeMap<String, KeyPath>,
    ) -> Service {
        // CronJob names are limited to 52 characters: Kubernetes appends 11 for its Jobs.
        let max = if raw.kind == ServiceKind::Cron {
            52
        } else {
            63
        };
        let what = if raw.kind == ServiceKind::Cron {
            "cron service name (Kubernetes appends 11 characters for its Jobs)"
        } else {
            "service name"
        };
        self.name(
            path,
            what,
            names::dns_label_starting_with_letter(name, max),
            name,
            max,
        );
        let kind = raw.kind;
        let only = |option: &str, kinds: &[ServiceKind]| -> Option<Diagnostic> {
            (!kinds.contains(&kind)).then(|| {
                let allowed: Vec<String> = kinds
                    .iter()
                    .map(|kind| format!("`{}`", service_kind_name(*kind)))
                    .collect();
                Diagnostic::new(
                    path.key(option),
                    format!(
                        "`{option}` does not apply to a `{}` service",
                        service_kind_name(kind)
                    ),
                )
                .with_hint(format!(
                    "remove it: `{option}` is for {} services",
                    allowed.join(" and ")
                ))
                .at_key()
            })
        };
        let checks = [
            ("port", raw.port.is_some(), &[ServiceKind::Web][..]),
            ("expose", raw.expose.is_some(), &[ServiceKind::Web][..]),
            ("aliases", raw.aliases.is_some(), &[ServiceKind::Web][..]),
            (
                "health_check",
                raw.health_check.is_some(),
                &[ServiceKind::Web][..],
            ),
            (
                "replicas",
                raw.replicas.is_some(),
                &[ServiceKind::Web, ServiceKind::Worker][..],
            ),
            (
                "autoscaling",
                raw.autoscaling.is_some(),
                &[ServiceKind::Web, ServiceKind::Worker][..],
            ),
            ("schedule", raw.schedule.is_some(), &[ServiceKind::Cron][..]),
            (
                "concurrency_policy",
                raw.concurrency_policy.is_some(),
                &[ServiceKind::Cron][..],
            ),
            (
                "history_limit",
                raw.history_limit.is_some(),
                &[ServiceKind::Cron][..],
            ),
            (
                "failed_history_limit",
                raw.failed_history_limit.is_some(),
                &[ServiceKind::Cron][..],
            ),
        ];
        for (option, present, kinds) in checks {
            if present && let Some(diagnostic) = only(option, kinds) {
                self.diagnostics.push(diagnostic);
            }
        }
        if kind == ServiceKind::Cron {
            match &raw.schedule {
                None => self.error(
                    path.clone(),
                    format!("cron service `{name}` has no `schedule`"),
                    "add `schedule = \"0 3 * * *\"` (minute hour day month weekday, UTC)",
                ),
                Some(schedule) => {
                    if let Err(reason) = cron::check_schedule(schedule) {
                        self.error(
                            path.key("schedule"),
                            format!("`{schedule}` is not a valid cron schedule: {reason}"),
                            "five fields, e.g. `*/15 * * * *`, or a macro such as `@daily`",
                        );
                    }
                }
            }
        }
        if let Some(image) = &raw.image {
            self.value(
                &path.key("image"),
                "image reference",
                names::image_reference(image),
                image,
                "e.g. `ghcr.io/acme/api:1.2.0`, or leave it out to use the project's repository",
            );
        }
        if raw.command.as_ref().is_some_and(Vec::is_empty) {
            self.error(
                path.key("command"),
                "the command is empty",
                "remove `command` to run the image's own, or list the program and its arguments",
            );
        }
        // The Job `<service>-pre-deploy` is named within Kubernetes' 63 characters.
        if raw.pre_deploy.is_some() && name.len() + PRE_DEPLOY_SUFFIX.len() > 63 {
            self.error(
                path.key("pre_deploy"),
                format!(
                    "the pre-deploy Job `{name}{PRE_DEPLOY_SUFFIX}` would have more than 63 characters"
                ),
                format!(
                    "set `pre_deploy` on a service whose name has at most {} characters",
                    63 - PRE_DEPLOY_SUFFIX.len()
                ),
            );
        }
        if raw.pre_deploy.as_ref().is_some_and(Vec::is_empty) {
            self.error(
                path.key("pre_deploy"),
                "the pre-deploy command is empty",
                "list the program and its arguments, e.g. `[\"bin/rails\", \"db:migrate\"]`, or remove `pre_deploy`",
            );
        }
        if let (Some(pool), Some(cluster)) = (&raw.node_pool, cluster)
            && cluster.account().is_some()
            && !cluster.node_pools.iter().any(|known| &known.name == pool)
        {
            let known: Vec<&String> = cluster.node_pools.iter().map(|pool| &pool.name).collect();
            let hint =
                match super::diagnostic::did_you_mean(pool, known.iter().map(|name| name.as_str()))
                {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!(
                        "use one of the pools of `[clusters.{}.node_pools]`: {}",
                        cluster.name,
                        list_or_none(known.iter())
                    ),
                };
            self.error(
                path.key("node_pool"),
                format!(
                    "the cluster `{}` of the environment `{}` has no node pool `{pool}`",
                    cluster.name, environment.name
                ),
                hint,
            );
        }
        if raw.port == Some(0) {
            self.error(
                path.key("port"),
                "port 0 cannot be listened on",
                "use the port your server listens on, e.g. 8080",
            );
        }
        let replicas = raw.replicas.unwrap_or(1);
        if let Some(autoscaling) = &raw.autoscaling {
            let autoscaling_path = path.key("autoscaling");
            if autoscaling.min == 0 || autoscaling.min > autoscaling.max {
                self.error(
                    autoscaling_path.key("min"),
                    format!(
                        "autoscaling from {} to {} pods is not a range",
                        autoscaling.min, autoscaling.max
                    ),
                    "use 1 <= min <= max",
                );
            }
            if autoscaling.cpu_percent.is_none() && autoscaling.memory_percent.is_none() {
                self.error(
                    autoscaling_path.clone(),
                    "autoscaling has no target",
                    "add `cpu_percent = 70` or `memory_percent = 80`",
                );
            }
            for (key, value) in [
                ("cpu_percent", autoscaling.cpu_percent),
                ("memory_percent", autoscaling.memory_percent),
            ] {
                if let Some(value) = value
                    && !(1..=1000).contains(&value)
                {
                    self.error(
                        autoscaling_path.key(key),
                        format!("a target of {value} % is out of range"),
                        "use 1 to 1000 percent of the request",
                    );
                }
            }
        }
        if let Some(health_check) = &raw.health_check
            && !health_check.path.starts_with('/')
        {
            self.error(
                path.key("health_check").key("path"),
                format!("`{}` is not an absolute HTTP path", health_check.path),
                "start it with `/`, e.g. `/healthz`",
            );
        }
        let resources = self.resources(&path.key("resources"), &raw.resources);
        self.variables(&path.key("variables"), &raw.variables);
        let secret_variables = self.secret_variables(path, &raw.variables, &raw.secret_variables);
        let mut hosts = Vec::new();
        let expose = (kind == ServiceKind::Web).then(|| raw.expose.unwrap_or(Exposure::Public));
        if kind == ServiceKind::Web && expose != Some(Exposure::Internal) {
            let own = format!("{name}.{}", environment.fqdn);
            if let Err(reason) = names::dns_name(&own)
                && !self.derived_from_invalid(&[name, &environment.name])
            {
                self.error(
                    path.clone(),
                    format!("the host name `{own}` is not valid: {reason}"),
                    "shorten the service name or the environment's subdomain",
                );
            }
            hosts.push((own, path.clone()));
            for (index, alias) in raw.aliases.iter().flatten().enumerate() {
                let alias_path = path.key("aliases").index(index);
                self.value(
                    &alias_path,
                    "host name",
                    names::dns_name(alias),
                    alias,
                    "write a host name such as `www.acme.dev`",
                );
                hosts.push((alias.clone(), alias_path));
            }
        }
        for (host, host_path) in &hosts {
            if let Some(other) = hosts_seen.insert(host.clone(), host_path.clone()) {
                self.error(
                    host_path.clone(),
                    format!("the host name `{host}` is also served at `{other}`"),
                    "each host name can route to one service only",
                );
            }
        }
        Service {
            name: name.to_owned(),
            kind,
            image: raw.image.clone(),
            command: raw.command.clone(),
            port: (kind == ServiceKind::Web).then(|| raw.port.unwrap_or(8080)),
            expose,
            hosts: hosts.into_iter().map(|(host, _)| host).collect(),
            replicas,
            schedule: raw.schedule.clone(),
            resources,
            autoscaling: raw.autoscaling.clone(),
            health_check: raw.health_check.clone(),
            node_pool: raw.node_pool.clone(),
            pre_deploy: raw.pre_deploy.clone(),
            concurrency_policy: raw.concurrency_policy.unwrap_or_default(),
            history_limit: raw.history_limit.unwrap_or(3),
            failed_history_limit: raw.failed_history_limit.unwrap_or(1),
            variables: raw.variables.clone(),
            secret_variables,
        }
    }

    fn resources(&mut self, path: &KeyPath, raw: &ResourcesToml) -> Resources {
        let cpu = match cron::cpu_millis(&raw.cpu) {
            Ok(millis) => Some(millis),
            Err(reason) => {
                self.error(
                    path.key("cpu"),
                    format!("`{}` is not a CPU quantity: {reason}", raw.cpu),
                    "e.g. `250m` or `1`",
                );
                None
            }
        };
        let memory = match cron::memory_bytes(&raw.memory) {
            Ok(bytes) => Some(bytes),
            Err(reason) => {
                self.error(
                    path.key("memory"),
                    format!("`{}` is not a memory quantity: {reason}", raw.memory),
                    "e.g. `512Mi` or `1Gi`",
                );
                None
            }
        };
        let cpu_limit = match (&raw.cpu_limit, cpu) {
            (Some(limit), request) => {
                match cron::cpu_millis(limit) {
                    Ok(limit_millis) if request.is_some_and(|request| limit_millis < request) => {
                        self.error(
                            path.key("cpu_limit"),
                            format!("the CPU limit `{limit}` is below the request `{}`", raw.cpu),
                            "make the limit at least the request",
                        )
                    }
                    Ok(_) => {}
                    Err(reason) => self.error(
                        path.key("cpu_limit"),
                        format!("`{limit}` is not a CPU quantity: {reason}"),
                        "e.g. `500m` or `1`",
                    ),
                }
                limit.clone()
            }
            (None, Some(millis)) => format!("{}m", (millis * 13).div_ceil(10)),
            (None, None) => raw.cpu.clone(),
        };
        let memory_limit = match (&raw.memory_limit, memory) {
            (Some(limit), request) => {
                match cron::memory_bytes(limit) {
                    Ok(limit_bytes) if request.is_some_and(|request| limit_bytes < request) => self
                        .error(
                            path.key("memory_limit"),
                            format!(
                                "the memory limit `{limit}` is below the request `{}`",
                                raw.memory
                            ),
                            "make the limit at least the request",
                        ),
                    Ok(_) => {}
                    Err(reason) => self.error(
                        path.key("memory_limit"),
                        format!("`{limit}` is not a memory quantity: {reason}"),
                        "e.g. `1Gi`",
                    ),
                }
                limit.clone()
            }
            (None, Some(bytes)) => format!("{}Mi", (bytes * 13 / 10).div_ceil(1 << 20)),
            (None, None) => raw.memory.clone(),
        };
        Resources {
            cpu: raw.cpu.clone(),
            memory: raw.memory.clone(),
            cpu_limit,
            memory_limit,
        }
    }

    /// Whether a name built from `parts` would only repeat an error already reported.
    fn derived_from_invalid(&self, parts: &[&str]) -> bool {
        parts.iter().any(|part| self.invalid_names.contains(*part))
    }

    /// Reports a derived cloud name, with a hint that fits the reason.
    fn derived_name(
        &mut self,
        path: &KeyPath,
        parts: &[&str],
        what: &str,
        name: &str,
        result: Result<(), String>,
    ) {
        if self.derived_from_invalid(parts) {
            return;
        }
        if let Err(reason) = result {
            let hint = if reason.contains("characters long") {
                "shorten the project, environment or dependency name"
            } else {
                "rename the project, environment or dependency"
            };
            self.error(
                path.clone(),
                format!("the {what} `{name}` is not valid: {reason}"),
                hint,
            );
        }
    }

    fn unknown_reference<'a>(
        &mut self,
        path: &KeyPath,
        what: &str,
        name: &str,
        known: impl Iterator<Item = &'a String>,
    ) {
        let known: Vec<&String> = known.collect();
        let hint =
            match super::diagnostic::did_you_mean(name, known.iter().map(|name| name.as_str())) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("known {what}s: {}", list_or_none(known.iter())),
            };
        self.error(path.clone(), format!("unknown {what} `{name}`"), hint);
    }
}

/// The accounts of the workspace: those it lists, or the default three.
fn account_names(raw: &WorkspaceToml) -> BTreeSet<String> {
    if raw.accounts.is_empty() {
        DEFAULT_ACCOUNTS
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect()
    } else {
        raw.accounts.keys().cloned().collect()
    }
}

pub fn dependency_kind_name(kind: DependencyKind) -> &'static str {
    match kind {
        DependencyKind::Postgres => "postgres",
        DependencyKind::Mysql => "mysql",
        DependencyKind::Mariadb => "mariadb",
        DependencyKind::S3 => "s3",
        DependencyKind::Redis => "redis",
        DependencyKind::Memcached => "memcached",
        DependencyKind::Sqs => "sqs",
    }
}

pub fn service_kind_name(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::Web => "web",
        ServiceKind::Worker => "worker",
        ServiceKind::Cron => "cron",
    }
}

/// The options a dependency kind takes, besides `kind` and `variable_prefix`.
pub fn applicable_dependency_options(kind: DependencyKind) -> &'static [&'static str] {
    match kind {
        DependencyKind::Postgres | DependencyKind::Mysql | DependencyKind::Mariadb => &[
            "engine_version",
            "instance_class",
            "storage_gib",
            "multi_az",
            "backup_retention_days",
            "database",
            "username",
            "max_storage_gib",
            "deletion_protection",
        ],
        DependencyKind::S3 => &["bucket", "versioning", "public", "cors_origins"],
        DependencyKind::Redis | DependencyKind::Memcached => {
            &["engine_version", "node_type", "nodes"]
        }
        DependencyKind::Sqs => &[
            "fifo",
            "visibility_timeout_secs",
            "dead_letter_max_receives",
        ],
    }
}

fn dependency_options(raw: &DependencyToml) -> [(&'static str, bool); 19] {
    [
        ("max_storage_gib", raw.max_storage_gib.is_some()),
        ("deletion_protection", raw.deletion_protection.is_some()),
        ("engine_version", raw.engine_version.is_some()),
        ("instance_class", raw.instance_class.is_some()),
        ("storage_gib", raw.storage_gib.is_some()),
        ("multi_az", raw.multi_az.is_some()),
        ("backup_retention_days", raw.backup_retention_days.is_some()),
        ("database", raw.database.is_some()),
        ("username", raw.username.is_some()),
        ("bucket", raw.bucket.is_some()),
        ("versioning", raw.versioning.is_some()),
        ("public", raw.public.is_some()),
        ("cors_origins", raw.cors_origins.is_some()),
        ("node_type", raw.node_type.is_some()),
        ("nodes", raw.nodes.is_some()),
        ("fifo", raw.fifo.is_some()),
        (
            "visibility_timeout_secs",
            raw.visibility_timeout_secs.is_some(),
        ),
        (
            "dead_letter_max_receives",
            raw.dead_letter_max_receives.is_some(),
        ),
        ("variable_prefix", false),
    ]
}

/// Whether an environment's name says it is production (`production`, `prod`, `prd`):
/// where a bucket keeps the versions of its objects unless told otherwise.
pub fn is_production_name(env: &str) -> bool {
    matches!(env, "production" | "prod" | "prd")
}

/// A CORS origin: `http(s)://host[:port]`, or `*` for any.
fn cors_origin(origin: &str) -> Result<(), String> {
    if origin == "*" {
        return Ok(());
    }
    let Some(rest) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return Err("an origin starts with `https://` or `http://`".into());
    };
    let host = rest.split(':').next().unwrap_or_default();
    if host.is_empty() || rest.contains('/') || rest.chars().any(char::is_whitespace) {
        return Err("an origin is a scheme and a host (and a port), with no path".into());
    }
    Ok(())
}

/// `ops@acme.dev` + `development` → `ops+development@acme.dev`.
pub fn plus_address(base: &str, tag: &str) -> String {
    match base.split_once('@') {
        Some((local, domain)) => {
            let local = local.split('+').next().unwrap_or(local);
            format!("{local}+{tag}@{domain}")
        }
        None => base.to_owned(),
    }
}

fn suggest_label(name: &str, max: usize) -> String {
    let mut label: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    while label.contains("--") {
        label = label.replace("--", "-");
    }
    let label = label.trim_matches('-');
    let label = label.trim_start_matches(|c: char| c.is_ascii_digit());
    if label.is_empty() {
        "app".to_owned()
    } else {
        label
            .chars()
            .take(max)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    }
}

pub(crate) fn suggest_env_var(name: &str) -> String {
    let mut variable: String = name
        .to_ascii_uppercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if variable.starts_with(|c: char| c.is_ascii_digit()) || variable.is_empty() {
        variable.insert(0, '_');
    }
    variable
}

fn list_or_none<'a>(names: impl Iterator<Item = &'a &'a String>) -> String {
    let names: Vec<String> = names.map(|name| format!("`{name}`")).collect();
    if names.is_empty() {
        "none yet".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const BASE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
admin_cidrs = ["203.0.113.7/32"]

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]
"#;

    /// The bucket settings of `project`'s dependency `files` in each environment.
    fn bucket_settings(text: &str) -> BTreeMap<String, (bool, Vec<String>)> {
        let workspace = crate::workspace::parse(Path::new("sleak.toml"), text)
            .unwrap_or_else(|error| panic!("{error:?}"));
        workspace
            .project_envs()
            .flat_map(|project_env| {
                project_env.dependencies.iter().map(|dependency| {
                    let DependencySettings::Bucket {
                        versioning,
                        cors_origins,
                        ..
                    } = &dependency.settings
                    else {
                        panic!("a bucket");
                    };
                    (project_env.env.clone(), (*versioning, cors_origins.clone()))
                })
            })
            .collect()
    }

    #[test]
    fn buckets_keep_versions_by_default_in_production_only_unless_told() {
        let mut text = BASE.to_owned();
        for env in ["production", "prod", "prd", "staging", "preview"] {
            text.push_str(&format!(
                "\n[environments.{env}]\ncluster = \"dev\"\nsubdomain = \"{env}\"\n\n[projects.api.envs.{env}.dependencies.files]\nkind = \"s3\"\n"
            ));
        }
        text.push_str("\n[environments.prod-eu]\ncluster = \"dev\"\n\n[projects.api.envs.prod-eu.dependencies.files]\nkind = \"s3\"\nversioning = false\ncors_origins = [\"https://app.acme.dev\"]\n");
        let settings = bucket_settings(&text);
        let versioning: Vec<(&str, bool)> = settings
            .iter()
            .map(|(env, (versioning, _))| (env.as_str(), *versioning))
            .collect();
        assert_eq!(
            versioning,
            [
                ("prd", true),
                ("preview", false),
                ("prod", true),
                ("prod-eu", false),
                ("production", true),
                ("staging", false),
            ]
        );
        assert_eq!(settings["prod-eu"].1, ["https://app.acme.dev"]);
        assert!(settings["staging"].1.is_empty());
    }

    #[test]
    fn cors_origins_are_origins() {
        for (origin, valid) in [
            ("https://app.acme.dev", true),
            ("http://localhost:3000", true),
            ("*", true),
            ("app.acme.dev", false),
            ("https://app.acme.dev/", false),
            ("https://", false),
        ] {
            assert_eq!(cors_origin(origin).is_ok(), valid, "{origin}");
        }
    }
}
