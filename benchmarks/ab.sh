#!/usr/bin/env bash
# A/B of dockwire jars on one topology, for a noisy machine: single runs interleaved jar by jar,
# then per jar the median and the mean of the top quartile. This VM has a fast and a slow phase
# (seconds long, from the host; see README "Latest"), so the top quartile compares the code in
# the fast phase while the median mixes in how many runs each jar got in the slow one.
# usage: benchmarks/ab.sh ROUNDS TOPOLOGY LABEL=JAR [LABEL=JAR ...]
#   e.g. benchmarks/ab.sh 10 l2 before=/tmp/before.jar after=emulator/target/dockwire.jar
# FRAMES (default 2000000) sets the frames per run; each jar runs through the launcher
# (DOCKWIRE_JAR), so with its JVM options, and DOCKWIRE_JAVA_OPTS applies to every run.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n 2,9p "$0" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=$1
topology=$2
shift 2
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
for r in $(seq "$rounds"); do
  for cfg in "$@"; do
    label=${cfg%%=*}
    jar=${cfg#*=}
    mfps=$(DOCKWIRE_JAR="$jar" "$root/dockwire" bench --topology "$topology" --frames "${FRAMES:-2000000}" --json \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["mfps"])')
    echo "  round $r $label: $mfps M frames/s" >&2
    echo "$label $mfps" >> "$out"
  done
done
python3 - "$out" "$topology" <<'PY'
import collections, statistics, sys
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    label, v = line.split()
    runs.setdefault(label, []).append(float(v))
print("| %s | median | top-quartile mean | max | runs |" % sys.argv[2])
print("|---|---:|---:|---:|---:|")
for label, v in runs.items():
    v.sort()
    q = v[len(v) * 3 // 4:]
    print("| %s | %.2f M | %.2f M | %.2f M | %d |" % (label, statistics.median(v), sum(q) / len(q), v[-1], len(v)))
PY
