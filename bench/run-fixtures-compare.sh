#!/usr/bin/env bash
# Records per second of the fixture generator at two revisions, in one run, interleaved:
# OLD_REV (default main) is exported with git archive into a temporary folder and built there; the work
# tree is the new side. Each round runs, in turn (the order alternating between rounds), the old generator
# and the new one with each profile, each in a fresh process (bench/FixtureCompare: 1 s warm-up, then
# BATCHES batches of COUNT consecutive records from index 123,456,789 of a 10^9-record dataset, one
# thread). The summary gives, per API and side, the median over the rounds of each process's fastest batch,
# in records per second of the process's CPU time (steady on a loaded machine) and of wall time, and the
# bytes allocated per record.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
OLD_REV=${OLD_REV:-main} ROUNDS=${ROUNDS:-5} COUNT=${COUNT:-50000} BATCHES=${BATCHES:-5}
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git archive "$OLD_REV" | tar -x -C "$old"
cp -r bench/FixtureCompare "$old/bench/" && rm -rf "$old/bench/FixtureCompare/bin" "$old/bench/FixtureCompare/obj"
# A generator before fixture profiles has no FixtureProfile: build it without.
noprofiles=true; grep -q 'class FixtureProfile' -r "$old/src/ApiContracts.Fixtures" && noprofiles=false
echo "== old: $OLD_REV ($(git rev-parse --short "$OLD_REV")), new: work tree ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', modified'))"
(cd "$old" && dotnet build bench/FixtureCompare -c Release -v q --nologo -p:NoProfiles=$noprofiles >/dev/null)
dotnet build bench/FixtureCompare -c Release -v q --nologo >/dev/null
OLD_DLL="$old/bench/FixtureCompare/bin/Release/net10.0/FixtureCompare.dll"
NEW_DLL=bench/FixtureCompare/bin/Release/net10.0/FixtureCompare.dll
out=$(mktemp)
run_old() { dotnet "$OLD_DLL" "$old" old realistic "$COUNT" "$BATCHES" | tee -a "$out"; }
run_new() { dotnet "$NEW_DLL" . "new-$1" "$1" "$COUNT" "$BATCHES" | tee -a "$out"; }
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r"
  if (( r % 2 )); then run_old; run_new realistic; run_new edge
  else run_new edge; run_new realistic; run_old; fi
done
summary() { # $1: the column of FixtureCompare's line to summarise, $2: its name
  echo "== $2: median over $ROUNDS rounds"
  awk -v col="$1" '{ gsub(",", "", $col); print $2, $1, $col }' "$out" | sort -k1,1 -k2,2 -k3,3n | awk '
    { key = $1 " " $2; v[key, ++n[key]] = $3; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
    END { for (i = 1; i <= k; i++) { key = order[i]; c = n[key]; m = (c % 2) ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2;
          split(key, p, " "); med[p[1], p[2]] = m; if (!(p[1] in apis)) { apis[p[1]] = 1; names[++a] = p[1] } }
          printf "%-32s %12s %14s %7s %12s %7s\n", "api", "old", "new-realistic", "ratio", "new-edge", "ratio";
          for (j = 1; j <= a; j++) { x = names[j]; printf "%-32s %12.0f %14.0f %7.2f %12.0f %7.2f\n", x, med[x, "old"], med[x, "new-realistic"], med[x, "new-realistic"] / med[x, "old"], med[x, "new-edge"], med[x, "new-edge"] / med[x, "old"] } }'
}
summary 4 "records/s per CPU second (fastest batch of each process)"
summary 7 "records/s of wall time (fastest batch of each process)"
summary 9 "bytes allocated per record"
rm -f "$out"
