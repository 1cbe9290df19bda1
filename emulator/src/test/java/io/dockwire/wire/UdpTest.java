package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class UdpTest {

    @Test
    void decodesUdpDatagramEveryField() {
        UdpView u = new UdpView().wrap(UDP_DNS_PORT, 34, 20);
        assertEquals(DropReason.OK, u.check(IP_C1, IP_C2));
        assertEquals(40000, u.srcPort());
        assertEquals(53, u.dstPort());
        assertEquals(20, u.udpLength());
        assertEquals(0xcadc, u.checksum());
        assertEquals(12, u.payloadLength());
        assertEquals(new UdpRepr(40000, 53, 12), UdpRepr.parse(u, IP_C1, IP_C2));
    }

    @Test
    void buildsUdpDatagramByteForByte() {
        byte[] f = filled(UDP_DNS_PORT.length);
        Ipv4Repr.parse(new Ipv4View().wrap(UDP_DNS_PORT, 14, 40)).emit(new Ipv4View().wrap(f, 14, 40));
        new EthernetRepr(MAC_C2, MAC_C1, EthernetFrame.ETHERTYPE_IPV4).emit(new EthernetView().wrap(f, 0, 14));
        System.arraycopy("hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, f, 42, 12);
        new UdpRepr(40000, 53, 12).emit(new UdpView().wrap(f, 34, 20), IP_C1, IP_C2);
        assertArrayEquals(UDP_DNS_PORT, f);
    }

    @Test
    void zeroChecksumMeansNoneAndSurvivesPortRewrite() {
        byte[] f = UDP_DNS_PORT.clone();
        UdpView u = new UdpView().wrap(f, 34, 20).checksum(0);
        assertEquals(DropReason.OK, u.check(IP_C1, IP_C2));
        u.rewriteSrcPort(1234).addressRewritten(IP_C1, 0x0a000001);
        assertEquals(0, u.checksum());
    }

    @Test
    void natRewriteKeepsUdpChecksumValid() {
        byte[] f = UDP_DNS_PORT.clone();
        UdpView u = new UdpView().wrap(f, 34, 20);
        u.rewriteSrcPort(61000).addressRewritten(IP_C1, 0xc0a8010a);
        assertTrue(u.verifyChecksum(0xc0a8010a, IP_C2));
    }
}
