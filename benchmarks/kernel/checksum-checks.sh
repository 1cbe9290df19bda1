#!/usr/bin/env bash
# The kernel checksum behaviour dockwire models, shown on a real kernel (needs root). Two
# namespaces ck1 -> ck2 joined by a veth; frames are sent from an AF_PACKET socket in ck1.
#
#   partial  (FramePool.csumPartial): five UDP datagrams with a wrong checksum sent as plain
#            frames (CHECKSUM_NONE) are dropped and counted in UdpInCsumErrors; the same five sent
#            with a virtio_net_hdr asking for checksum offload (CHECKSUM_PARTIAL, what a UDP socket
#            on a veth sends) are delivered.
#   ct-bad   (ConntrackIn, KernelDockerPathsTest.aSegmentWithABadChecksumFromTheWireIsNotTrackedNorDnated):
#            a SYN to a DNAT'd port with a bad TCP checksum is INVALID in conntrack
#            (nf_conntrack_checksum=1): the DNAT rule counts 0 packets and the host's TCP drops it
#            (TcpInErrs 1, TcpInCsumErrors 1, no RST).
#   ct-good  the same SYN with its checksum right: the DNAT rule counts it.
#
# usage: benchmarks/kernel/checksum-checks.sh [partial|ct-bad|ct-good]...   (default: all three)
# Creates the namespaces ck1, ck2 for each check and removes them, also on failure.
set -euo pipefail
trap 'ip netns del ck1 2>/dev/null; ip netns del ck2 2>/dev/null; true' EXIT

setup() {
  ip netns del ck1 2>/dev/null || true
  ip netns del ck2 2>/dev/null || true
  ip netns add ck1
  ip netns add ck2
  ip -n ck1 link add eth0 type veth peer name eth0 netns ck2
  ip -n ck1 addr add 10.77.0.1/24 dev eth0
  ip -n ck2 addr add 10.77.0.2/24 dev eth0
  ip -n ck1 link set eth0 up
  ip -n ck2 link set eth0 up
  ip -n ck2 link set lo up
  ip netns exec ck2 nstat -n
}

# Sends from ck1's eth0 to ck2's eth0: send KIND [bad] (KIND udp5: the five UDP datagrams, plain
# then offloaded; syn: one SYN to 10.77.0.2:8080). The checksum helper and the frame layout are
# shared by both kinds.
send() {
  local mac
  mac=$(ip -n ck2 -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
  ip netns exec ck1 python3 - "$mac" "$@" <<'PY'
import socket, struct, sys

def cs(b, s=0):
    if len(b) % 2: b += b"\0"
    for i in range(0, len(b), 2): s += (b[i] << 8) | b[i + 1]
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

dst = bytes.fromhex(sys.argv[1].replace(":", ""))
src = bytes.fromhex(open("/sys/class/net/eth0/address").read().strip().replace(":", ""))
sip, dip = socket.inet_aton("10.77.0.1"), socket.inet_aton("10.77.0.2")
kind, bad = sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == "bad"

def frame(proto, l4, flip):
    c = cs(sip + dip + struct.pack("!BBH", 0, proto, len(l4)) + l4) ^ flip
    at = 6 if proto == 17 else 16
    l4 = l4[:at] + struct.pack("!H", c) + l4[at + 2:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0x4000, 64, proto, 0, sip, dip)
    ip = ip[:10] + struct.pack("!H", cs(ip)) + ip[12:]
    return dst + src + b"\x08\x00" + ip + l4

if kind == "udp5":
    payload = b"x" * 22
    f = frame(17, struct.pack("!HHHH", 4000, 9, 8 + len(payload), 0) + payload, 0x1234)  # wrong checksum
    for vnet in (0, 1):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        vh = b""
        if vnet:
            s.setsockopt(263, 15, 1)  # SOL_PACKET, PACKET_VNET_HDR
            vh = struct.pack("<BBHHHH", 1, 0, 0, 0, 34, 6)  # NEEDS_CSUM, csum_start 34, csum_offset 6
        s.bind(("eth0", 0))
        for _ in range(5): s.send(vh + f)
        print("sent 5 with vnet" if vnet else "sent 5 plain")
else:
    f = frame(6, struct.pack("!HHIIBBHHH", 40000, 8080, 1, 0, 0x50, 0x02, 64240, 0, 0), 0x40 if bad else 0)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("eth0", 0))
    s.send(f)
PY
}

partial() {
  setup
  ip netns exec ck2 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 9)); s.settimeout(2)
n = 0
try:
    while True: s.recv(100); n += 1
except Exception: pass
print("received", n)' &
  sleep 0.5
  send udp5
  wait
  ip netns exec ck2 nstat -az UdpInCsumErrors UdpInDatagrams UdpInErrors
}

conntrack() { # bad|good
  setup
  ip netns exec ck2 iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.77.0.9:80
  send syn "$1"
  sleep 0.3
  ip netns exec ck2 iptables -t nat -L PREROUTING -v -n -x | tail -1
  ip netns exec ck2 nstat -az TcpInCsumErrors TcpInErrs TcpOutRsts | tail -3
}

checks=("$@")
[ $# -gt 0 ] || checks=(partial ct-bad ct-good)
for c in "${checks[@]}"; do
  echo "== $c"
  case "$c" in
    partial) partial ;;
    ct-bad) conntrack bad ;;
    ct-good) conntrack good ;;
    *) echo "unknown check: $c (partial, ct-bad, ct-good)" >&2; exit 2 ;;
  esac
done
