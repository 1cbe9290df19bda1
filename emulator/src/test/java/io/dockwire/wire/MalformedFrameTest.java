package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MalformedFrameTest {
    private final FrameCheck check = new FrameCheck();

    private DropReason reason(byte[] f) {
        return check.check(f, 0, f.length);
    }

    @Test
    void everyKernelFixtureIsOk() {
        for (byte[] f : new byte[][] {ARP_REQUEST, ARP_REPLY, ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY, UDP_DNS_PORT,
            ICMP_PORT_UNREACHABLE, TCP_SYN, TCP_RST_ACK}) {
            assertEquals(DropReason.OK, reason(f));
        }
    }

    @Test
    void truncatedEthernetHeaderIsTruncatedEthernet() {
        assertEquals(DropReason.TRUNCATED_ETHERNET, reason(Arrays.copyOf(TCP_SYN, 13)));
    }

    @Test
    void truncatedIpHeaderIsTruncatedIp() {
        assertEquals(DropReason.TRUNCATED_IP, reason(Arrays.copyOf(TCP_SYN, 14 + 19)));
    }

    @Test
    void ihlBelowFiveIsBadIhl() {
        byte[] f = TCP_SYN.clone();
        f[14] = 0x44;
        assertEquals(DropReason.BAD_IHL, reason(f));
    }

    @Test
    void ihlBeyondFrameIsTruncatedIp() {
        byte[] f = Arrays.copyOf(TCP_RST_ACK, 14 + 24);
        f[14] = 0x4f; // 60-byte header in a 24-byte datagram
        assertEquals(DropReason.TRUNCATED_IP, reason(f));
    }

    @Test
    void versionSixInIpv4EtherTypeIsBadVersion() {
        byte[] f = TCP_SYN.clone();
        f[14] = 0x65;
        assertEquals(DropReason.BAD_VERSION, reason(f));
    }

    @Test
    void totalLengthBeyondFrameIsCountedAsTruncated() {
        byte[] f = Arrays.copyOf(TCP_SYN, TCP_SYN.length - 1);
        assertEquals(DropReason.TOTAL_LENGTH_EXCEEDS_FRAME, reason(f));
        assertEquals("IpInTruncatedPkts", DropReason.TOTAL_LENGTH_EXCEEDS_FRAME.nstatCounter());
    }

    @Test
    void totalLengthBelowHeaderIsHeaderError() {
        byte[] f = TCP_SYN.clone();
        Ipv4View ip = new Ipv4View().wrap(f, 14, 60).totalLength(19).fillChecksum();
        assertEquals(DropReason.TOTAL_LENGTH_BELOW_HEADER, ip.check());
    }

    @Test
    void flippedIpHeaderBitIsBadIpChecksum() {
        byte[] f = TCP_SYN.clone();
        f[14 + Ipv4View.IDENTIFICATION_OFFSET] ^= 0x01;
        assertEquals(DropReason.BAD_IP_CHECKSUM, reason(f));
    }

    @Test
    void flippedPayloadBitIsBadL4ChecksumForTcpUdpIcmp() {
        for (byte[] original : new byte[][] {TCP_SYN, UDP_DNS_PORT, ICMP_ECHO_REQUEST}) {
            byte[] f = original.clone();
            f[f.length - 1] ^= 0x40;
            assertEquals(DropReason.BAD_L4_CHECKSUM, reason(f));
        }
    }

    @Test
    void ethernetPaddingIsTrimmedBeforeL4Checksum() {
        byte[] f = Arrays.copyOf(UDP_DNS_PORT, 60);
        Arrays.fill(f, UDP_DNS_PORT.length, 60, (byte) 0x5A); // junk padding must not enter the checksum
        assertEquals(DropReason.OK, reason(f));
    }

    @Test
    void tcpDataOffsetBelowFiveIsBadDataOffset() {
        byte[] f = TCP_RST_ACK.clone();
        f[34 + TcpView.DATA_OFFSET_OFFSET] = 0x40;
        assertEquals(DropReason.BAD_TCP_DATA_OFFSET, reason(f));
    }

    @Test
    void truncatedTcpHeaderIsTruncatedL4() {
        byte[] f = Arrays.copyOf(TCP_RST_ACK, 34 + 12);
        new Ipv4View().wrap(f, 14, 32).totalLength(32).fillChecksum();
        assertEquals(DropReason.TRUNCATED_L4, reason(f));
    }

    @Test
    void udpLengthBelowEightIsBadUdpLength() {
        byte[] f = UDP_DNS_PORT.clone();
        new UdpView().wrap(f, 34, 20).udpLength(7);
        assertEquals(DropReason.BAD_UDP_LENGTH, reason(f));
    }

    @Test
    void nonFirstFragmentSkipsL4Checks() {
        byte[] f = UDP_DNS_PORT.clone();
        f[f.length - 1] ^= 1;
        new Ipv4View().wrap(f, 14, 40).flagsFragment(false, false, 3).fillChecksum();
        assertEquals(DropReason.OK, reason(f));
    }

    @Test
    void unknownEtherTypeIsOpaqueAndOk() {
        byte[] f = TCP_SYN.clone();
        EthernetFrame.etherType(f, 0, 0x88b5);
        assertEquals(DropReason.OK, reason(f));
    }

    @Test
    void reprsParseToNullOnMalformedInput() {
        byte[] f = TCP_SYN.clone();
        f[14] = 0x44;
        assertNull(Ipv4Repr.parse(new Ipv4View().wrap(f, 14, 60)));
        assertNull(EthernetRepr.parse(new EthernetView().wrap(f, 0, 10)));
        assertNull(TcpRepr.parse(new TcpView().wrap(TCP_SYN, 34, 40), IP_C1, IP_C1));
        assertNull(UdpRepr.parse(new UdpView().wrap(UDP_DNS_PORT, 34, 7), IP_C1, IP_C2));
        assertNull(Icmpv4Repr.parse(new Icmpv4View().wrap(ICMP_ECHO_REQUEST, 34, 63)));
    }
}
