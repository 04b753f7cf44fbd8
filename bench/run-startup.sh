#!/usr/bin/env bash
# Start-up benchmark of docs/benchmarks.md, in one run: the time from starting a stub server's process to
# its first 200 answer to an API request (bench/first-answer.mjs polls every 2 ms on loopback), in RUNS
# rounds that start each server once, for
#  1. ours: `apicontracts serve`, published as the tool ships it (ReadyToRun, `dotnet apicontracts.dll`);
#  2. ours, the same build without ReadyToRun (JIT), to show what precompiling buys;
#  3. the Pact stub server (`pact stub`, Rust, from @pact-foundation/pact-cli-linux-x64 18.1.2) serving a
#     one-interaction pact with the same request;
#  4. WireMock (Java) 3.13.2 (`wiremock` on npm) serving our EVS stub pack.
# All answer GET <EVS list> with X-Auth-Token. Needs the .NET SDK, Node.js with npm, and Java.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PACT_DO_NOT_TRACK=true
RUNS=${RUNS:-15}
RID=${RID:-linux-x64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

EVS=/v2/20a68d6b7a124ae2b6b8a22046ee5966/cloudsnapshots/detail
HEADER="X-Auth-Token: bench"

echo "== build: dotnet publish -r $RID (ReadyToRun, as the tool package) and a JIT build"
dotnet publish src/ApiContracts.Cli -c Release -r "$RID" --self-contained false -o "$work/r2r" -v q --nologo >/dev/null
dotnet publish src/ApiContracts.Cli -c Release -r "$RID" --self-contained false -p:PublishReadyToRun=false -o "$work/jit" -v q --nologo >/dev/null
echo "== peers from npm"
(cd "$work" && npm pack @pact-foundation/pact-cli-linux-x64@18.1.2 wiremock@3.13.2 --prefer-offline --silent >/dev/null \
  && mkdir pact wiremock && tar -m -xzf pact-foundation-pact-cli-linux-x64-18.1.2.tgz -C pact && tar -m -xzf wiremock-3.13.2.tgz -C wiremock)

# The pact for the Pact stub server: the request above, answered with our server's body.
dotnet "$work/r2r/apicontracts.dll" fixtures --api evs-snapshots-detail --count 2 --format json --out "$work/records.json" >/dev/null
node -e '
const records = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const pact = { consumer: { name: "bench" }, provider: { name: "evs" }, interactions: [{
  type: "Synchronous/HTTP", description: "the snapshot list",
  request: { method: "GET", path: process.argv[2], headers: { "X-Auth-Token": ["bench"] } },
  response: { status: 200, headers: { "Content-Type": ["application/json"] },
              body: { contentType: "application/json", encoded: false, content: { count: records.length, snapshots: records } } } }],
  metadata: { pactSpecification: { version: "4.0" } } };
require("fs").writeFileSync(process.argv[3], JSON.stringify(pact));' "$work/records.json" "$EVS" "$work/pact.json"

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $RUNS rounds"
repo=$(pwd)
empty=$(mktemp -d -p "$work")
cd "$empty"   # servers start in an empty folder, as a user's would
# Rounds interleave the servers (ours, ours JIT, Pact, WireMock, then again), so a burst of load from other
# jobs on the machine falls on all of them alike rather than on one server's block of starts.
for round in $(seq 1 "$RUNS"); do
  node "$repo/bench/first-answer.mjs" apicontracts-r2r 1 "http://127.0.0.1:18401$EVS" "$HEADER" -- dotnet "$work/r2r/apicontracts.dll" serve --port 18401 >> "$work/results.jsonl"
  node "$repo/bench/first-answer.mjs" apicontracts-jit 1 "http://127.0.0.1:18402$EVS" "$HEADER" -- dotnet "$work/jit/apicontracts.dll" serve --port 18402 >> "$work/results.jsonl"
  node "$repo/bench/first-answer.mjs" pact-stub 1 "http://127.0.0.1:18403$EVS" "$HEADER" -- "$work/pact/package/standalone/pact" stub --file "$work/pact.json" --port 18403 >> "$work/results.jsonl"
  node "$repo/bench/first-answer.mjs" wiremock-java 1 "http://127.0.0.1:18404$EVS" "$HEADER" -- java -jar "$work/wiremock/package/build/wiremock-standalone-3.13.2.jar" --port 18404 --root-dir "$repo/fixtures/stubs/evs" --disable-banner >> "$work/results.jsonl"
  echo "round $round done (load average $(cut -d' ' -f1 /proc/loadavg))"
done
cd "$repo"
echo "== load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| server | median | mean | min | max | starts |"
echo "|---|---:|---:|---:|---:|---:|"
node -e '
const by = new Map();
for (const line of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
  const r = JSON.parse(line);
  by.set(r.name, [...(by.get(r.name) ?? []), ...r.ms]);
}
const s = (ms) => (ms / 1000).toFixed(3) + " s";
for (const [name, all] of by) {
  const ms = all.sort((a, b) => a - b);
  const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
  console.log(`| ${name} | ${s(median)} | ${s(ms.reduce((a, b) => a + b, 0) / ms.length)} | ${s(ms[0])} | ${s(ms[ms.length - 1])} | ${ms.length} |`);
}' "$work/results.jsonl"
