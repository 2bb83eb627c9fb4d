//! ACM: the environments' TLS certificates, DNS-validated, found by domain and tags.

use anyhow::Context as _;
use aws_config::SdkConfig;
use aws_sdk_acm::Client;
use aws_sdk_acm::error::ProvideErrorMetadata;
use aws_sdk_acm::types::{CertificateStatus, Tag, ValidationMethod};

use super::error::describe;

/// A CNAME record that proves control of a name to ACM.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ValidationRecord {
    /// Without the trailing dot.
    pub name: String,
    /// Without the trailing dot.
    pub value: String,
}

/// What was read of one certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub arn: String,
    /// The domain name and the alternative names, sorted.
    pub names: Vec<String>,
    /// `PENDING_VALIDATION`, `ISSUED`, `FAILED`…
    pub status: String,
    /// The validation records ACM asks for, one per name (a name and its wildcard share
    /// one), sorted; empty while ACM has not made them yet.
    pub validation: Vec<ValidationRecord>,
}

/// The statuses of certificates that are still some use (or say why not).
const STATUSES: [CertificateStatus; 7] = [
    CertificateStatus::PendingValidation,
    CertificateStatus::Issued,
    CertificateStatus::Inactive,
    CertificateStatus::Expired,
    CertificateStatus::ValidationTimedOut,
    CertificateStatus::Revoked,
    CertificateStatus::Failed,
];

fn gone<E: ProvideErrorMetadata>(error: &E) -> bool {
    error.code() == Some("ResourceNotFoundException")
}

/// The certificate for `domain` that carries the ownership tags of `tags`, if any.
pub async fn find_certificate(
    config: &SdkConfig,
    domain: &str,
    tags: &[(String, String)],
) -> anyhow::Result<Option<Certificate>> {
    let client = Client::new(config);
    let mut candidates = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let page = client
            .list_certificates()
            .set_certificate_statuses(Some(STATUSES.to_vec()))
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|error| describe(error, "could not list the ACM certificates"))?;
        candidates.extend(
            page.certificate_summary_list
                .unwrap_or_default()
                .into_iter()
                .filter(|summary| summary.domain_name.as_deref() == Some(domain))
                .filter_map(|summary| summary.certificate_arn),
        );
        match page.next_token {
            Some(token) if !token.is_empty() => next = Some(token),
            _ => break,
        }
    }
    for arn in candidates {
        let found = match client
            .list_tags_for_certificate()
            .certificate_arn(&arn)
            .send()
            .await
        {
            Ok(output) => output.tags.unwrap_or_default(),
            Err(error) if error.as_service_error().is_some_and(gone) => continue,
            Err(error) => {
                return Err(describe(
                    error,
                    &format!("could not read the tags of the certificate `{arn}`"),
                ));
            }
        };
        let pairs = found
            .iter()
            .map(|tag| (tag.key.as_str(), tag.value.as_deref().unwrap_or_default()));
        if super::tags::carries(pairs, tags) {
            return describe_certificate(config, &arn).await;
        }
    }
    Ok(None)
}

/// The certificate `arn`; `None` when it does not exist.
pub async fn describe_certificate(
    config: &SdkConfig,
    arn: &str,
) -> anyhow::Result<Option<Certificate>> {
    let output = match Client::new(config)
        .describe_certificate()
        .certificate_arn(arn)
        .send()
        .await
    {
        Ok(output) => output,
        Err(error) if error.as_service_error().is_some_and(gone) => return Ok(None),
        Err(error) => {
            return Err(describe(
                error,
                &format!("could not read the certificate `{arn}`"),
            ));
        }
    };
    let Some(detail) = output.certificate else {
        return Ok(None);
    };
    let mut names: Vec<String> = detail.subject_alternative_names.unwrap_or_default();
    if let Some(domain) = detail.domain_name {
        names.push(domain);
    }
    names.sort();
    names.dedup();
    // ACM fills in the records a few seconds after the request, name by name: they
    // count once every name has its own.
    let options = detail.domain_validation_options.unwrap_or_default();
    let records: Option<Vec<ValidationRecord>> = options
        .into_iter()
        .map(|option| {
            option.resource_record.map(|record| ValidationRecord {
                name: record.name.trim_end_matches('.').to_owned(),
                value: record.value.trim_end_matches('.').to_owned(),
            })
        })
        .collect();
    let mut validation = records.unwrap_or_default();
    validation.sort();
    validation.dedup();
    Ok(Some(Certificate {
        arn: detail.certificate_arn.unwrap_or_else(|| arn.to_owned()),
        names,
        status: detail
            .status
            .map(|status| status.as_str().to_owned())
            .unwrap_or_default(),
        validation,
    }))
}

/// Requests a DNS-validated certificate for `domain` and `alternative_names`; the same
/// `token` within an hour gives the same certificate. Returns its ARN.
pub async fn request_certificate(
    config: &SdkConfig,
    domain: &str,
    alternative_names: &[String],
    token: &str,
    tags: &[(String, String)],
) -> anyhow::Result<String> {
    let tags: Vec<Tag> = tags
        .iter()
        .filter_map(|(key, value)| Tag::builder().key(key).value(value).build().ok())
        .collect();
    let output = Client::new(config)
        .request_certificate()
        .domain_name(domain)
        .set_subject_alternative_names(Some(alternative_names.to_vec()))
        .validation_method(ValidationMethod::Dns)
        .idempotency_token(acm_token(token))
        .set_tags(Some(tags))
        .send()
        .await
        .map_err(|error| {
            describe(
                error,
                &format!("could not request a certificate for `{domain}`"),
            )
        })?;
    output
        .certificate_arn
        .context("ACM answered RequestCertificate without an ARN")
}

/// ACM's idempotency token is at most 32 word characters.
fn acm_token(token: &str) -> String {
    let word: String = token
        .chars()
        .filter(|character| character.is_ascii_alphanumeric())
        .collect();
    let skip = word.len().saturating_sub(32);
    word[skip..].to_owned()
}

/// Deletes the certificate (gone already counts as deleted). `false`: a load balancer
/// still uses it (its Ingress is being deleted), try again later.
pub async fn delete_certificate(config: &SdkConfig, arn: &str) -> anyhow::Result<bool> {
    let result = Client::new(config)
        .delete_certificate()
        .certificate_arn(arn)
        .send()
        .await;
    match result {
        Err(error)
            if error.as_service_error().and_then(|service| service.code())
                == Some("ResourceInUseException") =>
        {
            Ok(false)
        }
        result => super::error::deleted(
            result,
            &["ResourceNotFoundException"],
            &format!("could not delete the certificate `{arn}`"),
        )
        .map(|()| true),
    }
}

#[cfg(test)]
mod tests {
    use super::acm_token;

    #[test]
    fn the_acm_token_is_the_last_32_word_characters() {
        let token = acm_token("sleak-0123456789abcdef0123456789abcdef");
        assert_eq!(token, "0123456789abcdef0123456789abcdef");
        assert_eq!(acm_token("a-b"), "ab");
    }
}
