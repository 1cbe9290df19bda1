package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockwire.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectTest {
    private final List<String> events = new ArrayList<>();

    private static List<String> synTimes(TestNet net) {
        List<String> out = new ArrayList<>();
        for (String l : net.log) {
            out.add(l.substring(0, l.indexOf(' ')) + (l.contains("[S]") ? " SYN" : " ?"));
        }
        return out;
    }

    @Test
    void connectTimesOutAfterSixSynRetransmissionsBackingOffFromOneSecond() {
        TestNet net = new TestNet(42);
        net.b.blackhole = true;
        net.a.blackhole = true;
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 SYN",
                "1000.000 SYN",
                "3000.000 SYN",
                "7000.000 SYN",
                "15000.000 SYN",
                "31000.000 SYN",
                "63000.000 SYN"), synTimes(net));
        Expect.lines(List.of(
                "127000ms client error Connection timed out"), events);
        assertEquals(Errno.ETIMEDOUT, c.error());
        Expect.lines(List.of(
                "{TcpActiveOpens=1, TcpPassiveOpens=0, TcpAttemptFails=1, TcpEstabResets=0, TcpInSegs=0, TcpOutSegs=1, TcpRetransSegs=6, TcpInErrs=0, TcpOutRsts=0, TcpInCsumErrors=0}"), List.of(net.a.stack.counters().asMap().toString()));
    }

    @Test
    void linearSynTimeoutsOfNewerKernelsRetryEverySecondFirst() {
        TestNet net = new TestNet(42, new TcpConfig().synLinearTimeouts(4));
        net.a.blackhole = true;
        net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 SYN",
                "1000.000 SYN",
                "2000.000 SYN",
                "3000.000 SYN",
                "4000.000 SYN",
                "5000.000 SYN",
                "7000.000 SYN",
                "11000.000 SYN",
                "19000.000 SYN",
                "35000.000 SYN",
                "67000.000 SYN"), synTimes(net));
        Expect.lines(List.of(
                "131000ms client error Connection timed out"), events);
    }

    @Test
    void lostSynAckIsRecoveredByTheRetransmittedSyn() {
        TestNet net = new TestNet(42);
        net.b.stack.listen(0, 80, 128, c -> new AppLog("server", events));
        net.dropOnce(l -> l.contains("[S.]"));
        net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0 [dropped]",
                "1000.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7], length 0",
                "1001.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7], length 0",
                "1001.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7], length 0",
                "1002.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 1002 ecr 1000], length 0",
                "1002.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 1002 ecr 1000], length 0"), net.log);
        Expect.lines(List.of(
                "1002ms client connected",
                "1003ms server connected"), events);
    }

    @Test
    void lostFinalAckMakesTheServerRetransmitItsSynAck() {
        TestNet net = new TestNet(42);
        net.b.stack.listen(0, 80, 128, c -> new AppLog("server", events));
        net.dropOnce(l -> l.contains("[.]"));
        net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0 [dropped]",
                "1001.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7], length 0",
                "1002.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 1002 ecr 0], length 0"), net.log);
        Expect.lines(List.of(
                "2ms client connected",
                "1003ms server connected"), events);
    }

    @Test
    void noRouteFailsAtOnceWithNetworkUnreachable() {
        TestNet net = new TestNet(42);
        TcpConnection c = net.a.stack.connect(Ipv4Address.parse("192.0.2.1"), 80, new AppLog("client", events));
        assertEquals(List.of("0ms client error Network is unreachable"), events);
        assertEquals(Errno.ENETUNREACH, c.error());
        assertEquals(List.of(), net.log);
    }

    @Test
    void ephemeralPortsAreDeterministicForASeedAndAvoidPortsInUse() {
        assertEquals(ports(7, 32768, 60999, 5), ports(7, 32768, 60999, 5));
        assertNotEquals(ports(7, 32768, 60999, 5), ports(8, 32768, 60999, 5));
        Expect.lines(List.of(
                "35904",
                "40620",
                "58356",
                "48836",
                "39344"), ports(7, 32768, 60999, 5));
        // A range of four: even ports first from the random start, then the odd ones, then none.
        Expect.lines(List.of(
                "40000",
                "40002",
                "40001",
                "40003",
                "Cannot assign requested address"), ports(7, 40000, 40003, 5));
    }

    private List<String> ports(long seed, int low, int high, int n) {
        TestNet net = new TestNet(seed);
        net.a.low = low;
        net.a.high = high;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
            out.add(c.error() == 0 ? Integer.toString(c.localPort()) : Errno.message(c.error()));
            assertTrue(c.error() != 0 || c.localPort() >= low && c.localPort() <= high, "port " + c.localPort() + " err " + c.error());
        }
        return out;
    }

    @Test
    void listeningTwiceOnAPortIsAddressInUse() {
        TestNet net = new TestNet(42);
        net.b.stack.listen(0, 80, 1, c -> new AppLog("server", events));
        TcpException e = assertThrows(TcpException.class,
                () -> net.b.stack.listen(TestNet.B, 80, 1, c -> new AppLog("server", events)));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    @Test
    void synBeyondTheBacklogIsDroppedSilently() {
        TestNet net = new TestNet(42);
        net.b.stack.listen(0, 80, 1, c -> new AppLog("server", events));
        net.dropOnce(l -> l.contains("[.]")); // first client stays half-open on the server
        net.a.stack.connect(TestNet.B, 80, new AppLog("c1", events));
        net.sim.runFor(2_500_000);
        net.a.stack.connect(TestNet.B, 80, new AppLog("c2", events));
        net.sim.runFor(5_000_000);
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0 [dropped]",
                "2.500 10.0.0.1.39232 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0"), net.log);
    }
}
