//! Nothing panics on any input: thousands of mangled copies of the example workspace
//! go through the loader, and each either loads or yields located errors.

use std::path::Path;

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
}

const PIECES: &[&str] = &[
    "[",
    "]",
    "=",
    "\"",
    "'",
    "{",
    "}",
    ",",
    "\n",
    "#",
    ".",
    "-1",
    "99999999999999999999",
    "true",
    "[[x]]",
    "\"\u{e9}\u{1F600}\"",
    "\\",
    "0x1F",
    "1979-05-27T07:32:00Z",
    "inf",
    "nan",
    "[projects.a.envs.b.services.c]",
    "kind = \"cron\"",
];

fn mangle(source: &str, random: &mut XorShift) -> String {
    let mut text: Vec<char> = source.chars().collect();
    for _ in 0..=random.below(4) {
        let at = random.below(text.len());
        match random.below(4) {
            0 => {
                let end = (at + random.below(40)).min(text.len());
                text.drain(at..end);
            }
            1 => {
                let piece = PIECES[random.below(PIECES.len())];
                text.splice(at..at, piece.chars());
            }
            2 => {
                let other = random.below(text.len());
                text.swap(at, other);
            }
            _ => {
                let lines: Vec<String> = text
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(str::to_owned)
                    .collect();
                let mut lines = lines;
                if !lines.is_empty() {
                    let line = random.below(lines.len());
                    let copy = lines[line].clone();
                    lines.insert(random.below(lines.len()), copy);
                }
                text = lines.join("\n").chars().collect();
            }
        }
        if text.is_empty() {
            break;
        }
    }
    text.into_iter().collect()
}

#[test]
fn mangled_workspaces_never_panic_and_every_error_is_located() {
    let example =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("sleak.toml.example"))
            .expect("example");
    let file = Path::new("sleak.toml");
    let mut random = XorShift(0x5eed_1eaf_cafe_f00d);
    let mut rejected = 0;
    for case in 0..3000 {
        let text = mangle(&example, &mut random);
        let outcome = std::panic::catch_unwind(|| sleak::workspace::parse(file, &text));
        let Ok(result) = outcome else {
            panic!("case {case} panicked on:\n{text}");
        };
        if let Err(error) = result {
            rejected += 1;
            assert!(
                !error.diagnostics.is_empty(),
                "case {case}: an error without diagnostics"
            );
            for diagnostic in &error.diagnostics {
                let span = diagnostic.span.clone().unwrap_or_else(|| {
                    panic!("case {case}: `{}` has no location", diagnostic.message)
                });
                assert!(
                    span.start <= text.len(),
                    "case {case}: span outside the file"
                );
            }
            // Rendering must not panic either.
            let _ = error.to_string();
            let _ = error.to_json();
        }
    }
    assert!(
        rejected > 1000,
        "the mangling should break most cases, broke {rejected}"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut random = XorShift(42);
    for _ in 0..2000 {
        let length = random.below(200);
        let text: String = (0..length)
            .map(|_| char::from_u32((random.below(0x250)) as u32).unwrap_or('?'))
            .collect();
        let _ = sleak::workspace::parse(Path::new("sleak.toml"), &text)
            .map_err(|error| error.to_string());
    }
}
