package io.dockwire.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameBuilderTest {
    private static final long MAC1 = MacAddress.parse("02:42:ac:11:00:02");
    private static final long MAC2 = MacAddress.parse("02:42:ac:11:00:03");
    private static final int IP1 = Ipv4Address.parse("172.17.0.2");
    private static final int IP2 = Ipv4Address.parse("172.17.0.3");

    @Test
    void pingFrameHasLinuxSizesAndValidChecksums() {
        byte[] f = FrameBuilder.icmp(MAC2, MAC1, IP1, IP2, 64, 7, Icmpv4Repr.echoRequest(1, 1, new byte[56]));
        assertEquals(98, f.length);
        assertEquals(DropReason.OK, new FrameCheck().check(f, 0, f.length));
        assertEquals("IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 1, seq 1, length 64",
                FrameSummary.describe(f));
    }

    @Test
    void arpRequestIsBroadcastWithSenderAsSource() {
        byte[] f = FrameBuilder.arp(MacAddress.BROADCAST, ArpRepr.request(MAC1, IP1, IP2));
        assertEquals(42, f.length);
        assertEquals(MacAddress.BROADCAST, EthernetFrame.dst(f, 0));
        assertEquals(MAC1, EthernetFrame.src(f, 0));
        assertEquals("ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28", FrameSummary.describe(f));
    }
}
