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
# Sockets complete on the socket engine's threads, which then run gRPC's HTTP/2 loops (NodeSettings.InlineSocketScheduling).
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS="${DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS:-1}"
exec dotnet run --project src/CustomerView.Node -c Release -- --DataDirectory="$PWD/data" "$@"
