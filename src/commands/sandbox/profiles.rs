//! The sandbox's AWS accounts as profiles of an aws CLI configuration of its own, so that
//! `aws … --profile development` reads the development account as it would in a real
//! organization (through the organization's access role), and nothing of the user's
//! ~/.aws applies while `sleak sandbox env` is in effect.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::SandboxEndpoints;
use crate::providers::aws::{organizations, sts};
use crate::workspace::edit::write_atomically;

/// The sandbox's dummy credentials: moto takes any.
pub(crate) const ACCESS_KEY_ID: &str = "testing";
pub(crate) const SECRET_ACCESS_KEY: &str = "testing";

/// The aws CLI files `sleak sandbox env` points at.
pub(crate) struct AwsFiles {
    pub config: PathBuf,
    pub credentials: PathBuf,
}

/// Where the files live in the sandbox's folder.
pub(crate) fn files(folder: &Path) -> AwsFiles {
    AwsFiles {
        config: folder.join("aws/config"),
        credentials: folder.join("aws/credentials"),
    }
}

/// Writes the files: a default profile with the dummy credentials, and one profile per
/// member account of the sandbox's organization (none before onboarding). Reading the
/// accounts is best effort: without an answer the default profile is still written.
pub(crate) fn write(folder: &Path, endpoints: &SandboxEndpoints) -> anyhow::Result<AwsFiles> {
    let accounts = super::super::block_on(member_accounts(endpoints))?.unwrap_or_default();
    let files = files(folder);
    let parent = files.config.parent().context("the sandbox's aws folder")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("could not create `{}`", parent.display()))?;
    write_atomically(&files.config, &config_text(&endpoints.region, &accounts))?;
    write_atomically(
        &files.credentials,
        &format!(
            "[default]\naws_access_key_id = {ACCESS_KEY_ID}\naws_secret_access_key = {SECRET_ACCESS_KEY}\n"
        ),
    )?;
    Ok(files)
}

fn config_text(region: &str, accounts: &[(String, String)]) -> String {
    let mut text = format!(
        "# Written by `sleak sandbox env`: the sandbox's accounts, reached through the\n\
         # organization's access role as in a real organization.\n[default]\nregion = {region}\n"
    );
    for (name, id) in accounts {
        text.push_str(&format!(
            "\n[profile {name}]\nrole_arn = arn:aws:iam::{id}:role/OrganizationAccountAccessRole\n\
             source_profile = default\nregion = {region}\n"
        ));
    }
    text
}

/// The organization's active accounts other than the caller's own, by name.
async fn member_accounts(endpoints: &SandboxEndpoints) -> Option<Vec<(String, String)>> {
    let config = sdk_config(endpoints).await;
    let caller = sts::caller_identity(&config).await.ok()?.account;
    let accounts = organizations::list_accounts(&config).await.ok()?;
    Some(
        accounts
            .into_iter()
            .filter(|account| account.active && account.id != caller)
            .filter(|account| is_profile_name(&account.name))
            .map(|account| (account.name, account.id))
            .collect(),
    )
}

/// A name that can stand in an INI section header as it is.
fn is_profile_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// An SDK configuration that can reach nothing but the sandbox: its endpoint, its region
/// and the dummy credentials, whatever the user's AWS set-up says.
pub(crate) async fn sdk_config(endpoints: &SandboxEndpoints) -> aws_config::SdkConfig {
    use aws_config::{BehaviorVersion, Region};
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(&endpoints.aws_endpoint)
        .region(Region::new(endpoints.region.clone()))
        .credentials_provider(aws_credential_types::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
            None,
            "sleak-sandbox",
        ))
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_account_is_a_profile_assuming_the_access_role() {
        let text = config_text(
            "us-east-1",
            &[("development".to_owned(), "111122223333".to_owned())],
        );
        assert!(text.contains("[default]\nregion = us-east-1\n"), "{text}");
        assert!(
            text.contains(
                "[profile development]\nrole_arn = arn:aws:iam::111122223333:role/OrganizationAccountAccessRole\nsource_profile = default\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn names_that_would_break_the_file_are_left_out() {
        assert!(is_profile_name("management"));
        assert!(!is_profile_name("a]\n[b"));
        assert!(!is_profile_name(""));
    }
}
