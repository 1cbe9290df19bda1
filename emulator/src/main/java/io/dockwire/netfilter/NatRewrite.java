package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;

import io.dockwire.wire.Checksum;
import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpView;
import io.dockwire.wire.UdpView;

/**
 * In-place address/port rewrites (nf_nat_ipv4_manip_pkt and the l4proto manip_pkt handlers),
 * every checksum patched incrementally per RFC 1624: the IP header checksum, the TCP/UDP
 * checksum for the pseudo-header address and the port, the ICMP checksum for the echo id.
 * Used for whole packets and for the datagram quoted inside an ICMP error, whose L4 header may be
 * cut after 8 bytes: then only the ports are rewritten, as the kernel does.
 */
final class NatRewrite {
    static final int SRC = 0;
    static final int DST = 1;

    private final Ipv4View ip = new Ipv4View();
    private final TcpView tcp = new TcpView();
    private final UdpView udp = new UdpView();

    /**
     * Rewrites the source (SRC) or destination (DST) address and port of the IPv4 datagram at
     * {@code ipOff}, of which {@code avail} bytes are present. For ICMP queries the port is the id.
     */
    void manip(byte[] b, int ipOff, int avail, int manip, int newIp, int newPort) {
        ip.wrap(b, ipOff, avail);
        int ihl = ip.headerLength();
        int l4 = ipOff + ihl;
        int l4avail = Math.min(ip.totalLength(), avail) - ihl;
        int oldIp = manip == SRC ? ip.src() : ip.dst();
        boolean first = ip.fragmentOffset() == 0;
        int portOff = manip == SRC ? 0 : 2;
        switch (first ? ip.protocol() : -1) {
            case Ipv4View.PROTO_TCP -> {
                if (l4avail >= TcpView.HEADER_LENGTH) {
                    tcp.wrap(b, l4, l4avail);
                    if (oldIp != newIp) {
                        tcp.addressRewritten(oldIp, newIp);
                    }
                    if (manip == SRC && tcp.srcPort() != newPort) {
                        tcp.rewriteSrcPort(newPort);
                    } else if (manip == DST && tcp.dstPort() != newPort) {
                        tcp.rewriteDstPort(newPort);
                    }
                } else if (l4avail >= 4) {
                    Bytes.put16(b, l4 + portOff, newPort);
                }
            }
            case Ipv4View.PROTO_UDP -> {
                if (l4avail >= UdpView.HEADER_LENGTH) {
                    udp.wrap(b, l4, l4avail);
                    if (oldIp != newIp) {
                        udp.addressRewritten(oldIp, newIp);
                    }
                    if (manip == SRC && udp.srcPort() != newPort) {
                        udp.rewriteSrcPort(newPort);
                    } else if (manip == DST && udp.dstPort() != newPort) {
                        udp.rewriteDstPort(newPort);
                    }
                } else if (l4avail >= 4) {
                    Bytes.put16(b, l4 + portOff, newPort);
                }
            }
            case Ipv4View.PROTO_ICMP -> {
                // icmp_manip_pkt: only queries carry an id; no pseudo-header in the ICMP checksum.
                if (l4avail >= Icmpv4View.HEADER_LENGTH && IcmpQuery.isQuery(b[l4] & 0xFF)) {
                    int idOff = l4 + Icmpv4View.IDENTIFIER_OFFSET;
                    int old = Bytes.u16(b, idOff);
                    if (old != newPort) {
                        int ck = Bytes.u16(b, l4 + Icmpv4View.CHECKSUM_OFFSET);
                        Bytes.put16(b, l4 + Icmpv4View.CHECKSUM_OFFSET, Checksum.update16(ck, old, newPort));
                        Bytes.put16(b, idOff, newPort);
                    }
                }
            }
            default -> {
            }
        }
        if (oldIp != newIp) {
            if (manip == SRC) {
                ip.rewriteSrc(newIp);
            } else {
                ip.rewriteDst(newIp);
            }
        }
    }

    /** Only the address of the outer header (an ICMP error has no ports of its own). */
    void manipAddress(byte[] b, int ipOff, int manip, int newIp) {
        ip.wrap(b, ipOff, Ipv4View.HEADER_LENGTH);
        if (manip == SRC) {
            if (ip.src() != newIp) {
                ip.rewriteSrc(newIp);
            }
        } else if (ip.dst() != newIp) {
            ip.rewriteDst(newIp);
        }
    }
}
