package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import net.jqwik.api.*;
import net.jqwik.api.constraints.*;

class WirePropertiesTest {
    private static final byte[][] VALID = {ARP_REQUEST, ARP_REPLY, ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY, UDP_DNS_PORT,
        ICMP_PORT_UNREACHABLE, TCP_SYN, TCP_RST_ACK};

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 120) byte[] bytes, @ForAll @IntRange(max = 0x10) int etherHint) {
        if (bytes.length >= 14 && etherHint < 8) { // steer half the cases into the IPv4/ARP parsers
            EthernetFrame.etherType(bytes, 0, etherHint < 6 ? EthernetFrame.ETHERTYPE_IPV4 : EthernetFrame.ETHERTYPE_ARP);
            if (etherHint < 4 && bytes.length > 14) {
                bytes[14] = (byte) (0x40 | (bytes[14] & 0x0F));
            }
        }
        exerciseEverything(bytes);
    }

    @Property(tries = 2000)
    void truncationsAndBitFlipsOfValidFramesNeverThrow(@ForAll @IntRange(max = 7) int which,
            @ForAll @IntRange(max = 200) int cut, @ForAll @IntRange(max = 1000) int bit, @ForAll boolean fixIpChecksum) {
        byte[] f = VALID[which].clone();
        f[(bit / 8) % f.length] ^= (byte) (1 << (bit % 8));
        if (fixIpChecksum && f.length >= 34 && EthernetFrame.etherType(f, 0) == EthernetFrame.ETHERTYPE_IPV4
                && Ipv4View.headerLength(f, 14) >= 20 && Ipv4View.headerLength(f, 14) <= f.length - 14) {
            new Ipv4View().wrap(f, 14, f.length - 14).fillChecksum(); // get past L3 to stress L4 parsing
        }
        exerciseEverything(Arrays.copyOf(f, Math.min(f.length, cut)));
    }

    private static void exerciseEverything(byte[] f) {
        assertNotNull(new FrameCheck().check(f, 0, f.length));
        assertNotNull(FrameSummary.describe(f, 0, f.length));
        int pLen = Math.max(0, f.length - 14);
        int pOff = Math.min(14, f.length);
        ArpRepr.parse(new ArpView().wrap(f, pOff, pLen));
        Ipv4Repr.parse(new Ipv4View().wrap(f, pOff, pLen));
        int l4Off = Math.min(34, f.length);
        int l4Len = Math.max(0, f.length - 34);
        Icmpv4Repr.parse(new Icmpv4View().wrap(f, l4Off, l4Len));
        UdpRepr.parse(new UdpView().wrap(f, l4Off, l4Len), 1, 2);
        TcpRepr.parse(new TcpView().wrap(f, l4Off, l4Len), 1, 2);
        TcpOptions.parse(f, 0, f.length);
    }

    /**
     * Local checksum offload: the sum of a valid TCP/UDP packet taken from its pseudo-header
     * ({@link Checksum#validPacketSum}) is the sum of its bytes, so an outer checksum over a prefix
     * (UDP + VXLAN + Ethernet headers) and the packet comes out the same either way.
     */
    @Property(tries = 3000)
    void aValidPacketSumsToTheComplementOfItsPseudoHeader(@ForAll int src, @ForAll int dst, @ForAll boolean tcp,
            @ForAll @Size(min = 30, max = 30) byte[] prefix, @ForAll @Size(max = 90) byte[] payload, @ForAll boolean zeros) {
        if (zeros) {
            Arrays.fill(payload, (byte) 0); // all-zero data is where 0 and 0xFFFF could part
            Arrays.fill(prefix, (byte) 0);
        }
        int l4Len = (tcp ? 20 : 8) + payload.length;
        byte[] f = new byte[30 + 20 + l4Len];
        System.arraycopy(prefix, 0, f, 0, 30);
        int ip = 30;
        f[ip] = 0x45;
        f[ip + 2] = (byte) ((20 + l4Len) >>> 8);
        f[ip + 3] = (byte) (20 + l4Len);
        f[ip + 8] = 64;
        f[ip + 9] = (byte) (tcp ? 6 : 17);
        Bytes.put32(f, ip + 12, src);
        Bytes.put32(f, ip + 16, dst);
        int hc = Checksum.compute(f, ip, 20);
        f[ip + 10] = (byte) (hc >>> 8);
        f[ip + 11] = (byte) hc;
        int l4 = ip + 20;
        if (!tcp) {
            f[l4 + 4] = (byte) (l4Len >>> 8);
            f[l4 + 5] = (byte) l4Len;
        } else {
            f[l4 + 12] = 0x50;
        }
        System.arraycopy(payload, 0, f, l4 + (tcp ? 20 : 8), payload.length);
        int at = l4 + (tcp ? 16 : 6);
        int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, dst, tcp ? 6 : 17, l4Len), Checksum.sum(f, l4, l4Len)));
        if (!tcp && c == 0) {
            c = 0xFFFF;
        }
        f[at] = (byte) (c >>> 8);
        f[at + 1] = (byte) c;
        int lco = Checksum.validPacketSum(f, ip, f.length - ip);
        assertTrue(lco > 0);
        assertEquals(Checksum.sum(f, 0, f.length), Checksum.add(Checksum.sum(f, 0, 30), lco));
        assertEquals(-1, Checksum.validPacketSum(f, ip, f.length - ip - 1)); // padding or truncation: not taken
    }

    @Property
    void ipv4ReprRoundTrips(@ForAll int src, @ForAll int dst, @ForAll @IntRange(max = 255) int proto,
            @ForAll @IntRange(max = 255) int ttl, @ForAll @IntRange(max = 255) int tos,
            @ForAll @IntRange(max = 0xFFFF) int id, @ForAll boolean df, @ForAll boolean mf,
            @ForAll @IntRange(max = 0x1FFF) int frag, @ForAll @IntRange(max = 100) int payload) {
        Ipv4Repr r = new Ipv4Repr(src, dst, proto, ttl, tos, id, df, mf, frag, payload);
        byte[] b = filled(r.bufferLength());
        r.emit(new Ipv4View().wrap(b, 0, b.length));
        assertEquals(r, Ipv4Repr.parse(new Ipv4View().wrap(b, 0, b.length)));
    }

    @Property
    void tcpReprRoundTrips(@ForAll @IntRange(max = 0xFFFF) int sp, @ForAll @IntRange(max = 0xFFFF) int dp,
            @ForAll @LongRange(max = 0xFFFF_FFFFL) long seq, @ForAll @LongRange(max = 0xFFFF_FFFFL) long ack,
            @ForAll @IntRange(max = 255) int flags, @ForAll @IntRange(max = 0xFFFF) int win,
            @ForAll @IntRange(min = -1, max = 0xFFFF) int mss, @ForAll boolean sack, @ForAll @IntRange(min = -1, max = 14) int ws,
            @ForAll boolean ts, @ForAll @LongRange(max = 0xFFFF_FFFFL) long tsVal, @ForAll int srcIp, @ForAll int dstIp,
            @ForAll @Size(max = 30) byte[] payload) {
        TcpOptions o = new TcpOptions(mss, sack, ws, ts, ts ? tsVal : 0, 0);
        TcpRepr r = new TcpRepr(sp, dp, seq, ack, flags, win, 7, o, payload.length);
        byte[] b = filled(r.bufferLength());
        System.arraycopy(payload, 0, b, r.headerLength(), payload.length);
        r.emit(new TcpView().wrap(b, 0, b.length), srcIp, dstIp);
        assertEquals(r, TcpRepr.parse(new TcpView().wrap(b, 0, b.length), srcIp, dstIp));
        byte[] again = filled(b.length);
        System.arraycopy(payload, 0, again, r.headerLength(), payload.length);
        r.emit(new TcpView().wrap(again, 0, again.length), srcIp, dstIp);
        assertArrayEquals(b, again);
    }

    @Property
    void udpAndArpAndIcmpReprsRoundTrip(@ForAll @IntRange(max = 0xFFFF) int sp, @ForAll @IntRange(max = 0xFFFF) int dp,
            @ForAll int srcIp, @ForAll int dstIp, @ForAll @Size(max = 40) byte[] payload,
            @ForAll @LongRange(max = 0xFFFF_FFFF_FFFFL) long mac, @ForAll @IntRange(max = 0xFFFF) int id) {
        UdpRepr u = new UdpRepr(sp, dp, payload.length);
        byte[] b = filled(u.bufferLength());
        System.arraycopy(payload, 0, b, 8, payload.length);
        u.emit(new UdpView().wrap(b, 0, b.length), srcIp, dstIp);
        assertEquals(u, UdpRepr.parse(new UdpView().wrap(b, 0, b.length), srcIp, dstIp));
        assertNotEquals(0, new UdpView().wrap(b, 0, b.length).checksum());

        ArpRepr a = ArpRepr.reply(mac, srcIp, mac ^ 1, dstIp);
        byte[] ab = filled(28);
        a.emit(new ArpView().wrap(ab, 0, 28));
        assertEquals(a, ArpRepr.parse(new ArpView().wrap(ab, 0, 28)));

        Icmpv4Repr e = Icmpv4Repr.echoRequest(id, sp, payload);
        byte[] eb = filled(e.bufferLength());
        e.emit(new Icmpv4View().wrap(eb, 0, eb.length));
        assertEquals(e, Icmpv4Repr.parse(new Icmpv4View().wrap(eb, 0, eb.length)));
    }

    @Property
    void incrementalUpdateEqualsRecomputation(@ForAll @IntRange(max = 7) int which, @ForAll int newSrc,
            @ForAll int newDst, @ForAll @IntRange(max = 0xFFFF) int newSport, @ForAll @IntRange(min = 2, max = 255) int ttl) {
        byte[] f = VALID[which].clone();
        if (EthernetFrame.etherType(f, 0) != EthernetFrame.ETHERTYPE_IPV4) {
            return;
        }
        Ipv4View ip = new Ipv4View().wrap(f, 14, f.length - 14);
        ip.ttl(ttl).fillChecksum();
        int oldSrc = ip.src();
        int oldDst = ip.dst();
        ip.decrementTtl().rewriteSrc(newSrc).rewriteDst(newDst);
        int incremental = ip.checksum();
        assertEquals(incremental, ip.fillChecksum().checksum());
        if (ip.protocol() == Ipv4View.PROTO_TCP) {
            TcpView t = new TcpView().wrap(f, 34, ip.payloadLength());
            t.addressRewritten(oldSrc, newSrc).addressRewritten(oldDst, newDst).rewriteSrcPort(newSport);
            int inc = t.checksum();
            assertEquals(inc, t.fillChecksum(newSrc, newDst).checksum());
        } else if (ip.protocol() == Ipv4View.PROTO_UDP) {
            UdpView u = new UdpView().wrap(f, 34, ip.payloadLength());
            u.addressRewritten(oldSrc, newSrc).addressRewritten(oldDst, newDst).rewriteSrcPort(newSport);
            assertTrue(u.verifyChecksum(newSrc, newDst));
        }
        assertEquals(DropReason.OK, new FrameCheck().check(f, 0, f.length));
    }
}
