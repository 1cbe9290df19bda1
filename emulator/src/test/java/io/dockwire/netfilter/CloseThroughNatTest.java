package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.FIN;
import static io.dockwire.netfilter.Pkt.RST;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a TCP connection ends, through both of Docker's NATs: each packet that closes or
 * aborts a connection is translated like any other packet of its flow (a refused SYN's RST
 * included, which kills the entry as it passes: nf_conntrack_tcp_packet's "only reply is a RST"),
 * and the entry is left in the state and with the timer of nf_conntrack_proto_tcp.c's table.
 */
class CloseThroughNatTest {
    /** One side of a NATed flow: what it sends, and where the other side must see it. */
    private record Nat(String name, String client, int cport, String server, int sport, int clientIn,
            String seenSrc, int seenSport, String replySeenDst, int replySeenDport) {
    }

    /** A LAN client to a published port (DNAT in PREROUTING). */
    private static final Nat DNAT = new Nat("dnat", "192.168.1.20", 39808, "172.17.0.2", 80, ETH0,
            "192.168.1.10", 8080, "192.168.1.20", 39808);
    /** A container to the internet (MASQUERADE in POSTROUTING). */
    private static final Nat MASQ = new Nat("masquerade", "172.17.0.2", 45000, "93.184.216.34", 443, DOCKER0,
            "192.168.1.10", 45000, "172.17.0.2", 45000);

    /** A packet: from the client (true) or the server, and its flags. */
    private record Seg(boolean fromClient, int flags) {
    }

    private static Seg c(int flags) {
        return new Seg(true, flags);
    }

    private static Seg s(int flags) {
        return new Seg(false, flags);
    }

    private static final List<Seg> HANDSHAKE = List.of(c(SYN), s(SYN | ACK), c(ACK));

    static Stream<Arguments> endings() {
        List<Object[]> endings = List.of(
                new Object[] {"refused: the only reply is a RST", List.of(c(SYN), s(RST | ACK)), null},
                new Object[] {"the client gives up before any reply", List.of(c(SYN), c(RST)), null},
                new Object[] {"the client aborts", cat(HANDSHAKE, c(RST | ACK)), "10 CLOSE"},
                new Object[] {"the server aborts", cat(HANDSHAKE, s(RST | ACK)), "10 CLOSE"},
                new Object[] {"the client closes first", cat(HANDSHAKE, c(FIN | ACK), s(ACK), s(FIN | ACK), c(ACK)),
                    "120 TIME_WAIT"},
                new Object[] {"the client closes first, the server's FIN acks it", cat(HANDSHAKE, c(FIN | ACK),
                        s(FIN | ACK), c(ACK)), "120 TIME_WAIT"},
                new Object[] {"the server closes first", cat(HANDSHAKE, s(FIN | ACK), c(ACK), c(FIN | ACK), s(ACK)),
                    "120 TIME_WAIT"},
                new Object[] {"both close at once", cat(HANDSHAKE, c(FIN | ACK), s(FIN | ACK), s(ACK), c(ACK)),
                    "120 TIME_WAIT"},
                new Object[] {"the server closes, the client answers with a RST", cat(HANDSHAKE, s(FIN | ACK),
                        c(RST)), "10 CLOSE"},
                new Object[] {"the client closes and never hears back", cat(HANDSHAKE, c(FIN | ACK)), "120 FIN_WAIT"},
                new Object[] {"the server closes, its FIN acked", cat(HANDSHAKE, s(FIN | ACK), c(ACK)), "60 CLOSE_WAIT"},
                new Object[] {"both FINs, the last ACK missing", cat(HANDSHAKE, s(FIN | ACK), c(FIN | ACK)),
                    "30 LAST_ACK"});
        return Stream.of(DNAT, MASQ).flatMap(n -> endings.stream().map(e -> Arguments.of(n.name, e[0], n, e[1], e[2])));
    }

    @SafeVarargs
    private static <T> List<T> cat(List<T> head, T... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("endings")
    void everyPacketIsTranslatedAndTheEntryEndsAsTheKernelLeavesIt(String nat, String ending, Nat n, List<Seg> segs,
            String left) {
        Rig rig = new Rig().docker27();
        for (Seg seg : segs) {
            byte[] b;
            int in;
            int out;
            if (seg.fromClient) {
                String dst = n == DNAT ? "192.168.1.10" : n.server;
                int dport = n == DNAT ? 8080 : n.sport;
                b = Pkt.tcp(n.client, n.cport, dst, dport, seg.flags, 0);
                in = n.clientIn;
                out = in == ETH0 ? DOCKER0 : ETH0;
            } else {
                String dst = n == DNAT ? n.client : "192.168.1.10";
                b = Pkt.tcp(n.server, n.sport, dst, n.cport, seg.flags, 0);
                out = n.clientIn;
                in = out == ETH0 ? DOCKER0 : ETH0;
            }
            String what = ending + ", " + (seg.fromClient ? "client" : "server") + " flags " + seg.flags;
            assertEquals(Verdict.ACCEPT, rig.forward(b, in, out), what);
            Pkt.assertChecksums(b);
            if (seg.fromClient) {
                if (n == DNAT) {
                    assertEquals(n.server + ":" + n.sport, Pkt.dst(b) + ":" + Pkt.dport(b), what);
                } else {
                    assertEquals(n.seenSrc + ":" + n.seenSport, Pkt.src(b) + ":" + Pkt.sport(b), what);
                }
            } else {
                if (n == DNAT) {
                    assertEquals(n.seenSrc + ":" + n.seenSport, Pkt.src(b) + ":" + Pkt.sport(b), what);
                } else {
                    assertEquals(n.replySeenDst + ":" + n.replySeenDport, Pkt.dst(b) + ":" + Pkt.dport(b), what);
                }
            }
        }
        rig.pkt.release(); // the last packet is freed: an entry it killed goes back to the pool
        String list = rig.nf.conntrackList(rig.now).stdout();
        if (left == null) {
            assertEquals("", list);
            assertEquals(0, rig.nf.conntrack().count(), "the killed entry went back to the pool");
            // The tuple is free again: the next SYN makes a new connection, translated as the first was.
            byte[] again = n == DNAT ? Pkt.tcp(n.client, n.cport, "192.168.1.10", 8080, SYN, 0)
                    : Pkt.tcp(n.client, n.cport, n.server, n.sport, SYN, 0);
            assertEquals(Verdict.ACCEPT, rig.forward(again, n.clientIn, n.clientIn == ETH0 ? DOCKER0 : ETH0));
            assertEquals(n == DNAT ? n.server : n.seenSrc, n == DNAT ? Pkt.dst(again) : Pkt.src(again));
            assertEquals(true, rig.nf.conntrackList(rig.now).stdout().contains(" SYN_SENT "));
        } else {
            assertEquals(true, list.startsWith("tcp      6 " + left + " "), ending + ": " + list);
            assertEquals(1, rig.nf.conntrack().count());
        }
    }
}
