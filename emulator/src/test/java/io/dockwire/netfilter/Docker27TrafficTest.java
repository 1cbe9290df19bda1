package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.FIN;
import static io.dockwire.netfilter.Pkt.PSH;
import static io.dockwire.netfilter.Pkt.RST;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.BR_A;
import static io.dockwire.netfilter.Rig.BR_B;
import static io.dockwire.netfilter.Rig.DOCKER0;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.command.CommandResult;
import io.dockwire.wire.Icmpv4Repr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the traffic of real-outputs.md (pings across and between bridges, the isolated ping,
 * masqueraded and TTL-1 pings, the DNAT'd curl and the refused connection, the bridges' IGMP
 * reports) and compares the nat table with what the real kernel counted.
 */
class Docker27TrafficTest {
    private Rig rig;

    @BeforeEach
    void replay() {
        rig = new Rig().docker27();
        // The bridges' IGMPv3 reports, locally generated (nat OUTPUT policy: 3 packets, 120 bytes).
        assertEquals(Verdict.ACCEPT, rig.localOut(Pkt.igmp("172.17.0.1"), DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.localOut(Pkt.igmp("172.18.0.1"), BR_A));
        assertEquals(Verdict.ACCEPT, rig.localOut(Pkt.igmp("172.19.0.1"), BR_B));
        // c1 ping -c 2 c2: bridged on docker0, seen by iptables through br_netfilter.
        for (int seq = 1; seq <= 2; seq++) {
            assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.17.0.2", "172.17.0.3", true, 19600, seq), DOCKER0, DOCKER0));
            assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.17.0.3", "172.17.0.2", false, 19600, seq), DOCKER0, DOCKER0));
        }
        // a1 ping m (br-a), m ping b1 (br-b).
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.18.0.2", "172.18.0.3", true, 19601, 1), BR_A, BR_A));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.18.0.3", "172.18.0.2", false, 19601, 1), BR_A, BR_A));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.19.0.3", "172.19.0.2", true, 19602, 1), BR_B, BR_B));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.echo("172.19.0.2", "172.19.0.3", false, 19602, 1), BR_B, BR_B));
        // a1 ping b1's address: routed br-a -> br-b, dropped by DOCKER-ISOLATION-STAGE-2.
        assertEquals(Verdict.DROP, rig.forward(Pkt.echo("172.18.0.2", "172.19.0.2", true, 19603, 1), BR_A, BR_B));
        // c1 ping the outside client: masqueraded out of eth0, reply un-NATed.
        byte[] out = Pkt.echo("172.17.0.2", "192.168.1.20", true, 19604, 1);
        assertEquals(Verdict.ACCEPT, rig.forward(out, DOCKER0, ETH0));
        assertEquals("192.168.1.10", Pkt.src(out));
        byte[] back = Pkt.echo("192.168.1.20", "192.168.1.10", false, 19604, 1);
        assertEquals(Verdict.ACCEPT, rig.forward(back, ETH0, DOCKER0));
        assertEquals("172.17.0.2", Pkt.dst(back));
        // c2 ping -t 1: PREROUTING sees it, the stack drops it (TTL) and answers time exceeded.
        byte[] ttl1 = Pkt.echo("172.17.0.3", "192.168.1.20", true, 19605, 1, 1);
        rig.preroutingThenDropped(ttl1, DOCKER0);
        byte[] te = Pkt.icmp("172.17.0.1", "172.17.0.3", Icmpv4Repr.timeExceeded(ttl1, 0, ttl1.length), 64);
        assertEquals(Verdict.ACCEPT, rig.localOut(te, DOCKER0));
        // The outside client's GET to 192.168.1.10:8080, DNAT'd to c1:80, closed cleanly.
        curl();
        // c2 -> 172.17.0.2:81: refused by c1 with a RST (bridged).
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.3", 41000, "172.17.0.2", 81, SYN, 0), DOCKER0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.2", 81, "172.17.0.3", 41000, RST | ACK, 0), DOCKER0, DOCKER0));
    }

    private void curl() {
        String ext = "192.168.1.20";
        int p = 39808;
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp(ext, p, "192.168.1.10", 8080, SYN, 0), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.2", 80, ext, p, SYN | ACK, 0), DOCKER0, ETH0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp(ext, p, "192.168.1.10", 8080, ACK, 0), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp(ext, p, "192.168.1.10", 8080, PSH | ACK, 78), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.2", 80, ext, p, PSH | ACK, 200), DOCKER0, ETH0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp(ext, p, "192.168.1.10", 8080, FIN | ACK, 0), ETH0, DOCKER0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("172.17.0.2", 80, ext, p, FIN | ACK, 0), DOCKER0, ETH0));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp(ext, p, "192.168.1.10", 8080, ACK, 0), ETH0, DOCKER0));
    }

    @Test
    void natCountersEqualTheRealKernelsAfterTheSameTraffic() {
        assertEquals(Rig.resource("docker27-nat-L-n-v.txt"), rig.run("iptables -t nat -L -n -v"));
    }

    @Test
    void saveWithCountersEqualsTheRealKernelsApartFromTheDateComments() {
        String saved = rig.run("iptables-save -c -t nat").replaceAll("(?m)^#.*\n", "");
        assertEquals(Rig.resource("docker27-nat-save-c.txt"), saved);
    }

    @Test
    void isolationDropIsCountedOnStage2AndNamedInThePacketNote() {
        String filter = rig.run("iptables -L DOCKER-ISOLATION-STAGE-2 -n -v");
        assertEquals("""
                Chain DOCKER-ISOLATION-STAGE-2 (3 references)
                 pkts bytes target     prot opt in     out     source               destination        \s
                    1    84 DROP       0    --  *      br-bbbbbbbbbbbb  0.0.0.0/0            0.0.0.0/0          \s
                    0     0 DROP       0    --  *      br-aaaaaaaaaaaa  0.0.0.0/0            0.0.0.0/0          \s
                    0     0 DROP       0    --  *      docker0  0.0.0.0/0            0.0.0.0/0          \s
                    4   448 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0          \s
                """, filter);
        byte[] again = Pkt.echo("172.18.0.2", "172.19.0.2", true, 19603, 2);
        assertEquals(Verdict.DROP, rig.forward(again, BR_A, BR_B));
        assertEquals("filter/DOCKER-ISOLATION-STAGE-2 #1 DROP", rig.pkt.note());
    }

    @Test
    void conntrackListsTheFlowsWithStatesTimeoutsAndFlags() {
        CommandResult r = rig.nf.conntrackList(rig.now);
        assertEquals("conntrack v1.4.7 (conntrack-tools): 8 flow entries have been shown.\n", r.stderr());
        assertEquals("""
                unknown  2 600 src=172.17.0.1 dst=224.0.0.22 [UNREPLIED] src=224.0.0.22 dst=172.17.0.1 mark=0 use=1
                unknown  2 600 src=172.18.0.1 dst=224.0.0.22 [UNREPLIED] src=224.0.0.22 dst=172.18.0.1 mark=0 use=1
                unknown  2 600 src=172.19.0.1 dst=224.0.0.22 [UNREPLIED] src=224.0.0.22 dst=172.19.0.1 mark=0 use=1
                icmp     1 30 src=172.17.0.2 dst=172.17.0.3 type=8 code=0 id=19600 src=172.17.0.3 dst=172.17.0.2 type=0 code=0 id=19600 mark=0 use=1
                icmp     1 30 src=172.18.0.2 dst=172.18.0.3 type=8 code=0 id=19601 src=172.18.0.3 dst=172.18.0.2 type=0 code=0 id=19601 mark=0 use=1
                icmp     1 30 src=172.19.0.3 dst=172.19.0.2 type=8 code=0 id=19602 src=172.19.0.2 dst=172.19.0.3 type=0 code=0 id=19602 mark=0 use=1
                icmp     1 30 src=172.17.0.2 dst=192.168.1.20 type=8 code=0 id=19604 src=192.168.1.20 dst=192.168.1.10 type=0 code=0 id=19604 mark=0 use=1
                tcp      6 120 TIME_WAIT src=192.168.1.20 dst=192.168.1.10 sport=39808 dport=8080 src=172.17.0.2 dst=192.168.1.20 sport=80 dport=39808 [ASSURED] mark=0 use=1
                """, r.stdout());
    }
}
