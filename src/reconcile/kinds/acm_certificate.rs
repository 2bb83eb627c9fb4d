//! An environment's TLS certificate in ACM, for `<subdomain>.<domain>` and its wildcard,
//! in the account of its load balancers: DNS-validated by CNAME records that apply
//! writes into the environment's zone (maybe in another account), then waited for until
//! ISSUED. The AWS Load Balancer Controller finds it by host for the Ingresses.

use std::fmt;

use crate::providers::aws::{acm, route53};
use crate::providers::wait::{self, Backoff, Goal, Poll};
use crate::reconcile::context::Cx;
use crate::reconcile::kind::{Changes, Kind, Output, Outputs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcmCertificate {
    /// `<subdomain>.<domain>`; the certificate also covers `*.<subdomain>.<domain>`.
    pub domain: String,
    /// Plan ids of the environment's hosted zone and of its account.
    pub zone: String,
    pub zone_account: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observed {
    pub arn: String,
    /// The names it covers, sorted.
    pub names: Vec<String>,
    pub status: String,
    /// Validation records missing from the zone (or pointing elsewhere), by name.
    pub missing_records: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    ValidationRecords,
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("write the validation records into the zone")
    }
}

/// Statuses after which the certificate will never be ISSUED.
fn failed(status: &str) -> Option<anyhow::Error> {
    matches!(
        status,
        "FAILED" | "VALIDATION_TIMED_OUT" | "REVOKED" | "EXPIRED" | "INACTIVE"
    )
    .then(|| {
        anyhow::anyhow!(
            "the certificate is {status}: delete it in ACM and apply again to request a new one"
        )
    })
}

impl AcmCertificate {
    /// The names it covers, sorted: the domain and its wildcard.
    pub fn names(&self) -> Vec<String> {
        let mut names = vec![self.domain.clone(), format!("*.{}", self.domain)];
        names.sort();
        names
    }

    /// The validation records of `certificate` not (rightly) in the zone.
    async fn missing_records(
        &self,
        cx: &Cx<'_>,
        certificate: &acm::Certificate,
    ) -> anyhow::Result<Vec<String>> {
        let (Some(zone), true) = (
            cx.refs.find(&self.zone),
            cx.refs.contains(&self.zone_account),
        ) else {
            return Ok(certificate
                .validation
                .iter()
                .map(|record| record.name.clone())
                .collect());
        };
        let config = cx.config_of(&self.zone_account).await?;
        let mut missing = Vec::new();
        for record in &certificate.validation {
            let found = route53::cname_record(&config, zone, &record.name).await?;
            if found.as_deref() != Some(record.value.as_str()) {
                missing.push(record.name.clone());
            }
        }
        Ok(missing)
    }
}

impl Kind for AcmCertificate {
    const KIND: &'static str = "acm:certificate";
    const OBSERVE_READS_REFERENCES: bool = true;
    type Observed = Observed;
    type Fix = Fix;

    fn references(&self) -> Vec<&str> {
        vec![&self.zone, &self.zone_account]
    }

    async fn observe(&self, cx: &Cx<'_>) -> anyhow::Result<Option<Observed>> {
        let Some((_, config)) = cx.config_if_exists().await else {
            return Ok(None);
        };
        let Some(certificate) = acm::find_certificate(&config, &self.domain, &cx.tags()).await?
        else {
            return Ok(None);
        };
        Ok(Some(Observed {
            missing_records: self.missing_records(cx, &certificate).await?,
            arn: certificate.arn,
            names: certificate.names,
            status: certificate.status,
        }))
    }

    fn output(&self, observed: &Observed) -> Output {
        Output::with_arn(&observed.arn, &observed.arn)
    }

    fn compare(&self, _: &Outputs, observed: &Observed) -> Changes<Fix> {
        let mut changes = Changes::default();
        if observed.names != self.names() {
            changes.drift.push(format!(
                "covers {} instead of {}",
                observed.names.join(", "),
                self.names().join(", ")
            ));
        }
        if !observed.missing_records.is_empty() {
            changes.fix.push(Fix::ValidationRecords);
        }
        match observed.status.as_str() {
            "ISSUED" => {}
            "PENDING_VALIDATION" => changes.settling.push("wait for DNS validation".to_owned()),
            status => changes.drift.push(format!(
                "the certificate is {status}: delete it in ACM and apply again to request a new one"
            )),
        }
        changes
    }

    async fn apply(
        &self,
        cx: &Cx<'_>,
        observed: Option<&Observed>,
        _: &Changes<Fix>,
    ) -> anyhow::Result<Output> {
        let config = cx.config().await?;
        let arn = match observed {
            Some(observed) => observed.arn.clone(),
            None => {
                let alternative = vec![format!("*.{}", self.domain)];
                acm::request_certificate(
                    &config,
                    &self.domain,
                    &alternative,
                    &cx.token(""),
                    &cx.tags(),
                )
                .await?
            }
        };
        // ACM makes the validation records a few seconds after the request.
        let what = format!(
            "the validation records of the certificate `{}`",
            self.domain
        );
        let certificate = wait::until(Backoff::CERTIFICATE_RECORDS, &what, cx.on_wait, || async {
            match acm::describe_certificate(&config, &arn).await? {
                Some(found) if !found.validation.is_empty() || found.status == "ISSUED" => {
                    Ok(Poll::Ready(found))
                }
                Some(_) => Ok(Poll::Pending(format!("waiting for {what}"))),
                None => Ok(Poll::Retry(anyhow::anyhow!(
                    "the certificate `{arn}` is not visible yet"
                ))),
            }
        })
        .await?;
        let zone = cx.refs.id(&self.zone)?;
        let zone_config = cx.config_of(&self.zone_account).await?;
        let why = format!("validate the certificate of {}", self.domain);
        for record in &certificate.validation {
            route53::put_cname_record(&zone_config, zone, &record.name, &record.value, &why)
                .await?;
        }
        wait::follow(
            Backoff::CERTIFICATE,
            "certificate",
            &self.domain,
            Goal::Status("ISSUED"),
            cx.on_wait,
            || acm::describe_certificate(&config, &arn),
            |certificate| certificate.status.as_str(),
            failed,
        )
        .await?;
        Ok(Output::with_arn(&arn, &arn))
    }

    async fn delete(&self, cx: &Cx<'_>, output: &Output) -> anyhow::Result<()> {
        let config = cx.config().await?;
        if let Some(certificate) = acm::describe_certificate(&config, &output.id).await?
            && let Some(zone) = cx.refs.find(&self.zone)
            && cx.refs.contains(&self.zone_account)
        {
            let zone_config = cx.config_of(&self.zone_account).await?;
            for record in &certificate.validation {
                route53::delete_cname_record(&zone_config, zone, &record.name).await?;
            }
        }
        let what = format!(
            "the certificate `{}` to be released by its load balancers",
            self.domain
        );
        wait::until(Backoff::CERTIFICATE_IN_USE, &what, cx.on_wait, || async {
            Ok(if acm::delete_certificate(&config, &output.id).await? {
                Poll::Ready(())
            } else {
                Poll::Pending(format!("waiting for {what}"))
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate() -> AcmCertificate {
        AcmCertificate {
            domain: "staging.acme.dev".into(),
            zone: "environment/staging/hosted-zone".into(),
            zone_account: "account/development".into(),
        }
    }

    fn observed(status: &str, missing: &[&str]) -> Observed {
        Observed {
            arn: "arn:aws:acm:us-east-1:1:certificate/x".into(),
            names: certificate().names(),
            status: status.into(),
            missing_records: missing.iter().map(|name| name.to_string()).collect(),
        }
    }

    #[test]
    fn an_issued_certificate_with_its_records_needs_nothing() {
        let changes = certificate().compare(&Outputs::default(), &observed("ISSUED", &[]));
        assert_eq!(changes, Changes::default());
    }

    #[test]
    fn missing_records_are_written_and_a_pending_certificate_waited_for() {
        let changes = certificate().compare(
            &Outputs::default(),
            &observed("PENDING_VALIDATION", &["_x.staging.acme.dev"]),
        );
        assert_eq!(changes.fix, [Fix::ValidationRecords]);
        assert_eq!(changes.settling, ["wait for DNS validation"]);
    }

    #[test]
    fn a_failed_certificate_or_other_names_are_drift() {
        let mut found = observed("FAILED", &[]);
        found.names = vec!["other.acme.dev".into()];
        let changes = certificate().compare(&Outputs::default(), &found);
        assert_eq!(changes.drift.len(), 2, "{:?}", changes.drift);
        assert!(changes.fix.is_empty());
        assert!(failed("FAILED").is_some());
        assert!(failed("PENDING_VALIDATION").is_none());
    }
}
