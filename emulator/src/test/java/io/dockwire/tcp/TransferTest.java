package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransferTest {
    private final TestNet net = new TestNet(42);
    private final List<String> events = new ArrayList<>();
    private final AppLog server = new AppLog("server", events);
    private final AppLog client = new AppLog("client", events);

    @AfterEach
    void everySegmentCarriesAValidChecksum() {
        assertEquals(0, net.badChecksums);
    }

    static byte[] body(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    private void serverSendsOnAccept(byte[] body) {
        server.onConnected = c -> c.send(body, 0, body.length);
        net.b.stack.listen(0, 80, 128, c -> server);
        net.a.stack.connect(TestNet.B, 80, client);
    }

    @Test
    void bodyLargerThanOneSegmentIsDeliveredIntactAfterALossRepairedByTheRto() {
        byte[] body = body(5000);
        serverSendsOnAccept(body);
        net.dropOnce(l -> l.contains("10.0.0.2.80 > ") && l.contains("seq 1449:2897"));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 1:1449, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 1448",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 1449:2897, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 1448 [dropped]",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 2897:4345, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 1448",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [P.], seq 4345:5001, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 656",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 525, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:4345}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:5001}], length 0",
                "207.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 1449:2897, ack 1, win 510, options [nop,nop,TS val 206 ecr 4], length 1448",
                "208.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 5001, win 570, options [nop,nop,TS val 208 ecr 206], length 0"), net.log);
        assertArrayEquals(body, client.received.toByteArray());
        assertEquals(1, net.b.stack.counters().retransSegs());
    }

    @Test
    void threeDuplicateAcksTriggerAFastRetransmit() {
        byte[] body = body(20000);
        serverSendsOnAccept(body);
        net.dropOnce(l -> l.contains("10.0.0.2.80 > ") && l.contains("seq 1449:2897"));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0",
                "3.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 1449:2897, ack 1, win 510, options [nop,nop,TS val 2 ecr 2], length 1448 [dropped]",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 525, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:4345}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:5793}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:7241}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:8689}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:10137}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:11585}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:13033}], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 4 ecr 2,nop,nop,sack 1 {2897:14481}], length 0",
                "5.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], seq 1449:2897, ack 1, win 510, options [nop,nop,TS val 4 ecr 4], length 1448",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 6 ecr 2,nop,nop,sack 1 {2897:15929}], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 548, options [nop,nop,TS val 6 ecr 2,nop,nop,sack 1 {2897:17377}], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 17377, win 562, options [nop,nop,TS val 6 ecr 4], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 18825, win 584, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 20001, win 607, options [nop,nop,TS val 8 ecr 6], length 0"), net.log.stream().filter(l -> l.contains("> 10.0.0.2.80") || l.contains("1449:2897")).toList());
        assertArrayEquals(body, client.received.toByteArray());
        assertEquals(1, net.b.stack.counters().retransSegs());
    }

    @Test
    void afterQuickAckModeALoneSmallSegmentIsAckedAfter40Ms() {
        net.a.stack.config().quickAcks = 0;
        net.b.stack.config().quickAcks = 0;
        net.b.stack.listen(0, 80, 128, c -> server);
        client.onConnected = c -> c.send(new byte[100], 0, 100);
        net.a.stack.connect(TestNet.B, 80, client);
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 100",
                "43.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [.], ack 101, win 509, options [nop,nop,TS val 42 ecr 2], length 0"), net.log);
    }

    @Test
    void bulkTransferAcksEveryOtherFullSegmentOnceQuickAcksAreUsedUp() {
        byte[] body = body(60000);
        serverSendsOnAccept(body);
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1449, win 525, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 2897, win 548, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 4345, win 570, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 5793, win 593, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 7241, win 616, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 8689, win 637, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 10137, win 637, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 11585, win 637, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 13033, win 637, options [nop,nop,TS val 4 ecr 2], length 0",
                "4.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 14481, win 637, options [nop,nop,TS val 4 ecr 2], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 15929, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 17377, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 18825, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 20273, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 21721, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 23169, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 26065, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 28961, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 31857, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 34753, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 37649, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 40545, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "6.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 43441, win 637, options [nop,nop,TS val 6 ecr 4], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 46337, win 637, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 49233, win 637, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 52129, win 637, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 55025, win 637, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 57921, win 637, options [nop,nop,TS val 8 ecr 6], length 0",
                "8.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 60001, win 641, options [nop,nop,TS val 8 ecr 6], length 0"), net.log.stream().filter(l -> l.contains("> 10.0.0.2.80")).toList());
        assertArrayEquals(body, client.received.toByteArray());
        assertEquals(0, net.b.stack.counters().retransSegs());
    }
}
