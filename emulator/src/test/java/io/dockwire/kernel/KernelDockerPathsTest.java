package io.dockwire.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.command.CommandResult;
import io.dockwire.sim.Simulator;
import io.dockwire.tcp.TcpCallbacks;
import io.dockwire.tcp.TcpConnection;
import io.dockwire.testing.RecordingSink;
import io.dockwire.wire.Checksum;
import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two NAT paths of the Docker 27 world through every layer at once (IP stack, netfilter with
 * conntrack, TCP): a masqueraded ping out of a container, and a DNAT'd connection from a LAN
 * client to a published port. Topology and rules as docker-bridge.md.
 */
class KernelDockerPathsTest {
    private final RecordingSink sink = new RecordingSink();
    private final Kernel k = new Kernel(new Simulator(1), sink);

    private void sh(String ns, String line) {
        CommandResult r = k.exec(ns, List.of(line.split(" ")));
        assertEquals(0, r.exitCode(), () -> line + ": " + r.stderr());
    }

    private void world() {
        k.emulation().world().setRootNamespaceName("dh");
        sh(null, "ip netns add ext");
        sh(null, "ip link add eth0 type veth peer name eth0 netns ext");
        sh(null, "ip link set eth0 up");
        sh(null, "ip addr add 192.168.1.10/24 dev eth0");
        sh("ext", "ip link set eth0 up");
        sh("ext", "ip link set lo up");
        sh("ext", "ip addr add 192.168.1.20/24 dev eth0");
        sh(null, "ip link add docker0 type bridge");
        sh(null, "ip addr add 172.17.0.1/16 dev docker0");
        sh(null, "ip link set docker0 up");
        sh(null, "ip netns add c1");
        sh(null, "ip link add vethc1 type veth peer name eth0 netns c1");
        sh(null, "ip link set vethc1 master docker0");
        sh(null, "ip link set vethc1 up");
        sh("c1", "ip link set lo up");
        sh("c1", "ip link set eth0 address 02:42:ac:11:00:02");
        sh("c1", "ip link set eth0 up");
        sh("c1", "ip addr add 172.17.0.2/16 dev eth0");
        sh("c1", "ip route add default via 172.17.0.1");
        sh(null, "sysctl -w net.ipv4.ip_forward=1");
        for (String rule : new String[] {
            "-t nat -N DOCKER",
            "-t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "-t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
            "-t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
            "-t nat -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE",
            "-t nat -A DOCKER -i docker0 -j RETURN",
            "-t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            "-P FORWARD DROP",
            "-N DOCKER",
            "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-A FORWARD -o docker0 -j DOCKER",
            "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
            "-A FORWARD -i docker0 -o docker0 -j ACCEPT",
            "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
        }) {
            sh(null, "iptables " + rule);
        }
    }

    private static byte[] echo(int id, int seq) {
        byte[] icmp = new byte[64];
        icmp[0] = 8;
        icmp[4] = (byte) (id >>> 8);
        icmp[5] = (byte) id;
        icmp[7] = (byte) seq;
        int c = Checksum.compute(icmp, 0, 64);
        icmp[2] = (byte) (c >>> 8);
        icmp[3] = (byte) c;
        return icmp;
    }

    @Test
    void containerPingToTheLanIsMasqueradedAndTheReplyComesBack() {
        world();
        byte[] icmp = echo(7, 1);
        int rc = k.find("c1").ns().sendIp(0, Ipv4Address.parse("192.168.1.20"), 1, 0, 0, true, 0x1234, icmp, 0, 64, 0);
        assertEquals(0, rc);
        k.sim().runUntilQuiet();
        List<String> eth0 = sink.summaries("eth0");
        assertTrue(eth0.contains("IP 192.168.1.10 > 192.168.1.20: ICMP echo request, id 7, seq 1, length 64"), eth0.toString());
        List<String> c1 = sink.summaries("c1:eth0");
        assertTrue(c1.contains("IP 192.168.1.20 > 172.17.0.2: ICMP echo reply, id 7, seq 1, length 64"), c1.toString());
        String nat = k.exec(null, List.of("iptables", "-t", "nat", "-L", "POSTROUTING", "-n", "-v")).stdout();
        assertTrue(nat.contains("    1    84 MASQUERADE  0    --  *      !docker0  172.17.0.0/16        0.0.0.0/0"), nat);
    }

    @Test
    void bridgedTrafficPassesForwardAndConntrackOnlyWithBrNetfilter() {
        world();
        sh(null, "ip netns add c2");
        sh(null, "ip link add vethc2 type veth peer name eth0 netns c2");
        sh(null, "ip link set vethc2 master docker0");
        sh(null, "ip link set vethc2 up");
        sh("c2", "ip link set eth0 address 02:42:ac:11:00:03");
        sh("c2", "ip link set eth0 up");
        sh("c2", "ip addr add 172.17.0.3/16 dev eth0");
        int c2 = Ipv4Address.parse("172.17.0.3");
        // Off (the kernel default): the bridge forwards without asking iptables.
        k.find("c1").ns().sendIp(0, c2, 1, 0, 0, true, 1, echo(9, 1), 0, 64, 0);
        k.sim().runUntilQuiet();
        assertTrue(k.exec(null, List.of("iptables", "-L", "FORWARD", "-n", "-v")).stdout()
                .contains("    0     0 ACCEPT     0    --  docker0 docker0  0.0.0.0/0            0.0.0.0/0"));
        // On, as Docker <= 27 sets it: the request is NEW and taken by the docker0 -> docker0 rule,
        // the reply is ESTABLISHED and taken by the conntrack rule before it; the flow is tracked.
        sh(null, "sysctl -w net.bridge.bridge-nf-call-iptables=1");
        k.find("c1").ns().sendIp(0, c2, 1, 0, 0, true, 2, echo(9, 2), 0, 64, k.sim().now());
        k.sim().runUntilQuiet();
        String fwd = k.exec(null, List.of("iptables", "-L", "FORWARD", "-n", "-v")).stdout();
        assertTrue(fwd.contains("    1    84 ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0"
                + "            ctstate RELATED,ESTABLISHED"), fwd);
        assertTrue(fwd.contains("    1    84 ACCEPT     0    --  docker0 docker0  0.0.0.0/0            0.0.0.0/0"), fwd);
        String ct = k.exec(null, List.of("conntrack", "-L")).stdout();
        assertTrue(ct.startsWith("icmp     1 29 src=172.17.0.2 dst=172.17.0.3 type=8 code=0 id=9"), ct + "\n" + fwd);
    }

    /**
     * Netfilter remembers interface names per ifindex and re-asks them only when the namespace's
     * device set changed: a rename between two packets is seen by the next packet's -o match.
     */
    @Test
    void aRenamedInterfaceIsMatchedByItsNewNameOnTheNextPacket() {
        world();
        sh(null, "iptables -A OUTPUT -o eth0 -p icmp -j DROP");
        int client = Ipv4Address.parse("192.168.1.20");
        var host = k.find(null).ns();
        host.sendIp(0, client, 1, 0, 0, true, 1, echo(5, 1), 0, 64, 0);
        k.sim().runUntilQuiet();
        sh(null, "ip link set eth0 down");
        sh(null, "ip link set eth0 name wan0");
        sh(null, "ip link set wan0 up");
        host.sendIp(0, client, 1, 0, 0, true, 2, echo(5, 2), 0, 64, k.sim().now());
        k.sim().runUntilQuiet();
        String out = k.exec(null, List.of("iptables", "-L", "OUTPUT", "-n", "-v")).stdout();
        assertTrue(out.contains("    1    84 DROP       1    --  *      eth0    0.0.0.0/0            0.0.0.0/0"), out);
        List<String> wan0 = sink.summaries("wan0");
        assertTrue(wan0.contains("IP 192.168.1.10 > 192.168.1.20: ICMP echo request, id 5, seq 2, length 64"), wan0.toString());
    }

    @Test
    void lanClientReachesThePublishedPortThroughDnat() {
        world();
        List<String> events = new ArrayList<>();
        k.find("c1").tcp().stack().listen(0, 80, 128, c -> new TcpCallbacks() {
            @Override
            public void onData(TcpConnection conn, byte[] buf, int off, int len) {
                events.add("c1 got " + new String(buf, off, len) + " from " + Ipv4Address.toString(conn.remoteAddr()));
                conn.send("pong".getBytes(), 0, 4);
            }
        });
        k.find("ext").tcp().stack().connect(Ipv4Address.parse("192.168.1.10"), 8080, new TcpCallbacks() {
            @Override
            public void onConnected(TcpConnection conn) {
                events.add("ext connected");
                conn.send("ping".getBytes(), 0, 4);
            }

            @Override
            public void onData(TcpConnection conn, byte[] buf, int off, int len) {
                events.add("ext got " + new String(buf, off, len));
            }
        });
        k.sim().runUntil(1_000_000_000L);
        assertEquals(List.of("ext connected", "c1 got ping from 192.168.1.20", "ext got pong"), events);
        String nat = k.exec(null, List.of("iptables", "-t", "nat", "-L", "DOCKER", "-n", "-v")).stdout();
        assertTrue(nat.contains("    1    60 DNAT       6    --  !docker0 *       0.0.0.0/0            0.0.0.0/0"
                + "            tcp dpt:8080 to:172.17.0.2:80"), nat);
        String ct = k.exec(null, List.of("conntrack", "-L")).stdout();
        assertTrue(ct.contains("src=192.168.1.20 dst=192.168.1.10") && ct.contains("src=172.17.0.2 dst=192.168.1.20 sport=80"), ct);
        // nstat shows the TCP stack's own counters (they were 0 before: kept apart from the IP layer's).
        assertEquals("#kernel\nTcpActiveOpens                  1                  0.0\n",
                k.exec("ext", List.of("nstat", "-az", "TcpActiveOpens")).stdout());
        assertEquals("#kernel\nTcpPassiveOpens                 1                  0.0\n",
                k.exec("c1", List.of("nstat", "-az", "TcpPassiveOpens")).stdout());
    }

    /** ext's SYN 192.168.1.20:40000 -> 192.168.1.10:8080 as a frame to dh's eth0, checksums right. */
    private byte[] synToPublishedPort() {
        return io.dockwire.wire.FrameBuilder.tcp(k.find(null).ns().device("eth0").mac(),
                k.find("ext").ns().device("eth0").mac(), Ipv4Address.parse("192.168.1.20"),
                Ipv4Address.parse("192.168.1.10"), 64, 1, new io.dockwire.wire.TcpRepr(40000, 8080, 1, 0,
                        io.dockwire.wire.TcpView.SYN, 64240, 0, io.dockwire.wire.TcpOptions.NONE, 0));
    }

    /**
     * net.netfilter.nf_conntrack_checksum (1): conntrack checks the transport checksum at
     * PREROUTING of a packet that is not CHECKSUM_PARTIAL (one from the wire). A SYN to a
     * published port with a bad checksum is INVALID, untracked, so DNAT never sees it: it goes up
     * dh's own stack, whose TCP drops and counts it. The same SYN with its checksum right is
     * tracked and DNAT'd to the container.
     */
    @Test
    void aSegmentWithABadChecksumFromTheWireIsNotTrackedNorDnated() {
        world();
        var extEth0 = k.find("ext").ns().device("eth0");
        byte[] good = synToPublishedPort();
        byte[] bad = good.clone();
        bad[34 + 17] ^= 0x40;
        k.emulation().world().transmitAt(extEth0, 1_000_000L, bad);
        k.sim().runUntil(500_000_000L);
        String nat = k.exec(null, List.of("iptables", "-t", "nat", "-L", "DOCKER", "-n", "-v", "-x")).stdout();
        assertTrue(nat.contains("       0        0 DNAT       6    --  !docker0 *       0.0.0.0/0            0.0.0.0/0"
                + "            tcp dpt:8080 to:172.17.0.2:80"), nat);
        assertEquals("", k.exec(null, List.of("conntrack", "-L")).stdout());
        assertEquals("#kernel\nTcpInErrs                       1                  0.0\n"
                + "TcpInCsumErrors                 1                  0.0\n",
                k.exec(null, List.of("nstat", "-az", "TcpInErrs", "TcpInCsumErrors")).stdout());
        assertEquals(List.of(), sink.summaries("c1:eth0"));

        k.emulation().world().transmitAt(extEth0, 600_000_000L, good);
        k.sim().runUntil(1_000_000_000L);
        nat = k.exec(null, List.of("iptables", "-t", "nat", "-L", "DOCKER", "-n", "-v", "-x")).stdout();
        assertTrue(nat.contains("       1       40 DNAT       6    --  !docker0 *       0.0.0.0/0            0.0.0.0/0"
                + "            tcp dpt:8080 to:172.17.0.2:80"), nat);
        // (its entry is gone again: c1 has no listener, and a RST as the only reply kills it)
        assertTrue(sink.summaries("c1:eth0").contains("IP 192.168.1.20.40000 > 172.17.0.2.80: Flags [S], seq 1, win 64240,"
                + " length 0"), sink.summaries("c1:eth0").toString());
    }

    /**
     * Linux TCP confirms its next hop (tcp_ack / tcp_init_metrics -> sk_dst_confirm, carried by
     * the next segment to neigh_confirm): c1 learnt the gateway from dh's ARP request (STALE), the
     * SYN-ACK moved it to DELAY, the connection confirmed it, so 5 s later it goes REACHABLE without
     * a probe. dh only forwards: its entry for ext (also learnt from a request) is not confirmed
     * by anything and is probed by unicast after delay_first_probe_time, as before.
     */
    @Test
    void tcpConfirmsTheNextHopSoDelayReturnsToReachableWithoutAProbe() {
        world();
        k.find("c1").tcp().stack().listen(0, 80, 128, c -> new TcpCallbacks() {
            @Override
            public void onData(TcpConnection conn, byte[] buf, int off, int len) {
                conn.send("pong".getBytes(), 0, 4);
            }
        });
        k.find("ext").tcp().stack().connect(Ipv4Address.parse("192.168.1.10"), 8080, new TcpCallbacks() {
            @Override
            public void onConnected(TcpConnection conn) {
                conn.send("ping".getBytes(), 0, 4);
            }
        });
        k.sim().runUntil(10_000_000_000L);
        List<String> c1 = sink.summaries("c1:eth0");
        assertTrue(c1.stream().noneMatch(f -> f.startsWith("ARP, Request who-has 172.17.0.1 tell 172.17.0.2")), c1.toString());
        String neigh = k.exec("c1", List.of("ip", "neigh")).stdout();
        assertTrue(neigh.startsWith("172.17.0.1 dev eth0 lladdr ") && neigh.endsWith(" REACHABLE \n"), neigh);
        List<String> eth0 = sink.summaries("eth0");
        assertEquals(1, eth0.stream().filter(f -> f.startsWith("ARP, Request who-has 192.168.1.20 tell 192.168.1.10")).count(),
                eth0.toString());
    }
}
