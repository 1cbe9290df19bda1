package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.FIN;
import static io.dockwire.netfilter.Pkt.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.command.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection states, timers and `conntrack -L` lines, driven by simulated time only. */
class ConntrackTest {
    private final Rig rig = new Rig();
    private static final int IN = Rig.ETH0;
    private static final int OUT = Rig.DOCKER0;

    @BeforeEach
    void track() {
        rig.nf.forceConntrack(true);
    }

    private String list() {
        return rig.nf.conntrackList(rig.now).stdout();
    }

    private void fwd(byte[] b) {
        rig.forward(b, Pkt.src(b).startsWith("10.") ? IN : OUT, Pkt.src(b).startsWith("10.") ? OUT : IN);
    }

    @Test
    void tcpHandshakeAndCloseFollowTheKernelStatesAndTimeouts() {
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, SYN, 0));
        assertEquals("tcp      6 120 SYN_SENT src=10.0.0.1 dst=172.17.0.2 sport=1000 dport=80 [UNREPLIED] "
                + "src=172.17.0.2 dst=10.0.0.1 sport=80 dport=1000 mark=0 use=1\n", list());
        fwd(Pkt.tcp("172.17.0.2", 80, "10.0.0.1", 1000, SYN | ACK, 0));
        assertEquals("tcp      6 60 SYN_RECV src=10.0.0.1 dst=172.17.0.2 sport=1000 dport=80 "
                + "src=172.17.0.2 dst=10.0.0.1 sport=80 dport=1000 mark=0 use=1\n", list());
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, ACK, 0));
        rig.advanceSeconds(0.5);
        assertEquals("tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=172.17.0.2 sport=1000 dport=80 "
                + "src=172.17.0.2 dst=10.0.0.1 sport=80 dport=1000 [ASSURED] mark=0 use=1\n", list());
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, FIN | ACK, 0));
        assertEquals(true, list().startsWith("tcp      6 120 FIN_WAIT "));
        fwd(Pkt.tcp("172.17.0.2", 80, "10.0.0.1", 1000, ACK, 0));
        assertEquals(true, list().startsWith("tcp      6 60 CLOSE_WAIT "));
        fwd(Pkt.tcp("172.17.0.2", 80, "10.0.0.1", 1000, FIN | ACK, 0));
        assertEquals(true, list().startsWith("tcp      6 30 LAST_ACK "));
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, ACK, 0));
        assertEquals(true, list().startsWith("tcp      6 120 TIME_WAIT "));
        rig.advanceSeconds(120);
        assertEquals("", list());
        assertEquals(1, rig.nf.conntrack().expire(rig.now));
        assertEquals(0, rig.nf.conntrack().count());
    }

    @Test
    void synInTimeWaitReopensTheConnection() {
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, SYN, 0));
        fwd(Pkt.tcp("172.17.0.2", 80, "10.0.0.1", 1000, SYN | ACK, 0));
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, ACK, 0));
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, FIN | ACK, 0));
        fwd(Pkt.tcp("172.17.0.2", 80, "10.0.0.1", 1000, FIN | ACK, 0));
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, ACK, 0));
        fwd(Pkt.tcp("10.0.0.1", 1000, "172.17.0.2", 80, SYN, 0));
        assertEquals(CtState.NEW, rig.pkt.ctState);
        assertEquals(true, list().startsWith("tcp      6 120 SYN_SENT "));
        assertEquals(1, rig.nf.conntrack().count());
    }

    @Test
    void udpBecomesAnAssuredStreamWhenStillActiveTwoSecondsAfterBeingReplied() {
        fwd(Pkt.udp("10.0.0.1", 5000, "172.17.0.2", 53, 10));
        assertEquals("udp      17 30 src=10.0.0.1 dst=172.17.0.2 sport=5000 dport=53 [UNREPLIED] "
                + "src=172.17.0.2 dst=10.0.0.1 sport=53 dport=5000 mark=0 use=1\n", list());
        fwd(Pkt.udp("172.17.0.2", 53, "10.0.0.1", 5000, 10));
        assertEquals("udp      17 30 src=10.0.0.1 dst=172.17.0.2 sport=5000 dport=53 "
                + "src=172.17.0.2 dst=10.0.0.1 sport=53 dport=5000 mark=0 use=1\n", list());
        rig.advanceSeconds(3);
        fwd(Pkt.udp("10.0.0.1", 5000, "172.17.0.2", 53, 10));
        assertEquals("udp      17 120 src=10.0.0.1 dst=172.17.0.2 sport=5000 dport=53 "
                + "src=172.17.0.2 dst=10.0.0.1 sport=53 dport=5000 [ASSURED] mark=0 use=1\n", list());
    }

    @Test
    void icmpEntriesExpireAfterThirtySecondsOfSilence() {
        fwd(Pkt.echo("10.0.0.1", "172.17.0.2", true, 9, 1));
        rig.advanceSeconds(29.5);
        assertEquals(true, list().startsWith("icmp     1 0 src=10.0.0.1"));
        rig.advanceSeconds(0.5);
        assertEquals("", list());
        fwd(Pkt.echo("172.17.0.2", "10.0.0.1", false, 9, 1));
        assertEquals(CtState.INVALID, rig.pkt.ctState, "a late echo reply has no connection left");
    }

    @Test
    void invalidPacketsMatchCtstateInvalid() {
        rig.run("iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP");
        assertEquals(Verdict.DROP, rig.forward(Pkt.echo("10.0.0.1", "172.17.0.2", false, 1, 1), IN, OUT));
        assertEquals(Verdict.DROP, rig.forward(Pkt.tcp("10.0.0.1", 1, "172.17.0.2", 2, FIN, 0), IN, OUT));
        assertEquals(Verdict.ACCEPT, rig.forward(Pkt.tcp("10.0.0.1", 1, "172.17.0.2", 2, SYN, 0), IN, OUT));
        assertEquals("[2:136] -A FORWARD -m conntrack --ctstate INVALID -j DROP\n",
                rig.run("iptables-save -c -t filter").lines().filter(l -> l.contains("-A FORWARD"))
                        .reduce("", (a, b) -> a + b + "\n"));
    }

    @Test
    void summaryLineGoesToStderrAfterTheEntries() {
        CommandResult r = rig.nf.conntrackList(rig.now);
        assertEquals("", r.stdout());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n", r.stderr());
        assertEquals(0, r.exitCode());
    }

    @Test
    void droppedFirstPacketLeavesNoEntry() {
        rig.run("iptables -A FORWARD -p tcp -j DROP");
        assertEquals(Verdict.DROP, rig.forward(Pkt.tcp("10.0.0.1", 1, "172.17.0.2", 2, SYN, 0), IN, OUT));
        assertEquals(0, rig.nf.conntrack().count());
    }

    /** nf_conntrack_checksum: a bad UDP checksum from the wire is INVALID, untracked; CHECKSUM_PARTIAL is trusted. */
    @Test
    void aBadChecksumAtPreroutingIsUntrackedUnlessTheSenderOffloadedIt() {
        byte[] b = Pkt.udp("192.168.1.20", 4000, "172.17.0.2", 53, 10);
        b[20 + 8] ^= 1; // payload changed, UDP checksum now wrong
        rig.pkt.csumPartial(false);
        assertEquals(Verdict.ACCEPT, rig.forward(b, IN, OUT));
        assertEquals(0, rig.nf.conntrack().count());
        rig.pkt.csumPartial(true);
        assertEquals(Verdict.ACCEPT, rig.forward(b, IN, OUT));
        assertEquals(1, rig.nf.conntrack().count());
    }

    /** A first fragment: conntrack judges the reassembled datagram (nf_defrag), not the fragment. */
    @Test
    void aFirstFragmentIsTrackedThoughItsUdpLengthAndChecksumCoverMore() {
        byte[] whole = Pkt.udp("192.168.1.20", 4000, "172.17.0.2", 53, 100);
        byte[] b = java.util.Arrays.copyOf(whole, 20 + 8 + 40);
        b[2] = 0;
        b[3] = (byte) b.length;
        b[6] = 0x20; // MF, offset 0
        b[7] = 0;
        new io.dockwire.wire.Ipv4View().wrap(b, 0, 20).fillChecksum();
        rig.pkt.csumPartial(false);
        assertEquals(Verdict.ACCEPT, rig.forward(b, IN, OUT));
        assertEquals(1, rig.nf.conntrack().count());
    }
}
