#!/usr/bin/env bash
# Build figure for the multi-host world: HOSTS Docker hosts in one swarm, CONTAINERS containers on
# each (docker run on every host) on one attachable overlay, replayed by `dockwire run`; prints the
# wall time of the whole run (JVM start, swarm, overlay, every container's peers on every host).
#   benchmarks/swarm-scale.sh [HOSTS] [CONTAINERS] [RUNS]     (default 100 100 3)
set -euo pipefail
hosts=${1:-100}; per=${2:-100}; runs=${3:-3}
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/dockwire-swarm-scale.XXXXXX)
trap 'rm -rf "$dir"' EXIT
s=$dir/swarm-scale.dw
{
  printf '# dockwire: docker-hosts'; for h in $(seq 0 $((hosts - 1))); do printf ' h%d' "$h"; done; echo
  echo 'docker swarm init'
  for h in $(seq 1 $((hosts - 1))); do echo "@h$h docker swarm join --token <TOKEN> 192.168.1.10:2377"; done
  echo 'docker network create -d overlay --attachable big --subnet 10.10.0.0/16'
  for h in $(seq 0 $((hosts - 1))); do
    for c in $(seq 0 $((per - 1))); do echo "@h$h docker run -dit --name h$h-c$c --network big busybox"; done
  done
} > "$s"
./dockwire run "$s" --out "$dir/out" > /dev/null  # builds the jar if needed, outside the timing
for r in $(seq "$runs"); do
  start=$(date +%s.%N)
  ./dockwire run "$s" --out "$dir/out" > /dev/null
  end=$(date +%s.%N)
  echo "run $r: $hosts hosts x $per containers: $(echo "$end - $start" | bc) s"
done
