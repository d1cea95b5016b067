#!/usr/bin/env bash
# Starts a CustomerView node: embedded Kafka (librdkafka mock cluster), SQLite under ./data, demo traffic.
# Extra arguments are passed to the node as configuration, e.g. --Grpc:0:Port=50052 --Demo:Customers=2000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A 256 MiB first-generation budget per GC heap: far fewer collections while ingesting, each of which scans every
# profile changed since the last one (benchmarks/RESULTS.md). The runtime reads this setting only from the environment.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}"
# Sockets complete on the socket engine's threads, which then run gRPC's HTTP/2 loops (NodeSettings.InlineSocketScheduling),
# unless the node stores in PostgreSQL: its driver's replies would complete there too, and ingestion was 15-20 % slower
# in paired runs (benchmarks/RESULTS.md).
inline=1
case " $* ${CUSTOMERVIEW_Storage__Provider:-} " in *postgres*) inline=0 ;; esac
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS="${DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS:-$inline}"
exec dotnet run --project src/CustomerView.Node -c Release -- --DataDirectory="$PWD/data" "$@"
