package io.dockwire.wire;

/**
 * Builds whole Ethernet frames from Reprs, with every checksum filled in. Allocates a new array
 * per frame: for scenarios, tools and tests, never for the per-frame hot path.
 */
public final class FrameBuilder {
    private FrameBuilder() {
    }

    /** An ARP frame; requests go to the broadcast address unless {@code ethDst} says otherwise. */
    public static byte[] arp(long ethDst, ArpRepr arp) {
        byte[] f = new byte[EthernetFrame.HEADER_LENGTH + arp.bufferLength()];
        new EthernetRepr(ethDst, arp.senderMac(), EthernetFrame.ETHERTYPE_ARP).emit(new EthernetView().wrap(f, 0, f.length));
        arp.emit(new ArpView().wrap(f, EthernetFrame.HEADER_LENGTH, arp.bufferLength()));
        return f;
    }

    /** An IPv4/ICMP frame; the IP payload length is taken from the ICMP message. */
    public static byte[] icmp(long ethDst, long ethSrc, int src, int dst, int ttl, int ipId, Icmpv4Repr icmp) {
        Ipv4Repr ip = Ipv4Repr.of(src, dst, Ipv4View.PROTO_ICMP, ttl, ipId, icmp.bufferLength());
        // Ipv4Repr.bufferLength() is the whole datagram (header + payload).
        byte[] f = new byte[EthernetFrame.HEADER_LENGTH + ip.bufferLength()];
        int l4 = EthernetFrame.HEADER_LENGTH + Ipv4View.HEADER_LENGTH;
        new EthernetRepr(ethDst, ethSrc, EthernetFrame.ETHERTYPE_IPV4).emit(new EthernetView().wrap(f, 0, f.length));
        ip.emit(new Ipv4View().wrap(f, EthernetFrame.HEADER_LENGTH, Ipv4View.HEADER_LENGTH));
        icmp.emit(new Icmpv4View().wrap(f, l4, icmp.bufferLength()));
        return f;
    }
}
