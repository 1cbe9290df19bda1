package io.dockwire.netfilter;

import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4Repr;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpView;

/**
 * The datagrams REJECT makes Linux send, for a host implementing {@link NetfilterHost#sendReject}.
 * Both write a complete IPv4 datagram into {@code out} and return its length, or -1 when the
 * kernel would send nothing.
 */
public final class RejectReplies {
    /** Room an ICMP error may take (icmp_send keeps the reply within 576 bytes). */
    public static final int MAX_ICMP_ERROR = 576;

    private RejectReplies() {
    }

    /**
     * nf_send_reset: addresses and ports swapped, TTL 64, DF, no options. A segment with ACK gets
     * a bare RST with seq = its ack; otherwise RST|ACK acknowledging seq + SYN + FIN + payload.
     * No reply to a RST or a fragment. {@code out} needs 40 bytes.
     */
    public static int tcpReset(byte[] in, int off, int len, byte[] out, int outOff) {
        Ipv4View ip = new Ipv4View().wrap(in, off, len);
        if (ip.protocol() != Ipv4View.PROTO_TCP || ip.isFragment()) {
            return -1;
        }
        TcpView t = new TcpView().wrap(in, ip.payloadOffset(), ip.payloadLength());
        if (t.length() < TcpView.HEADER_LENGTH || t.hasFlags(TcpView.RST)) {
            return -1;
        }
        Ipv4Repr.of(ip.dst(), ip.src(), Ipv4View.PROTO_TCP, 64, 0, TcpView.HEADER_LENGTH)
                .emit(new Ipv4View().wrap(out, outOff, Ipv4View.HEADER_LENGTH));
        TcpView r = new TcpView().wrap(out, outOff + Ipv4View.HEADER_LENGTH, TcpView.HEADER_LENGTH);
        r.srcPort(t.dstPort()).dstPort(t.srcPort()).dataOffset(5).window(0).urgent(0);
        if (t.hasFlags(TcpView.ACK)) {
            r.seq(t.ack()).ack(0).flags(TcpView.RST);
        } else {
            int f = t.flags();
            long acked = t.seq() + ((f & TcpView.SYN) != 0 ? 1 : 0) + ((f & TcpView.FIN) != 0 ? 1 : 0) + t.payloadLength();
            r.seq(0).ack(acked & 0xFFFF_FFFFL).flags(TcpView.RST | TcpView.ACK);
        }
        r.fillChecksum(ip.dst(), ip.src());
        return Ipv4View.HEADER_LENGTH + TcpView.HEADER_LENGTH;
    }

    /**
     * icmp_send(ICMP_DEST_UNREACH, code): from {@code srcAddr} (the host picks it, as
     * inet_select_addr does) back to the sender, TOS 0xC0 (precedence internetwork control), TTL
     * 64, quoting as much of the offending datagram as fits in 576 bytes. {@code out} needs
     * {@link #MAX_ICMP_ERROR} bytes.
     */
    public static int icmpUnreachable(byte[] in, int off, int len, int code, int srcAddr, byte[] out, int outOff) {
        Ipv4View ip = new Ipv4View().wrap(in, off, len);
        int quote = Math.min(Math.min(ip.totalLength(), len), Icmpv4View.LINUX_MAX_QUOTE);
        int icmpLen = Icmpv4View.HEADER_LENGTH + quote;
        new Ipv4Repr(srcAddr, ip.src(), Ipv4View.PROTO_ICMP, 64, 0xC0, 0, false, false, 0, icmpLen)
                .emit(new Ipv4View().wrap(out, outOff, Ipv4View.HEADER_LENGTH));
        Icmpv4View.writeError(out, outOff + Ipv4View.HEADER_LENGTH, Icmpv4View.TYPE_DEST_UNREACHABLE, code, 0,
                in, off, quote);
        return Ipv4View.HEADER_LENGTH + icmpLen;
    }
}
