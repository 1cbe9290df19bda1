#!/usr/bin/env bash
# A/B of dockwire jars on one topology, for a noisy machine: single runs interleaved jar by jar,
# then per jar the median, the mean of the top quartile, and the median per CPU that the run's
# simulation thread ran on. One of this VM's two virtual CPUs is often much slower than the
# other for minutes at a time (from the host; see README "Latest"), and a run stays on one, so
# the top quartile and the per-CPU medians compare the code apart from where the runs landed.
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
    read -r mfps cpu < <(DOCKWIRE_JAR="$jar" "$root/dockwire" bench --topology "$topology" --frames "${FRAMES:-2000000}" --json \
      | python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["mfps"], d["cpu"])')
    echo "  round $r $label: $mfps M frames/s (cpu $cpu)" >&2
    echo "$label $mfps $cpu" >> "$out"
  done
done
python3 - "$out" "$topology" <<'PY'
import collections, statistics, sys
runs = collections.OrderedDict()
cpus = collections.OrderedDict()
for line in open(sys.argv[1]):
    label, v, cpu = line.split()
    runs.setdefault(label, []).append(float(v))
    cpus.setdefault(label, collections.OrderedDict()).setdefault(cpu, []).append(float(v))
print("| %s | median | top-quartile mean | max | runs | median by cpu (runs) |" % sys.argv[2])
print("|---|---:|---:|---:|---:|---|")
for label, v in runs.items():
    v.sort()
    q = v[len(v) * 3 // 4:]
    by = ", ".join("%s: %.2f M (%d)" % (c, statistics.median(x), len(x)) for c, x in sorted(cpus[label].items()))
    print("| %s | %.2f M | %.2f M | %.2f M | %d | %s |" % (label, statistics.median(v), sum(q) / len(q), v[-1], len(v), by))
PY
