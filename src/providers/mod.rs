//! The outside world: AWS through the SDK, Kubernetes through a kubeconfig.

pub mod aws;
pub mod dns;
pub mod kubeconfig;
pub mod kubernetes;
pub mod wait;
