//! What commands do with the cloud, between the terminal and the resource kinds: open a
//! session (credentials, the one region, preflight, observe, diff), choose the steps of a
//! command's scope, and run applies and deletes through the executor.

pub mod apply;
pub mod destroy;
pub mod lease;
pub mod scope;
pub mod session;

pub use scope::{Scope, scoped_steps};
pub use session::{Session, open_session};
