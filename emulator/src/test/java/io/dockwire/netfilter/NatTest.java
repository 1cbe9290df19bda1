package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dockwire.wire.Icmpv4Repr;
import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.Ipv4View;
import org.junit.jupiter.api.Test;

/** DNAT, MASQUERADE and RELATED ICMP translation on the Docker 27 host. */
class NatTest {
    private final Rig rig = new Rig().docker27();

    @Test
    void inboundSynToPublishedPortIsDnatedAndItsReplyUnDnated() {
        byte[] syn = Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, SYN, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(syn, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(syn));
        assertEquals(80, Pkt.dport(syn));
        assertEquals("192.168.1.20", Pkt.src(syn));
        assertEquals(39808, Pkt.sport(syn));
        Pkt.assertChecksums(syn);
        assertEquals("nat/DOCKER #4 DNAT 192.168.1.10:8080 -> 172.17.0.2:80 (ct new)", rig.pkt.note());

        byte[] synAck = Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, SYN | ACK, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(synAck, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(synAck));
        assertEquals(8080, Pkt.sport(synAck));
        assertEquals("192.168.1.20", Pkt.dst(synAck));
        Pkt.assertChecksums(synAck);
        assertNull(rig.pkt.note(), "established traffic leaves no note");
    }

    @Test
    void outboundPingIsMasqueradedAndTheReplyTranslatedBack() {
        byte[] req = Pkt.echo("172.17.0.2", "192.168.1.20", true, 77, 1);
        assertEquals(Verdict.ACCEPT, rig.forward(req, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(req));
        assertEquals(77, Pkt.icmpId(req));
        Pkt.assertChecksums(req);
        assertEquals("nat/POSTROUTING #3 MASQUERADE 172.17.0.2:77 -> 192.168.1.10:77 (ct new)", rig.pkt.note());

        byte[] rep = Pkt.echo("192.168.1.20", "192.168.1.10", false, 77, 1);
        assertEquals(Verdict.ACCEPT, rig.forward(rep, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(rep));
        Pkt.assertChecksums(rep);
    }

    @Test
    void outboundTcpIsMasqueradedBothWays() {
        byte[] syn = Pkt.tcp("172.17.0.2", 45000, "93.184.216.34", 443, SYN, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(syn, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(syn));
        assertEquals(45000, Pkt.sport(syn));
        Pkt.assertChecksums(syn);
        byte[] synAck = Pkt.tcp("93.184.216.34", 443, "192.168.1.10", 45000, SYN | ACK, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(synAck, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(synAck));
        assertEquals(45000, Pkt.dport(synAck));
        Pkt.assertChecksums(synAck);
        byte[] data = Pkt.tcp("172.17.0.2", 45000, "93.184.216.34", 443, ACK, 100);
        assertEquals(Verdict.ACCEPT, rig.forward(data, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(data));
        Pkt.assertChecksums(data);
    }

    @Test
    void twoClientsMasqueradedToTheSameExternalEndpointGetDistinctSourcePorts() {
        byte[] a = Pkt.tcp("172.17.0.2", 40000, "93.184.216.34", 80, SYN, 0);
        byte[] b = Pkt.tcp("172.17.0.3", 40000, "93.184.216.34", 80, SYN, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(a, DOCKER0, ETH0));
        assertEquals(Verdict.ACCEPT, rig.forward(b, DOCKER0, ETH0));
        assertEquals(40000, Pkt.sport(a));
        assertEquals(40001, Pkt.sport(b));
        assertEquals("nat/POSTROUTING #3 MASQUERADE 172.17.0.3:40000 -> 192.168.1.10:40001 (ct new)", rig.pkt.note());
        Pkt.assertChecksums(b);
        // The server answers the second client on the port it saw; it reaches 172.17.0.3:40000.
        byte[] toB = Pkt.tcp("93.184.216.34", 80, "192.168.1.10", 40001, SYN | ACK, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(toB, ETH0, DOCKER0));
        assertEquals("172.17.0.3", Pkt.dst(toB));
        assertEquals(40000, Pkt.dport(toB));
        byte[] toA = Pkt.tcp("93.184.216.34", 80, "192.168.1.10", 40000, SYN | ACK, 0);
        assertEquals(Verdict.ACCEPT, rig.forward(toA, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(toA));
    }

    @Test
    void fragNeededAboutAMasqueradedFlowIsRelatedAndTranslatedBackWithItsQuote() {
        byte[] data = Pkt.tcp("172.17.0.2", 45000, "93.184.216.34", 443, ACK, 1400);
        rig.forward(Pkt.tcp("172.17.0.2", 45000, "93.184.216.34", 443, SYN, 0), DOCKER0, ETH0);
        rig.forward(Pkt.tcp("93.184.216.34", 443, "192.168.1.10", 45000, SYN | ACK, 0), ETH0, DOCKER0);
        assertEquals(Verdict.ACCEPT, rig.forward(data, DOCKER0, ETH0));
        // A router on the path answers the translated packet with frag-needed (3/4, MTU 1400).
        byte[] err = Pkt.icmp("10.0.0.1", "192.168.1.10", Icmpv4Repr.fragNeeded(1400, data, 0, data.length), 62);
        assertEquals(Verdict.ACCEPT, rig.forward(err, ETH0, DOCKER0));
        assertEquals(CtState.RELATED, rig.pkt.ctState);
        assertEquals("10.0.0.1", Pkt.src(err));
        assertEquals("172.17.0.2", Pkt.dst(err));
        int inner = 20 + Icmpv4View.HEADER_LENGTH;
        assertEquals("172.17.0.2", io.dockwire.wire.Ipv4Address.toString(Ipv4View.src(err, inner)));
        assertEquals("93.184.216.34", io.dockwire.wire.Ipv4Address.toString(Ipv4View.dst(err, inner)));
        assertEquals(45000, Bytes.u16(err, inner + 20));
        assertEquals(1400, Bytes.u16(err, 20 + Icmpv4View.NEXT_HOP_MTU_OFFSET));
        Pkt.assertChecksums(err);
    }

    @Test
    void portUnreachableFromTheContainerAboutADnatedFlowShowsThePublishedAddress() {
        rig.run("iptables -t nat -A DOCKER ! -i docker0 -p udp -m udp --dport 5353 -j DNAT --to-destination 172.17.0.2:53");
        rig.run("iptables -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p udp -m udp --dport 53 -j ACCEPT");
        byte[] q = Pkt.udp("192.168.1.20", 5000, "192.168.1.10", 5353, 30);
        assertEquals(Verdict.ACCEPT, rig.forward(q, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(q));
        assertEquals(53, Pkt.dport(q));
        byte[] err = Pkt.icmp("172.17.0.2", "192.168.1.20",
                Icmpv4Repr.destUnreachable(Icmpv4View.CODE_PORT_UNREACHABLE, q, 0, q.length), 64);
        assertEquals(Verdict.ACCEPT, rig.forward(err, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(err));
        int inner = 28;
        assertEquals("192.168.1.10", io.dockwire.wire.Ipv4Address.toString(Ipv4View.dst(err, inner)));
        assertEquals(5353, Bytes.u16(err, inner + 22));
        Pkt.assertChecksums(err);
        // The quoted UDP checksum was patched too: it equals the checksum of the packet as sent.
        byte[] asSent = Pkt.udp("192.168.1.20", 5000, "192.168.1.10", 5353, 30);
        assertEquals(Bytes.u16(asSent, 26), Bytes.u16(err, inner + 26));
        assertEquals(Bytes.u16(asSent, 10), Bytes.u16(err, inner + 10));
    }

    @Test
    void natCountersCountConnectionsWhileFilterCountersCountPackets() {
        for (int seq = 1; seq <= 3; seq++) {
            rig.forward(Pkt.echo("172.17.0.2", "192.168.1.20", true, 5, seq), DOCKER0, ETH0);
            rig.forward(Pkt.echo("192.168.1.20", "192.168.1.10", false, 5, seq), ETH0, DOCKER0);
        }
        assertEquals("[1:84] -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
                line(rig.run("iptables-save -c -t nat"), "-s 172.17.0.0/16 ! -o docker0"));
        assertEquals("[3:252] -A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
                line(rig.run("iptables-save -c -t filter"), "-A FORWARD -i docker0 ! -o docker0"));
        assertEquals("[3:252] -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                line(rig.run("iptables-save -c -t filter"), "-A FORWARD -o docker0 -m conntrack"));
    }

    @Test
    void aRuleAddedAfterAFlowStartedDoesNotChangeThatFlow() {
        byte[] first = Pkt.tcp("172.17.0.2", 41000, "93.184.216.34", 80, SYN, 0);
        rig.forward(first, DOCKER0, ETH0);
        rig.forward(Pkt.tcp("93.184.216.34", 80, "192.168.1.10", 41000, SYN | ACK, 0), ETH0, DOCKER0);
        rig.run("iptables -t nat -I POSTROUTING -s 172.17.0.0/16 -o eth0 -j SNAT --to-source 192.168.1.99");
        byte[] later = Pkt.tcp("172.17.0.2", 41000, "93.184.216.34", 80, ACK, 10);
        rig.forward(later, DOCKER0, ETH0);
        assertEquals("192.168.1.10", Pkt.src(later));
        byte[] fresh = Pkt.tcp("172.17.0.2", 41001, "93.184.216.34", 80, SYN, 0);
        rig.forward(fresh, DOCKER0, ETH0);
        assertEquals("192.168.1.99", Pkt.src(fresh));
        Pkt.assertChecksums(fresh);
    }

    @Test
    void aFullConntrackTableDropsNewFlowsAndKeepsExistingOnes() {
        Rig small = new Rig(2).docker27();
        byte[] a = Pkt.echo("172.17.0.2", "192.168.1.20", true, 1, 1);
        byte[] b = Pkt.echo("172.17.0.3", "192.168.1.20", true, 2, 1);
        assertEquals(Verdict.ACCEPT, small.forward(a, DOCKER0, ETH0));
        assertEquals(Verdict.ACCEPT, small.forward(b, DOCKER0, ETH0));
        byte[] c = Pkt.echo("172.17.0.2", "192.168.1.21", true, 3, 1);
        assertEquals(Verdict.DROP, small.forward(c, DOCKER0, ETH0));
        assertEquals(java.util.List.of("nf_conntrack: table full, dropping packet"), small.host.log);
        assertEquals("conntrack table full, dropping packet", small.pkt.note());
        byte[] replyA = Pkt.echo("192.168.1.20", "192.168.1.10", false, 1, 1);
        assertEquals(Verdict.ACCEPT, small.forward(replyA, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(replyA));
        // Once the ICMP entries time out (30 s), there is room again.
        small.advanceSeconds(31);
        assertEquals(Verdict.ACCEPT, small.forward(Pkt.echo("172.17.0.2", "192.168.1.21", true, 3, 2), DOCKER0, ETH0));
    }

    @Test
    void containerNamespaceWithoutRulesTracksNothing() {
        Rig plain = new Rig();
        assertEquals(Verdict.ACCEPT, plain.forward(Pkt.echo("1.1.1.1", "2.2.2.2", true, 1, 1), 2, 3));
        assertEquals(false, plain.nf.conntrackActive());
        assertEquals(0, plain.nf.conntrack().count());
        assertNotEquals(null, plain.nf.toString());
    }

    @Test
    void hostConnectingToItsPublishedPortIsDnatedInOutputAndTheReplyFixedAtInput() {
        byte[] syn = Pkt.tcp("192.168.1.10", 50000, "192.168.1.10", 8080, SYN, 0);
        assertEquals(Verdict.ACCEPT, rig.localOut(syn, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(syn));
        assertEquals(80, Pkt.dport(syn));
        assertEquals("nat/DOCKER #4 DNAT 192.168.1.10:8080 -> 172.17.0.2:80 (ct new)", rig.pkt.note());
        byte[] synAck = Pkt.tcp("172.17.0.2", 80, "192.168.1.10", 50000, SYN | ACK, 0);
        assertEquals(Verdict.ACCEPT, rig.localIn(synAck, DOCKER0));
        assertEquals("192.168.1.10", Pkt.src(synAck));
        assertEquals(8080, Pkt.sport(synAck));
        Pkt.assertChecksums(synAck);
    }

    @Test
    void redirectSendsToTheInputInterfacesAddress() {
        rig.run("iptables -t nat -I PREROUTING -i eth0 -p tcp -m tcp --dport 22 -j REDIRECT --to-ports 2222");
        byte[] syn = Pkt.tcp("192.168.1.20", 40000, "8.8.8.8", 22, SYN, 0);
        assertEquals(Verdict.ACCEPT, rig.localIn(syn, ETH0));
        assertEquals("192.168.1.10", Pkt.dst(syn));
        assertEquals(2222, Pkt.dport(syn));
        Pkt.assertChecksums(syn);
        assertEquals("nat/PREROUTING #1 REDIRECT 8.8.8.8:22 -> 192.168.1.10:2222 (ct new)", rig.pkt.note());
    }

    private static String line(String text, String needle) {
        for (String l : text.split("\n")) {
            if (l.contains(needle)) {
                return l;
            }
        }
        return null;
    }
}
