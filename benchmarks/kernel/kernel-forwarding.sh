#!/usr/bin/env bash
# The Linux kernel doing dockwire's benchmark forwarding in real namespaces (needs root):
#   bridge : c1 eth0 =veth=> docker0 =veth=> c2 eth0 -> UDP socket       (dockwire: l2)
#   routed : c1 eth0 =veth=> docker0 -> forward -> eth0 =veth=> lan br0 =veth=> ext   (no rules, no conntrack)
#   masq   : the same through Docker's rules: MASQUERADE -s 172.30.0.0/16 ! -o docker0 (dockwire: nat-out)
#   dnat   : ext =veth=> lan br0 =veth=> eth0 -> Docker's DNAT :8080 -> 172.30.0.2:80 -> docker0 =veth=> c1
#            (dockwire: dnat-in)
# The host's eth0 and ext meet on a bridge in namespace dwb-lan, as the Docker host and the client
# meet on lan:br0 in dockwire's worlds (LAN=direct: one veth between them, the setup before
# session 13).
# The bridge, masq and dnat worlds carry what Docker 27 programs and dockwire's bench worlds have
# (dockwire's `iptables-save` for `docker run` and `docker run -p 8080:80/udp`): the filter
# table's FORWARD with DOCKER-USER, the isolation chains and DOCKER, the nat table's DOCKER chain
# and MASQUERADE, and net.bridge.bridge-nf-call-iptables=1, so bridged frames pass conntrack and
# the FORWARD chains (br_netfilter) in the kernel as they do in dockwire. RULES=minimal instead
# gives the bridge no rules or br_netfilter and masq/dnat one rule each (the setup before
# session 13). SHOW_COUNTERS=1 prints the FORWARD chain's counters after each case.
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
NSS="dwb-c1 dwb-c2 dwb-br dwb-h dwb-ext dwb-d1 dwb-lan"

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

RULES=${RULES:-docker}

# Docker 27's iptables for a default bridge docker0 on SUBNET (nat and filter tables), as
# dockwire's iptables-save prints them; loaded with iptables-restore into namespace NS.
docker_rules() { # NS SUBNET
  ip netns exec "$1" iptables-restore <<RULES
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s $2 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
COMMIT
RULES
  ip netns exec "$1" sysctl -qw net.bridge.bridge-nf-call-iptables=1
}

# What `docker run -p 8080:80/udp` adds for a container at ADDR (docker-proxy not needed: the
# flood comes from another host, so DNAT takes it).
docker_publish() { # NS ADDR
  ip netns exec "$1" iptables -t filter -A DOCKER -d "$2/32" ! -i docker0 -o docker0 -p udp -m udp --dport 80 -j ACCEPT
  ip netns exec "$1" iptables -t nat -A POSTROUTING -s "$2/32" -d "$2/32" -p udp -m udp --dport 80 -j MASQUERADE
  ip netns exec "$1" iptables -t nat -A DOCKER ! -i docker0 -p udp -m udp --dport 8080 -j DNAT --to-destination "$2:80"
}

# --- bridge world: c1, c2 on docker0 (in dwb-br)
ip -n dwb-br link add docker0 type bridge
ip -n dwb-br link set docker0 up
for c in c1 c2; do
  ip -n dwb-br link add "v$c" type veth peer name eth0 netns "dwb-$c"
  ip -n dwb-br link set "v$c" master docker0
  ip -n dwb-br link set "v$c" up
  ip -n "dwb-$c" link set eth0 up
done
ip -n dwb-c1 addr add 10.99.0.2/24 dev eth0
ip -n dwb-c2 addr add 10.99.0.3/24 dev eth0
if [ "$RULES" = docker ]; then
  docker_rules dwb-br 10.99.0.0/24
else
  ip netns exec dwb-br sysctl -qw net.bridge.bridge-nf-call-iptables=0
fi

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
if [ "${LAN:-bridge}" = direct ]; then
  ip -n dwb-h link add eth0 type veth peer name eth0 netns dwb-ext
else
  ip -n dwb-lan link add br0 type bridge
  ip -n dwb-lan link set br0 up
  ip netns exec dwb-lan sysctl -qw net.bridge.bridge-nf-call-iptables=0 # as dockwire's lan namespace
  ip -n dwb-h link add eth0 type veth peer name host netns dwb-lan
  ip -n dwb-ext link add eth0 type veth peer name client netns dwb-lan
  for p in host client; do
    ip -n dwb-lan link set "$p" master br0
    ip -n dwb-lan link set "$p" up
  done
fi
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

# One datagram SRC:SPORT -> DST:DPORT from namespace NS (an ordinary UDP socket).
udp_send() { # NS SRC SPORT DST DPORT
  x "$1" python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], int(sys.argv[2])))
s.sendto(b"x", (sys.argv[3], int(sys.argv[4])))' "$2" "$3" "$4" "$5"
}

# Makes the flood's flow ESTABLISHED in conntrack before it starts, as dockwire's bench worlds do
# (their warm-up gets one reply back): one datagram on the flood's 5-tuple, then one back from
# what the receiver sees as its source. Without it the kernel's flow stays NEW (no reply).
establish() { # sender-ns src dst dport receiver-ns receiver-src receiver-dst receiver-port
  udp_send "$1" "$2" 20000 "$3" "$4"
  sleep 0.05
  udp_send "$5" "$6" "$8" "$7" 20000
  sleep 0.05
}

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
  if [ -n "${SHOW_COUNTERS:-}" ]; then # the forwarding namespace's FORWARD counters, to stderr
    local fwd=dwb-h
    [ "$name" = bridge ] && fwd=dwb-br
    x "$fwd" iptables -L FORWARD -v -n -x >&2
  fi
}

C2MAC=$(mac dwb-c2 eth0)
D0MAC=$(mac dwb-h docker0)
H0MAC=$(mac dwb-h eth0)
establish dwb-c1 10.99.0.2 10.99.0.3 9 dwb-c2 10.99.0.3 10.99.0.2 9
run_case bridge dwb-c1 eth0 "$C2MAC" 10.99.0.2 10.99.0.3 9 dwb-c2 9
x dwb-h sysctl -qw net.bridge.bridge-nf-call-iptables=0
run_case routed dwb-d1 eth0 "$D0MAC" 172.30.0.2 192.168.99.20 9 dwb-ext 9
if [ "$RULES" = docker ]; then
  docker_rules dwb-h 172.30.0.0/16
else
  x dwb-h iptables -t nat -A POSTROUTING -s 172.30.0.0/16 ! -o docker0 -j MASQUERADE
fi
establish dwb-d1 172.30.0.2 192.168.99.20 9 dwb-ext 192.168.99.20 192.168.99.10 9
run_case masq dwb-d1 eth0 "$D0MAC" 172.30.0.2 192.168.99.20 9 dwb-ext 9
if [ "$RULES" = docker ]; then
  docker_publish dwb-h 172.30.0.2
else
  x dwb-h iptables -t nat -A PREROUTING -d 192.168.99.10/32 -p udp --dport 8080 -j DNAT --to-destination 172.30.0.2:80
fi
establish dwb-ext 192.168.99.20 192.168.99.10 8080 dwb-d1 172.30.0.2 192.168.99.20 80
run_case dnat dwb-ext eth0 "$H0MAC" 192.168.99.20 192.168.99.10 8080 dwb-d1 80
