//! EKS bearer tokens (`k8s-aws-v1.` + a presigned STS GetCallerIdentity URL), accepted
//! by their form and age only.
//!
//! EKS checks a token by sending the URL to STS, which verifies the signature with the
//! signer's secret key. The stand-in has no secret and no STS to ask (moto cannot take a
//! presigned GetCallerIdentity either), so it cannot check the signature: it accepts any
//! well-formed, fresh token. That proves a client builds and sends tokens the way EKS
//! wants them, not that the signature is right; tests recompute signatures on their own.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use base64::Engine as _;

const PREFIX: &str = "k8s-aws-v1.";
/// aws-iam-authenticator refuses longer tokens.
const MAX_TOKEN_BYTES: usize = 4 * 1024;
/// EKS accepts a token for 15 minutes after its X-Amz-Date, whatever X-Amz-Expires says.
const MAX_AGE: Duration = Duration::from_secs(15 * 60);
/// A token dated further ahead than this was made by a clock that is off, or by hand.
const MAX_CLOCK_SKEW: Duration = Duration::from_secs(5 * 60);

/// Whether `token` looks like a token EKS would take at `now` (signature unchecked).
pub(crate) fn is_acceptable(token: &str, now: SystemTime) -> bool {
    check(token, now).is_ok()
}

/// The first reason `token` is refused.
fn check(token: &str, now: SystemTime) -> Result<(), &'static str> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err("longer than 4 KiB");
    }
    let encoded = token.strip_prefix(PREFIX).ok_or("not k8s-aws-v1")?;
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| "not base64url")?;
    let url = String::from_utf8(url).map_err(|_| "not text")?;
    let rest = url.strip_prefix("https://").ok_or("not https")?;
    let (host, query) = rest.split_once("/?").ok_or("no query")?;
    if !is_sts_host(host) {
        return Err("not an STS endpoint");
    }
    let params = parse_query(query).ok_or("malformed query")?;
    let param = |name: &str| params.get(name).map(String::as_str);
    if param("Action") != Some("GetCallerIdentity") {
        return Err("not GetCallerIdentity");
    }
    if param("Version") != Some("2011-06-15") {
        return Err("not the 2011-06-15 API");
    }
    if param("X-Amz-Algorithm") != Some("AWS4-HMAC-SHA256") {
        return Err("not SigV4");
    }
    if param("X-Amz-Credential").is_none_or(str::is_empty) {
        return Err("no credential");
    }
    let signed_headers = param("X-Amz-SignedHeaders").unwrap_or_default();
    if !signed_headers.split(';').any(|name| name == "x-k8s-aws-id") {
        return Err("x-k8s-aws-id is not signed");
    }
    let signature = param("X-Amz-Signature").unwrap_or_default();
    if signature.len() != 64
        || !signature
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
    {
        return Err("the signature is not 64 hex digits");
    }
    let signed_at = param("X-Amz-Date")
        .and_then(parse_amz_date)
        .ok_or("no X-Amz-Date")?;
    if now.duration_since(signed_at).is_ok_and(|age| age > MAX_AGE) {
        return Err("expired");
    }
    if signed_at
        .duration_since(now)
        .is_ok_and(|ahead| ahead > MAX_CLOCK_SKEW)
    {
        return Err("dated in the future");
    }
    Ok(())
}

/// `sts.amazonaws.com` or a regional `sts.<region>.amazonaws.com[.cn]`.
fn is_sts_host(host: &str) -> bool {
    let Some(rest) = host.strip_prefix("sts.") else {
        return false;
    };
    let region = rest
        .strip_suffix("amazonaws.com")
        .or_else(|| rest.strip_suffix("amazonaws.com.cn"));
    match region {
        Some("") => true,
        Some(region) => region.strip_suffix('.').is_some_and(|region| {
            !region.is_empty()
                && region
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
        }),
        None => false,
    }
}

/// The decoded parameters of a query; `None` when one repeats or does not decode.
fn parse_query(query: &str) -> Option<HashMap<String, String>> {
    let mut params = HashMap::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if params
            .insert(percent_decode(name)?, percent_decode(value)?)
            .is_some()
        {
            return None;
        }
    }
    Some(params)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
                decoded.push(u8::from_str_radix(hex, 16).ok()?);
                index += 3;
            }
            b'+' => {
                decoded.push(b' ');
                index += 1;
            }
            byte => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

/// SigV4's `YYYYMMDDTHHMMSSZ`, in UTC.
fn parse_amz_date(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(4..6)?, number(6..8)?);
    let (hour, minute, second) = (number(9..11)?, number(11..13)?, number(13..15)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    let seconds = u64::try_from(seconds).ok()?;
    Some(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNATURE: &str = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    /// 2023-11-14T22:13:20Z.
    fn signed_at() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    fn url_with(replace: &str, with: &str) -> String {
        let url = format!(
            "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15\
             &X-Amz-Algorithm=AWS4-HMAC-SHA256\
             &X-Amz-Credential=AKIDEXAMPLE%2F20231114%2Fus-east-1%2Fsts%2Faws4_request\
             &X-Amz-Date=20231114T221320Z&X-Amz-Expires=60\
             &X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=FwoG%2F%2B%3D\
             &X-Amz-Signature={SIGNATURE}"
        );
        assert!(url.contains(replace), "{replace} is in the URL");
        url.replace(replace, with)
    }

    fn token(url: &str) -> String {
        format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(url)
        )
    }

    #[test]
    fn a_well_formed_fresh_token_is_accepted() {
        let token = token(&url_with("", ""));
        assert_eq!(check(&token, signed_at()), Ok(()));
        assert_eq!(
            check(&token, signed_at() + Duration::from_secs(14 * 60)),
            Ok(())
        );
        let global = token_for_host("sts.amazonaws.com");
        assert_eq!(check(&global, signed_at()), Ok(()));
        let china = token_for_host("sts.cn-north-1.amazonaws.com.cn");
        assert_eq!(check(&china, signed_at()), Ok(()));
    }

    fn token_for_host(host: &str) -> String {
        token(&url_with("sts.us-east-1.amazonaws.com", host))
    }

    #[test]
    fn an_old_or_future_token_is_refused() {
        let token = token(&url_with("", ""));
        let late = signed_at() + Duration::from_secs(15 * 60 + 1);
        assert_eq!(check(&token, late), Err("expired"));
        let early = signed_at() - Duration::from_secs(6 * 60);
        assert_eq!(check(&token, early), Err("dated in the future"));
    }

    #[test]
    fn tokens_that_are_not_presigned_get_caller_identity_are_refused() {
        let now = signed_at();
        let refused = [
            ("k8s-aws-v1.garbage".to_owned(), "not base64url"),
            (format!("{PREFIX}__4"), "not text"),
            ("k8s-aws-v1.!!!".to_owned(), "not base64url"),
            ("sometoken".to_owned(), "not k8s-aws-v1"),
            (token(&url_with("https://", "http://")), "not https"),
            (
                token_for_host("sts.evil.example.com"),
                "not an STS endpoint",
            ),
            (token_for_host("evil.amazonaws.com"), "not an STS endpoint"),
            (
                token(&url_with("GetCallerIdentity", "AssumeRole")),
                "not GetCallerIdentity",
            ),
            (
                token(&url_with("2011-06-15", "2010-01-01")),
                "not the 2011-06-15 API",
            ),
            (
                token(&url_with("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")),
                "not SigV4",
            ),
            (
                token(&url_with("host%3Bx-k8s-aws-id", "host")),
                "x-k8s-aws-id is not signed",
            ),
            (
                token(&url_with(SIGNATURE, "abc123")),
                "the signature is not 64 hex digits",
            ),
            (
                token(&url_with(SIGNATURE, &SIGNATURE.to_uppercase())),
                "the signature is not 64 hex digits",
            ),
            (
                token(&url_with("20231114T221320Z", "2023-11-14")),
                "no X-Amz-Date",
            ),
            (
                token(&url_with("&X-Amz-Expires=60", "&Action=GetCallerIdentity")),
                "malformed query",
            ),
            (
                token(&url_with("&X-Amz-Expires=60", &"&X-Pad=x".repeat(500))),
                "longer than 4 KiB",
            ),
        ];
        for (token, reason) in refused {
            assert_eq!(check(&token, now), Err(reason), "{token}");
        }
    }

    #[test]
    fn amz_dates_are_read_in_utc() {
        assert_eq!(
            parse_amz_date("19700101T000000Z"),
            Some(SystemTime::UNIX_EPOCH)
        );
        assert_eq!(parse_amz_date("20231114T221320Z"), Some(signed_at()));
        assert_eq!(
            parse_amz_date("20240229T120000Z"),
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_208_000))
        );
        assert_eq!(parse_amz_date("20231314T221320Z"), None);
        assert_eq!(parse_amz_date("2023111T4221320Z"), None);
    }
}
