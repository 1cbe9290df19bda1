package io.dockwire.wire;

/** tcpdump-style text for a TCP segment (print-tcp.c field order). */
final class TcpSummary {
    private static final int[] FLAG_BITS = {TcpView.FIN, TcpView.SYN, TcpView.RST, TcpView.PSH, TcpView.ACK,
        TcpView.URG, TcpView.ECE, TcpView.CWR};
    private static final char[] FLAG_CHARS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

    private TcpSummary() {
    }

    static String describe(Ipv4View ip, byte[] buf, int off, int len, boolean verify) {
        String src = Ipv4Address.toString(ip.src());
        String dst = Ipv4Address.toString(ip.dst());
        TcpView t = new TcpView().wrap(buf, off, len);
        if (len < TcpView.HEADER_LENGTH) {
            return "IP " + src + " > " + dst + ": [|tcp], length " + len;
        }
        StringBuilder sb = new StringBuilder(128);
        sb.append("IP ").append(src).append('.').append(t.srcPort()).append(" > ").append(dst).append('.')
                .append(t.dstPort()).append(": ");
        DropReason r = t.check(ip.src(), ip.dst());
        if (r == DropReason.TRUNCATED_L4 || r == DropReason.BAD_TCP_DATA_OFFSET) {
            return sb.append("[malformed: ").append(r).append(", data offset ").append(t.dataOffset())
                    .append("], length ").append(len).toString();
        }
        int payload = t.payloadLength();
        sb.append("Flags [").append(flags(t.flags())).append(']');
        if (payload > 0 || (t.flags() & (TcpView.SYN | TcpView.FIN | TcpView.RST)) != 0) {
            sb.append(", seq ").append(t.seq());
            if (payload > 0) {
                sb.append(':').append((t.seq() + payload) & 0xFFFF_FFFFL);
            }
        }
        if ((t.flags() & TcpView.ACK) != 0) {
            sb.append(", ack ").append(t.ack());
        }
        sb.append(", win ").append(t.window());
        if ((t.flags() & TcpView.URG) != 0) {
            sb.append(", urg ").append(t.urgent());
        }
        if (t.optionsLength() > 0) {
            sb.append(", options [");
            options(sb, buf, t.optionsOffset(), t.optionsLength());
            sb.append(']');
        }
        sb.append(", length ").append(payload);
        if (verify && r == DropReason.BAD_L4_CHECKSUM) {
            sb.append(" [bad tcp cksum]");
        }
        return sb.toString();
    }

    static String flags(int flags) {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                sb.append(FLAG_CHARS[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** Options in wire order: {@code mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7}. */
    static void options(StringBuilder sb, byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean first = true;
        while (i < end) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            int kind = buf[i] & 0xFF;
            if (kind == TcpOptions.KIND_EOL) {
                sb.append("eol");
                return;
            }
            if (kind == TcpOptions.KIND_NOP) {
                sb.append("nop");
                i++;
                continue;
            }
            int olen = i + 1 < end ? buf[i + 1] & 0xFF : 0;
            if (olen < 2 || i + olen > end) {
                sb.append("bad opt");
                return;
            }
            option(sb, buf, i, kind, olen);
            i += olen;
        }
    }

    private static void option(StringBuilder sb, byte[] buf, int i, int kind, int olen) {
        if (kind == TcpOptions.KIND_MSS && olen == 4) {
            sb.append("mss ").append(Bytes.u16(buf, i + 2));
        } else if (kind == TcpOptions.KIND_WSCALE && olen == 3) {
            sb.append("wscale ").append(buf[i + 2] & 0xFF);
        } else if (kind == TcpOptions.KIND_SACK_PERM && olen == 2) {
            sb.append("sackOK");
        } else if (kind == TcpOptions.KIND_TIMESTAMP && olen == 10) {
            sb.append("TS val ").append(Bytes.u32(buf, i + 2)).append(" ecr ").append(Bytes.u32(buf, i + 6));
        } else if (kind == TcpOptions.KIND_SACK && (olen - 2) % 8 == 0) {
            sb.append("sack ").append((olen - 2) / 8).append(' ');
            for (int j = i + 2; j < i + olen; j += 8) {
                sb.append('{').append(Bytes.u32(buf, j)).append(':').append(Bytes.u32(buf, j + 4)).append('}');
            }
        } else {
            sb.append("unknown-").append(kind);
            for (int j = i + 2; j < i + olen; j++) {
                sb.append(j == i + 2 ? " 0x" : "").append(String.format("%02x", buf[j] & 0xFF));
            }
        }
    }
}
