package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloseTest {
    private final TestNet net = new TestNet(42);
    private final List<String> events = new ArrayList<>();
    private final AppLog server = new AppLog("server", events);
    private final AppLog client = new AppLog("client", events);
    private TcpConnection clientConn;

    @AfterEach
    void everySegmentCarriesAValidChecksum() {
        assertEquals(0, net.badChecksums);
    }

    private void connect() {
        net.b.stack.listen(0, 80, 128, c -> server);
        clientConn = net.a.stack.connect(TestNet.B, 80, client);
        net.sim.runUntilQuiet();
        net.log.clear();
    }

    @Test
    void clientClosesFirstAndWaitsInTimeWaitFor60Seconds() {
        connect();
        server.onEof = TcpConnection::close;
        clientConn.close();
        assertEquals(TcpState.FIN_WAIT_1, clientConn.state());
        net.sim.runFor(10_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 0",
                "4.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 2, win 510, options [nop,nop,TS val 3 ecr 3], length 0",
                "5.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 5 ecr 3], length 0"), net.log);
        assertEquals(TcpState.TIME_WAIT, clientConn.state());
        assertEquals(TcpState.CLOSED, server.conn.state());
        Expect.lines(List.of(
                "State     Recv-Q Send-Q Local Address:Port  Peer Address:Port",
                "TIME-WAIT 0      0           10.0.0.1:57350     10.0.0.2:80"),
                List.of(net.a.stack.ss().split("\n")));
        Expect.lines(List.of(
                "State  Recv-Q Send-Q Local Address:Port Peer Address:Port",
                "LISTEN 0      128          0.0.0.0:80        0.0.0.0:*"),
                List.of(net.b.stack.ss().split("\n")));
        net.sim.runFor(60_000_000_000L);
        assertEquals(TcpState.CLOSED, clientConn.state());
        assertEquals("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n", net.a.stack.ss());
    }

    @Test
    void serverClosesFirstAndTheClientAnswersFromItsEofCallback() {
        connect();
        client.onEof = TcpConnection::close;
        server.conn.close();
        net.sim.runFor(10_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 2, win 502, options [nop,nop,TS val 4 ecr 2], length 0",
                "5.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 2, win 510, options [nop,nop,TS val 4 ecr 4], length 0"), net.log);
        Expect.lines(List.of(
                "2ms client connected",
                "3ms server connected",
                "4ms client eof after 0 bytes"), events);
        assertEquals(TcpState.CLOSED, clientConn.state());
        assertEquals(TcpState.TIME_WAIT, server.conn.state());
    }

    @Test
    void halfCloseAcksTheFinAfter40MsAndLetsThePeerKeepSending() {
        connect();
        clientConn.shutdownOutput();
        net.sim.runFor(100_000_000);
        assertEquals(TcpState.FIN_WAIT_2, clientConn.state());
        assertEquals(TcpState.CLOSE_WAIT, server.conn.state());
        server.conn.send(new byte[10], 0, 10);
        server.conn.close();
        net.sim.runFor(100_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 0",
                "44.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 2, win 510, options [nop,nop,TS val 43 ecr 3], length 0",
                "103.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [P.], seq 1:11, ack 2, win 510, options [nop,nop,TS val 102 ecr 3], length 10",
                "103.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 11, ack 2, win 510, options [nop,nop,TS val 102 ecr 3], length 0",
                "104.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 11, win 502, options [nop,nop,TS val 104 ecr 102], length 0",
                "104.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 12, win 502, options [nop,nop,TS val 104 ecr 102], length 0"), net.log);
        assertEquals(10, client.received.size());
        assertEquals(TcpState.TIME_WAIT, clientConn.state());
        assertEquals(TcpState.CLOSED, server.conn.state());
    }

    @Test
    void simultaneousCloseGoesThroughClosingOnBothSides() {
        connect();
        clientConn.close();
        server.conn.close();
        assertEquals(TcpState.FIN_WAIT_1, clientConn.state());
        assertEquals(TcpState.FIN_WAIT_1, server.conn.state());
        net.sim.runFor(1_500_000);
        assertEquals(TcpState.CLOSING, clientConn.state());
        assertEquals(TcpState.CLOSING, server.conn.state());
        net.sim.runFor(10_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 0",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 0",
                "4.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 2, win 510, options [nop,nop,TS val 3 ecr 3], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 4 ecr 2], length 0"), net.log);
        assertEquals(TcpState.TIME_WAIT, clientConn.state());
        assertEquals(TcpState.TIME_WAIT, server.conn.state());
    }

    @Test
    void abortSendsRstAndThePeerReportsConnectionReset() {
        connect();
        server.conn.abort();
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [R.], seq 1, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 0"), net.log);
        Expect.lines(List.of(
                "2ms client connected",
                "3ms server connected",
                "4ms client error Connection reset by peer"), events);
        assertEquals(Errno.ECONNRESET, clientConn.error());
        assertEquals(1, net.a.stack.counters().estabResets());
        assertEquals(1, net.b.stack.counters().estabResets());
        assertEquals(1, net.b.stack.counters().outRsts());
    }

    @Test
    void dataArrivingAfterCloseIsAnsweredWithRst() {
        connect();
        server.conn.close();
        clientConn.send(new byte[20], 0, 20);
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 0",
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [P.], seq 1:21, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 20",
                "4.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [R], seq 1, win 0, length 0",
                "44.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 44 ecr 2], length 0",
                "45.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [R], seq 2, win 0, length 0"), net.log);
        Expect.lines(List.of(
                "2ms client connected",
                "3ms server connected",
                "4ms client eof after 0 bytes",
                "46ms client error Connection reset by peer"), events);
    }

    @Test
    void lostFinIsRetransmittedAfterTheRto() {
        connect();
        server.onEof = TcpConnection::close;
        net.dropOnce(l -> l.contains("10.0.0.1.") && l.contains("[F.]"));
        clientConn.close();
        net.sim.runFor(1_000_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 0 [dropped]",
                "205.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 205 ecr 0], length 0",
                "206.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 2, win 510, options [nop,nop,TS val 205 ecr 205], length 0",
                "207.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 207 ecr 205], length 0"), net.log);
        assertEquals(TcpState.TIME_WAIT, clientConn.state());
        assertEquals(1, net.a.stack.counters().retransSegs());
    }

    @Test
    void timeWaitAcksARetransmittedFinWithIpIdZero() {
        connect();
        server.onEof = TcpConnection::close;
        net.dropOnce(l -> l.startsWith("10.0.0.1.") && l.contains("[.], ack 2")); // the last ACK
        clientConn.close();
        net.sim.runFor(1_000_000_000);
        Expect.lines(List.of(
                "3.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 502, options [nop,nop,TS val 3 ecr 0], length 0",
                "4.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 2, win 510, options [nop,nop,TS val 3 ecr 3], length 0",
                "5.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 5 ecr 3], length 0 [dropped]",
                "206.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [F.], seq 1, ack 2, win 510, options [nop,nop,TS val 205 ecr 3], length 0",
                "207.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2, win 502, options [nop,nop,TS val 207 ecr 3], length 0"), net.log);
        assertEquals(TcpState.TIME_WAIT, clientConn.state());
        assertEquals(TcpState.CLOSED, server.conn.state());
        List<Integer> ids = net.a.ipIds;
        assertEquals(0, (int) ids.get(ids.size() - 1)); // sent from TIME-WAIT
    }

    @Test
    void unansweredDataGivesUpWithConnectionTimedOut() {
        connect();
        net.b.blackhole = true;
        net.a.blackhole = true;
        clientConn.send(new byte[10], 0, 10);
        net.sim.runUntilQuiet();
        assertEquals(Errno.ETIMEDOUT, clientConn.error());
        assertEquals(15, net.a.stack.counters().retransSegs());
        Expect.lines(List.of(
                "926649ms client error Connection timed out"), events.subList(2, events.size()));
    }
}
