//! The delegation check: comparing name servers, and NS queries against fake loopback servers.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use sleak::providers::dns::{
    Delegation, advice, compare_delegation, parse_ns_response, query_ns, resolver_from_resolv_conf,
};

const ZONE_SERVERS: [&str; 4] = [
    "ns-1536.awsdns-00.co.uk",
    "ns-0.awsdns-00.com",
    "ns-1024.awsdns-00.org",
    "ns-512.awsdns-00.net",
];

/// Short, so the tests that expect no answer stay fast.
const TIMEOUT: Duration = Duration::from_millis(300);

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

// ---- compare_delegation ----

#[test]
fn exactly_the_zone_servers_in_any_order_is_delegated() {
    let mut found = names(&ZONE_SERVERS);
    found.reverse();
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &found),
        Delegation::Delegated
    );
}

#[test]
fn case_and_trailing_dots_do_not_matter() {
    let zone = names(&["NS-0.AWSDNS-00.COM.", "ns-512.awsdns-00.net"]);
    let found = names(&["ns-0.awsdns-00.com", "Ns-512.AwsDns-00.Net."]);
    assert_eq!(compare_delegation(&zone, &found), Delegation::Delegated);
}

#[test]
fn no_name_servers_found_is_not_delegated() {
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &[]),
        Delegation::NotDelegated
    );
}

#[test]
fn some_zone_servers_and_others_is_partial() {
    let found = names(&[
        "NS-0.awsdns-00.com.",
        "ns-512.awsdns-00.net",
        "dns1.registrar-servers.com",
    ]);
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &found),
        Delegation::Partial {
            missing: names(&["ns-1024.awsdns-00.org", "ns-1536.awsdns-00.co.uk"]),
            extra: names(&["dns1.registrar-servers.com"]),
        }
    );
}

#[test]
fn all_zone_servers_plus_others_is_partial_with_nothing_missing() {
    let mut found = names(&ZONE_SERVERS);
    found.push("dns1.registrar-servers.com".into());
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &found),
        Delegation::Partial {
            missing: Vec::new(),
            extra: names(&["dns1.registrar-servers.com"]),
        }
    );
}

#[test]
fn only_other_servers_is_elsewhere_normalized_and_sorted() {
    let found = names(&["DNS2.registrar-servers.com.", "dns1.registrar-servers.com"]);
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &found),
        Delegation::Elsewhere {
            found: names(&["dns1.registrar-servers.com", "dns2.registrar-servers.com"]),
        }
    );
}

// ---- advice and resolv.conf ----

#[test]
fn advice_lists_the_zone_servers_and_the_propagation_delay_when_something_is_wrong() {
    let zone = names(&ZONE_SERVERS);
    let outcomes = [
        Delegation::NotDelegated,
        compare_delegation(&zone, &names(&["ns-0.awsdns-00.com", "dns1.example.net"])),
        compare_delegation(&zone, &names(&["dns1.example.net"])),
    ];
    for delegation in outcomes {
        let text = advice("acme.dev.", &zone, &delegation);
        assert!(text.contains("`acme.dev`"), "{delegation:?}: {text}");
        assert!(text.contains("registrar"), "{delegation:?}: {text}");
        assert!(text.contains("48 hours"), "{delegation:?}: {text}");
        for server in ZONE_SERVERS {
            assert!(text.contains(server), "{delegation:?}: {text}");
        }
    }
    let partial = compare_delegation(&zone, &names(&["ns-0.awsdns-00.com", "dns1.example.net"]));
    assert!(advice("acme.dev", &zone, &partial).contains("dns1.example.net"));
}

#[test]
fn advice_when_delegated_says_nothing_is_to_do() {
    let text = advice("acme.dev", &names(&ZONE_SERVERS), &Delegation::Delegated);
    assert!(text.contains("nothing to do"), "{text}");
}

#[test]
fn the_first_usable_nameserver_of_resolv_conf_is_the_system_resolver() {
    let text = "# generated\n; comment\nsearch example.internal\n\
                nameserver fe80::1%eth0\nnameserver 10.0.0.2\nnameserver 1.1.1.1\n";
    assert_eq!(
        resolver_from_resolv_conf(text),
        Some("10.0.0.2:53".parse().unwrap())
    );
    assert_eq!(
        resolver_from_resolv_conf("nameserver 2001:db8::53"),
        Some("[2001:db8::53]:53".parse().unwrap())
    );
    assert_eq!(resolver_from_resolv_conf("search example.internal\n"), None);
}

// ---- answers built by hand ----

/// The parts of a query a fake server needs to answer it.
struct Query {
    id: u16,
    flags: u16,
    /// QNAME, QTYPE and QCLASS, as sent.
    question: Vec<u8>,
}

fn parse_query(bytes: &[u8]) -> Query {
    assert!(bytes.len() > 12, "query too short: {bytes:?}");
    assert_eq!(
        &bytes[4..12],
        &[0, 1, 0, 0, 0, 0, 0, 0],
        "one question only"
    );
    Query {
        id: u16::from_be_bytes([bytes[0], bytes[1]]),
        flags: u16::from_be_bytes([bytes[2], bytes[3]]),
        question: bytes[12..].to_vec(),
    }
}

fn labels(name: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for label in name.split('.') {
        bytes.push(label.len() as u8);
        bytes.extend_from_slice(label.as_bytes());
    }
    bytes.push(0);
    bytes
}

fn question(name: &str) -> Vec<u8> {
    let mut bytes = labels(name);
    bytes.extend_from_slice(&[0, 2, 0, 1]);
    bytes
}

/// A response builder: header counts are filled in by `finish`.
struct Response {
    bytes: Vec<u8>,
    answers: u16,
    authorities: u16,
}

impl Response {
    fn new(id: u16, rcode: u8, question: &[u8]) -> Self {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&id.to_be_bytes());
        bytes.extend_from_slice(&[0x81, 0x80 | rcode]);
        bytes.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 0]);
        bytes.extend_from_slice(question);
        Response {
            bytes,
            answers: 0,
            authorities: 0,
        }
    }

    /// A record whose owner is a pointer to the question name (offset 12) and whose data
    /// are `data`, as already encoded (possibly with pointers).
    fn record(&mut self, record_type: u16, data: &[u8]) -> usize {
        self.bytes.extend_from_slice(&[0xC0, 12]);
        self.bytes.extend_from_slice(&record_type.to_be_bytes());
        self.bytes.extend_from_slice(&[0, 1, 0, 2, 0xA3, 0]);
        self.bytes
            .extend_from_slice(&(data.len() as u16).to_be_bytes());
        let data_offset = self.bytes.len();
        self.bytes.extend_from_slice(data);
        data_offset
    }

    fn answer(&mut self, record_type: u16, data: &[u8]) -> usize {
        self.answers += 1;
        self.record(record_type, data)
    }

    fn authority(&mut self, record_type: u16, data: &[u8]) -> usize {
        self.authorities += 1;
        self.record(record_type, data)
    }

    fn finish(mut self) -> Vec<u8> {
        self.bytes[6..8].copy_from_slice(&self.answers.to_be_bytes());
        self.bytes[8..10].copy_from_slice(&self.authorities.to_be_bytes());
        self.bytes
    }
}

/// The usual Route53 answer, compressed: the second name points into the first, the
/// third mixes case, and a TXT record in between is skipped.
fn route53_answer(id: u16, question: &[u8]) -> Vec<u8> {
    let mut response = Response::new(id, 0, question);
    let first = response.answer(2, &labels("ns-0.awsdns-00.com"));
    let suffix = first + 1 + "ns-0".len();
    let mut second = vec![6];
    second.extend_from_slice(b"ns-512");
    second.extend_from_slice(&[0xC0 | (suffix >> 8) as u8, suffix as u8]);
    response.answer(2, &second);
    response.answer(16, b"\x05hello");
    let mut third = vec![7];
    third.extend_from_slice(b"NS-1024");
    third.extend_from_slice(&labels("AwsDns-00.ORG"));
    response.answer(2, &third);
    response.finish()
}

#[test]
fn compressed_ns_records_of_the_answer_are_read_lowercase() {
    let bytes = route53_answer(7, &question("acme.dev"));
    assert_eq!(
        parse_ns_response(7, "Acme.Dev.", &bytes).unwrap(),
        names(&[
            "ns-0.awsdns-00.com",
            "ns-512.awsdns-00.com",
            "ns-1024.awsdns-00.org"
        ])
    );
}

#[test]
fn ns_records_of_the_authority_section_count_when_the_answer_has_none() {
    let mut response = Response::new(9, 0, &question("acme.dev"));
    response.authority(2, &labels("dns1.registrar-servers.com"));
    assert_eq!(
        parse_ns_response(9, "acme.dev", &response.finish()).unwrap(),
        names(&["dns1.registrar-servers.com"])
    );
}

#[test]
fn an_authority_soa_of_the_parent_gives_no_servers() {
    let mut response = Response::new(9, 0, &question("acme.dev"));
    response.authority(6, &[0; 22]);
    assert_eq!(
        parse_ns_response(9, "acme.dev", &response.finish()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn ns_records_of_another_owner_are_ignored() {
    let mut bytes = Response::new(3, 0, &question("acme.dev"));
    bytes.bytes.extend_from_slice(&labels("dev"));
    bytes.bytes.extend_from_slice(&[0, 2, 0, 1, 0, 0, 0, 60]);
    let data = labels("a.nic.dev");
    bytes
        .bytes
        .extend_from_slice(&(data.len() as u16).to_be_bytes());
    bytes.bytes.extend_from_slice(&data);
    bytes.answers = 1;
    assert_eq!(
        parse_ns_response(3, "acme.dev", &bytes.finish()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn nxdomain_gives_no_servers() {
    let bytes = Response::new(5, 3, &question("acme.dev")).finish();
    assert_eq!(
        parse_ns_response(5, "acme.dev", &bytes).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn servfail_and_refused_are_errors_that_say_so() {
    for (rcode, word) in [(2, "SERVFAIL"), (5, "REFUSED")] {
        let bytes = Response::new(5, rcode, &question("acme.dev")).finish();
        let error = parse_ns_response(5, "acme.dev", &bytes).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(word), "{message}");
        assert!(message.contains("`acme.dev`"), "{message}");
    }
}

#[test]
fn answers_with_another_id_or_without_the_qr_bit_are_rejected() {
    let bytes = route53_answer(7, &question("acme.dev"));
    assert!(parse_ns_response(8, "acme.dev", &bytes).is_err());
    let mut query_like = bytes.clone();
    query_like[2] &= 0x7F;
    assert!(parse_ns_response(7, "acme.dev", &query_like).is_err());
}

#[test]
fn an_answer_about_another_question_is_rejected() {
    let bytes = route53_answer(7, &question("other.dev"));
    let message = parse_ns_response(7, "acme.dev", &bytes)
        .unwrap_err()
        .to_string();
    assert!(message.contains("other.dev"), "{message}");
}

#[test]
fn every_truncation_of_a_valid_answer_is_an_error() {
    let bytes = route53_answer(7, &question("acme.dev"));
    for length in 0..bytes.len() {
        assert!(
            parse_ns_response(7, "acme.dev", &bytes[..length]).is_err(),
            "prefix of {length} bytes was accepted"
        );
    }
}

#[test]
fn a_compression_pointer_loop_is_an_error() {
    let mut response = Response::new(1, 0, &question("acme.dev"));
    let data_offset = response.bytes.len() + 12;
    response.answer(2, &[0xC0 | (data_offset >> 8) as u8, data_offset as u8]);
    let message = parse_ns_response(1, "acme.dev", &response.finish())
        .unwrap_err()
        .to_string();
    assert!(message.contains("loop"), "{message}");
}

#[test]
fn pointers_past_the_end_and_reserved_label_types_are_errors() {
    for data in [
        &[0xC0, 0xFF][..],
        &[0xFF, 0xFF],
        &[0x40, 0],
        &[3, b'a', b'b'],
    ] {
        let mut response = Response::new(1, 0, &question("acme.dev"));
        response.answer(2, data);
        assert!(
            parse_ns_response(1, "acme.dev", &response.finish()).is_err(),
            "{data:?} was accepted"
        );
    }
}

#[test]
fn dots_and_control_bytes_inside_a_label_are_escaped() {
    let mut response = Response::new(1, 0, &question("acme.dev"));
    response.answer(2, b"\x04a.b\n\x03com\x00");
    assert_eq!(
        parse_ns_response(1, "acme.dev", &response.finish()).unwrap(),
        names(&["a\\046b\\010.com"])
    );
}

// ---- random input ----

/// A small deterministic generator, so a failure can be replayed from its seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

#[test]
fn random_and_mangled_answers_never_panic() {
    let mut random = XorShift(0x5EED_F00D_D115);
    let valid = route53_answer(7, &question("acme.dev"));
    for round in 0..2_000 {
        let mut bytes: Vec<u8> = if round % 2 == 0 {
            let length = random.below(600);
            (0..length).map(|_| random.byte()).collect()
        } else {
            let mut bytes = valid.clone();
            for _ in 0..=random.below(8) {
                let at = random.below(bytes.len());
                bytes[at] = random.byte();
            }
            let keep = bytes.len() - random.below(8);
            bytes.truncate(keep);
            bytes
        };
        // Get past the header checks often enough to reach the name and record parsers.
        if bytes.len() >= 4 && round % 4 != 3 {
            bytes[2] = (bytes[2] | 0x80) & !0x02;
            bytes[3] &= 0xF0;
        }
        let id = match bytes.as_slice() {
            [high, low, ..] => u16::from_be_bytes([*high, *low]),
            _ => 0,
        };
        let outcome = std::panic::catch_unwind(|| parse_ns_response(id, "acme.dev", &bytes));
        assert!(outcome.is_ok(), "round {round} panicked on {bytes:?}");
    }
}

// ---- fake servers on loopback ----

/// A UDP server on loopback that answers `count` queries with `respond` (no answer when it
/// returns None) and then exits; it also exits after a few seconds without queries.
/// Joining it gives the queries it received.
fn fake_udp_server<F>(count: usize, respond: F) -> (SocketAddr, JoinHandle<Vec<Vec<u8>>>)
where
    F: Fn(&[u8]) -> Option<Vec<u8>> + Send + 'static,
{
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let address = socket.local_addr().unwrap();
    let handle = std::thread::spawn(move || {
        let mut queries = Vec::new();
        let mut buffer = [0; 1500];
        while queries.len() < count {
            let Ok((length, peer)) = socket.recv_from(&mut buffer) else {
                break;
            };
            let query = buffer[..length].to_vec();
            if let Some(answer) = respond(&query) {
                socket.send_to(&answer, peer).unwrap();
            }
            queries.push(query);
        }
        queries
    });
    (address, handle)
}

#[test]
fn query_ns_sends_a_recursive_ns_query_and_reads_the_answer() {
    let (address, server) = fake_udp_server(1, |bytes| {
        let query = parse_query(bytes);
        Some(route53_answer(query.id, &query.question))
    });
    let servers = query_ns(address, "ACME.dev.", TIMEOUT).unwrap();
    assert_eq!(
        servers,
        names(&[
            "ns-0.awsdns-00.com",
            "ns-512.awsdns-00.com",
            "ns-1024.awsdns-00.org"
        ])
    );
    let queries = server.join().unwrap();
    let query = parse_query(&queries[0]);
    assert_eq!(query.flags, 0x0100, "a standard query with RD set");
    assert_eq!(query.question, question("acme.dev"));
    assert_eq!(
        compare_delegation(&names(&ZONE_SERVERS), &servers),
        Delegation::Partial {
            missing: names(&["ns-1536.awsdns-00.co.uk", "ns-512.awsdns-00.net"]),
            extra: names(&["ns-512.awsdns-00.com"]),
        }
    );
}

#[test]
fn query_ns_ignores_datagrams_with_another_id() {
    let (address, server) = fake_udp_server(2, |bytes| {
        let query = parse_query(bytes);
        Some(route53_answer(query.id.wrapping_add(1), &query.question))
    });
    let error = query_ns(address, "acme.dev", TIMEOUT).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::TimedOut, "{error}");
    assert_eq!(server.join().unwrap().len(), 2, "both tries were sent");
}

#[test]
fn query_ns_tries_again_when_the_first_query_goes_unanswered() {
    let (address, server) = fake_udp_server(2, {
        let seen = std::sync::atomic::AtomicUsize::new(0);
        move |bytes| {
            let query = parse_query(bytes);
            (seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 0)
                .then(|| route53_answer(query.id, &query.question))
        }
    });
    let servers = query_ns(address, "acme.dev", TIMEOUT).unwrap();
    assert_eq!(servers.len(), 3);
    let queries = server.join().unwrap();
    assert_eq!(queries.len(), 2);
    assert_eq!(queries[0], queries[1], "the same query is sent again");
}

#[test]
fn query_ns_of_a_domain_that_does_not_exist_is_empty() {
    let (address, server) = fake_udp_server(1, |bytes| {
        let query = parse_query(bytes);
        Some(Response::new(query.id, 3, &query.question).finish())
    });
    assert_eq!(
        query_ns(address, "nope.dev", TIMEOUT).unwrap(),
        Vec::<String>::new()
    );
    server.join().unwrap();
}

#[test]
fn query_ns_reports_a_refusing_resolver_with_its_address() {
    let (address, server) = fake_udp_server(1, |bytes| {
        let query = parse_query(bytes);
        Some(Response::new(query.id, 5, &query.question).finish())
    });
    let message = query_ns(address, "acme.dev", TIMEOUT)
        .unwrap_err()
        .to_string();
    assert!(message.contains("REFUSED"), "{message}");
    assert!(message.contains(&format!("`{address}`")), "{message}");
    server.join().unwrap();
}

#[test]
fn query_ns_turns_a_garbled_answer_into_an_error() {
    let (address, server) = fake_udp_server(1, |bytes| {
        let query = parse_query(bytes);
        let mut answer = route53_answer(query.id, &query.question);
        answer.truncate(answer.len() - 5);
        Some(answer)
    });
    let error = query_ns(address, "acme.dev", TIMEOUT).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidData, "{error}");
    server.join().unwrap();
}

#[test]
fn query_ns_gives_up_after_two_tries_of_garbage() {
    let (address, server) = fake_udp_server(2, |_| Some(b"\xde\xad".to_vec()));
    let started = Instant::now();
    let error = query_ns(address, "acme.dev", TIMEOUT).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::TimedOut, "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(server.join().unwrap().len(), 2);
}

#[test]
fn query_ns_rejects_names_that_are_not_domains() {
    let unused: SocketAddr = "127.0.0.1:9".parse().unwrap();
    let long_label = "a".repeat(64);
    for domain in ["", ".", "a..dev", long_label.as_str(), "café.dev"] {
        let error = query_ns(unused, domain, TIMEOUT).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput, "{domain}");
    }
}

#[test]
fn query_ns_asks_again_over_tcp_when_the_udp_answer_is_truncated() {
    // The TCP listener must share the UDP server's port; retry if another test took it.
    let (udp, tcp) = (0..20)
        .find_map(|_| {
            let udp = UdpSocket::bind("127.0.0.1:0").ok()?;
            let tcp = TcpListener::bind(udp.local_addr().ok()?).ok()?;
            Some((udp, tcp))
        })
        .expect("a loopback port free for both UDP and TCP");
    let address = udp.local_addr().unwrap();
    udp.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let udp_server = std::thread::spawn(move || {
        let mut buffer = [0; 1500];
        if let Ok((length, peer)) = udp.recv_from(&mut buffer) {
            let query = parse_query(&buffer[..length]);
            let mut answer = Response::new(query.id, 0, &query.question).finish();
            answer[2] |= 0x02;
            udp.send_to(&answer, peer).unwrap();
        }
    });
    let tcp_server = std::thread::spawn(move || {
        // Bounded: poll for the connection for a few seconds rather than block forever.
        tcp.set_nonblocking(true).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut stream = loop {
            match tcp.accept() {
                Ok((stream, _)) => break stream,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(error) => panic!("no TCP connection: {error}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut length = [0; 2];
        stream.read_exact(&mut length).unwrap();
        let mut bytes = vec![0; usize::from(u16::from_be_bytes(length))];
        stream.read_exact(&mut bytes).unwrap();
        let query = parse_query(&bytes);
        let answer = route53_answer(query.id, &query.question);
        stream
            .write_all(&(answer.len() as u16).to_be_bytes())
            .unwrap();
        stream.write_all(&answer).unwrap();
    });
    let servers = query_ns(address, "acme.dev", Duration::from_secs(2)).unwrap();
    assert_eq!(servers.len(), 3);
    udp_server.join().unwrap();
    tcp_server.join().unwrap();
}
