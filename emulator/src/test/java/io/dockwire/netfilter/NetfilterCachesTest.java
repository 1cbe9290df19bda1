package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.command.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The caches on the hook path never serve a stale answer: {@link Netfilter#passive()}, the rules'
 * per-ifindex -i/-o answers and the remembered walks ({@link WalkMemo}) follow every rule, policy,
 * table and interface change. The randomized test runs the same traffic and changes through a
 * netfilter with the memo and one that walks every time, and compares everything observable.
 */
class NetfilterCachesTest {
    private static final int VETH = 9;

    private static byte[] synIn() {
        return Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, SYN, 0);
    }

    private static byte[] ackIn() {
        return Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, ACK, 10);
    }

    /** An established DNATed flow through Docker 27's rules (SYN, SYN-ACK, then a few ACKs). */
    private static Rig establishedDnat() {
        Rig rig = new Rig().docker27();
        assertEquals(Verdict.ACCEPT, rig.forward(synIn(), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, SYN | ACK, 0), DOCKER0, ETH0));
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ACCEPT, rig.forward(ackIn(), ETH0, DOCKER0));
        }
        return rig;
    }

    /** A rig without Docker's rules, with these iptables lines run. */
    private static Rig rig(String... lines) {
        Rig rig = new Rig();
        for (String l : lines) {
            rig.run(l);
        }
        return rig;
    }

    /** 38 bytes of UDP from the LAN client to c1. */
    private static byte[] udpIn() {
        return Pkt.udp("192.168.1.20", 5000, "172.17.0.2", 9, 10);
    }

    private static String counters(Rig rig, String chain) {
        return rig.run("iptables -L " + chain + " -n -v -x");
    }

    @Test
    void ruleInsertedAfterTheFlowIsEstablishedCountsAndDecides() {
        Rig rig = establishedDnat();
        rig.run("iptables -I DOCKER-USER -s 192.168.1.20/32 -p tcp");
        assertEquals(Verdict.ACCEPT, rig.forward(ackIn(), ETH0, DOCKER0));
        assertTrue(counters(rig, "DOCKER-USER").contains("       1       62            6    --  *      *       192.168.1.20"),
                counters(rig, "DOCKER-USER"));
        rig.run("iptables -I DOCKER-USER -s 192.168.1.20/32 -j DROP");
        assertEquals(Verdict.DROP, rig.forward(ackIn(), ETH0, DOCKER0));
        assertEquals("filter/DOCKER-USER #1 DROP", rig.pkt.note());
        rig.run("iptables -D DOCKER-USER 1");
        assertEquals(Verdict.ACCEPT, rig.forward(ackIn(), ETH0, DOCKER0));
    }

    @Test
    void zeroedCountersCountAgainFromZero() {
        Rig rig = establishedDnat();
        rig.run("iptables -Z");
        assertEquals(Verdict.ACCEPT, rig.forward(ackIn(), ETH0, DOCKER0));
        String l = counters(rig, "DOCKER-USER");
        assertTrue(l.contains("       1       62 RETURN"), l);
    }

    @Test
    void aFlowThatGetsItsReplyIsNoLongerCountedAsNew() {
        Rig rig = new Rig();
        rig.nf.memoLines = 1; // same line whatever the key: only the key comparison tells them apart
        rig.run("iptables -A FORWARD -m conntrack --ctstate NEW");
        rig.run("iptables -A FORWARD -m conntrack --ctstate ESTABLISHED");
        rig.forward(udpIn(), ETH0, DOCKER0);
        rig.forward(udpIn(), ETH0, DOCKER0);
        rig.localIn(Pkt.udp("172.17.0.2", 9, "192.168.1.20", 5000, 1), DOCKER0);
        rig.forward(udpIn(), ETH0, DOCKER0);
        String l = counters(rig, "FORWARD");
        assertTrue(l.contains("       2       76            0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW"), l);
        assertTrue(l.contains("       1       38            0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate ESTABLISHED"), l);
    }

    @Test
    void sameAddressesAndPortsWithAnotherProtocolAreWalkedAgain() {
        Rig rig = new Rig();
        rig.nf.memoLines = 1;
        rig.run("iptables -A FORWARD -p udp -j DROP");
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("192.168.1.20", 5000, "172.17.0.2", 80, ACK, 0), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("192.168.1.20", 5000, "172.17.0.2", 80, ACK, 0), ETH0, DOCKER0));
        assertEquals(Verdict.DROP, rig.forward(Pkt.udp("192.168.1.20", 5000, "172.17.0.2", 80, 0), ETH0, DOCKER0));
    }

    @Test
    void policyChangeAppliesToTheNextPacketOfAnEstablishedFlow() {
        Rig rig = rig("iptables -A FORWARD -p udp");
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), ETH0, DOCKER0));
        }
        rig.run("iptables -P FORWARD DROP");
        assertEquals(Verdict.DROP, rig.forward(udpIn(), ETH0, DOCKER0));
        assertEquals("filter/FORWARD policy DROP", rig.pkt.note());
        assertTrue(rig.run("iptables -S FORWARD").startsWith("-P FORWARD DROP"));
        assertTrue(counters(rig, "FORWARD").startsWith("Chain FORWARD (policy DROP 4 packets, 152 bytes)"),
                counters(rig, "FORWARD"));
        rig.run("iptables -P FORWARD ACCEPT");
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), ETH0, DOCKER0));
        assertTrue(counters(rig, "FORWARD").contains("       5      190            17   --"), counters(rig, "FORWARD"));
    }

    @Test
    void renamedInterfaceIsMatchedByItsNewName() {
        Rig rig = rig("iptables -A FORWARD -i eth0 -j DROP", "iptables -A FORWARD ! -o docker0 -j DROP");
        assertEquals(Verdict.DROP, rig.forward(udpIn(), ETH0, DOCKER0));
        rig.host.names.put(ETH0, "wan0");
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), ETH0, DOCKER0));
        rig.host.names.put(DOCKER0, "br-x");
        assertEquals(Verdict.DROP, rig.forward(udpIn(), ETH0, DOCKER0));
        assertEquals("filter/FORWARD #2 DROP", rig.pkt.note());
        rig.host.names.put(DOCKER0, "docker0");
        rig.host.names.put(ETH0, "eth0");
        assertEquals(Verdict.DROP, rig.forward(udpIn(), ETH0, DOCKER0));
        assertEquals("filter/FORWARD #1 DROP", rig.pkt.note());
    }

    @Test
    void interfaceAddedAfterAWildcardRuleIsMatched() {
        Rig rig = rig("iptables -A FORWARD -o veth+ -j DROP", "iptables -A FORWARD ! -i veth+ -p udp");
        // ifindex 9 has no device yet (no name): neither -o veth+ nor -i veth+.
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), ETH0, VETH));
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), VETH, ETH0));
        rig.host.iface(VETH, "veth1a2b3c", null);
        assertEquals(Verdict.DROP, rig.forward(udpIn(), ETH0, VETH));
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), VETH, ETH0));
        String l = counters(rig, "FORWARD");
        assertTrue(l.contains("       1       38 DROP       0    --  *      veth+"), l);
        // ! -i veth+ counted the packet from ETH0 and the one from the nameless ifindex 9, not the one from veth1a2b3c.
        assertTrue(l.contains("       2       76            17   --  !veth+ *"), l);
        rig.host.names.remove(VETH);
        assertEquals(Verdict.ACCEPT, rig.forward(udpIn(), ETH0, VETH));
    }

    @Test
    void passiveFollowsTablesPoliciesRulesAndTracking() {
        Rig rig = new Rig();
        assertTrue(rig.nf.passive());
        rig.run("iptables -t raw -L");
        assertTrue(rig.nf.passive(), "-L does not create a table");
        rig.run("iptables -t raw -N X");
        assertFalse(rig.nf.passive(), "a table that exists is walked (its policy counters count)");

        Rig p = new Rig();
        p.run("iptables -t mangle -P INPUT ACCEPT");
        assertFalse(p.nf.passive());

        Rig f = new Rig();
        f.nf.forceConntrack(true);
        assertFalse(f.nf.passive());
        f.nf.forceConntrack(false);
        assertTrue(f.nf.passive());

        Rig failed = new Rig();
        assertEquals(1, failed.ipt.runLine("iptables -A NOPE -j ACCEPT").exitCode());
        assertTrue(failed.nf.passive(), "a failed command changes nothing");
    }

    @Test
    void logOnTheWayIsWrittenForEveryPacket() {
        Rig rig = rig("iptables -A FORWARD -p udp -j LOG --log-prefix x:");
        for (int i = 0; i < 4; i++) {
            rig.forward(udpIn(), ETH0, DOCKER0);
        }
        assertEquals(4, rig.host.log.size());
    }

    @Test
    void traceTurnedOnMidFlowTracesTheNextPacket() {
        Rig rig = establishedDnat();
        rig.nf.setTrace(true);
        rig.forward(ackIn(), ETH0, DOCKER0);
        assertTrue(rig.host.log.stream().anyMatch(s -> s.startsWith("TRACE: filter:DOCKER-USER:rule:1 ")), rig.host.log.toString());
    }

    // ---- differential: memo on vs memo off -------------------------------------------------

    private static final String[] IFS = {"eth0", "docker0", "veth1", "veth2", "wan0", "br-x"};
    private static final String[] ADDRS = {"192.168.1.20", "172.17.0.2", "172.17.0.3", "10.0.0.1", "192.168.1.10"};

    private static String randomRule(Random r) {
        StringBuilder sb = new StringBuilder();
        String[] chains = {"FORWARD", "FORWARD", "A", "B", "INPUT", "OUTPUT"};
        String chain = chains[r.nextInt(chains.length)];
        sb.append("iptables ").append(r.nextInt(3) == 0 ? "-I " : "-A ").append(chain);
        if (r.nextInt(3) == 0) {
            sb.append(r.nextBoolean() ? " ! -s " : " -s ").append(ADDRS[r.nextInt(ADDRS.length)]).append(r.nextBoolean() ? "/32" : "/24");
        }
        if (r.nextInt(3) == 0) {
            sb.append(r.nextBoolean() ? " ! -i " : " -i ").append(r.nextInt(4) == 0 ? "veth+" : IFS[r.nextInt(IFS.length)]);
        }
        if (r.nextInt(3) == 0) {
            sb.append(r.nextBoolean() ? " ! -o " : " -o ").append(r.nextInt(4) == 0 ? "br-+" : IFS[r.nextInt(IFS.length)]);
        }
        int kind = r.nextInt(5);
        if (kind == 0) {
            sb.append(" -p udp -m udp --dport ").append(r.nextBoolean() ? "9" : "9:100");
        } else if (kind == 1) {
            sb.append(" -p tcp -m tcp ").append(r.nextBoolean() ? "--sport 39808" : "! --dport 80");
        } else if (kind == 2) {
            sb.append(" -m conntrack --ctstate ").append(r.nextBoolean() ? "NEW" : "RELATED,ESTABLISHED");
        } else if (kind == 3) {
            sb.append(" -p icmp -m icmp --icmp-type ").append(r.nextBoolean() ? "8" : "0/0");
        }
        if (r.nextInt(8) == 0) {
            sb.append(" -m comment --comment c");
        }
        String[] targets = {"", " -j ACCEPT", " -j DROP", " -j RETURN", " -j A", " -j B", " -g B", " -j LOG",
            " -j REJECT", ""};
        String target = targets[r.nextInt(targets.length)];
        // No loops: built-ins may jump to A or B, A only to B, B nowhere.
        if (chain.equals("B") && target.endsWith(" A") || chain.equals("B") && target.endsWith(" B")
                || chain.equals("A") && target.endsWith(" A")) {
            target = " -j RETURN";
        }
        sb.append(target);
        return sb.toString();
    }

    /** A packet and its answer (addresses and ports swapped), so flows get replies and become ESTABLISHED. */
    private static List<byte[]> randomFlow(Random r) {
        String s = ADDRS[r.nextInt(ADDRS.length)];
        String d = ADDRS[r.nextInt(ADDRS.length)];
        int sp = 5000 + r.nextInt(2);
        int dp = r.nextBoolean() ? 80 : 8080;
        return switch (r.nextInt(3)) {
            case 0 -> {
                int up = r.nextBoolean() ? 9 : 80; // 80: the same addresses and ports as a TCP flow, told apart by protocol alone
                yield List.of(Pkt.udp(s, sp, d, up, r.nextInt(3)), Pkt.udp(d, up, s, sp, 1));
            }
            case 1 -> List.of(Pkt.tcp(s, sp, d, dp, SYN, 0), Pkt.tcp(d, dp, s, sp, SYN | ACK, 0), Pkt.tcp(s, sp, d, dp, ACK, 2));
            default -> List.of(Pkt.echo(s, d, true, 7, 1), Pkt.echo(d, s, false, 7, 1));
        };
    }

    private static void both(Rig a, Rig b, String line) {
        CommandResult ra = a.ipt.runLine(line);
        CommandResult rb = b.ipt.runLine(line);
        assertEquals(rb, ra, line);
    }

    /**
     * br_netfilter on Docker 27's rules: after a container-to-container UDP flow got its reply,
     * its next packets take the remembered pass, and counters and conntrack read as if every
     * packet had walked; a rule added, the entry flushed or a new state each take the full pass.
     */
    @Test
    void bridgedPassesOfAnEstablishedFlowAreRememberedAndCountAsWalked() {
        Rig memo = new Rig().docker27();
        Rig plain = new Rig().docker27();
        plain.nf.passMemoEnabled = false;
        byte[] there = Pkt.udp("172.17.0.2", 40000, "172.17.0.3", 9, 18);
        byte[] back = Pkt.udp("172.17.0.3", 9, "172.17.0.2", 40000, 18);
        for (Rig x : List.of(memo, plain)) {
            assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, true));
            assertEquals(Verdict.ACCEPT, x.bridge(back.clone(), DOCKER0, true));
        }
        long before = memo.nf.passMemo.replays;
        for (int i = 0; i < 5; i++) {
            for (Rig x : List.of(memo, plain)) {
                assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, true));
            }
        }
        assertEquals(4, memo.nf.passMemo.replays - before, "the first packet after the reply records, the next four replay");
        for (Rig x : List.of(memo, plain)) {
            x.run("iptables -I DOCKER-USER -p udp -j DROP");
            assertEquals(Verdict.DROP, x.bridge(there.clone(), DOCKER0, true));
            x.run("iptables -D DOCKER-USER 1");
            x.nf.conntrack().flush();
            assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, true));
            assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, true)); // NEW again: no reply yet
            x.advanceSeconds(3);
            assertEquals(Verdict.ACCEPT, x.bridge(back.clone(), DOCKER0, true));
            assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, true)); // ASSURED now
            assertEquals(Verdict.ACCEPT, x.bridge(there.clone(), DOCKER0, false));
        }
        for (String t : new String[] {"filter", "nat"}) {
            assertEquals(plain.run("iptables-save -c -t " + t), memo.run("iptables-save -c -t " + t));
        }
        assertEquals(plain.nf.conntrackList(plain.now), memo.nf.conntrackList(memo.now));
        String l = memo.run("iptables -L FORWARD -n -v -x");
        assertTrue(l.contains("       9      414 ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED"), l);
    }

    /**
     * Replayed passes count per memo line until a command needs the rules' counters: zeroing
     * must not let counts from before it through, and a listing must show every packet.
     */
    @Test
    void replayedCountsReachTheRulesBeforeAnyCommandReadsOrZeroesThem() {
        Rig rig = new Rig().docker27();
        byte[] there = Pkt.udp("172.17.0.2", 40000, "172.17.0.3", 9, 18);
        rig.bridge(there.clone(), DOCKER0, true);
        rig.bridge(Pkt.udp("172.17.0.3", 9, "172.17.0.2", 40000, 18), DOCKER0, true);
        for (int i = 0; i < 5; i++) {
            rig.bridge(there.clone(), DOCKER0, true);
        }
        String est = "ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED";
        String l = rig.run("iptables -L FORWARD -n -v -x");
        assertTrue(l.contains("       6      276 " + est), l); // the reply and the five
        rig.run("iptables -Z FORWARD");
        for (int i = 0; i < 3; i++) {
            rig.bridge(there.clone(), DOCKER0, true);
        }
        l = rig.run("iptables -L FORWARD -n -v -x");
        assertTrue(l.contains("       3      138 " + est), l);
        assertTrue(rig.run("iptables-save -c -t filter").contains("[3:138] -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
    }

    /**
     * Routed passes on Docker 27's rules: a DNATed TCP flow in (eth0 to docker0) and a
     * MASQUERADEd UDP flow out (docker0 to eth0) replay PREROUTING from the memo and then FORWARD
     * and POSTROUTING while the route is the remembered one; another output device, a drop after
     * PREROUTING and local delivery take the hooks' own way. Everything reads as if walked.
     */
    @Test
    void routedPassesAreRememberedStageByStageAndCountAsWalked() {
        Rig memo = new Rig().docker27();
        Rig plain = new Rig().docker27();
        plain.nf.passMemoEnabled = false;
        byte[] out = Pkt.udp("172.17.0.2", 40000, "192.168.1.20", 53, 20);
        byte[] back = Pkt.udp("192.168.1.20", 53, "192.168.1.10", 40000, 20);
        for (Rig x : List.of(memo, plain)) {
            assertEquals(Verdict.ACCEPT, x.forward(synIn(), ETH0, DOCKER0));
            assertEquals(Verdict.ACCEPT, x.forward(Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, SYN | ACK, 0), DOCKER0, ETH0));
            assertEquals(Verdict.ACCEPT, x.forward(out.clone(), DOCKER0, ETH0));
            assertEquals(Verdict.ACCEPT, x.forward(back.clone(), ETH0, DOCKER0));
        }
        long before = memo.nf.passMemo.replays;
        for (int i = 0; i < 4; i++) {
            for (Rig x : List.of(memo, plain)) {
                byte[] a = ackIn();
                assertEquals(Verdict.ACCEPT, x.forward(a, ETH0, DOCKER0));
                assertEquals("172.17.0.2", io.dockwire.wire.Ipv4Address.toString(io.dockwire.wire.Ipv4View.dst(a, 0)));
                byte[] o = out.clone();
                assertEquals(Verdict.ACCEPT, x.forward(o, DOCKER0, ETH0));
                assertEquals("192.168.1.10", io.dockwire.wire.Ipv4Address.toString(io.dockwire.wire.Ipv4View.src(o, 0)));
            }
        }
        // TCP: the first ACK completes the handshake (ESTABLISHED, ASSURED: a new status), the
        // second is recorded, two replay; UDP: the first is recorded, three replay.
        assertEquals(5, memo.nf.passMemo.replays - before);
        for (Rig x : List.of(memo, plain)) {
            assertEquals(Verdict.ACCEPT, x.forward(ackIn(), ETH0, Rig.BR_A)); // another route: FORWARD walks
            assertEquals(Verdict.ACCEPT, x.preroutingThenDropped(ackIn(), ETH0));
            assertEquals(Verdict.ACCEPT, x.forward(ackIn(), ETH0, DOCKER0));
            assertEquals(Verdict.ACCEPT, x.localIn(ackIn(), ETH0));
            assertEquals(Verdict.ACCEPT, x.localIn(ackIn(), ETH0));
            assertEquals(Verdict.ACCEPT, x.forward(ackIn(), ETH0, DOCKER0));
            x.run("iptables -I DOCKER-USER -o eth0 -j DROP");
            assertEquals(Verdict.DROP, x.forward(out.clone(), DOCKER0, ETH0));
            assertEquals("filter/DOCKER-USER #1 DROP", x.pkt.note());
        }
        for (String t : new String[] {"filter", "nat"}) {
            assertEquals(plain.run("iptables-save -c -t " + t), memo.run("iptables-save -c -t " + t));
        }
        assertEquals(plain.nf.conntrackList(plain.now), memo.nf.conntrackList(memo.now));
    }

    /**
     * Docker 27's rules and Docker-like traffic (a DNATed TCP flow and its replies, masqueraded
     * UDP out and back, container-to-container UDP over docker0, local delivery), in random
     * order with random rule inserts and deletes, -Z, conntrack flushes and time steps: the passes
     * replayed from the memo and the ones walked every time leave the same verdicts, notes,
     * conntrack table and counters, and most passes are replays.
     */
    @Test
    void dockerTrafficWithRememberedPassesIsIndistinguishableFromWalking() {
        long replays = 0;
        long sent = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            Rig memo = new Rig().docker27();
            Rig plain = new Rig().docker27();
            plain.nf.passMemoEnabled = false;
            String[] inserts = {"iptables -I DOCKER-USER -p udp --dport 53 -j DROP", "iptables -I DOCKER-USER -s 172.17.0.3/32",
                "iptables -I DOCKER-USER -i eth0 -p tcp -j RETURN", "iptables -I DOCKER-USER -o docker0 -m conntrack --ctstate NEW"};
            for (int step = 0; step < 600; step++) {
                int what = r.nextInt(100);
                if (what < 2) {
                    both(memo, plain, inserts[r.nextInt(inserts.length)]);
                } else if (what < 4) {
                    // (on one rig only: settling its counters at any moment changes nothing)
                    if (memo.run("iptables -S DOCKER-USER").split("\n").length > 2) {
                        both(memo, plain, "iptables -D DOCKER-USER 1");
                    }
                } else if (what < 5) {
                    both(memo, plain, "iptables -Z");
                } else if (what < 6) {
                    memo.nf.conntrack().flush();
                    plain.nf.conntrack().flush();
                } else if (what < 8) {
                    double secs = r.nextBoolean() ? 1 : 31;
                    memo.advanceSeconds(secs);
                    plain.advanceSeconds(secs);
                } else {
                    int kind = r.nextInt(7);
                    byte[] b = switch (kind) {
                        case 0 -> Pkt.tcp("192.168.1.20", 39808, "192.168.1.10", 8080, r.nextInt(4) == 0 ? SYN : ACK, 10);
                        case 1 -> Pkt.tcp("172.17.0.2", 80, "192.168.1.20", 39808, r.nextInt(4) == 0 ? SYN | ACK : ACK, 10);
                        case 2 -> Pkt.udp("172.17.0.2", 40000, "192.168.1.20", 53, 20);
                        case 3 -> Pkt.udp("192.168.1.20", 53, "192.168.1.10", 40000 + r.nextInt(2), 20);
                        case 4 -> Pkt.udp("172.17.0.2", 41000, "172.17.0.3", 9, 18);
                        case 5 -> Pkt.udp("172.17.0.3", 9, "172.17.0.2", 41000, 18);
                        default -> Pkt.udp("192.168.1.20", 5000, "192.168.1.10", 9, 8);
                    };
                    boolean partial = r.nextBoolean();
                    Verdict va;
                    Verdict vb;
                    if (kind == 4 || kind == 5) {
                        va = memo.bridge(b.clone(), DOCKER0, partial);
                        vb = plain.bridge(b.clone(), DOCKER0, partial);
                    } else if (kind == 6) {
                        va = memo.localIn(b.clone(), ETH0);
                        vb = plain.localIn(b.clone(), ETH0);
                    } else {
                        int in = kind == 0 || kind == 3 ? ETH0 : DOCKER0;
                        int out = in == ETH0 ? (r.nextInt(8) == 0 ? Rig.BR_A : DOCKER0) : ETH0;
                        va = memo.forward(b.clone(), in, out);
                        vb = plain.forward(b.clone(), in, out);
                    }
                    sent++;
                    String ctx = "seed " + seed + " step " + step;
                    assertEquals(vb, va, ctx);
                    assertEquals(plain.pkt.note(), memo.pkt.note(), ctx);
                    assertEquals(plain.nf.conntrackList(plain.now), memo.nf.conntrackList(memo.now), ctx);
                }
            }
            for (String t : new String[] {"filter", "nat"}) {
                assertEquals(plain.run("iptables-save -c -t " + t), memo.run("iptables-save -c -t " + t), "seed " + seed);
            }
            replays += memo.nf.passMemo.replays;
        }
        assertTrue(replays > sent / 3, "replayed " + replays + " of " + sent + " passes");
    }

    @Test
    void rememberedWalksAreIndistinguishableFromWalkingEveryTime() {
        long replayedPasses = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Random r = new Random(seed);
            Rig memo = new Rig();
            Rig plain = new Rig();
            plain.nf.memoEnabled = false;
            plain.nf.passMemoEnabled = false;
            memo.nf.memoLines = seed % 2 == 0 ? 1 : 4;
            boolean track = r.nextBoolean();
            for (Rig x : List.of(memo, plain)) {
                x.host.iface(6, "veth1", null).iface(7, "veth2", null);
                x.nf.forceConntrack(track);
            }
            both(memo, plain, "iptables -N A");
            both(memo, plain, "iptables -N B");
            if (r.nextBoolean()) {
                both(memo, plain, "iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE");
            }
            for (int i = 0; i < 6; i++) {
                both(memo, plain, randomRule(r));
            }
            List<byte[]> flows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                flows.addAll(randomFlow(r));
            }
            for (int step = 0; step < 400; step++) {
                int what = r.nextInt(100);
                if (what < 3) {
                    both(memo, plain, randomRule(r));
                } else if (what < 4) {
                    both(memo, plain, "iptables -D " + (r.nextBoolean() ? "FORWARD" : "A") + " 1");
                } else if (what < 5) {
                    both(memo, plain, "iptables -P " + (r.nextBoolean() ? "FORWARD" : "INPUT") + (r.nextBoolean() ? " DROP" : " ACCEPT"));
                } else if (what < 6) {
                    both(memo, plain, "iptables -F " + (r.nextBoolean() ? "A" : "B"));
                } else if (what < 7) {
                    int ifx = 2 + r.nextInt(6);
                    String name = IFS[r.nextInt(IFS.length)];
                    memo.host.names.put(ifx, name);
                    plain.host.names.put(ifx, name);
                } else if (what < 8) {
                    boolean on = r.nextInt(4) == 0;
                    memo.nf.setTrace(on);
                    plain.nf.setTrace(on);
                } else if (what < 9) {
                    both(memo, plain, "iptables -Z");
                } else if (what < 10) {
                    if (r.nextInt(3) == 0) {
                        memo.nf.conntrack().flush();
                        plain.nf.conntrack().flush();
                    } else {
                        int s = r.nextBoolean() ? 1 : 40; // 1: UDP flows turn ASSURED (2 s), 40: entries expire
                        memo.advanceSeconds(s);
                        plain.advanceSeconds(s);
                    }
                } else {
                    byte[] b = flows.get(r.nextInt(flows.size()));
                    int in = 1 + r.nextInt(7);
                    int out = r.nextBoolean() ? 1 + r.nextInt(7) : in == ETH0 ? DOCKER0 : ETH0;
                    int path = r.nextInt(7); // 3..5: bridged, with or without CHECKSUM_PARTIAL; 6: dropped after PREROUTING
                    Verdict va = send(memo, b.clone(), path, in, out);
                    Verdict vb = send(plain, b.clone(), path, in, out);
                    String ctx = "seed " + seed + " step " + step;
                    assertEquals(vb, va, ctx);
                    assertEquals(plain.pkt.note(), memo.pkt.note(), ctx);
                    assertEquals(plain.nf.conntrackList(plain.now), memo.nf.conntrackList(memo.now), ctx);
                }
            }
            assertEquals(plain.host.log, memo.host.log, "seed " + seed);
            assertEquals(plain.host.rejects.size(), memo.host.rejects.size(), "seed " + seed);
            for (String t : new String[] {"filter", "nat"}) {
                assertEquals(plain.run("iptables-save -c -t " + t), memo.run("iptables-save -c -t " + t), "seed " + seed);
            }
            assertEquals(plain.nf.conntrackList(plain.now), memo.nf.conntrackList(memo.now), "seed " + seed);
            replayedPasses += memo.nf.passMemo.replays;
        }
        assertTrue(replayedPasses > 50, "bridged passes were replayed: " + replayedPasses);
    }

    private static Verdict send(Rig rig, byte[] b, int path, int in, int out) {
        return switch (path) {
            case 0 -> rig.forward(b, in, out);
            case 1 -> rig.localOut(b, out);
            case 2 -> rig.localIn(b, in);
            case 6 -> rig.preroutingThenDropped(b, in);
            default -> rig.bridge(b, in, path == 3);
        };
    }
}
