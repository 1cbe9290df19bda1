package io.dockwire.apps;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS messages as RFC 1035 section 4 lays them out, only as much as A lookups need: a query
 * with one question, and a response echoing the question with A answers whose names point
 * back at it (compression pointer 0xC00C, as every common server writes them).
 *
 * <pre>
 *  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * |                      ID                       |
 * |QR|  Opcode   |AA|TC|RD|RA|   Z    |   RCODE   |
 * |    QDCOUNT    |    ANCOUNT    |  NSCOUNT  | ARCOUNT |
 * </pre>
 */
record DnsMessage(int id, int flags, String name, int qtype, List<Integer> addrs, int ttl) {
    static final int TYPE_A = 1;
    static final int TYPE_AAAA = 28;
    static final int QR = 0x8000;
    static final int AA = 0x0400;
    static final int RD = 0x0100;
    static final int RA = 0x0080;
    static final int NOERROR = 0;
    static final int SERVFAIL = 2;
    static final int NXDOMAIN = 3;

    int rcode() {
        return flags & 0xF;
    }

    boolean isResponse() {
        return (flags & QR) != 0;
    }

    /** A standard recursive query (RD set), as glibc's res_mkquery and musl build it. */
    static byte[] query(int id, String name, int qtype) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        header(b, id, RD, 1, 0);
        question(b, name, qtype);
        return b.toByteArray();
    }

    /** The response to {@code q}: QR, RA, RD copied, the question echoed, one A RR per address. */
    static byte[] response(DnsMessage q, int rcode, boolean authoritative, List<Integer> addrs, int ttl) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int flags = QR | (q.flags & RD) | RA | rcode | (authoritative ? AA : 0);
        header(b, q.id, flags, 1, addrs.size());
        question(b, q.name, q.qtype);
        for (int a : addrs) {
            short16(b, 0xC00C);
            short16(b, TYPE_A);
            short16(b, 1);
            short16(b, ttl >>> 16);
            short16(b, ttl & 0xFFFF);
            short16(b, 4);
            short16(b, a >>> 16);
            short16(b, a & 0xFFFF);
        }
        return b.toByteArray();
    }

    /** Parses a query or response; null for anything malformed (a server drops it, as BIND does). */
    static DnsMessage parse(byte[] buf, int off, int len) {
        try {
            if (len < 12) {
                return null;
            }
            int id = u16(buf, off);
            int flags = u16(buf, off + 2);
            int qd = u16(buf, off + 4);
            int an = u16(buf, off + 6);
            if (qd != 1) {
                return null;
            }
            int[] pos = {off + 12};
            String name = readName(buf, off, off + len, pos);
            int qtype = u16(buf, pos[0]);
            pos[0] += 4;
            List<Integer> addrs = new ArrayList<>();
            int ttl = 0;
            for (int i = 0; i < an; i++) {
                readName(buf, off, off + len, pos);
                int type = u16(buf, pos[0]);
                int rttl = (u16(buf, pos[0] + 4) << 16) | u16(buf, pos[0] + 6);
                int rdlen = u16(buf, pos[0] + 8);
                int rdata = pos[0] + 10;
                if (rdata + rdlen > off + len) {
                    return null;
                }
                if (type == TYPE_A && rdlen == 4) {
                    addrs.add((u16(buf, rdata) << 16) | u16(buf, rdata + 2));
                    ttl = rttl;
                }
                pos[0] = rdata + rdlen;
            }
            return new DnsMessage(id, flags, name, qtype, addrs, ttl);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String readName(byte[] buf, int start, int end, int[] pos) {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        boolean jumped = false;
        for (int hops = 0; hops < 32; hops++) {
            if (p >= end) {
                throw new ArrayIndexOutOfBoundsException(p);
            }
            int l = buf[p] & 0xFF;
            if (l == 0) {
                if (!jumped) {
                    pos[0] = p + 1;
                }
                return sb.toString();
            }
            if ((l & 0xC0) == 0xC0) {
                if (!jumped) {
                    pos[0] = p + 2;
                }
                jumped = true;
                p = start + (((l & 0x3F) << 8) | (buf[p + 1] & 0xFF));
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(new String(buf, p + 1, l, java.nio.charset.StandardCharsets.US_ASCII));
            p += 1 + l;
        }
        throw new ArrayIndexOutOfBoundsException(-1); // pointer loop
    }

    private static void header(ByteArrayOutputStream b, int id, int flags, int qd, int an) {
        short16(b, id);
        short16(b, flags);
        short16(b, qd);
        short16(b, an);
        short16(b, 0);
        short16(b, 0);
    }

    private static void question(ByteArrayOutputStream b, String name, int qtype) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                b.write(label.length());
                b.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        b.write(0);
        short16(b, qtype);
        short16(b, 1); // class IN
    }

    private static void short16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    private static int u16(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    }
}
