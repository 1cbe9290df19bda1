package io.dockwire.wire;

/**
 * Re-pointable flyweight over an IPv4 header and its payload (RFC 791).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |0|D|M|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Getters trust the wrapped length; call {@link #check()} on untrusted bytes first. The wrapped
 * length may exceed the total length (Ethernet padding): {@link #payloadLength()} follows the
 * total length field, so L4 checks see the trimmed datagram as Linux does (pskb_trim_rcsum).
 */
public final class Ipv4View {
    public static final int VERSION_IHL_OFFSET = 0;
    public static final int DSCP_ECN_OFFSET = 1;
    public static final int TOTAL_LENGTH_OFFSET = 2;
    public static final int IDENTIFICATION_OFFSET = 4;
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    public static final int TTL_OFFSET = 8;
    public static final int PROTOCOL_OFFSET = 9;
    public static final int CHECKSUM_OFFSET = 10;
    public static final int SRC_OFFSET = 12;
    public static final int DST_OFFSET = 16;
    public static final int HEADER_LENGTH = DST_OFFSET + 4;

    public static final int PROTO_ICMP = 1;
    public static final int PROTO_IGMP = 2;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    private static final int FLAG_DF = 0x4000;
    private static final int FLAG_MF = 0x2000;
    private static final int FRAGMENT_MASK = 0x1FFF;

    private byte[] buf;
    private int off;
    private int len;

    public Ipv4View wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        return this;
    }

    /**
     * The validation order of Linux {@code ip_rcv_core}: header present, version/IHL, whole header
     * present, header checksum, then total length against the bytes received.
     */
    public DropReason check() {
        return check(buf, off, len);
    }

    /** Static form of {@link #check()} for hot loops. */
    public static DropReason check(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH) {
            return DropReason.TRUNCATED_IP;
        }
        int vihl = buf[off] & 0xFF;
        if ((vihl >>> 4) != 4) {
            return DropReason.BAD_VERSION;
        }
        int headerLength = (vihl & 0xF) * 4;
        if (headerLength < HEADER_LENGTH) {
            return DropReason.BAD_IHL;
        }
        if (headerLength > len) {
            return DropReason.TRUNCATED_IP;
        }
        if (!(headerLength == HEADER_LENGTH ? Checksum.verify20(buf, off) : Checksum.verify(buf, off, headerLength))) {
            return DropReason.BAD_IP_CHECKSUM;
        }
        int total = Bytes.u16(buf, off + TOTAL_LENGTH_OFFSET);
        if (total > len) {
            return DropReason.TOTAL_LENGTH_EXCEEDS_FRAME;
        }
        if (total < headerLength) {
            return DropReason.TOTAL_LENGTH_BELOW_HEADER;
        }
        return DropReason.OK;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int version() {
        return (buf[off] & 0xFF) >>> 4;
    }

    /** Header length in 32-bit words. */
    public int ihl() {
        return buf[off] & 0xF;
    }

    /** Sets version and IHL (words) together: they share a byte. */
    public Ipv4View versionIhl(int version, int ihl) {
        buf[off] = (byte) ((version << 4) | (ihl & 0xF));
        return this;
    }

    public int headerLength() {
        return headerLength(buf, off);
    }

    public static int headerLength(byte[] buf, int off) {
        return (buf[off] & 0xF) * 4;
    }

    public int optionsLength() {
        return headerLength() - HEADER_LENGTH;
    }

    public int dscp() {
        return (buf[off + DSCP_ECN_OFFSET] & 0xFF) >>> 2;
    }

    public int ecn() {
        return buf[off + DSCP_ECN_OFFSET] & 0x3;
    }

    /** The whole former TOS byte: DSCP << 2 | ECN. */
    public int tos() {
        return buf[off + DSCP_ECN_OFFSET] & 0xFF;
    }

    public Ipv4View tos(int tos) {
        buf[off + DSCP_ECN_OFFSET] = (byte) tos;
        return this;
    }

    public int totalLength() {
        return totalLength(buf, off);
    }

    public static int totalLength(byte[] buf, int off) {
        return Bytes.u16(buf, off + TOTAL_LENGTH_OFFSET);
    }

    public Ipv4View totalLength(int v) {
        Bytes.put16(buf, off + TOTAL_LENGTH_OFFSET, v);
        return this;
    }

    public int identification() {
        return Bytes.u16(buf, off + IDENTIFICATION_OFFSET);
    }

    public Ipv4View identification(int v) {
        Bytes.put16(buf, off + IDENTIFICATION_OFFSET, v);
        return this;
    }

    public boolean dontFragment() {
        return (flagsFragment() & FLAG_DF) != 0;
    }

    public boolean moreFragments() {
        return (flagsFragment() & FLAG_MF) != 0;
    }

    /** Fragment offset field in 8-byte units (multiply by 8 for bytes). */
    public int fragmentOffset() {
        return flagsFragment() & FRAGMENT_MASK;
    }

    /** True for any fragment: MF set or non-zero offset. L4 checks need the reassembled datagram. */
    public boolean isFragment() {
        return (flagsFragment() & (FLAG_MF | FRAGMENT_MASK)) != 0;
    }

    /** Writes the flags (the reserved bit cleared) and fragment offset (8-byte units). */
    public Ipv4View flagsFragment(boolean dontFragment, boolean moreFragments, int fragmentOffset) {
        int v = (dontFragment ? FLAG_DF : 0) | (moreFragments ? FLAG_MF : 0) | (fragmentOffset & FRAGMENT_MASK);
        Bytes.put16(buf, off + FLAGS_FRAGMENT_OFFSET, v);
        return this;
    }

    private int flagsFragment() {
        return Bytes.u16(buf, off + FLAGS_FRAGMENT_OFFSET);
    }

    public int ttl() {
        return buf[off + TTL_OFFSET] & 0xFF;
    }

    public Ipv4View ttl(int v) {
        buf[off + TTL_OFFSET] = (byte) v;
        return this;
    }

    public int protocol() {
        return protocol(buf, off);
    }

    public static int protocol(byte[] buf, int off) {
        return buf[off + PROTOCOL_OFFSET] & 0xFF;
    }

    public Ipv4View protocol(int v) {
        buf[off + PROTOCOL_OFFSET] = (byte) v;
        return this;
    }

    public int checksum() {
        return Bytes.u16(buf, off + CHECKSUM_OFFSET);
    }

    public Ipv4View checksum(int v) {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, v);
        return this;
    }

    public int src() {
        return src(buf, off);
    }

    public static int src(byte[] buf, int off) {
        return Ipv4Address.read(buf, off + SRC_OFFSET);
    }

    public Ipv4View src(int addr) {
        Ipv4Address.write(buf, off + SRC_OFFSET, addr);
        return this;
    }

    public int dst() {
        return dst(buf, off);
    }

    public static int dst(byte[] buf, int off) {
        return Ipv4Address.read(buf, off + DST_OFFSET);
    }

    public Ipv4View dst(int addr) {
        Ipv4Address.write(buf, off + DST_OFFSET, addr);
        return this;
    }

    /** Absolute index in {@link #buffer()} of the first payload byte. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Payload length from the total length field, so trailing Ethernet padding is excluded. */
    public int payloadLength() {
        return totalLength() - headerLength();
    }

    /** Computes and stores the header checksum over IHL*4 bytes. */
    public Ipv4View fillChecksum() {
        Bytes.put16(buf, off + CHECKSUM_OFFSET, 0);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.compute(buf, off, headerLength()));
        return this;
    }

    public boolean verifyChecksum() {
        return Checksum.verify(buf, off, headerLength());
    }

    /**
     * TTL minus one with the header checksum patched per RFC 1624 (RFC 1812 5.3.1 / Linux
     * ip_decrease_ttl); the caller decides beforehand what TTL <= 1 means (ICMP time exceeded).
     */
    public Ipv4View decrementTtl() {
        decrementTtl(buf, off);
        return this;
    }

    /** Static form of {@link #decrementTtl()}. TTL and protocol share one checksummed word. */
    public static void decrementTtl(byte[] buf, int off) {
        int oldWord = Bytes.u16(buf, off + TTL_OFFSET);
        buf[off + TTL_OFFSET]--;
        int newWord = Bytes.u16(buf, off + TTL_OFFSET);
        int sum = Bytes.u16(buf, off + CHECKSUM_OFFSET);
        Bytes.put16(buf, off + CHECKSUM_OFFSET, Checksum.update16(sum, oldWord, newWord));
    }

    /** Source rewrite (SNAT) that keeps the header checksum valid. L4 checksums are the caller's. */
    public Ipv4View rewriteSrc(int addr) {
        int old = src();
        src(addr);
        checksum(Checksum.update32(checksum(), old, addr));
        return this;
    }

    /** Destination rewrite (DNAT) that keeps the header checksum valid. */
    public Ipv4View rewriteDst(int addr) {
        int old = dst();
        dst(addr);
        checksum(Checksum.update32(checksum(), old, addr));
        return this;
    }
}
