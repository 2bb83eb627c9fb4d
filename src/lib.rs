//! sleak: the SleakOps platform on your own AWS, from a TOML workspace.
pub mod sandbox;
