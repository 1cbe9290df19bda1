#!/usr/bin/env bash
# Side by side, in one run, interleaved round by round (so machine noise hits all alike):
#   dockwire bench (l2, nat-out, dnat-in, scale; tracing off and full pcapng into a file in /tmp)
#   the Linux kernel in real namespaces (kernel/kernel-forwarding.sh; needs root)
#   ns-3 3.37 through a BridgeNetDevice (ns3/run-ns3.sh; needs libns3-dev libgsl-dev)
# Prints a markdown table of medians, the spread of the runs (noise), and the ratios.
# usage: sudo benchmarks/compare.sh [ROUNDS] [FRAMES]     (defaults 3 and 5000000)
set -euo pipefail
ROUNDS=${1:-3}
FRAMES=${2:-5000000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
"$root/dockwire" --version > /dev/null # builds on first use or when sources changed
# One copy of the jar for the whole run (the launcher runs it as is): editing sources meanwhile
# would otherwise make the launcher rebuild between rounds.
pinned="$(mktemp --suffix=.jar)"
out="$(mktemp)"
trap 'rm -f "$out" "$pinned"' EXIT
cp "$root/emulator/target/dockwire.jar" "$pinned"
export DOCKWIRE_JAR="$pinned"
for r in $(seq "$ROUNDS"); do
  echo "== round $r of $ROUNDS" >&2
  for t in l2 nat-out dnat-in scale; do
    for tr in "" "--trace"; do
      j=$("$root/dockwire" bench --topology "$t" --frames "$FRAMES" $tr --json)
      echo "  dockwire $t ${tr:-(no trace)}: $j" >&2
      echo "dockwire $j" >> "$out"
    done
  done
  OUT="$out" "$here/kernel/kernel-forwarding.sh" 1 3 >&2
  if pkg-config --exists ns3-bridge 2>/dev/null; then
    OUT="$out" "$here/ns3/run-ns3.sh" 1 300000 >&2
  else
    echo "  ns-3 not installed (apt-get install -y libns3-dev libgsl-dev): skipped" >&2
  fi
done
python3 - "$out" <<'PY'
import json, statistics, sys
d = {}
extra = {}
for line in open(sys.argv[1]):
    kind, rest = line.split(" ", 1)
    if kind == "dockwire":
        j = json.loads(rest)
        key = "dockwire %s%s" % (j["topology"], " +pcapng" if j["trace"] == "pcapng" else "")
        d.setdefault(key, []).append(j["mfps"] * 1e6)
        extra.setdefault(key, []).append(j)
    else:
        name, med, *runs = rest.split()
        d.setdefault(kind, []).append(float(med))
def med(k): return statistics.median(d[k])
def noise(k):
    v = d[k]; m = statistics.median(v)
    return "%d runs, %.0f-%.0f (spread %.0f%%)" % (len(v), min(v), max(v), 100 * (max(v) - min(v)) / m)
print("| what | median frames/s | B/frame | p50 / p99 / p99.9 ns per frame | runs (noise) |")
print("|---|---:|---:|---|---|")
for k in sorted(d):
    if k.startswith("dockwire"):
        e = extra[k]
        a = statistics.median(x["alloc_bytes_per_frame"] for x in e)
        lat = "%d / %d / %d" % tuple(statistics.median(x[f] for x in e) for f in ("p50_ns", "p99_ns", "p999_ns"))
        cpus = ",".join(str(x.get("cpu", "?")) for x in e)
        print("| %s | %.2f M | %.3f | %s | %s; cpu %s |" % (k, med(k) / 1e6, a, lat, noise(k), cpus))
    else:
        print("| %s | %.3f M | | | %s |" % (k, med(k) / 1e6, noise(k)))
print()
pairs = [("dockwire l2", "kernel-bridge"), ("dockwire nat-out", "kernel-masq"), ("dockwire dnat-in", "kernel-dnat"),
         ("dockwire l2", "ns3-bridge"), ("dockwire l2 +pcapng", "ns3-bridge"),
         ("dockwire l2 +pcapng", "kernel-bridge"), ("dockwire nat-out +pcapng", "kernel-masq"),
         ("dockwire dnat-in +pcapng", "kernel-dnat")]
print("| ratio | median of per-round ratios | all rounds |")
print("|---|---:|---|")
for a, b in pairs:
    if a in d and b in d:
        n = min(len(d[a]), len(d[b]))
        rs = [d[a][i] / d[b][i] for i in range(n)]
        print("| %s / %s | %.1fx | %s |" % (a, b, statistics.median(rs), ", ".join("%.1f" % r for r in rs)))
scale = extra.get("dockwire scale")
if scale:
    print()
    print("scale: create 1,000 containers (docker run) median %.2f s; conntrack entries %d" % (
        statistics.median(x["create_seconds"] for x in scale), scale[0]["conntrack_entries"]))
PY
