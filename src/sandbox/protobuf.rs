//! Decoding of protobuf request bodies (`k8s\0` + runtime.Unknown) for Secret, ConfigMap, Namespace and ServiceAccount, as client-go ≥ 0.32 sends them.

use serde_json::{Map, Value, json};

use super::ops::base64_encode;

const MAGIC: &[u8] = b"k8s\0";

/// One field of a protobuf message: its number and its value.
enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

fn varint(bytes: &[u8], at: &mut usize) -> Result<u64, String> {
    let mut value = 0_u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at).ok_or("truncated varint")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("varint too long".into())
}

fn fields(bytes: &[u8]) -> Result<Vec<(u64, Field<'_>)>, String> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let tag = varint(bytes, &mut at)?;
        let (number, wire_type) = (tag >> 3, tag & 7);
        let field = match wire_type {
            0 => Field::Varint(varint(bytes, &mut at)?),
            2 => {
                let length =
                    usize::try_from(varint(bytes, &mut at)?).map_err(|_| "length too large")?;
                let end = at
                    .checked_add(length)
                    .filter(|end| *end <= bytes.len())
                    .ok_or("truncated field")?;
                let slice = &bytes[at..end];
                at = end;
                Field::Bytes(slice)
            }
            1 => {
                at += 8;
                Field::Varint(0)
            }
            5 => {
                at += 4;
                Field::Varint(0)
            }
            other => return Err(format!("unsupported wire type {other}")),
        };
        out.push((number, field));
    }
    Ok(out)
}

fn text(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| "a string field is not UTF-8".to_string())
}

/// A map entry message: key (1) and value (2).
fn entry(bytes: &[u8]) -> Result<(String, &[u8]), String> {
    let (mut key, mut value) = (String::new(), &[][..]);
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => key = text(b)?,
            (2, Field::Bytes(b)) => value = b,
            _ => {}
        }
    }
    Ok((key, value))
}

fn time(bytes: &[u8]) -> Result<Value, String> {
    let mut seconds = 0_u64;
    for (number, field) in fields(bytes)? {
        if let (1, Field::Varint(v)) = (number, field) {
            seconds = v;
        }
    }
    Ok(json!(super::store::rfc3339(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds)
    )))
}

fn owner_reference(bytes: &[u8]) -> Result<Value, String> {
    let mut owner = Map::new();
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => owner.insert("kind".into(), json!(text(b)?)),
            (3, Field::Bytes(b)) => owner.insert("name".into(), json!(text(b)?)),
            (4, Field::Bytes(b)) => owner.insert("uid".into(), json!(text(b)?)),
            (5, Field::Bytes(b)) => owner.insert("apiVersion".into(), json!(text(b)?)),
            (6, Field::Varint(v)) => owner.insert("controller".into(), json!(v != 0)),
            (7, Field::Varint(v)) => owner.insert("blockOwnerDeletion".into(), json!(v != 0)),
            _ => None,
        };
    }
    Ok(Value::Object(owner))
}

fn object_meta(bytes: &[u8]) -> Result<Value, String> {
    let mut metadata = Map::new();
    let (mut labels, mut annotations) = (Map::new(), Map::new());
    let (mut owners, mut finalizers) = (Vec::new(), Vec::new());
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => drop(metadata.insert("name".into(), json!(text(b)?))),
            (2, Field::Bytes(b)) => drop(metadata.insert("generateName".into(), json!(text(b)?))),
            (3, Field::Bytes(b)) => drop(metadata.insert("namespace".into(), json!(text(b)?))),
            (5, Field::Bytes(b)) => drop(metadata.insert("uid".into(), json!(text(b)?))),
            (6, Field::Bytes(b)) => {
                drop(metadata.insert("resourceVersion".into(), json!(text(b)?)))
            }
            (7, Field::Varint(v)) => drop(metadata.insert("generation".into(), json!(v))),
            (8, Field::Bytes(b)) => drop(metadata.insert("creationTimestamp".into(), time(b)?)),
            (11, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                labels.insert(key, json!(text(value)?));
            }
            (12, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                annotations.insert(key, json!(text(value)?));
            }
            (13, Field::Bytes(b)) => owners.push(owner_reference(b)?),
            (14, Field::Bytes(b)) => finalizers.push(json!(text(b)?)),
            _ => {}
        }
    }
    // Empty strings are protobuf's defaults, not values the client set.
    metadata.retain(|_, value| value.as_str() != Some(""));
    if !labels.is_empty() {
        metadata.insert("labels".into(), Value::Object(labels));
    }
    if !annotations.is_empty() {
        metadata.insert("annotations".into(), Value::Object(annotations));
    }
    if !owners.is_empty() {
        metadata.insert("ownerReferences".into(), Value::Array(owners));
    }
    if !finalizers.is_empty() {
        metadata.insert("finalizers".into(), Value::Array(finalizers));
    }
    Ok(Value::Object(metadata))
}

fn secret(bytes: &[u8]) -> Result<Value, String> {
    let mut secret = json!({"apiVersion": "v1", "kind": "Secret"});
    let mut data = Map::new();
    let mut string_data = Map::new();
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => secret["metadata"] = object_meta(b)?,
            (2, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                data.insert(key, json!(base64_encode(value)));
            }
            (3, Field::Bytes(b)) => secret["type"] = json!(text(b)?),
            (4, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                string_data.insert(key, json!(text(value)?));
            }
            (5, Field::Varint(v)) => secret["immutable"] = json!(v != 0),
            _ => {}
        }
    }
    if !data.is_empty() {
        secret["data"] = Value::Object(data);
    }
    if !string_data.is_empty() {
        secret["stringData"] = Value::Object(string_data);
    }
    Ok(secret)
}

fn config_map(bytes: &[u8]) -> Result<Value, String> {
    let mut config_map = json!({"apiVersion": "v1", "kind": "ConfigMap"});
    let (mut data, mut binary) = (Map::new(), Map::new());
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => config_map["metadata"] = object_meta(b)?,
            (2, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                data.insert(key, json!(text(value)?));
            }
            (3, Field::Bytes(b)) => {
                let (key, value) = entry(b)?;
                binary.insert(key, json!(base64_encode(value)));
            }
            (4, Field::Varint(v)) => config_map["immutable"] = json!(v != 0),
            _ => {}
        }
    }
    if !data.is_empty() {
        config_map["data"] = Value::Object(data);
    }
    if !binary.is_empty() {
        config_map["binaryData"] = Value::Object(binary);
    }
    Ok(config_map)
}

/// A Namespace (`kubectl create namespace` sends protobuf): metadata and finalizers.
fn namespace(bytes: &[u8]) -> Result<Value, String> {
    let mut namespace = json!({"apiVersion": "v1", "kind": "Namespace"});
    let mut finalizers = Vec::new();
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => namespace["metadata"] = object_meta(b)?,
            (2, Field::Bytes(spec)) => {
                for (number, field) in fields(spec)? {
                    if let (1, Field::Bytes(b)) = (number, field) {
                        finalizers.push(json!(text(b)?));
                    }
                }
            }
            _ => {}
        }
    }
    if !finalizers.is_empty() {
        namespace["spec"] = json!({ "finalizers": finalizers });
    }
    Ok(namespace)
}

/// A ServiceAccount (`kubectl create serviceaccount`): metadata and token automount.
fn service_account(bytes: &[u8]) -> Result<Value, String> {
    let mut account = json!({"apiVersion": "v1", "kind": "ServiceAccount"});
    for (number, field) in fields(bytes)? {
        match (number, field) {
            (1, Field::Bytes(b)) => account["metadata"] = object_meta(b)?,
            (4, Field::Varint(v)) => account["automountServiceAccountToken"] = json!(v != 0),
            _ => {}
        }
    }
    Ok(account)
}

/// Decodes a protobuf body into the JSON form of the object it carries.
pub fn decode(body: &[u8]) -> Result<Value, String> {
    let unknown = body
        .strip_prefix(MAGIC)
        .ok_or("the body does not start with the `k8s\\0` envelope")?;
    let (mut api_version, mut kind, mut raw) = (String::new(), String::new(), &[][..]);
    for (number, field) in fields(unknown)? {
        match (number, field) {
            (1, Field::Bytes(type_meta)) => {
                for (number, field) in fields(type_meta)? {
                    match (number, field) {
                        (1, Field::Bytes(b)) => api_version = text(b)?,
                        (2, Field::Bytes(b)) => kind = text(b)?,
                        _ => {}
                    }
                }
            }
            (2, Field::Bytes(b)) => raw = b,
            _ => {}
        }
    }
    match (api_version.as_str(), kind.as_str()) {
        ("v1", "Secret") => secret(raw),
        ("v1", "ConfigMap") => config_map(raw),
        ("v1", "Namespace") => namespace(raw),
        ("v1", "ServiceAccount") => service_account(raw),
        _ => Err(format!(
            "protobuf bodies of `{api_version}` `{kind}` are not supported; send JSON"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(number: u64, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![(number << 3 | 2) as u8, payload.len() as u8];
        out.extend_from_slice(payload);
        out
    }

    fn map_entry(number: u64, key: &str, value: &[u8]) -> Vec<u8> {
        field(
            number,
            &[field(1, key.as_bytes()), field(2, value)].concat(),
        )
    }

    #[test]
    fn decodes_a_secret_in_the_client_go_envelope() {
        let metadata = [
            field(1, b"rel"),
            field(3, b"ns"),
            map_entry(11, "owner", b"helm"),
        ]
        .concat();
        let secret = [
            field(1, &metadata),
            map_entry(2, "release", b"\x01\x02"),
            field(3, b"helm.sh/release.v1"),
        ]
        .concat();
        let type_meta = [field(1, b"v1"), field(2, b"Secret")].concat();
        let body = [MAGIC.to_vec(), field(1, &type_meta), field(2, &secret)].concat();
        let decoded = decode(&body).unwrap();
        assert_eq!(decoded["metadata"]["name"], "rel");
        assert_eq!(decoded["metadata"]["labels"]["owner"], "helm");
        assert_eq!(decoded["data"]["release"], "AQI=");
        assert_eq!(decoded["type"], "helm.sh/release.v1");
    }

    #[test]
    fn decodes_a_config_map_with_text_and_binary_data() {
        let metadata = [field(1, b"settings"), map_entry(12, "note", b"kept")].concat();
        let config_map = [
            field(1, &metadata),
            map_entry(2, "mode", b"prod"),
            map_entry(3, "blob", b"\xff"),
        ]
        .concat();
        let type_meta = [field(1, b"v1"), field(2, b"ConfigMap")].concat();
        let body = [MAGIC.to_vec(), field(1, &type_meta), field(2, &config_map)].concat();
        let decoded = decode(&body).unwrap();
        assert_eq!(decoded["kind"], "ConfigMap");
        assert_eq!(decoded["metadata"]["annotations"]["note"], "kept");
        assert_eq!(decoded["data"]["mode"], "prod");
        assert_eq!(decoded["binaryData"]["blob"], "/w==");
    }

    #[test]
    fn rejects_a_body_without_the_envelope() {
        assert!(decode(b"{}").is_err());
    }
}
