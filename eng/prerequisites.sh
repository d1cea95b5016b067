#!/usr/bin/env bash
# Installs the operating-system packages CustomerView needs at run and test time.
# Idempotent: does nothing when everything is present. Needs root (or sudo) on Debian 12.
set -euo pipefail

packages=(librdkafka1 python3-grpcio python3-protobuf nghttp2-client postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "Installing: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The postgresql package starts a cluster of its own; tests start throwaway servers instead.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  "${sudo_cmd[@]}" pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
fi
