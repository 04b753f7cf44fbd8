#!/usr/bin/env bash
# Reproduces the stub-server benchmark of docs/benchmarks.md in one run: wrk on loopback against
#  1. our stub server (apicontracts serve), ServiceStage snapshots, default page;
#  2. a bare Kestrel endpoint returning the same bytes (the ceiling);
#  3. the Pact stub server (pact stub 0.7.1, Rust, from npm) serving an equivalent pact;
# then 1,000,000 requests against our server with its memory (RSS) before and after.
# Needs wrk (apt-get install wrk) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PACT_DO_NOT_TRACK=true
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

PATH_SNAPSHOTS=/v2/0605767a3300d5762fb7c0186d9e1779/cas/applications/8a3be48a-6401-4e8c-bbce-033745252227/components/4b611997-4acd-4538-a06b-32fd2475e057/instances/11eddb33-140b-4e51-b1e2-6ec265373ca3/snapshots
H=(-H "X-Auth-Token: bench" -H "Content-Type: application/json")

wait_for() { for _ in $(seq 1 100); do curl -fs "${H[@]}" "$1" >/dev/null 2>&1 && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
measure() { # name url [wrk args...]
  local name=$1 url=$2; shift 2
  echo "== $name"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${H[@]}" "$@" "$url" | tee "$work/$name.txt" | grep -E "Requests/sec|99%|Non-2xx|Socket errors" || true
}

echo "== build (Release)"
dotnet build src/ApiContracts.Cli -c Release -v q --nologo >/dev/null
dotnet build bench/peers/kestrel -c Release -v q --nologo >/dev/null
(cd "$work" && npm pack @pact-foundation/pact-cli-linux-x64@18.1.2 --prefer-offline --silent >/dev/null && tar -m -xzf ./*.tgz)

src/ApiContracts.Cli/bin/Release/net10.0/apicontracts serve --port 18101 >/dev/null 2>&1 & pids+=($!); ours=$!
wait_for "http://127.0.0.1:18101$PATH_SNAPSHOTS"
curl -fs "${H[@]}" "http://127.0.0.1:18101$PATH_SNAPSHOTS" > "$work/body.json"
echo "default page: $(stat -c %s "$work/body.json") bytes"

dotnet bench/peers/kestrel/bin/Release/net10.0/Kestrel.Peer.dll http://127.0.0.1:18102 "$PATH_SNAPSHOTS" "$work/body.json" >/dev/null 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:18102$PATH_SNAPSHOTS"

node -e '
const body = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const pact = { consumer: { name: "bench" }, provider: { name: "servicestage" }, interactions: [{
  type: "Synchronous/HTTP", description: "the default page",
  request: { method: "GET", path: process.argv[2], headers: { "X-Auth-Token": ["bench"], "Content-Type": ["application/json"] } },
  response: { status: 200, headers: { "Content-Type": ["application/json;charset=utf-8"] }, body: { contentType: "application/json", encoded: false, content: body } } }],
  metadata: { pactSpecification: { version: "4.0" } } };
require("fs").writeFileSync(process.argv[3], JSON.stringify(pact));' "$work/body.json" "$PATH_SNAPSHOTS" "$work/pact.json"
"$work/package/standalone/pact" stub --file "$work/pact.json" --port 18103 >/dev/null 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:18103$PATH_SNAPSHOTS"

measure ours "http://127.0.0.1:18101$PATH_SNAPSHOTS"
measure kestrel "http://127.0.0.1:18102$PATH_SNAPSHOTS"
measure pact-stub "http://127.0.0.1:18103$PATH_SNAPSHOTS"

# The same server answering a different page each time: the answer cache misses, pages are generated.
src/ApiContracts.Cli/bin/Release/net10.0/apicontracts serve --port 18104 --size 1000000 >/dev/null 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:18104$PATH_SNAPSHOTS?limit=1"
measure ours-distinct-pages "http://127.0.0.1:18104$PATH_SNAPSHOTS" -s bench/distinct-pages.lua

# The dataset routes through WireMock.Net's matcher (a pack is loaded, so every request goes through
# WireMock and reaches the datasets by the lowest-priority callback): the profile behind the fast path.
src/ApiContracts.Cli/bin/Release/net10.0/apicontracts serve --port 18105 --pack fixtures/stubs/evs >/dev/null 2>&1 & pids+=($!)
wait_for "http://127.0.0.1:18105$PATH_SNAPSHOTS"
measure ours-through-wiremock "http://127.0.0.1:18105$PATH_SNAPSHOTS"

echo "== memory over 1,000,000 requests (ours)"
before=$(ps -o rss= -p "$ours")
total=0
while [ "$total" -lt 1000000 ]; do
  n=$(wrk -t2 -c"$CONNECTIONS" -d10s "${H[@]}" "http://127.0.0.1:18101$PATH_SNAPSHOTS" | awk '/requests in/ {print $1}')
  total=$((total + n))
  echo "requests so far: $total, rss_kb: $(ps -o rss= -p "$ours")"
done
echo "rss_kb before: $before, after $total requests: $(ps -o rss= -p "$ours")"
