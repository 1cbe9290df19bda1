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
}
