#!/usr/bin/env bash
# Shows the kernel behaviour KernelDockerPathsTest.aSegmentWithABadChecksumFromTheWireIsNotTrackedNorDnated
# asserts (needs root): a SYN to a DNAT'd port sent as a plain AF_PACKET frame (CHECKSUM_NONE)
# with a bad TCP checksum is INVALID in conntrack (nf_conntrack_checksum=1), so the DNAT rule
# counts 0 packets and the host's TCP drops it (TcpInErrs 1, TcpInCsumErrors 1, no RST); with its
# checksum right the rule counts it. usage: conntrack-checksum-check.sh bad|good
# Creates and removes the namespaces ck1, ck2.
set -e
trap "ip netns del ck1 2>/dev/null; ip netns del ck2 2>/dev/null; true" EXIT
ip netns add ck1; ip netns add ck2
ip -n ck1 link add eth0 type veth peer name eth0 netns ck2
ip -n ck1 addr add 10.77.0.1/24 dev eth0; ip -n ck2 addr add 10.77.0.2/24 dev eth0
ip -n ck1 link set eth0 up; ip -n ck2 link set eth0 up; ip -n ck2 link set lo up
ip netns exec ck2 iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.77.0.9:80
M2=$(ip -n ck2 -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
ip netns exec ck2 nstat -n
ip netns exec ck1 python3 - "$M2" "$1" <<'PY'
import socket,struct,sys
def cs(b,s=0):
    if len(b)%2: b+=b"\0"
    for i in range(0,len(b),2): s+=(b[i]<<8)|b[i+1]
    while s>>16: s=(s&0xffff)+(s>>16)
    return (~s)&0xffff
dst=bytes.fromhex(sys.argv[1].replace(":",""))
src=bytes.fromhex(open("/sys/class/net/eth0/address").read().strip().replace(":",""))
sip=socket.inet_aton("10.77.0.1"); dip=socket.inet_aton("10.77.0.2")
tcp=struct.pack("!HHIIBBHHH",40000,8080,1,0,0x50,0x02,64240,0,0)
c=cs(sip+dip+struct.pack("!BBH",0,6,20)+tcp)
if sys.argv[2]=="bad": c^=0x40
tcp=tcp[:16]+struct.pack("!H",c)+tcp[18:]
ip=struct.pack("!BBHHHBBH4s4s",0x45,0,40,1,0x4000,64,6,0,sip,dip)
ip=ip[:10]+struct.pack("!H",cs(ip))+ip[12:]
s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW); s.bind(("eth0",0)); s.send(dst+src+b"\x08\x00"+ip+tcp)
PY
sleep 0.3
ip netns exec ck2 iptables -t nat -L PREROUTING -v -n -x | tail -1
ip netns exec ck2 nstat -az TcpInCsumErrors TcpInErrs TcpOutRsts | tail -3
