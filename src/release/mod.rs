//! Releases and deploys: a ProjectEnv's services rendered as a Helm chart
//! ([`chart`]), put into its namespace by [`deploy`] one at a time ([`lock`]), watched
//! until ready or failed ([`rollout`]), and recorded the way Helm records releases
//! ([`record`]). The chart's YAML is written by the `yaml` module.

pub mod chart;
pub mod deploy;
pub mod image;
pub mod lock;
pub mod record;
pub mod rollout;
mod yaml;
