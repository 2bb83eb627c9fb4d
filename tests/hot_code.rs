//! src/hot-code.ld, the linker script release builds of sleak link with (build.rs;
//! written by scripts/hot-code.sh): it must stay a script that both linkers in use take,
//! and it must place the functions it names in `.text.hot`, ahead of `.text`.
//!
//! The release binary itself is not built here (an LTO build takes many minutes);
//! benches/release.sh reports its `.text.hot`. A small program is linked with the script
//! instead: the standard library's functions that sleak runs at start (stdout, the
//! runtime's start-up) are named in it, so they must land in `.text.hot` of that program.

use std::path::{Path, PathBuf};
use std::process::Command;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/hot-code.ld")
}

/// The address and size of a section of an ELF file, from `readelf -SW`.
fn section(binary: &Path, name: &str) -> Option<(u64, u64)> {
    let output = Command::new("readelf")
        .args(["-SW"])
        .arg(binary)
        .output()
        .expect("readelf (binutils) runs");
    assert!(output.status.success(), "readelf failed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| {
            // "  [16] .text.hot  PROGBITS  0000000000a7c8d0 a7b8d0 12ee57 00 AX ..."
            let fields: Vec<&str> = line.split(']').nth(1)?.split_whitespace().collect();
            (fields.first() == Some(&name)).then(|| {
                let hex = |field: &str| u64::from_str_radix(field, 16).unwrap();
                (hex(fields[2]), hex(fields[4]))
            })
        })
}

#[test]
fn the_script_names_symbols_only_and_inserts_one_section_before_text() {
    let text = std::fs::read_to_string(script()).unwrap();
    let patterns: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("*("))
        .collect();
    assert!(
        patterns.len() > 500,
        "the script names {} functions; a release runs ~800",
        patterns.len()
    );
    for line in &patterns {
        // `*(.text.NAME .text.NAME.*)`: NAME exactly, or its ThinLTO copies
        // (`NAME.llvm.123`); no other glob, so a name never takes in unrelated functions.
        let inner = line.strip_prefix("*(").unwrap().strip_suffix(')').unwrap();
        let (exact, copies) = inner.split_once(' ').expect("two patterns");
        let name = exact.strip_prefix(".text.").expect(".text. prefix");
        assert_eq!(copies, format!(".text.{name}.*"), "line {line}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_$.".contains(c)),
            "not a plain symbol name: {line}"
        );
    }
    assert!(text.contains("\n  .text.hot :\n"));
    assert!(text.trim_end().ends_with("INSERT BEFORE .text;"));
}

#[test]
fn a_program_linked_with_the_script_has_its_start_up_functions_in_text_hot() {
    let work = tempfile::tempdir().unwrap();
    let source = work.path().join("hello.rs");
    std::fs::write(
        &source,
        "fn main() { let args: Vec<String> = std::env::args().collect(); \
         println!(\"hello {}\", args.len()); }\n",
    )
    .unwrap();
    // The toolchain's default linker (LLD since Rust 1.90 on x86-64 Linux), and GNU ld,
    // which older toolchains use through cc.
    for (linker, extra) in [
        ("default", None),
        ("GNU ld", Some("-Clink-arg=-fuse-ld=bfd")),
    ] {
        let binary = work
            .path()
            .join(format!("hello-{}", linker.replace(' ', "-")));
        let mut rustc = Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()));
        rustc
            .args(["--edition", "2021", "-O", "-o"])
            .arg(&binary)
            .arg(format!("-Clink-arg=-Wl,-T,{}", script().display()))
            .arg(&source);
        rustc.args(extra);
        let output = rustc.output().expect("rustc runs");
        assert!(
            output.status.success(),
            "linking with the script ({linker}) failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let run = Command::new(&binary).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&run.stdout),
            "hello 1\n",
            "{linker}"
        );

        let (hot_address, hot_size) = section(&binary, ".text.hot").unwrap_or_else(|| {
            panic!(
                "no .text.hot in a program linked with the script ({linker}): none of its \
                 functions is in this toolchain's standard library; run scripts/hot-code.sh"
            )
        });
        let (text_address, _) = section(&binary, ".text").expect(".text");
        assert!(hot_size > 0, "{linker}: empty .text.hot");
        assert!(
            hot_address < text_address,
            "{linker}: .text.hot is not ahead of .text"
        );
    }
}
