package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcmpErrorTest {
    private final TestNet net = new TestNet(42);
    private final List<String> events = new ArrayList<>();

    /** What the IP layer hands over: the quoted packet (IP header + at least 8 TCP bytes). */
    private void icmp(TcpStack stack, int type, int code, int mtu, byte[] quoted) {
        stack.icmpError(type, code, mtu, quoted, 0, Math.min(quoted.length, 28), net.sim.now());
    }

    @Test
    void hostUnreachableForTheSynFailsConnectWithNoRouteToHost() {
        net.a.blackhole = true;
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runFor(3_000_000_000L); // the IP layer's ARP gives up after 3 s (3 tries, 1 s apart)
        icmp(net.a.stack, 3, 1, 0, net.a.lastSent);
        assertEquals(List.of("3000ms client error No route to host"), events);
        assertEquals(Errno.EHOSTUNREACH, c.error());
        assertEquals(1, net.a.stack.counters().attemptFails());
        assertEquals(0, net.sim.pendingTimers());
    }

    @Test
    void portUnreachableForTheSynIsConnectionRefused() {
        net.a.blackhole = true;
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        icmp(net.a.stack, 3, 3, 0, net.a.lastSent);
        assertEquals(Errno.ECONNREFUSED, c.error());
    }

    @Test
    void errorQuotingASequenceOutsideTheWindowIsIgnored() {
        net.a.blackhole = true;
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        byte[] q = net.a.lastSent.clone();
        q[24] ^= (byte) 0x80; // quoted TCP seq far away
        icmp(net.a.stack, 3, 1, 0, q);
        assertEquals(TcpState.SYN_SENT, c.state());
    }

    @Test
    void fragmentationNeededShrinksTheMssAndResendsTheData() {
        AppLog server = new AppLog("server", events);
        net.b.stack.listen(0, 80, 128, c -> server);
        AppLog client = new AppLog("client", events);
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, client);
        net.sim.runFor(10_000_000);
        net.log.clear();
        net.dropOnce(l -> l.contains("seq 1:1449"));
        byte[] body = TransferTest.body(3000);
        c.send(body, 0, body.length);
        // a router with MTU 1400 on the way answers the first (dropped) segment
        icmp(net.a.stack, 3, 4, 1400, net.a.lastSent == null ? null : firstDataPacket(net));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "10.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], seq 1:1449, ack 1, win 502, options [nop,nop,TS val 10 ecr 0], length 1448 [dropped]",
                "10.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], seq 1449:2897, ack 1, win 502, options [nop,nop,TS val 10 ecr 0], length 1448",
                "10.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [P.], seq 2897:3001, ack 1, win 502, options [nop,nop,TS val 10 ecr 0], length 104",
                "10.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], seq 1:1349, ack 1, win 502, options [nop,nop,TS val 10 ecr 0], length 1348",
                "10.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], seq 1349:2697, ack 1, win 502, options [nop,nop,TS val 10 ecr 0], length 1348",
                "11.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 1, win 510, options [nop,nop,TS val 10 ecr 2,nop,nop,sack 1 {1449:2897}], length 0",
                "11.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 1, win 510, options [nop,nop,TS val 10 ecr 2,nop,nop,sack 1 {1449:3001}], length 0",
                "11.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 1349, win 533, options [nop,nop,TS val 10 ecr 10,nop,nop,sack 1 {1449:3001}], length 0",
                "11.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 3001, win 556, options [nop,nop,TS val 10 ecr 10], length 0"), net.log);
        assertEquals(3000, server.received.size());
    }

    private static byte[] firstDataPacket(TestNet net) {
        return net.a.firstData;
    }
}
