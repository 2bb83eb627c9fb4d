//! The contract every resource kind implements, in one file per kind under `kinds/`:
//! its desired form (the type implementing [`Kind`]), its observed form (plain data, no
//! SDK types), a pure comparison of the two, and its create / update / delete.

use std::collections::HashMap;
use std::fmt::{Debug, Display};

use anyhow::Context as _;

use super::context::Cx;

/// What a comparison found: each list typed by the kind's own fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<F> {
    /// Differences `apply` fixes in place (a missing route, a closed port, scaling).
    pub fix: Vec<F>,
    /// Differences `apply` fixes by making a new resource and removing the old one.
    pub replace: Vec<F>,
    /// Differences `apply` must not touch (a VPC's CIDR): shown as drift.
    pub drift: Vec<String>,
    /// The resource is still settling (CREATING, UPDATING): `apply` waits for it.
    pub settling: Vec<String>,
    /// What the user may want to know but `apply` does not act on (an add-on version
    /// EKS now recommends): shown by `plan` and `status`, never a change.
    pub info: Vec<String>,
}

impl<F> Default for Changes<F> {
    fn default() -> Self {
        Self {
            fix: Vec::new(),
            replace: Vec::new(),
            drift: Vec::new(),
            settling: Vec::new(),
            info: Vec::new(),
        }
    }
}

impl<F: Display> Changes<F> {
    /// The changes as sentences, for plans, status and the step's table.
    pub fn describe(&self) -> Described {
        Described {
            update: self
                .replace
                .iter()
                .map(ToString::to_string)
                .chain(self.settling.iter().cloned())
                .chain(self.fix.iter().map(ToString::to_string))
                .collect(),
            drift: self.drift.clone(),
            settling: !self.settling.is_empty(),
            info: self.info.clone(),
        }
    }
}

impl<F> Changes<F> {
    /// Nothing for `apply` to do but, perhaps, wait.
    pub fn only_settling(&self) -> bool {
        self.fix.is_empty() && self.replace.is_empty()
    }

    pub fn has_fix(&self, wanted: impl Fn(&F) -> bool) -> bool {
        self.fix.iter().any(wanted)
    }
}

/// A comparison rendered for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Described {
    /// What `apply` would do (fixes, replacements, waits).
    pub update: Vec<String>,
    pub drift: Vec<String>,
    /// Whether the resource is still settling.
    pub settling: bool,
    /// Information only (see [`Changes::info`]).
    pub info: Vec<String>,
}

/// What a resource gives the steps that refer to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// The cloud's id: `vpc-…`, an account id, a zone id, a role name.
    pub id: String,
    /// Its ARN, where later steps need one (roles, OIDC providers).
    pub arn: Option<String>,
    /// Where it is reached: an API server URL, a registry URI, a database host.
    pub endpoint: Option<String>,
    /// The port of `endpoint`, where it has one of its own (a database).
    pub port: Option<u16>,
    /// The security group its members are in: an EKS cluster's cluster security group,
    /// which its managed nodes carry.
    pub security_group: Option<String>,
    /// Where the credentials it was made with are kept: the Secrets Manager secret of a
    /// database's master password or a cache's AUTH token (never the value).
    pub secret: Option<String>,
}

impl Output {
    pub fn id(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            ..Self::default()
        }
    }

    pub fn with_arn(id: impl Into<String>, arn: impl Into<String>) -> Self {
        Self {
            arn: Some(arn.into()),
            ..Self::id(id)
        }
    }

    /// A resource reached at `endpoint` (host and port, once it has them), its
    /// credentials kept in the Secrets Manager secret `secret`.
    pub fn reached(
        id: &str,
        arn: &str,
        endpoint: Option<&(String, u16)>,
        secret: Option<String>,
    ) -> Self {
        Self {
            secret,
            ..Self::with_arn(id, arn).at(
                endpoint.map(|(host, _)| host.clone()),
                endpoint.map(|(_, port)| *port),
            )
        }
    }

    /// The same output, reached at `endpoint` (and `port`).
    pub fn at(self, endpoint: Option<String>, port: Option<u16>) -> Self {
        Self {
            endpoint,
            port,
            ..self
        }
    }
}

/// The outputs of what exists or was made, by plan id.
#[derive(Debug, Clone, Default)]
pub struct Outputs(HashMap<String, Output>);

impl Outputs {
    pub fn get(&self, reference: &str) -> Option<&Output> {
        self.0.get(reference)
    }

    pub fn insert(&mut self, id: String, output: Output) {
        self.0.insert(id, output);
    }

    pub fn contains(&self, reference: &str) -> bool {
        self.0.contains_key(reference)
    }

    /// The cloud id of `reference`, if it exists.
    pub fn find(&self, reference: &str) -> Option<&str> {
        self.0.get(reference).map(|output| output.id.as_str())
    }

    /// The cloud id of `reference`, which must exist by now.
    pub fn id(&self, reference: &str) -> anyhow::Result<&str> {
        self.find(reference)
            .with_context(|| format!("`{reference}` does not exist yet"))
    }

    /// The endpoint of `reference`, which must exist and have one by now.
    pub fn endpoint(&self, reference: &str) -> anyhow::Result<&str> {
        self.0
            .get(reference)
            .and_then(|output| output.endpoint.as_deref())
            .with_context(|| format!("`{reference}` has no endpoint yet"))
    }

    /// The ARN of `reference`, which must exist by now.
    pub fn arn(&self, reference: &str) -> anyhow::Result<&str> {
        self.0
            .get(reference)
            .and_then(|output| output.arn.as_deref())
            .with_context(|| format!("`{reference}` has no ARN yet"))
    }
}

/// One kind of resource. The implementing type is the desired form, built from the
/// workspace with no I/O; references to other resources are plan ids.
#[allow(async_fn_in_trait)]
pub trait Kind: Debug + Clone + PartialEq + Send + Sync + 'static {
    /// Service and type, e.g. `ec2:vpc`.
    const KIND: &'static str;
    /// Resources of this kind found tagged for the workspace but not in it are swept by
    /// `destroy`, lowest rank first (what holds others goes last); `None`: never swept.
    const ORPHAN_RANK: Option<u8> = None;
    /// Whether `observe` reads the outputs of its references (a route inside its table,
    /// the node groups of a cluster by its name). Kinds that read by their own name or
    /// tag (most) are observed as soon as their account is, all at once.
    const OBSERVE_READS_REFERENCES: bool = false;

    /// What is read of an existing resource: plain data, no SDK types.
    type Observed: Debug + Clone + Send + Sync + 'static;
    /// What `apply` can change in place (or by replacement).
    type Fix: Debug + Display + Clone + PartialEq + Send + Sync + 'static;

    /// The plan ids this resource refers to (a subset of its dependencies).
    fn references(&self) -> Vec<&str> {
        Vec::new()
    }

    /// Reads what exists of the resource; `None` when it does not exist. Only with
    /// `OBSERVE_READS_REFERENCES` may it use `cx.refs` (beyond the accounts).
    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Self::Observed>>;

    /// What later steps read of it.
    fn output(&self, observed: &Self::Observed) -> Output;

    /// Pure: what differs between the workspace and what exists. `refs` holds the
    /// outputs of the resources it refers to that exist.
    fn compare(&self, refs: &Outputs, observed: &Self::Observed) -> Changes<Self::Fix>;

    /// Creates the resource (`observed` is `None`) or makes `changes`.
    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Self::Observed>,
        changes: &Changes<Self::Fix>,
    ) -> anyhow::Result<Output>;

    /// Deletes it; a resource already gone counts as deleted.
    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()>;

    /// Tagged resources of this kind in the account of `cx`, as (`sleak:id`, cloud id),
    /// for finding orphans.
    async fn tagged(cx: &Cx<'_>) -> anyhow::Result<Vec<(String, String)>> {
        let _ = cx;
        Ok(Vec::new())
    }

    /// Deletes an orphan of this kind by its cloud id.
    async fn delete_orphan(cx: &Cx<'_>, cloud_id: &str) -> anyhow::Result<()> {
        let _ = cx;
        anyhow::bail!("`{}` ({cloud_id}) cannot be swept", Self::KIND)
    }
}

/// No fix: kinds whose differences are all drift or waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoFix {}

impl Display for NoFix {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {}
    }
}
