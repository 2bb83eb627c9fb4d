//! AWS: one place that builds the SDK configuration, and a module per service.

pub mod access;
pub mod acm;
pub mod config;
pub mod ec2;
pub mod ecr;
pub mod eks;
pub mod eks_token;
pub mod elasticache;
pub mod error;
pub mod iam;
pub mod once;
pub mod organizations;
pub mod rds;
pub mod route53;
pub mod s3;
pub mod secrets;
pub mod sqs;
pub mod ssm;
pub mod sts;
pub mod tags;

pub use config::{AwsSettings, load_sdk_config, load_workspace_sdk_config};
