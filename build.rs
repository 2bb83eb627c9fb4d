//! Link flags of the sleak binary that depend on the machine it is built on.

use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if glibc_loads_packed_relocations() {
        // DT_RELR: the binary's ~118,000 relative relocations (it is position
        // independent, for ASLR) packed in a few kilobytes instead of a 2.8 MB table
        // that the loader reads at every start; ~3 MB less memory and ~1 ms less for
        // every command. Both linkers in use, LLD (Rust's default here) and GNU ld
        // (2.38+), write it; the binary then needs glibc 2.36 or later to start, so the
        // flag is only given when building for this machine's glibc and it is that
        // recent. It is here and not in .cargo/config.toml for that reason, and because
        // install.sh builds with `--manifest-path` from any folder, where Cargo would not
        // read the checkout's config.
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    if hot_code_layout_applies() {
        // src/hot-code.ld (written by scripts/hot-code.sh) puts the ~1.9 MB of functions
        // that the offline commands run (--version, --help, validate, plan, release)
        // together in front of the rest of the 44 MB of code. The kernel maps code 64 KB
        // at a time around each page that runs; spread over `.text` as the compiler
        // leaves them, the functions of one command made ~8 MB of the binary resident
        // (`sleak release` of 50 services: 14.0 -> 8.6 MiB peak; `validate` 13.5 -> 7.9).
        // A script that only INSERTs a section keeps the linker's own layout for
        // everything else; LLD and GNU ld both read it (docs/architecture.md).
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", hot_code_script());
    }
    // Also when it does not apply now: a script that appears later must be linked in.
    println!("cargo::rerun-if-changed={}", hot_code_script());
    println!("cargo::rerun-if-env-changed=SLEAK_HOT_CODE");
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// Whether the release binary is linked with src/hot-code.ld: release profile, Linux
/// (ELF), the script present, and no linker of the user's choosing (mold, for one,
/// reads no SECTIONS), nor a path the link argument could not carry. `SLEAK_HOT_CODE=0`
/// links without it: scripts/hot-code.sh profiles such a build, because valgrind names
/// no function outside a section called `.text`.
fn hot_code_layout_applies() -> bool {
    let rustflags = var("CARGO_ENCODED_RUSTFLAGS");
    let manifest_dir = var("CARGO_MANIFEST_DIR");
    var("PROFILE") == "release"
        && var("SLEAK_HOT_CODE") != "0"
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && std::env::var_os("RUSTC_LINKER").is_none()
        && !rustflags.contains("linker")
        && !rustflags.contains("fuse-ld")
        && !manifest_dir.contains(',')
        && std::path::Path::new(&hot_code_script()).is_file()
}

fn hot_code_script() -> String {
    format!("{}/src/hot-code.ld", var("CARGO_MANIFEST_DIR"))
}

/// Whether the binary is built for this machine (no cross build), a GNU/Linux whose
/// glibc is 2.36 or later.
fn glibc_loads_packed_relocations() -> bool {
    var("TARGET") == var("HOST")
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && glibc_version().is_some_and(|version| version >= (2, 36))
}

/// The glibc version of this machine, from `getconf GNU_LIBC_VERSION` ("glibc 2.36").
fn glibc_version() -> Option<(u32, u32)> {
    let output = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let (major, minor) = text.trim().strip_prefix("glibc ")?.split_once('.')?;
    let minor = minor.split('.').next()?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}
