#!/usr/bin/env bash
# Our no-op unary gRPC method against the protocol floor: a bare Kestrel endpoint that writes the same response
# bytes (HEADERS, one empty message, grpc-status 0 trailers) without any gRPC processing. Both are served by one
# process and loaded by h2load (Debian nghttp2-client) in the same run, alternating, so they share the machine's state.
# Prints each side's requests per second and the ratio (target: ours >= 85% of the floor).
# Usage: benchmarks/grpc-floor.sh [requests per round, default 200000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."

requests="${1:-200000}"
rounds="${2:-3}"
clients="${CLIENTS:-8}"
streams="${STREAMS:-16}"
path="/customerview.bench.v1.Bench/Noop"

command -v h2load >/dev/null || { echo "h2load missing: apt-get install nghttp2-client" >&2; exit 1; }
project=benchmarks/CustomerView.Grpc.Benchmarks
if command -v flock >/dev/null; then
  flock /tmp/build.lock dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
else
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
fi

work="$(mktemp -d)"
trap 'exec 3>&-; kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
printf '\x00\x00\x00\x00\x00' > "$work/request.bin"
mkfifo "$work/stdin"
dotnet "$project/bin/Release/net10.0/CustomerView.Grpc.Benchmarks.dll" serve < "$work/stdin" > "$work/ports" &
server=$!
exec 3>"$work/stdin"
for _ in $(seq 100); do grep -q READY "$work/ports" 2>/dev/null && break; sleep 0.1; done
read -r _ grpc_kv floor_kv < "$work/ports"
grpc_port="${grpc_kv#grpc=}"
floor_port="${floor_kv#floor=}"

load() { # port count -> req/s
  local out
  out="$(h2load -n "$2" -c "$clients" -m "$streams" -t 1 -d "$work/request.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$1$path")"
  if ! grep -q "status codes: $2 2xx" <<<"$out"; then
    echo "h2load did not get $2 successful responses from port $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  awk '/^finished in/ { for (i = 1; i <= NF; i++) if ($(i+1) == "req/s,") { print $i; exit } }' <<<"$out"
}

# Both answer with grpc-status 0 in the trailers.
if command -v nghttp >/dev/null; then
  for port in "$grpc_port" "$floor_port"; do
    nghttp -v -d "$work/request.bin" -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$port$path" \
      | grep -q 'grpc-status: 0' || { echo "port $port did not answer grpc-status 0" >&2; exit 1; }
  done
fi

echo "warming up..."
load "$floor_port" 50000 >/dev/null
load "$grpc_port" 50000 >/dev/null

best_floor=0
best_grpc=0
for round in $(seq "$rounds"); do
  floor="$(load "$floor_port" "$requests")"
  grpc="$(load "$grpc_port" "$requests")"
  printf 'round %d: floor %10.0f req/s   grpc %10.0f req/s\n' "$round" "$floor" "$grpc"
  best_floor="$(awk -v a="$best_floor" -v b="$floor" 'BEGIN { print (b > a) ? b : a }')"
  best_grpc="$(awk -v a="$best_grpc" -v b="$grpc" 'BEGIN { print (b > a) ? b : a }')"
done

awk -v f="$best_floor" -v g="$best_grpc" -v c="$clients" -v m="$streams" 'BEGIN {
  printf "h2load -c %d -m %d -t 1, best of each side:\n", c, m
  printf "floor (bare Kestrel, same bytes): %10.0f req/s\n", f
  printf "grpc  (CustomerView.Grpc no-op):  %10.0f req/s\n", g
  printf "ratio: %.1f%% (target >= 85%%)\n", 100 * g / f
}'
