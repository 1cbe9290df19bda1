package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TcpTest {
    static final TcpOptions LINUX_SYN_OPTIONS = TcpOptions.linuxSyn(1460, 10, 1852312662L, 0);

    @Test
    void decodesKernelSynEveryFieldAndOption() {
        TcpView t = new TcpView().wrap(TCP_SYN, 34, 40);
        assertEquals(DropReason.OK, t.check(IP_C1, IP_C2));
        assertEquals(40001, t.srcPort());
        assertEquals(8080, t.dstPort());
        assertEquals(921508325L, t.seq());
        assertEquals(0L, t.ack());
        assertEquals(10, t.dataOffset());
        assertEquals(40, t.headerLength());
        assertEquals(TcpView.SYN, t.flags());
        assertEquals(64240, t.window());
        assertEquals(0x6d82, t.checksum());
        assertEquals(0, t.urgent());
        assertEquals(20, t.optionsLength());
        assertEquals(0, t.payloadLength());
        TcpOptions o = TcpOptions.parse(TCP_SYN, t.optionsOffset(), t.optionsLength());
        assertEquals(LINUX_SYN_OPTIONS, o);
        assertEquals(new TcpRepr(40001, 8080, 921508325L, 0, TcpView.SYN, 64240, 0, LINUX_SYN_OPTIONS, 0),
                TcpRepr.parse(t, IP_C1, IP_C2));
    }

    @Test
    void buildsKernelSynAndRstAckByteForByte() {
        TcpRepr syn = new TcpRepr(40001, 8080, 921508325L, 0, TcpView.SYN, 64240, 0, LINUX_SYN_OPTIONS, 0);
        assertArrayEquals(TCP_SYN, build(TCP_SYN, syn, IP_C1, IP_C2));
        TcpRepr rst = new TcpRepr(8080, 40001, 0, 921508326L, TcpView.RST | TcpView.ACK, 0, 0, TcpOptions.NONE, 0);
        assertArrayEquals(TCP_RST_ACK, build(TCP_RST_ACK, rst, IP_C2, IP_C1));
    }

    @Test
    void optionsWithoutTimestampsUseLinuxNopPadding() {
        TcpOptions o = new TcpOptions(1460, true, 7, false, 0, 0);
        byte[] b = filled(o.length());
        assertEquals(12, o.emit(b, 0));
        assertArrayEquals(hex("020405b4010104020103030 7".replace(" ", "")), b);
        assertEquals(o, TcpOptions.parse(b, 0, b.length));
    }

    @Test
    void optionParsingStopsAtMalformedLengthWithoutFailing() {
        byte[] b = hex("020405b40400ffff");
        TcpOptions o = TcpOptions.parse(b, 0, b.length);
        assertEquals(1460, o.mss());
        assertFalse(o.sackPermitted());
    }

    @Test
    void natRewriteKeepsTcpChecksumValid() {
        byte[] f = TCP_SYN.clone();
        Ipv4View ip = new Ipv4View().wrap(f, 14, 60);
        TcpView t = new TcpView().wrap(f, 34, 40);
        int newSrc = 0xc0a8010a;
        t.addressRewritten(ip.src(), newSrc).rewriteSrcPort(33333).rewriteDstPort(80);
        ip.rewriteSrc(newSrc);
        assertEquals(DropReason.OK, new FrameCheck().check(f, 0, f.length));
        int incremental = t.checksum();
        assertEquals(incremental, t.fillChecksum(newSrc, IP_C2).checksum());
    }

    /** Rebuilds a captured frame: Ethernet and IP from the capture, TCP from the repr. */
    static byte[] build(byte[] captured, TcpRepr tcp, int src, int dst) {
        byte[] f = filled(captured.length);
        System.arraycopy(captured, 0, f, 0, 34);
        tcp.emit(new TcpView().wrap(f, 34, tcp.bufferLength()), src, dst);
        return f;
    }
}
