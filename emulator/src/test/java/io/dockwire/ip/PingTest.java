package io.dockwire.ip;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PingTest {
    @Test
    void pingOnABridgeResolvesArpThenEchoesWithTtl64BothWays() {
        Net n = Net.docker(1, "c1", "c2");
        n.listen("c1", 0x4242);
        n.ping("c1", "172.17.0.3", 0x4242, 1, 0, Net.MS);
        n.run();

        assertEquals(List.of(
                "out ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28",
                "in  ARP, Reply 172.17.0.3 is-at 02:42:ac:11:00:03, length 28",
                "out IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 16962, seq 1, length 64 ttl 64",
                "in  IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 16962, seq 1, length 64 ttl 64",
                // c2 learnt c1 from the request (STALE), used it (DELAY), probes unicast after 5 s.
                "in  ARP, Request who-has 172.17.0.2 tell 172.17.0.3, length 28",
                "out ARP, Reply 172.17.0.2 is-at 02:42:ac:11:00:02, length 28"), n.frames("c1:eth0"));
        assertEquals(List.of("out ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28"), n.frames("vethc2").subList(0, 1));
        assertEquals(List.of("1016000 c1 reply from 172.17.0.3 seq 1 ttl 64"), n.events);
        assertEquals("172.17.0.3 dev eth0 lladdr 02:42:ac:11:00:03 REACHABLE \n", n.ns("c1").ipNeigh());
        assertEquals("172.17.0.2 dev eth0 lladdr 02:42:ac:11:00:02 REACHABLE \n", n.ns("c2").ipNeigh());
        assertEquals("", n.emu.root().ipNeigh());
        assertEquals("""
                #kernel
                IpInReceives                    1                  0.0
                IpInDelivers                    1                  0.0
                IpOutRequests                   1                  0.0
                IcmpInMsgs                      1                  0.0
                IcmpInEchos                     0                  0.0
                IcmpInEchoReps                  1                  0.0
                IcmpOutMsgs                     1                  0.0
                IcmpOutEchos                    1                  0.0
                IcmpOutEchoReps                 0                  0.0
                """, n.ns("c1").nstat("IpInReceives", "IpInDelivers", "IpOutRequests", "IcmpInMsgs", "IcmpInEchos",
                "IcmpInEchoReps", "IcmpOutMsgs", "IcmpOutEchos", "IcmpOutEchoReps"));
        assertEquals(1, n.ns("c2").stats().get(Mib.IcmpOutEchoReps));
        assertEquals(0, n.emu.sim().pool().inUse());
    }

    @Test
    void routerForwardsWithTtl63AndCounts() {
        Net n = Net.routed(1, true);
        n.listen("a", 7);
        n.ping("a", "10.0.2.2", 7, 1, 0, Net.MS);
        n.run();
        assertEquals(List.of(
                "out ARP, Request who-has 10.0.1.1 tell 10.0.1.2, length 28",
                "in  ARP, Reply 10.0.1.1 is-at 02:00:00:00:01:01, length 28",
                "out IP 10.0.1.2 > 10.0.2.2: ICMP echo request, id 7, seq 1, length 64 ttl 64",
                "in  IP 10.0.2.2 > 10.0.1.2: ICMP echo reply, id 7, seq 1, length 64 ttl 63",
                "in  ARP, Request who-has 10.0.1.2 tell 10.0.1.1, length 28",
                "out ARP, Reply 10.0.1.2 is-at 02:00:00:00:01:02, length 28"), n.frames("a:eth0"));
        assertEquals(List.of(
                "out ARP, Request who-has 10.0.2.2 tell 10.0.2.1, length 28",
                "in  ARP, Reply 10.0.2.2 is-at 02:00:00:00:02:02, length 28",
                "out IP 10.0.1.2 > 10.0.2.2: ICMP echo request, id 7, seq 1, length 64 ttl 63",
                "in  IP 10.0.2.2 > 10.0.1.2: ICMP echo reply, id 7, seq 1, length 64 ttl 64",
                "in  ARP, Request who-has 10.0.2.1 tell 10.0.2.2, length 28",
                "out ARP, Reply 10.0.2.1 is-at 02:00:00:00:02:01, length 28"), n.frames("r:eth1"));
        assertEquals(List.of("1016000 a reply from 10.0.2.2 seq 1 ttl 63"), n.events);
        assertEquals("""
                #kernel
                IpInReceives                    2                  0.0
                IpInHdrErrors                   0                  0.0
                IpInAddrErrors                  0                  0.0
                IpForwDatagrams                 2                  0.0
                IpInDelivers                    0                  0.0
                IpOutRequests                   0                  0.0
                IpOutTransmits                  2                  0.0
                IcmpOutMsgs                     0                  0.0
                IcmpOutDestUnreachs             0                  0.0
                IcmpOutTimeExcds                0                  0.0
                """, n.ns("r").nstat("IpInReceives", "IpInHdrErrors", "IpInAddrErrors", "IpForwDatagrams",
                "IpInDelivers", "IpOutRequests", "IpOutTransmits", "IcmpOutMsgs", "IcmpOutTimeExcds",
                "IcmpOutDestUnreachs"));
    }

    @Test
    void ttlOneExpiresAtTheRouterWithTimeExceededFromItsIngressAddress() {
        Net n = Net.routed(1, true);
        n.listen("a", 7);
        n.ping("a", "10.0.2.2", 7, 1, 1, Net.MS);
        n.run();
        assertEquals(List.of("1008000 a error 11/0 from 10.0.1.1"), n.events);
        assertEquals(List.of(
                "in  ARP, Request who-has 10.0.1.1 tell 10.0.1.2, length 28",
                "out ARP, Reply 10.0.1.1 is-at 02:00:00:00:01:01, length 28",
                "in  IP 10.0.1.2 > 10.0.2.2: ICMP echo request, id 7, seq 1, length 64 ttl 1",
                "out IP 10.0.1.1 > 10.0.1.2: ICMP time exceeded in-transit, length 92 ttl 64",
                "out ARP, Request who-has 10.0.1.2 tell 10.0.1.1, length 28",
                "in  ARP, Reply 10.0.1.2 is-at 02:00:00:00:01:02, length 28"), n.frames("r:eth0"));
        assertEquals(List.of(), n.frames("r:eth1"));
        // As the reference host shows: TTL expiry counts IpInHdrErrors (too_many_hops).
        assertEquals("""
                #kernel
                IpInHdrErrors                   1                  0.0
                IpForwDatagrams                 0                  0.0
                IcmpOutDestUnreachs             0                  0.0
                IcmpOutTimeExcds                1                  0.0
                """, n.ns("r").nstat("IpInHdrErrors", "IpForwDatagrams", "IcmpOutTimeExcds", "IcmpOutDestUnreachs"));
        assertEquals(1, n.ns("a").stats().get(Mib.IcmpInTimeExcds));
    }

    @Test
    void withoutIpForwardTheRouterDropsAndCountsInAddrErrors() {
        Net n = Net.routed(1, false);
        n.listen("a", 7);
        n.ping("a", "10.0.2.2", 7, 1, 0, Net.MS);
        n.run();
        assertEquals(List.of(), n.events);
        assertEquals(List.of(), n.frames("r:eth1"));
        assertEquals(1, n.ns("r").stats().get(Mib.IpInAddrErrors));
        assertEquals(0, n.ns("r").stats().get(Mib.IpForwDatagrams));
        assertEquals(0, n.ns("r").stats().get(Mib.IcmpOutMsgs));
    }

    @Test
    void arpForAnAbsentHostSendsThreeRequestsOneSecondApartThenHostUnreachable() {
        Net n = Net.docker(1, "c1");
        n.listen("c1", 9);
        n.ping("c1", "172.17.0.9", 9, 1, 0, Net.MS);
        n.run();
        assertEquals(List.of(
                "out ARP, Request who-has 172.17.0.9 tell 172.17.0.2, length 28",
                "out ARP, Request who-has 172.17.0.9 tell 172.17.0.2, length 28",
                "out ARP, Request who-has 172.17.0.9 tell 172.17.0.2, length 28"), n.frames("c1:eth0"));
        assertEquals(List.of(1L, 1001L, 2001L), n.timesMs("c1:eth0", 0));
        // ipv4_link_failure: the namespace sends itself host unreachable; ping prints "From 172.17.0.2".
        assertEquals(List.of("3001000000 c1 error 3/1 from 172.17.0.2"), n.events);
        assertEquals("172.17.0.9 dev eth0 FAILED \n", n.ns("c1").ipNeigh());
        assertEquals("""
                #kernel
                IpInReceives                    1                  0.0
                IpInDelivers                    1                  0.0
                IpOutRequests                   2                  0.0
                IcmpInMsgs                      1                  0.0
                IcmpInDestUnreachs              1                  0.0
                IcmpOutMsgs                     2                  0.0
                IcmpOutDestUnreachs             1                  0.0
                IcmpOutEchos                    1                  0.0
                """, n.ns("c1").nstat("IpInReceives", "IpInDelivers", "IpOutRequests", "IcmpInMsgs",
                "IcmpInDestUnreachs", "IcmpOutMsgs", "IcmpOutDestUnreachs", "IcmpOutEchos"));
        assertEquals(0, n.emu.sim().pool().inUse());
    }

    @Test
    void forwardedPacketForAnUnresolvableNextHopDrawsHostUnreachableFromTheRouter() {
        Net n = Net.routed(1, true);
        n.listen("a", 7);
        n.ping("a", "10.0.2.9", 7, 1, 0, Net.MS);
        n.run();
        assertEquals(List.of("3001008000 a error 3/1 from 10.0.1.1"), n.events);
        assertEquals(3, n.frames("r:eth1").size());
        assertEquals(1, n.ns("r").stats().get(Mib.IcmpOutDestUnreachs));
        assertEquals("10.0.1.2 dev eth0 lladdr 02:00:00:00:01:02 REACHABLE \n10.0.2.9 dev eth1 FAILED \n",
                n.ns("r").ipNeigh());
    }
}
