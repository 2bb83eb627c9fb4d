//! A dependency's cache: a Redis replication group (encrypted in transit and at rest,
//! an AUTH token generated once and kept in Secrets Manager) or a Memcached cluster, in
//! its cache subnet group, reached only from the cluster's nodes.

use std::collections::BTreeMap;
use std::fmt;

use crate::providers::aws::elasticache::{self, NewCache};
use crate::providers::aws::{secrets, tags};
use crate::providers::wait::{self, Backoff, Goal};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    pub id: String,
    /// `redis` or `memcached`.
    pub engine: String,
    pub engine_version: String,
    pub node_type: String,
    pub nodes: u32,
    /// Plan id of its cache subnet group.
    pub subnet_group: String,
    /// Plan id of its security group.
    pub security_group: String,
    /// Secrets Manager name of the AUTH token (Redis).
    pub token_secret: Option<String>,
}

pub type Observed = elasticache::Cache;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    NodeType(String),
    Nodes { have: u32, want: u32 },
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::NodeType(node_type) => write!(f, "change the node type to {node_type}"),
            Fix::Nodes { have, want } => write!(f, "go from {have} to {want} nodes"),
        }
    }
}

const AVAILABLE: Goal = Goal::Status("available");

/// The key of the AUTH token in its secret.
const TOKEN_KEY: &str = "token";

impl Cache {
    fn redis(&self) -> bool {
        self.engine == "redis"
    }

    async fn read(&self, config: &aws_config::SdkConfig) -> anyhow::Result<Option<Observed>> {
        if self.redis() {
            elasticache::replication_group(config, &self.id).await
        } else {
            elasticache::cache_cluster(config, &self.id).await
        }
    }

    /// The AUTH token: the one kept in Secrets Manager, or a new one kept there first
    /// (so a run killed after the create still finds the token the cache was made with).
    async fn token(&self, cx: &Cx<'_>, config: &aws_config::SdkConfig) -> anyhow::Result<String> {
        let name = self.token_secret.as_deref().unwrap_or_default();
        if let Some(kept) = secrets::get_map(config, name).await?
            && let Some(token) = kept.get(TOKEN_KEY)
        {
            return Ok(token.clone());
        }
        // 64 hexadecimal characters: within Redis's 16 to 128, none of `@`, `"`, `/`.
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let values = BTreeMap::from([(TOKEN_KEY.to_owned(), token)]);
        secrets::put_map(
            config,
            name,
            &format!("sleak: AUTH token of the cache {}", self.id),
            &values,
            &cx.tags(),
            &cx.token("/token"),
        )
        .await?;
        // Read back: a concurrent or retried write may have kept another one.
        secrets::get_map(config, name)
            .await?
            .and_then(|kept| kept.get(TOKEN_KEY).cloned())
            .ok_or_else(|| {
                anyhow::anyhow!("the AUTH token of `{}` was not kept in `{name}`", self.id)
            })
    }

    async fn wait(
        &self,
        cx: &Cx<'_>,
        config: &aws_config::SdkConfig,
        goal: Goal,
    ) -> anyhow::Result<Option<Observed>> {
        wait::follow(
            Backoff::DATABASE,
            "cache",
            &self.id,
            goal,
            cx.on_wait,
            || self.read(config),
            |found: &Observed| found.status.as_str(),
            |status| {
                (status.contains("fail") || status == "incompatible-network").then(|| {
                    anyhow::anyhow!(
                        "the cache `{}` is {status}: ElastiCache cannot bring it up\nhint: look at `aws elasticache describe-events --source-identifier {}`",
                        self.id,
                        self.id
                    )
                })
            },
        )
        .await
    }
}

fn output_of(cache: &Cache, found: &Observed) -> Output {
    Output::reached(
        &found.id,
        &found.arn,
        found.endpoint.as_ref(),
        cache.token_secret.clone(),
    )
}

impl Kind for Cache {
    const KIND: &'static str = "elasticache:cache";
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.subnet_group, &self.security_group]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        self.read(&config).await
    }

    fn output(&self, observed: &Observed) -> Output {
        output_of(self, observed)
    }

    fn compare(&self, refs: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.status != "available" {
            changes
                .settling
                .push(format!("the cache is {}", observed.status));
            return changes;
        }
        if self.redis() {
            for (on, what) in [
                (observed.transit_encryption, "not encrypted in transit"),
                (observed.at_rest_encryption, "not encrypted at rest"),
                (observed.auth_token, "open without an AUTH token"),
            ] {
                if !on {
                    changes.drift.push(format!(
                        "the cache is {what} (set only at creation: remove and add the dependency again)"
                    ));
                }
            }
        }
        if observed.node_type != self.node_type {
            if self.redis() {
                changes.fix.push(Fix::NodeType(self.node_type.clone()));
            } else {
                changes.drift.push(format!(
                    "the nodes are {}, the workspace says {} (Memcached cannot change its node type: remove and add the dependency again)",
                    observed.node_type, self.node_type
                ));
            }
        }
        if observed.nodes != self.nodes {
            changes.fix.push(Fix::Nodes {
                have: observed.nodes,
                want: self.nodes,
            });
        }
        if !self.redis()
            && let Some(group) = refs.find(&self.security_group)
            && observed.security_groups != [group.to_owned()]
        {
            changes
                .drift
                .push("the cache admits other security groups than its own".to_owned());
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        changes: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        if observed.is_none() {
            let new = NewCache {
                id: &self.id,
                engine_version: &self.engine_version,
                node_type: &self.node_type,
                nodes: self.nodes,
                subnet_group: cx.refs.id(&self.subnet_group)?,
                security_group: cx.refs.id(&self.security_group)?,
            };
            let created = if self.redis() {
                let token = self.token(cx, &config).await?;
                elasticache::create_replication_group(&config, &new, &token, &cx.tags()).await?
            } else {
                elasticache::create_cache_cluster(&config, &new, &cx.tags()).await?
            };
            if !created {
                let found = self.read(&config).await?;
                let ours = found.as_ref().is_some_and(|found| {
                    tags::carries(
                        found.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                        &cx.tags(),
                    )
                });
                if !ours {
                    anyhow::bail!(
                        "a cache named `{}` already exists in this account and is not this workspace's\nhint: give the dependency another name, or delete that cache",
                        self.id
                    );
                }
            }
        } else {
            for fix in &changes.fix {
                match fix {
                    Fix::NodeType(node_type) => {
                        elasticache::resize_replication_group(
                            &config,
                            &self.id,
                            Some(node_type),
                            None,
                        )
                        .await?;
                    }
                    Fix::Nodes { have, want } if self.redis() => {
                        elasticache::resize_replication_group(
                            &config,
                            &self.id,
                            None,
                            Some((*have, *want)),
                        )
                        .await?;
                    }
                    Fix::Nodes { have, want } => {
                        elasticache::resize_cache_cluster(&config, &self.id, *have, *want).await?;
                    }
                }
                // One change at a time: ElastiCache refuses another while modifying.
                self.wait(cx, &config, AVAILABLE).await?;
            }
        }
        let found = self.wait(cx, &config, AVAILABLE).await?;
        let found = found.expect("followed until available");
        Ok(output_of(self, &found))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        let config = cx.config().await?;
        elasticache::delete_cache(&config, &output.id, self.redis()).await?;
        self.wait(cx, &config, Goal::Gone).await?;
        if let Some(secret) = &self.token_secret {
            // The token protected only this cache; kept 7 days, as deleted secrets are.
            secrets::delete(&config, secret, Some(7)).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desired(engine: &str) -> Cache {
        Cache {
            id: "api-staging-cache".into(),
            engine: engine.into(),
            engine_version: "7.1".into(),
            node_type: "cache.t4g.micro".into(),
            nodes: 1,
            subnet_group: "subnets".into(),
            security_group: "sg".into(),
            token_secret: (engine == "redis")
                .then(|| "sleak/acme/api/staging/dependency/cache".into()),
        }
    }

    fn found() -> Observed {
        elasticache::Cache {
            id: "api-staging-cache".into(),
            status: "available".into(),
            node_type: "cache.t4g.micro".into(),
            nodes: 1,
            transit_encryption: true,
            at_rest_encryption: true,
            auth_token: true,
            security_groups: vec!["sg-1".into()],
            ..elasticache::Cache::default()
        }
    }

    #[test]
    fn a_cache_is_compared_by_what_can_change_and_what_cannot() {
        let mut refs = Outputs::default();
        refs.insert("sg".into(), Output::id("sg-1"));
        assert_eq!(
            desired("redis").compare(&refs, &found()),
            Changes::default()
        );
        assert_eq!(
            desired("memcached").compare(&refs, &found()),
            Changes::default()
        );
        type Case = (
            &'static str,
            &'static str,
            fn(&mut Observed),
            Vec<Fix>,
            usize,
        );
        let cases: Vec<Case> = vec![
            (
                "redis",
                "node type",
                |o| o.node_type = "cache.t3.micro".into(),
                vec![Fix::NodeType("cache.t4g.micro".into())],
                0,
            ),
            (
                "memcached",
                "node type",
                |o| o.node_type = "cache.t3.micro".into(),
                vec![],
                1,
            ),
            (
                "redis",
                "nodes",
                |o| o.nodes = 3,
                vec![Fix::Nodes { have: 3, want: 1 }],
                0,
            ),
            (
                "memcached",
                "nodes",
                |o| o.nodes = 2,
                vec![Fix::Nodes { have: 2, want: 1 }],
                0,
            ),
            ("redis", "no token", |o| o.auth_token = false, vec![], 1),
            (
                "redis",
                "plain text",
                |o| {
                    o.transit_encryption = false;
                    o.at_rest_encryption = false;
                },
                vec![],
                2,
            ),
            (
                "memcached",
                "other groups",
                |o| o.security_groups = vec!["sg-1".into(), "sg-2".into()],
                vec![],
                1,
            ),
        ];
        for (engine, name, change, fixes, drift) in cases {
            let mut observed = found();
            change(&mut observed);
            let changes = desired(engine).compare(&refs, &observed);
            assert_eq!(changes.fix, fixes, "{engine}: {name}");
            assert_eq!(
                changes.drift.len(),
                drift,
                "{engine}: {name}: {:?}",
                changes.drift
            );
        }
        let mut creating = found();
        creating.status = "creating".into();
        creating.nodes = 3;
        let changes = desired("redis").compare(&refs, &creating);
        assert!(changes.fix.is_empty() && !changes.settling.is_empty());
    }
}
