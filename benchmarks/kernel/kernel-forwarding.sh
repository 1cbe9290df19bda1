#!/usr/bin/env bash
# The Linux kernel doing dockwire's benchmark forwarding in real namespaces (needs root):
#   bridge : c1 eth0 =veth=> br0 =veth=> c2 eth0 -> UDP socket           (dockwire: l2)
#   routed : c1 eth0 =veth=> docker0 -> forward -> eth0 =veth=> ext     (no NAT)
#   masq   : the same + POSTROUTING -s 172.30.0.0/16 ! -o docker0 -j MASQUERADE   (dockwire: nat-out)
#   dnat   : ext =veth=> eth0 -> PREROUTING DNAT :8080 -> 172.30.0.2:80 -> docker0 =veth=> c1   (dockwire: dnat-in)
# A flood of 64-byte UDP frames from an AF_PACKET socket (flood.c, sendmmsg batches of 64) at
# the sender's eth0; frames are counted by a UDP socket at the receiver (sink.c, recvmmsg).
# Prints, per case, the median of RUNS runs of SECS seconds (packets received per second).
# Everything it creates (namespaces dwb-*) is removed on exit, also on failure.
# usage: sudo benchmarks/kernel/kernel-forwarding.sh [RUNS] [SECS]   (env OUT=file for "case pps" lines)
set -euo pipefail
RUNS=${1:-3}
SECS=${2:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(mktemp -d)"
NSS="dwb-c1 dwb-c2 dwb-br dwb-h dwb-ext dwb-d1"

cleanup() {
  for n in $NSS; do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$bin"
}
trap cleanup EXIT INT TERM

gcc -O2 -o "$bin/flood" "$here/flood.c"
gcc -O2 -o "$bin/sink" "$here/sink.c"
for n in $NSS; do ip netns del "$n" 2>/dev/null || true; ip netns add "$n"; ip -n "$n" link set lo up; done

x() { ip netns exec "$@"; }
mac() { ip -n "$1" -o link show "$2" | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/'; }

# --- bridge world: c1, c2 on br0 (in dwb-br)
ip -n dwb-br link add br0 type bridge
ip -n dwb-br link set br0 up
for c in c1 c2; do
  ip -n dwb-br link add "v$c" type veth peer name eth0 netns "dwb-$c"
  ip -n dwb-br link set "v$c" master br0
  ip -n dwb-br link set "v$c" up
  ip -n "dwb-$c" link set eth0 up
done
ip -n dwb-c1 addr add 10.99.0.2/24 dev eth0
ip -n dwb-c2 addr add 10.99.0.3/24 dev eth0

# --- docker-like host dwb-h: docker0 with c1' (reusing no namespace of the bridge world)
ip -n dwb-h link add docker0 type bridge
ip -n dwb-h addr add 172.30.0.1/16 dev docker0
ip -n dwb-h link set docker0 up
ip -n dwb-h link add vd1 type veth peer name eth0 netns dwb-d1
ip -n dwb-h link set vd1 master docker0
ip -n dwb-h link set vd1 up
ip -n dwb-d1 link set eth0 up
ip -n dwb-d1 addr add 172.30.0.2/16 dev eth0
ip -n dwb-d1 route add default via 172.30.0.1
ip -n dwb-h link add eth0 type veth peer name eth0 netns dwb-ext
ip -n dwb-h link set eth0 up
ip -n dwb-h addr add 192.168.99.10/24 dev eth0
ip -n dwb-ext link set eth0 up
ip -n dwb-ext addr add 192.168.99.20/24 dev eth0
ip -n dwb-ext route add 172.30.0.0/16 via 192.168.99.10
x dwb-h sysctl -qw net.ipv4.ip_forward=1

# warm: ARP and FDB learned both ways
x dwb-c2 ping -c1 -W1 10.99.0.2 >/dev/null
x dwb-d1 ping -c1 -W1 192.168.99.20 >/dev/null
x dwb-ext ping -c1 -W1 172.30.0.2 >/dev/null

one() { # ns-of-sender ifname dstmac src dst dport ns-of-sink sinkport
  local out
  x "$7" "$bin/sink" "$8" 1 > "$bin/sink.out" &
  local sp=$!
  until grep -q ready "$bin/sink.out" 2>/dev/null; do sleep 0.05; done
  x "$1" "$bin/flood" "$2" "$3" "$4" "$5" 20000 "$6" "$SECS" > "$bin/flood.out"
  wait "$sp"
  local got secs sent
  read -r got secs < <(tail -1 "$bin/sink.out")
  read -r sent _ < "$bin/flood.out"
  awk -v g="$got" -v s="$secs" -v n="$sent" 'BEGIN { printf "%.0f %d %d\n", g / s, g, n }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

run_case() { # name args...
  local name=$1; shift
  local rates=()
  for r in $(seq "$RUNS"); do
    read -r pps got sent < <(one "$@")
    echo "  $name run $r: $pps packets/s received ($got of $sent sent)" >&2
    rates+=("$pps")
  done
  local m
  m=$(printf '%s\n' "${rates[@]}" | median)
  echo "kernel $name $m  runs: ${rates[*]}"
  if [ -n "${OUT:-}" ]; then echo "kernel-$name $m ${rates[*]}" >> "$OUT"; fi
}

C2MAC=$(mac dwb-c2 eth0)
D0MAC=$(mac dwb-h docker0)
H0MAC=$(mac dwb-h eth0)
run_case bridge dwb-c1 eth0 "$C2MAC" 10.99.0.2 10.99.0.3 9 dwb-c2 9
run_case routed dwb-d1 eth0 "$D0MAC" 172.30.0.2 192.168.99.20 9 dwb-ext 9
x dwb-h iptables -t nat -A POSTROUTING -s 172.30.0.0/16 ! -o docker0 -j MASQUERADE
run_case masq dwb-d1 eth0 "$D0MAC" 172.30.0.2 192.168.99.20 9 dwb-ext 9
x dwb-h iptables -t nat -A PREROUTING -d 192.168.99.10/32 -p udp --dport 8080 -j DNAT --to-destination 172.30.0.2:80
run_case dnat dwb-ext eth0 "$H0MAC" 192.168.99.20 192.168.99.10 8080 dwb-d1 80
