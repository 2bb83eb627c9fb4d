//! Databases and caches end to end: `sleak apply` makes RDS instances and ElastiCache
//! caches in the account of the environment's cluster (or the account an environment on
//! a cluster you bring names), and writes each dependency's Secret into the namespace.
//! Everything is read back from moto with boto3 (through the recording proxy, which
//! makes RDS and ElastiCache take a few looks to become available) and from the
//! project's Kubernetes API stand-in with the real kubectl; sleak's own output is not
//! trusted.

mod common;
#[path = "support_platform/mod.rs"]
mod support_platform;
#[path = "support_sandbox/mod.rs"]
mod support_sandbox;

use common::{Run, TestContext};
use serde_json::Value;
use support_platform::Platform;
use support_sandbox::success;

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

[vpn]
enabled = false

[clusters.dev]
account = "development"

[clusters.dev.node_pools.general]
instance_types = ["t3.large"]

[clusters.dev.plugins]
autoscaler = "none"
load_balancer_controller = false

[clusters.local]
context = "sandbox"

[environments.staging]
cluster = "dev"

[environments.preview]
cluster = "local"
account = "development"

[projects.api.envs.staging.dependencies.db]
kind = "postgres"
instance_class = "db.t4g.micro"
storage_gib = 20

[projects.api.envs.staging.dependencies.cache]
kind = "redis"
node_type = "cache.t4g.micro"

[projects.api.envs.staging.dependencies.sessions]
kind = "memcached"
node_type = "cache.t4g.micro"

[projects.api.envs.preview]
namespace = "api-preview"

[projects.api.envs.preview.dependencies.db]
kind = "mysql"
"#;

/// The platform with WORKSPACE, databases and caches taking a few looks to be available.
struct Setup(Platform);

impl std::ops::Deref for Setup {
    type Target = Platform;

    fn deref(&self) -> &Platform {
        &self.0
    }
}

impl Setup {
    fn new() -> Self {
        let platform = Platform::new(WORKSPACE);
        // As AWS: databases and caches take a few looks to become available.
        platform.proxy.set_busy_describes(2);
        Self(platform)
    }

    /// A Secret's data, decoded, read with kubectl.
    fn secret(&self, namespace: &str, name: &str) -> (Value, serde_json::Map<String, Value>) {
        let object: Value = serde_json::from_str(&success(
            self.sandbox
                .kubectl(&["get", "secret", name, "-n", namespace, "-o", "json"]),
            "kubectl",
        ))
        .unwrap();
        use base64::Engine;
        let data = object["data"]
            .as_object()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|(key, value)| {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(value.as_str().unwrap())
                    .unwrap();
                (key, Value::String(String::from_utf8(bytes).unwrap()))
            })
            .collect();
        (object, data)
    }

    /// Read through the proxy, which adds what moto leaves out of ElastiCache's answers.
    fn read_back(&self) -> Value {
        let code = format!("endpoint = {:?}\n{SESSIONS}\n{READ_BACK}", self.proxy.url);
        serde_json::from_str(&self.moto.python(&code)).expect("read-back JSON")
    }
}

/// `sessions()`: each account of the organization with a boto3 session in it (through
/// OrganizationAccountAccessRole for members).
const SESSIONS: &str = r#"
def sessions():
    org = boto3.client("organizations", endpoint_url=endpoint)
    sts = boto3.client("sts", endpoint_url=endpoint)
    caller = sts.get_caller_identity()["Account"]
    for account in org.list_accounts()["Accounts"]:
        if account["Id"] == caller:
            yield account, boto3.Session(region_name="us-east-1")
            continue
        c = sts.assume_role(RoleArn=f"arn:aws:iam::{account['Id']}:role/OrganizationAccountAccessRole", RoleSessionName="sleak-test")["Credentials"]
        yield account, boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"], region_name="us-east-1")
"#;

/// Per account: RDS instances (with their master password, read from Secrets Manager),
/// replication groups and cache clusters, security groups by id, subnets by id, and
/// the secrets sleak keeps.
const READ_BACK: &str = r#"
out = {}
for account, session in sessions():
    rds = session.client("rds", endpoint_url=endpoint)
    ec = session.client("elasticache", endpoint_url=endpoint)
    ec2 = session.client("ec2", endpoint_url=endpoint)
    sm = session.client("secretsmanager", endpoint_url=endpoint)
    eks = session.client("eks", endpoint_url=endpoint)
    clusters = {name: eks.describe_cluster(name=name)["cluster"].get("resourcesVpcConfig", {}).get("clusterSecurityGroupId") for name in eks.list_clusters()["clusters"]}
    state = {"id": account["Id"], "cluster_security_groups": clusters, "databases": {}, "replication_groups": {}, "cache_clusters": {}, "security_groups": {}, "subnets": {}, "secrets": {}, "snapshots": []}
    for db in rds.describe_db_instances()["DBInstances"]:
        secret = db.get("MasterUserSecret", {}).get("SecretArn")
        password = None
        if secret:
            password = json.loads(sm.get_secret_value(SecretId=secret)["SecretString"]).get("password")
        state["databases"][db["DBInstanceIdentifier"]] = {
            "engine": db["Engine"], "version": db["EngineVersion"], "class": db["DBInstanceClass"],
            "storage": db["AllocatedStorage"], "max_storage": db.get("MaxAllocatedStorage"),
            "storage_type": db.get("StorageType"), "encrypted": db.get("StorageEncrypted"),
            "public": db.get("PubliclyAccessible"), "multi_az": db.get("MultiAZ"),
            "backups": db.get("BackupRetentionPeriod"), "protected": db.get("DeletionProtection"),
            "subnet_group": db.get("DBSubnetGroup", {}).get("DBSubnetGroupName"),
            "subnets": sorted(s["SubnetIdentifier"] for s in db.get("DBSubnetGroup", {}).get("Subnets", [])),
            "security_groups": [g["VpcSecurityGroupId"] for g in db.get("VpcSecurityGroups", [])],
            "address": db.get("Endpoint", {}).get("Address"), "port": db.get("Endpoint", {}).get("Port"),
            "database": db.get("DBName"), "user": db.get("MasterUsername"),
            "secret": secret, "password": password,
            "tags": {t["Key"]: t["Value"] for t in db.get("TagList", [])},
        }
    for group in ec.describe_replication_groups()["ReplicationGroups"]:
        primary = group["NodeGroups"][0].get("PrimaryEndpoint", {}) if group.get("NodeGroups") else {}
        state["replication_groups"][group["ReplicationGroupId"]] = {
            "transit": group.get("TransitEncryptionEnabled"), "at_rest": group.get("AtRestEncryptionEnabled"),
            "auth": group.get("AuthTokenEnabled"), "node_type": group.get("CacheNodeType"),
            "members": len(group.get("MemberClusters", [])),
            "address": primary.get("Address"), "port": primary.get("Port"),
        }
    for cluster in ec.describe_cache_clusters(ShowCacheNodeInfo=True)["CacheClusters"]:
        if cluster.get("ReplicationGroupId"):
            continue
        endpoint_ = cluster.get("ConfigurationEndpoint") or {}
        state["cache_clusters"][cluster["CacheClusterId"]] = {
            "engine": cluster.get("Engine"), "nodes": cluster.get("NumCacheNodes"),
            "subnet_group": cluster.get("CacheSubnetGroupName"),
            "security_groups": [g["SecurityGroupId"] for g in cluster.get("SecurityGroups", [])],
            "address": endpoint_.get("Address"), "port": endpoint_.get("Port"),
        }
    for group in ec2.describe_security_groups()["SecurityGroups"]:
        rules = []
        for p in group.get("IpPermissions", []):
            for r in p.get("IpRanges", []):
                rules.append([p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), r["CidrIp"]])
            for g in p.get("UserIdGroupPairs", []):
                rules.append([p.get("IpProtocol"), p.get("FromPort"), p.get("ToPort"), g["GroupId"]])
        state["security_groups"][group["GroupId"]] = {"name": group["GroupName"], "rules": sorted(rules)}
    for subnet in ec2.describe_subnets()["Subnets"]:
        tags = {t["Key"]: t["Value"] for t in subnet.get("Tags", [])}
        state["subnets"][subnet["SubnetId"]] = {"cidr": subnet["CidrBlock"], "id": tags.get("sleak:id")}
    for secret in sm.list_secrets()["SecretList"]:
        value = sm.get_secret_value(SecretId=secret["ARN"])["SecretString"]
        state["secrets"][secret["Name"]] = json.loads(value)
    state["snapshots"] = sorted(s["DBSnapshotIdentifier"] for s in rds.describe_db_snapshots()["DBSnapshots"])
    out[account["Name"]] = state
print(json.dumps(out))
"#;

/// The CIDRs of the subnets whose `sleak:id` contains `tier`.
fn cidrs(account: &Value, tier: &str) -> Vec<String> {
    let mut cidrs: Vec<String> = account["subnets"]
        .as_object()
        .unwrap()
        .values()
        .filter(|subnet| {
            subnet["id"]
                .as_str()
                .is_some_and(|id| id.contains(&format!("/subnet/{tier}-")))
        })
        .map(|subnet| subnet["cidr"].as_str().unwrap().to_owned())
        .collect();
    cidrs.sort();
    cidrs
}

fn subnet_ids(account: &Value, tier: &str) -> Vec<String> {
    let mut ids: Vec<String> = account["subnets"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, subnet)| {
            subnet["id"]
                .as_str()
                .is_some_and(|id| id.contains(&format!("/subnet/{tier}-")))
        })
        .map(|(id, _)| id.clone())
        .collect();
    ids.sort();
    ids
}

/// The rules of a security group as (protocol, from, to, source).
fn rules(account: &Value, group: &str) -> Vec<(String, u64, u64, String)> {
    account["security_groups"][group]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no security group {group}"))
        .iter()
        .map(|rule| {
            (
                rule[0].as_str().unwrap().to_owned(),
                rule[1].as_u64().unwrap(),
                rule[2].as_u64().unwrap(),
                rule[3].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `scheme://user:password@host:port/path`, parsed back into its parts (percent-decoded).
fn parse_url(url: &str) -> (String, String, String, String, u16, String) {
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index] == b'%' {
                out.push(u8::from_str_radix(&text[index + 1..index + 3], 16).unwrap());
                index += 3;
            } else {
                out.push(bytes[index]);
                index += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
    let (scheme, rest) = url.split_once("://").expect("a scheme");
    let (credentials, rest) = rest.rsplit_once('@').expect("credentials");
    let (user, password) = credentials.split_once(':').expect("user:password");
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (host, port) = authority.rsplit_once(':').expect("host:port");
    (
        scheme.to_owned(),
        decode(user),
        decode(password),
        host.to_owned(),
        port.parse().expect("a port"),
        path.to_owned(),
    )
}

fn text(data: &serde_json::Map<String, Value>, key: &str) -> String {
    data.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {key} in {:?}", data.keys().collect::<Vec<_>>()))
        .to_owned()
}

#[test]
fn databases_and_caches_are_private_encrypted_and_their_secrets_reach_them() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut keep = |label: &str, run: Run| {
        outputs.push((format!("{label} stdout"), run.stdout.clone()));
        outputs.push((format!("{label} stderr"), run.stderr.clone()));
        run
    };
    keep("onboard", setup.must(&["onboard", "--yes", "-vv"]));
    // A secret variable too, so the scan below covers every kind of secret of a flow.
    const API_KEY: &str = "sk_live_Secr3tValue0123";
    keep(
        "var set",
        setup.must(&[
            "var",
            "set",
            &format!("API_KEY={API_KEY}"),
            "--secret",
            "-p",
            "api",
            "-e",
            "staging",
            "-vv",
        ]),
    );
    setup.proxy.clear_log();
    keep("apply", setup.must(&["apply", "--yes", "-vv"]));
    let log = setup.proxy.log();
    let state = setup.read_back();
    let development = &state["development"];

    // The PostgreSQL instance: private, encrypted gp3 that grows, in the account's DB
    // subnet group over the persistence subnets, its own security group admitting only
    // the EKS cluster's nodes (the members of its cluster security group) on 5432.
    let db = &development["databases"]["api-staging-db"];
    assert_eq!(db["engine"], "postgres", "{state:#}");
    assert_eq!(db["version"], "17.4");
    assert_eq!(db["class"], "db.t4g.micro");
    assert_eq!(db["storage"], 20);
    assert_eq!(db["max_storage"], 80);
    assert_eq!(db["storage_type"], "gp3");
    assert_eq!(db["encrypted"], true);
    assert_eq!(db["public"], false);
    assert_eq!(db["multi_az"], false);
    assert_eq!(db["backups"], 7);
    assert_eq!(db["protected"], false);
    assert_eq!(db["subnet_group"], "acme-development");
    assert_eq!(
        db["subnets"],
        serde_json::json!(subnet_ids(development, "persistence"))
    );
    assert_eq!(db["tags"]["sleak:workspace"], "acme");
    let groups = db["security_groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{db:#}");
    let nodes = development["cluster_security_groups"]["dev"]
        .as_str()
        .expect("EKS names the cluster security group")
        .to_owned();
    assert_eq!(
        rules(development, groups[0].as_str().unwrap()),
        [("tcp".to_owned(), 5432, 5432, nodes.clone())]
    );
    let password = db["password"]
        .as_str()
        .expect("RDS keeps the master password");
    assert!(password.len() >= 8);

    // Redis: encrypted in transit and at rest, with an AUTH token kept in Secrets Manager.
    let redis = &development["replication_groups"]["api-staging-cache"];
    assert_eq!(redis["transit"], true, "{state:#}");
    assert_eq!(redis["at_rest"], true);
    assert_eq!(redis["auth"], true);
    assert_eq!(redis["node_type"], "cache.t4g.micro");
    let token = development["secrets"]["sleak/acme/api/staging/dependency/cache"]["token"]
        .as_str()
        .expect("the AUTH token is kept in Secrets Manager")
        .to_owned();
    assert_eq!(token.len(), 64);

    // Memcached: in its subnet group, its security group admitting the cluster's nodes.
    let memcached = &development["cache_clusters"]["api-staging-sessions"];
    assert_eq!(memcached["engine"], "memcached", "{state:#}");
    assert_eq!(memcached["subnet_group"], "api-staging-sessions");
    let memcached_groups = memcached["security_groups"].as_array().unwrap();
    assert_eq!(memcached_groups.len(), 1);
    assert_eq!(
        rules(development, memcached_groups[0].as_str().unwrap()),
        [("tcp".to_owned(), 11211, 11211, nodes.clone())]
    );

    // The environment on the cluster you bring keeps its database in the account it names.
    // Its cluster is not an EKS cluster of the account: the port is open to the private
    // subnets, where nodes run.
    let mysql = &development["databases"]["api-preview-db"];
    assert_eq!(mysql["engine"], "mysql", "{state:#}");
    let private = cidrs(development, "private");
    assert_eq!(private.len(), 2);
    let expected: Vec<_> = private
        .iter()
        .map(|cidr| ("tcp".to_owned(), 3306, 3306, cidr.clone()))
        .collect();
    assert_eq!(
        rules(development, mysql["security_groups"][0].as_str().unwrap()),
        expected
    );
    assert_eq!(mysql["version"], "8.0.41");
    assert!(
        state["management"]["databases"]
            .as_object()
            .unwrap()
            .is_empty()
    );

    // sleak waited: each database was described again until it was available.
    let created = log
        .iter()
        .position(|record| record.action == "CreateDBInstance")
        .expect("a CreateDBInstance");
    let describes = log[created..]
        .iter()
        .filter(|record| record.action == "DescribeDBInstances")
        .count();
    assert!(
        describes >= 3,
        "only {describes} describes after the create"
    );

    // The Secrets hold moto's endpoints, and the URLs connect as strings.
    let (object, data) = setup.secret("api-staging", "dependency-db");
    assert_eq!(
        object["metadata"]["labels"]["sleak.dev/variable-group"],
        "dependency.db"
    );
    assert_eq!(text(&data, "DB_HOST"), db["address"].as_str().unwrap());
    assert_eq!(text(&data, "DB_PORT"), db["port"].to_string());
    assert_eq!(text(&data, "DB_NAME"), "db");
    assert_eq!(text(&data, "DB_USER"), "app");
    assert_eq!(text(&data, "DB_PASSWORD"), password);
    let (scheme, user, url_password, host, port, path) = parse_url(&text(&data, "DB_URL"));
    assert_eq!(scheme, "postgres");
    assert_eq!(user, "app");
    assert_eq!(url_password, password);
    assert_eq!(host, db["address"].as_str().unwrap());
    assert_eq!(u64::from(port), db["port"].as_u64().unwrap());
    assert_eq!(path, "db");

    let (_, data) = setup.secret("api-staging", "dependency-cache");
    assert_eq!(
        text(&data, "CACHE_HOST"),
        redis["address"].as_str().unwrap()
    );
    assert_eq!(text(&data, "CACHE_TOKEN"), token);
    let (scheme, _, url_token, host, port, _) = parse_url(&text(&data, "CACHE_URL"));
    assert_eq!(
        (scheme.as_str(), url_token.as_str(), host.as_str()),
        ("rediss", token.as_str(), redis["address"].as_str().unwrap())
    );
    assert_eq!(u64::from(port), redis["port"].as_u64().unwrap());

    let (_, data) = setup.secret("api-staging", "dependency-sessions");
    assert_eq!(
        text(&data, "SESSIONS_URL"),
        format!(
            "memcached://{}:{}",
            memcached["address"].as_str().unwrap(),
            memcached["port"]
        )
    );
    let (_, data) = setup.secret("api-preview", "dependency-db");
    let (scheme, _, mysql_password, host, ..) = parse_url(&text(&data, "DB_URL"));
    assert_eq!(scheme, "mysql");
    assert_eq!(host, mysql["address"].as_str().unwrap());
    assert_eq!(mysql_password, mysql["password"].as_str().unwrap());

    let (_, data) = setup.secret("api-staging", "secrets-global");
    assert_eq!(text(&data, "API_KEY"), API_KEY);

    // A second run changes nothing.
    setup.proxy.clear_log();
    keep("apply again", setup.must(&["apply", "--yes", "-vv"]));
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "a re-run changed: {mutating:#?}");

    // RDS rotates the password it manages: the next apply takes the new one.
    setup.moto.python(&format!(
        r#"
{SESSIONS}
session = dict((account["Name"], session) for account, session in sessions())["development"]
sm = session.client("secretsmanager", endpoint_url=endpoint)
sm.put_secret_value(SecretId={:?}, SecretString=json.dumps({{"username": "app", "password": "rotated-Pa55word"}}))
"#,
        db["secret"].as_str().unwrap()
    ));
    let plan = keep("plan", setup.must(&["plan"]));
    assert!(
        plan.stdout.contains("take the rotated credentials"),
        "{}",
        plan.stdout
    );
    keep("apply rotated", setup.must(&["apply", "--yes"]));
    let (_, data) = setup.secret("api-staging", "dependency-db");
    assert_eq!(text(&data, "DB_PASSWORD"), "rotated-Pa55word");

    // No password or token in any output, log or file of the flow.
    let mut secrets = vec![
        password.to_owned(),
        token.clone(),
        mysql["password"].as_str().unwrap().to_owned(),
        "rotated-Pa55word".to_owned(),
        API_KEY.to_owned(),
    ];
    secrets.retain(|secret| !secret.is_empty());
    for (label, output) in &outputs {
        for secret in &secrets {
            assert!(!output.contains(secret.as_str()), "{label} holds a secret");
        }
    }
    for (path, contents) in common::files_under(setup.context.root.path(), &[]) {
        for secret in &secrets {
            assert!(
                !contents.contains(secret.as_str()),
                "{} holds a secret",
                path.display()
            );
        }
    }
}

/// How many of each dependency resource moto holds, across accounts.
const COUNTS: &str = r#"
counts = {"databases": 0, "replication_groups": 0, "cache_clusters": 0, "cache_subnet_groups": 0, "sleak_secrets": 0, "dependency_security_groups": 0}
for account, session in sessions():
    rds = session.client("rds", endpoint_url=endpoint)
    ec = session.client("elasticache", endpoint_url=endpoint)
    ec2 = session.client("ec2", endpoint_url=endpoint)
    sm = session.client("secretsmanager", endpoint_url=endpoint)
    counts["databases"] += len(rds.describe_db_instances()["DBInstances"])
    counts["replication_groups"] += len(ec.describe_replication_groups()["ReplicationGroups"])
    counts["cache_clusters"] += len([c for c in ec.describe_cache_clusters()["CacheClusters"] if not c.get("ReplicationGroupId")])
    counts["cache_subnet_groups"] += len([g for g in ec.describe_cache_subnet_groups()["CacheSubnetGroups"] if g["CacheSubnetGroupName"] != "default"])
    counts["sleak_secrets"] += len([s for s in sm.list_secrets()["SecretList"] if s["Name"].startswith("sleak/")])
    counts["dependency_security_groups"] += len([g for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"].startswith("api-")])
print(json.dumps(counts))
"#;

impl Setup {
    /// Counted through the proxy, which ends ElastiCache's deletions as AWS does.
    fn counts(&self) -> Value {
        let code = format!("endpoint = {:?}\n{SESSIONS}\n{COUNTS}", self.proxy.url);
        serde_json::from_str(&self.moto.python(&code)).expect("counts JSON")
    }
}

/// What one clean apply of WORKSPACE makes.
fn clean_counts() -> Value {
    serde_json::json!({
        "databases": 2,
        "replication_groups": 1,
        "cache_clusters": 1,
        "cache_subnet_groups": 2,
        "sleak_secrets": 1,
        "dependency_security_groups": 4,
    })
}

fn at_most(limit: &Value, counts: &Value) -> Vec<String> {
    limit
        .as_object()
        .unwrap()
        .iter()
        .filter(|(key, limit)| counts[key.as_str()].as_u64() > limit.as_u64())
        .map(|(key, limit)| format!("{key}: {} (clean: {limit})", counts[key.as_str()]))
        .collect()
}

#[test]
fn dep_list_shows_state_and_dep_remove_is_guarded_and_snapshots_the_database() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    // Before anything exists, a database is missing and its Secret not written.
    let listed = setup.must(&[
        "dep", "list", "-p", "api", "-e", "staging", "--output", "json",
    ]);
    let items: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(items[0]["name"], "cache", "{items:#}");
    assert_eq!(items[1]["name"], "db");
    assert_eq!(items[1]["state"], "missing");
    assert_eq!(items[1]["secret"]["state"], "not written");
    setup.must(&["apply", "--yes"]);
    let state = setup.read_back();
    let db = &state["development"]["databases"]["api-staging-db"];
    let listed = setup.must(&["dep", "list", "--output", "json"]);
    let items: Value = serde_json::from_str(&listed.stdout).unwrap();
    let db_item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["env"] == "staging" && item["name"] == "db")
        .unwrap();
    assert_eq!(db_item["state"], "ready", "{items:#}");
    assert_eq!(
        db_item["endpoint"],
        format!("{}:{}", db["address"].as_str().unwrap(), db["port"])
    );
    assert_eq!(db_item["secret"]["name"], "dependency-db");
    assert_eq!(db_item["secret"]["state"], "written");
    let table = setup.must(&["dep", "list", "-p", "api", "-e", "staging"]);
    assert!(table.stdout.contains("api-staging-db"), "{}", table.stdout);
    assert!(table.stdout.contains("ready"), "{}", table.stdout);

    // Not on a terminal and no --confirm: refused, nothing deleted.
    let refused = setup.sleak(&["dep", "remove", "db", "-p", "api", "-e", "staging", "--yes"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--confirm db"),
        "{}",
        refused.stderr
    );
    let wrong = setup.sleak(&[
        "dep",
        "remove",
        "db",
        "-p",
        "api",
        "-e",
        "staging",
        "--yes",
        "--confirm",
        "cache",
    ]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    let dry = setup.must(&[
        "dep",
        "remove",
        "db",
        "-p",
        "api",
        "-e",
        "staging",
        "--dry-run",
    ]);
    assert!(dry.stderr.contains("final snapshot"), "{}", dry.stderr);
    assert_eq!(setup.counts()["databases"], 2);
    assert!(
        setup
            .context
            .read("sleak.toml")
            .contains("dependencies.db]")
    );

    // Removed: the Secret, then the database after its final snapshot, then its
    // security group; the dependency leaves sleak.toml, the others stay.
    setup.must(&[
        "dep",
        "remove",
        "db",
        "-p",
        "api",
        "-e",
        "staging",
        "--yes",
        "--confirm",
        "db",
    ]);
    let after = setup.read_back();
    let development = &after["development"];
    assert!(
        development["databases"].get("api-staging-db").is_none(),
        "{after:#}"
    );
    assert!(development["databases"].get("api-preview-db").is_some());
    let snapshots = development["snapshots"].as_array().unwrap();
    assert!(
        snapshots.iter().any(|snapshot| snapshot
            .as_str()
            .unwrap()
            .starts_with("api-staging-db-final-")),
        "no final snapshot: {snapshots:?}"
    );
    let group = db["security_groups"][0].as_str().unwrap();
    assert!(development["security_groups"].get(group).is_none());
    let gone = setup
        .sandbox
        .kubectl(&["get", "secret", "dependency-db", "-n", "api-staging"]);
    assert!(!gone.status.success(), "the Secret is still there");
    setup.secret("api-staging", "dependency-cache");
    let file = setup.context.read("sleak.toml");
    assert!(
        !file.contains("dependencies.db]\nkind = \"postgres\""),
        "{file}"
    );
    assert!(file.contains("[projects.api.envs.staging.dependencies.cache]"));
    // And the next apply leaves it gone.
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    assert!(
        setup.proxy.calls("CreateDBInstance").is_empty(),
        "the removed database came back"
    );

    // `dep add --apply` writes sleak.toml and makes that dependency only, with its Secret.
    setup.context.write(
        "sleak.toml",
        &setup.context.read("sleak.toml").replace(
            "[projects.api.envs.preview]\n",
            "[projects.api.envs.preview]\nvariables = { X = \"1\" }\n",
        ),
    );
    setup.proxy.clear_log();
    setup.must(&[
        "dep", "add", "reports", "--kind", "mariadb", "-p", "api", "-e", "staging", "--apply",
        "--yes",
    ]);
    let creates: Vec<String> = setup
        .proxy
        .mutating_calls()
        .into_iter()
        .map(|record| record.action)
        .collect();
    assert_eq!(
        creates,
        [
            "CreateSecurityGroup",
            "AuthorizeSecurityGroupIngress",
            "CreateDBInstance"
        ],
        "{creates:?}"
    );
    let (_, data) = setup.secret("api-staging", "dependency-reports");
    assert!(text(&data, "REPORTS_URL").starts_with("mysql://app:"));
    // What it left out (the preview environment's new variable) is for `sleak apply`.
    let missing = setup.sandbox.kubectl(&[
        "get",
        "configmap",
        "variables-global",
        "-n",
        "api-preview",
        "-o",
        "json",
    ]);
    let data: Value = serde_json::from_slice(&missing.stdout).unwrap_or_default();
    assert!(data["data"].get("X").is_none(), "{data}");
    assert!(
        setup
            .context
            .read("sleak.toml")
            .contains("[projects.api.envs.staging.dependencies.reports]")
    );
}

#[test]
fn dependencies_killed_or_with_lost_answers_converge_without_copies() {
    if support_sandbox::skip_peers() {
        return;
    }
    let setup = Setup::new();
    setup.must(&["onboard", "--yes"]);
    let clean = clean_counts();
    // Kills right after AWS made something and before sleak heard of it, and one in the
    // middle of a wait.
    let rounds = [
        ("CreateDBInstance", 1, false),
        ("CreateSecret", 1, false),
        ("CreateReplicationGroup", 1, false),
        ("CreateCacheCluster", 1, false),
        ("DescribeDBInstances", 2, true),
    ];
    let mut kills = 0;
    for (action, n, before) in rounds {
        setup.proxy.clear_log();
        let mut command = setup.command(&["apply", "--yes", "--parallelism", "1"]);
        command.env("SLEAK_LEASE_TTL", "1");
        let child = command
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("sleak starts");
        setup.proxy.kill_at_action(child.id(), action, n, before);
        let output = child.wait_with_output().expect("sleak ends");
        setup.proxy.disarm();
        use std::os::unix::process::ExitStatusExt;
        let killed = setup
            .proxy
            .log()
            .iter()
            .any(|record| record.killed.is_some() && record.action == action);
        if killed {
            kills += 1;
            assert_eq!(
                output.status.signal(),
                Some(9),
                "{action}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        } else {
            // Made by an earlier round's re-run already: this round ran to its end.
            assert!(
                output.status.success(),
                "{action}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let counts = setup.counts();
        let exceeding = at_most(&clean, &counts);
        assert!(
            exceeding.is_empty(),
            "after a kill at {action}: {exceeding:?}"
        );
    }
    assert!(kills >= 4, "only {kills} rounds were killed");
    // Then 25 % of the mutating requests of the dependencies (two new ones) are applied and their answers lost.
    let mut runs = 0;
    let mut lost = Vec::new();
    let new_workspace = WORKSPACE.replace("[projects.api.envs.preview]", "[projects.api.envs.staging.dependencies.jobs-db]\nkind = \"mariadb\"\n\n[projects.api.envs.staging.dependencies.queue-cache]\nkind = \"redis\"\n\n[projects.api.envs.preview]");
    setup.context.write("sleak.toml", &new_workspace);
    let clean = serde_json::json!({
        "databases": 3,
        "replication_groups": 2,
        "cache_clusters": 1,
        "cache_subnet_groups": 3,
        "sleak_secrets": 2,
        "dependency_security_groups": 6,
    });
    // First the answer of each create of the new dependencies is lost once: the run
    // that made them goes on (the SDK's retry finds each made, and ours) and succeeds.
    let targeted = [
        ("CreateDBInstance", 1),
        ("CreateReplicationGroup", 1),
        ("CreateSecret", 1),
        ("CreateCacheSubnetGroup", 1),
        ("CreateSecurityGroup", 1),
        ("AuthorizeSecurityGroupIngress", 1),
    ];
    setup.proxy.clear_log();
    setup.proxy.lose_answers_of(&targeted, "mixed");
    let run = setup.sleak(&["apply", "--yes"]);
    setup.proxy.lose_answers_of(&[], "mixed");
    let lost_now: Vec<String> = setup
        .proxy
        .log()
        .into_iter()
        .filter(|record| record.lost.is_some())
        .map(|record| record.action)
        .collect();
    assert_eq!(run.code, 0, "lost: {lost_now:?}\n{}", run.stderr);
    assert_eq!(lost_now.len(), targeted.len(), "lost: {lost_now:?}");
    assert!(at_most(&clean, &setup.counts()).is_empty());
    // Then every mutating request may lose its answer (25 %), runs may fail: none makes
    // a copy, and they converge.
    setup.proxy.set_busy_describes(0);
    setup.must(&[
        "dep",
        "remove",
        "jobs-db",
        "-p",
        "api",
        "-e",
        "staging",
        "--yes",
        "--confirm",
        "jobs-db",
        "--skip-final-snapshot",
    ]);
    setup.must(&[
        "dep",
        "remove",
        "queue-cache",
        "-p",
        "api",
        "-e",
        "staging",
        "--yes",
        "--confirm",
        "queue-cache",
    ]);
    setup.context.write(
        "sleak.toml",
        &new_workspace
            .replace("jobs-db]", "reports-db]")
            .replace("queue-cache]", "rate-cache]"),
    );
    setup.proxy.set_busy_describes(2);
    // Which requests a rate hits depends on the order concurrent requests arrive in: the
    // creates of the new database and cache also lose their answers once, whatever the
    // draws.
    setup.proxy.lose_answers_of(
        &[("CreateDBInstance", 1), ("CreateReplicationGroup", 1)],
        "mixed",
    );
    loop {
        runs += 1;
        setup.proxy.clear_log();
        setup.proxy.set_lose_rate(0.25, 70 + runs, "mixed");
        let run = setup.sleak(&["apply", "--yes"]);
        setup.proxy.set_lose_rate(0.0, 0, "mixed");
        lost.extend(
            setup
                .proxy
                .log()
                .into_iter()
                .filter(|record| record.lost.is_some() && !record.is_lease())
                .map(|record| record.action),
        );
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        eprintln!("run {runs}: exit {}; lost so far: {lost:?}", run.code);
        // A lost answer is never taken for someone else's resource.
        assert!(
            !run.stderr.contains("not this workspace's"),
            "run {runs}: {}",
            run.stderr
        );
        let counts = setup.counts();
        let exceeding = at_most(&clean, &counts);
        assert!(
            exceeding.is_empty(),
            "run {runs} under lost answers: {exceeding:?}"
        );
        if run.code == 0 {
            break;
        }
        assert!(runs < 6, "no run succeeded: {}", run.stderr);
    }
    setup.proxy.lose_answers_of(&[], "mixed");
    assert_eq!(setup.counts(), clean);
    // Not a test of nothing: creates of the new dependencies lost their answers.
    assert!(
        lost.iter().any(|action| [
            "CreateDBInstance",
            "CreateReplicationGroup",
            "CreateSecret",
            "CreateCacheSubnetGroup",
            "CreateSecurityGroup"
        ]
        .contains(&action.as_str())),
        "lost: {lost:?}"
    );
    // The Secrets hold what AWS has: the token the cache was made with, the password
    // RDS keeps.
    let state = setup.read_back();
    let development = &state["development"];
    let (_, data) = setup.secret("api-staging", "dependency-cache");
    assert_eq!(
        text(&data, "CACHE_TOKEN"),
        development["secrets"]["sleak/acme/api/staging/dependency/cache"]["token"]
            .as_str()
            .unwrap()
    );
    let (_, data) = setup.secret("api-staging", "dependency-db");
    assert_eq!(
        text(&data, "DB_PASSWORD"),
        development["databases"]["api-staging-db"]["password"]
            .as_str()
            .unwrap()
    );
    setup.proxy.clear_log();
    setup.must(&["apply", "--yes"]);
    let mutating = setup.proxy.mutating_calls();
    assert!(mutating.is_empty(), "a re-run changed: {mutating:#?}");

    // `destroy` deletes the dependencies (databases after a final snapshot) before the
    // security groups, subnet groups and network they live in.
    let before = setup.read_back();
    let database_groups: Vec<(String, String)> = before["development"]["databases"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, database)| {
            (
                name.clone(),
                database["security_groups"][0].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(database_groups.len(), 3);
    setup.proxy.clear_log();
    setup.must(&["destroy", "--confirm", "acme"]);
    let counts = setup.counts();
    for kind in [
        "databases",
        "replication_groups",
        "cache_clusters",
        "cache_subnet_groups",
        "dependency_security_groups",
    ] {
        assert_eq!(counts[kind], 0, "{kind} left: {counts}");
    }
    // Each database and cache goes before its own security group and subnet group, and
    // every security group before the VPC (the proxy records which resource each
    // request names).
    let log = setup.proxy.log();
    let at = |action: &str, target: &str| {
        log.iter()
            .position(|record| record.action == action && record.target.as_deref() == Some(target))
            .unwrap_or_else(|| panic!("no {action} of {target}"))
    };
    for (database, group) in &database_groups {
        assert!(
            at("DeleteDBInstance", database) < at("DeleteSecurityGroup", group),
            "{database}"
        );
    }
    assert!(
        at("DeleteReplicationGroup", "api-staging-cache")
            < at("DeleteCacheSubnetGroup", "api-staging-cache")
    );
    assert!(
        at("DeleteCacheCluster", "api-staging-sessions")
            < at("DeleteCacheSubnetGroup", "api-staging-sessions")
    );
    let last_group = log
        .iter()
        .rposition(|record| record.action == "DeleteSecurityGroup")
        .expect("security groups deleted");
    let first_vpc = log
        .iter()
        .position(|record| record.action == "DeleteVpc")
        .expect("VPCs deleted");
    assert!(last_group < first_vpc);
    let state = setup.read_back();
    let snapshots = state["development"]["snapshots"].as_array().unwrap();
    for database in ["api-staging-db", "api-staging-reports-db", "api-preview-db"] {
        assert!(
            snapshots.iter().any(|snapshot| snapshot
                .as_str()
                .unwrap()
                .starts_with(&format!("{database}-final-"))),
            "no final snapshot of {database}: {snapshots:?}"
        );
    }
}

/// Production environments (named `production`, `prod` or `prd`) get safer defaults: a
/// standby in a second zone and deletion protection; others do not; an explicit value
/// wins. Read from `dep list --offline`, which needs no AWS.
#[test]
fn production_databases_default_to_multi_az_and_deletion_protection() {
    let context = TestContext::new();
    context.write(
        "sleak.toml",
        r#"
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.dev]
account = "development"
node_pools.general = { instance_types = ["t3.large"] }

[clusters.prod]
account = "production"
node_pools.general = { instance_types = ["m6i.large"] }

[environments.staging]
cluster = "dev"

[environments.prod]
cluster = "prod"

[projects.api.envs.staging.dependencies.db]
kind = "postgres"

[projects.api.envs.prod.dependencies.db]
kind = "postgres"
storage_gib = 100

[projects.api.envs.prod.dependencies.scratch]
kind = "mysql"
multi_az = false
deletion_protection = false
max_storage_gib = 100
"#,
    );
    let listed = context
        .run(&["dep", "list", "--offline", "--output", "json"])
        .success()
        .json();
    let settings = |env: &str, name: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["env"] == env && item["name"] == name)
            .unwrap_or_else(|| panic!("{env}/{name} not listed: {listed:#}"))["settings"]
            .clone()
    };
    // (multi-AZ, deletion protection, storage ceiling) of each database.
    for (env, name, expected) in [
        ("staging", "db", (false, false, 80)),
        ("prod", "db", (true, true, 400)),
        ("prod", "scratch", (false, false, 100)),
    ] {
        let found = settings(env, name);
        let found = (
            found["multi_az"].as_bool().unwrap(),
            found["deletion_protection"].as_bool().unwrap(),
            found["max_storage_gib"].as_u64().unwrap(),
        );
        assert_eq!(found, expected, "{env}/{name}");
    }
}
