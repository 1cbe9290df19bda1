package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Icmpv4Test {

    @Test
    void decodesKernelEchoRequestEveryField() {
        Icmpv4View icmp = new Icmpv4View().wrap(ICMP_ECHO_REQUEST, 34, 64);
        assertEquals(DropReason.OK, icmp.check());
        assertEquals(Icmpv4View.TYPE_ECHO_REQUEST, icmp.type());
        assertEquals(0, icmp.code());
        assertEquals(0x3f29, icmp.checksum());
        assertEquals(1, icmp.identifier());
        assertEquals(1, icmp.sequence());
        assertEquals(56, icmp.dataLength());
        assertFalse(icmp.isError());
        assertEquals(Icmpv4Repr.echoRequest(1, 1, echoData()), Icmpv4Repr.parse(icmp));
    }

    @Test
    void buildsKernelEchoReplyByteForByte() {
        Icmpv4Repr reply = Icmpv4Repr.echoReply(1, 1, echoData());
        Ipv4Repr ip = new Ipv4Repr(IP_C2, IP_C1, 1, 64, 0, 0xb32f, false, false, 0, reply.bufferLength());
        byte[] f = filled(14 + ip.bufferLength());
        new EthernetRepr(MAC_C1, MAC_C2, EthernetFrame.ETHERTYPE_IPV4).emit(new EthernetView().wrap(f, 0, f.length));
        ip.emit(new Ipv4View().wrap(f, 14, ip.bufferLength()));
        reply.emit(new Icmpv4View().wrap(f, 34, reply.bufferLength()));
        assertArrayEquals(ICMP_ECHO_REPLY, f);
    }

    @Test
    void buildsKernelPortUnreachableQuotingWholeShortDatagram() {
        // Linux quotes up to 548 bytes; the 40-byte datagram fits whole. Quote the kernel's copy
        // (which still carries the partial UDP checksum it saw).
        byte[] offending = Arrays.copyOfRange(ICMP_PORT_UNREACHABLE, 42, 82);
        byte[] out = filled(48);
        int n = Icmpv4View.writeError(out, 0, 3, 3, 0, offending, 0, Math.min(40, Icmpv4View.LINUX_MAX_QUOTE));
        assertEquals(48, n);
        assertArrayEquals(Arrays.copyOfRange(ICMP_PORT_UNREACHABLE, 34, 82), out);
    }

    @Test
    void timeExceededQuotesHeaderPlusEightBytes() {
        Icmpv4Repr te = Icmpv4Repr.timeExceeded(UDP_DNS_PORT, 14, 40);
        assertEquals(11, te.type());
        assertEquals(0, te.code());
        assertArrayEquals(Arrays.copyOfRange(UDP_DNS_PORT, 14, 42), te.data());
        byte[] out = filled(te.bufferLength());
        te.emit(new Icmpv4View().wrap(out, 0, out.length));
        assertEquals(DropReason.OK, new Icmpv4View().wrap(out, 0, out.length).check());
        assertEquals(te, Icmpv4Repr.parse(new Icmpv4View().wrap(out, 0, out.length)));
    }

    @Test
    void fragNeededCarriesNextHopMtu() {
        Icmpv4Repr fn = Icmpv4Repr.fragNeeded(1400, TCP_SYN, 14, 60);
        byte[] out = filled(fn.bufferLength());
        fn.emit(new Icmpv4View().wrap(out, 0, out.length));
        Icmpv4View v = new Icmpv4View().wrap(out, 0, out.length);
        assertEquals(3, v.type());
        assertEquals(4, v.code());
        assertEquals(1400, v.nextHopMtu());
        assertEquals(0, Bytes.u16(out, 4)); // unused half stays zero (RFC 1191)
        assertEquals(28, v.dataLength());
        assertEquals(DropReason.OK, v.check());
    }
}
