#!/usr/bin/env bash
# Builds sleak from this checkout and installs the binary and the completion for your
# shell. Safe to run again: it replaces what it installed before.
#
#   ./install.sh                  install into ~/.local (bin/sleak)
#   ./install.sh --prefix /usr/local
#   ./install.sh --debug          faster build, slower binary
#   ./install.sh --no-completions
#   ./install.sh --from PATH      install a sleak binary built elsewhere (no build)
set -euo pipefail

say() { printf 'install.sh: %s\n' "$*" >&2; }
err() {
  printf 'install.sh: error: %s\n' "$1" >&2
  if [ $# -gt 1 ]; then printf 'install.sh: hint: %s\n' "$2" >&2; fi
  exit 1
}
need() {
  command -v "$1" >/dev/null 2>&1 || err "\`$1\` is required but not installed" "$2"
}
usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

prefix="${HOME:?HOME is not set}/.local"
profile=release
completions=yes
from=
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix)
      [ $# -ge 2 ] || err "--prefix needs a folder" "e.g. ./install.sh --prefix /usr/local"
      prefix="$2"
      shift 2
      ;;
    --prefix=*)
      prefix="${1#--prefix=}"
      shift
      ;;
    --debug)
      profile=debug
      shift
      ;;
    --no-completions)
      completions=no
      shift
      ;;
    --from)
      [ $# -ge 2 ] || err "--from needs the path of a sleak binary"
      from="$2"
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      err "unknown option \`$1\`" "run ./install.sh --help"
      ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -f "$root/Cargo.toml" ] || err "no Cargo.toml next to install.sh" "run install.sh from a sleak checkout"

if [ -n "$from" ]; then
  [ -x "$from" ] || err "\`$from\` is not an executable file" "pass the path of a built sleak binary"
  built="$from"
else
  need cargo "install Rust with rustup (https://rustup.rs), then run ./install.sh again"
  need cc "install a C compiler (Debian/Ubuntu: apt-get install build-essential)"

  say "building sleak ($profile) — the first build compiles the AWS SDK and takes a few minutes"
  if [ "$profile" = release ]; then
    cargo build --manifest-path "$root/Cargo.toml" --locked --release --bin sleak
  else
    cargo build --manifest-path "$root/Cargo.toml" --locked --bin sleak
  fi
  target_dir="${CARGO_TARGET_DIR:-$root/target}"
  built="$target_dir/$profile/sleak"
  [ -x "$built" ] || err "the build did not produce $built"
fi

say "installing: the sleak binary into $prefix/bin$([ "$completions" = yes ] && printf ', and the completion for your shell')"
say "nothing else: \`sleak sandbox up\` (run by \`sleak demo\`) installs moto into a virtual environment in sleak's data folder on first use"
mkdir -p "$prefix/bin" || err "cannot create $prefix/bin" "pick a writable --prefix"
# Install through a temporary name so a running sleak is never half overwritten.
install -m 0755 "$built" "$prefix/bin/.sleak.new"
mv -f "$prefix/bin/.sleak.new" "$prefix/bin/sleak"
say "installed $prefix/bin/sleak ($("$prefix/bin/sleak" --version))"

if [ "$completions" = yes ]; then
  shell_name="$(basename "${SHELL:-bash}")"
  data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
  config_home="${XDG_CONFIG_HOME:-$HOME/.config}"
  case "$shell_name" in
    bash) completion_file="$data_home/bash-completion/completions/sleak" ;;
    zsh) completion_file="$prefix/share/zsh/site-functions/_sleak" ;;
    fish) completion_file="$config_home/fish/completions/sleak.fish" ;;
    *) completion_file="" ;;
  esac
  if [ -n "$completion_file" ]; then
    mkdir -p "$(dirname "$completion_file")"
    "$prefix/bin/sleak" completions "$shell_name" >"$completion_file"
    say "installed the $shell_name completion in $completion_file"
    if [ "$shell_name" = zsh ]; then
      say "zsh: add \`fpath=($prefix/share/zsh/site-functions \$fpath)\` before compinit in ~/.zshrc if it is not there"
    fi
  else
    say "no completion installed for \`$shell_name\`; see completions/ for bash, zsh, fish, elvish and PowerShell"
  fi
fi

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) say "$prefix/bin is not on your PATH: add \`export PATH=\"$prefix/bin:\$PATH\"\` to your shell profile" ;;
esac
