//! Reaching a cluster: kube-rs clients for an EKS endpoint or a kubeconfig context, and
//! the cache of open connections.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use kube::config::{KubeConfigOptions, Kubeconfig};
use serde_json::{Value as Json, json};
use tokio::sync::Mutex;

use super::{Connection, Endpoint};
use crate::error::UsageError;

/// Connections by cluster name, rebuilt when their token is about to expire.
#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<String, Connection>>,
}

/// The user's kubeconfig, as kubectl reads it: the files of `$KUBECONFIG` merged, else
/// ~/.kube/config.
fn read_kubeconfig() -> anyhow::Result<Kubeconfig> {
    Kubeconfig::read().map_err(|error| {
        UsageError::new(format!("could not read the kubeconfig: {error}"))
            .with_hint("set KUBECONFIG, or create ~/.kube/config (e.g. with `sleak sandbox kube`)")
            .into()
    })
}

impl Connections {
    /// The connection to `cluster`, opened by `open` when there is none or its token is
    /// within 2 minutes of expiring.
    pub async fn get<F, Fut>(&self, cluster: &str, open: F) -> anyhow::Result<Connection>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<Endpoint>>,
    {
        let mut connections = self.open.lock().await;
        if let Some(connection) = connections.get(cluster) {
            let fresh = match &connection.endpoint {
                Endpoint::Eks { expires, .. } => {
                    expires.saturating_duration_since(Instant::now()) > Duration::from_secs(120)
                }
                Endpoint::Context { .. } => true,
            };
            if fresh {
                return Ok(connection.clone());
            }
        }
        let endpoint = open().await?;
        let client = connect(&endpoint)
            .await
            .with_context(|| format!("could not connect to the cluster `{cluster}`"))?;
        let connection = Connection {
            cluster: cluster.to_owned(),
            client,
            endpoint,
        };
        connections.insert(cluster.to_owned(), connection.clone());
        Ok(connection)
    }
}

/// A client of the cluster at `endpoint`.
pub async fn connect(endpoint: &Endpoint) -> anyhow::Result<kube::Client> {
    let mut config = match endpoint {
        Endpoint::Context { context } => {
            let kubeconfig = read_kubeconfig()?;
            if !kubeconfig
                .contexts
                .iter()
                .any(|named| &named.name == context)
            {
                return Err(UsageError::new(format!(
                    "the kubeconfig has no context `{context}`"
                ))
                .with_hint("check `kubectl config get-contexts`, or fix the cluster's `context` in sleak.toml")
                .into());
            }
            kube::Config::from_custom_kubeconfig(
                kubeconfig,
                &KubeConfigOptions {
                    context: Some(context.clone()),
                    ..Default::default()
                },
            )
            .await?
        }
        Endpoint::Eks {
            server,
            ca_data,
            token,
            ..
        } => {
            let kubeconfig: Kubeconfig =
                serde_json::from_value(eks_kubeconfig(server, ca_data, token))?;
            kube::Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default()).await?
        }
    };
    config.connect_timeout = Some(Duration::from_secs(10));
    config.read_timeout = Some(Duration::from_secs(60));
    Ok(kube::Client::try_from(config)?)
}

/// A kubeconfig for one EKS cluster with a static token (for kube-rs and Helm).
pub(super) fn eks_kubeconfig(server: &str, ca_data: &str, token: &str) -> Json {
    json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{ "name": "eks", "cluster": { "server": server, "certificate-authority-data": ca_data } }],
        "users": [{ "name": "sleak", "user": { "token": token } }],
        "contexts": [{ "name": "eks", "context": { "cluster": "eks", "user": "sleak" } }],
        "current-context": "eks",
    })
}
