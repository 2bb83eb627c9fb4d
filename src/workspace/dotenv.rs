//! The `.env` format, as `sleak var import` reads it and `sleak var export` writes it.
//!
//! What people's `.env` files hold, as docker compose, dotenv and the shells read them:
//!
//! - `KEY=value`, `export KEY=value`, spaces around `=` allowed; keys are shell names
//!   (`[A-Za-z_][A-Za-z0-9_]*`);
//! - blank lines and `#` comments; after an unquoted value, ` #` starts a comment;
//! - unquoted values are trimmed; `'single quotes'` are literal; `"double quotes"` take
//!   the escapes `\n`, `\r`, `\t`, `\"`, `\\` and `\$`; both kinds of quotes may span lines;
//! - a later line for the same key wins (the earlier ones are reported).
//!
//! A bad line is an error naming its line number, and nothing is read: an import is all
//! or nothing.

use std::fmt;

/// One variable read, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// What was read: the variables in file order (the last of each key), and the keys
/// given more than once with the lines that lost.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub entries: Vec<Entry>,
    pub overridden: Vec<(String, usize)>,
}

/// A line that is not `KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Whether `key` is a shell variable name.
pub fn is_key(key: &str) -> bool {
    let mut characters = key.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|rest| rest.is_ascii_alphanumeric() || rest == '_')
}

/// Reads a `.env` text.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut parsed = Parsed::default();
    let mut index = 0;
    while index < lines.len() {
        let number = index + 1;
        let line = lines[index].trim_end_matches('\r');
        index += 1;
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let error = |message: String| ParseError {
            line: number,
            message,
        };
        let body = trimmed
            .strip_prefix("export")
            .filter(|rest| rest.starts_with([' ', '\t']))
            .map_or(trimmed, str::trim_start);
        let Some((key, rest)) = body.split_once('=') else {
            return Err(error(format!("`{}` is not KEY=VALUE", shorten(trimmed))));
        };
        let key = key.trim();
        if !is_key(key) {
            return Err(error(format!(
                "`{key}` is not a variable name: letters, digits and `_`, not starting with a digit"
            )));
        }
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                // The value runs to the closing quote, on this line or a later one.
                let mut raw = rest[1..].to_owned();
                let closing = loop {
                    if let Some(at) = closing_quote(&raw, quote) {
                        break at;
                    }
                    let Some(next) = lines.get(index) else {
                        return Err(error(format!(
                            "the {} quote that opens the value of `{key}` is never closed",
                            if quote == '"' { "double" } else { "single" }
                        )));
                    };
                    raw.push('\n');
                    raw.push_str(next.trim_end_matches('\r'));
                    index += 1;
                };
                let after = raw[closing + 1..].trim();
                if !(after.is_empty() || after.starts_with('#')) {
                    return Err(ParseError {
                        line: index,
                        message: format!("`{}` after the closing quote of `{key}`", shorten(after)),
                    });
                }
                let inner = &raw[..closing];
                if quote == '"' {
                    unescape(inner).map_err(|message| error(format!("`{key}`: {message}")))?
                } else {
                    inner.to_owned()
                }
            }
            _ => {
                let value = match rest.find(" #").or_else(|| rest.find("\t#")) {
                    Some(comment) => &rest[..comment],
                    None if rest.starts_with('#') => "",
                    None => rest,
                };
                value.trim().to_owned()
            }
        };
        if let Some(at) = parsed.entries.iter().position(|entry| entry.key == key) {
            let earlier = parsed.entries.remove(at);
            parsed.overridden.push((earlier.key, earlier.line));
        }
        parsed.entries.push(Entry {
            key: key.to_owned(),
            value,
            line: number,
        });
    }
    Ok(parsed)
}

/// Where the unescaped `quote` closing `raw` is (a double quote can be escaped).
fn closing_quote(raw: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (at, character) in raw.char_indices() {
        if quote == '"' && character == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if character == quote && !escaped {
            return Some(at);
        }
        escaped = false;
    }
    None
}

fn unescape(inner: &str) -> Result<String, String> {
    let mut out = String::with_capacity(inner.len());
    let mut characters = inner.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            out.push(character);
            continue;
        }
        match characters.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other @ ('"' | '\\' | '$' | '\'')) => out.push(other),
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("a `\\` ends the value".to_owned()),
        }
    }
    Ok(out)
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Writes `variables` as `.env` lines that [`parse`] reads back to the same values (and
/// that docker compose and the shells read alike): plain where the value is plain,
/// double-quoted with escapes otherwise.
pub fn write<'a>(variables: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (key, value) in variables {
        out.push_str(key);
        out.push('=');
        let plain = !value.is_empty()
            && value.chars().all(|character| {
                character.is_ascii_alphanumeric() || "_-./:@,+%=".contains(character)
            });
        if plain {
            out.push_str(value);
        } else {
            out.push('"');
            for character in value.chars() {
                match character {
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '"' | '\\' | '$' => {
                        out.push('\\');
                        out.push(character);
                    }
                    other => out.push(other),
                }
            }
            out.push('"');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String)> {
        parse(text)
            .unwrap_or_else(|error| panic!("{error}"))
            .entries
            .into_iter()
            .map(|entry| (entry.key, entry.value))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn what_env_files_hold() {
        let text = "\
# database
DATABASE_URL=postgres://app@db:5432/app
export API_KEY = abc123   # a comment
EMPTY=
SPACED =  two words  \r
SINGLE='literal $HOME \\n # not a comment'
DOUBLE=\"line one\\nline two \\\"quoted\\\" \\$HOME\"
HASH=a#b
   # indented comment
exported=1
";
        assert_eq!(
            values(text),
            pairs(&[
                ("DATABASE_URL", "postgres://app@db:5432/app"),
                ("API_KEY", "abc123"),
                ("EMPTY", ""),
                ("SPACED", "two words"),
                ("SINGLE", "literal $HOME \\n # not a comment"),
                ("DOUBLE", "line one\nline two \"quoted\" $HOME"),
                ("HASH", "a#b"),
                ("exported", "1"),
            ])
        );
    }

    #[test]
    fn quoted_values_span_lines() {
        let text = "KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT='a\nb'\nLAST=1\n";
        let parsed = parse(text).unwrap();
        assert_eq!(
            parsed
                .entries
                .iter()
                .map(|entry| (entry.key.as_str(), entry.value.as_str(), entry.line))
                .collect::<Vec<_>>(),
            [
                ("KEY", "-----BEGIN KEY-----\nabc\n-----END KEY-----", 1),
                ("NEXT", "a\nb", 4),
                ("LAST", "1", 6),
            ]
        );
    }

    #[test]
    fn the_last_of_a_key_wins_and_the_others_are_reported() {
        let parsed = parse("A=1\nB=2\nA=3\n").unwrap();
        assert_eq!(
            parsed
                .entries
                .iter()
                .map(|entry| (entry.key.as_str(), entry.value.as_str()))
                .collect::<Vec<_>>(),
            [("B", "2"), ("A", "3")]
        );
        assert_eq!(parsed.overridden, [("A".to_owned(), 1)]);
    }

    #[test]
    fn a_bad_line_is_an_error_with_its_number() {
        let cases = [
            ("A=1\nnot a variable\n", 2, "is not KEY=VALUE"),
            ("A=1\n\n1BAD=2\n", 3, "is not a variable name"),
            ("A-B=1\n", 1, "is not a variable name"),
            (
                "A=1\nB=\"open\nstill open\n",
                2,
                "double quote that opens the value of `B` is never closed",
            ),
            ("C='x\n", 1, "single quote"),
            ("D=\"x\" trailing\n", 1, "after the closing quote of `D`"),
            ("E=\"a\\qb\"\n", 1, "unknown escape `\\q`"),
            ("export\n", 1, "is not KEY=VALUE"),
        ];
        for (text, line, message) in cases {
            let error = parse(text).expect_err(text);
            assert_eq!(error.line, line, "{text:?}: {error}");
            assert!(error.message.contains(message), "{text:?}: {error}");
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let variables = [
            ("PLAIN", "postgres://u@h:5432/d"),
            ("EMPTY", ""),
            ("SPACES", " padded value "),
            ("QUOTES", "say \"hi\" and 'bye'"),
            ("DOLLAR", "$HOME and ${PATH}"),
            ("MULTI", "line one\nline two\r\n\ttabbed"),
            ("HASH", "a #b"),
            ("BACKSLASH", "C:\\path\\n"),
            ("UNICODE", "café ☕"),
        ];
        let text = write(variables);
        assert_eq!(values(&text), pairs(&variables), "{text}");
        assert!(
            text.starts_with("PLAIN=postgres://u@h:5432/d\nEMPTY=\"\"\n"),
            "{text}"
        );
    }
}
