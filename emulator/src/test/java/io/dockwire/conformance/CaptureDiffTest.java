package io.dockwire.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.wire.ArpRepr;
import io.dockwire.wire.FrameBuilder;
import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureDiffTest {
    private static final int C1 = Ipv4Address.parse("172.17.0.2");
    private static final int C2 = Ipv4Address.parse("172.17.0.3");

    private static List<byte[]> ping(long mac1, long mac2, int echoId, int ipId, int ttl) {
        return List.of(
                FrameBuilder.arp(MacAddress.BROADCAST, ArpRepr.request(mac1, C1, C2)),
                FrameBuilder.arp(mac1, ArpRepr.reply(mac2, C2, mac1, C1)),
                FrameBuilder.icmp(mac2, mac1, C1, C2, ttl, ipId, Icmpv4Repr.echoRequest(echoId, 1, new byte[56])),
                FrameBuilder.icmp(mac1, mac2, C2, C1, 64, ipId + 7, Icmpv4Repr.echoReply(echoId, 1, new byte[56])));
    }

    @Test
    void runsDifferingOnlyInRandomMacsEchoIdsAndIpIdsAreEqual() {
        var left = CaptureDiff.normalise(Map.of("c1:eth0", ping(0x1a_fb42_b069_7eL, 0x02_42ac_1100_03L, 19600, 100, 64)),
                new FrameNormalizer());
        var right = CaptureDiff.normalise(Map.of("c1:eth0", ping(0x8e_a165_8eec_67L, 0x02_42ac_1100_03L, 7, 5000, 64)),
                new FrameNormalizer());
        assertEquals(List.of(), CaptureDiff.diff(left, right));
        assertEquals("mac1 > broadcast, ARP request sender mac1 172.17.0.2 target 00:00:00:00:00:00 172.17.0.3",
                left.get("c1:eth0").get(0));
        assertEquals("mac1 > mac2, IP 172.17.0.2 > 172.17.0.3 ttl 64 DF ICMP 8/0 id id1 seq 1 length 56",
                left.get("c1:eth0").get(2));
    }

    @Test
    void aTtlDifferenceIsReportedAtTheFirstDifferingFrame() {
        var left = CaptureDiff.normalise(Map.of("eth0", ping(1, 2, 1, 1, 64)), new FrameNormalizer());
        var right = CaptureDiff.normalise(Map.of("eth0", ping(1, 2, 1, 1, 63)), new FrameNormalizer());
        List<CaptureDiff.Difference> d = CaptureDiff.diff(left, right);
        assertEquals(1, d.size());
        assertEquals(2, d.get(0).frameIndex());
        assertTrue(d.get(0).left().contains("ttl 64") && d.get(0).right().contains("ttl 63"), d.toString());
    }

    @Test
    void aMissingInterfaceAndExtraFramesAreDifferences() {
        var left = CaptureDiff.normalise(Map.of("eth0", ping(1, 2, 1, 1, 64), "docker0", ping(1, 2, 1, 1, 64)),
                new FrameNormalizer());
        var right = CaptureDiff.normalise(Map.of("eth0", ping(1, 2, 1, 1, 64).subList(0, 3)), new FrameNormalizer());
        List<CaptureDiff.Difference> d = CaptureDiff.diff(left, right);
        assertEquals(2, d.size());
        assertEquals("docker0", d.get(0).interfaceName());
        assertEquals(null, d.get(0).right());
        assertEquals(3, d.get(1).frameIndex());
    }

    /** An echo from 10.0.1.2 in VXLAN (VNI vni) from 192.168.1.10:sport to 192.168.1.11:4789. */
    private static byte[] vxlan(int sport, int vni, int innerIpId) {
        byte[] inner = FrameBuilder.icmp(0x02_420a_0001_04L, 0x02_420a_0001_02L, Ipv4Address.parse("10.0.1.2"),
                Ipv4Address.parse("10.0.1.4"), 64, innerIpId, Icmpv4Repr.echoRequest(7, 0, new byte[56]));
        byte[] f = new byte[14 + 20 + 8 + 8 + inner.length];
        MacAddress.write(f, 0, 0x02_0000_0000_0bL);
        MacAddress.write(f, 6, 0x02_0000_0000_0aL);
        f[12] = 0x08;
        f[14] = 0x45;
        int total = f.length - 14;
        f[16] = (byte) (total >>> 8);
        f[17] = (byte) total;
        f[22] = 64;
        f[23] = 17;
        Ipv4Address.write(f, 26, Ipv4Address.parse("192.168.1.10"));
        Ipv4Address.write(f, 30, Ipv4Address.parse("192.168.1.11"));
        f[34] = (byte) (sport >>> 8);
        f[35] = (byte) sport;
        f[36] = (byte) (4789 >>> 8);
        f[37] = (byte) 4789;
        f[38] = (byte) ((total - 20) >>> 8);
        f[39] = (byte) (total - 20);
        f[42] = 0x08;
        f[46] = (byte) (vni >>> 16);
        f[47] = (byte) (vni >>> 8);
        f[48] = (byte) vni;
        System.arraycopy(inner, 0, f, 50, inner.length);
        int c = io.dockwire.wire.Checksum.compute(f, 14, 20);
        f[24] = (byte) (c >>> 8);
        f[25] = (byte) c;
        return f;
    }

    @Test
    void vxlanIsComparedDownToTheFrameItCarries() {
        String line = new FrameNormalizer().normalize(vxlan(49362, 4097, 17790));
        assertEquals("mac1 > mac2, IP 192.168.1.10 > 192.168.1.11 ttl 64 UDP eph1 > 4789 length 106 VXLAN flags 0x08 "
                + "vni 4097 [mac3 > mac4, IP 10.0.1.2 > 10.0.1.4 ttl 64 DF ICMP 8/0 id id1 seq 0 length 56]", line);
        // The outer source port (a flow hash keyed per boot) and IP IDs differ between runs: equal.
        assertEquals(line, new FrameNormalizer().normalize(vxlan(35198, 4097, 3)));
        // Another VNI is another network: different.
        assertTrue(!line.equals(new FrameNormalizer().normalize(vxlan(49362, 4098, 17790))));
    }
}
