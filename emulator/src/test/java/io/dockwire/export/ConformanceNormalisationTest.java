package io.dockwire.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConformanceNormalisationTest {
    @Test
    void counterListingsAreComparedWithoutColumnWidthsOrPolicyCounters() {
        assertEquals(List.of("Chain PREROUTING (policy ACCEPT)", "pkts bytes target", "1 84 MASQUERADE 0 -- * !docker0"),
                Conformance.squeeze("""
                        Chain PREROUTING (policy ACCEPT 7 packets, 564 bytes)
                            pkts      bytes target

                               1       84 MASQUERADE  0    --  *      !docker0
                        """));
    }

    @Test
    void igmpFramesAreSetAsideAndEmptyInterfacesDisappear() {
        byte[] igmp = new byte[46];
        igmp[12] = 0x08;
        igmp[23] = 2;
        byte[] icmp = igmp.clone();
        icmp[23] = 1;
        byte[] arp = igmp.clone();
        arp[13] = 0x06;
        Map<String, List<byte[]>> m = new TreeMap<>();
        m.put("docker0", new ArrayList<>(List.of(igmp)));
        m.put("c1:eth0", new ArrayList<>(List.of(igmp, arp, icmp)));
        assertEquals(2, Conformance.dropIgmp(m));
        assertEquals(List.of("c1:eth0"), List.copyOf(m.keySet()));
        assertEquals(List.of(arp, icmp), m.get("c1:eth0"));
    }

    @Test
    void nstatCountersAreComparedPerNamespaceLeavingOutTheIpGroups(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("c1.txt"), """
                #kernel
                IpInReceives                    9                  0.0
                IcmpInEchos                     2                  0.0
                UdpInDatagrams                  1                  0.0
                TcpExtTCPHPAcks                 4                  0.0
                """);
        Map<String, String> emulated = new TreeMap<>(Map.of(
                "c1", "#kernel\nIpInReceives 7 0.0\nIcmpInEchos 2 0.0\nUdpInDatagrams 2 0.0\nUdpNoPorts 0 0.0\n",
                "c2", "#kernel\nIcmpInEchos 0 0.0\n"));
        List<String> diffs = new ArrayList<>();
        Conformance.compareNstat(new Conformance.Emulated("", "", emulated), dir, diffs);
        // IpInReceives differs too but is not compared (IGMP); c2 has no file: all its counters are 0.
        assertEquals(List.of("nstat in c1 (emulated vs kernel): UdpInDatagrams 2 vs 1"), diffs);
        assertEquals("nstat", Conformance.Report.counterKind(diffs.get(0)));
        assertEquals(Map.of("IpInReceives", 9L, "IcmpInEchos", 2L, "UdpInDatagrams", 1L, "TcpExtTCPHPAcks", 4L),
                Conformance.nstatValues(java.nio.file.Files.readString(dir.resolve("c1.txt"))));
    }

    /** An Ethernet + ARP frame: op 1 request, 2 reply. */
    private static byte[] arp(long dstMac, int op, long sha, int spa, long tha, int tpa) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(42);
        b.put(java.util.Arrays.copyOfRange(java.nio.ByteBuffer.allocate(8).putLong(dstMac).array(), 2, 8));
        b.put(java.util.Arrays.copyOfRange(java.nio.ByteBuffer.allocate(8).putLong(sha).array(), 2, 8));
        b.putShort((short) 0x0806).putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                .putShort((short) op);
        b.put(java.util.Arrays.copyOfRange(java.nio.ByteBuffer.allocate(8).putLong(sha).array(), 2, 8)).putInt(spa);
        b.put(java.util.Arrays.copyOfRange(java.nio.ByteBuffer.allocate(8).putLong(tha).array(), 2, 8)).putInt(tpa);
        return b.array();
    }

    @Test
    void unicastArpProbesAndTheirRepliesAreSetAsideButBroadcastResolutionStays() {
        long bcast = 0xFFFF_FFFF_FFFFL;
        long web = 0x0242_AC11_0002L;
        long gw = 0x0242_0000_0001L;
        int webIp = 0xAC11_0002;
        int gwIp = 0xAC11_0001;
        byte[] who = arp(bcast, 1, gw, gwIp, 0, webIp);
        byte[] is = arp(gw, 2, web, webIp, gw, gwIp);
        byte[] probe = arp(gw, 1, web, webIp, 0, gwIp);
        byte[] answer = arp(web, 2, gw, gwIp, web, webIp);
        byte[] otherReply = arp(0x0242_AC11_0003L, 2, gw, gwIp, 0x0242_AC11_0003L, 0xAC11_0003);
        byte[] ip = new byte[46];
        ip[12] = 0x08;
        Map<String, List<byte[]>> m = new TreeMap<>();
        m.put("web:eth0", new ArrayList<>(List.of(who, is, ip, otherReply, probe, ip, answer, probe)));
        m.put("veth1", new ArrayList<>(List.of(probe, answer)));
        // The probe, its answer (not the reply to someone else) and an unanswered second probe.
        assertEquals(5, Conformance.dropArpProbes(m, null));
        assertEquals(List.of(who, is, ip, otherReply, ip), m.get("web:eth0"));
        assertEquals(List.of("web:eth0"), List.copyOf(m.keySet()));
    }

    @Test
    void anAddressedArpProbeAllowanceLeavesProbesForOtherAddressesCompared() {
        long web = 0x0242_AC11_0002L;
        long gw = 0x0242_0000_0001L;
        byte[] forGw = arp(gw, 1, web, 0xAC11_0002, 0, 0xAC11_0001);
        byte[] gwAnswer = arp(web, 2, gw, 0xAC11_0001, web, 0xAC11_0002);
        byte[] forClient = arp(0x0242_0000_0014L, 1, gw, 0xC0A8_010A, 0, 0xC0A8_0114);
        Map<String, List<byte[]>> m = new TreeMap<>();
        m.put("eth0", new ArrayList<>(List.of(forGw, gwAnswer, forClient)));
        assertEquals(2, Conformance.dropArpProbes(m, new byte[] {(byte) 172, 17, 0, 1}));
        assertEquals(List.of(forClient), m.get("eth0"));
    }
}
