#!/usr/bin/env bash
# `sleak demo` on this machine, as a new user runs it once sleak is built: a private data
# folder (so the sandbox starts cold: moto and the stand-in), a new demo folder, the whole
# flow; then the second run, which changes nothing. Target: the first run within 3 minutes
# on a 2-core machine. Prints the wall time of each run and of `sleak sandbox up` alone.
#
#   benches/demo.sh                 build release and measure
#   benches/demo.sh --debug         measure the debug build (what the tests run)
set -euo pipefail

profile=release
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug; shift ;;
    *) printf 'usage: benches/demo.sh [--debug]\n' >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$profile" = release ]; then
  cargo build --manifest-path "$root/Cargo.toml" --release --locked --bin sleak >&2
else
  cargo build --manifest-path "$root/Cargo.toml" --locked --bin sleak >&2
fi
sleak="${CARGO_TARGET_DIR:-$root/target}/$profile/sleak"

work="$(mktemp -d)"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
export NO_COLOR=1
mkdir -p "$HOME"
cleanup() { "$sleak" sandbox down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

seconds() { python3 -c 'import time; print(time.monotonic())'; }
measure() {
  local start end
  start="$(seconds)"
  "$@" >/dev/null 2>"$work/last.log" || { cat "$work/last.log" >&2; exit 1; }
  end="$(seconds)"
  python3 -c "print(f'{$end - $start:.1f} s')"
}

printf 'sleak sandbox up (cold):   %s\n' "$(measure "$sleak" sandbox up)"
"$sleak" sandbox down >/dev/null 2>&1
printf 'sleak demo (first run, sandbox started by it): %s\n' "$(measure "$sleak" demo)"
printf 'sleak demo (second run, nothing to change):    %s\n' "$(measure "$sleak" demo)"
