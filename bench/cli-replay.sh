#!/usr/bin/env bash
# Whole-process cost of `structured-stream replay` writing to /dev/null, as a user runs it: startup, 20 KB and
# 1 MB reports, in one chunk and in random 1-8 char chunks. Prints the median of RUNS runs (default 11) per case.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-11}
out=artifacts/bench

dotnet build -c Release src/StructuredStream.Cli -o "$out/cli" >/dev/null
dotnet run -c Release --project bench/StructuredStream.Benchmarks -- --write-corpus "$out/corpus" >/dev/null
echo '[]' > "$out/corpus/empty.json"

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

tool=(dotnet "$out/cli/structured-stream.dll" replay)
printf '| case | median ms (%s runs) |\n|---|---:|\n' "$runs"
printf '| startup: `replay --text empty.json` | %s |\n' "$(median_ms "${tool[@]}" --text "$out/corpus/empty.json")"
printf '| 20 KB, random 1-8 char chunks | %s |\n' "$(median_ms "${tool[@]}" --text "$out/corpus/report-20kb.json" --random-chunks 1)"
printf '| 1 MB, one chunk | %s |\n' "$(median_ms "${tool[@]}" --text "$out/corpus/report-1mb.json")"
printf '| 1 MB, random 1-8 char chunks | %s |\n' "$(median_ms "${tool[@]}" --text "$out/corpus/report-1mb.json" --random-chunks 1)"
