//! The clusters' Kubernetes API: EKS clusters with a natively built token (renewed before
//! it expires), or an existing cluster through a kubeconfig context. Objects are read
//! with GET and written with server-side apply as the field manager `sleak`; Helm charts
//! go through the real `helm` binary.
//!
//! - `connect.rs`: kube-rs clients, the [`Connections`] cache, kubeconfig contexts;
//! - `apply.rs`: server-side apply, get and delete of manifests, and the pure comparison
//!   of a manifest with what the cluster has;
//! - `helm.rs`: the `helm` binary: install, uninstall, list releases.

use std::time::Instant;

pub mod apply;
mod connect;
mod helm;

pub use apply::{apply, data_differences, delete, differences, get};
pub use connect::{Connections, connect};
pub use helm::{HelmTarget, helm_install, helm_release, helm_uninstall, run_helm};

/// The field manager of sleak's server-side applies.
pub const FIELD_MANAGER: &str = "sleak";

/// How sleak reaches one cluster's API. Its Debug form leaves the token out.
#[derive(Clone)]
pub enum Endpoint {
    /// An existing cluster: a context of the user's kubeconfig.
    Context { context: String },
    /// An EKS cluster: its API address, CA (base64 PEM) and a bearer token.
    Eks {
        server: String,
        ca_data: String,
        token: String,
        expires: Instant,
    },
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Endpoint::Context { context } => {
                f.debug_struct("Context").field("context", context).finish()
            }
            Endpoint::Eks {
                server, expires, ..
            } => f
                .debug_struct("Eks")
                .field("server", server)
                .field("token", &"** redacted **")
                .field("expires", expires)
                .finish(),
        }
    }
}

/// A connection to one cluster.
#[derive(Clone)]
pub struct Connection {
    pub cluster: String,
    pub client: kube::Client,
    pub endpoint: Endpoint,
}

/// A Helm release as `helm list` shows it.
#[derive(Debug, Clone)]
pub struct Release {
    pub chart_version: String,
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_debug_form_of_an_endpoint_has_no_token() {
        let endpoint = Endpoint::Eks {
            server: "https://example".into(),
            ca_data: String::new(),
            token: "k8s-aws-v1.secret".into(),
            expires: Instant::now(),
        };
        assert!(!format!("{endpoint:?}").contains("secret"));
    }
}
