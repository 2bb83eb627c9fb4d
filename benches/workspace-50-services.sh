#!/usr/bin/env bash
# Prints the workspace the rendering benchmarks use: one ProjectEnv (api/bench) of 50
# services, 30 web with autoscaling and an alias, 10 workers and 10 cron jobs (170
# objects). Used by benches/release.sh and scripts/hot-code.sh.
set -euo pipefail
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
