#!/usr/bin/env bash
# The whole benchmark suite in one command (about 13 minutes on 2 cores with its builds; under 15): ingestion on
# SQLite and PostgreSQL against a bare consumer, GetProfile against a no-op method on the same server (h2load maximum,
# open-loop latency), freshness (produce -> WatchProfile) and memory for 1,000,000 customers; then the BenchmarkDotNet
# micro-benchmarks (quick job, about 2 minutes; MICRO_ARGS overrides, e.g. MICRO_ARGS="--filter *View*" for the default
# job on one class, MICRO_ARGS=skip to leave them out). Writes benchmarks/results/latest/{report.md, report.json,
# micro.md, *.csv, *.png}, and copies the report's figures into benchmarks/RESULTS.md (between its report markers; the
# analysis around them is written by hand). Usage: benchmarks/run.sh [--quick] [extra load-tool arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v h2load >/dev/null || need+=(nghttp2-client)
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || need+=(python3-matplotlib)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

lock() { if command -v flock >/dev/null; then flock /tmp/build.lock "$@"; else "$@"; fi; }
lock dotnet build benchmarks/CustomerView.LoadTool -c Release -nologo -clp:ErrorsOnly
lock dotnet benchmarks/CustomerView.LoadTool/bin/Release/net10.0/CustomerView.LoadTool.dll all \
  --storage sqlite,postgres --out benchmarks/results "$@"

read -r -a micro_args <<<"${MICRO_ARGS:---quick}"
if [ "${micro_args[0]:-}" != skip ]; then
  micro_log="${TMPDIR:-/tmp}/customerview-micro.log"
  echo "micro-benchmarks (log: $micro_log)..."
  lock dotnet build benchmarks/CustomerView.Benchmarks.Micro -c Release -nologo -clp:ErrorsOnly
  lock dotnet benchmarks/CustomerView.Benchmarks.Micro/bin/Release/net10.0/CustomerView.Benchmarks.Micro.dll "${micro_args[@]}" \
    --out benchmarks/results/latest/micro.md > "$micro_log" || { tail -n 40 "$micro_log" >&2; exit 1; }
  grep -q 'micro.md' benchmarks/results/latest/report.md \
    || printf '\n## Micro-benchmarks\n\nBenchmarkDotNet tables: [micro.md](micro.md).\n' >> benchmarks/results/latest/report.md
fi

/usr/bin/python3 benchmarks/charts.py benchmarks/results/latest
/usr/bin/python3 benchmarks/results_page.py benchmarks/results/latest/report.md benchmarks/RESULTS.md
echo "report: benchmarks/results/latest/report.md"
