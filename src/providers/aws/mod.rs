//! AWS: one place that builds the SDK configuration, and a module per service.

pub mod config;
pub mod error;
pub mod sts;

pub use config::{AwsSettings, load_sdk_config};
