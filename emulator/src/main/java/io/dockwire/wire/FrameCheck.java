package io.dockwire.wire;

/**
 * Validates a whole Ethernet frame from untrusted bytes the way a Linux endpoint would before
 * delivering it: Ethernet, then ARP or IPv4, then TCP/UDP/ICMP over the datagram trimmed to the IP
 * total length. Returns a {@link DropReason}, never throws. Other EtherTypes and IP protocols pass
 * as OK (a bridge forwards them as opaque bytes). Fragments pass after the IP checks: their L4
 * header can only be judged after reassembly.
 *
 * <p>Holds reusable views, so one instance per thread; {@link #check} allocates nothing.
 */
public final class FrameCheck {
    private final ArpView arp = new ArpView();
    private final Ipv4View ip = new Ipv4View();
    private final Icmpv4View icmp = new Icmpv4View();
    private final UdpView udp = new UdpView();
    private final TcpView tcp = new TcpView();

    public DropReason check(byte[] buf, int off, int len) {
        if (len < EthernetFrame.HEADER_LENGTH) {
            return DropReason.TRUNCATED_ETHERNET;
        }
        int payloadOff = off + EthernetFrame.HEADER_LENGTH;
        int payloadLen = len - EthernetFrame.HEADER_LENGTH;
        switch (EthernetFrame.etherType(buf, off)) {
            case EthernetFrame.ETHERTYPE_ARP:
                return arp.wrap(buf, payloadOff, payloadLen).check();
            case EthernetFrame.ETHERTYPE_IPV4:
                return checkIpv4(buf, payloadOff, payloadLen);
            default:
                return DropReason.OK;
        }
    }

    /** IPv4 datagram at {@code off}; {@code len} may include trailing padding. */
    public DropReason checkIpv4(byte[] buf, int off, int len) {
        DropReason r = ip.wrap(buf, off, len).check();
        if (r != DropReason.OK || ip.isFragment()) {
            return r;
        }
        int l4Off = ip.payloadOffset();
        int l4Len = ip.payloadLength(); // trimmed to total length, as pskb_trim_rcsum does
        switch (ip.protocol()) {
            case Ipv4View.PROTO_ICMP:
                return icmp.wrap(buf, l4Off, l4Len).check();
            case Ipv4View.PROTO_UDP:
                return udp.wrap(buf, l4Off, l4Len).check(ip.src(), ip.dst());
            case Ipv4View.PROTO_TCP:
                return tcp.wrap(buf, l4Off, l4Len).check(ip.src(), ip.dst());
            default:
                return DropReason.OK;
        }
    }
}
