//! The tags sleak puts on everything it creates, and finds it again by.

/// The workspace a resource belongs to (`organization.name`).
pub const WORKSPACE_TAG: &str = "sleak:workspace";
/// The resource's stable plan id, e.g. `account/development/vpc`.
pub const ID_TAG: &str = "sleak:id";

/// Tags of a resource created now: workspace, id and a readable `Name`.
pub fn resource_tags(workspace: &str, id: &str) -> Vec<(String, String)> {
    vec![
        (WORKSPACE_TAG.to_owned(), workspace.to_owned()),
        (ID_TAG.to_owned(), id.to_owned()),
        ("Name".to_owned(), format!("{workspace}/{id}")),
    ]
}

/// A deterministic idempotency token for `id` (EC2 ClientToken, Route53 CallerReference):
/// the same on every run, at most 64 characters.
pub fn idempotency_token(workspace: &str, id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{workspace}\0{id}").as_bytes());
    format!("sleak-{}", crate::hex::lower(&digest[..16]))
}

/// Whether `found` (a resource's tags) carries the `sleak:workspace` and `sleak:id` of
/// `wanted` (the tags sleak would give it): a resource found by its name after a retried
/// create is ours only then.
pub fn carries<'a>(
    found: impl IntoIterator<Item = (&'a str, &'a str)>,
    wanted: &[(String, String)],
) -> bool {
    let found: Vec<(&str, &str)> = found.into_iter().collect();
    [WORKSPACE_TAG, ID_TAG].iter().all(|key| {
        let wanted = wanted
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str());
        wanted.is_some()
            && found
                .iter()
                .any(|(name, value)| name == key && Some(*value) == wanted)
    })
}
