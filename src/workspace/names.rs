//! The naming rules of every place a sleak name ends up: Kubernetes, DNS, S3, RDS, ECR,
//! ElastiCache, SQS, EKS, environment variables.
//!
//! Each check returns `Err(reason)` with a reason that completes "... is not a valid X:".

/// A DNS-1123 label: Kubernetes names of namespaces, services, most objects.
pub fn dns_label(name: &str, max: usize) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".into());
    }
    if name.len() > max {
        return Err(format!(
            "it is {} characters long, at most {max} are allowed",
            name.len()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "`{bad}` is not allowed: use lowercase letters, digits and `-`"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err("it must start and end with a letter or digit".into());
    }
    Ok(())
}

/// A name that also starts with a letter (DNS-1035: Kubernetes Services, RDS, …).
pub fn dns_label_starting_with_letter(name: &str, max: usize) -> Result<(), String> {
    dns_label(name, max)?;
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("it must start with a letter".into());
    }
    Ok(())
}

/// A DNS name of one or more labels, e.g. `acme.dev` or `api.staging.acme.dev`.
pub fn dns_name(name: &str) -> Result<(), String> {
    if name.len() > 253 {
        return Err(format!(
            "it is {} characters long, at most 253 are allowed",
            name.len()
        ));
    }
    for label in name.split('.') {
        dns_label(label, 63).map_err(|reason| format!("label `{label}`: {reason}"))?;
    }
    Ok(())
}

/// A domain that can hold a hosted zone: a DNS name of at least two labels.
pub fn domain(name: &str) -> Result<(), String> {
    dns_name(name)?;
    if !name.contains('.') {
        return Err("a domain has at least two labels, such as `acme.dev`".into());
    }
    Ok(())
}

/// An S3 bucket name (general purpose buckets).
pub fn s3_bucket(name: &str) -> Result<(), String> {
    if !(3..=63).contains(&name.len()) {
        return Err(format!(
            "it is {} characters long, 3 to 63 are allowed",
            name.len()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Err(format!(
            "`{bad}` is not allowed: use lowercase letters, digits, `.` and `-`"
        ));
    }
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !name.starts_with(alphanumeric) || !name.ends_with(alphanumeric) {
        return Err("it must start and end with a letter or digit".into());
    }
    if name.contains("..") || name.contains(".-") || name.contains("-.") {
        return Err("`.` may not be next to another `.` or a `-`".into());
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return Err("it may not look like an IP address".into());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return Err(format!("it may not start with `{prefix}`"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap"] {
        if name.ends_with(suffix) {
            return Err(format!("it may not end with `{suffix}`"));
        }
    }
    Ok(())
}

/// An RDS DB instance identifier.
pub fn rds_identifier(name: &str) -> Result<(), String> {
    dns_label_starting_with_letter(name, 63)?;
    if name.contains("--") {
        return Err("it may not contain `--`".into());
    }
    Ok(())
}

/// An ElastiCache replication group or cluster id.
pub fn elasticache_id(name: &str) -> Result<(), String> {
    dns_label_starting_with_letter(name, 40)?;
    if name.contains("--") {
        return Err("it may not contain `--`".into());
    }
    Ok(())
}

/// An SQS queue name (with `.fifo` for FIFO queues).
pub fn sqs_queue(name: &str, fifo: bool) -> Result<(), String> {
    let base = if fifo {
        name.strip_suffix(".fifo")
            .ok_or_else(|| "a FIFO queue's name ends with `.fifo`".to_owned())?
    } else {
        name
    };
    if name.is_empty() || name.len() > 80 {
        return Err(format!(
            "it is {} characters long, 1 to 80 are allowed",
            name.len()
        ));
    }
    if let Some(bad) = base
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "`{bad}` is not allowed: use letters, digits, `-` and `_`"
        ));
    }
    Ok(())
}

/// An ECR repository name, possibly with `/`-separated namespaces.
pub fn ecr_repository(name: &str) -> Result<(), String> {
    if !(2..=256).contains(&name.len()) {
        return Err(format!(
            "it is {} characters long, 2 to 256 are allowed",
            name.len()
        ));
    }
    for part in name.split('/') {
        if part.is_empty() {
            return Err("it may not have an empty part between `/`".into());
        }
        let mut previous_separator = true;
        for c in part.chars() {
            let separator = matches!(c, '.' | '_' | '-');
            if !(c.is_ascii_lowercase() || c.is_ascii_digit() || separator) {
                return Err(format!(
                    "`{c}` is not allowed: use lowercase letters, digits, `.`, `_`, `-` and `/`"
                ));
            }
            if separator && previous_separator {
                return Err("each part must start with a letter or digit and separators may not follow each other".into());
            }
            previous_separator = separator;
        }
        if previous_separator {
            return Err("each part must end with a letter or digit".into());
        }
    }
    Ok(())
}

/// An environment variable name, as Kubernetes and shells accept it.
pub fn env_var(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    match chars.next() {
        None => return Err("it is empty".into()),
        Some(c) if !(c.is_ascii_alphabetic() || c == '_') => {
            return Err("it must start with a letter or `_`".into());
        }
        _ => {}
    }
    if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        return Err(format!(
            "`{bad}` is not allowed: use letters, digits and `_`"
        ));
    }
    Ok(())
}

/// A Kubernetes label key: an optional DNS prefix and `/`, then a name of up to 63
/// characters of letters, digits, `-`, `_` and `.`.
pub fn label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        dns_name(prefix).map_err(|reason| format!("prefix `{prefix}`: {reason}"))?;
    }
    if name.is_empty() {
        return Err("the name part is empty".into());
    }
    label_value(name)
}

/// A Kubernetes label value: up to 63 characters, alphanumeric at both ends.
pub fn label_value(value: &str) -> Result<(), String> {
    if value.len() > 63 {
        return Err(format!(
            "it is {} characters long, at most 63 are allowed",
            value.len()
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "`{bad}` is not allowed: use letters, digits, `-`, `_` and `.`"
        ));
    }
    if !value.is_empty()
        && (!value.starts_with(|c: char| c.is_ascii_alphanumeric())
            || !value.ends_with(|c: char| c.is_ascii_alphanumeric()))
    {
        return Err("it must start and end with a letter or digit".into());
    }
    Ok(())
}

/// An AWS region name such as `us-east-1` or `us-gov-west-1`.
pub fn aws_region(name: &str) -> Result<(), String> {
    let parts: Vec<&str> = name.split('-').collect();
    let shaped = (3..=4).contains(&parts.len())
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase()))
        && parts[parts.len() - 1].parse::<u8>().is_ok();
    if shaped {
        Ok(())
    } else {
        Err("a region looks like `us-east-1`".into())
    }
}

/// An EC2 instance type such as `t3.medium` or `m7g.2xlarge`.
pub fn instance_type(name: &str) -> Result<(), String> {
    let valid = name.split_once('.').is_some_and(|(family, size)| {
        family.starts_with(|c: char| c.is_ascii_lowercase())
            && family
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !size.is_empty()
            && size
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if valid {
        Ok(())
    } else {
        Err("an instance type looks like `t3.medium`".into())
    }
}

/// An e-mail address, loosely: something `@` a domain.
pub fn email(address: &str) -> Result<(), String> {
    let Some((local, domain_part)) = address.split_once('@') else {
        return Err("it has no `@`".into());
    };
    if local.is_empty() || local.chars().any(|c| c.is_whitespace() || c == '@') {
        return Err("the part before `@` is empty or has spaces".into());
    }
    domain(&domain_part.to_ascii_lowercase())
}

/// A container image reference such as `nginx:1.27` or `1234.dkr.ecr.x/app@sha256:…`.
pub fn image_reference(image: &str) -> Result<(), String> {
    if image.is_empty() {
        return Err("it is empty".into());
    }
    if let Some(bad) = image
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':' | '@')))
    {
        return Err(format!("`{bad}` is not allowed in an image reference"));
    }
    if image.starts_with(['/', ':', '@', '.', '-']) || image.ends_with(['/', ':', '@']) {
        return Err("it must start and end with a name part".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels_follow_rfc_1123() {
        assert!(dns_label("api-staging", 63).is_ok());
        assert!(dns_label("Api", 63).is_err());
        assert!(dns_label("-api", 63).is_err());
        assert!(dns_label("api_x", 63).is_err());
        assert!(dns_label(&"a".repeat(64), 63).is_err());
    }

    #[test]
    fn s3_bucket_names_follow_aws_rules() {
        assert!(s3_bucket("acme-api-staging-files").is_ok());
        assert!(s3_bucket("ab").is_err());
        assert!(s3_bucket("192.168.1.1").is_err());
        assert!(s3_bucket("a..b").is_err());
        assert!(s3_bucket("xn--bucket").is_err());
        assert!(s3_bucket("Bucket").is_err());
    }

    #[test]
    fn ecr_names_allow_namespaces() {
        assert!(ecr_repository("acme/api").is_ok());
        assert!(ecr_repository("api--x").is_err());
        assert!(ecr_repository("api/").is_err());
    }

    #[test]
    fn rds_identifiers_reject_double_hyphens_and_leading_digits() {
        assert!(rds_identifier("api-staging-db").is_ok());
        assert!(rds_identifier("1db").is_err());
        assert!(rds_identifier("a--b").is_err());
    }

    #[test]
    fn other_names() {
        assert!(env_var("DATABASE_URL").is_ok());
        assert!(env_var("1X").is_err());
        assert!(label_key("node.kubernetes.io/role").is_ok());
        assert!(label_key("bad key").is_err());
        assert!(aws_region("eu-west-3").is_ok());
        assert!(aws_region("us-gov-west-1").is_ok());
        assert!(aws_region("useast1").is_err());
        assert!(instance_type("m7g.2xlarge").is_ok());
        assert!(instance_type("large").is_err());
        assert!(sqs_queue("jobs.fifo", true).is_ok());
        assert!(sqs_queue("jobs", true).is_err());
        assert!(email("ops+dev@acme.dev").is_ok());
        assert!(email("ops").is_err());
        assert!(image_reference("ghcr.io/acme/api:1.2").is_ok());
        assert!(image_reference("bad image").is_err());
    }
}
