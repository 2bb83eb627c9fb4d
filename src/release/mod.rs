//! Deploy records: Helm release records (the Secret storage driver) that sleak writes and reads.

pub mod record;
