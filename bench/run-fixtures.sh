#!/usr/bin/env bash
# Reproduces the fixture benchmarks of docs/benchmarks.md in one run on this machine:
#  1. BenchmarkDotNet: records per second per core for each API's record;
#  2. the peer, json-schema-faker 0.6.3 (npm), on the same ServiceStage snapshot item schema;
#  3. peak memory (max RSS) of 1,000,000- and 10,000,000-record NDJSON exports.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== BenchmarkDotNet (ShortRun), one thread"
dotnet run -c Release --project bench/ApiContracts.Benchmarks -- --filter '*RecordBenchmarks*' --job short 2>&1 \
  | grep -E '^\| (Method|Records|-)' || true

echo "== peer: json-schema-faker 0.6.3, same item schema, one thread"
(cd bench/peers/json-schema-faker && npm install --prefer-offline --no-audit --no-fund --no-package-lock >/dev/null 2>&1)
node bench/peers/json-schema-faker/bench.mjs contracts/schemas/servicestage-instance-snapshots/response.200.schema.json 10

echo "== peak memory of NDJSON exports"
dotnet build src/ApiContracts.Cli -c Release -v q --nologo >/dev/null
out=$(mktemp -d)
for n in 1000000 10000000; do
  /usr/bin/time -f "count=$n max_rss_kb=%M seconds=%e" \
    src/ApiContracts.Cli/bin/Release/net10.0/apicontracts fixtures --api servicestage-instance-snapshots \
    --count "$n" --format ndjson --out "$out/export.ndjson" 2>&1 >/dev/null | grep count=
  echo "bytes=$(stat -c %s "$out/export.ndjson")"
done
rm -rf "$out"
