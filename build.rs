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
}

/// Whether the binary is built for this machine (no cross build), a GNU/Linux whose
/// glibc is 2.36 or later.
fn glibc_loads_packed_relocations() -> bool {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
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
