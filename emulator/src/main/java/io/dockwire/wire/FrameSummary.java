package io.dockwire.wire;

/**
 * One line per frame in the style of {@code tcpdump -n} (no timestamp, no link header), e.g.
 * {@code IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 1, seq 1, length 64}. Sequence numbers
 * are absolute (as with {@code -S}). Malformed frames get a bracketed note instead of an
 * exception; checksum failures are appended as {@code [bad ip cksum]} etc. (tcpdump shows them only
 * with -v). Cold path: allocates freely.
 */
public final class FrameSummary {
    private FrameSummary() {
    }

    public static String describe(byte[] buf) {
        return describe(buf, 0, buf.length);
    }

    public static String describe(byte[] buf, int off, int len) {
        if (len < EthernetFrame.HEADER_LENGTH) {
            return "[|ether] truncated Ethernet frame, length " + len;
        }
        int pOff = off + EthernetFrame.HEADER_LENGTH;
        int pLen = len - EthernetFrame.HEADER_LENGTH;
        int type = EthernetFrame.etherType(buf, off);
        switch (type) {
            case EthernetFrame.ETHERTYPE_ARP:
                return arp(buf, pOff, pLen);
            case EthernetFrame.ETHERTYPE_IPV4:
                return ipv4(buf, pOff, pLen);
            case EthernetFrame.ETHERTYPE_IPV6:
                return "IP6, length " + pLen;
            default:
                return String.format("ethertype Unknown (0x%04x), length %d", type, len);
        }
    }

    static String arp(byte[] buf, int off, int len) {
        ArpView a = new ArpView().wrap(buf, off, len);
        DropReason r = a.check();
        if (r == DropReason.TRUNCATED_ARP) {
            return "ARP, [|arp] truncated, length " + len;
        }
        if (r != DropReason.OK) {
            return "ARP, unsupported hardware " + a.htype() + " / protocol " + String.format("0x%04x", a.ptype())
                    + ", length " + len;
        }
        String tail = ", length " + len;
        switch (a.operation()) {
            case ArpView.OP_REQUEST:
                String tha = a.targetMac() == 0 ? "" : " (" + MacAddress.toString(a.targetMac()) + ")";
                return "ARP, Request who-has " + Ipv4Address.toString(a.targetIp()) + tha + " tell "
                        + Ipv4Address.toString(a.senderIp()) + tail;
            case ArpView.OP_REPLY:
                return "ARP, Reply " + Ipv4Address.toString(a.senderIp()) + " is-at "
                        + MacAddress.toString(a.senderMac()) + tail;
            default:
                return "ARP, op " + a.operation() + tail;
        }
    }

    static String ipv4(byte[] buf, int off, int len) {
        Ipv4View ip = new Ipv4View().wrap(buf, off, len);
        DropReason r = ip.check();
        boolean headerReadable = r == DropReason.OK || r == DropReason.BAD_IP_CHECKSUM
                || r == DropReason.TOTAL_LENGTH_EXCEEDS_FRAME || r == DropReason.TOTAL_LENGTH_BELOW_HEADER;
        if (!headerReadable) {
            return "IP [malformed: " + r + "], length " + len;
        }
        String addrs = Ipv4Address.toString(ip.src()) + " > " + Ipv4Address.toString(ip.dst());
        // A bad checksum is reported before the length checks, so re-check the lengths here.
        boolean lengthBad = ip.totalLength() > len || ip.totalLength() < ip.headerLength();
        if (lengthBad) {
            return "IP " + addrs + ": [malformed: " + r + ", total length " + ip.totalLength() + "], length " + len;
        }
        String note = r == DropReason.BAD_IP_CHECKSUM ? " [bad ip cksum]" : "";
        int l4Off = ip.payloadOffset();
        int l4Len = ip.payloadLength();
        if (ip.fragmentOffset() != 0) {
            return "IP " + addrs + ": ip-proto-" + ip.protocol() + ", length " + l4Len + note;
        }
        boolean verify = !ip.isFragment();
        switch (ip.protocol()) {
            case Ipv4View.PROTO_ICMP:
                return "IP " + addrs + ": " + Icmpv4Summary.describe(buf, l4Off, l4Len, verify) + note;
            case Ipv4View.PROTO_UDP:
                return udp(ip, buf, l4Off, l4Len, verify) + note;
            case Ipv4View.PROTO_TCP:
                return TcpSummary.describe(ip, buf, l4Off, l4Len, verify) + note;
            default:
                return "IP " + addrs + ": ip-proto-" + ip.protocol() + ", length " + l4Len + note;
        }
    }

    private static String udp(Ipv4View ip, byte[] buf, int off, int len, boolean verify) {
        UdpView u = new UdpView().wrap(buf, off, len);
        String src = Ipv4Address.toString(ip.src());
        String dst = Ipv4Address.toString(ip.dst());
        if (len < UdpView.HEADER_LENGTH) {
            return "IP " + src + " > " + dst + ": [|udp], length " + len;
        }
        String head = "IP " + src + "." + u.srcPort() + " > " + dst + "." + u.dstPort() + ": UDP, ";
        DropReason r = u.check(ip.src(), ip.dst());
        if (r == DropReason.BAD_UDP_LENGTH || r == DropReason.TRUNCATED_L4) {
            return head + "[malformed: " + r + ", udp length " + u.udpLength() + "], length " + (len - 8);
        }
        String note = verify && r == DropReason.BAD_L4_CHECKSUM ? " [bad udp cksum]" : "";
        return head + "length " + u.payloadLength() + note;
    }
}
