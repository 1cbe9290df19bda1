package io.dockwire.netfilter;

import static io.dockwire.netfilter.Pkt.ACK;
import static io.dockwire.netfilter.Pkt.SYN;
import static io.dockwire.netfilter.Rig.ETH0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.wire.Icmpv4View;
import io.dockwire.wire.TcpView;
import org.junit.jupiter.api.Test;

/** REJECT asks the host for the right reply; LOG writes kernel-style lines to the transcript. */
class RejectAndLogTest {
    private final Rig rig = new Rig();

    @Test
    void rejectDefaultsToPortUnreachableForUdp() {
        rig.run("iptables -A INPUT -p udp -j REJECT");
        byte[] q = Pkt.udp("192.168.1.20", 5000, "192.168.1.10", 53, 10);
        assertEquals(Verdict.STOLEN, rig.localIn(q, ETH0));
        assertEquals(1, rig.host.rejects.size());
        assertEquals(RejectWith.ICMP_PORT_UNREACHABLE, rig.host.rejects.get(0).with());
        assertEquals(ETH0, rig.host.rejects.get(0).inIfindex());
        assertEquals("filter/INPUT #1 REJECT icmp-port-unreachable", rig.pkt.note());

        byte[] out = new byte[RejectReplies.MAX_ICMP_ERROR];
        int n = RejectReplies.icmpUnreachable(q, 0, q.length, RejectWith.ICMP_PORT_UNREACHABLE.icmpCode(),
                Pkt.ip("192.168.1.10"), out, 0);
        byte[] reply = java.util.Arrays.copyOf(out, n);
        assertEquals(20 + 8 + q.length, n);
        assertEquals("192.168.1.20", Pkt.dst(reply));
        assertEquals(3, reply[20]);
        assertEquals(3, reply[21]);
        Pkt.assertChecksums(reply);
    }

    @Test
    void rejectWithTcpResetAnswersASynWithRstAck() {
        rig.run("iptables -A INPUT -p tcp -m tcp --dport 25 -j REJECT --reject-with tcp-reset");
        byte[] syn = Pkt.tcp("192.168.1.20", 40000, "192.168.1.10", 25, SYN, 0);
        assertEquals(Verdict.STOLEN, rig.localIn(syn, ETH0));
        assertEquals(RejectWith.TCP_RESET, rig.host.rejects.get(0).with());
        byte[] out = new byte[40];
        assertEquals(40, RejectReplies.tcpReset(syn, 0, syn.length, out, 0));
        TcpView rst = new TcpView().wrap(out, 20, 20);
        assertEquals(TcpView.RST | TcpView.ACK, rst.flags());
        assertEquals(101, rst.ack());
        assertEquals(25, rst.srcPort());
        assertEquals(40000, rst.dstPort());
        Pkt.assertChecksums(out);
        byte[] ackSeg = Pkt.tcp("192.168.1.20", 40000, "192.168.1.10", 25, ACK, 0);
        RejectReplies.tcpReset(ackSeg, 0, ackSeg.length, out, 0);
        assertEquals(TcpView.RST, new TcpView().wrap(out, 20, 20).flags());
        assertEquals(200, new TcpView().wrap(out, 20, 20).seq());
    }

    @Test
    void rejectWithHostUnreachableCarriesCodeOne() {
        rig.run("iptables -A FORWARD -d 10.9.9.9 -j REJECT --reject-with icmp-host-unreachable");
        byte[] p = Pkt.echo("192.168.1.20", "10.9.9.9", true, 1, 1);
        assertEquals(Verdict.STOLEN, rig.forward(p, ETH0, Rig.DOCKER0));
        assertEquals(RejectWith.ICMP_HOST_UNREACHABLE, rig.host.rejects.get(0).with());
        assertEquals(Icmpv4View.CODE_HOST_UNREACHABLE, rig.host.rejects.get(0).with().icmpCode());
    }

    @Test
    void noResetForAReset() {
        byte[] rst = Pkt.tcp("1.1.1.1", 1, "2.2.2.2", 2, Pkt.RST, 0);
        assertEquals(-1, RejectReplies.tcpReset(rst, 0, rst.length, new byte[40], 0));
    }

    @Test
    void logTargetWritesAKernelStyleLineAndContinues() {
        rig.run("iptables -A INPUT -p tcp -j LOG --log-prefix \"in: \"");
        rig.run("iptables -A INPUT -p tcp -j DROP");
        byte[] syn = Pkt.tcp("192.168.1.20", 40000, "192.168.1.10", 22, SYN, 0);
        assertEquals(Verdict.DROP, rig.localIn(syn, ETH0));
        assertEquals(java.util.List.of("in: IN=eth0 OUT= SRC=192.168.1.20 DST=192.168.1.10 LEN=60 TOS=0x00 PREC=0x00 "
                + "TTL=64 ID=4660 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0"), rig.host.log);
        assertEquals("filter/INPUT #2 DROP", rig.pkt.note());
    }

    @Test
    void policyDropIsNamedInTheNote() {
        rig.run("iptables -P FORWARD DROP");
        assertEquals(Verdict.DROP, rig.forward(Pkt.echo("1.1.1.1", "2.2.2.2", true, 1, 1), ETH0, Rig.DOCKER0));
        assertEquals("filter/FORWARD policy DROP", rig.pkt.note());
    }

    @Test
    void bridgeNfCallIptablesIsOffByDefault() {
        assertEquals(false, rig.nf.bridgeNfCallIptables());
        rig.nf.setBridgeNfCallIptables(true);
        assertEquals(true, rig.nf.bridgeNfCallIptables());
    }
}
