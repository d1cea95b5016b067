#!/usr/bin/env bash
# Our no-op unary gRPC method against the protocol floor: a bare Kestrel endpoint that reads the request body and
# writes the same response bytes (HEADERS, one empty message, grpc-status 0 trailers) without any gRPC processing
# (FLOOR_IGNORES_BODY=1: the floor does not even read the request). Both are served by one
# process and loaded by h2load (Debian nghttp2-client) in the same run, alternating, so they share the machine's state.
# Prints each side's requests per second and the ratio (target: ours >= 85% of the floor).
# Usage: benchmarks/grpc-floor.sh [requests per round, default 100000] [rounds, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."

requests="${1:-100000}"
rounds="${2:-7}"
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

# Each round runs the two back to back (in alternating order), so a round's ratio compares like with like even when
# the machine is shared; the median round ratio is the figure that counts.
: > "$work/rounds"
for round in $(seq "$rounds"); do
  if ((round % 2)); then
    floor="$(load "$floor_port" "$requests")"; grpc="$(load "$grpc_port" "$requests")"
  else
    grpc="$(load "$grpc_port" "$requests")"; floor="$(load "$floor_port" "$requests")"
  fi
  echo "$floor $grpc" >> "$work/rounds"
  awk -v r="$round" -v f="$floor" -v g="$grpc" 'BEGIN { printf "round %d: floor %8.0f req/s   grpc %8.0f req/s   ratio %5.1f%%\n", r, f, g, 100 * g / f }'
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
floor_median="$(awk '{ print $1 }' "$work/rounds" | median)"
grpc_median="$(awk '{ print $2 }' "$work/rounds" | median)"
ratio_median="$(awk '{ print $2 / $1 }' "$work/rounds" | median)"
awk -v c="$clients" -v m="$streams" -v n="$rounds" -v f="$floor_median" -v g="$grpc_median" -v r="$ratio_median" 'BEGIN {
  printf "h2load -c %d -m %d -t 1, %d rounds\n", c, m, n
  printf "floor (bare Kestrel, same bytes): median %8.0f req/s\n", f
  printf "grpc  (CustomerView.Grpc no-op):  median %8.0f req/s\n", g
  printf "median round ratio: %.1f%% (target >= 85%%)\n", 100 * r
}'
