#!/usr/bin/env bash
# Our engine and the libraries users would pick instead, on the same chunk files, in one run; writes the table to
# docs/benchmarks.md (between its compare markers) unless --no-write.
#   bash bench/compare.sh [--sizes "2kb 20kb 200kb 1mb"] [--limit SECONDS] [--no-write]
# Needs the .NET 10 SDK and node with npm (the anchors' packages are pinned in bench/anchors and installed with npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="2kb 20kb 200kb 1mb"
limit=60
write=docs/benchmarks.md
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --no-write) write=""; shift ;;
    *) echo "unknown option $1 (--sizes \"2kb 20kb\", --limit SECONDS, --no-write)" >&2; exit 2 ;;
  esac
done

out=artifacts/bench/compare
rm -rf "$out"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building (Release)"
dotnet build -c Release bench/StructuredStream.Benchmarks -o "$out/bench" >/dev/null
dotnet build -c Release src/StructuredStream.Cli -o "$out/cli" >/dev/null
# shellcheck disable=SC2086 # the sizes are words
dotnet "$out/bench/StructuredStream.Benchmarks.dll" --write-corpus "$out/corpus" $sizes

echo "== our engine, in process"
dotnet "$out/bench/StructuredStream.Benchmarks.dll" --chunk-timings "$out/corpus" "$out/ours.json"

echo "== our engine, in process, under BenchmarkDotNet"
STRUCTUREDSTREAM_CHUNK_FILES="$out/corpus" dotnet "$out/bench/StructuredStream.Benchmarks.dll" --filter '*ChunkFileBenchmarks*' --inProcess \
  --warmupCount 3 --iterationCount 10 --exporters json --artifacts "$out/bdn" > "$out/bdn.log"

echo "== our CLI, whole process (median of 3)"
{
  echo "["
  first=1
  for chunks in "$out"/corpus/*.chunks.ndjson; do
    times=()
    for _ in 1 2 3; do
      start=$(date +%s%N)
      dotnet "$out/cli/structured-stream.dll" replay --chunks "$chunks" > /dev/null
      times+=($(( ($(date +%s%N) - start) / 1000000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    [ $first = 1 ] || echo ","
    first=0
    printf '{"file":"%s","totalMs":%s}' "$(basename "$chunks")" "$median"
  done
  echo "]"
} > "$out/cli.json"

echo "== the anchors (node), at most ${limit} s per size"
(cd bench/anchors && npm ci --no-audit --no-fund --loglevel=error)
node bench/anchors/run.mjs "$out/corpus" "$out/anchors.json" "$limit"

node bench/anchors/table.mjs "$out" "$(dotnet --version)" ${write:+"$write"}
