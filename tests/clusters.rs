//! Clusters, projects and environments end to end: `sleak apply` and `sleak cluster …`
//! against moto (through the recording proxy, which also answers the EKS APIs moto lacks —
//! add-ons, access entries, updates — and makes EKS take its time: updates in progress for
//! a few looks, deletions that last, failures on demand) and the project's Kubernetes API
//! stand-in, which plays both a bring-your-own cluster (a kubeconfig context) and the EKS
//! cluster's API (the proxy points DescribeCluster's endpoint at it; the stand-in accepts
//! EKS tokens).
//! Everything is read back from moto with boto3, and from the stand-in with the real
//! kubectl and helm; sleak's own output is never trusted: that it waited is read from the
//! order of the proxy's records and what EKS answered in them.

mod common;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::proxy::{AwsProxy, ProxyRecord};
use common::{MotoGuard, Run, TestContext};
use serde_json::Value;
use support_sandbox::{Sandbox, fast_options, peers_bin, success};

const WORKSPACE: &str = r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[accounts.management]
network = { cidr = "10.0.0.0/16", availability_zones = 2, nat = "shared" }

[accounts.development]
network = { cidr = "10.1.0.0/16", availability_zones = 2, nat = "shared" }

[accounts.production]
network = { cidr = "10.2.0.0/16", availability_zones = 2, nat = "shared" }

[vpn]
enabled = false

[clusters.dev]
account = "development"
version = "1.33"
endpoint = { public = true, private = true, public_cidrs = ["203.0.113.0/24"] }
logging = ["api", "audit"]

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]
min = 1
max = 4
desired = 2
labels = { role = "general" }
taints = [{ key = "dedicated", value = "general", effect = "NoSchedule" }]

[clusters.dev.plugins]
autoscaler = "cluster-autoscaler"
versions = { coredns = "v1.11.4-eksbuild.2" }

[clusters.local]
context = "sandbox"

[environments.staging]
cluster = "dev"

[environments.preview]
cluster = "local"

[projects.api]
repository = { immutable_tags = true, keep_images = 30 }

[projects.api.envs.staging]

[projects.api.envs.preview]
namespace = "api-preview"
"#;

/// Minimal stand-ins of the two charts sleak installs into the EKS cluster (the real
/// ones come from the internet): same names, versions and values keys, so the test
/// sees which values sleak gave them.
fn write_charts(root: &Path) -> PathBuf {
    let charts = root.join("charts");
    let chart = |name: &str, version: &str, account: &str| {
        let dir = charts.join(name);
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        std::fs::write(
            dir.join("Chart.yaml"),
            format!("apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"1.0\"\n"),
        )
        .unwrap();
        std::fs::write(
            dir.join("templates/serviceaccount.yaml"),
            format!(
                "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {{{{ .Release.Namespace }}}}\n  annotations:\n    eks.amazonaws.com/role-arn: {{{{ {account} | quote }}}}\n"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.join("templates/settings.yaml"),
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-settings\n  namespace: {{{{ .Release.Namespace }}}}\ndata:\n  values: {{{{ .Values | toJson | quote }}}}\n"
            ),
        )
        .unwrap();
    };
    chart(
        "aws-load-balancer-controller",
        "1.13.4",
        "index .Values.serviceAccount.annotations \"eks.amazonaws.com/role-arn\"",
    );
    chart(
        "cluster-autoscaler",
        "9.50.1",
        "index .Values.rbac.serviceAccount.annotations \"eks.amazonaws.com/role-arn\"",
    );
    charts
}

struct Setup {
    context: TestContext,
    moto: MotoGuard,
    proxy: AwsProxy,
    sandbox: Sandbox,
    charts: PathBuf,
}

impl Setup {
    fn new() -> Self {
        Self::with_stand_in_latency(Duration::ZERO)
    }

    /// A Setup whose stand-in takes `latency` before it handles each request.
    fn with_stand_in_latency(latency: Duration) -> Self {
        let (context, moto) = TestContext::with_moto();
        let proxy = AwsProxy::start(moto.url());
        proxy.reset_moto();
        proxy.reset();
        let mut options = fast_options();
        options.accept_eks_tokens = true;
        options.latency = latency;
        let sandbox = Sandbox::start(options);
        // The EKS cluster's API is the stand-in; its CA is the kubeconfig's.
        let kubeconfig = std::fs::read_to_string(&sandbox.kubeconfig).unwrap();
        let ca_data = kubeconfig
            .lines()
            .find_map(|line| line.trim().strip_prefix("certificate-authority-data: "))
            .expect("the stand-in's kubeconfig has a CA")
            .to_owned();
        use base64::Engine;
        let ca_pem = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(ca_data.trim())
                .unwrap(),
        )
        .unwrap();
        proxy.set_eks_endpoint(&sandbox.url, &ca_pem);
        proxy.set_eks_delays(2, 1, 1, 1);
        // As EKS: updates take a few looks, deletions too.
        proxy.set_eks_knobs(serde_json::json!({
            "update_describes": 2,
            "cluster_deleting_describes": 1,
            "addon_deleting_describes": 1,
        }));
        context.write("sleak.toml", WORKSPACE);
        let charts = write_charts(context.root.path());
        Self {
            context,
            moto,
            proxy,
            sandbox,
            charts,
        }
    }

    fn sleak(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("sleak runs"))
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let helm_home = self.context.root.path().join("helm");
        let mut command = self.context.sleak();
        command
            .env("AWS_ENDPOINT_URL", &self.proxy.url)
            .env("KUBECONFIG", &self.sandbox.kubeconfig)
            .env("SLEAK_HELM", peers_bin().join("helm"))
            .env("SLEAK_CHART_MIRROR", &self.charts)
            .env("HELM_CACHE_HOME", helm_home.join("cache"))
            .env("HELM_CONFIG_HOME", helm_home.join("config"))
            .env("HELM_DATA_HOME", helm_home.join("data"))
            .args(args);
        command
    }

    fn must(&self, args: &[&str]) -> Run {
        let run = self.sleak(args);
        assert_eq!(
            run.code, 0,
            "sleak {args:?} failed:\nstdout:\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        );
        run
    }

    fn kubectl_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        serde_json::from_str(&success(self.sandbox.kubectl(&all), "kubectl")).unwrap()
    }

    fn read_back(&self) -> Value {
        serde_json::from_str(&self.moto.python(READ_BACK)).expect("read-back JSON")
    }

    /// The read-back through the proxy: what moto lacks (cluster and node-group versions
    /// after an upgrade) is kept by the proxy's EKS fake, which amends moto's answers.
    fn read_back_through_proxy(&self) -> Value {
        let code = format!("endpoint = {:?}\n{READ_BACK}", self.proxy.url);
        serde_json::from_str(&self.moto.python(&code)).expect("read-back JSON")
    }

    /// Everything sleak built, normalized (CONTRACT): `{"contract": …, "counts": {kind: n}}`,
    /// equal for two Setups in which sleak built the same.
    fn contract(&self) -> Value {
        let home = self.sandbox.home.path();
        let kube_env = serde_json::json!({
            "PATH": std::env::var("PATH").unwrap_or_default(),
            "HOME": home,
            "KUBECONFIG": self.sandbox.kubeconfig,
            "HELM_CACHE_HOME": home.join("helm/cache"),
            "HELM_CONFIG_HOME": home.join("helm/config"),
            "HELM_DATA_HOME": home.join("helm/data"),
        });
        let code = format!(
            "endpoint = {:?}\nstandin = {:?}\nkubectl = {:?}\nhelm = {:?}\nkube_env = json.loads({:?})\n{CONTRACT}",
            self.proxy.url,
            self.sandbox.url,
            peers_bin().join("kubectl"),
            peers_bin().join("helm"),
            kube_env.to_string(),
        );
        serde_json::from_str(&self.moto.python(&code)).expect("contract JSON")
    }
}

/// Per account name: EKS clusters with node groups, roles (trust and policies), OIDC
/// providers, ECR repositories with policies, hosted zones with NS records.
const READ_BACK: &str = r#"
from urllib.parse import unquote
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
caller = sts.get_caller_identity()["Account"]
out = {}
for account in org.list_accounts()["Accounts"]:
    if account["Id"] == caller:
        session = boto3.Session(region_name="us-east-1")
    else:
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
        session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
    eks = session.client("eks", endpoint_url=endpoint)
    iam = session.client("iam", endpoint_url=endpoint)
    ecr = session.client("ecr", endpoint_url=endpoint)
    r53 = session.client("route53", endpoint_url=endpoint)
    state = {"id": account["Id"], "clusters": {}, "roles": {}, "oidc": [], "repositories": {}, "zones": {}}
    for name in eks.list_clusters()["clusters"]:
        cluster = eks.describe_cluster(name=name)["cluster"]
        groups = {}
        for group in eks.list_nodegroups(clusterName=name)["nodegroups"]:
            g = eks.describe_nodegroup(clusterName=name, nodegroupName=group)["nodegroup"]
            groups[group] = {"version": g.get("version"), "instance_types": g.get("instanceTypes"), "scaling": g.get("scalingConfig"), "labels": g.get("labels"), "taints": g.get("taints"), "capacity": g.get("capacityType"), "disk": g.get("diskSize"), "role": g.get("nodeRole"), "subnets": g.get("subnets"), "tags": g.get("tags")}
        state["clusters"][name] = {"version": cluster.get("version"), "role": cluster.get("roleArn"), "vpc": cluster.get("resourcesVpcConfig"), "logging": cluster.get("logging"), "issuer": cluster["identity"]["oidc"]["issuer"], "tags": cluster.get("tags"), "nodegroups": groups}
    for role in iam.list_roles()["Roles"]:
        name = role["RoleName"]
        if not name.startswith("acme-"):
            continue
        doc = role["AssumeRolePolicyDocument"]
        if isinstance(doc, str):
            doc = json.loads(unquote(doc))
        attached = [p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]]
        inline = iam.list_role_policies(RoleName=name)["PolicyNames"]
        state["roles"][name] = {"trust": doc, "attached": attached, "inline": inline}
    state["oidc"] = [p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    for repo in ecr.describe_repositories()["repositories"]:
        name = repo["repositoryName"]
        entry = {"scan": repo["imageScanningConfiguration"]["scanOnPush"], "mutability": repo["imageTagMutability"]}
        try:
            entry["lifecycle"] = json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
        except Exception as error:
            entry["lifecycle"] = None
        try:
            entry["policy"] = json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"])
        except Exception:
            entry["policy"] = None
        state["repositories"][name] = entry
    for zone in r53.list_hosted_zones()["HostedZones"]:
        records = r53.list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
        ns = {r["Name"]: sorted(v["Value"].rstrip(".") for v in r.get("ResourceRecords", [])) for r in records if r["Type"] == "NS"}
        servers = sorted(s.rstrip(".") for s in r53.get_hosted_zone(Id=zone["Id"])["DelegationSet"]["NameServers"])
        state["zones"][zone["Name"]] = {"ns": ns, "servers": servers}
    out[account["Name"]] = state
print(json.dumps(out))
"#;

/// The contract of a run: everything sleak builds, read back through the proxy (moto and
/// the EKS fake) with boto3 and from the stand-in with the real kubectl and helm, then
/// normalized so that two runs against separate moto servers and stand-ins compare equal
/// when they built the same: account ids become account names, EC2 ids the `sleak:id`
/// they carry (`<… untagged>` without one; unknown ids `sg-?`), zone ids the zone's name,
/// the stand-in's address `<stand-in>`, OIDC issuer ids and the uuids in ARNs `*`;
/// timestamps, resource versions, Helm revisions and the stand-in's CA are left out.
/// Nothing is keyed so that copies merge: accounts, OIDC providers and zones are lists,
/// and `counts` has every resource per kind (untagged copies included).
/// Needs `endpoint` (the proxy), `standin`, `kubectl`, `helm` and `kube_env`.
const CONTRACT: &str = r#"
# ---- the contract: everything sleak builds, read back and normalized -------------------
import re, subprocess
from urllib.parse import unquote

def pages(client, method, key, **kwargs):
    items = []
    for page in client.get_paginator(method).paginate(**kwargs):
        items.extend(page[key])
    return items

def doc(text):
    if isinstance(text, str):
        return json.loads(unquote(text))
    return text

VOLATILE = {"createdAt", "modifiedAt", "associatedAt", "CreateDate", "creationTimestamp",
            "resourceVersion", "uid", "managedFields", "generation", "updated", "revision",
            "ResponseMetadata", "certificateAuthority"}

def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value

names = {standin: "<stand-in>"}
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
caller = sts.get_caller_identity()["Account"]
accounts = pages(org, "list_accounts", "Accounts")
counts = {"accounts": len(accounts)}
def count(kind, n=1):
    counts[kind] = counts.get(kind, 0) + n
out = {"accounts": {}}
for account in accounts:
    names[account["Id"]] = account["Name"]
for account in accounts:
    if account["Id"] == caller:
        session = boto3.Session(region_name="us-east-1")
    else:
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
        session = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
    client = lambda service: session.client(service, endpoint_url=endpoint)
    ec2, eks, iam, ecr, r53 = (client(s) for s in ("ec2", "eks", "iam", "ecr", "route53"))
    state = {"ec2": {}, "clusters": {}, "roles": {}, "oidc": [], "repositories": {}, "zones": []}
    # EC2: counted per kind (every copy, tagged or not); ids become their sleak:id.
    def ec2_kind(kind, items, id_key, live=lambda item: True):
        items = [item for item in items if live(item)]
        count(f"ec2:{kind}", len(items))
        state["ec2"][kind] = len(items)
        for item in items:
            tags = {t["Key"]: t["Value"] for t in item.get("Tags") or []}
            names[item[id_key]] = f"<{tags.get('sleak:id', kind + ' untagged')}>"
    ec2_kind("vpc", pages(ec2, "describe_vpcs", "Vpcs"), "VpcId")
    ec2_kind("subnet", pages(ec2, "describe_subnets", "Subnets"), "SubnetId")
    ec2_kind("security-group", pages(ec2, "describe_security_groups", "SecurityGroups"), "GroupId")
    ec2_kind("route-table", pages(ec2, "describe_route_tables", "RouteTables"), "RouteTableId")
    ec2_kind("internet-gateway", pages(ec2, "describe_internet_gateways", "InternetGateways"), "InternetGatewayId")
    ec2_kind("nat-gateway", pages(ec2, "describe_nat_gateways", "NatGateways"), "NatGatewayId", lambda n: n["State"] not in ("deleted", "deleting"))
    ec2_kind("elastic-ip", ec2.describe_addresses()["Addresses"], "AllocationId")
    ec2_kind("instance", [i for r in pages(ec2, "describe_instances", "Reservations") for i in r["Instances"]], "InstanceId", lambda i: i["State"]["Name"] not in ("terminated", "shutting-down"))
    ec2_kind("peering", pages(ec2, "describe_vpc_peering_connections", "VpcPeeringConnections"), "VpcPeeringConnectionId", lambda p: p["Status"]["Code"] not in ("deleted", "rejected", "failed"))
    # EKS: clusters, node groups, add-ons, access entries and their policies.
    for name in pages(eks, "list_clusters", "clusters"):
        count("eks:cluster")
        cluster = strip(eks.describe_cluster(name=name)["cluster"])
        groups = {}
        for group in pages(eks, "list_nodegroups", "nodegroups", clusterName=name):
            count("eks:nodegroup")
            groups[group] = strip(eks.describe_nodegroup(clusterName=name, nodegroupName=group)["nodegroup"])
        addons = {}
        for addon in pages(eks, "list_addons", "addons", clusterName=name):
            count("eks:addon")
            addons[addon] = strip(eks.describe_addon(clusterName=name, addonName=addon)["addon"])
        entries = {}
        for principal in pages(eks, "list_access_entries", "accessEntries", clusterName=name):
            count("eks:access-entry")
            entry = strip(eks.describe_access_entry(clusterName=name, principalArn=principal)["accessEntry"])
            policies = strip(eks.list_associated_access_policies(clusterName=name, principalArn=principal)["associatedAccessPolicies"])
            count("eks:access-policy", len(policies))
            entry["policies"] = policies
            entries[principal] = entry
        cluster.update({"nodegroups": groups, "addons": addons, "access_entries": entries})
        state["clusters"][name] = cluster
    # IAM: every role with its trust, attached and inline policies and tags; OIDC providers.
    for role in pages(iam, "list_roles", "Roles"):
        count("iam:role")
        name = role["RoleName"]
        inline = {p: doc(iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"])
                  for p in pages(iam, "list_role_policies", "PolicyNames", RoleName=name)}
        state["roles"][name] = {
            "path": role["Path"],
            "trust": doc(role["AssumeRolePolicyDocument"]),
            "attached": sorted(p["PolicyArn"] for p in pages(iam, "list_attached_role_policies", "AttachedPolicies", RoleName=name)),
            "inline": inline,
            "tags": sorted((t["Key"], t["Value"]) for t in iam.list_role_tags(RoleName=name)["Tags"]),
        }
    for provider in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]:
        count("iam:oidc-provider")
        found = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=provider["Arn"])
        state["oidc"].append({"arn": provider["Arn"], "url": found["Url"], "clients": sorted(found["ClientIDList"]),
                              "thumbprints": sorted(found["ThumbprintList"]),
                              "tags": sorted((t["Key"], t["Value"]) for t in found.get("Tags", []))})
    # ECR repositories with their settings and policies.
    for repo in pages(ecr, "describe_repositories", "repositories"):
        count("ecr:repository")
        name = repo["repositoryName"]
        entry = {"uri": repo["repositoryUri"], "scan": repo["imageScanningConfiguration"]["scanOnPush"],
                 "mutability": repo["imageTagMutability"], "encryption": repo.get("encryptionConfiguration"),
                 "tags": sorted((t["Key"], t["Value"]) for t in ecr.list_tags_for_resource(resourceArn=repo["repositoryArn"])["tags"])}
        try:
            entry["lifecycle"] = json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
        except ecr.exceptions.LifecyclePolicyNotFoundException:
            entry["lifecycle"] = None
        try:
            entry["policy"] = json.loads(ecr.get_repository_policy(repositoryName=name)["policyText"])
        except ecr.exceptions.RepositoryPolicyNotFoundException:
            entry["policy"] = None
        state["repositories"][name] = entry
    # Route53: every zone (copies of a name included) with every record.
    for zone in pages(r53, "list_hosted_zones", "HostedZones"):
        count("route53:zone")
        names[zone["Id"].split("/")[-1]] = f"<zone {zone['Name']}>"
        records = []
        for record in pages(r53, "list_resource_record_sets", "ResourceRecordSets", HostedZoneId=zone["Id"]):
            count("route53:record")
            records.append({"name": record["Name"], "type": record["Type"], "ttl": record.get("TTL"),
                            "values": sorted(v["Value"] for v in record.get("ResourceRecords", [])),
                            "alias": record.get("AliasTarget")})
        servers = r53.get_hosted_zone(Id=zone["Id"]).get("DelegationSet", {}).get("NameServers", [])
        state["zones"].append({"name": zone["Name"], "reference": zone["CallerReference"],
                               "private": zone["Config"]["PrivateZone"], "servers": sorted(servers),
                               "records": sorted(records, key=lambda r: (r["name"], r["type"]))})
    state["oidc"].sort(key=lambda p: p["arn"])
    state["zones"].sort(key=lambda z: (z["name"], z["reference"]))
    out["accounts"].setdefault(account["Name"], []).append(state)

# Kubernetes (the stand-in): namespaces, quotas and limit ranges with the real kubectl;
# Helm releases with the real helm.
def run(*args):
    done = subprocess.run(args, env=kube_env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{args} failed: {done.stderr}")
    return done.stdout
def objects(kind):
    items = json.loads(run(kubectl, "get", kind, "-A", "-o", "json"))["items"]
    count(f"k8s:{kind}", len(items))
    return sorted(({"namespace": i["metadata"].get("namespace"), "name": i["metadata"]["name"],
                    "labels": i["metadata"].get("labels", {}), "annotations": i["metadata"].get("annotations", {}),
                    "spec": i.get("spec")} for i in items), key=lambda i: (i["namespace"] or "", i["name"]))
out["namespaces"] = objects("namespaces")
out["resourcequotas"] = objects("resourcequotas")
out["limitranges"] = objects("limitranges")
releases = []
for release in json.loads(run(helm, "list", "-A", "--deployed", "--failed", "--pending", "--uninstalling", "--uninstalled", "-o", "json")):
    count("helm:release")
    values = json.loads(run(helm, "get", "values", release["name"], "-n", release["namespace"], "-o", "json"))
    releases.append({"name": release["name"], "namespace": release["namespace"], "chart": release["chart"],
                     "app_version": release["app_version"], "status": release["status"], "values": values})
out["releases"] = sorted(releases, key=lambda r: (r["namespace"], r["name"]))

# Normalized: account ids become account names, EC2 ids their sleak:id, zone ids their
# names, the stand-in's address a placeholder, OIDC issuer ids and ARN uuids `*`.
text = json.dumps(strip(out), sort_keys=True)
text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*", text)
for raw in sorted(names, key=len, reverse=True):
    text = text.replace(raw, names[raw])
text = re.sub(r"\b(?:vpc|subnet|sg|rtb|igw|nat|eipalloc|eni|i|pcx|lt|acl)-[0-9a-z]{8,}\b", lambda m: m.group(0).split("-")[0] + "-?", text)
text = re.sub(r"(/id/)[0-9A-Za-z]+", r"\1*", text)
text = re.sub(r"\b\d{12}\b", "<unknown account>", text)
print(json.dumps({"contract": json.loads(text), "counts": counts}, sort_keys=True))
"#;

/// The requests, one a line: `#seq service:action [target] → status (EKS's answer)`.
fn labels(records: &[ProxyRecord]) -> String {
    records
        .iter()
        .map(|record| {
            let mut line = format!("#{} {}", record.seq, record.label());
            if let Some(target) = &record.target {
                line.push_str(&format!(" [{target}]"));
            }
            if let Some(status) = record.status {
                line.push_str(&format!(" → {status}"));
            }
            if let Some(answer) = record.answer_error().or(record.answer_status()) {
                line.push_str(&format!(" ({answer})"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sequence number of the first request of `action`.
fn first_seq(log: &[ProxyRecord], action: &str) -> usize {
    log.iter()
        .find(|record| record.action == action)
        .map(|record| record.seq)
        .unwrap_or_else(|| panic!("no {action}:\n{}", labels(log)))
}

fn policy_arns(role: &Value) -> Vec<String> {
    role["attached"]
        .as_array()
        .unwrap()
        .iter()
        .map(|arn| arn.as_str().unwrap().to_owned())
        .collect()
}

/// What a clean run builds, made once per test binary in a Setup of its own (call it
/// before making the test's own Setup: the two would wait for each other's moto).
struct Clean {
    /// The contract after `onboard` and `cluster create dev`, and that run's requests.
    cluster: Value,
    cluster_log: Vec<ProxyRecord>,
    /// The contract after `apply` too.
    apply: Value,
}

fn clean() -> &'static Clean {
    static CLEAN: std::sync::OnceLock<Clean> = std::sync::OnceLock::new();
    CLEAN.get_or_init(|| {
        let setup = Setup::new();
        setup.must(&["onboard", "--yes"]);
        setup.proxy.clear_log();
        setup.must(&["cluster", "create", "dev", "--yes"]);
        let cluster_log = setup.proxy.log();
        let cluster = setup.contract();
        setup.must(&["apply", "--yes"]);
        let apply = setup.contract();
        Clean {
            cluster,
            cluster_log,
            apply,
        }
    })
}

/// Where two JSON values differ, one path a line (`$.a.b[2]: left ≠ right`).
fn differences(left: &Value, right: &Value) -> Vec<String> {
    fn walk(path: String, left: &Value, right: &Value, out: &mut Vec<String>) {
        match (left, right) {
            (Value::Object(a), Value::Object(b)) => {
                let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for key in keys {
                    let path = format!("{path}.{key}");
                    match (a.get(key), b.get(key)) {
                        (Some(x), Some(y)) => walk(path, x, y, out),
                        (x, y) => out.push(format!(
                            "{path}: {} ≠ {}",
                            x.map_or("(none)".to_owned(), Value::to_string),
                            y.map_or("(none)".to_owned(), Value::to_string)
                        )),
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                for (index, (x, y)) in a.iter().zip(b).enumerate() {
                    walk(format!("{path}[{index}]"), x, y, out);
                }
            }
            _ if left != right => out.push(format!("{path}: {left} ≠ {right}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("$".to_owned(), left, right, &mut out);
    out
}

/// Fails naming every difference between a clean run's contract and `actual`.
#[track_caller]
fn assert_same_contract(clean: &Value, actual: &Value, what: &str) {
    let differences = differences(clean, actual);
    assert!(
        differences.is_empty(),
        "the contract differs from a clean run's (clean ≠ this):\n{}\n{what}",
        differences.join("\n")
    );
}

/// `helm` for the kill tests (SLEAK_HELM): runs the real helm and, at the `KILL_AT`-th
/// `upgrade` or `install` of a run, SIGKILLs its parent — after checking that the parent is
/// the sleak binary — before running helm or after it ended. Every upgrade and install is
/// logged (`start <pid> <n> <args>`, `end <pid>`), so the test can wait for a helm that
/// outlived a killed sleak.
const HELM_KILLER: &str = r#"#!/bin/sh
state="$SLEAK_TEST_HELM_STATE"
case "$1" in
upgrade | install)
    n=$(flock "$state/lock" sh -c 'n=$(($(cat "$1" 2>/dev/null || echo 0) + 1)); echo "$n" >"$1"; echo "$n"' sh "$state/count")
    echo "start $$ $n $*" >>"$state/log"
    code=0
    if [ "$n" = "${SLEAK_TEST_HELM_KILL_AT:-0}" ]; then
        parent=$(readlink "/proc/$PPID/exe")
        if [ "$parent" != "$SLEAK_TEST_SLEAK" ]; then
            echo "helm's parent $PPID is $parent, not $SLEAK_TEST_SLEAK" >>"$state/errors"
            echo "end $$" >>"$state/log"
            exit 97
        fi
        code=137
        if [ "$SLEAK_TEST_HELM_KILL_WHEN" = after ]; then
            "$SLEAK_TEST_REAL_HELM" "$@"
            code=$?
        fi
        echo "$SLEAK_TEST_HELM_KILL_WHEN helm $1 $2 $3 (exit $code)" >>"$state/killed"
        kill -KILL "$PPID"
    else
        "$SLEAK_TEST_REAL_HELM" "$@"
        code=$?
    fi
    echo "end $$" >>"$state/log"
    exit "$code"
    ;;
esac
exec "$SLEAK_TEST_REAL_HELM" "$@"
"#;

/// The helm of HELM_KILLER, its state in a folder of its own, and the temporary folder
/// (TMPDIR) of the sleaks it runs under.
struct HelmKiller {
    script: PathBuf,
    state: PathBuf,
    temporary: PathBuf,
}

impl HelmKiller {
    fn new(root: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let state = root.join("helm-killer");
        std::fs::create_dir_all(&state).unwrap();
        let script = root.join("helm-killer.sh");
        std::fs::write(&script, HELM_KILLER).unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let temporary = root.join("tmp");
        std::fs::create_dir_all(&temporary).unwrap();
        Self {
            script,
            state,
            temporary,
        }
    }

    /// The files under the sleaks' temporary folder that hold an EKS token (none may:
    /// Helm reads the kubeconfig from an unlinked file, however sleak ends).
    fn tokens_left(&self) -> Vec<String> {
        common::files_under(&self.temporary, &[])
            .into_iter()
            .filter(|(_, text)| text.contains("k8s-aws-v1."))
            .map(|(path, _)| path.display().to_string())
            .collect()
    }

    /// Points `command`'s sleak at this helm, to kill it at the `at`-th upgrade or install
    /// of the run (0: never); the count starts again.
    fn arm(&self, command: &mut std::process::Command, at: usize, before: bool) {
        let _ = std::fs::remove_file(self.state.join("count"));
        let sleak = std::fs::canonicalize(env!("CARGO_BIN_EXE_sleak")).unwrap();
        command
            .env("TMPDIR", &self.temporary)
            .env("SLEAK_HELM", &self.script)
            .env("SLEAK_TEST_REAL_HELM", peers_bin().join("helm"))
            .env("SLEAK_TEST_HELM_STATE", &self.state)
            .env("SLEAK_TEST_SLEAK", sleak)
            .env("SLEAK_TEST_HELM_KILL_AT", at.to_string())
            .env(
                "SLEAK_TEST_HELM_KILL_WHEN",
                if before { "before" } else { "after" },
            );
    }

    fn read(&self, name: &str) -> Vec<String> {
        std::fs::read_to_string(self.state.join(name))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The upgrades and installs started so far.
    fn installs(&self) -> usize {
        self.starts().len()
    }

    /// The log lines of the upgrades and installs started so far (`start <pid> <n> <args>`).
    fn starts(&self) -> Vec<String> {
        self.read("log")
            .into_iter()
            .filter(|line| line.starts_with("start "))
            .collect()
    }

    /// Waits until every helm started has ended (one may outlive the sleak that ran it).
    fn wait_idle(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let log = self.read("log");
            let started = log.iter().filter(|line| line.starts_with("start ")).count();
            let ended = log.iter().filter(|line| line.starts_with("end ")).count();
            if started == ended {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "helm never ended:\n{}",
                log.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Objects added to the stand-in from now on (namespaces, resource quotas, limit ranges),
/// watched with the real kubectl: `kind [namespace/]name` for each, as soon as it is stored.
struct KubeWatch {
    children: Vec<std::process::Child>,
    added: std::sync::mpsc::Receiver<String>,
}

impl KubeWatch {
    fn start(sandbox: &Sandbox) -> Self {
        let (sender, added) = std::sync::mpsc::channel();
        let mut children = Vec::new();
        for kind in ["namespace", "resourcequota", "limitrange"] {
            let mut child = std::process::Command::new(peers_bin().join("kubectl"))
                .env_clear()
                .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                .env("HOME", sandbox.home.path())
                .env("KUBECONFIG", &sandbox.kubeconfig)
                .args(["get", kind, "-A", "--watch-only", "--output-watch-events"])
                .args(["-o", "json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("kubectl runs");
            let stdout = child.stdout.take().unwrap();
            let sender = sender.clone();
            std::thread::spawn(move || {
                for event in serde_json::Deserializer::from_reader(stdout).into_iter::<Value>() {
                    let Ok(event) = event else { return };
                    if event["type"] != "ADDED" {
                        continue;
                    }
                    let metadata = &event["object"]["metadata"];
                    let name = metadata["name"].as_str().unwrap_or_default();
                    let name = match metadata["namespace"].as_str() {
                        Some(namespace) => format!("{kind} {namespace}/{name}"),
                        None => format!("{kind} {name}"),
                    };
                    if sender.send(name).is_err() {
                        return;
                    }
                }
            });
            children.push(child);
        }
        // kubectl lists before it watches from there: what comes after is not missed.
        std::thread::sleep(Duration::from_millis(500));
        Self { children, added }
    }
}

impl Drop for KubeWatch {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Where a kill round stops sleak.
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    /// At the `n`-th request of `action` in the run (the proxy's `kill_at_action`).
    Aws {
        action: &'static str,
        n: usize,
        before: bool,
    },
    /// At the `n`-th `helm upgrade --install` of the run (HELM_KILLER).
    Helm { n: usize, before: bool },
    /// As soon as the stand-in stored the run's first object of one of these kinds
    /// (`namespace`, `resourcequota`, `limitrange`).
    Kube(&'static [&'static str]),
}

/// The namespaces, quotas and limit ranges sleak manages, with their resource versions.
fn kube_versions(setup: &Setup) -> Vec<(String, String)> {
    let mut versions = Vec::new();
    for kind in ["namespaces", "resourcequotas", "limitranges"] {
        for item in setup.kubectl_json(&["get", kind, "-A"])["items"]
            .as_array()
            .unwrap()
        {
            let metadata = &item["metadata"];
            if metadata["labels"]["app.kubernetes.io/managed-by"] == "sleak" {
                versions.push((
                    format!(
                        "{kind} {}/{}",
                        metadata["namespace"].as_str().unwrap_or_default(),
                        metadata["name"].as_str().unwrap()
                    ),
                    metadata["resourceVersion"].as_str().unwrap().to_owned(),
                ));
            }
        }
    }
    versions.sort();
    versions
}

/// The resources kinds of which `counts` has more than the clean run's `clean`.
fn exceeding(clean: &Value, counts: &Value) -> Vec<String> {
    counts
        .as_object()
        .unwrap()
        .iter()
        .filter(|(kind, n)| n.as_u64() > clean[kind.as_str()].as_u64().or(Some(0)))
        .map(|(kind, n)| format!("{kind}: {n} (clean: {})", clean[kind.as_str()]))
        .collect()
}

#[test]
fn apply_builds_clusters_repositories_zones_and_namespaces_and_a_rerun_changes_nothing() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.proxy.clear_log();
    let applied = setup.must(&["apply", "--yes"]);
    let state = setup.read_back();
    let development = &state["development"];
    let dev_id = development["id"].as_str().unwrap().to_owned();

    // The EKS cluster, in development only.
    assert_eq!(
        development["clusters"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["dev"],
        "{state:#}"
    );
    for other in ["management", "production"] {
        assert!(
            state[other]["clusters"].as_object().unwrap().is_empty(),
            "{other} has clusters: {state:#}"
        );
        assert!(
            state[other]["oidc"].as_array().unwrap().is_empty(),
            "{other} has OIDC providers"
        );
        assert!(
            !state[other]["roles"]
                .as_object()
                .unwrap()
                .keys()
                .any(|role| role.starts_with("acme-dev")),
            "{other} has cluster roles"
        );
    }
    let cluster = &development["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.33");
    assert_eq!(
        cluster["role"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-cluster")
    );
    assert_eq!(cluster["vpc"]["endpointPublicAccess"], true);
    assert_eq!(cluster["vpc"]["endpointPrivateAccess"], true);
    assert_eq!(
        cluster["vpc"]["publicAccessCidrs"],
        serde_json::json!(["203.0.113.0/24"])
    );
    assert_eq!(
        cluster["vpc"]["subnetIds"].as_array().unwrap().len(),
        2,
        "private subnets of 2 zones"
    );
    assert_eq!(cluster["tags"]["sleak:id"], "cluster/dev/eks-cluster");
    let enabled: Vec<&Value> = cluster["logging"]["clusterLogging"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|setup| setup["enabled"] == true)
        .flat_map(|setup| setup["types"].as_array().unwrap())
        .collect();
    assert_eq!(
        enabled,
        [&serde_json::json!("api"), &serde_json::json!("audit")]
    );

    // The node group: a hash of its immutable settings in its name.
    let groups = cluster["nodegroups"].as_object().unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let (group_name, group) = groups.iter().next().unwrap();
    assert!(group_name.starts_with("general-"), "{group_name}");
    assert_eq!(group["instance_types"], serde_json::json!(["t3.large"]));
    assert_eq!(group["capacity"], "ON_DEMAND");
    assert_eq!(
        group["scaling"],
        serde_json::json!({ "minSize": 1, "maxSize": 4, "desiredSize": 2 })
    );
    assert_eq!(
        group["labels"],
        serde_json::json!({ "role": "general", "sleak.dev/node-pool": "general" })
    );
    assert_eq!(group["taints"][0]["key"], "dedicated");
    assert_eq!(group["taints"][0]["effect"], "NO_SCHEDULE");
    assert_eq!(
        group["role"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-nodes")
    );

    // Roles and their trust.
    let roles = &development["roles"];
    assert_eq!(
        roles["acme-dev-cluster"]["trust"]["Statement"][0]["Principal"]["Service"],
        "eks.amazonaws.com"
    );
    assert!(
        policy_arns(&roles["acme-dev-cluster"])
            .contains(&"arn:aws:iam::aws:policy/AmazonEKSClusterPolicy".to_owned())
    );
    assert_eq!(
        roles["acme-dev-nodes"]["trust"]["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    for policy in [
        "AmazonEKSWorkerNodePolicy",
        "AmazonEKS_CNI_Policy",
        "AmazonEC2ContainerRegistryReadOnly",
    ] {
        assert!(
            policy_arns(&roles["acme-dev-nodes"])
                .contains(&format!("arn:aws:iam::aws:policy/{policy}")),
            "nodes lack {policy}"
        );
    }
    // IAM roles for service accounts trust the cluster's OIDC provider for one account.
    let issuer = cluster["issuer"]
        .as_str()
        .unwrap()
        .trim_start_matches("https://")
        .to_owned();
    let provider = format!("arn:aws:iam::{dev_id}:oidc-provider/{issuer}");
    assert_eq!(development["oidc"], serde_json::json!([provider]));
    for (role, namespace, account) in [
        ("acme-dev-vpc-cni", "kube-system", "aws-node"),
        (
            "acme-dev-aws-ebs-csi-driver",
            "kube-system",
            "ebs-csi-controller-sa",
        ),
        ("acme-dev-external-dns", "external-dns", "external-dns"),
        (
            "acme-dev-aws-load-balancer-controller",
            "kube-system",
            "aws-load-balancer-controller",
        ),
        (
            "acme-dev-cluster-autoscaler",
            "kube-system",
            "cluster-autoscaler",
        ),
    ] {
        let statement = &roles[role]["trust"]["Statement"][0];
        assert_eq!(
            statement["Principal"]["Federated"], provider,
            "{role}: {statement:#}"
        );
        assert_eq!(statement["Action"], "sts:AssumeRoleWithWebIdentity");
        assert_eq!(
            statement["Condition"]["StringEquals"][format!("{issuer}:sub")],
            format!("system:serviceaccount:{namespace}:{account}"),
            "{role}"
        );
    }
    assert!(
        policy_arns(&roles["acme-dev-aws-ebs-csi-driver"])
            .contains(&"arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy".to_owned())
    );
    assert_eq!(
        roles["acme-dev-aws-load-balancer-controller"]["inline"],
        serde_json::json!(["sleak"])
    );

    // Add-ons and the access entry: moto has no such API, the test proxy answered them.
    let log = setup.proxy.log();
    let addons: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "CreateAddon")
        .collect();
    assert_eq!(addons.len(), 8, "{}", labels(&log));
    for record in &addons {
        assert_eq!(
            record.answered_by.as_deref(),
            Some("proxy"),
            "moto cannot answer CreateAddon"
        );
        let request = record.request.as_ref().expect("the request is recorded");
        let version = request["addonVersion"].as_str().unwrap_or_default();
        assert!(
            version.starts_with('v') && version.contains("eksbuild"),
            "{request}"
        );
        if request["addonName"] == "coredns" {
            assert_eq!(version, "v1.11.4-eksbuild.2", "the pinned version");
        }
        if request["addonName"] == "vpc-cni" {
            assert_eq!(
                request["serviceAccountRoleArn"],
                format!("arn:aws:iam::{dev_id}:role/acme-dev-vpc-cni")
            );
        }
    }
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeAddonVersions"),
        "default versions resolved"
    );
    let entry = log
        .iter()
        .find(|record| record.action == "CreateAccessEntry")
        .expect("an access entry");
    assert_eq!(entry.answered_by.as_deref(), Some("proxy"));
    assert_eq!(
        entry.request.as_ref().unwrap()["principalArn"],
        format!("arn:aws:iam::{dev_id}:role/OrganizationAccountAccessRole")
    );
    let policy = log
        .iter()
        .find(|record| record.action == "AssociateAccessPolicy")
        .expect("the admin policy associated");
    assert!(
        policy.request.as_ref().unwrap()["policyArn"]
            .as_str()
            .unwrap()
            .ends_with("AmazonEKSClusterAdminPolicy")
    );
    // The control plane was waited for: the proxy answered its first two DescribeCluster
    // CREATING (the knob), and nothing was made in it before one answered ACTIVE; the
    // same for the node group (one CREATING) and the add-ons that need nodes.
    let answers = |action: &str, status: &str| -> Vec<usize> {
        log.iter()
            .filter(|record| record.action == action && record.answer_status() == Some(status))
            .map(|record| record.seq)
            .collect()
    };
    let created = first_seq(&log, "CreateCluster");
    let creating = answers("DescribeCluster", "CREATING");
    assert_eq!(creating.len(), 2, "{}", labels(&log));
    assert!(
        creating.iter().all(|seq| *seq > created),
        "{}",
        labels(&log)
    );
    let active = *answers("DescribeCluster", "ACTIVE")
        .iter()
        .find(|seq| **seq > created)
        .unwrap_or_else(|| panic!("the cluster never answered ACTIVE:\n{}", labels(&log)));
    assert!(creating.iter().all(|seq| *seq < active), "{}", labels(&log));
    for action in ["CreateNodegroup", "CreateAddon", "CreateAccessEntry"] {
        assert!(
            first_seq(&log, action) > active,
            "{action} before the control plane was ACTIVE:\n{}",
            labels(&log)
        );
    }
    assert_eq!(
        answers("DescribeNodegroup", "CREATING").len(),
        1,
        "{}",
        labels(&log)
    );
    let nodes = answers("DescribeNodegroup", "ACTIVE")[0];
    let coredns = log
        .iter()
        .find(|record| {
            record.action == "CreateAddon" && record.target.as_deref() == Some("coredns")
        })
        .expect("coredns installed");
    assert!(
        coredns.seq > nodes,
        "coredns before its nodes:\n{}",
        labels(&log)
    );
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "an EKS request was refused as in use:\n{}\n{}",
        labels(&log),
        applied.stderr
    );

    // ECR in management, pullable from development.
    let repository = &state["management"]["repositories"]["api"];
    assert_eq!(repository["scan"], true);
    assert_eq!(repository["mutability"], "IMMUTABLE");
    assert_eq!(
        repository["lifecycle"]["rules"][0]["selection"]["countNumber"],
        30
    );
    assert_eq!(
        repository["policy"]["Statement"][0]["Principal"]["AWS"],
        serde_json::json!([format!("arn:aws:iam::{dev_id}:root")])
    );
    assert!(
        state["development"]["repositories"]
            .as_object()
            .unwrap()
            .is_empty()
    );

    // Environment zones where their clusters are, delegated from the domain's zone.
    let parent = &state["management"]["zones"]["acme.dev."];
    let staging = &state["development"]["zones"]["staging.acme.dev."];
    assert_eq!(
        parent["ns"]["staging.acme.dev."], staging["servers"],
        "{state:#}"
    );
    let preview = &state["management"]["zones"]["preview.acme.dev."];
    assert_eq!(parent["ns"]["preview.acme.dev."], preview["servers"]);

    // ProjectEnv namespaces: on the EKS cluster (the stand-in, reached with an EKS
    // token) and on the bring-your-own context (the same stand-in).
    for (namespace, env) in [("api-staging", "staging"), ("api-preview", "preview")] {
        let object = setup.kubectl_json(&["get", "namespace", namespace]);
        assert_eq!(object["metadata"]["labels"]["sleak.dev/project"], "api");
        assert_eq!(object["metadata"]["labels"]["sleak.dev/env"], env);
        assert_eq!(
            object["metadata"]["labels"]["app.kubernetes.io/managed-by"],
            "sleak"
        );
        let quota = setup.kubectl_json(&["get", "resourcequota", "sleak-default", "-n", namespace]);
        assert_eq!(quota["spec"]["hard"]["pods"], "100");
        let limits = setup.kubectl_json(&["get", "limitrange", "sleak-default", "-n", namespace]);
        assert_eq!(limits["spec"]["limits"][0]["defaultRequest"]["cpu"], "100m");
    }

    // The controllers, installed with Helm with their IAM roles.
    let releases: Value = serde_json::from_str(&success(
        setup.sandbox.helm(&["list", "-A", "-o", "json"]),
        "helm list",
    ))
    .unwrap();
    let names: Vec<&str> = releases
        .as_array()
        .unwrap()
        .iter()
        .filter(|release| release["status"] == "deployed")
        .map(|release| release["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"aws-load-balancer-controller"),
        "{releases:#}"
    );
    assert!(names.contains(&"cluster-autoscaler"), "{releases:#}");
    let account = setup.kubectl_json(&[
        "get",
        "serviceaccount",
        "aws-load-balancer-controller",
        "-n",
        "kube-system",
    ]);
    assert_eq!(
        account["metadata"]["annotations"]["eks.amazonaws.com/role-arn"],
        format!("arn:aws:iam::{dev_id}:role/acme-dev-aws-load-balancer-controller")
    );
    let settings = setup.kubectl_json(&[
        "get",
        "configmap",
        "aws-load-balancer-controller-settings",
        "-n",
        "kube-system",
    ]);
    let values: Value = serde_json::from_str(settings["data"]["values"].as_str().unwrap()).unwrap();
    assert_eq!(values["clusterName"], "dev");
    assert!(
        values["vpcId"].as_str().unwrap().starts_with("vpc-"),
        "{values}"
    );

    // kubectl through `sleak kubeconfig`: the exec plugin is sleak itself, assuming the
    // member account's role and signing a token the stand-in takes as EKS's.
    let kubeconfig = setup.context.root.path().join("eks-kubeconfig");
    let kubeconfig_path = kubeconfig.to_str().unwrap();
    setup.must(&["kubeconfig", "dev", "--kubeconfig", kubeconfig_path]);
    let output = std::process::Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", setup.context.root.path())
        .env("KUBECONFIG", &kubeconfig)
        .env("AWS_ENDPOINT_URL", &setup.proxy.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args(["get", "namespace", "api-staging", "-o", "name"])
        .output()
        .expect("kubectl runs");
    assert_eq!(
        success(output, "kubectl through sleak eks-token").trim(),
        "namespace/api-staging"
    );

    // A second apply changes nothing, in AWS or in the clusters.
    setup.proxy.clear_log();
    let again = setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(
        mutating.is_empty(),
        "the re-run changed:\n{}\nstderr:\n{}",
        labels(&mutating),
        again.stderr
    );
    assert!(
        again.stderr.to_lowercase().contains("nothing to do"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_instance_type_change_creates_the_new_pool_before_deleting_the_old_one() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let before = setup.read_back();
    let old: Vec<String> = before["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(old.len(), 1);

    // Scaling changes in place.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("max = 4", "max = 6");
    setup.context.write("sleak.toml", &text);
    setup.proxy.clear_log();
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout.contains("scale from 1–4 to 1–6"),
        "{}",
        plan.stdout
    );
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let updates: Vec<ProxyRecord> = setup.proxy.mutating_calls();
    assert_eq!(
        updates
            .iter()
            .map(|record| record.action.as_str())
            .collect::<Vec<_>>(),
        ["UpdateNodegroupConfig"],
        "{}",
        labels(&updates)
    );

    // New instance types: a new pool, then the old one deleted.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("[\"t3.large\"]", "[\"m6i.large\"]");
    setup.context.write("sleak.toml", &text);
    setup.proxy.clear_log();
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout.contains("replace node group"),
        "{}",
        plan.stdout
    );
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.mutating_calls();
    let created = log
        .iter()
        .find(|record| record.action == "CreateNodegroup")
        .unwrap_or_else(|| panic!("no new node group:\n{}", labels(&log)));
    let deleted = log
        .iter()
        .find(|record| record.action == "DeleteNodegroup")
        .unwrap_or_else(|| panic!("the old node group stayed:\n{}", labels(&log)));
    assert!(
        created.seq < deleted.seq,
        "deleted before creating:\n{}",
        labels(&log)
    );
    assert_eq!(
        deleted.target.as_deref(),
        Some(old[0].as_str()),
        "{}",
        labels(&log)
    );
    let after = setup.read_back();
    let groups = after["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap();
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let (name, group) = groups.iter().next().unwrap();
    assert_ne!(name, &old[0]);
    assert_eq!(group["instance_types"], serde_json::json!(["m6i.large"]));
}

#[test]
fn cluster_list_status_and_guarded_delete() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    // A cluster sleak.toml does not have needs `--account` or `--context`.
    let unknown = setup.sleak(&["cluster", "create", "qa", "--yes"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(unknown.stderr.contains("--account"), "{}", unknown.stderr);
    // With them, it is added to sleak.toml; a dry run plans it and changes nothing.
    let planned = setup.must(&[
        "cluster",
        "create",
        "qa",
        "--account",
        "production",
        "--kubernetes-version",
        "1.32",
        "--node-type",
        "m6i.large",
        "--dry-run",
    ]);
    assert!(
        planned.stderr.contains("cluster/qa/eks-cluster"),
        "{}",
        planned.stderr
    );
    let text = setup.context.read("sleak.toml");
    assert!(
        text.contains("[clusters.qa]\naccount = \"production\"\nversion = \"1.32\""),
        "{text}"
    );
    assert!(
        text.contains("[clusters.qa.node_pools.general]\ninstance_types = [\"m6i.large\"]"),
        "{text}"
    );
    assert!(
        setup.read_back()["production"]["clusters"]
            .as_object()
            .unwrap()
            .is_empty()
    );
    setup.context.write("sleak.toml", &text.replace("\n[clusters.qa]\naccount = \"production\"\nversion = \"1.32\"\n\n[clusters.qa.node_pools.general]\ninstance_types = [\"m6i.large\"]\n", ""));
    // Bring your own: the context must answer.
    let byo = setup.must(&["cluster", "create", "mine", "--context", "sandbox"]);
    assert!(
        byo.stderr.contains("answers through the context `sandbox`"),
        "{}",
        byo.stderr
    );
    assert!(
        setup
            .context
            .read("sleak.toml")
            .contains("[clusters.mine]\ncontext = \"sandbox\"")
    );
    setup.must(&["cluster", "delete", "mine", "--confirm", "mine"]);
    assert!(!setup.context.read("sleak.toml").contains("[clusters.mine]"));

    let listed = setup.must(&["cluster", "list", "--output", "json"]);
    let clusters: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(clusters[0]["name"], "dev");
    assert_eq!(clusters[0]["state"], "missing");
    assert_eq!(clusters[1]["name"], "local");
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let listed = setup.must(&["cluster", "list", "--output", "json"]);
    let clusters: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(clusters[0]["state"], "active", "{clusters:#}");
    let status = setup.must(&["cluster", "status", "dev", "--output", "json"]);
    let status: Value = serde_json::from_str(&status.stdout).unwrap();
    let resources = status["resources"].as_array().unwrap();
    assert!(resources.iter().all(|resource| {
        resource["id"].as_str().unwrap().starts_with("cluster/dev/") || resource["account"] == "dev"
    }));
    assert!(
        resources.iter().any(
            |resource| resource["id"] == "cluster/dev/eks-cluster" && resource["state"] == "ok"
        ),
        "{status:#}"
    );

    // Delete refuses while environments run on it, and without confirmation.
    let refused = setup.sleak(&["cluster", "delete", "dev", "--yes"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("staging"), "{}", refused.stderr);
    let text = setup
        .context
        .read("sleak.toml")
        .replace("[environments.staging]\ncluster = \"dev\"\n", "")
        .replace("[projects.api.envs.staging]\n", "");
    setup.context.write("sleak.toml", &text);
    let refused = setup.sleak(&["cluster", "delete", "dev", "--yes"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--confirm dev"),
        "{}",
        refused.stderr
    );
    let state = setup.read_back();
    assert_eq!(
        state["development"]["clusters"].as_object().unwrap().len(),
        1,
        "nothing deleted yet"
    );

    setup.must(&["cluster", "delete", "dev", "--confirm", "dev"]);
    let state = setup.read_back();
    assert!(
        state["development"]["clusters"]
            .as_object()
            .unwrap()
            .is_empty(),
        "{state:#}"
    );
    assert!(
        state["development"]["oidc"].as_array().unwrap().is_empty(),
        "{state:#}"
    );
    assert!(
        !state["development"]["roles"]
            .as_object()
            .unwrap()
            .keys()
            .any(|role| role.starts_with("acme-dev-")),
        "{state:#}"
    );
    assert!(!setup.context.read("sleak.toml").contains("[clusters.dev]"));
    let log = setup.proxy.log();
    assert!(
        log.iter().any(|record| record.action == "DeleteAddon"),
        "{}",
        labels(&log)
    );
}

/// The EKS fake's add-ons and access entries, read through the proxy with boto3.
const FAKE_STATE: &str = r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
dev = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "development"][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{dev['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
print(json.dumps({
    "addons": sorted(eks.list_addons(clusterName="dev")["addons"]),
    "entries": eks.list_access_entries(clusterName="dev")["accessEntries"],
}))
"#;

#[test]
fn cluster_create_and_apply_killed_everywhere_converge_to_a_clean_runs_contract() {
    if support_sandbox::skip_peers() {
        return;
    }
    use std::os::unix::process::ExitStatusExt;
    let started = Instant::now();
    // A clean run, in a Setup of its own: its contract and its requests.
    let clean = clean();
    // The stand-in takes 100 ms per request here, so that a kill made when it stored an
    // object lands before sleak's next write does.
    let setup = Setup::with_stand_in_latency(Duration::from_millis(100));
    let helm = HelmKiller::new(setup.context.root.path());
    setup.must(&["onboard", "--yes"]);

    // Kills spread over the whole `cluster create dev` — roles, the control plane and its
    // wait, OIDC, the access entry and its policy, the node group and its wait, the
    // controllers' roles, add-ons, the Helm installs — then over the namespaces, quotas and
    // limit ranges `apply` writes; alternately before a request is forwarded and after it
    // was answered but before sleak heard of it (the worst moment: made, and sleak does not
    // know). Until the control plane is ACTIVE the runs go as fast as they can (the two
    // roles at once); from there one change at a time, so that each kill finds its moment
    // still to come (with changes at once, a kill at the access entry lets the OIDC
    // provider's branch run on to anywhere).
    let create: &[&str] = &["cluster", "create", "dev", "--yes"];
    let serial: &[&str] = &["cluster", "create", "dev", "--yes", "--parallelism", "1"];
    let apply: &[&str] = &["apply", "--yes", "--parallelism", "1"];
    let aws = |action, n, before| KillPoint::Aws { action, n, before };
    let rounds = [
        ("roles", create, aws("CreateRole", 1, true)),
        ("control plane", create, aws("CreateCluster", 1, false)),
        (
            "control plane CREATING",
            create,
            aws("DescribeCluster", 2, true),
        ),
        (
            "OIDC provider",
            serial,
            aws("CreateOpenIDConnectProvider", 1, false),
        ),
        ("access entry", serial, aws("CreateAccessEntry", 1, false)),
        (
            "access policy",
            serial,
            aws("AssociateAccessPolicy", 1, true),
        ),
        ("node group", serial, aws("CreateNodegroup", 1, false)),
        (
            "node group CREATING",
            serial,
            aws("DescribeNodegroup", 2, true),
        ),
        ("controllers' roles", serial, aws("CreateRole", 1, false)),
        (
            "controllers' policies",
            serial,
            aws("PutRolePolicy", 1, true),
        ),
        ("add-ons", serial, aws("CreateAddon", 2, false)),
        ("Helm", serial, KillPoint::Helm { n: 1, before: true }),
        (
            "Helm",
            serial,
            KillPoint::Helm {
                n: 1,
                before: false,
            },
        ),
        ("namespaces", apply, KillPoint::Kube(&["namespace"])),
        (
            "quotas and limit ranges",
            apply,
            KillPoint::Kube(&["resourcequota", "limitrange"]),
        ),
    ];
    let mut hits = Vec::new();
    for (round, (what, args, point)) in rounds.into_iter().enumerate() {
        let round = round + 1;
        if let KillPoint::Aws { action, n, .. } = point {
            // A point of the clean run: the clean `cluster create` made that request.
            let made = clean
                .cluster_log
                .iter()
                .filter(|record| record.action == action)
                .count();
            assert!(made >= n, "the clean run made {made} {action}");
        }
        let watch = match point {
            KillPoint::Kube(kinds) => Some((KubeWatch::start(&setup.sandbox), kinds)),
            _ => None,
        };
        setup.proxy.clear_log();
        let round_started = Instant::now();
        let mut command = setup.command(args);
        // The lease the last round's sleak left is taken over after 1 s, not 3.
        command.env("SLEAK_LEASE_TTL", "1");
        let (helm_at, helm_before) = match point {
            KillPoint::Helm { n, before } => (n, before),
            _ => (0, false),
        };
        helm.arm(&mut command, helm_at, helm_before);
        let killed_before = helm.read("killed").len();
        let mut child = command
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sleak starts");
        if let KillPoint::Aws { action, n, before } = point {
            setup.proxy.kill_at_action(child.id(), action, n, before);
        }
        let mut kube_hit = None;
        if let Some((watch, kinds)) = &watch {
            // Kill it as soon as the stand-in stored such an object, while it still runs.
            let deadline = Instant::now() + Duration::from_secs(120);
            while child.try_wait().unwrap().is_none() {
                assert!(Instant::now() < deadline, "round {round} ({what}) hangs");
                let Ok(added) = watch.added.recv_timeout(Duration::from_millis(20)) else {
                    continue;
                };
                if kinds
                    .iter()
                    .any(|kind| added.starts_with(&format!("{kind} ")))
                {
                    child.kill().unwrap();
                    kube_hit = Some(added);
                    break;
                }
            }
        }
        let output = child.wait_with_output().expect("sleak ends");
        setup.proxy.disarm();
        drop(watch);
        let log = setup.proxy.log();
        let hit = match point {
            KillPoint::Aws { action, before, .. } => {
                let record = log
                    .iter()
                    .find(|record| record.killed.is_some())
                    .unwrap_or_else(|| {
                        panic!(
                            "round {round} ({what}): no kill at {action}:\n{}\n{}",
                            labels(&log),
                            String::from_utf8_lossy(&output.stderr)
                        )
                    });
                assert_eq!(record.action, action, "{}", labels(&log));
                assert_eq!(
                    record.killed.as_deref(),
                    Some(if before { "before" } else { "after" }),
                    "{}",
                    labels(&log)
                );
                format!(
                    "{} {}",
                    record.killed.as_deref().unwrap(),
                    labels(std::slice::from_ref(record))
                )
            }
            KillPoint::Helm { .. } => helm
                .read("killed")
                .get(killed_before)
                .cloned()
                .unwrap_or_else(|| {
                    panic!(
                        "round {round} ({what}): helm did not kill sleak:\n{}",
                        String::from_utf8_lossy(&output.stderr)
                    )
                }),
            KillPoint::Kube(_) => format!(
                "after the stand-in stored {}",
                kube_hit.unwrap_or_else(|| panic!(
                    "round {round} ({what}): sleak wrote nothing before it ended:\n{}",
                    String::from_utf8_lossy(&output.stderr)
                ))
            ),
        };
        assert_eq!(
            output.status.signal(),
            Some(9),
            "round {round} ({what}, {hit}): sleak was not killed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let hit = format!(
            "round {round} ({:.1}s), {}: {what}: {hit}",
            round_started.elapsed().as_secs_f64(),
            args.join(" ")
        );
        eprintln!("{hit}");
        hits.push(hit);
        // A helm the killed sleak started ends on its own, as it would anywhere.
        helm.wait_idle();
        // The killed sleak left no token on disk.
        let left = helm.tokens_left();
        assert!(left.is_empty(), "round {round} ({what}): {left:?}");
    }
    // Each Helm read its kubeconfig from its standard input: a file with no name.
    let starts = helm.starts();
    assert!(!starts.is_empty());
    for start in &starts {
        assert!(start.contains("--kubeconfig /dev/stdin"), "{start}");
    }
    assert!(
        helm.read("errors").is_empty(),
        "{}",
        helm.read("errors").join("\n")
    );

    // One run converges, to exactly what the clean run built.
    let apply: &[&str] = &["apply", "--yes"];
    let mut done = setup.command(apply);
    done.env("SLEAK_LEASE_TTL", "1");
    helm.arm(&mut done, 0, false);
    let done = Run::from(done.output().unwrap());
    assert_eq!(
        done.code,
        0,
        "the run after the kills failed:\n{}\nkills:\n{}",
        done.stderr,
        hits.join("\n")
    );
    helm.wait_idle();
    assert_same_contract(
        &clean.apply,
        &setup.contract(),
        &format!("after the kills\n{}", hits.join("\n")),
    );
    // And the next changes nothing: no AWS change, no Helm install, no Kubernetes write.
    let versions = kube_versions(&setup);
    let installs = helm.installs();
    setup.proxy.clear_log();
    let mut again = setup.command(apply);
    helm.arm(&mut again, 0, false);
    let again = Run::from(again.output().unwrap());
    assert_eq!(again.code, 0, "{}", again.stderr);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
    assert_eq!(helm.installs(), installs, "{}", helm.read("log").join("\n"));
    assert_eq!(kube_versions(&setup), versions);
    eprintln!(
        "{} kills and convergence in {:?}",
        hits.len(),
        started.elapsed()
    );
}

#[test]
fn cluster_create_under_lost_answers_converges_to_a_clean_runs_contract() {
    if support_sandbox::skip_peers() {
        return;
    }
    let started = Instant::now();
    let clean = clean();
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    // 15 % of the mutating requests are applied and their answers lost (a 500 or a
    // dropped connection): runs may fail, none may crash or make a copy of anything.
    // Which requests a rate hits depends on the order concurrent requests arrive in, so
    // the creates of the control plane, a node group and an add-on also lose theirs
    // once, whatever the draws.
    setup.proxy.lose_answers_of(
        &[
            ("CreateCluster", 1),
            ("CreateNodegroup", 1),
            ("CreateAddon", 1),
        ],
        "mixed",
    );
    let mut runs = Vec::new();
    let mut lost_answers = 0;
    loop {
        let run = runs.len() + 1;
        setup.proxy.set_lose_rate(0.15, 40 + run as u64, "mixed");
        setup.proxy.clear_log();
        let result = setup.sleak(&["cluster", "create", "dev", "--yes"]);
        setup.proxy.set_lose_rate(0.0, 0, "mixed");
        let lost: Vec<ProxyRecord> = setup
            .proxy
            .log()
            .into_iter()
            .filter(|record| record.lost.is_some())
            .collect();
        let summary = format!(
            "run {run}: exit {}, {} answers lost: {}",
            result.code,
            lost.len(),
            lost.iter()
                .map(|record| format!("{} ({})", record.action, record.lost.as_deref().unwrap()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        eprintln!("{summary}");
        runs.push(summary);
        lost_answers += lost.iter().filter(|record| !record.is_lease()).count();
        assert!(
            result.code == 0 || result.code == 1,
            "{}\n{}",
            runs.join("\n"),
            result.stderr
        );
        let contract = setup.contract();
        let exceeding = exceeding(&clean.cluster["counts"], &contract["counts"]);
        assert!(
            exceeding.is_empty(),
            "more than a clean run made: {}\n{}\n{}",
            exceeding.join(", "),
            runs.join("\n"),
            result.stderr
        );
        if result.code == 0 {
            assert_same_contract(&clean.cluster, &contract, &runs.join("\n"));
            break;
        }
        assert!(
            runs.len() < 6,
            "no run succeeded:\n{}\nlast:\n{}",
            runs.join("\n"),
            result.stderr
        );
    }
    setup.proxy.lose_answers_of(&[], "mixed");
    // Not a test of nothing: answers of the cluster's own requests were lost.
    assert!(lost_answers >= 3, "{}", runs.join("\n"));
    // Without losses, the next run changes nothing.
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
    eprintln!(
        "{} runs under lost answers in {:?}",
        runs.len(),
        started.elapsed()
    );
}

#[test]
fn an_upgrade_moves_the_control_plane_then_nodes_and_add_ons_and_destroy_removes_it_all() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["apply", "--yes"]);
    let before = setup.read_back();
    let group = before["development"]["clusters"]["dev"]["nodegroups"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();

    let text = setup
        .context
        .read("sleak.toml")
        .replace("version = \"1.33\"", "version = \"1.34\"")
        .replace("versions = { coredns = \"v1.11.4-eksbuild.2\" }\n", "");
    setup.context.write("sleak.toml", &text);
    let plan = setup.must(&["plan"]);
    for change in [
        "upgrade the control plane from 1.33 to 1.34",
        "upgrade the nodes from 1.33 to 1.34",
        "move from",
    ] {
        assert!(
            plan.stdout.contains(change),
            "no `{change}`:\n{}",
            plan.stdout
        );
    }
    // Each update stays in progress for three looks, as EKS's take minutes.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_describes": 3 }));
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let log = setup.proxy.log();
    // The control-plane upgrade was followed with DescribeUpdate, InProgress three times,
    // until it answered Successful; only then did any node group or add-on update go out.
    let upgrade = log
        .iter()
        .find(|record| record.action == "UpdateClusterVersion")
        .unwrap_or_else(|| panic!("no upgrade:\n{}", labels(&log)));
    let followed = |update: &ProxyRecord| -> (usize, usize) {
        let id = update.eks_answer.as_ref().unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let looks: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == "DescribeUpdate" && record.path.ends_with(&id))
            .collect();
        let in_progress = looks
            .iter()
            .filter(|record| record.answer_status() == Some("InProgress"))
            .count();
        let done = looks
            .iter()
            .find(|record| record.answer_status() == Some("Successful"))
            .unwrap_or_else(|| panic!("{id} was never seen Successful:\n{}", labels(&log)));
        (in_progress, done.seq)
    };
    let (in_progress, upgraded) = followed(upgrade);
    assert!(in_progress >= 2, "{}", labels(&log));
    assert!(upgrade.seq < upgraded, "{}", labels(&log));
    for record in log.iter().filter(|record| {
        matches!(
            record.action.as_str(),
            "UpdateNodegroupVersion" | "UpdateAddon"
        )
    }) {
        assert!(
            record.seq > upgraded,
            "#{} {} went out before the control plane's upgrade ended:\n{}",
            record.seq,
            record.action,
            labels(&log)
        );
    }
    // The nodes' upgrade was followed to its end too, before the add-ons that run on them
    // moved; every add-on update was followed to Successful.
    let nodes = log
        .iter()
        .find(|record| record.action == "UpdateNodegroupVersion")
        .unwrap_or_else(|| panic!("no node upgrade:\n{}", labels(&log)));
    let (_, rolled) = followed(nodes);
    let addon_updates: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "UpdateAddon")
        .collect();
    assert!(addon_updates.len() >= 5, "{}", labels(&log));
    for record in &addon_updates {
        followed(record);
        if record.target.as_deref() == Some("coredns") {
            assert!(
                record.seq > rolled,
                "coredns moved before its nodes:\n{}",
                labels(&log)
            );
        }
    }
    // No update was refused: none went out while another was in progress.
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "{}",
        labels(&log)
    );
    assert!(
        !log.iter().any(|record| record.action == "DeleteNodegroup"),
        "an upgrade replaced the pool:\n{}",
        labels(&log)
    );
    let after = setup.read_back_through_proxy();
    let cluster = &after["development"]["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.34");
    assert_eq!(
        cluster["nodegroups"][&group]["version"], "1.34",
        "{cluster:#}"
    );
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // Destroy takes all of it away, the Kubernetes side first. Deletions take a while,
    // as EKS's do: what a deleted add-on or node group was in is deleted once they are
    // gone, and the cluster is waited for until it is.
    setup.proxy.set_eks_knobs(serde_json::json!({
        "cluster_deleting_describes": 2,
        "addon_deleting_describes": 2,
    }));
    setup.proxy.clear_log();
    setup.must(&["destroy", "--confirm", "acme"]);
    let log = setup.proxy.log();
    let deleted = first_seq(&log, "DeleteCluster");
    for addon in log.iter().filter(|record| record.action == "DeleteAddon") {
        let looks: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == "DescribeAddon" && record.target == addon.target)
            .filter(|record| record.seq > addon.seq)
            .collect();
        let deleting = looks
            .iter()
            .filter(|record| record.answer_status() == Some("DELETING"))
            .count();
        let gone = looks
            .iter()
            .find(|record| record.status == Some(404))
            .unwrap_or_else(|| panic!("{:?} was not seen gone:\n{}", addon.target, labels(&log)));
        assert_eq!(deleting, 2, "{:?}:\n{}", addon.target, labels(&log));
        assert!(
            gone.seq < deleted,
            "the cluster went before {:?}:\n{}",
            addon.target,
            labels(&log)
        );
    }
    let cluster_looks: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "DescribeCluster" && record.seq > deleted)
        .collect();
    assert_eq!(
        cluster_looks
            .iter()
            .filter(|record| record.answer_status() == Some("DELETING"))
            .count(),
        2,
        "{}",
        labels(&log)
    );
    assert!(
        cluster_looks
            .iter()
            .any(|record| record.status == Some(404)),
        "the cluster's deletion was not followed to its end:\n{}",
        labels(&log)
    );
    let gone = setup.read_back();
    for account in ["management", "development", "production"] {
        let state = &gone[account];
        assert!(
            state["clusters"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["oidc"].as_array().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["roles"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["repositories"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
        assert!(
            state["zones"].as_object().unwrap().is_empty(),
            "{account}: {state:#}"
        );
    }
    let namespaces = setup.kubectl_json(&["get", "namespaces"]);
    let names: Vec<&str> = namespaces["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["metadata"]["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"api-preview") && !names.contains(&"api-staging"),
        "{names:?}"
    );
    let releases = success(setup.sandbox.helm(&["list", "-A", "-q"]), "helm list");
    assert!(releases.trim().is_empty(), "{releases}");
}

/// Runs boto3 `code` with an EKS client `eks` of the development account, through the
/// proxy: what someone else (or a killed run) does to the cluster.
const DEV_EKS: &str = r#"
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
dev = [a for a in org.list_accounts()["Accounts"] if a["Name"] == "development"][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{dev['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="someone-else")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
"#;

#[test]
fn eks_failures_are_clear_errors_and_the_next_run_converges() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);

    // An add-on EKS reports DEGRADED and one whose create fails: each is an error that
    // names the add-on and EKS's health issue.
    setup.proxy.set_eks_knobs(serde_json::json!({ "addon_health": {
        "metrics-server": { "status": "DEGRADED", "issues": [{
            "code": "InsufficientNumberOfReplicas",
            "message": "The add-on is unhealthy because it doesn't have the desired number of replicas.",
        }]},
        "cert-manager": { "status": "CREATE_FAILED", "issues": [{
            "code": "ConfigurationConflict",
            "message": "Conflicts found when trying to apply. Will not continue due to resolve conflicts mode.",
        }]},
    }}));
    setup.proxy.clear_log();
    let failed = setup.sleak(&["cluster", "create", "dev", "--yes"]);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    for expected in [
        "the add-on `metrics-server` of `dev` is DEGRADED: InsufficientNumberOfReplicas: The add-on is unhealthy because it doesn't have the desired number of replicas.",
        "the add-on `cert-manager` of `dev` is CREATE_FAILED: ConfigurationConflict: Conflicts found",
        "run `sleak cluster create dev` again to resume",
    ] {
        assert!(
            failed.stderr.contains(expected),
            "no `{expected}`:\n{}",
            failed.stderr
        );
    }
    let log = setup.proxy.log();
    for (addon, status) in [
        ("metrics-server", "DEGRADED"),
        ("cert-manager", "CREATE_FAILED"),
    ] {
        assert!(
            log.iter().any(|record| record.action == "DescribeAddon"
                && record.target.as_deref() == Some(addon)
                && record.answer_status() == Some(status)),
            "{addon} was never {status}:\n{}",
            labels(&log)
        );
    }

    // The faults gone, the next run converges: the failed add-on is made again, the
    // degraded one (healthy now) is left alone; the one after changes nothing.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "addon_health": {} }));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    let addon_calls: Vec<(String, String)> = mutating
        .iter()
        .filter(|record| record.action.contains("Addon"))
        .map(|record| {
            (
                record.action.clone(),
                record.target.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        addon_calls,
        [
            ("DeleteAddon".to_owned(), "cert-manager".to_owned()),
            ("CreateAddon".to_owned(), "cert-manager".to_owned()),
        ],
        "{}",
        labels(&mutating)
    );
    let fake: Value = serde_json::from_str(
        &setup
            .moto
            .python(&format!("endpoint = {:?}\n{FAKE_STATE}", setup.proxy.url)),
    )
    .unwrap();
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // A control-plane upgrade that EKS fails: an error naming the cluster and EKS's
    // reason; nothing else is upgraded and the cluster stays at its version.
    let text = setup
        .context
        .read("sleak.toml")
        .replace("version = \"1.33\"", "version = \"1.34\"");
    setup.context.write("sleak.toml", &text);
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_failures": [{
            "kind": "cluster",
            "name": "dev",
            "errorCode": "InsufficientFreeAddresses",
            "errorMessage": "One or more of the subnets doesn't have enough free addresses",
            "resourceIds": ["subnet-0a1b2c3d"],
        }]}));
    setup.proxy.clear_log();
    let failed = setup.sleak(&["cluster", "create", "dev", "--yes"]);
    assert_ne!(failed.code, 0, "{}", failed.stderr);
    let expected = "the upgrade of the EKS cluster `dev` to 1.34 failed: InsufficientFreeAddresses: One or more of the subnets doesn't have enough free addresses (subnet-0a1b2c3d)";
    assert!(failed.stderr.contains(expected), "{}", failed.stderr);
    let log = setup.proxy.log();
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeUpdate"
                && record.answer_status() == Some("Failed")),
        "{}",
        labels(&log)
    );
    assert!(
        !log.iter().any(|record| matches!(
            record.action.as_str(),
            "UpdateNodegroupVersion" | "UpdateAddon"
        )),
        "{}",
        labels(&log)
    );
    let state = setup.read_back_through_proxy();
    assert_eq!(state["development"]["clusters"]["dev"]["version"], "1.33");

    // An upgrade someone else started (or a run killed after asking for it) is still in
    // progress when the next run comes: EKS refuses sleak's own, sleak waits for that one
    // (ListUpdates, DescribeUpdate), compares again — the upgrade is done, so it does not
    // ask again — and moves the nodes and add-ons after it.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "update_failures": [], "update_describes": 5 }));
    let started = setup.moto.python(&format!(
        "endpoint = {:?}\n{DEV_EKS}print(eks.update_cluster_version(name=\"dev\", version=\"1.34\")[\"update\"][\"id\"])",
        setup.proxy.url
    ));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.log();
    let ours: Vec<&ProxyRecord> = log
        .iter()
        .filter(|record| record.action == "UpdateClusterVersion")
        .collect();
    assert_eq!(
        ours.len(),
        1,
        "asked again after comparing:\n{}",
        labels(&log)
    );
    assert_eq!(
        ours[0].answer_error(),
        Some("ResourceInUseException"),
        "{}",
        labels(&log)
    );
    let listed = first_seq(&log, "ListUpdates");
    let theirs_done = log
        .iter()
        .find(|record| {
            record.action == "DescribeUpdate"
                && record.path.ends_with(&started)
                && record.answer_status() == Some("Successful")
        })
        .unwrap_or_else(|| panic!("{started} was not followed:\n{}", labels(&log)));
    assert!(
        ours[0].seq < listed && listed < theirs_done.seq,
        "{}",
        labels(&log)
    );
    let nodes = first_seq(&log, "UpdateNodegroupVersion");
    assert!(nodes > theirs_done.seq, "{}", labels(&log));
    let state = setup.read_back_through_proxy();
    let cluster = &state["development"]["clusters"]["dev"];
    assert_eq!(cluster["version"], "1.34");
    for (name, group) in cluster["nodegroups"].as_object().unwrap() {
        assert_eq!(group["version"], "1.34", "{name}");
    }
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

#[test]
fn default_add_on_versions_moved_by_eks_change_nothing_and_are_shown() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    setup.must(&["apply", "--yes"]);

    // EKS publishes new default versions of two unpinned add-ons for the cluster's
    // Kubernetes version: an unchanged workspace changes nothing.
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "addon_defaults": {
            "kube-proxy": { "1.33": "v1.33.3-eksbuild.4" },
            "vpc-cni": { "1.33": "v1.20.4-eksbuild.1" },
        }}));
    setup.proxy.clear_log();
    let applied = setup.must(&["apply", "--yes"]);
    let log = setup.proxy.log();
    assert!(
        log.iter()
            .any(|record| record.action == "DescribeAddonVersions"
                && record.target.as_deref() == Some("kube-proxy")),
        "the defaults were not looked up:\n{}",
        labels(&log)
    );
    let mutating: Vec<ProxyRecord> = log
        .into_iter()
        .filter(|record| record.mutating && !record.is_lease())
        .collect();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
    let news = [
        (
            "kube-proxy",
            "EKS's default version for Kubernetes 1.33 is now v1.33.3-eksbuild.4 (installed: v1.33.0-eksbuild.2); to move to it, pin it: `versions = { kube_proxy = \"v1.33.3-eksbuild.4\" }` under [clusters.dev.plugins] in sleak.toml",
        ),
        (
            "vpc-cni",
            "EKS's default version for Kubernetes 1.33 is now v1.20.4-eksbuild.1 (installed: v1.19.5-eksbuild.1)",
        ),
    ];
    for (_, news) in news {
        assert!(
            applied.stderr.contains(news),
            "no `{news}`:\n{}",
            applied.stderr
        );
    }

    // plan and status show them as information, not as changes.
    let plan = setup.must(&["plan"]);
    for (_, news) in news {
        assert!(plan.stdout.contains(news), "no `{news}`:\n{}", plan.stdout);
    }
    let plan: Value =
        serde_json::from_str(&setup.must(&["plan", "--output", "json"]).stdout).unwrap();
    let status: Value =
        serde_json::from_str(&setup.must(&["status", "--output", "json"]).stdout).unwrap();
    for (addon, news) in news {
        let id = format!("cluster/dev/addon/{addon}");
        let step = plan["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|step| step["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no {id}: {plan:#}"));
        assert_eq!(step["action"], "no-change", "{step:#}");
        assert!(
            step["info"][0].as_str().unwrap().starts_with(news),
            "{step:#}"
        );
        let resource = status["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|resource| resource["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no {id}: {status:#}"));
        assert_eq!(resource["state"], "ok", "{resource:#}");
        assert!(
            resource["info"][0].as_str().unwrap().starts_with(news),
            "{resource:#}"
        );
    }

    // Taking one as the note says: pin it in sleak.toml. That add-on moves, nothing else.
    let text = setup.context.read("sleak.toml").replace(
        "versions = { coredns = \"v1.11.4-eksbuild.2\" }",
        "versions = { coredns = \"v1.11.4-eksbuild.2\", kube_proxy = \"v1.33.3-eksbuild.4\" }",
    );
    setup.context.write("sleak.toml", &text);
    let plan = setup.must(&["plan"]);
    assert!(
        plan.stdout
            .contains("move from v1.33.0-eksbuild.2 to v1.33.3-eksbuild.4"),
        "{}",
        plan.stdout
    );
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert_eq!(
        mutating
            .iter()
            .map(|record| (
                record.action.as_str(),
                record.target.as_deref().unwrap_or_default()
            ))
            .collect::<Vec<_>>(),
        [("UpdateAddon", "kube-proxy")],
        "{}",
        labels(&mutating)
    );
    assert_eq!(
        mutating[0].request.as_ref().unwrap()["addonVersion"],
        "v1.33.3-eksbuild.4"
    );
    let installed = setup.moto.python(&format!(
        "endpoint = {:?}\n{DEV_EKS}print(eks.describe_addon(clusterName=\"dev\", addonName=\"kube-proxy\")[\"addon\"][\"addonVersion\"])",
        setup.proxy.url
    ));
    assert_eq!(installed, "v1.33.3-eksbuild.4");
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

/// The add-ons and access entries of cluster `name` in account `account`, read through
/// the proxy (they live in its EKS fake).
fn fake_cluster_state(setup: &Setup, account: &str, name: &str) -> Value {
    let code = format!(
        r#"endpoint = {:?}
org = boto3.client("organizations", endpoint_url=endpoint)
sts = boto3.client("sts", endpoint_url=endpoint)
target = [a for a in org.list_accounts()["Accounts"] if a["Name"] == {account:?}][0]
c = sts.assume_role(RoleArn=f"arn:aws:iam::{{target['Id']}}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
eks = boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
print(json.dumps({{
    "addons": sorted(eks.list_addons(clusterName={name:?})["addons"]),
    "entries": eks.list_access_entries(clusterName={name:?})["accessEntries"],
}}))
"#,
        setup.proxy.url
    );
    serde_json::from_str(&setup.moto.python(&code)).unwrap()
}

#[test]
fn lost_answers_of_eks_creates_are_retried_without_duplicates() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    let creates = [
        ("CreateCluster", 1, "DescribeCluster"),
        ("CreateNodegroup", 1, "DescribeNodegroup"),
        ("CreateAddon", 2, "DescribeAddon"),
        ("CreateAccessEntry", 1, "DescribeAccessEntry"),
    ];
    let lose = |setup: &Setup| {
        let lose: serde_json::Map<String, Value> = creates
            .iter()
            .map(|(action, times, _)| ((*action).to_owned(), Value::from(*times)))
            .collect();
        setup
            .proxy
            .set_eks_knobs(serde_json::json!({ "lose_answers": lose }));
    };
    // The record after `lost` of the same create and resource: the SDK's retry.
    let retry_of = |log: &[ProxyRecord], lost: &ProxyRecord| -> ProxyRecord {
        log.iter()
            .find(|record| {
                record.seq > lost.seq
                    && record.action == lost.action
                    && record.target == lost.target
            })
            .unwrap_or_else(|| panic!("#{} was not retried:\n{}", lost.seq, labels(log)))
            .clone()
    };

    // EKS acts on each create but the answer is lost (a 500): the SDK sends it again
    // with the same request token, which EKS answers as the first time.
    lose(&setup);
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let log = setup.proxy.log();
    for (action, times, _) in creates {
        let lost: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == action && record.status == Some(500))
            .collect();
        assert_eq!(lost.len(), times, "{action}:\n{}", labels(&log));
        for lost in lost {
            let retry = retry_of(&log, lost);
            let token = lost.request.as_ref().unwrap()["clientRequestToken"].clone();
            assert!(
                token
                    .as_str()
                    .is_some_and(|token| token.starts_with("sleak-")),
                "{action} without sleak's request token: {token}"
            );
            assert_eq!(retry.request.as_ref().unwrap()["clientRequestToken"], token);
            assert_eq!(retry.status, Some(200), "{action}:\n{}", labels(&log));
        }
    }
    assert!(
        !log.iter()
            .any(|record| record.answer_error() == Some("ResourceInUseException")),
        "{}",
        labels(&log)
    );
    let state = setup.read_back();
    let clusters = state["development"]["clusters"].as_object().unwrap();
    assert_eq!(clusters.len(), 1, "{state:#}");
    assert_eq!(
        clusters["dev"]["nodegroups"].as_object().unwrap().len(),
        1,
        "{state:#}"
    );
    let fake = fake_cluster_state(&setup, "development", "dev");
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    assert_eq!(fake["entries"].as_array().unwrap().len(), 1, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "dev", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));

    // When EKS does not honour the token (it expired), the retry is answered
    // ResourceInUseException: sleak reads the resource and, finding this workspace's
    // tags on it, counts the create as done.
    let qa = "\n[clusters.qa]\naccount = \"production\"\nversion = \"1.33\"\n\n[clusters.qa.node_pools.general]\ninstance_types = [\"t3.large\"]\n\n[clusters.qa.plugins]\nload_balancer_controller = false\nautoscaler = \"none\"\n";
    let text = setup.context.read("sleak.toml") + qa;
    setup.context.write("sleak.toml", &text);
    lose(&setup);
    setup
        .proxy
        .set_eks_knobs(serde_json::json!({ "ignore_tokens": true }));
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "qa", "--yes"]);
    let log = setup.proxy.log();
    for (action, times, describe) in creates {
        let lost: Vec<&ProxyRecord> = log
            .iter()
            .filter(|record| record.action == action && record.status == Some(500))
            .collect();
        assert_eq!(lost.len(), times, "{action}:\n{}", labels(&log));
        for lost in lost {
            let retry = retry_of(&log, lost);
            assert_eq!(
                retry.answer_error(),
                Some("ResourceInUseException"),
                "{action}:\n{}",
                labels(&log)
            );
            assert!(
                log.iter().any(|record| record.seq > retry.seq
                    && record.action == describe
                    && record.status == Some(200)),
                "{action} was not checked with {describe}:\n{}",
                labels(&log)
            );
        }
    }
    let state = setup.read_back();
    let clusters = state["production"]["clusters"].as_object().unwrap();
    assert_eq!(clusters.len(), 1, "{state:#}");
    assert_eq!(
        clusters["qa"]["nodegroups"].as_object().unwrap().len(),
        1,
        "{state:#}"
    );
    let fake = fake_cluster_state(&setup, "production", "qa");
    assert_eq!(fake["addons"].as_array().unwrap().len(), 8, "{fake}");
    assert_eq!(fake["entries"].as_array().unwrap().len(), 1, "{fake}");
    setup.proxy.clear_log();
    setup.must(&["cluster", "create", "qa", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "{}", labels(&mutating));
}

// ── No secret in any output ─────────────────────────────────────────────────

/// The caller's secret access key and session token in this test: distinctive, so that
/// finding them anywhere means they leaked.
const CALLER_SECRET: &str = "sleakTEST/secret+Key0123456789abcdefGHIJKL";
const CALLER_SESSION: &str = "sleakTESTsessionTOKEN0123456789abcdefghijklmnopqrstuvwxyz";

/// A full flow — onboard, apply with a cluster, kubeconfig and kubectl through
/// `sleak eks-token`, status and plan as JSON, verbose logs, errors with bad credentials
/// and a refused command — captured whole: no stdout, stderr or file sleak wrote holds
/// the caller's secret key or session token, a key or token STS handed out to sleak, or
/// an EKS token (but `eks-token`'s own stdout, which is where one belongs).
#[test]
fn no_secret_reaches_any_output_log_or_file() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut eks_token_stdout = Vec::new();
    let run = |args: &[&str], extra: &[(&str, &str)]| {
        let mut command = setup.command(args);
        command
            .env("AWS_SECRET_ACCESS_KEY", CALLER_SECRET)
            .env("AWS_SESSION_TOKEN", CALLER_SESSION);
        for (key, value) in extra {
            command.env(key, value);
        }
        Run::from(command.output().expect("sleak runs"))
    };
    fn keep(outputs: &mut Vec<(String, String)>, label: String, run: Run) -> Run {
        outputs.push((format!("{label} stdout"), run.stdout.clone()));
        outputs.push((format!("{label} stderr"), run.stderr.clone()));
        run
    }
    macro_rules! record {
        ($label:expr, $run:expr $(,)?) => {
            keep(&mut outputs, $label, $run)
        };
    }
    let ok = |run: &Run, what: &str| {
        assert_eq!(run.code, 0, "{what} failed:\n{}", run.stderr);
    };

    let onboard = record!("onboard -vv".into(), run(&["onboard", "--yes", "-vv"], &[]));
    ok(&onboard, "onboard");
    let apply = record!("apply -vv".into(), run(&["apply", "--yes", "-vv"], &[]));
    ok(&apply, "apply");
    for args in [
        &["status", "--output", "json"][..],
        &["plan", "--output", "json", "-vv"],
        &["cluster", "status", "dev"],
        &["whoami", "--output", "json"],
    ] {
        record!(args.join(" "), run(args, &[]));
    }
    let kubeconfig = setup.context.root.path().join("eks-kubeconfig");
    let made = record!(
        "kubeconfig".into(),
        run(
            &[
                "kubeconfig",
                "dev",
                "--kubeconfig",
                kubeconfig.to_str().unwrap()
            ],
            &[]
        ),
    );
    ok(&made, "kubeconfig");
    let token = run(&["eks-token", "--cluster-name", "dev"], &[]);
    ok(&token, "eks-token");
    assert!(token.stdout.contains("k8s-aws-v1."), "{}", token.stdout);
    eks_token_stdout.push(token.stdout.clone());
    outputs.push(("eks-token stderr".into(), token.stderr.clone()));
    // kubectl calling `sleak eks-token` as its exec plugin.
    let kubectl = std::process::Command::new(peers_bin().join("kubectl"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", setup.context.root.path())
        .env("KUBECONFIG", &kubeconfig)
        .env("AWS_ENDPOINT_URL", &setup.proxy.url)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", CALLER_SECRET)
        .env("AWS_SESSION_TOKEN", CALLER_SESSION)
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args(["get", "namespace", "api-staging", "-o", "name", "-v=6"])
        .output()
        .expect("kubectl runs");
    outputs.push((
        "kubectl -v=6 stderr".into(),
        String::from_utf8_lossy(&kubectl.stderr).into_owned(),
    ));
    assert!(
        kubectl.status.success(),
        "{}",
        String::from_utf8_lossy(&kubectl.stderr)
    );

    // Error paths: an endpoint that does not answer, a credential process whose output
    // is broken (and holds the secret), and a refusal.
    let dead = record!(
        "status, dead endpoint".into(),
        run(
            &["status", "-vv"],
            &[("AWS_ENDPOINT_URL", "http://127.0.0.1:9")]
        ),
    );
    assert_ne!(dead.code, 0);
    let config = setup.context.write(
        "broken-aws-config",
        &format!(
            "[profile broken]\nregion = us-east-1\ncredential_process = sh -c 'echo {{\"Version\": 1, \"AccessKeyId\": \"AKIABROKEN\", \"SecretAccessKey\": \"{CALLER_SECRET}\"'\n"
        ),
    );
    let broken = record!(
        "status, broken credential process".into(),
        run(
            &["status", "--profile", "broken", "-vv"],
            &[
                ("AWS_CONFIG_FILE", config.to_str().unwrap()),
                ("AWS_ACCESS_KEY_ID", ""),
                ("AWS_SECRET_ACCESS_KEY", ""),
                ("AWS_SESSION_TOKEN", ""),
            ],
        ),
    );
    assert_ne!(broken.code, 0, "{}", broken.stderr);
    let refused = record!("destroy, refused".into(), run(&["destroy", "--yes"], &[]));
    assert_eq!(refused.code, 2, "{}", refused.stderr);

    // Everything sleak and its peers wrote under the test's folders (the charts and the
    // broken AWS config the test gave are inputs).
    let files = common::files_under(setup.context.root.path(), &[&setup.charts, &config]);
    assert!(files.iter().any(|(path, _)| path == &kubeconfig));

    let mut secrets: Vec<String> = setup.proxy.issued_secrets();
    assert!(
        !secrets.is_empty(),
        "sleak assumed no role through the proxy"
    );
    secrets.push(CALLER_SECRET.to_owned());
    secrets.push(CALLER_SESSION.to_owned());
    let mut leaks = Vec::new();
    let texts = outputs
        .iter()
        .map(|(label, text)| (label.clone(), text.as_str()))
        .chain(
            files
                .iter()
                .map(|(path, text)| (path.display().to_string(), text.as_str())),
        );
    for (label, text) in texts {
        for secret in &secrets {
            if text.contains(secret.as_str()) {
                leaks.push(format!("{label} holds the secret `{}…`", &secret[..8]));
            }
        }
        if text.contains("k8s-aws-v1.") {
            leaks.push(format!("{label} holds an EKS token"));
        }
    }
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
    eprintln!(
        "searched {} outputs and {} files for {} secrets",
        outputs.len(),
        files.len(),
        secrets.len()
    );
}
