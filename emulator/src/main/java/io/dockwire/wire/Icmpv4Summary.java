package io.dockwire.wire;

/** tcpdump-style text for an ICMPv4 message (print-icmp.c wording). */
final class Icmpv4Summary {
    private Icmpv4Summary() {
    }

    static String describe(byte[] buf, int off, int len, boolean verify) {
        Icmpv4View v = new Icmpv4View().wrap(buf, off, len);
        if (len < Icmpv4View.HEADER_LENGTH) {
            return "ICMP [|icmp], length " + len;
        }
        String note = verify && v.check() == DropReason.BAD_L4_CHECKSUM ? " [bad icmp cksum]" : "";
        return "ICMP " + body(v) + ", length " + len + note;
    }

    private static String body(Icmpv4View v) {
        switch (v.type()) {
            case Icmpv4View.TYPE_ECHO_REQUEST:
                return "echo request, id " + v.identifier() + ", seq " + v.sequence();
            case Icmpv4View.TYPE_ECHO_REPLY:
                return "echo reply, id " + v.identifier() + ", seq " + v.sequence();
            case Icmpv4View.TYPE_TIME_EXCEEDED:
                return v.code() == 1 ? "ip reassembly time exceeded" : "time exceeded in-transit";
            case Icmpv4View.TYPE_DEST_UNREACHABLE:
                return unreachable(v);
            default:
                return "type-#" + v.type();
        }
    }

    /** Names the quoted datagram's destination, as tcpdump does. */
    private static String unreachable(Icmpv4View v) {
        byte[] b = v.buffer();
        int q = v.dataOffset();
        int qLen = v.dataLength();
        if (qLen < Ipv4View.HEADER_LENGTH) {
            return "destination unreachable, code " + v.code() + " [|icmp]";
        }
        String dst = Ipv4Address.toString(Ipv4View.dst(b, q));
        int proto = Ipv4View.protocol(b, q);
        switch (v.code()) {
            case Icmpv4View.CODE_NET_UNREACHABLE:
                return "net " + dst + " unreachable";
            case Icmpv4View.CODE_HOST_UNREACHABLE:
                return "host " + dst + " unreachable";
            case Icmpv4View.CODE_PROTOCOL_UNREACHABLE:
                return dst + " protocol " + proto + " unreachable";
            case Icmpv4View.CODE_PORT_UNREACHABLE:
                int ihl = Ipv4View.headerLength(b, q);
                if (ihl < Ipv4View.HEADER_LENGTH || qLen < ihl + 4) {
                    return dst + " port unreachable [|icmp]";
                }
                String p = proto == Ipv4View.PROTO_UDP ? "udp" : proto == Ipv4View.PROTO_TCP ? "tcp" : "proto-" + proto;
                return dst + " " + p + " port " + Bytes.u16(b, q + ihl + 2) + " unreachable";
            case Icmpv4View.CODE_FRAG_NEEDED:
                return dst + " unreachable - need to frag (mtu " + v.nextHopMtu() + ")";
            default:
                return dst + " unreachable - code " + v.code();
        }
    }
}
