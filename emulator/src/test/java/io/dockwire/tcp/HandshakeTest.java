package io.dockwire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dockwire.wire.Ipv4View;
import io.dockwire.wire.TcpOptions;
import io.dockwire.wire.TcpRepr;
import io.dockwire.wire.TcpView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final TestNet net = new TestNet(42);
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void everySegmentCarriesAValidChecksum() {
        assertEquals(0, net.badChecksums);
    }

    @Test
    void threeWayHandshakeCarriesLinuxOptionsAndWindows() {
        AppLog server = new AppLog("server", events);
        net.b.stack.listen(0, 80, 128, c -> server);
        TcpConnection c = net.a.stack.connect(TestNet.B, 80, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.80 > 10.0.0.1.57350: Flags [S.], seq 0, ack 1, win 65160, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "2.000 10.0.0.1.57350 > 10.0.0.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 2 ecr 0], length 0"),
                net.log);
        Expect.lines(List.of("2ms client connected", "3ms server connected"), events);
        assertEquals(TcpState.ESTABLISHED, c.state());
        assertEquals(TcpState.ESTABLISHED, server.conn.state());
        Expect.lines(List.of(
                "A {TcpActiveOpens=1, TcpPassiveOpens=0, TcpAttemptFails=0, TcpEstabResets=0, TcpInSegs=1, TcpOutSegs=2, "
                        + "TcpRetransSegs=0, TcpInErrs=0, TcpOutRsts=0, TcpInCsumErrors=0}",
                "B {TcpActiveOpens=0, TcpPassiveOpens=1, TcpAttemptFails=0, TcpEstabResets=0, TcpInSegs=2, TcpOutSegs=1, "
                        + "TcpRetransSegs=0, TcpInErrs=0, TcpOutRsts=0, TcpInCsumErrors=0}"),
                counters());
        // Linux: the client's per-socket IP IDs count up from a random start; the SYN-ACK has 0.
        int first = net.a.ipIds.get(0);
        assertEquals(List.of(first, (first + 1) & 0xFFFF), net.a.ipIds);
        assertEquals(List.of(0), net.b.ipIds);
    }

    @Test
    void synToAClosedPortIsAnsweredWithRstAckSeqZeroAckIsnPlusOneWindowZero() {
        TcpConnection c = net.a.stack.connect(TestNet.B, 81, new AppLog("client", events));
        net.sim.runUntilQuiet();
        Expect.lines(List.of(
                "0.000 10.0.0.1.57350 > 10.0.0.2.81: Flags [S], seq 0, win 64240, options [mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7], length 0",
                "1.000 10.0.0.2.81 > 10.0.0.1.57350: Flags [R.], seq 0, ack 1, win 0, length 0"),
                net.log);
        Expect.lines(List.of("2ms client error Connection refused"), events);
        assertEquals(Errno.ECONNREFUSED, c.error());
        assertEquals(TcpState.CLOSED, c.state());
        Expect.lines(List.of(
                "A {TcpActiveOpens=1, TcpPassiveOpens=0, TcpAttemptFails=1, TcpEstabResets=0, TcpInSegs=1, TcpOutSegs=1, "
                        + "TcpRetransSegs=0, TcpInErrs=0, TcpOutRsts=0, TcpInCsumErrors=0}",
                "B {TcpActiveOpens=0, TcpPassiveOpens=0, TcpAttemptFails=0, TcpEstabResets=0, TcpInSegs=1, TcpOutSegs=1, "
                        + "TcpRetransSegs=0, TcpInErrs=0, TcpOutRsts=1, TcpInCsumErrors=0}"),
                counters());
        assertEquals(List.of(0), net.b.ipIds); // RST without a socket: IP ID 0
    }

    @Test
    void ackToAClosedPortIsAnsweredWithRstCarryingTheirAckAsSeq() {
        inject(net.b.stack, 5555, 82, 1000, 777_777, TcpView.ACK, 0);
        Expect.lines(List.of("0.000 10.0.0.2.82 > 10.0.0.1.5555: Flags [R], seq 777777, win 0, length 0"), net.log);
        assertEquals(1, net.b.stack.counters().outRsts());
    }

    @Test
    void segmentWithABadChecksumIsDroppedAndCounted() {
        net.b.stack.listen(0, 80, 128, c -> new AppLog("server", events));
        inject(net.b.stack, 5555, 80, 1000, 0, TcpView.SYN, 1);
        assertEquals(List.of(), net.log);
        Expect.lines(List.of("{TcpActiveOpens=0, TcpPassiveOpens=0, TcpAttemptFails=0, TcpEstabResets=0, TcpInSegs=1, "
                + "TcpOutSegs=0, TcpRetransSegs=0, TcpInErrs=1, TcpOutRsts=0, TcpInCsumErrors=1}"),
                List.of(net.b.stack.counters().asMap().toString()));
    }

    private List<String> counters() {
        return List.of("A " + net.a.stack.counters().asMap(), "B " + net.b.stack.counters().asMap());
    }

    /** A hand-built segment from 10.0.0.1 straight into {@code stack}; {@code corrupt} flips a bit. */
    private void inject(TcpStack stack, int sport, int dport, long seq, long ack, int flags, int corrupt) {
        TcpRepr r = new TcpRepr(sport, dport, seq, ack, flags, 1000, 0, TcpOptions.NONE, 0);
        byte[] pkt = new byte[Ipv4View.HEADER_LENGTH + r.bufferLength()];
        new Ipv4View().wrap(pkt, 0, pkt.length).versionIhl(4, 5).totalLength(pkt.length).flagsFragment(true, false, 0)
                .ttl(64).protocol(Ipv4View.PROTO_TCP).src(TestNet.A).dst(TestNet.B).fillChecksum();
        r.emit(new TcpView().wrap(pkt, Ipv4View.HEADER_LENGTH, r.bufferLength()), TestNet.A, TestNet.B);
        pkt[Ipv4View.HEADER_LENGTH + 4] ^= (byte) corrupt;
        stack.input(pkt, 0, pkt.length, net.sim.now());
        net.sim.runUntilQuiet();
    }
}
