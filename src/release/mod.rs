//! A ProjectEnv's Helm release: its chart, and the image it runs.

pub mod chart;
pub mod image;
