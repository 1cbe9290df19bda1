#!/usr/bin/env bash
# Shows the kernel behaviour dockwire models with FramePool.csumPartial (needs root): five UDP
# datagrams with a wrong checksum sent from an AF_PACKET socket as plain frames (CHECKSUM_NONE)
# are dropped and counted in UdpInCsumErrors; the same five sent with a virtio_net_hdr asking for
# checksum offload (CHECKSUM_PARTIAL, what a UDP socket on a veth sends) are delivered. Creates
# and removes the namespaces ck1, ck2.
set -e
trap "ip netns del ck1 2>/dev/null; ip netns del ck2 2>/dev/null; true" EXIT
ip netns del ck1 2>/dev/null || true; ip netns del ck2 2>/dev/null || true
ip netns add ck1; ip netns add ck2
ip -n ck1 link add eth0 type veth peer name eth0 netns ck2
ip -n ck1 addr add 10.77.0.1/24 dev eth0; ip -n ck2 addr add 10.77.0.2/24 dev eth0
ip -n ck1 link set eth0 up; ip -n ck2 link set eth0 up
M2=$(ip -n ck2 -o link show eth0 | sed -E 's/.*link\/ether ([0-9a-f:]+).*/\1/')
ip netns exec ck2 nstat -n
ip netns exec ck2 python3 -c '
import socket,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); s.bind(("0.0.0.0",9)); s.settimeout(2)
n=0
try:
  while True: s.recv(100); n+=1
except Exception: pass
print("received",n)' &
sleep 0.5
ip netns exec ck1 python3 - "$M2" <<'PY'
import socket,struct,sys
def cs(b,s=0):
    if len(b)%2: b+=b"\0"
    for i in range(0,len(b),2): s+=(b[i]<<8)|b[i+1]
    while s>>16: s=(s&0xffff)+(s>>16)
    return (~s)&0xffff
dst=bytes.fromhex(sys.argv[1].replace(":",""))
src=open("/sys/class/net/eth0/address").read().strip()
src=bytes.fromhex(src.replace(":",""))
sip=socket.inet_aton("10.77.0.1"); dip=socket.inet_aton("10.77.0.2")
pl=b"x"*22
udp=struct.pack("!HHHH",4000,9,8+len(pl),0)+pl
ps=sip+dip+struct.pack("!BBH",0,17,len(udp))
c=cs(ps+udp); udp=udp[:6]+struct.pack("!H",c^0x1234)+udp[8:]   # WRONG checksum
ip=struct.pack("!BBHHHBBH4s4s",0x45,0,20+len(udp),0,0x4000,64,17,0,sip,dip)
ip=ip[:10]+struct.pack("!H",cs(ip))+ip[12:]
frame=dst+src+b"\x08\x00"+ip+udp
for vnet in (0,1):
    s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)
    if vnet:
        s.setsockopt(263,15,1)  # SOL_PACKET, PACKET_VNET_HDR
        vh=struct.pack("<BBHHHH",1,0,0,0,34,6)  # NEEDS_CSUM, csum_start 34, csum_offset 6
    else: vh=b""
    s.bind(("eth0",0))
    for i in range(5): s.send(vh+frame)
    print("sent 5 with vnet" if vnet else "sent 5 plain")
PY
wait
ip netns exec ck2 nstat -az UdpInCsumErrors UdpInDatagrams UdpInErrors
ip netns del ck1; ip netns del ck2
