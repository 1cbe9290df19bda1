package io.dockwire.ip;

import io.dockwire.wire.DropReason;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.UdpView;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * UDP demultiplexing for one namespace (Linux {@code __udp4_lib_rcv}): length and checksum
 * checks (UdpInErrors, UdpInCsumErrors), socket lookup by port (a bound address and a connected
 * peer must match), UdpInDatagrams on delivery, UdpNoPorts + ICMP port unreachable (3/3) when no
 * socket wants a unicast datagram, UdpIgnoredMulti for an unwanted broadcast.
 */
final class Udp {
    private final NetNamespace ns;
    private final Int2ObjectOpenHashMap<UdpSocket> byPort = new Int2ObjectOpenHashMap<>();
    private final UdpView view = new UdpView();
    /** Set while a datagram is handed to its socket: see {@link #deliveringInnerPartial()}. */
    private boolean deliveringInnerPartial;

    Udp(NetNamespace ns) {
        this.ns = ns;
    }

    boolean inUse(int port) {
        return byPort.containsKey(port);
    }

    void bind(int port, UdpSocket s) {
        byPort.put(port, s);
    }

    void unbind(int port, UdpSocket s) {
        if (byPort.get(port) == s) {
            byPort.remove(port);
        }
    }

    /**
     * __udp4_lib_rcv; {@code csumUnnecessary}: the sender's CHECKSUM_PARTIAL came along
     * (skb_csum_unnecessary), so the checksum is not verified.
     */
    void input(byte[] b, int l3, int total, boolean bcast, boolean noErrors, boolean csumUnnecessary,
               boolean innerPartial, long now) {
        IpStats st = ns.stats();
        int ihl = Ipv4View.headerLength(b, l3);
        int src = Ipv4View.src(b, l3);
        int dst = Ipv4View.dst(b, l3);
        view.wrap(b, l3 + ihl, total - ihl);
        DropReason r = csumUnnecessary ? view.checkLength() : view.check(src, dst);
        if (r != DropReason.OK) {
            if (r == DropReason.BAD_L4_CHECKSUM) {
                st.inc(Mib.UdpInCsumErrors);
            }
            st.inc(Mib.UdpInErrors);
            return;
        }
        int sport = view.srcPort();
        int dport = view.dstPort();
        UdpSocket s = byPort.get(dport);
        if (s != null && ((s.localAddr() != 0 && s.localAddr() != dst && !bcast)
                || (s.isConnected() && (s.remoteAddr() != src || s.remotePort() != sport)))) {
            s = null;
        }
        if (s == null) {
            if (bcast || noErrors) {
                st.inc(Mib.UdpIgnoredMulti);
            } else {
                st.inc(Mib.UdpNoPorts);
                ns.icmp().error(b, l3, 3, 3, 0, false, now);
            }
            return;
        }
        st.inc(Mib.UdpInDatagrams);
        deliveringInnerPartial = innerPartial;
        s.receiver().receive(s, src, sport, dst, dport, b, view.payloadOffset(), view.payloadLength(), now);
        deliveringInnerPartial = false;
    }

    /**
     * While a datagram is handed to its socket: whether it is a tunnel's packet whose frame was
     * CHECKSUM_PARTIAL when encapsulated (FramePool), which a decapsulating socket passes on.
     */
    boolean deliveringInnerPartial() {
        return deliveringInnerPartial;
    }

    /** __udp4_lib_err: the quoted datagram starts at {@code b[q]}; connected sockets only. */
    void error(int from, int type, int code, byte[] b, int q, int qlen, long now) {
        int ihl = Ipv4View.headerLength(b, q);
        if (qlen < ihl + 4) {
            return;
        }
        int sport = (b[q + ihl] & 0xFF) << 8 | (b[q + ihl + 1] & 0xFF);
        int dport = (b[q + ihl + 2] & 0xFF) << 8 | (b[q + ihl + 3] & 0xFF);
        UdpSocket s = byPort.get(sport);
        if (s == null || !s.isConnected() || s.remoteAddr() != Ipv4View.dst(b, q) || s.remotePort() != dport) {
            return;
        }
        int errno;
        if (type == 3) {
            errno = switch (code) {
                case 0 -> Errno.ENETUNREACH;
                case 3 -> Errno.ECONNREFUSED;
                case 4 -> Errno.EMSGSIZE;
                default -> Errno.EHOSTUNREACH;
            };
        } else {
            errno = Errno.EHOSTUNREACH;
        }
        s.receiver().error(s, errno, type, code, from, now);
    }
}
