#!/usr/bin/env bash
# Builds and runs ns3-bridge.cc against Debian's ns-3 3.37 (apt-get install -y libns3-dev libgsl-dev).
# Prints the median frames/s of RUNS runs of FRAMES frames. usage: run-ns3.sh [RUNS] [FRAMES]  (env OUT=file)
set -euo pipefail
RUNS=${1:-3}
FRAMES=${2:-300000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
mods="ns3-core ns3-network ns3-csma ns3-bridge ns3-internet ns3-applications"
g++ -O2 -std=c++17 -o "$bin/ns3-bridge" "$here/ns3-bridge.cc" $(pkg-config --cflags --libs $mods)
rates=()
for r in $(seq "$RUNS"); do
  read -r got secs fps evpf < <("$bin/ns3-bridge" "$FRAMES")
  echo "  ns-3 run $r: $fps frames/s ($got frames in $secs s, $evpf events/frame)" >&2
  rates+=("$fps")
done
m=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "ns3 bridge $m  runs: ${rates[*]}"
if [ -n "${OUT:-}" ]; then echo "ns3-bridge $m ${rates[*]}" >> "$OUT"; fi
