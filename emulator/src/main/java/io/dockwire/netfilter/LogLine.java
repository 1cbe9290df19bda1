package io.dockwire.netfilter;

import io.dockwire.wire.Bytes;

import io.dockwire.wire.Ipv4Address;
import io.dockwire.wire.Ipv4View;

/**
 * The kernel log line of the LOG target (nf_log_dump_ipv4_packet with default flags), minus the
 * MAC= field the netfilter layer does not see here.
 */
final class LogLine {
    private LogLine() {
    }

    static String format(String prefix, NfPacket p) {
        byte[] b = p.buf;
        int o = p.off;
        StringBuilder sb = new StringBuilder(prefix);
        sb.append("IN=").append(p.inName).append(" OUT=").append(p.outName)
                .append(" SRC=").append(Ipv4Address.toString(p.src)).append(" DST=").append(Ipv4Address.toString(p.dst))
                .append(" LEN=").append(p.totalLen)
                .append(String.format(" TOS=0x%02X PREC=0x%02X", b[o + 1] & 0x1E, b[o + 1] & 0xE0))
                .append(" TTL=").append(b[o + Ipv4View.TTL_OFFSET] & 0xFF)
                .append(" ID=").append(Bytes.u16(b, o + Ipv4View.IDENTIFICATION_OFFSET));
        int ff = Bytes.u16(b, o + Ipv4View.FLAGS_FRAGMENT_OFFSET);
        if ((ff & 0x8000) != 0) {
            sb.append(" CE");
        }
        if ((ff & 0x4000) != 0) {
            sb.append(" DF");
        }
        if ((ff & 0x2000) != 0) {
            sb.append(" MF");
        }
        if ((ff & 0x1FFF) != 0) {
            sb.append(" FRAG:").append(ff & 0x1FFF);
            return sb.toString();
        }
        switch (p.proto) {
            case Ipv4View.PROTO_TCP -> {
                sb.append(" PROTO=TCP");
                if (p.l4Ok) {
                    int f = p.tcpFlags;
                    sb.append(" SPT=").append(p.sport).append(" DPT=").append(p.dport)
                            .append(" WINDOW=").append(Bytes.u16(b, p.l4Off + 14))
                            .append(String.format(" RES=0x%02x", b[p.l4Off + 12] & 0x0E));
                    String[] names = {"CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
                    for (int i = 0; i < 8; i++) {
                        if ((f & (0x80 >> i)) != 0) {
                            sb.append(' ').append(names[i]);
                        }
                    }
                    sb.append(" URGP=").append(Bytes.u16(b, p.l4Off + 18));
                }
            }
            case Ipv4View.PROTO_UDP -> {
                sb.append(" PROTO=UDP");
                if (p.l4Ok) {
                    sb.append(" SPT=").append(p.sport).append(" DPT=").append(p.dport)
                            .append(" LEN=").append(Bytes.u16(b, p.l4Off + 4));
                }
            }
            case Ipv4View.PROTO_ICMP -> {
                sb.append(" PROTO=ICMP");
                if (p.l4Ok) {
                    sb.append(" TYPE=").append(p.icmpType).append(" CODE=").append(p.icmpCode);
                    if (p.icmpType == 0 || p.icmpType == 8) {
                        sb.append(" ID=").append(Bytes.u16(b, p.l4Off + 4)).append(" SEQ=").append(Bytes.u16(b, p.l4Off + 6));
                    }
                }
            }
            default -> sb.append(" PROTO=").append(p.proto);
        }
        return sb.toString();
    }
}
