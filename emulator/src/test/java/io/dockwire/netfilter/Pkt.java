package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.wire.Checksum;
import io.dockwire.wire.DropReason;
import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4Repr;
import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpOptions;
import io.dockwire.wire.TcpRepr;
import io.dockwire.wire.TcpView;
import io.dockwire.wire.UdpRepr;
import io.dockwire.wire.UdpView;

/** Test packets built with the wire package's Reprs, and checksum/field assertions. */
final class Pkt {
    static final int SYN = TcpView.SYN;
    static final int ACK = TcpView.ACK;
    static final int FIN = TcpView.FIN;
    static final int RST = TcpView.RST;
    static final int PSH = TcpView.PSH;

    private Pkt() {
    }

    static int ip(String s) {
        return Ipv4Address.parse(s);
    }

    /** A Linux SYN is 60 bytes (MSS, SACK_PERM, TS, WS); other segments carry timestamps (52 + payload). */
    static byte[] tcp(String src, int sport, String dst, int dport, int flags, int payload) {
        TcpOptions opts = (flags & SYN) != 0 ? TcpOptions.linuxSyn(1460, 7, 1000, 0) : TcpOptions.timestampsOnly(1, 2);
        TcpRepr t = new TcpRepr(sport, dport, 100, (flags & ACK) != 0 ? 200 : 0, flags, 64240, 0, opts, payload);
        int l4 = t.bufferLength();
        Ipv4Repr ipr = Ipv4Repr.of(ip(src), ip(dst), Ipv4View.PROTO_TCP, 64, 0x1234, l4);
        byte[] b = new byte[ipr.bufferLength()];
        for (int i = 0; i < payload; i++) {
            b[b.length - payload + i] = (byte) ('a' + i % 26);
        }
        ipr.emit(new Ipv4View().wrap(b, 0, b.length));
        t.emit(new TcpView().wrap(b, 20, l4), ip(src), ip(dst));
        return b;
    }

    static byte[] udp(String src, int sport, String dst, int dport, int payload) {
        UdpRepr u = new UdpRepr(sport, dport, payload);
        int l4 = u.bufferLength();
        Ipv4Repr ipr = Ipv4Repr.of(ip(src), ip(dst), Ipv4View.PROTO_UDP, 64, 0x2345, l4);
        byte[] b = new byte[ipr.bufferLength()];
        ipr.emit(new Ipv4View().wrap(b, 0, b.length));
        u.emit(new UdpView().wrap(b, 20, l4), ip(src), ip(dst));
        return b;
    }

    /** iputils ping: 56 data bytes, 84 on the wire. */
    static byte[] echo(String src, String dst, boolean request, int id, int seq) {
        return echo(src, dst, request, id, seq, 64);
    }

    static byte[] echo(String src, String dst, boolean request, int id, int seq, int ttl) {
        byte[] data = new byte[56];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Icmpv4Repr r = request ? Icmpv4Repr.echoRequest(id, seq, data) : Icmpv4Repr.echoReply(id, seq, data);
        return icmp(src, dst, r, ttl);
    }

    static byte[] icmp(String src, String dst, Icmpv4Repr r, int ttl) {
        Ipv4Repr ipr = Ipv4Repr.of(ip(src), ip(dst), Ipv4View.PROTO_ICMP, ttl, 0x3456, r.bufferLength());
        byte[] b = new byte[ipr.bufferLength()];
        ipr.emit(new Ipv4View().wrap(b, 0, b.length));
        r.emit(new Icmpv4View().wrap(b, 20, r.bufferLength()));
        return b;
    }

    /** An IGMPv3 report as a bridge sends it (40 bytes, protocol 2). */
    static byte[] igmp(String src) {
        Ipv4Repr ipr = Ipv4Repr.of(ip(src), ip("224.0.0.22"), 2, 1, 0, 20);
        byte[] b = new byte[ipr.bufferLength()];
        ipr.emit(new Ipv4View().wrap(b, 0, b.length));
        return b;
    }

    /** Every checksum valid: IP header, TCP/UDP with pseudo-header, ICMP; for ICMP errors the quoted IP header too. */
    static void assertChecksums(byte[] b) {
        Ipv4View v = new Ipv4View().wrap(b, 0, b.length);
        assertEquals(DropReason.OK, v.check(), "IP header");
        int l4 = v.payloadOffset();
        int len = v.payloadLength();
        switch (v.protocol()) {
            case Ipv4View.PROTO_TCP -> assertTrue(new TcpView().wrap(b, l4, len).verifyChecksum(v.src(), v.dst()), "TCP checksum");
            case Ipv4View.PROTO_UDP -> assertTrue(new UdpView().wrap(b, l4, len).verifyChecksum(v.src(), v.dst()), "UDP checksum");
            case Ipv4View.PROTO_ICMP -> {
                assertTrue(Checksum.verify(b, l4, len), "ICMP checksum");
                Icmpv4View icmp = new Icmpv4View().wrap(b, l4, len);
                if (icmp.isError()) {
                    int inner = icmp.dataOffset();
                    assertTrue(Checksum.verify(b, inner, Ipv4View.headerLength(b, inner)), "quoted IP header checksum");
                }
            }
            default -> {
            }
        }
    }

    static String src(byte[] b) {
        return Ipv4Address.toString(Ipv4View.src(b, 0));
    }

    static String dst(byte[] b) {
        return Ipv4Address.toString(Ipv4View.dst(b, 0));
    }

    static int sport(byte[] b) {
        return Bytes.u16(b, 20);
    }

    static int dport(byte[] b) {
        return Bytes.u16(b, 22);
    }

    static int icmpId(byte[] b) {
        return Bytes.u16(b, 24);
    }
}
