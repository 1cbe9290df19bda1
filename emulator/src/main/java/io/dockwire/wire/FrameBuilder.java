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
        byte[] f = ipv4(ethDst, ethSrc, src, dst, Ipv4View.PROTO_ICMP, ttl, ipId, icmp.bufferLength());
        icmp.emit(new Icmpv4View().wrap(f, L4, icmp.bufferLength()));
        return f;
    }

    /** An IPv4/TCP frame; the IP payload length is taken from the segment. */
    public static byte[] tcp(long ethDst, long ethSrc, int src, int dst, int ttl, int ipId, TcpRepr tcp) {
        byte[] f = ipv4(ethDst, ethSrc, src, dst, Ipv4View.PROTO_TCP, ttl, ipId, tcp.bufferLength());
        tcp.emit(new TcpView().wrap(f, L4, tcp.bufferLength()), src, dst);
        return f;
    }

    private static final int L4 = EthernetFrame.HEADER_LENGTH + Ipv4View.HEADER_LENGTH;

    /** A frame with its Ethernet and IPv4 headers written and room for {@code l4Length} bytes after them. */
    private static byte[] ipv4(long ethDst, long ethSrc, int src, int dst, int protocol, int ttl, int ipId, int l4Length) {
        Ipv4Repr ip = Ipv4Repr.of(src, dst, protocol, ttl, ipId, l4Length);
        // Ipv4Repr.bufferLength() is the whole datagram (header + payload).
        byte[] f = new byte[EthernetFrame.HEADER_LENGTH + ip.bufferLength()];
        new EthernetRepr(ethDst, ethSrc, EthernetFrame.ETHERTYPE_IPV4).emit(new EthernetView().wrap(f, 0, f.length));
        ip.emit(new Ipv4View().wrap(f, EthernetFrame.HEADER_LENGTH, Ipv4View.HEADER_LENGTH));
        return f;
    }
}
