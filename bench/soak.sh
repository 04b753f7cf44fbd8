#!/usr/bin/env bash
# The long soak of docs/benchmarks.md ("Hostile soak"): random hostile requests against apicontracts serve
# for DURATION seconds (default 300) on CONNECTIONS connections (default 16), then the statuses and the
# server's memory (RSS) before and after. Exit 1 if any answer was a 5xx or a request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
DURATION=${DURATION:-300}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18111}
TOKEN=soak-admin-token-$$-$RANDOM
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT

echo "== build (Release)"
dotnet build src/ApiContracts.Cli -c Release -v q --nologo >/dev/null
dotnet build bench/ApiContracts.Benchmarks -c Release -v q --nologo >/dev/null

APICONTRACTS_ADMIN_TOKEN="$TOKEN" src/ApiContracts.Cli/bin/Release/net10.0/apicontracts serve --port "$PORT" >/dev/null 2>&1 & pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/__stub/settings" >/dev/null 2>&1 && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
before=$(rss)
echo "rss_kb before: $before"
status=0
dotnet bench/ApiContracts.Benchmarks/bin/Release/net10.0/ApiContracts.Benchmarks.dll soak "http://127.0.0.1:$PORT" "$TOKEN" "$DURATION" "$CONNECTIONS" || status=$?
after=$(rss)
echo "rss_kb before: $before, after: $after"
curl -fs -o /dev/null -w "server still answers: %{http_code}\n" -H "X-Auth-Token: t" "http://127.0.0.1:$PORT/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail"
exit "$status"
