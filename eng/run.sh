#!/usr/bin/env bash
# Starts a CustomerView node: embedded Kafka (librdkafka mock cluster), SQLite under ./data, demo traffic.
# Extra arguments are passed to the node as configuration, e.g. --Grpc:0:Port=50052 --Demo:Customers=2000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/prerequisites.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/CustomerView.Node -c Release -- --DataDirectory="$PWD/data" "$@"
