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
{
  cat <<'TOML'
[organization]
name = "acme"
domain = "acme.dev"
region = "us-east-1"
email = "aws@acme.dev"

[vpn]
enabled = false

[clusters.local]
context = "bench"

[environments.bench]
cluster = "local"

[projects.api]

[projects.api.envs.bench]
variables = { LOG_LEVEL = "info" }
TOML
  for i in $(seq 0 49); do
    case $((i % 5)) in
      0|1|2) printf '\n[projects.api.envs.bench.services.web%s]\nkind = "web"\nport = 8080\nreplicas = 2\naliases = ["www%s.acme.dev"]\nautoscaling = { min = 2, max = 6, cpu_percent = 70 }\nhealth_check = { path = "/healthz" }\nvariables = { WEB_CONCURRENCY = "4" }\n' "$i" "$i" ;;
      3) printf '\n[projects.api.envs.bench.services.worker%s]\nkind = "worker"\ncommand = ["bin/worker", "--queue", "q%s"]\n' "$i" "$i" ;;
      4) printf '\n[projects.api.envs.bench.services.cron%s]\nkind = "cron"\nschedule = "0 3 * * *"\ncommand = ["bin/report"]\n' "$i" ;;
    esac
  done
} > "$work/sleak.toml"

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
