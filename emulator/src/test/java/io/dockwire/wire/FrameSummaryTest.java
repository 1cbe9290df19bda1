package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected strings are what tcpdump 4.99 -n printed for these very frames (UDP to 53 aside). */
class FrameSummaryTest {

    @Test
    void arpMatchesTcpdump() {
        assertEquals("ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28", FrameSummary.describe(ARP_REQUEST));
        assertEquals("ARP, Reply 172.17.0.3 is-at 02:42:ac:11:00:03, length 28", FrameSummary.describe(ARP_REPLY));
    }

    @Test
    void icmpMatchesTcpdump() {
        assertEquals("IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 1, seq 1, length 64",
                FrameSummary.describe(ICMP_ECHO_REQUEST));
        assertEquals("IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 1, seq 1, length 64",
                FrameSummary.describe(ICMP_ECHO_REPLY));
        assertEquals("IP 172.17.0.3 > 172.17.0.2: ICMP 172.17.0.3 udp port 53 unreachable, length 48",
                FrameSummary.describe(ICMP_PORT_UNREACHABLE));
    }

    @Test
    void udpPrintsPayloadLength() {
        // tcpdump would decode port 53 as DNS; we stay at the UDP level.
        assertEquals("IP 172.17.0.2.40000 > 172.17.0.3.53: UDP, length 12", FrameSummary.describe(UDP_DNS_PORT));
    }

    @Test
    void tcpMatchesTcpdump() {
        assertEquals("IP 172.17.0.2.40001 > 172.17.0.3.8080: Flags [S], seq 921508325, win 64240, options "
                + "[mss 1460,sackOK,TS val 1852312662 ecr 0,nop,wscale 10], length 0", FrameSummary.describe(TCP_SYN));
        assertEquals("IP 172.17.0.3.8080 > 172.17.0.2.40001: Flags [R.], seq 0, ack 921508326, win 0, length 0",
                FrameSummary.describe(TCP_RST_ACK));
    }

    @Test
    void fragNeededAndTimeExceededUseTcpdumpWording() {
        Icmpv4Repr fn = Icmpv4Repr.fragNeeded(1400, TCP_SYN, 14, 60);
        assertEquals("IP 172.17.0.1 > 172.17.0.2: ICMP 172.17.0.3 unreachable - need to frag (mtu 1400), length 36",
                FrameSummary.describe(icmpFrame(fn)));
        Icmpv4Repr te = Icmpv4Repr.timeExceeded(TCP_SYN, 14, 60);
        assertEquals("IP 172.17.0.1 > 172.17.0.2: ICMP time exceeded in-transit, length 36",
                FrameSummary.describe(icmpFrame(te)));
    }

    @Test
    void malformedFramesGetBracketedReason() {
        assertEquals("[|ether] truncated Ethernet frame, length 5", FrameSummary.describe(new byte[5]));
        byte[] f = TCP_SYN.clone();
        f[14] = 0x44;
        assertEquals("IP [malformed: BAD_IHL], length 60", FrameSummary.describe(f));
        byte[] g = TCP_SYN.clone();
        g[g.length - 1] ^= 1;
        assertTrue(FrameSummary.describe(g).endsWith("length 0 [bad tcp cksum]"));
        assertEquals("IP 172.17.0.2 > 172.17.0.3: [malformed: TOTAL_LENGTH_EXCEEDS_FRAME, total length 60], length 59",
                FrameSummary.describe(Arrays.copyOf(TCP_SYN, 73)));
        assertEquals("ARP, [|arp] truncated, length 20", FrameSummary.describe(Arrays.copyOf(ARP_REQUEST, 34)));
    }

    static byte[] icmpFrame(Icmpv4Repr icmp) {
        Ipv4Repr ip = Ipv4Repr.of(0xac110001, IP_C1, 1, 64, 0, icmp.bufferLength());
        byte[] f = filled(14 + ip.bufferLength());
        new EthernetRepr(MAC_C1, 0x0242ac110001L, EthernetFrame.ETHERTYPE_IPV4).emit(new EthernetView().wrap(f, 0, 14));
        ip.emit(new Ipv4View().wrap(f, 14, ip.bufferLength()));
        icmp.emit(new Icmpv4View().wrap(f, 34, icmp.bufferLength()));
        return f;
    }
}
