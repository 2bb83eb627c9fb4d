//! EKS authentication without the aws CLI: the bearer token (a presigned STS
//! GetCallerIdentity URL, as aws-iam-authenticator and `aws eks get-token` build it). The
//! cluster's endpoint and certificate authority come from `eks::describe_endpoint`.

use std::time::{Duration, SystemTime};

use anyhow::Context as _;
use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials as _;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_eks::primitives::{DateTime, DateTimeFormat};
use aws_sigv4::http_request::{
    SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use base64::Engine as _;

use crate::error::UsageError;

/// What every token starts with; the rest is the presigned URL, base64url without padding.
pub const TOKEN_PREFIX: &str = "k8s-aws-v1.";
/// The header that binds a token to one cluster: EKS rejects a token signed for another.
pub const CLUSTER_ID_HEADER: &str = "x-k8s-aws-id";
/// How long the presigned URL says it is valid. EKS ignores it and accepts a token for
/// 15 minutes after its X-Amz-Date.
const PRESIGN_EXPIRY: Duration = Duration::from_secs(60);
/// The expiry reported to kubectl, as `aws eks get-token` reports it: a minute before EKS
/// stops accepting the token, so kubectl asks for a new one in time.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(14 * 60);

/// A bearer token for an EKS cluster's API, and when kubectl should ask for another.
#[derive(Clone)]
pub struct EksToken {
    pub token: String,
    pub expires_at: SystemTime,
}

// The token lets its holder act as the signer for 15 minutes: never shown in debug output.
impl std::fmt::Debug for EksToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EksToken")
            .field("token", &"** redacted **")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// The STS endpoint of `region`, where the presigned GetCallerIdentity goes.
fn sts_host(region: &str) -> String {
    let domain = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("sts.{region}.{domain}")
}

/// The token for `cluster`, signed with `credentials` at `now`: pure, so it can be
/// checked against a signature computed independently.
pub fn presign(
    credentials: &Credentials,
    region: &str,
    cluster: &str,
    now: SystemTime,
) -> anyhow::Result<String> {
    let base = format!(
        "https://{}/?Action=GetCallerIdentity&Version=2011-06-15",
        sts_host(region)
    );
    let mut settings = SigningSettings::default();
    settings.signature_location = SignatureLocation::QueryParams;
    settings.expires_in = Some(PRESIGN_EXPIRY);
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("sts")
        .time(now)
        .settings(settings)
        .build()
        .context("could not set up the signature of the EKS token")?
        .into();
    let request = SignableRequest::new(
        "GET",
        base.as_str(),
        std::iter::once((CLUSTER_ID_HEADER, cluster)),
        SignableBody::Bytes(&[]),
    )
    .context("could not build the request the EKS token presigns")?;
    let (instructions, _signature) = sign(request, &params)
        .context("could not sign the EKS token")?
        .into_parts();
    let mut url = base;
    for (name, value) in instructions.params() {
        url.push('&');
        url.push_str(name);
        url.push('=');
        url.push_str(&encode_query_value(value));
    }
    Ok(format!(
        "{TOKEN_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(url)
    ))
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as SigV4 does.
fn encode_query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A token for `cluster` with the configuration's credentials and region. Makes no AWS
/// call of its own; a credentials provider that assumes a role makes that one.
pub async fn token(config: &SdkConfig, cluster: &str) -> anyhow::Result<EksToken> {
    let region = config
        .region()
        .context("no AWS region is configured to sign the EKS token for")?
        .to_string();
    let provider = config
        .credentials_provider()
        .context("no AWS credentials provider is configured")?;
    let credentials = provider
        .provide_credentials()
        .await
        .map_err(credentials_error)?;
    // X-Amz-Date has whole seconds: the expiry is counted from that same instant.
    let now = whole_seconds(SystemTime::now());
    let token = presign(&credentials, &region, cluster, now)?;
    Ok(EksToken {
        token,
        expires_at: now + TOKEN_LIFETIME,
    })
}

/// Missing credentials are a usage error with the usual hint; the explanation the
/// credentials provider of `load_sdk_config` gives (where it looked, an SSO session to
/// renew, a profile that does not exist) is kept.
fn credentials_error(error: CredentialsError) -> anyhow::Error {
    if let Some(explained) = super::error::explained_credentials(&error) {
        return anyhow::Error::new(explained)
            .context("could not load the AWS credentials to sign the EKS token with");
    }
    if let CredentialsError::CredentialsNotLoaded(_) = error {
        return UsageError::new("no AWS credentials found")
            .with_hint(
                "set AWS_PROFILE (or pass `--profile`) to a profile of ~/.aws/config, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            )
            .into();
    }
    anyhow::Error::new(error)
        .context("could not load the AWS credentials to sign the EKS token with")
}

impl EksToken {
    /// The token as the kubectl credential plugin answer (`ExecCredential`), its expiry
    /// in RFC 3339 UTC.
    pub fn exec_credential(&self) -> anyhow::Result<serde_json::Value> {
        let expiration = DateTime::from(self.expires_at)
            .fmt(DateTimeFormat::DateTime)
            .context("could not format the token's expiry")?;
        Ok(serde_json::json!({
            "kind": "ExecCredential",
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "spec": {},
            "status": {
                "expirationTimestamp": expiration,
                "token": self.token,
            },
        }))
    }
}

fn whole_seconds(time: SystemTime) -> SystemTime {
    let since_epoch = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    SystemTime::UNIX_EPOCH + Duration::from_secs(since_epoch.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(token: &str) -> String {
        let encoded = token
            .strip_prefix(TOKEN_PREFIX)
            .expect("the token's prefix");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(encoded)
            .expect("base64url without padding");
        String::from_utf8(bytes).expect("a URL")
    }

    fn credentials(session_token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            session_token.map(str::to_owned),
            None,
            "test",
        )
    }

    #[test]
    fn the_token_is_a_presigned_get_caller_identity_for_the_region() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let url = decoded(&presign(&credentials(None), "eu-west-3", "demo", now).unwrap());
        assert!(
            url.starts_with(
                "https://sts.eu-west-3.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&"
            ),
            "{url}"
        );
        assert!(url.contains("&X-Amz-Date=20231114T221320Z"), "{url}");
        assert!(url.contains("&X-Amz-Expires=60"), "{url}");
        assert!(
            url.contains("&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"),
            "{url}"
        );
        assert!(
            url.contains(
                "&X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Feu-west-3%2Fsts%2Faws4_request"
            ),
            "{url}"
        );
        assert!(!url.contains("X-Amz-Security-Token"), "{url}");
        assert!(!url.contains("wJalrXUtnFEMI"), "the secret never leaves");
    }

    #[test]
    fn a_session_token_is_carried_encoded() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let url =
            decoded(&presign(&credentials(Some("FwoG/+tok=")), "us-east-1", "demo", now).unwrap());
        assert!(
            url.contains("&X-Amz-Security-Token=FwoG%2F%2Btok%3D"),
            "{url}"
        );
    }

    #[test]
    fn the_signature_depends_on_the_cluster_and_the_time() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let credentials = credentials(None);
        let first = presign(&credentials, "us-east-1", "demo", now).unwrap();
        assert_eq!(
            first,
            presign(&credentials, "us-east-1", "demo", now).unwrap()
        );
        assert_ne!(
            first,
            presign(&credentials, "us-east-1", "other", now).unwrap()
        );
        assert_ne!(
            first,
            presign(
                &credentials,
                "us-east-1",
                "demo",
                now + Duration::from_secs(1)
            )
            .unwrap()
        );
    }

    #[test]
    fn the_exec_credential_expires_in_rfc_3339_utc() {
        let token = EksToken {
            token: "k8s-aws-v1.abc".into(),
            expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        };
        assert_eq!(
            token.exec_credential().unwrap().to_string(),
            r#"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},"status":{"expirationTimestamp":"2023-11-14T22:13:20Z","token":"k8s-aws-v1.abc"}}"#
        );
    }

    #[test]
    fn the_debug_form_hides_the_token() {
        let token = EksToken {
            token: "k8s-aws-v1.secret".into(),
            expires_at: SystemTime::UNIX_EPOCH,
        };
        assert!(!format!("{token:?}").contains("secret"));
    }
}
