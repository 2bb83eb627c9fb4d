//! Public DNS: whether a domain is delegated to its hosted zone's name servers.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long one try of a query waits for its answer, unless the caller knows better.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// How many times a UDP query is sent before giving up.
const TRIES: usize = 2;

const TYPE_NS: u16 = 2;
const CLASS_IN: u16 = 1;
const HEADER_LENGTH: usize = 12;
/// RFC 1035 §2.3.4: a name takes at most 255 octets on the wire.
const MAX_NAME_LENGTH: usize = 255;
const MAX_LABEL_LENGTH: usize = 63;
/// More pointers than a legitimate name could need means a loop.
const MAX_POINTER_HOPS: usize = MAX_NAME_LENGTH / 2;

/// How the public DNS delegates a domain compared with the zone's name servers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Delegation {
    /// The parent zone lists exactly the zone's name servers.
    Delegated,
    /// No NS records for the domain are found at all (not registered, or not delegated yet).
    NotDelegated,
    /// Some but not all of the zone's servers are listed (and maybe others); also all of
    /// them plus others, where `missing` is empty.
    Partial {
        missing: Vec<String>,
        extra: Vec<String>,
    },
    /// The domain is delegated to other servers only (e.g. still at the registrar's DNS).
    Elsewhere { found: Vec<String> },
}

/// Pure: compares names case-insensitively, ignoring a trailing dot.
///
/// Every list in the result holds normalized names (lowercase, no trailing dot), sorted,
/// so the outcome does not depend on the order a resolver happened to answer in.
pub fn compare_delegation(zone_servers: &[String], found: &[String]) -> Delegation {
    let zone_servers = normalized_set(zone_servers);
    let found = normalized_set(found);
    if found.is_empty() {
        return Delegation::NotDelegated;
    }
    let missing: Vec<String> = zone_servers
        .iter()
        .filter(|server| !found.contains(server))
        .cloned()
        .collect();
    let extra: Vec<String> = found
        .iter()
        .filter(|server| !zone_servers.contains(server))
        .cloned()
        .collect();
    if missing.is_empty() && extra.is_empty() {
        Delegation::Delegated
    } else if missing.len() == zone_servers.len() {
        Delegation::Elsewhere { found }
    } else {
        Delegation::Partial { missing, extra }
    }
}

/// Asks `resolver` (ip:port) for the NS records of `domain` over UDP (RFC 1035 query with
/// RD set, a random-ish id, `timeout` per try, 2 tries; over TCP when the answer is
/// truncated), returning the NS target names (lowercase, no trailing dot), from the answer
/// section (and from the authority section when the answer is empty but authority has NS
/// for the domain itself). A domain that does not exist gives an empty list.
pub fn query_ns(resolver: SocketAddr, domain: &str, timeout: Duration) -> io::Result<Vec<String>> {
    let domain = normalize(domain);
    let id = random_id();
    let query = build_query(id, &domain)?;
    let timeout = timeout.max(Duration::from_millis(1));
    let context = |error: io::Error| {
        io::Error::new(
            error.kind(),
            format!("could not ask `{resolver}` for the NS records of `{domain}`: {error}"),
        )
    };
    let mut answer = exchange_udp(resolver, &query, id, timeout).map_err(context)?;
    if is_truncated(&answer) {
        answer = exchange_tcp(resolver, &query, timeout).map_err(context)?;
    }
    parse_ns_response(id, &domain, &answer).map_err(context)
}

/// The system resolver from /etc/resolv.conf (first `nameserver` line), port 53; None if none.
pub fn system_resolver() -> Option<SocketAddr> {
    let text = std::fs::read_to_string("/etc/resolv.conf").ok()?;
    resolver_from_resolv_conf(&text)
}

/// The first `nameserver` of a resolv.conf text that is an IP address, port 53.
///
/// A link-local IPv6 address with a `%interface` suffix is skipped: it cannot be used
/// without its scope, and the next line usually has a usable one.
pub fn resolver_from_resolv_conf(text: &str) -> Option<SocketAddr> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("nameserver"), Some(address)) => address.parse().ok(),
                _ => None,
            }
        })
        .map(|address: std::net::IpAddr| SocketAddr::new(address, 53))
        .next()
}

/// Hint text per outcome, for the user: what to set at the registrar, and that propagation
/// takes 15–30 min up to 48 h.
pub fn advice(domain: &str, zone_servers: &[String], delegation: &Delegation) -> String {
    let domain = normalize(domain);
    let servers = normalized_set(zone_servers);
    let listed = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("\n  {name}"))
            .collect::<String>()
    };
    let wait = "a change at the registrar takes 15–30 minutes to be seen, and up to 48 hours \
                while resolvers still cache the old name servers";
    match delegation {
        Delegation::Delegated => {
            format!("`{domain}` is delegated to its hosted zone's name servers: nothing to do")
        }
        Delegation::NotDelegated => format!(
            "no name servers are published for `{domain}`: check that the domain is \
             registered, then at your registrar set its name servers to:{}\n{wait}",
            listed(&servers)
        ),
        Delegation::Partial { missing, extra } => {
            let mut text = format!("`{domain}` is delegated to only part of its hosted zone:");
            if !missing.is_empty() {
                text.push_str(&format!("\nmissing:{}", listed(missing)));
            }
            if !extra.is_empty() {
                text.push_str(&format!("\nnot of the zone:{}", listed(extra)));
            }
            text.push_str(&format!(
                "\nat your registrar, set the name servers to exactly:{}\n{wait}",
                listed(&servers)
            ));
            text
        }
        Delegation::Elsewhere { found } => format!(
            "`{domain}` is delegated to other name servers (perhaps still the registrar's \
             own DNS):{}\nat your registrar, replace them with:{}\n{wait}",
            listed(found),
            listed(&servers)
        ),
    }
}

/// Parses the answer with id `id` to an NS query for `domain`: the NS target names
/// (lowercase, no trailing dot, in the order found, without duplicates). NXDOMAIN gives an
/// empty list; SERVFAIL, REFUSED and any other error code, a malformed or truncated answer,
/// a wrong id or a message that is not an answer give an error. Never panics.
pub fn parse_ns_response(id: u16, domain: &str, bytes: &[u8]) -> io::Result<Vec<String>> {
    let domain = escaped_name(&normalize(domain));
    if bytes.len() < HEADER_LENGTH {
        return Err(malformed(format!(
            "the answer is {} bytes long, shorter than a DNS header",
            bytes.len()
        )));
    }
    let answer_id = read_u16(bytes, 0)?;
    if answer_id != id {
        return Err(malformed(format!(
            "the answer has id {answer_id}, expected {id}"
        )));
    }
    let flags = read_u16(bytes, 2)?;
    if flags & 0x8000 == 0 {
        return Err(malformed("the message is a query, not an answer".into()));
    }
    if flags & 0x0200 != 0 {
        return Err(malformed("the answer is truncated".into()));
    }
    match flags & 0x000F {
        0 | 3 => {}
        2 => {
            return Err(rcode_error(
                &domain,
                "SERVFAIL",
                "the server failed to resolve",
            ));
        }
        5 => {
            return Err(rcode_error(
                &domain,
                "REFUSED",
                "the server refused to resolve",
            ));
        }
        code => {
            return Err(rcode_error(
                &domain,
                &format!("code {code}"),
                "the server answered with an error for",
            ));
        }
    }
    let question_count = read_u16(bytes, 4)?;
    let answer_count = read_u16(bytes, 6)?;
    let authority_count = read_u16(bytes, 8)?;
    if question_count != 1 {
        return Err(malformed(format!(
            "the answer holds {question_count} questions, expected 1"
        )));
    }
    let (question, after_name) = read_name(bytes, HEADER_LENGTH)?;
    let question_type = read_u16(bytes, after_name)?;
    read_u16(bytes, after_name + 2)?;
    if question != domain || question_type != TYPE_NS {
        return Err(malformed(format!(
            "the answer is about `{question}` (type {question_type}), not the NS records of \
             `{domain}`"
        )));
    }
    if flags & 0x000F == 3 {
        return Ok(Vec::new());
    }
    let mut position = after_name + 4;
    let mut from_answer = Vec::new();
    for _ in 0..answer_count {
        position = read_ns_record(bytes, position, &domain, &mut from_answer)?;
    }
    if !from_answer.is_empty() {
        return Ok(from_answer);
    }
    let mut from_authority = Vec::new();
    for _ in 0..authority_count {
        position = read_ns_record(bytes, position, &domain, &mut from_authority)?;
    }
    Ok(from_authority)
}

/// Lowercase, without a trailing dot.
fn normalize(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Normalized, sorted, without duplicates.
fn normalized_set(names: &[String]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|name| normalize(name)).collect();
    names.sort();
    names.dedup();
    names
}

/// `domain` as the parser spells names, so the two compare equal.
fn escaped_name(domain: &str) -> String {
    let mut name = String::new();
    for label in domain.split('.').filter(|label| !label.is_empty()) {
        push_label(&mut name, label.as_bytes());
    }
    name
}

/// A standard query (RD set) for the NS records of the normalized `domain`.
fn build_query(id: u16, domain: &str) -> io::Result<Vec<u8>> {
    let invalid = |reason: &str| {
        io::Error::new(
            ErrorKind::InvalidInput,
            format!("`{domain}` is not a valid domain name: {reason}"),
        )
    };
    if domain.is_empty() {
        return Err(invalid("it is empty"));
    }
    if !domain.is_ascii() {
        return Err(invalid("it is not ASCII; use its punycode form (`xn--…`)"));
    }
    let mut query = Vec::with_capacity(HEADER_LENGTH + domain.len() + 6);
    query.extend_from_slice(&id.to_be_bytes());
    query.extend_from_slice(&0x0100_u16.to_be_bytes());
    query.extend_from_slice(&1_u16.to_be_bytes());
    query.extend_from_slice(&[0; 6]);
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(invalid("it has an empty label"));
        }
        if label.len() > MAX_LABEL_LENGTH {
            return Err(invalid("a label is longer than 63 characters"));
        }
        query.push(label.len() as u8);
        query.extend_from_slice(label.as_bytes());
    }
    query.push(0);
    if query.len() - HEADER_LENGTH > MAX_NAME_LENGTH {
        return Err(invalid("it is longer than 253 characters"));
    }
    query.extend_from_slice(&TYPE_NS.to_be_bytes());
    query.extend_from_slice(&CLASS_IN.to_be_bytes());
    Ok(query)
}

/// Sends `query` over UDP up to `TRIES` times and returns the first datagram that answers
/// it; datagrams with another id are late or forged and are ignored.
fn exchange_udp(
    resolver: SocketAddr,
    query: &[u8],
    id: u16,
    timeout: Duration,
) -> io::Result<Vec<u8>> {
    let local: SocketAddr = if resolver.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let socket = UdpSocket::bind(local)?;
    socket.connect(resolver)?;
    let mut buffer = vec![0; usize::from(u16::MAX)];
    for _ in 0..TRIES {
        socket.send(query)?;
        let deadline = Instant::now() + timeout;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                break;
            }
            socket.set_read_timeout(Some(remaining))?;
            match socket.recv(&mut buffer) {
                Ok(length) => {
                    let datagram = &buffer[..length];
                    if answers(id, datagram) {
                        return Ok(datagram.to_vec());
                    }
                }
                Err(error)
                    if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    break;
                }
                Err(error) => return Err(error),
            }
        }
    }
    Err(io::Error::new(
        ErrorKind::TimedOut,
        format!(
            "no answer after {TRIES} tries of {} ms each",
            timeout.as_millis()
        ),
    ))
}

/// Sends `query` over TCP (RFC 1035 §4.2.2: each message prefixed by its length).
fn exchange_tcp(resolver: SocketAddr, query: &[u8], timeout: Duration) -> io::Result<Vec<u8>> {
    let mut stream = TcpStream::connect_timeout(&resolver, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let length = u16::try_from(query.len())
        .map_err(|_| io::Error::new(ErrorKind::InvalidInput, "the query is too long"))?;
    let mut framed = Vec::with_capacity(2 + query.len());
    framed.extend_from_slice(&length.to_be_bytes());
    framed.extend_from_slice(query);
    stream.write_all(&framed)?;
    let mut length = [0; 2];
    stream.read_exact(&mut length)?;
    let mut answer = vec![0; usize::from(u16::from_be_bytes(length))];
    stream.read_exact(&mut answer)?;
    Ok(answer)
}

/// Whether `datagram` claims to answer the query `id` (the parser checks the rest).
fn answers(id: u16, datagram: &[u8]) -> bool {
    matches!(datagram, [high, low, flags, ..] if u16::from_be_bytes([*high, *low]) == id && flags & 0x80 != 0)
}

fn is_truncated(answer: &[u8]) -> bool {
    answer.get(2).is_some_and(|flags| flags & 0x02 != 0)
}

/// Reads the resource record at `position`, keeps its target when it is an NS record of
/// `domain`, and returns where the next record starts.
fn read_ns_record(
    message: &[u8],
    position: usize,
    domain: &str,
    targets: &mut Vec<String>,
) -> io::Result<usize> {
    let (owner, after_owner) = read_name(message, position)?;
    let record_type = read_u16(message, after_owner)?;
    let class = read_u16(message, after_owner + 2)?;
    let data_length = usize::from(read_u16(message, after_owner + 8)?);
    let data_start = after_owner + 10;
    let data_end = data_start + data_length;
    if data_end > message.len() {
        return Err(malformed("a record runs past the end of the answer".into()));
    }
    if record_type == TYPE_NS && class == CLASS_IN && owner == domain {
        let (target, after_target) = read_name(message, data_start)?;
        if after_target != data_end {
            return Err(malformed(format!(
                "the NS record `{target}` does not fill its data exactly"
            )));
        }
        if !target.is_empty() && !targets.contains(&target) {
            targets.push(target);
        }
    }
    Ok(data_end)
}

/// Reads the possibly compressed name at `start` (RFC 1035 §4.1.4), lowercase and without
/// the trailing dot; returns it with the offset just past it where it starts.
fn read_name(message: &[u8], start: usize) -> io::Result<(String, usize)> {
    let mut name = String::new();
    let mut position = start;
    let mut end = None;
    let mut hops = 0;
    let mut wire_length = 1;
    loop {
        let length = *message
            .get(position)
            .ok_or_else(|| malformed("a name runs past the end of the answer".into()))?;
        match length & 0xC0 {
            0x00 if length == 0 => return Ok((name, end.unwrap_or(position + 1))),
            0x00 => {
                let label_end = position + 1 + usize::from(length);
                let label = message
                    .get(position + 1..label_end)
                    .ok_or_else(|| malformed("a label runs past the end of the answer".into()))?;
                wire_length += 1 + label.len();
                if wire_length > MAX_NAME_LENGTH {
                    return Err(malformed("a name is longer than 255 bytes".into()));
                }
                push_label(&mut name, label);
                position = label_end;
            }
            0xC0 => {
                let low = *message
                    .get(position + 1)
                    .ok_or_else(|| malformed("a name runs past the end of the answer".into()))?;
                hops += 1;
                if hops > MAX_POINTER_HOPS {
                    return Err(malformed("a name's compression pointers loop".into()));
                }
                end.get_or_insert(position + 2);
                position = (usize::from(length & 0x3F) << 8) | usize::from(low);
            }
            _ => {
                return Err(malformed(format!(
                    "a name uses the unsupported label type {:#04x}",
                    length & 0xC0
                )));
            }
        }
    }
}

/// Appends a label, lowercase, escaping bytes other than letters, digits, `-` and `_` as
/// `\DDD` (RFC 4343) so that no answer can smuggle dots or control characters into a name.
fn push_label(name: &mut String, label: &[u8]) {
    if !name.is_empty() {
        name.push('.');
    }
    for &byte in label {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            name.push(char::from(byte.to_ascii_lowercase()));
        } else {
            name.push_str(&format!("\\{byte:03}"));
        }
    }
}

fn read_u16(message: &[u8], at: usize) -> io::Result<u16> {
    match message.get(at..at + 2) {
        Some(&[high, low]) => Ok(u16::from_be_bytes([high, low])),
        _ => Err(malformed("the answer ends in the middle of a field".into())),
    }
}

fn malformed(reason: String) -> io::Error {
    io::Error::new(
        ErrorKind::InvalidData,
        format!("malformed DNS answer: {reason}"),
    )
}

fn rcode_error(domain: &str, code: &str, what: &str) -> io::Error {
    io::Error::other(format!("{what} the NS records of `{domain}` ({code})"))
}

/// An id that an off-path attacker cannot guess easily (RFC 5452); std only, so the
/// randomly keyed SipHash of `RandomState` stands in for a random number generator.
fn random_id() -> u16 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(elapsed) = SystemTime::now().duration_since(UNIX_EPOCH) {
        hasher.write_u128(elapsed.as_nanos());
    }
    (hasher.finish() & 0xFFFF) as u16
}
