package io.dockwire.ip;

import io.dockwire.wire.ArpRepr;
import io.dockwire.wire.FrameBuilder;
import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.MacAddress;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpAndErrorsTest {
    private static int ip(String s) {
        return Ipv4Address.parse(s);
    }

    @Test
    void udpDatagramIsDeliveredWithAddressesPortsAndPayload() {
        Net n = Net.docker(1, "c1", "c2");
        List<String> got = new ArrayList<>();
        UdpSocket server = n.ns("c2").udpOpen((s, src, sport, dst, dport, buf, off, len, now) ->
                got.add(now + " " + Ipv4Address.toString(src) + ":" + sport + " > " + Ipv4Address.toString(dst) + ":"
                        + dport + " " + new String(buf, off, len, StandardCharsets.US_ASCII)));
        assertEquals(0, server.bind(0, 53));
        UdpSocket client = n.ns("c1").udpOpen((s, src, sport, dst, dport, buf, off, len, now) -> { });
        byte[] msg = "hello".getBytes(StandardCharsets.US_ASCII);
        n.at(Net.MS, () -> assertEquals(5, client.sendTo(ip("172.17.0.3"), 53, msg, 0, msg.length, Net.MS)));
        n.run();
        int port = client.localPort();
        assertEquals(true, port >= 32768 && port <= 60999);
        assertEquals(List.of(Net.MS + 12000 + " 172.17.0.2:" + port + " > 172.17.0.3:53 hello"), got);
        assertEquals(1, n.ns("c2").stats().get(Mib.UdpInDatagrams));
        assertEquals(1, n.ns("c1").stats().get(Mib.UdpOutDatagrams));
        assertEquals(0, n.ns("c2").stats().get(Mib.UdpNoPorts));
    }

    @Test
    void udpToAClosedPortDrawsPortUnreachableAndConnectedSocketSeesEconnrefused() {
        Net n = Net.docker(1, "c1", "c2");
        List<String> errors = new ArrayList<>();
        UdpSocket client = n.ns("c1").udpOpen(new UdpReceiver() {
            @Override
            public void receive(UdpSocket s, int src, int sport, int dst, int dport, byte[] b, int off, int len, long now) {
            }

            @Override
            public void error(UdpSocket s, int errno, int type, int code, int from, long now) {
                errors.add(now + " errno " + errno + " icmp " + type + "/" + code + " from " + Ipv4Address.toString(from));
            }
        });
        assertEquals(0, client.connect(ip("172.17.0.3"), 9));
        byte[] msg = {1};
        n.at(Net.MS, () -> client.send(msg, 0, 1, Net.MS));
        n.run();
        List<String> f = n.frames("c1:eth0");
        assertEquals("out IP 172.17.0.2." + client.localPort() + " > 172.17.0.3.9: UDP, length 1 ttl 64", f.get(2));
        assertEquals("in  IP 172.17.0.3 > 172.17.0.2: ICMP 172.17.0.3 udp port 9 unreachable, length 37 ttl 64",
                f.get(3));
        assertEquals(List.of(Net.MS + 16000 + " errno 111 icmp 3/3 from 172.17.0.3"), errors);
        assertEquals("""
                #kernel
                IcmpOutMsgs                     1                  0.0
                IcmpOutDestUnreachs             1                  0.0
                UdpInDatagrams                  0                  0.0
                UdpNoPorts                      1                  0.0
                """, n.ns("c2").nstat("UdpNoPorts", "UdpInDatagrams", "IcmpOutDestUnreachs", "IcmpOutMsgs"));
    }

    @Test
    void udpChecksumIsVerifiedUnlessTheSenderOffloadedIt() {
        Net n = Net.docker(1, "c1");
        List<Integer> got = new ArrayList<>();
        UdpSocket server = n.ns("c1").udpOpen((s, src, sport, dst, dport, buf, off, len, now) -> got.add(len));
        assertEquals(0, server.bind(0, 53));
        var eth0 = n.dev("c1", "eth0");
        byte[] good = new byte[io.dockwire.perf.BenchWorld.FRAME_BYTES];
        io.dockwire.perf.BenchWorld.udpFrame(good, 0, eth0.mac(), 0x0242ac110009L, ip("172.17.0.9"),
                ip("172.17.0.2"), 4000, 53);
        byte[] bad = good.clone();
        bad[14 + 20 + 8] ^= 1; // payload changed, UDP checksum now wrong
        io.dockwire.sim.FramePool pool = n.emu.sim().pool();
        n.emu.world().receiveAt(eth0, Net.MS, good); // CHECKSUM_NONE: verified, delivered
        n.emu.world().receiveAt(eth0, 2 * Net.MS, bad); // CHECKSUM_NONE: verified, dropped
        int partial = pool.allocCopy(bad, 0, bad.length);
        pool.setCsumPartial(partial); // CHECKSUM_PARTIAL: trusted, as skb_csum_unnecessary does
        n.emu.sim().injectAt(3 * Net.MS, eth0.target(), io.dockwire.sim.Injector.RECEIVE, partial);
        n.run();
        assertEquals(List.of(io.dockwire.perf.BenchWorld.PAYLOAD, io.dockwire.perf.BenchWorld.PAYLOAD), got);
        assertEquals("""
                #kernel
                UdpInDatagrams                  2                  0.0
                UdpInErrors                     1                  0.0
                UdpInCsumErrors                 1                  0.0
                """, n.ns("c1").nstat("UdpInDatagrams", "UdpInErrors", "UdpInCsumErrors"));
        assertEquals(0, pool.inUse());
    }

    @Test
    void malformedDatagramsAreDroppedAndCountedNeverThrown() {
        Net n = Net.docker(1, "c1");
        var eth0 = n.dev("c1", "eth0");
        long mac = eth0.mac();
        byte[] good = FrameBuilder.icmp(mac, 0x0242ac110009L, ip("172.17.0.9"), ip("172.17.0.2"), 64, 1,
                Icmpv4Repr.echoRequest(1, 1, new byte[8]));
        byte[] badSum = good.clone();
        badSum[14 + 10] ^= 0x55;
        byte[] truncated = good.clone();
        truncated[14 + 3] += 20; // total length beyond the frame, header checksum still right
        new io.dockwire.wire.Ipv4View().wrap(truncated, 14, 20).fillChecksum();
        byte[] shortHdr = java.util.Arrays.copyOf(good, 14 + 12);
        byte[] otherMac = good.clone();
        otherMac[5] ^= 1;
        byte[] badIcmp = good.clone();
        badIcmp[14 + 20 + 9] ^= 1; // echo data changed, ICMP checksum now wrong
        long t = Net.MS;
        for (byte[] f : new byte[][] {badSum, truncated, shortHdr, otherMac, badIcmp}) {
            n.emu.world().receiveAt(eth0, t, f);
            t += Net.MS;
        }
        n.run();
        assertEquals("""
                #kernel
                IpInReceives                    4                  0.0
                IpInHdrErrors                   2                  0.0
                IpInDelivers                    1                  0.0
                IcmpInMsgs                      1                  0.0
                IcmpInErrors                    1                  0.0
                IcmpInCsumErrors                1                  0.0
                IcmpInEchos                     0                  0.0
                IcmpOutMsgs                     0                  0.0
                IpExtInTruncatedPkts            1                  0.0
                IpExtInCsumErrors               1                  0.0
                """, n.ns("c1").nstat("IpInReceives", "IpInHdrErrors", "IpExtInTruncatedPkts", "IpExtInCsumErrors",
                "IpInDelivers", "IcmpInMsgs", "IcmpInErrors", "IcmpInCsumErrors", "IcmpInEchos", "IcmpOutMsgs"));
        assertEquals(1, n.ns("c1").otherHostDropped());
        assertEquals(0, n.emu.sim().pool().inUse());
    }

    @Test
    void gratuitousArpUpdatesAnExistingEntryAndUnsolicitedArpCreatesNone() {
        Net n = Net.docker(1, "c1", "c2");
        n.listen("c1", 3);
        n.ping("c1", "172.17.0.3", 3, 1, 0, Net.MS);
        long newMac = MacAddress.parse("02:42:ac:11:00:99");
        n.at(2 * Net.S, () -> n.emu.world().transmitAt(n.dev("c2", "eth0"), 2 * Net.S,
                FrameBuilder.arp(MacAddress.BROADCAST, ArpRepr.request(newMac, ip("172.17.0.3"), ip("172.17.0.3")))));
        n.at(2 * Net.S, () -> n.emu.world().transmitAt(n.dev("c2", "eth0"), 2 * Net.S,
                FrameBuilder.arp(MacAddress.BROADCAST, ArpRepr.request(newMac, ip("172.17.0.77"), ip("172.17.0.77")))));
        n.emu.sim().runUntil(3 * Net.S);
        assertEquals("172.17.0.3 dev eth0 lladdr 02:42:ac:11:00:99 STALE \n", n.ns("c1").ipNeigh());
    }
}
