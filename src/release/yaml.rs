//! A small YAML emitter for JSON values: the chart's templates, values and manifest.
//!
//! A general YAML serializer decides for each string whether it may go unquoted (is it
//! a number, a boolean, a date to YAML 1.1, Helm's parser?); that check was most of the
//! time `sleak release` spent. Here every string is double-quoted instead, and a
//! double-quoted YAML scalar is a JSON string: the same escapes, plus the characters
//! YAML does not allow raw (C1 controls, line and paragraph separators, byte-order
//! marks). The output is block style, one entry a line, deterministic: the map's order.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::{Map, Number, Value as Json};

/// How the strings of a value are written: the chart's templates change some while they
/// are written (rather than in a copy of the value, which would cost as much again).
pub trait Rewrite {
    /// A mapping's key.
    fn key<'a>(&self, key: &'a str) -> Cow<'a, str>;
    /// A string: a mapping's value under `key`, or a sequence's item (`None`).
    fn string<'a>(&self, key: Option<&str>, text: &'a str) -> Cow<'a, str>;
}

/// Every string as it is.
struct Verbatim;

impl Rewrite for Verbatim {
    fn key<'a>(&self, key: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(key)
    }

    fn string<'a>(&self, _key: Option<&str>, text: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(text)
    }
}

/// The value as a YAML document, ending with a newline.
pub fn to_yaml(value: &Json) -> String {
    to_yaml_with(value, &Verbatim)
}

/// The value as a YAML document, its strings and keys changed by `rewrite`.
pub fn to_yaml_with(value: &Json, rewrite: &impl Rewrite) -> String {
    let mut writer = Writer {
        out: String::with_capacity(1024),
        rewrite,
    };
    if is_block(value) {
        writer.block(value, 0, false);
    } else {
        writer.scalar(None, value);
        writer.out.push('\n');
    }
    writer.out
}

/// Non-empty mappings and sequences take lines of their own; everything else, empty
/// collections included (`{}`, `[]`), is written on its key's line.
fn is_block(value: &Json) -> bool {
    match value {
        Json::Object(map) => !map.is_empty(),
        Json::Array(items) => !items.is_empty(),
        _ => false,
    }
}

struct Writer<'r, R> {
    out: String,
    rewrite: &'r R,
}

impl<R: Rewrite> Writer<'_, R> {
    /// A non-empty mapping or sequence at `indent`; `inline` when its first line goes
    /// after a sequence's `- ` already written.
    fn block(&mut self, value: &Json, indent: usize, inline: bool) {
        match value {
            Json::Object(map) => self.mapping(map, indent, inline),
            Json::Array(items) => self.sequence(items, indent, inline),
            _ => unreachable!("only collections are blocks"),
        }
    }

    fn mapping(&mut self, map: &Map<String, Json>, indent: usize, inline: bool) {
        for (index, (key, value)) in map.iter().enumerate() {
            if index > 0 || !inline {
                self.pad(indent);
            }
            write_key(&mut self.out, &self.rewrite.key(key));
            self.out.push(':');
            match value {
                // A sequence under a key sits at the key's indentation, as kubectl
                // writes it.
                Json::Array(_) if is_block(value) => {
                    self.out.push('\n');
                    self.block(value, indent, false);
                }
                Json::Object(_) if is_block(value) => {
                    self.out.push('\n');
                    self.block(value, indent + 2, false);
                }
                _ => {
                    self.out.push(' ');
                    self.scalar(Some(key), value);
                    self.out.push('\n');
                }
            }
        }
    }

    fn sequence(&mut self, items: &[Json], indent: usize, inline: bool) {
        for (index, item) in items.iter().enumerate() {
            if index > 0 || !inline {
                self.pad(indent);
            }
            self.out.push_str("- ");
            if is_block(item) {
                self.block(item, indent + 2, true);
            } else {
                self.scalar(None, item);
                self.out.push('\n');
            }
        }
    }

    fn pad(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    /// A scalar or an empty collection, under `key` when it is a mapping's value.
    fn scalar(&mut self, key: Option<&str>, value: &Json) {
        match value {
            Json::Null => self.out.push_str("null"),
            Json::Bool(true) => self.out.push_str("true"),
            Json::Bool(false) => self.out.push_str("false"),
            Json::Number(number) => write_number(&mut self.out, number),
            Json::String(text) => write_string(&mut self.out, &self.rewrite.string(key, text)),
            Json::Object(_) => self.out.push_str("{}"),
            Json::Array(_) => self.out.push_str("[]"),
        }
    }
}

/// A key as it is when YAML 1.1 reads it back as that same string, else quoted.
fn write_key(out: &mut String, key: &str) {
    if is_plain_key(key) {
        out.push_str(key);
    } else {
        write_string(out, key);
    }
}

/// Letters, digits, `_`, `-`, `.` and `/` starting with a letter or `_`
/// (`app.kubernetes.io/name`, `containerPort`), but none of the words YAML 1.1 reads
/// as a boolean or null (`on`, `y`, `No`, `null`, …).
fn is_plain_key(key: &str) -> bool {
    const WORDS: [&str; 9] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let mut chars = key.chars();
    let starts_well = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && !WORDS.iter().any(|word| key.eq_ignore_ascii_case(word))
}

/// Integers as they are; floats with a `.` and a signed exponent, which YAML 1.1 needs
/// to read `1e3` as a number rather than a string.
fn write_number(out: &mut String, number: &Number) {
    let text = number.to_string();
    if number.is_f64() {
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (text.as_str(), None),
        };
        out.push_str(mantissa);
        if !mantissa.contains('.') {
            out.push_str(".0");
        }
        if let Some(exponent) = exponent {
            out.push('e');
            if !exponent.starts_with(['+', '-']) {
                out.push('+');
            }
            out.push_str(exponent);
        }
    } else {
        out.push_str(&text);
    }
}

/// A double-quoted scalar: JSON's escapes for `"`, `\` and control characters, and
/// `\uXXXX` for what YAML would not read as written (DEL, C1 controls, U+2028 and U+2029,
/// which YAML 1.1 takes for line breaks, byte-order marks and non-characters).
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// What YAML reads back: the emitted text parsed by a YAML parser.
    fn read_back(text: &str) -> Json {
        serde_saphyr::from_str(text).expect("the emitter writes valid YAML")
    }

    #[test]
    fn writes_block_mappings_and_sequences() {
        let value = json!({
            "apiVersion": "v1",
            "spec": {
                "replicas": 2,
                "containers": [
                    { "name": "web", "ports": [{ "containerPort": 8080 }] },
                    { "name": "side", "args": ["a", "b"] }
                ]
            }
        });
        let expected = "\
apiVersion: \"v1\"
spec:
  replicas: 2
  containers:
  - name: \"web\"
    ports:
    - containerPort: 8080
  - name: \"side\"
    args:
    - \"a\"
    - \"b\"
";
        assert_eq!(to_yaml(&value), expected);
        assert_eq!(read_back(expected), value);
    }

    #[test]
    fn writes_nested_sequences_and_empty_collections() {
        let value = json!({
            "matrix": [[1, 2], [], [{ "a": {} }], [["deep"]]],
            "empty": {},
            "none": [],
            "nothing": null,
            "flags": [true, false]
        });
        let text = to_yaml(&value);
        assert_eq!(
            text,
            "\
matrix:
- - 1
  - 2
- []
- - a: {}
- - - \"deep\"
empty: {}
none: []
nothing: null
flags:
- true
- false
"
        );
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn writes_scalars_and_empty_documents() {
        assert_eq!(to_yaml(&json!("x")), "\"x\"\n");
        assert_eq!(to_yaml(&json!(12)), "12\n");
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!([])), "[]\n");
    }

    #[test]
    fn quotes_every_string_so_yaml_reads_no_other_type() {
        let words = [
            "yes",
            "on",
            "y",
            "N",
            "1_000",
            "0777",
            "1e3",
            "~",
            "null",
            "1:20",
            "0x1F",
            ".inf",
            "=",
            "<<",
            "2001-12-14",
            "",
            " padded ",
            "- dash",
            "# hash",
            "a: b",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "@",
            "`",
            "{{ .Values.x }}",
            "'single'",
        ];
        let value = json!({ "words": words });
        let text = to_yaml(&value);
        assert!(text.contains("- \"yes\"\n"), "{text}");
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn escapes_special_characters() {
        let text = "say \"hi\"\\ \n\ttab\r\u{1}\u{7f}\u{85}\u{2028}\u{feff} é ✓ 🚀";
        let yaml = to_yaml(&json!({ "text": text }));
        assert_eq!(
            yaml,
            "text: \"say \\\"hi\\\"\\\\ \\n\\ttab\\r\\u0001\\u007f\\u0085\\u2028\\ufeff é ✓ 🚀\"\n"
        );
        assert_eq!(read_back(&yaml)["text"], text);
        // A double-quoted YAML scalar written here is a JSON string too.
        let quoted = yaml.trim_end().trim_start_matches("text: ");
        assert_eq!(serde_json::from_str::<String>(quoted).unwrap(), text);
    }

    #[test]
    fn keeps_multi_line_strings_on_one_line() {
        let value = json!({ "script": "set -e\nrun one\n\nrun two\n" });
        let text = to_yaml(&value);
        assert_eq!(text.lines().count(), 1);
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn quotes_keys_that_are_not_plain_names() {
        let value = json!({
            "app.kubernetes.io/name": 1,
            "on": 2,
            "Y": 3,
            "8080": 4,
            "with space": 5,
            "": 6,
            "a:b": 7,
            "-x": 8,
            "_": 9,
            "héllo": 10,
            "quote\"d": 11
        });
        let text = to_yaml(&value);
        assert!(text.starts_with("app.kubernetes.io/name: 1\n\"on\": 2\n\"Y\": 3\n\"8080\": 4\n"));
        assert!(text.contains("\"quote\\\"d\": 11\n"), "{text}");
        assert_eq!(read_back(&text), value);
    }

    #[test]
    fn writes_floats_yaml_1_1_reads_as_numbers() {
        let mut out = String::new();
        for number in [1.5, 2.0, 1e300, -2.5e-8] {
            write_number(&mut out, &Number::from_f64(number).unwrap());
            out.push(' ');
        }
        assert_eq!(out, "1.5 2.0 1.0e+300 -2.5e-8 ");
    }

    #[test]
    fn rewrites_keys_and_strings_with_their_key() {
        struct Upper;
        impl Rewrite for Upper {
            fn key<'a>(&self, key: &'a str) -> Cow<'a, str> {
                Cow::Owned(key.to_uppercase())
            }
            fn string<'a>(&self, key: Option<&str>, text: &'a str) -> Cow<'a, str> {
                Cow::Owned(format!("{}={text}", key.unwrap_or("-")))
            }
        }
        let value = json!({ "name": "web", "args": ["a"], "port": 80 });
        assert_eq!(
            to_yaml_with(&value, &Upper),
            "NAME: \"name=web\"\nARGS:\n- \"-=a\"\nPORT: 80\n"
        );
    }

    #[test]
    fn keeps_the_order_of_the_keys() {
        let value = json!({ "z": 1, "a": 2, "m": 3 });
        assert_eq!(to_yaml(&value), "z: 1\na: 2\nm: 3\n");
    }
}
