#!/usr/bin/env bash
# Rendering a 50-service release, side by side in one run: `sleak release` (workspace
# read and validated, every object rendered, the chart written) against `helm template`
# of the chart it writes. Median wall time of each over N runs and peak memory (RSS).
# Targets: sleak at most 0.1× Helm's wall time and 0.25× its peak memory.
#
#   benches/release.sh            build release and measure
#   benches/release.sh --runs 50
set -euo pipefail

runs=20
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) printf 'usage: benches/release.sh [--runs N]\n' >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --manifest-path "$root/Cargo.toml" --release --locked --bin sleak >&2
sleak="${CARGO_TARGET_DIR:-$root/target}/release/sleak"
helm="${SLEAK_HELM:-$(command -v helm || echo "$HOME/.cache/sleak-peers/bin/helm")}"
[ -x "$helm" ] || { echo "error: no helm (scripts/fetch-peers.sh fetches it)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/benches/workspace-50-services.sh" > "$work/sleak.toml"

sleak_cmd=("$sleak" -C "$work/sleak.toml" release -p api -e bench --image-tag v1
  --repository 123456789012.dkr.ecr.us-east-1.amazonaws.com/api --out "$work/chart")
"${sleak_cmd[@]}" >/dev/null
helm_cmd=("$helm" template api "$work/chart" --namespace api-bench)
objects="$("${helm_cmd[@]}" | grep -c '^kind:')"

python3 - "$runs" "$objects" <<'PY' -- "${sleak_cmd[@]}" --- "${helm_cmd[@]}"
import subprocess, sys, time, statistics
runs, objects = int(sys.argv[1]), sys.argv[2]
args = sys.argv[sys.argv.index("--") + 1:]
split = args.index("---")
commands = {"sleak release": args[:split], "helm template": args[split + 1:]}
result = {}
for name, command in commands.items():
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    peak = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True).stderr.strip().splitlines()[-1]
    result[name] = (statistics.median(times) * 1000, int(peak) / 1024)
print(f"rendering 50 services ({objects} objects), median of {runs} runs:")
for name, (ms, mib) in result.items():
    print(f"  {name:14} {ms:8.1f} ms  {mib:6.1f} MiB peak")
(s_ms, s_mib), (h_ms, h_mib) = result["sleak release"], result["helm template"]
print(f"  sleak / helm:  {s_ms / h_ms:.3f}× time (target ≤ 0.1×), {s_mib / h_mib:.3f}× memory (target ≤ 0.25×)")
PY

# The hot-code layout (build.rs, src/hot-code.ld) the memory figure depends on: the size of
# `.text.hot` in the binary measured, against the size of the functions the script names
# in the build it was taken from. Names of a toolchain or Cargo.lock since changed match
# nothing: scripts/hot-code.sh writes them again.
expected="$(sed -n 's/.*hot-code-bytes: \([0-9]*\).*/\1/p' "$root/src/hot-code.ld")"
hot_hex="$(readelf -SW "$sleak" | sed 's/^ *\[ *[0-9]*\]//' | awk '$1 == ".text.hot" { print $5 }')"
if [ -z "$hot_hex" ]; then
  echo "  hot code: no .text.hot, the binary was linked without src/hot-code.ld (see build.rs)"
else
  hot=$((16#$hot_hex))
  percent=$((hot * 100 / expected))
  echo "  hot code: .text.hot $((hot / 1024)) KiB, ${percent}% of what src/hot-code.ld names"
  [ "$percent" -ge 80 ] || echo "  hot code: most names no longer match; run scripts/hot-code.sh"
fi
