#!/usr/bin/env bash
# Reproduces the probe benchmark of docs/benchmarks.md: a full `apicontracts probe` of all five APIs against
# `apicontracts serve` on loopback (Release builds), with the stub's default 25 records per parent and with
# 1,000 (longer walks). Each run prints checks, requests, seconds and the rates; RUNS=3 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
RUNS=${RUNS:-3}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "== build (Release)"
dotnet build src/ApiContracts.Cli -c Release -v q --nologo >/dev/null
cli=src/ApiContracts.Cli/bin/Release/net10.0/apicontracts

for size in 25 1000; do
  port=$((18200 + size % 100))
  "$cli" serve --port "$port" --size "$size" >/dev/null 2>&1 & pids+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/__stub/parents" >/dev/null 2>&1 && break; sleep 0.2; done
  for run in $(seq 1 "$RUNS"); do
    echo "== size $size, run $run"
    "$cli" probe --base-url "http://127.0.0.1:$port" --max-requests 10000 | tail -1
  done
done
