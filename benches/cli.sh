#!/usr/bin/env bash
# Median wall time of `sleak --version`, `sleak validate` and `sleak plan` on
# sleak.toml.example, of `sleak eks-token` (kubectl runs it before every session; static
# credentials, no network), and the peak memory of `sleak plan`. Targets on a 2-core
# machine: under 10 ms, 20 ms, 50 ms and 50 ms. Uses hyperfine when installed, else a
# timing loop.
#
#   benches/cli.sh            build release and measure
#   benches/cli.sh --runs 50
set -euo pipefail

runs=30
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    *) printf 'usage: benches/cli.sh [--runs N]\n' >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo build --manifest-path "$root/Cargo.toml" --release --locked --bin sleak >&2
sleak="${CARGO_TARGET_DIR:-$root/target}/release/sleak"
example="$root/sleak.toml.example"

# eks-token signs with these made-up static credentials and asks nothing of the network.
export AWS_ACCESS_KEY_ID=AKIDBENCHMARK AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

commands=(
  "$sleak --version"
  "$sleak validate -C $example"
  "$sleak plan --offline -C $example --output json"
  "$sleak eks-token --cluster-name bench"
)
names=("sleak --version" "sleak validate" "sleak plan" "sleak eks-token")

median_ms() {
  # Runs "$1" $runs times and prints the median wall time in milliseconds.
  local command="$1" samples=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    $command >/dev/null 2>&1
    end=$(date +%s%N)
    samples+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f", m / 1000 }'
}

printf '%-18s %12s\n' "command" "median (ms)"
for index in "${!commands[@]}"; do
  if command -v hyperfine >/dev/null 2>&1; then
    json="$(mktemp)"
    hyperfine --warmup 3 --runs "$runs" --shell=none --export-json "$json" "${commands[$index]}" >/dev/null 2>&1
    median="$(python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json")"
    rm -f "$json"
  else
    median="$(median_ms "${commands[$index]}")"
  fi
  printf '%-18s %12s\n' "${names[$index]}" "$median"
done

if [ -x /usr/bin/time ]; then
  peak="$(/usr/bin/time -f '%M' "$sleak" plan --offline -C "$example" --output json 2>&1 >/dev/null | tail -n 1)"
  printf '%-18s %9s KiB\n' "plan peak memory" "$peak"
fi
