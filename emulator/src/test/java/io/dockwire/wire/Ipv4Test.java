package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void decodesKernelIpv4HeaderEveryField() {
        Ipv4View ip = new Ipv4View().wrap(ICMP_ECHO_REQUEST, 14, ICMP_ECHO_REQUEST.length - 14);
        assertEquals(DropReason.OK, ip.check());
        assertEquals(4, ip.version());
        assertEquals(5, ip.ihl());
        assertEquals(20, ip.headerLength());
        assertEquals(0, ip.optionsLength());
        assertEquals(0, ip.dscp());
        assertEquals(0, ip.ecn());
        assertEquals(84, ip.totalLength());
        assertEquals(0xfa6a, ip.identification());
        assertTrue(ip.dontFragment());
        assertFalse(ip.moreFragments());
        assertEquals(0, ip.fragmentOffset());
        assertFalse(ip.isFragment());
        assertEquals(64, ip.ttl());
        assertEquals(Ipv4View.PROTO_ICMP, ip.protocol());
        assertEquals(0xe816, ip.checksum());
        assertTrue(ip.verifyChecksum());
        assertEquals(IP_C1, ip.src());
        assertEquals(IP_C2, ip.dst());
        assertEquals(34, ip.payloadOffset());
        assertEquals(64, ip.payloadLength());
    }

    @Test
    void decodesDscpAndEcnOfKernelIcmpError() {
        // Linux sends ICMP errors with TOS 0xc0 (IPTOS_PREC_INTERNETCONTROL): DSCP 48 (CS6), ECN 0.
        Ipv4View ip = new Ipv4View().wrap(ICMP_PORT_UNREACHABLE, 14, ICMP_PORT_UNREACHABLE.length - 14);
        assertEquals(48, ip.dscp());
        assertEquals(0, ip.ecn());
        assertFalse(ip.dontFragment());
    }

    @Test
    void reprEmitsKernelHeaderByteForByte() {
        Ipv4Repr repr = Ipv4Repr.parse(new Ipv4View().wrap(TCP_SYN, 14, TCP_SYN.length - 14));
        assertEquals(new Ipv4Repr(IP_C1, IP_C2, 6, 64, 0, 0x25d6, true, false, 0, 40), repr);
        byte[] out = filled(20);
        repr.emit(new Ipv4View().wrap(out, 0, 20));
        assertArrayEquals(java.util.Arrays.copyOfRange(TCP_SYN, 14, 34), out);
    }

    @Test
    void decrementTtlKeepsChecksumValid() {
        byte[] f = ICMP_ECHO_REQUEST.clone();
        Ipv4View ip = new Ipv4View().wrap(f, 14, f.length - 14);
        ip.decrementTtl();
        assertEquals(63, ip.ttl());
        assertTrue(ip.verifyChecksum());
        int incremental = ip.checksum();
        assertEquals(incremental, ip.fillChecksum().checksum());
    }

    @Test
    void rewriteSrcAndDstKeepHeaderChecksumValid() {
        byte[] f = ICMP_ECHO_REQUEST.clone();
        Ipv4View ip = new Ipv4View().wrap(f, 14, f.length - 14);
        ip.rewriteSrc(0xc0a8010a).rewriteDst(0xc0a80114);
        assertEquals(0xc0a8010a, ip.src());
        assertEquals(0xc0a80114, ip.dst());
        assertTrue(ip.verifyChecksum());
    }

    @Test
    void paddingBeyondTotalLengthIsNotPayload() {
        byte[] f = java.util.Arrays.copyOf(TCP_RST_ACK, 60); // padded to the Ethernet minimum
        Ipv4View ip = new Ipv4View().wrap(f, 14, 46);
        assertEquals(DropReason.OK, ip.check());
        assertEquals(20, ip.payloadLength());
        assertEquals(DropReason.OK, new FrameCheck().check(f, 0, 60));
    }
}
