package io.dockwire.wire;

import static io.dockwire.wire.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ArpTest {

    @Test
    void decodesKernelArpRequestEveryField() {
        EthernetView eth = new EthernetView().wrap(ARP_REQUEST, 0, ARP_REQUEST.length);
        assertEquals(MacAddress.BROADCAST, eth.dst());
        assertEquals(MAC_C1, eth.src());
        assertEquals(EthernetFrame.ETHERTYPE_ARP, eth.etherType());
        ArpView arp = new ArpView().wrap(ARP_REQUEST, eth.payloadOffset(), eth.payloadLength());
        assertEquals(DropReason.OK, arp.check());
        assertEquals(1, arp.htype());
        assertEquals(0x0800, arp.ptype());
        assertEquals(6, arp.hlen());
        assertEquals(4, arp.plen());
        assertEquals(ArpView.OP_REQUEST, arp.operation());
        assertEquals(MAC_C1, arp.senderMac());
        assertEquals(IP_C1, arp.senderIp());
        assertEquals(0L, arp.targetMac());
        assertEquals(IP_C2, arp.targetIp());
        assertFalse(arp.isGratuitous());
        assertEquals(ArpRepr.request(MAC_C1, IP_C1, IP_C2), ArpRepr.parse(arp));
    }

    @Test
    void buildsKernelArpRequestAndReplyByteForByte() {
        assertArrayEquals(ARP_REQUEST, build(MacAddress.BROADCAST, MAC_C1, ArpRepr.request(MAC_C1, IP_C1, IP_C2)));
        assertArrayEquals(ARP_REPLY, build(MAC_C1, MAC_C2, ArpRepr.reply(MAC_C2, IP_C2, MAC_C1, IP_C1)));
    }

    @Test
    void gratuitousMeansSenderIpEqualsTargetIp() {
        ArpRepr g = ArpRepr.gratuitous(MAC_C1, IP_C1);
        assertTrue(g.isGratuitous());
        byte[] f = build(MacAddress.BROADCAST, MAC_C1, g);
        assertTrue(new ArpView().wrap(f, 14, 28).isGratuitous());
    }

    @Test
    void rejectsTruncatedAndNonEthernetIpv4Arp() {
        assertEquals(DropReason.TRUNCATED_ARP, new ArpView().wrap(ARP_REQUEST, 14, 27).check());
        byte[] f = ARP_REQUEST.clone();
        f[14 + ArpView.HLEN_OFFSET] = 8;
        assertEquals(DropReason.UNSUPPORTED_ARP, new ArpView().wrap(f, 14, 28).check());
        assertNull(ArpRepr.parse(new ArpView().wrap(f, 14, 28)));
    }

    static byte[] build(long dst, long src, ArpRepr arp) {
        byte[] f = filled(14 + arp.bufferLength());
        new EthernetRepr(dst, src, EthernetFrame.ETHERTYPE_ARP).emit(new EthernetView().wrap(f, 0, f.length));
        arp.emit(new ArpView().wrap(f, 14, arp.bufferLength()));
        return f;
    }
}
