//! A recording, fault-injecting proxy in front of moto (see tests/support/aws_proxy.py).
//!
//! Point sleak at it with `context.sleak().env("AWS_ENDPOINT_URL", &proxy.url)`; every
//! request is forwarded to moto and recorded, and the knobs add latency, answer a share
//! of requests with retryable errors, or SIGKILL a process at the n-th request.
//!
//! EKS requests are recorded under their operation names (`CreateNodegroup`, …) with their
//! JSON body and target. What moto lacks of EKS (add-ons, access entries, cluster and
//! nodegroup version updates) the proxy answers from a fake of its own
//! (tests/support/eks_fake.py; `answered_by == Some("proxy")`), and further knobs point the
//! clusters at another endpoint or make clusters, nodegroups and add-ons stay CREATING or
//! DELETING for a number of describes; the fake's own (`set_eks_knobs`) keep updates in
//! progress or make them fail, make add-ons unhealthy, move default add-on versions and
//! lose the answers of EKS creates.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

/// One request the proxy saw.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxyRecord {
    /// 1-based, in order of arrival since the last reset.
    pub seq: usize,
    /// The SigV4 credential scope's service (`ec2`, `organizations`, …), or `unknown`.
    pub service: String,
    /// `json`, `query`, `ec2`, `rest-json` or `rest-xml`.
    pub protocol: String,
    /// `CreateVpc`, `DescribeOrganization`, `CreateNodegroup` (EKS operations are named
    /// too), or `METHOD path` for other REST services.
    pub action: String,
    pub method: String,
    pub path: String,
    pub mutating: bool,
    /// The status returned to the client; `None` when it never got one (killed).
    pub status: Option<u16>,
    /// The proxy answered with an injected error instead of forwarding.
    pub fault: bool,
    /// `Some("before" | "after")` on the request at which the process was killed.
    pub killed: Option<String>,
    /// `Some("500" | "close")` when moto (or the EKS fake) applied the request and the
    /// proxy lost its answer on purpose (`lose_rate`).
    pub lost: Option<String>,
    pub elapsed_ms: u64,
    /// The proxy's monotonic clock (ms) when the request arrived, and when moto's answer
    /// was ready (`None` when it never was: killed, lost, or moto fell over).
    pub arrived_ms: u64,
    pub answered_ms: Option<u64>,
    /// Who answered: `moto`, or `proxy` (an injected fault, a 502, or the EKS fake);
    /// `None` when the client got no answer (killed before forwarding).
    pub answered_by: Option<String>,
    /// EKS requests: the JSON body sent, parsed (`None` without one, and for other
    /// services).
    pub request: Option<Value>,
    /// Query-protocol requests (EC2, RDS, ElastiCache, …): the first of the identifiers
    /// the request names (`GroupId`, `DBInstanceIdentifier`, …; tests/support/aws_proxy.py
    /// `QUERY_TARGETS`).
    /// EKS requests: the resource the request is about: the innermost name of the path
    /// (cluster, nodegroup, add-on, access entry's principal ARN, association id, the ARN
    /// of a tag request), or the name of the resource a create makes, from its body.
    pub target: Option<String>,
    /// EKS requests: a summary of the answer (tests/support/eks_fake.py `eks_answer`):
    /// `status` of the cluster, node group, add-on or update it held (with an update's
    /// `id` and `type`, a resource's `version`), or the `error` type and `message`.
    pub eks_answer: Option<Value>,
}

impl ProxyRecord {
    fn from_json(value: &Value) -> Self {
        let text = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
        Self {
            seq: value["seq"].as_u64().unwrap_or_default() as usize,
            service: text("service"),
            protocol: text("protocol"),
            action: text("action"),
            method: text("method"),
            path: text("path"),
            mutating: value["mutating"].as_bool().unwrap_or_default(),
            status: value["status"].as_u64().map(|status| status as u16),
            fault: value["fault"].as_bool().unwrap_or_default(),
            killed: value["killed"].as_str().map(str::to_owned),
            lost: value["lost"].as_str().map(str::to_owned),
            elapsed_ms: value["elapsed_ms"].as_u64().unwrap_or_default(),
            arrived_ms: value["arrived_ms"].as_u64().unwrap_or_default(),
            answered_ms: value["answered_ms"].as_u64(),
            answered_by: value["answered_by"].as_str().map(str::to_owned),
            request: match &value["request"] {
                Value::Null => None,
                request => Some(request.clone()),
            },
            target: value["target"].as_str().map(str::to_owned),
            eks_answer: match &value["eks_answer"] {
                Value::Null => None,
                answer => Some(answer.clone()),
            },
        }
    }

    /// A request about the workspace lease (sleak's state bucket in S3): what every
    /// changing command writes, and no change to the infrastructure.
    pub fn is_lease(&self) -> bool {
        self.service == "s3" && self.path.starts_with("/sleak-state-")
    }

    /// The `status` of the EKS answer's cluster, node group, add-on or update.
    pub fn answer_status(&self) -> Option<&str> {
        self.eks_answer.as_ref()?["status"].as_str()
    }

    /// The EKS error type the request was answered with.
    pub fn answer_error(&self) -> Option<&str> {
        self.eks_answer.as_ref()?["error"].as_str()
    }

    /// `service:action`, for messages.
    pub fn label(&self) -> String {
        format!("{}:{}", self.service, self.action)
    }
}

/// The proxy process; it exits when this value is dropped (its stdin closes).
pub struct AwsProxy {
    pub url: String,
    pub upstream: String,
    child: Child,
}

/// The Python script, next to the tests.
pub fn script() -> std::path::PathBuf {
    super::crate_root().join("tests/support/aws_proxy.py")
}

impl AwsProxy {
    /// Starts a proxy on a free port in front of `moto_url`.
    pub fn start(moto_url: &str) -> AwsProxy {
        let python = std::env::var("SLEAK_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let mut child = Command::new(python)
            .arg(script())
            .arg(moto_url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the AWS proxy");
        let stdout = child.stdout.take().expect("the proxy's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the proxy prints its address");
        let url = line.trim().to_owned();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "the proxy did not start: {url:?}"
        );
        AwsProxy {
            url,
            upstream: moto_url.trim_end_matches('/').to_owned(),
            child,
        }
    }

    /// The proxy's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn config(&self, config: Value) -> Value {
        let (status, body) = http(&self.url, "POST", "/__proxy/config", &config.to_string());
        assert_eq!(status, 200, "proxy config {config} failed: {body}");
        serde_json::from_str(&body).expect("the proxy answers JSON")
    }

    /// Milliseconds added before forwarding each request.
    pub fn set_latency(&self, ms: u64) {
        self.config(json!({ "latency_ms": ms }));
    }

    /// `rate` (0..=1) of the requests, drawn from an RNG seeded with `seed`, are answered
    /// by the proxy with retryable errors (500 internal errors and throttling, in turn).
    pub fn set_fault_rate(&self, rate: f64, seed: u64) {
        self.config(json!({ "fault_rate": rate, "seed": seed }));
    }

    /// Applies that share of the mutating requests that succeed, then loses their answer
    /// (`how`: `"500"`, `"close"` — the connection drops with no answer — or `"mixed"`),
    /// drawing from `seed`: what AWS does when a connection drops after the fact. The SDK
    /// retries such a request.
    pub fn set_lose_rate(&self, rate: f64, seed: u64, how: &str) {
        self.config(json!({ "lose_rate": rate, "seed": seed, "lose_how": how }));
    }

    /// Loses the answers of the next `n` successful requests of each action (`{action: n}`),
    /// as `set_lose_rate` does (applied, then a 500 or a dropped connection, `how`).
    pub fn lose_answers_of(&self, actions: &[(&str, u32)], how: &str) {
        let actions: serde_json::Map<String, Value> = actions
            .iter()
            .map(|(action, n)| ((*action).to_owned(), json!(n)))
            .collect();
        self.config(json!({ "lose_actions": actions, "lose_how": how }));
    }

    /// SIGKILLs `pid` when the `n`-th request (1-based, since the last reset) arrives:
    /// before forwarding it (`before`), or after moto answered it but before replying.
    /// When the `n`-th request already went by, the kill happens at once.
    pub fn kill_at(&self, pid: u32, n: usize, before: bool) {
        let when = if before { "before" } else { "after" };
        self.config(json!({ "kill_at": { "pid": pid, "n": n, "when": when } }));
    }

    /// SIGKILLs `pid` at the `n`-th request (1-based) of `action` (`CreateRole`,
    /// `CreateNodegroup`, …) arriving from now on, before forwarding it or after moto
    /// answered it: a kill at a chosen moment, however many requests come before it.
    pub fn kill_at_action(&self, pid: u32, action: &str, n: usize, before: bool) {
        let when = if before { "before" } else { "after" };
        self.config(json!({ "kill_at": { "pid": pid, "n": n, "when": when, "action": action } }));
    }

    /// Disarms a `kill_at` that did not fire.
    pub fn disarm(&self) {
        self.config(json!({ "kill_at": null }));
    }

    /// Points the EKS clusters moto describes at `url` (e.g. `https://127.0.0.1:PORT`, a
    /// local Kubernetes API stand-in): DescribeCluster and CreateCluster answer it as
    /// `endpoint`, and `ca_pem` (base64-encoded) as `certificateAuthority.data`.
    pub fn set_eks_endpoint(&self, url: &str, ca_pem: &str) {
        use base64::Engine as _;
        let ca_data = base64::engine::general_purpose::STANDARD.encode(ca_pem);
        self.config(json!({ "eks_endpoint": { "url": url, "ca_data": ca_data } }));
    }

    /// Undoes `set_eks_endpoint`: moto's own endpoint and certificate authority again.
    pub fn clear_eks_endpoint(&self) {
        self.config(json!({ "eks_endpoint": null }));
    }

    /// How many describes a resource created (or deleted) from now on stays in transition:
    /// after CreateCluster, the first `cluster_creating` DescribeCluster answers of that
    /// cluster say CREATING; the same for CreateNodegroup and DescribeNodegroup
    /// (`nodegroup_creating`) and CreateAddon and DescribeAddon (`addon_creating`); after
    /// DeleteNodegroup, the next `nodegroup_deleting` DescribeNodegroup calls answer the
    /// nodegroup DELETING before moto's ResourceNotFoundException. 0 turns one off.
    pub fn set_eks_delays(
        &self,
        cluster_creating: u32,
        nodegroup_creating: u32,
        nodegroup_deleting: u32,
        addon_creating: u32,
    ) {
        self.config(json!({
            "eks_creating_describes": cluster_creating,
            "nodegroup_creating_describes": nodegroup_creating,
            "nodegroup_deleting_describes": nodegroup_deleting,
            "addon_creating_describes": addon_creating,
        }));
    }

    /// After an RDS or ElastiCache create or change, that resource's next `describes`
    /// describes say creating / modifying, as AWS's take minutes. 0 turns it off.
    pub fn set_busy_describes(&self, describes: u32) {
        self.config(json!({ "busy_describes": describes }));
    }

    /// Sets knobs of the EKS fake (tests/support/eks_fake.py, EKS_KNOBS), e.g.
    /// `{"update_describes": 3}` or `{"update_failures": [...]}`; returns every knob.
    pub fn set_eks_knobs(&self, knobs: Value) -> Value {
        self.config(knobs)
    }

    /// The recorded requests of one action (`CreateNodegroup`, `CreateVpc`, …), in order.
    pub fn calls(&self, action: &str) -> Vec<ProxyRecord> {
        self.log()
            .into_iter()
            .filter(|record| record.action == action)
            .collect()
    }

    /// Every request recorded since the last reset, in order.
    pub fn log(&self) -> Vec<ProxyRecord> {
        let (status, body) = http(&self.url, "GET", "/__proxy/log", "");
        assert_eq!(status, 200, "proxy log failed: {body}");
        let records: Value = serde_json::from_str(&body).expect("the log is JSON");
        records
            .as_array()
            .expect("the log is a list")
            .iter()
            .map(ProxyRecord::from_json)
            .collect()
    }

    /// The secret access keys and session tokens STS handed out through the proxy since
    /// the last reset (AssumeRole, GetSessionToken): what no output of sleak may hold.
    pub fn issued_secrets(&self) -> Vec<String> {
        let (status, body) = http(&self.url, "GET", "/__proxy/secrets", "");
        assert_eq!(status, 200, "proxy secrets failed: {body}");
        serde_json::from_str(&body).expect("the secrets are a JSON list")
    }

    /// The recorded requests that would change something in AWS (the lease's aside:
    /// [`ProxyRecord::is_lease`]).
    pub fn mutating_calls(&self) -> Vec<ProxyRecord> {
        self.log()
            .into_iter()
            .filter(|record| record.mutating && !record.is_lease())
            .collect()
    }

    /// Clears the log, every knob and the proxy's EKS fake (add-ons, access entries, …).
    pub fn reset(&self) {
        let (status, body) = http(&self.url, "POST", "/__proxy/reset", "");
        assert_eq!(status, 200, "proxy reset failed: {body}");
    }

    /// Clears the log only: the knobs and the EKS fake's state (add-ons, access entries, …,
    /// which stand for AWS state as moto's does) stay. Sequence numbers restart at 1.
    pub fn clear_log(&self) {
        let (status, body) = http(&self.url, "POST", "/__proxy/clear-log", "");
        assert_eq!(status, 200, "proxy clear-log failed: {body}");
    }

    /// Empties moto (not the proxy): `POST /moto-api/reset` on the upstream server.
    pub fn reset_moto(&self) {
        let (status, body) = http(&self.upstream, "POST", "/moto-api/reset", "");
        assert_eq!(status, 200, "moto reset failed: {body}");
    }
}

impl Drop for AwsProxy {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request with `Connection: close`; returns the status and the body.
pub fn http(url: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream =
        TcpStream::connect(address).unwrap_or_else(|error| panic!("connect to {address}: {error}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("a read timeout");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|error| panic!("send to {address}: {error}"));
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or((response.as_str(), ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status from {address}: {response:?}"));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

fn dechunk(mut text: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = text.split_once("\r\n") {
        let size =
            usize::from_str_radix(size.split(';').next().unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        text = rest[size..].trim_start_matches("\r\n");
    }
    out
}
