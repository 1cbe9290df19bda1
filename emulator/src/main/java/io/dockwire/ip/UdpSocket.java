package io.dockwire.ip;

import io.dockwire.wire.Bytes;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.Ipv4View;

/**
 * A UDP socket of a namespace. Methods return 0 (or a byte count) or a negative errno, like the
 * system calls. Sending builds header and checksum (RFC 768) and goes through
 * {@link NetNamespace#sendIp}: DF set (Linux's default IP_PMTUDISC_WANT), IP ID 0 when not
 * connected and the socket's own counter (random start) when connected, as
 * {@code ip_select_ident} does. One socket per port (no SO_REUSEADDR).
 */
public final class UdpSocket {
    private final NetNamespace ns;
    private final UdpReceiver receiver;
    private int localAddr;
    private int localPort;
    private int remoteAddr;
    private int remotePort;
    private int ipId;
    private boolean closed;

    UdpSocket(NetNamespace ns, UdpReceiver receiver) {
        this.ns = ns;
        this.receiver = receiver;
    }

    public NetNamespace namespace() {
        return ns;
    }

    UdpReceiver receiver() {
        return receiver;
    }

    public int localAddr() {
        return localAddr;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddr() {
        return remoteAddr;
    }

    public int remotePort() {
        return remotePort;
    }

    public boolean isConnected() {
        return remotePort != 0;
    }

    /** bind(2): port 0 picks an ephemeral port (random start, sequential probe). */
    public int bind(int addr, int port) {
        if (closed || localPort != 0) {
            return -Errno.EINVAL;
        }
        if (addr != 0 && !ns.isLocalAddress(addr)) {
            return -Errno.EADDRNOTAVAIL;
        }
        Udp udp = ns.udp();
        if (port == 0) {
            port = ns.sysctls().pickPort(ns.random(), udp::inUse);
            if (port < 0) {
                return -Errno.EADDRINUSE;
            }
        } else if (udp.inUse(port)) {
            return -Errno.EADDRINUSE;
        }
        localAddr = addr;
        localPort = port;
        udp.bind(port, this);
        return 0;
    }

    /** connect(2): fixes the peer, autobinds, and takes the route's source address. */
    public int connect(int addr, int port) {
        if (closed) {
            return -Errno.EINVAL;
        }
        int src = ns.sourceAddressFor(addr);
        if (src == 0) {
            ns.count(Mib.IpOutNoRoutes);
            return -Errno.ENETUNREACH;
        }
        if (localPort == 0) {
            int rc = bind(0, 0);
            if (rc < 0) {
                return rc;
            }
        }
        if (localAddr == 0) {
            localAddr = src;
        }
        remoteAddr = addr;
        remotePort = port;
        ipId = ns.random().nextInt(0x10000);
        return 0;
    }

    /** send(2) on a connected socket. */
    public int send(byte[] data, int off, int len, long now) {
        if (!isConnected()) {
            return -Errno.EDESTADDRREQ;
        }
        return sendTo(remoteAddr, remotePort, data, off, len, now);
    }

    /** sendto(2); returns {@code len} or a negative errno. */
    public int sendTo(int dst, int port, byte[] data, int off, int len, long now) {
        if (closed) {
            return -Errno.EINVAL;
        }
        if (localPort == 0) {
            int rc = bind(0, 0);
            if (rc < 0) {
                return rc;
            }
        }
        boolean connectedTo = isConnected() && dst == remoteAddr && port == remotePort;
        return datagram(dst, localPort, port, null, 0, data, off, len, 0, true, connectedTo, true, false, now);
    }

    /**
     * udp_tunnel_xmit_skb: a tunnel's datagram (VXLAN) from {@code sport}, the tunnel's flow-hash
     * source port, to {@code dst:dport}: the tunnel's header {@code head[0, headLen)} pushed in
     * front of the carried frame {@code data[off, off + len)}, each copied once, into the datagram.
     * DF and TOS as the tunnel says, IP ID from the namespace's counter (ip_select_ident), TTL the
     * default, the checksum on (udpcsum). As for every TCP/UDP packet here, the checksum is the
     * finished one a NIC puts on the wire: a capture on a real veth shows the offloaded packet's
     * unfinished sum instead (CONFORMANCE.md). udp_tunnel_xmit_skb bypasses udp_sendmsg: no
     * UdpOutDatagrams (the receiver's encap_rcv counts InDatagrams). Returns the bytes carried.
     */
    public int sendTunnel(int dst, int sport, int dport, byte[] head, int headLen, byte[] data, int off, int len,
                          int tos, boolean df, boolean innerPartial, long now) {
        if (closed) {
            return -Errno.EINVAL;
        }
        return datagram(dst, sport, dport, head, headLen, data, off, len, tos, df, false, false, innerPartial, now);
    }

    /**
     * Header, {@code head} then {@code data} as the payload, checksum, then IP; {@code ownId}: the
     * connected socket's IP ID counter numbers it, else the IP layer does; {@code counted}: a
     * sendmsg that UdpOutDatagrams counts; {@code innerPartial}: a tunnel's datagram whose frame
     * (after the 14-byte Ethernet header, an IPv4 packet) is CHECKSUM_PARTIAL, so its checksums
     * are valid and the outer sum need not read it ({@link Checksum#validPacketSum}).
     */
    private int datagram(int dst, int sport, int dport, byte[] head, int headLen, byte[] data, int off, int len,
                         int tos, boolean df, boolean ownId, boolean counted, boolean innerPartial, long now) {
        // The route lookup that picks the source (ip_route_output) is the one the packet leaves by.
        int routeSrc = ns.sourceAddressFor(dst);
        if (routeSrc == 0) {
            ns.count(Mib.IpOutNoRoutes);
            return -Errno.ENETUNREACH;
        }
        int src = localAddr != 0 ? localAddr : routeSrc;
        int ulen = 8 + headLen + len;
        int slot = ns.packetSlot(ulen);
        if (slot < 0) {
            return slot;
        }
        // Built where it leaves from: header, then head and data copied once.
        byte[] s = ns.sim().pool().buf(slot);
        int o = NetNamespace.L4_OFFSET;
        Bytes.put16(s, o, sport);
        Bytes.put16(s, o + 2, dport);
        Bytes.put16(s, o + 4, ulen);
        Bytes.put16(s, o + 6, 0);
        if (headLen > 0) {
            System.arraycopy(head, 0, s, o + 8, headLen);
        }
        System.arraycopy(data, off, s, o + 8 + headLen, len);
        int inner = innerPartial && len > 14 ? Checksum.validPacketSum(data, off + 14, len - 14) : -1;
        int payload = inner < 0 ? Checksum.sum(s, o, ulen) : Checksum.add(Checksum.sum(s, o, 8 + headLen + 14), inner);
        int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, dst, Ipv4View.PROTO_UDP, ulen), payload));
        if (c == 0) {
            c = 0xFFFF;
        }
        Bytes.put16(s, o + 6, c);
        int id = -1;
        if (ownId) {
            ipId = (ipId + 1) & 0xFFFF;
            id = ipId;
        }
        int rc = ns.sendBuilt(slot, src, dst, Ipv4View.PROTO_UDP, tos, df, id, innerPartial, now);
        if (rc < 0) {
            return rc;
        }
        if (counted) {
            ns.count(Mib.UdpOutDatagrams);
        }
        return headLen + len;
    }

    /**
     * Inside this socket's receiver: whether the datagram is a tunnel's packet whose frame was
     * CHECKSUM_PARTIAL when encapsulated (the decapsulated frame stays so).
     */
    public boolean deliveringInnerPartial() {
        return ns.udp().deliveringInnerPartial();
    }

    public void close() {
        if (!closed && localPort != 0) {
            ns.udp().unbind(localPort, this);
        }
        closed = true;
    }
}
