package io.dockwire.netfilter;

import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.wire.Ipv4Address;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Round trips through NAT keep every checksum valid and restore the original endpoints. */
class NatPropertiesTest {

    @Property(tries = 300)
    void masqueradeRoundTripKeepsChecksumsAndRestoresEndpoints(@ForAll @IntRange(min = 2, max = 250) int host,
            @ForAll @IntRange(min = 1, max = 65535) int sport, @ForAll @IntRange(min = 1, max = 65535) int dport,
            @ForAll @IntRange(min = 1, max = 0xFFFFFF) int remote, @ForAll boolean udp, @ForAll @IntRange(max = 300) int len) {
        Rig rig = new Rig().docker27();
        String c = "172.17.0." + host;
        String r = Ipv4Address.toString(0x5D000000 | remote); // 93.x.y.z: never local, never a bridge
        byte[] out = udp ? Pkt.udp(c, sport, r, dport, len) : Pkt.tcp(c, sport, r, dport, Pkt.SYN, len);
        assertEquals(Verdict.ACCEPT, rig.forward(out, DOCKER0, ETH0));
        Pkt.assertChecksums(out);
        assertEquals("192.168.1.10", Pkt.src(out));
        int natPort = Pkt.sport(out);
        byte[] back = udp ? Pkt.udp(r, dport, "192.168.1.10", natPort, len)
                : Pkt.tcp(r, dport, "192.168.1.10", natPort, Pkt.SYN | Pkt.ACK, len);
        assertEquals(Verdict.ACCEPT, rig.forward(back, ETH0, DOCKER0));
        Pkt.assertChecksums(back);
        assertEquals(c, Pkt.dst(back));
        assertEquals(sport, Pkt.dport(back));
        assertEquals(r, Pkt.src(back));
    }

    @Property(tries = 300)
    void dnatRoundTripKeepsChecksumsAndRestoresEndpoints(@ForAll @IntRange(min = 1, max = 65535) int sport,
            @ForAll @IntRange(min = 1, max = 0xFFFFFF) int remote, @ForAll @IntRange(max = 300) int len) {
        Rig rig = new Rig().docker27();
        String r = Ipv4Address.toString(0x5D000000 | remote); // 93.x.y.z: never local, never a bridge
        byte[] in = Pkt.tcp(r, sport, "192.168.1.10", 8080, Pkt.SYN, len);
        assertEquals(Verdict.ACCEPT, rig.forward(in, ETH0, DOCKER0));
        Pkt.assertChecksums(in);
        assertEquals("172.17.0.2", Pkt.dst(in));
        byte[] back = Pkt.tcp("172.17.0.2", 80, r, sport, Pkt.SYN | Pkt.ACK, len);
        assertEquals(Verdict.ACCEPT, rig.forward(back, DOCKER0, ETH0));
        Pkt.assertChecksums(back);
        assertEquals("192.168.1.10", Pkt.src(back));
        assertEquals(8080, Pkt.sport(back));
    }

    /**
     * NAT updates the parsed fields instead of parsing the rewritten packet again: they must be
     * what a parse would read, for whole packets, packets cut short inside their L4 header and
     * non-first fragments (whose ports are not rewritten).
     */
    @Property(tries = 1000)
    void fieldsUpdatedAfterARewriteAreWhatAParseReads(@ForAll @IntRange(max = 2) int kind, @ForAll boolean src,
            @ForAll @IntRange(min = 20, max = 80) int cut, @ForAll boolean fragment,
            @ForAll int addr, @ForAll @IntRange(max = 65535) int port) {
        byte[] b = switch (kind) {
            case 0 -> Pkt.udp("172.17.0.2", 40000, "93.184.216.34", 53, 20);
            case 1 -> Pkt.tcp("172.17.0.2", 40000, "93.184.216.34", 80, Pkt.ACK, 20);
            default -> Pkt.echo("172.17.0.2", "93.184.216.34", true, 7, 1);
        };
        if (fragment) {
            b[6] = 0;
            b[7] = 5; // fragment offset 40 bytes: no L4 header of its own
        }
        int len = Math.min(cut, b.length);
        NfPacket p = new NfPacket().wrap(b, 0, len);
        p.parse();
        int manip = src ? NatRewrite.SRC : NatRewrite.DST;
        new NatRewrite().manip(b, 0, len, manip, addr, port);
        p.natRewritten(manip, addr, port);
        NfPacket fresh = new NfPacket().wrap(b, 0, len);
        fresh.parse();
        assertEquals(fresh.src, p.src);
        assertEquals(fresh.dst, p.dst);
        assertEquals(fresh.sport, p.sport);
        assertEquals(fresh.dport, p.dport);
        assertEquals(fresh.l4Ok, p.l4Ok);
        assertEquals(fresh.icmpType, p.icmpType);
        assertEquals(fresh.tcpFlags, p.tcpFlags);
    }
}
