#!/usr/bin/env bash
# The whole benchmark suite in one command (about 10 minutes on 2 cores; under 15): ingestion on SQLite and PostgreSQL
# against a bare consumer, GetProfile against a no-op method on the same server (h2load maximum, open-loop latency),
# freshness (produce -> WatchProfile) and memory for 1,000,000 customers. Writes benchmarks/results/latest/
# {report.md, report.json, *.csv, *.png}. Usage: benchmarks/run.sh [--quick] [extra load-tool arguments]
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
/usr/bin/python3 benchmarks/charts.py benchmarks/results/latest
echo "report: benchmarks/results/latest/report.md"
